#pragma once

#include "servicetypes.h"

#include <QJsonObject>
#include <QList>

#include <mutex>

namespace crossline::sandbox {

// The compatible resource paths on the Nango base URL, seeded with contacts and employees: GET and POST
// /crm/contacts and /hris/employees, GET /crm/contacts/{id} and /hris/employees/{id}. They are not part of Nango's own
// API: a deployment that fronts Nango with the original backend serves them, and Crossline's Nango profiles use them
// by default. Thread-safe.
class NangoCompatiblePaths
{
public:
    NangoCompatiblePaths();

    // `employees` chooses /hris/employees, else /crm/contacts.
    ServiceReply list(const ServiceRequest &request, bool employees);
    ServiceReply get(const QString &id, bool employees);
    ServiceReply create(const ServiceRequest &request, bool employees);

private:
    std::mutex m_mutex;
    QList<QJsonObject> m_contacts;
    QList<QJsonObject> m_employees;
    int m_nextContact = 0;
    int m_nextEmployee = 0;
};

} // namespace crossline::sandbox
