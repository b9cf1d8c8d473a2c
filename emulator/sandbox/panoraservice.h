#pragma once

#include "seeddata.h"
#include "servicetypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <atomic>
#include <mutex>
#include <optional>

namespace crossline::sandbox {

// The emulated Panora unified API: /crm/contacts, and /hris/employees (as at 3a234662) while enabled. The seeded
// contacts and employees are generated from their index when a page asks for them (SeedData); contacts created here
// follow them, kept as objects. Thread-safe.
class PanoraService
{
public:
    PanoraService(int contacts = SeedData::kPanoraContacts, int employees = SeedData::kPanoraEmployees);

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

    // The contact at `index` (seeded, then created), appended as JSON.
    void appendContact(QByteArray &out, qsizetype index, bool remoteData) const;
    QString contactId(qsizetype index) const;
    std::optional<qsizetype> contactIndex(const QString &id);

    mutable std::mutex m_mutex;
    const int m_seededContacts; // created_at ascending, then the created ones
    SeedIdIndex m_seededContactIds;
    QList<QJsonObject> m_createdContacts; // never synced from the CRM: remote_data fails on them
    QHash<QString, qsizetype> m_createdContactIndex;
    const int m_employees;
    SeedIdIndex m_employeeIds;
    std::atomic<bool> m_hris { true };
    int m_nextRemoteId = 0;
};

} // namespace crossline::sandbox
