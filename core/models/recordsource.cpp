#include "models/recordsource.h"

#include "unified/resourceregistry.h"

namespace crossline {

QString RecordSource::path() const
{
    const ResourceRegistry::Entry *entry = ResourceRegistry::find(providerName(), resource);
    return entry ? entry->path : QString();
}

QString RecordSource::kindName() const
{
    const ResourceRegistry::RecordKind *kind = ResourceRegistry::recordKind(resource);
    return kind ? kind->plural : resource;
}

QString RecordSource::providerName() const
{
    return provider == Provider::Nango ? QStringLiteral("nango") : QStringLiteral("panora");
}

bool RecordSource::providerFromName(const QString &name, Provider *provider)
{
    if (name == QLatin1String("panora"))
        *provider = Provider::Panora;
    else if (name == QLatin1String("nango"))
        *provider = Provider::Nango;
    else
        return false;
    return true;
}

} // namespace crossline
