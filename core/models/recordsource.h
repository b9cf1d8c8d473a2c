#pragma once

#include <QString>

namespace crossline {

// What a records browser lists: contacts or employees, from Panora (cursor paging) or from Nango's compatible
// paths (/crm/contacts, /hris/employees), and how many rows one page asks for.
struct RecordSource
{
    enum class Kind
    {
        Contacts,
        Employees
    };
    enum class Provider
    {
        Panora,
        Nango
    };

    Kind kind = Kind::Contacts;
    Provider provider = Provider::Panora;
    int pageSize = 100;

    QString path() const; // the resource registry's path: "/crm/contacts" or "/hris/employees"
    QString resourceName() const; // the registry's resource: "crm.contact" | "hr.employee"
    QString kindName() const; // "contacts" | "employees"
    QString providerName() const; // "panora" | "nango"
    // Parses the CLI's words ("contacts", "nango"); false when a word is unknown.
    static bool kindFromName(const QString &name, Kind *kind);
    static bool providerFromName(const QString &name, Provider *provider);

    friend bool operator==(const RecordSource &a, const RecordSource &b)
    {
        return a.kind == b.kind && a.provider == b.provider && a.pageSize == b.pageSize;
    }
    friend bool operator!=(const RecordSource &a, const RecordSource &b) { return !(a == b); }
};

} // namespace crossline
