#pragma once

#include "servicetypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <mutex>
#include <optional>

namespace crossline::sandbox {

class NangoUpstreams;

// An integration (provider config) of the emulated Nango. The sandbox has two, fixed: whatsapp-business and twilio.
struct NangoIntegration
{
    QString key;
    QString provider;
    QString authMode; // API_KEY or BASIC
    QString baseUrl;
};

struct NangoConnection
{
    int id = 0;
    QString connectionId;
    QString providerConfigKey;
    QString provider;
    QDateTime created;
    QDateTime updated;
    QJsonValue metadata;
    QJsonObject tags;
    QJsonArray errors;
    QJsonObject connectionConfig;
    QJsonObject credentials; // {type:"API_KEY",apiKey} or {type:"BASIC",username,password}
    QJsonValue webhookUrlOverride;
};

// The emulated Nango's connections, seeded: the routes that list, get, delete (here) and import them
// (nangoimport.cpp), and the lookups the Requests Proxy needs. Thread-safe.
class NangoConnections
{
public:
    explicit NangoConnections(NangoUpstreams &upstreams);

    ServiceReply list(const ServiceRequest &request); // GET /connections, /connection
    ServiceReply get(const QString &connectionId, const ServiceRequest &request); // GET /connections/{id}
    ServiceReply remove(const QString &connectionId, const ServiceRequest &request); // DELETE /connections/{id}
    ServiceReply import(const ServiceRequest &request); // POST /connections, with the credential test
    ServiceReply legacyImport(const ServiceRequest &request); // POST /connection, flat body, no credential test

    std::optional<NangoIntegration> integration(const QString &key) const;
    // The real-Nango mode's synced integrations get a connection each: hubspot-acme (hubspot) and bamboohr-acme
    // (bamboohr-basic). Idempotent.
    void addSyncedConnections();
    // A copy of the connection, as it is now.
    std::optional<NangoConnection> connection(const QString &connectionId, const QString &providerConfigKey) const;

private:
    // Both with m_mutex held.
    NangoConnection *find(const QString &connectionId, const QString &providerConfigKey);
    NangoConnection &upsert(const QString &connectionId, const NangoIntegration &integration);

    static QJsonObject listItem(const NangoConnection &c);
    static QJsonObject fullItem(const NangoConnection &c, bool withCredentials, bool offsetTimestamps);

    NangoUpstreams &m_upstreams;
    const QList<NangoIntegration> m_integrations; // never changes: read without the lock

    mutable std::mutex m_mutex;
    QList<NangoConnection> m_connections;
    int m_nextId = 1;
};

} // namespace crossline::sandbox
