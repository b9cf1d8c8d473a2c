#pragma once

#include "servicetypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <mutex>
#include <optional>

namespace crossline::sandbox {

class RequestLog;
class TwilioUpstream;
class WhatsAppUpstream;

// The emulated Nango server (reference/nango.md): auth, connections (list, get, delete, import with the
// credential test, legacy flat import), the seed's compatible paths, /records, and the Requests Proxy in front of
// the emulated WhatsApp Cloud and Twilio upstreams. Thread-safe.
class NangoService
{
public:
    NangoService(RequestLog &log, WhatsAppUpstream &whatsapp, TwilioUpstream &twilio);

    ServiceReply handle(const ServiceRequest &request);

private:
    struct Integration
    {
        QString key;
        QString provider;
        QString authMode; // API_KEY or BASIC
        QString baseUrl;
        QDateTime created;
    };
    struct Connection
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

    ServiceReply listConnections(const ServiceRequest &request);
    ServiceReply getConnection(const QString &connectionId, const ServiceRequest &request);
    ServiceReply deleteConnection(const QString &connectionId, const ServiceRequest &request);
    ServiceReply patchConnection(const QString &connectionId, const ServiceRequest &request);
    ServiceReply importConnection(const ServiceRequest &request);
    ServiceReply legacyImportConnection(const ServiceRequest &request);
    ServiceReply listIntegrations();
    ServiceReply compatibleList(const ServiceRequest &request, bool employees);
    ServiceReply compatibleGet(const QString &id, bool employees);
    ServiceReply compatibleCreate(const ServiceRequest &request, bool employees);
    ServiceReply records(const ServiceRequest &request);
    ServiceReply proxy(const ServiceRequest &request);

    // Runs the provider's verification call against the emulated upstream (and records it); true on 2xx.
    bool testCredentials(const Integration &integration, const QJsonObject &credentials);
    // Calls the emulated upstream for `host` and records the forwarded request.
    ServiceReply forward(const QString &host, const ServiceRequest &upstreamRequest);

    std::optional<Integration> integration(const QString &key) const;
    Connection *findConnection(const QString &connectionId, const QString &providerConfigKey);
    Connection &upsert(const QString &connectionId, const Integration &integration);

    static QJsonObject listItem(const Connection &c);
    static QJsonObject fullItem(const Connection &c, bool withCredentials, bool offsetTimestamps);

    RequestLog &m_log;
    WhatsAppUpstream &m_whatsapp;
    TwilioUpstream &m_twilio;

    mutable std::mutex m_mutex;
    QList<Integration> m_integrations;
    QList<Connection> m_connections;
    int m_nextId = 1;
    QList<QJsonObject> m_contacts;
    QList<QJsonObject> m_employees;
    int m_nextContact = 0;
    int m_nextEmployee = 0;
};

} // namespace crossline::sandbox
