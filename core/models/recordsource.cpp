#include "models/recordsource.h"

#include "unified/resourceregistry.h"

namespace crossline {

QString RecordSource::path() const
{
    const ResourceRegistry::Entry *entry = ResourceRegistry::find(providerName(), resourceName());
    return entry ? entry->path : QString();
}

QString RecordSource::resourceName() const
{
    return kind == Kind::Employees ? QStringLiteral("hr.employee") : QStringLiteral("crm.contact");
}

QString RecordSource::kindName() const
{
    return kind == Kind::Employees ? QStringLiteral("employees") : QStringLiteral("contacts");
}

QString RecordSource::providerName() const
{
    return provider == Provider::Nango ? QStringLiteral("nango") : QStringLiteral("panora");
}

bool RecordSource::kindFromName(const QString &name, Kind *kind)
{
    if (name == QLatin1String("contacts"))
        *kind = Kind::Contacts;
    else if (name == QLatin1String("employees"))
        *kind = Kind::Employees;
    else
        return false;
    return true;
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
