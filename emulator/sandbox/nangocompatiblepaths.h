#pragma once

#include "seeddata.h"
#include "servicetypes.h"

#include <QJsonObject>
#include <QList>

#include <mutex>

namespace crossline::sandbox {

// The compatible resource paths on the Nango base URL, seeded with contacts and employees: GET and POST
// /crm/contacts and /hris/employees, GET /crm/contacts/{id} and /hris/employees/{id}. They are not part of Nango's own
// API: a deployment that fronts Nango with the original backend serves them, and Crossline's Nango profiles use them
// by default. The seeded rows are generated from their index when asked for (SeedData); created ones follow them.
// Thread-safe.
class NangoCompatiblePaths
{
public:
    NangoCompatiblePaths(int contacts = SeedData::kNangoContacts, int employees = SeedData::kNangoEmployees);

    // `employees` chooses /hris/employees, else /crm/contacts.
    ServiceReply list(const ServiceRequest &request, bool employees);
    ServiceReply get(const QString &id, bool employees);
    ServiceReply create(const ServiceRequest &request, bool employees);

private:
    struct Table
    {
        int seeded = 0;
        QList<QJsonObject> created;
    };

    std::mutex m_mutex;
    Table m_contacts;
    Table m_employees;
    int m_nextContact = 0;
    int m_nextEmployee = 0;
};

} // namespace crossline::sandbox
