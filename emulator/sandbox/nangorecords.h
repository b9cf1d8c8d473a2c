#pragma once

#include "seeddata.h"
#include "servicetypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <mutex>

namespace crossline::sandbox {

class NangoConnections;

// What a real Nango deployment serves instead of the compatible paths: records of deployed syncs and actions, for
// the seeded HubSpot-like "hubspot" integration (sync "contacts" → model Contact, sync "companies" → model Company,
// action "create-contact") and the
// BambooHR-like "bamboohr-basic" one (sync "employees" → model Employee):
//   GET  /records?model=…            Connection-Id + Provider-Config-Key headers; cursor paging where a page may hold
//                                    fewer records than `limit` (at most 37 here); ids=…; filter; modified_after
//   POST /action/trigger             {action_name, input}: 200 with the output, or with X-Async: true 202 + an id
//   GET  /action/{id}                404 not_found until the asynchronous action has finished, then 200 + output
//   GET  /integrations/{key}/functions   paged as Nango pages them (page from 0, limit 1–100, default 20)
//   GET /sync/status, POST /sync/trigger
// An action whose input email starts with "exists@" fails as HubSpot's 409 would: 424 script_http_error. Thread-safe.
//
// The seeded records are generated from their index when a page asks for them (SeedData); those the action creates
// follow them, kept as objects.
class NangoRecords
{
public:
    NangoRecords(const NangoConnections &connections, int contacts = SeedData::kNangoRecords,
        int employees = SeedData::kNangoEmployees);

    // Answers the request when it is one of the routes above; nothing otherwise.
    std::optional<ServiceReply> handle(const ServiceRequest &request);

    static constexpr int MaxPage = 37; // records per page at most, whatever `limit` asks

private:
    ServiceReply records(const ServiceRequest &request);
    ServiceReply trigger(const ServiceRequest &request);
    ServiceReply actionResult(const QString &id);
    ServiceReply functions(const QString &integration, const ServiceRequest &request);
    ServiceReply syncStatus(const ServiceRequest &request);
    ServiceReply syncTrigger(const ServiceRequest &request);
    // The connection the control headers name, or the 400 a real Nango answers.
    std::optional<ServiceReply> checkConnection(const ServiceRequest &request, QString *integration);

    // One model's records, oldest modification first: the seeded ones, then those created by the action (with their
    // _nango_metadata).
    struct Model
    {
        enum class Kind
        {
            Contact,
            Employee,
            Company
        };
        Kind kind = Kind::Contact;
        int seeded = 0;
        QList<QJsonObject> created;

        qsizetype size() const { return seeded + created.size(); }
        QString id(qsizetype i) const;
        QString lastAction(qsizetype i) const;
        void append(QByteArray &out, qsizetype i) const;
    };

    const NangoConnections &m_connections;
    std::mutex m_mutex;
    QHash<QString, Model> m_models; // "Contact" / "Employee" / "Company"
    struct Pending
    {
        qint64 readyAtMs = 0;
        QJsonObject output;
    };
    QHash<QString, Pending> m_actions; // asynchronous action id → its result
    QHash<QString, qint64> m_lastSyncMs; // sync name → when it last finished (ms since the epoch)
    int m_nextContact = 0;
};

} // namespace crossline::sandbox
