#pragma once

#include "config/profile.h"
#include "expected.h"

#include <QString>

namespace crossline {

// What a records browser lists: a resource the registry browses ("crm.contact", "hr.employee"), from Panora
// (cursor paging) or from Nango's compatible paths, and how many rows one page asks for.
struct RecordSource
{
    enum class Provider
    {
        Panora,
        Nango
    };

    QString resource = QStringLiteral("crm.contact");
    Provider provider = Provider::Panora;
    int pageSize = 100;
    // Nango with synced records: the connection and model to read, overriding the profile's mapping where set.
    RecordsMapping records;
    bool syncedRecords = false; // read Nango's synced records even when the profile keeps the compatible paths

    QString path() const; // the resource registry's path: "/crm/contacts" or "/hris/employees"
    QString kindName() const; // the registry's plural: "contacts" | "employees"
    QString providerName() const; // "panora" | "nango"
    static Expected<Provider> providerNamed(const QString &name); // "panora" | "nango"; a validation error otherwise

    friend bool operator==(const RecordSource &a, const RecordSource &b)
    {
        return a.resource == b.resource && a.provider == b.provider && a.pageSize == b.pageSize
            && a.records == b.records && a.syncedRecords == b.syncedRecords;
    }
    friend bool operator!=(const RecordSource &a, const RecordSource &b) { return !(a == b); }
};

} // namespace crossline
