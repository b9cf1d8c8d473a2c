#pragma once

#include "servicetypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>

#include <atomic>
#include <mutex>

namespace crossline::sandbox {

// The emulated Panora unified API: /crm/contacts, and /hris/employees (as at 3a234662) while enabled. Thread-safe.
class PanoraService
{
public:
    PanoraService();

    ServiceReply handle(const ServiceRequest &request);
    int contactCount() const;
    int employeeCount() const;
    void setHrisEnabled(bool enabled);

private:
    ServiceReply listContacts(const ServiceRequest &request);
    ServiceReply getContact(const QString &id, const ServiceRequest &request);
    ServiceReply createContact(const ServiceRequest &request);
    ServiceReply listEmployees(const ServiceRequest &request);
    ServiceReply getEmployee(const QString &id, const ServiceRequest &request);

    mutable std::mutex m_mutex;
    QList<QJsonObject> m_contacts; // created_at ascending
    QHash<QString, int> m_contactIndex;
    QSet<QString> m_withoutRemoteData; // created here, never synced from the CRM: remote_data fails on them
    QList<QJsonObject> m_employees;
    QHash<QString, int> m_employeeIndex;
    std::atomic<bool> m_hris { true };
    int m_nextRemoteId = 0;
};

} // namespace crossline::sandbox
