#include "models/recordsource.h"

#include "unified/resourceregistry.h"

#include <QCoreApplication>

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

Expected<RecordSource::Provider> RecordSource::providerNamed(const QString &name)
{
    if (name == QLatin1String("panora"))
        return Provider::Panora;
    if (name == QLatin1String("nango"))
        return Provider::Nango;
    return Error::validation(QStringLiteral("provider"),
        QCoreApplication::translate("crossline::RecordSource", "--provider must be nango or panora."));
}

} // namespace crossline
