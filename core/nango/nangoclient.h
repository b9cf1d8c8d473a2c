#pragma once

#include "config/profile.h"
#include "net/httpclient.h"
#include "net/requestplan.h"
#include "net/urlbuilder.h"

#include <QHash>
#include <QJsonObject>
#include <QLoggingCategory>

namespace crossline {

Q_DECLARE_LOGGING_CATEGORY(lcNango)

struct NangoConfig
{
    QUrl baseUrl;
    QString secretKey;
    // The seed's compatible paths (/crm/contacts, /hris/employees) for contacts and employees, or a real Nango's
    // syncs and actions (GET /records, POST /action/trigger) with the mapping per resource ("crm.contact").
    bool compatiblePaths = true;
    QHash<QString, RecordsMapping> records;
};

// GET /records: one page of a sync's model for one connection.
struct RecordsQuery
{
    QString providerConfigKey;
    QString connectionId;
    QString model;
    int limit = 100; // 1..10000; a page may hold fewer (keep going until next_cursor is null)
    QString cursor;
    QStringList ids; // at most 100
    QString filter; // added,updated,deleted
    QString modifiedAfter; // ISO 8601
};

// POST /action/trigger {action_name, input}.
struct ActionCall
{
    QString providerConfigKey;
    QString connectionId;
    QString name;
    QJsonObject input;
    bool async = false; // X-Async: true, then GET /action/{id} until the output is there
};

struct ConnectionQuery
{
    QString search;
    QString connectionId;
    QString integrationId;
};

// An existing credential imported into Nango as a connection (POST /connections; Nango tests it with the provider).
struct ConnectionImport
{
    QString providerConfigKey;
    QString connectionId;
    QString apiKey; // API_KEY credentials (WhatsApp Cloud token)
    QString username, password; // BASIC credentials (Twilio: Account SID / Auth Token)
    QJsonObject tags;
    QJsonObject metadata;
    bool skipVerification = false; // legacy flat POST /connection: Nango does not test the token

    Error validate() const;
};

// A call through Nango's Requests Proxy: <method> /proxy/<upstream path>, Connection-Id, Provider-Config-Key.
struct ProxyRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QByteArray endpoint; // upstream path (already percent-encoded) with optional ?query, e.g. "/v20.0/123/messages"
    QString providerConfigKey;
    QString connectionId;
    QString baseUrlOverride; // empty: the integration's own base URL
    QByteArray body;
    QByteArray contentType; // sent plain (so Nango parses it) and as Nango-Proxy-Content-Type (so the upstream gets it)
    HeaderList upstreamHeaders; // forwarded as Nango-Proxy-<Name>
    bool idempotent = true; // sends are not: no automatic retry here, and Retries: 0 for Nango
    QString unknownOutcomeHint; // see HttpRequest::unknownOutcomeHint
};

// Nango's HTTP API: connections (list, get, import, delete), the Requests Proxy and the original backend's compatible
// resource paths (/crm/contacts, /hris/employees). One job per call; results carry the decoded JSON.
class NangoClient : public QObject
{
    Q_OBJECT
public:
    NangoClient(HttpClient *http, const NangoConfig &config, QObject *parent = nullptr);

    const NangoConfig &config() const { return m_config; }
    Error checkConfig() const;

    // Nango's own rules for an integration's key and a connection's id (its API refuses others with a 400), checked
    // before they go into a path or a header: an error naming `field` ("data.connectionId"), with the value shown
    // safely (control characters escaped, long values cut).
    static Error checkProviderConfigKey(
        const QString &value, const QString &field = QStringLiteral("providerConfigKey"));
    static Error checkConnectionId(const QString &value, const QString &field = QStringLiteral("connectionId"));
    static Error checkConnectionRef(const QString &providerConfigKey, const QString &connectionId); // both

    Job *listConnections(const ConnectionQuery &query = {}); // data: array of connections
    Job *getConnection(const QString &providerConfigKey, const QString &connectionId);
    Job *deleteConnection(const QString &providerConfigKey, const QString &connectionId);
    // data: {connection_id, provider_config_key, provider, verified, endpoint} — never the credentials Nango echoes.
    Job *importConnection(const ConnectionImport &import);
    Job *proxy(const ProxyRequest &request);

    Job *listResource(const QString &path, const QueryItems &query);
    Job *getResource(const QString &path, const QString &id, const QueryItems &query = {});
    Job *createResource(const QString &path, const QJsonObject &data);

    // The requests the calls above send, built without sending (an error when the configuration or the input
    // cannot make one). Each call above sends exactly what its plan says.
    Expected<HttpRequest> planProxy(const ProxyRequest &request) const;
    Expected<HttpRequest> planListResource(const QString &path, const QueryItems &query) const;
    Expected<HttpRequest> planGetResource(const QString &path, const QString &id, const QueryItems &query = {}) const;
    Expected<HttpRequest> planCreateResource(const QString &path, const QJsonObject &data) const;

    // ---- a real Nango's syncs and actions (nangorecords.cpp) --------------------------------------------------
    // The mapping of a resource ("crm.contact") in effect; an error naming what is missing when it is incomplete.
    // Non-empty fields of `given` (a unified body's params, the CLI's flags) win over the profile's.
    Expected<RecordsMapping> recordsMapping(const QString &resource, const RecordsMapping &given = {}) const;
    Expected<HttpRequest> planRecords(const RecordsQuery &query) const;
    Job *listRecords(const RecordsQuery &query); // data: {records: [...], next_cursor}
    Expected<HttpRequest> planAction(const ActionCall &call) const;
    // data: the action's output. Asynchronous: polls GET /action/{id} (every 500 ms, at most actionWaitMs()).
    Job *triggerAction(const ActionCall &call);
    static int actionWaitMs() { return 60000; }
    // Every function deployed to the integration (syncs, actions, on-event): data {data: [...], pagination: {total}}.
    // Nango answers 20 a page by default; this asks for `pageSize` (at most 100) and follows the pages to the total.
    Job *listFunctions(const QString &providerConfigKey, const QString &type = QString(), int pageSize = 100);
    Job *syncStatus(const QString &providerConfigKey, const QString &connectionId, const QStringList &syncs);
    Job *triggerSync(const QString &providerConfigKey, const QString &connectionId, const QStringList &syncs);

private:
    static QString importOutcomeHint(); // what to check when an import's outcome is unknown
    HttpRequest request(const QByteArray &method, const QByteArray &encodedPath, const QueryItems &query = {}) const;
    Job *send(const HttpRequest &request);
    Job *diagnosed(Job *job, const QString &path); // a compatible-paths call that met a deployed Nango says so
    HttpRequest connectionRequest(const QByteArray &method, const QByteArray &encodedPath,
        const QString &providerConfigKey, const QString &connectionId, const QueryItems &query = {}) const;
    friend class ActionJob;
    Expected<HttpRequest> checked(const HttpRequest &request) const;
    Expected<HttpRequest> checkedResource(const HttpRequest &request) const;
    Job *importVerified(const ConnectionImport &import);
    Job *importLegacy(const ConnectionImport &import);

    HttpClient *m_http;
    NangoConfig m_config;
};

} // namespace crossline
