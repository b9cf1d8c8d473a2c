#include "nangoservice.h"

#include "httputil.h"
#include "requestlog.h"
#include "sandbox.h"
#include "seeddata.h"
#include "twilioupstream.h"
#include "whatsappupstream.h"

#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace crossline::sandbox {

namespace {

const QString kWhatsAppHost = QStringLiteral("graph.facebook.com");
const QString kTwilioHost = QStringLiteral("api.twilio.com");

ServiceReply nangoError(int status, const QString &code, const QString &message = {})
{
    QJsonObject error{{QStringLiteral("code"), code}};
    if (!message.isEmpty())
        error.insert(QStringLiteral("message"), message);
    return http::json(status, QJsonObject{{QStringLiteral("error"), error}});
}

ServiceReply nangoErrors(int status, const QString &code, const QJsonArray &errors)
{
    return http::json(status, QJsonObject{{QStringLiteral("error"),
                                           QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("errors"), errors}}}});
}

// Legacy NangoError bodies (auth middleware, legacy controllers) carry a payload.
ServiceReply legacyError(int status, const QString &code, const QString &message)
{
    return http::json(status, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                                                 {QStringLiteral("code"), code},
                                                                                 {QStringLiteral("payload"), QJsonObject{}}}}});
}

QJsonObject issue(const QString &code, const QString &message, const QJsonArray &path)
{
    return QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}, {QStringLiteral("path"), path}};
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
        return QStringLiteral("undefined");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    }
    return QStringLiteral("unknown");
}

QJsonObject expected(const QString &type, const QJsonValue &got, const QJsonArray &path)
{
    return issue(QStringLiteral("invalid_type"),
                 QStringLiteral("Invalid input: expected %1, received %2").arg(type, typeName(got)), path);
}

QJsonObject unrecognized(const QStringList &keys)
{
    QStringList quoted;
    for (const QString &k : keys)
        quoted.append(QLatin1Char('"') + k + QLatin1Char('"'));
    return issue(QStringLiteral("unrecognized_keys"),
                 (keys.size() == 1 ? QStringLiteral("Unrecognized key: ") : QStringLiteral("Unrecognized keys: "))
                     + quoted.join(QStringLiteral(", ")),
                 QJsonArray{});
}

bool validConnectionId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9,.;:=+~\\[\\]|@${}\"'\\\\/_ -]+$"));
    return id.size() <= 255 && re.match(id).hasMatch();
}

bool validProviderConfigKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9~:.@ _-]+$"));
    return key.size() <= 255 && re.match(key).hasMatch();
}

// The hosts Nango refuses as a Base-Url-Override (loopback, private, link-local, metadata, unspecified).
bool deniedHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == QStringLiteral("localhost") || h.endsWith(QStringLiteral(".localhost"))
        || h == QStringLiteral("metadata.google.internal"))
        return true;
    static const QRegularExpression ipv4(QStringLiteral("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$"));
    const auto m = ipv4.match(h);
    if (m.hasMatch()) {
        const int a = m.captured(1).toInt();
        const int b = m.captured(2).toInt();
        return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31)
            || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
    }
    if (h.contains(QLatin1Char(':'))) { // IPv6 literal
        return h == QStringLiteral("::1") || h == QStringLiteral("::") || h.startsWith(QStringLiteral("fc"))
            || h.startsWith(QStringLiteral("fd")) || h.startsWith(QStringLiteral("fe80"))
            || h.startsWith(QStringLiteral("::ffff:"));
    }
    return false;
}

// A parsed request body as Nango's body parsers leave it (express.json / express.urlencoded).
struct ParsedBody
{
    enum class Kind { None, Json, Form, Raw } kind = Kind::None;
    QJsonDocument json;
    QList<QPair<QString, QStringList>> form; // keys in first-seen order, repeated keys grouped (qs)
    QByteArray raw;
};

QByteArray encodeForm(const QList<QPair<QString, QStringList>> &form)
{
    QByteArrayList parts;
    for (const auto &field : form) {
        if (field.second.size() == 1) {
            parts.append(http::formEncode(field.first) + '=' + http::formEncode(field.second.first()));
        } else {
            for (const QString &v : field.second)
                parts.append(http::formEncode(field.first + QStringLiteral("[]")) + '=' + http::formEncode(v));
        }
    }
    return parts.join('&');
}

QJsonObject formAsJson(const QList<QPair<QString, QStringList>> &form)
{
    QJsonObject o;
    for (const auto &field : form) {
        if (field.second.size() == 1)
            o.insert(field.first, field.second.first());
        else
            o.insert(field.first, QJsonArray::fromStringList(field.second));
    }
    return o;
}

} // namespace

NangoService::NangoService(RequestLog &log, WhatsAppUpstream &whatsapp, TwilioUpstream &twilio)
    : m_log(log)
    , m_whatsapp(whatsapp)
    , m_twilio(twilio)
{
    const QDateTime base(QDate(2025, 1, 6), QTime(10, 0), QTimeZone::utc());
    m_integrations = {
        {QStringLiteral("whatsapp-business"), QStringLiteral("whatsapp-business"), QStringLiteral("API_KEY"),
         QStringLiteral("https://graph.facebook.com"), base},
        {QStringLiteral("twilio"), QStringLiteral("twilio"), QStringLiteral("BASIC"), QStringLiteral("https://api.twilio.com"),
         base},
    };
    auto add = [this](const QString &id, const QString &key, const QDateTime &created, const QJsonObject &credentials,
                      const QJsonValue &metadata, const QJsonObject &tags, const QJsonArray &errors) {
        Connection c;
        c.id = m_nextId++;
        c.connectionId = id;
        c.providerConfigKey = key;
        c.provider = key;
        c.created = created;
        c.updated = created;
        c.credentials = credentials;
        c.metadata = metadata;
        c.tags = tags;
        c.errors = errors;
        c.webhookUrlOverride = QJsonValue::Null;
        m_connections.append(c);
    };
    const QJsonObject waMeta{{QStringLiteral("phone_number_id"), WhatsAppUpstream::livePhoneNumberId()},
                             {QStringLiteral("waba_id"), WhatsAppUpstream::wabaId()}};
    add(QStringLiteral("conn_abc123"), QStringLiteral("whatsapp-business"), base.addDays(1),
        QJsonObject{{QStringLiteral("type"), QStringLiteral("API_KEY")},
                    {QStringLiteral("apiKey"), QStringLiteral("EAAGsandboxConnAbc123Token4f7Qx9Lm2Vb8Rt")}},
        waMeta,
        QJsonObject{{QStringLiteral("end_user_id"), QStringLiteral("acme")},
                    {QStringLiteral("organization_id"), QStringLiteral("acme-org")}},
        {});
    add(QStringLiteral("whatsapp-prod-1"), QStringLiteral("whatsapp-business"), base.addDays(3),
        QJsonObject{{QStringLiteral("type"), QStringLiteral("API_KEY")},
                    {QStringLiteral("apiKey"), QStringLiteral("EAAGsandboxProdOneTokenZk83Hd72Pq1Wn5")}},
        waMeta, QJsonObject{{QStringLiteral("end_user_id"), QStringLiteral("support-team")}}, {});
    add(QStringLiteral("conn_twilio_1"), QStringLiteral("twilio"), base.addDays(5),
        QJsonObject{{QStringLiteral("type"), QStringLiteral("BASIC")},
                    {QStringLiteral("username"), SandboxCredentials::twilioAccountSid()},
                    {QStringLiteral("password"), QStringLiteral("sandboxauthtoken0123456789abcdef01")}},
        QJsonValue::Null, QJsonObject{{QStringLiteral("end_user_id"), QStringLiteral("acme")}}, {});
    add(QStringLiteral("whatsapp-expired"), QStringLiteral("whatsapp-business"), base.addDays(7),
        QJsonObject{{QStringLiteral("type"), QStringLiteral("API_KEY")},
                    {QStringLiteral("apiKey"), QString(WhatsAppUpstream::expiredTokenPrefix() + QStringLiteral("Token9x8y7z"))}},
        waMeta, QJsonObject{},
        QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                               {QStringLiteral("log_id"), QStringLiteral("VrnbtykXJFckCm3HP93t")}}});

    m_contacts = SeedData::nangoContacts(SeedData::kNangoContacts);
    m_employees = SeedData::nangoEmployees(SeedData::kNangoEmployees);
    m_nextContact = 100 + int(m_contacts.size());
    m_nextEmployee = 100 + int(m_employees.size());
}

ServiceReply NangoService::handle(const ServiceRequest &request)
{
    const QString &path = request.path;
    if (request.method == "GET" && path == QStringLiteral("/health"))
        return http::json(200, QJsonObject{{QStringLiteral("result"), QStringLiteral("ok")}});

    // jsonContentTypeMiddleware: a present Content-Type on the JSON routes must be application/json.
    static const QStringList jsonRoutes = {QStringLiteral("/connection"), QStringLiteral("/records"),
                                           QStringLiteral("/sync"), QStringLiteral("/action"),
                                           QStringLiteral("/integrations"), QStringLiteral("/providers"),
                                           QStringLiteral("/connect"), QStringLiteral("/environment"),
                                           QStringLiteral("/scripts")};
    bool jsonRoute = false;
    for (const QString &prefix : jsonRoutes)
        jsonRoute = jsonRoute || path.startsWith(prefix);
    if (jsonRoute && request.hasHeader("content-type")
        && !request.header("content-type").trimmed().toLower().startsWith("application/json")) {
        return nangoError(415, QStringLiteral("invalid_content_type"),
                          QStringLiteral("Content-Type header must be application/json"));
    }

    // Auth: Authorization: Bearer <UUID v4 secret key> ("Bearer " is case-sensitive, as split('Bearer ') is).
    if (!request.hasHeader("authorization")) {
        return legacyError(401, QStringLiteral("missing_auth_header"),
                           QStringLiteral("Authentication failed. The request is missing the Authorization header."));
    }
    QString auth = QString::fromUtf8(request.header("authorization"));
    const int bearer = auth.lastIndexOf(QStringLiteral("Bearer "));
    const QString key = bearer >= 0 ? auth.mid(bearer + 7) : auth;
    static const QRegularExpression uuidV4(
        QStringLiteral("^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$"),
        QRegularExpression::CaseInsensitiveOption);
    if (!uuidV4.match(key).hasMatch()) {
        return legacyError(401, QStringLiteral("invalid_secret_key_format"),
                           QStringLiteral("Authentication failed. The provided secret key is not a UUID v4."));
    }
    if (key != SandboxCredentials::nangoSecretKey()) {
        return legacyError(401, QStringLiteral("unknown_account"),
                           QStringLiteral("Authentication failed. The provided secret key is invalid."));
    }

    const QByteArray &m = request.method;
    if (path == QStringLiteral("/proxy") || path.startsWith(QStringLiteral("/proxy/")))
        return proxy(request);
    if (m == "GET" && (path == QStringLiteral("/connections") || path == QStringLiteral("/connection")))
        return listConnections(request);
    if (m == "POST" && path == QStringLiteral("/connections"))
        return importConnection(request);
    if (m == "POST" && path == QStringLiteral("/connection"))
        return legacyImportConnection(request);
    for (const QByteArray &prefix : {QByteArrayLiteral("/connections/"), QByteArrayLiteral("/connection/")}) {
        if (request.rawPath.startsWith(prefix) && request.rawPath.size() > prefix.size()) {
            // Connection ids may contain '/': match on the raw path, then decode.
            const QString id = http::decode(request.rawPath.mid(prefix.size()), false);
            if (m == "GET")
                return getConnection(id, request);
            if (m == "DELETE")
                return deleteConnection(id, request);
            if (m == "PATCH")
                return patchConnection(id, request);
        }
    }
    if (m == "GET" && path == QStringLiteral("/integrations"))
        return listIntegrations();
    if (m == "GET" && (path == QStringLiteral("/records") || path == QStringLiteral("/records/")))
        return records(request);

    // The seed's "compatible paths" (not part of real Nango; DESIGN.md "Wire facts").
    for (const bool employees : {false, true}) {
        const QString base = employees ? QStringLiteral("/hris/employees") : QStringLiteral("/crm/contacts");
        if (path == base) {
            if (m == "GET")
                return compatibleList(request, employees);
            if (m == "POST")
                return compatibleCreate(request, employees);
        } else if (m == "GET" && path.startsWith(base + QLatin1Char('/'))) {
            return compatibleGet(path.mid(base.size() + 1), employees);
        }
    }
    return nangoError(404, QStringLiteral("not_found"),
                      QStringLiteral("Route %1 %2 not found").arg(QString::fromLatin1(m), path));
}

// ---- connections ---------------------------------------------------------------------------------------------

std::optional<NangoService::Integration> NangoService::integration(const QString &key) const
{
    for (const Integration &i : m_integrations) {
        if (i.key == key)
            return i;
    }
    return std::nullopt;
}

NangoService::Connection *NangoService::findConnection(const QString &connectionId, const QString &providerConfigKey)
{
    for (Connection &c : m_connections) {
        if (c.connectionId == connectionId && c.providerConfigKey == providerConfigKey)
            return &c;
    }
    return nullptr;
}

NangoService::Connection &NangoService::upsert(const QString &connectionId, const Integration &integration)
{
    if (Connection *existing = findConnection(connectionId, integration.key)) {
        existing->updated = QDateTime::currentDateTimeUtc();
        return *existing;
    }
    Connection c;
    c.id = m_nextId++;
    c.connectionId = connectionId;
    c.providerConfigKey = integration.key;
    c.provider = integration.provider;
    c.created = QDateTime::currentDateTimeUtc();
    c.updated = c.created;
    c.metadata = QJsonValue::Null;
    c.webhookUrlOverride = QJsonValue::Null;
    m_connections.append(c);
    return m_connections.last();
}

QJsonObject NangoService::listItem(const Connection &c)
{
    return QJsonObject{{QStringLiteral("id"), c.id},
                       {QStringLiteral("connection_id"), c.connectionId},
                       {QStringLiteral("provider"), c.provider},
                       {QStringLiteral("provider_config_key"), c.providerConfigKey},
                       {QStringLiteral("created"), http::isoTimestamp(c.created)},
                       {QStringLiteral("metadata"), c.metadata},
                       {QStringLiteral("tags"), c.tags},
                       {QStringLiteral("errors"), c.errors},
                       {QStringLiteral("end_user"), QJsonValue::Null}};
}

QJsonObject NangoService::fullItem(const Connection &c, bool withCredentials, bool offsetTimestamps)
{
    auto ts = [offsetTimestamps](const QDateTime &dt) {
        return offsetTimestamps ? http::isoTimestampOffset(dt) : http::isoTimestamp(dt);
    };
    return QJsonObject{{QStringLiteral("id"), c.id},
                       {QStringLiteral("connection_id"), c.connectionId},
                       {QStringLiteral("provider_config_key"), c.providerConfigKey},
                       {QStringLiteral("provider"), c.provider},
                       {QStringLiteral("errors"), c.errors},
                       {QStringLiteral("end_user"), QJsonValue::Null},
                       {QStringLiteral("tags"), c.tags},
                       {QStringLiteral("metadata"), c.metadata},
                       {QStringLiteral("connection_config"), c.connectionConfig},
                       {QStringLiteral("webhook_url_override"), c.webhookUrlOverride},
                       {QStringLiteral("created_at"), ts(c.created)},
                       {QStringLiteral("updated_at"), ts(c.updated)},
                       {QStringLiteral("last_fetched_at"), ts(c.updated)},
                       {QStringLiteral("credentials"), withCredentials ? c.credentials : QJsonObject{}}};
}

ServiceReply NangoService::listConnections(const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    QJsonArray errors;
    QStringList unknown;
    QString connectionId, search;
    QStringList integrationIds;
    QList<QPair<QString, QString>> tags;
    int limit = 10000;
    int page = 0;
    static const QRegularExpression tagKey(QStringLiteral("^tags\\[([^\\]]+)\\]$"));
    for (const auto &[key, value] : query) {
        const auto tagMatch = tagKey.match(key);
        const bool known = key == QStringLiteral("connectionId") || key == QStringLiteral("search")
            || key == QStringLiteral("integrationId") || key == QStringLiteral("limit") || key == QStringLiteral("page")
            || key == QStringLiteral("endUserId") || key == QStringLiteral("endUserOrganizationId") || tagMatch.hasMatch();
        if (!known) {
            unknown.append(key);
            continue;
        }
        const QJsonArray path{tagMatch.hasMatch() ? QStringLiteral("tags") : key};
        if (value.isEmpty()) {
            errors.append(issue(QStringLiteral("too_small"),
                                QStringLiteral("Too small: expected string to have >=1 characters"), path));
            continue;
        }
        if (value.size() > 255) {
            errors.append(issue(QStringLiteral("too_big"),
                                QStringLiteral("Too big: expected string to have <=255 characters"), path));
            continue;
        }
        bool ok = false;
        if (key == QStringLiteral("connectionId")) {
            connectionId = value;
        } else if (key == QStringLiteral("search")) {
            search = value;
        } else if (key == QStringLiteral("integrationId")) {
            integrationIds = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        } else if (key == QStringLiteral("limit")) {
            limit = value.toInt(&ok);
            if (!ok || limit < 1 || limit > 2000) {
                errors.append(issue(ok ? QStringLiteral("too_big") : QStringLiteral("invalid_type"),
                                    QStringLiteral("Invalid input: expected an integer between 1 and 2000"), path));
            }
        } else if (key == QStringLiteral("page")) {
            page = value.toInt(&ok);
            if (!ok || page < 0) {
                errors.append(issue(QStringLiteral("invalid_type"),
                                    QStringLiteral("Invalid input: expected a non-negative integer"), path));
            }
        } else if (tagMatch.hasMatch()) {
            tags.append({tagMatch.captured(1).toLower(), value});
        } else if (key == QStringLiteral("endUserId")) {
            tags.append({QStringLiteral("end_user_id"), value});
        } else if (key == QStringLiteral("endUserOrganizationId")) {
            tags.append({QStringLiteral("organization_id"), value});
        }
    }
    if (!unknown.isEmpty())
        errors.prepend(unrecognized(unknown));
    if (!errors.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_query_params"), errors);

    std::lock_guard lock(m_mutex);
    QList<const Connection *> matching;
    for (const Connection &c : m_connections) {
        if (!connectionId.isEmpty() && c.connectionId != connectionId)
            continue;
        if (!search.isEmpty() && !c.connectionId.contains(search, Qt::CaseInsensitive))
            continue;
        if (!integrationIds.isEmpty() && !integrationIds.contains(c.providerConfigKey))
            continue;
        bool tagsOk = true;
        for (const auto &[k, v] : tags)
            tagsOk = tagsOk && c.tags.value(k).toString() == v;
        if (tagsOk)
            matching.append(&c);
    }
    std::sort(matching.begin(), matching.end(), [](const Connection *a, const Connection *b) {
        return a->created != b->created ? a->created > b->created : a->id > b->id;
    });
    QJsonArray out;
    const qint64 start = qint64(page) * limit;
    for (qint64 i = start; i < matching.size() && i < start + limit; ++i)
        out.append(listItem(*matching[i]));
    return http::json(200, QJsonObject{{QStringLiteral("connections"), out}});
}

ServiceReply NangoService::getConnection(const QString &connectionId, const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    QStringList unknown;
    QJsonArray errors;
    bool wantsSecrets = false;
    for (const auto &[key, value] : query) {
        if (key == QStringLiteral("provider_config_key"))
            continue;
        if (key == QStringLiteral("force_refresh") || key == QStringLiteral("refresh_token")
            || key == QStringLiteral("refresh_github_app_jwt_token")) {
            if (value != QStringLiteral("true") && value != QStringLiteral("false")) {
                errors.append(issue(QStringLiteral("invalid_value"),
                                    QStringLiteral("Invalid option: expected one of \"true\"|\"false\""), QJsonArray{key}));
            }
            wantsSecrets = wantsSecrets || value == QStringLiteral("true");
            continue;
        }
        unknown.append(key);
    }
    const QString pck = http::queryValue(query, QStringLiteral("provider_config_key"));
    if (pck.isEmpty()) {
        errors.prepend(expected(QStringLiteral("string"), QJsonValue::Undefined,
                                QJsonArray{QStringLiteral("provider_config_key")}));
    }
    if (!unknown.isEmpty())
        errors.prepend(unrecognized(unknown));
    if (!errors.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_query_params"), errors);
    if (wantsSecrets) {
        return nangoError(403, QStringLiteral("forbidden"),
                          QStringLiteral("Credential and refresh options require the "
                                         "environment:connections:read_credentials scope"));
    }
    std::lock_guard lock(m_mutex);
    if (!integration(pck))
        return nangoError(400, QStringLiteral("unknown_provider_config"), QStringLiteral("Provider does not exists"));
    const Connection *c = findConnection(connectionId, pck);
    if (!c)
        return nangoError(404, QStringLiteral("not_found"), QStringLiteral("Failed to find connection"));
    return http::json(200, fullItem(*c, false, true));
}

ServiceReply NangoService::deleteConnection(const QString &connectionId, const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    QStringList unknown;
    for (const auto &item : query) {
        if (item.first != QStringLiteral("provider_config_key"))
            unknown.append(item.first);
    }
    QJsonArray errors;
    const QString pck = http::queryValue(query, QStringLiteral("provider_config_key"));
    if (!unknown.isEmpty())
        errors.append(unrecognized(unknown));
    if (pck.isEmpty())
        errors.append(expected(QStringLiteral("string"), QJsonValue::Undefined, QJsonArray{QStringLiteral("provider_config_key")}));
    if (!errors.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_query_params"), errors);
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < m_connections.size(); ++i) {
        if (m_connections[i].connectionId == connectionId && m_connections[i].providerConfigKey == pck) {
            m_connections.removeAt(i);
            return http::json(200, QJsonObject{{QStringLiteral("success"), true}});
        }
    }
    return nangoError(400, QStringLiteral("unknown_connection"));
}

ServiceReply NangoService::patchConnection(const QString &connectionId, const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    const QString pck = http::queryValue(query, QStringLiteral("provider_config_key"));
    if (pck.isEmpty()) {
        return nangoErrors(400, QStringLiteral("invalid_query_params"),
                           QJsonArray{expected(QStringLiteral("string"), QJsonValue::Undefined,
                                               QJsonArray{QStringLiteral("provider_config_key")})});
    }
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return nangoErrors(400, QStringLiteral("invalid_body"), QJsonArray{expected(QStringLiteral("object"), QJsonValue::Undefined, {})});
    const QJsonObject body = doc.object();
    QStringList unknown;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QStringLiteral("tags") && it.key() != QStringLiteral("webhook_url_override")
            && it.key() != QStringLiteral("end_user"))
            unknown.append(it.key());
    }
    if (!unknown.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_body"), QJsonArray{unrecognized(unknown)});
    std::lock_guard lock(m_mutex);
    Connection *c = findConnection(connectionId, pck);
    if (!c)
        return nangoError(404, QStringLiteral("not_found"), QStringLiteral("Failed to find connection"));
    if (body.contains(QStringLiteral("tags")))
        c->tags = body.value(QStringLiteral("tags")).toObject();
    if (body.contains(QStringLiteral("webhook_url_override")))
        c->webhookUrlOverride = body.value(QStringLiteral("webhook_url_override"));
    c->updated = QDateTime::currentDateTimeUtc();
    return http::json(200, QJsonObject{{QStringLiteral("success"), true}});
}

bool NangoService::testCredentials(const Integration &integration, const QJsonObject &credentials)
{
    ServiceRequest verify;
    verify.method = "GET";
    QString host;
    if (integration.provider == QStringLiteral("whatsapp-business")) {
        host = kWhatsAppHost;
        verify.rawPath = "/v21.0/me";
        verify.headers = {{"authorization", "Bearer " + credentials.value(QStringLiteral("apiKey")).toString().toUtf8()},
                          {"content-type", "application/json"}};
    } else {
        host = kTwilioHost;
        const QString user = credentials.value(QStringLiteral("username")).toString();
        verify.rawPath = "/2010-04-01/Accounts/" + QUrl::toPercentEncoding(user) + "/Messages.json";
        verify.headers = {{"authorization", "Basic " + (user + QLatin1Char(':') + credentials.value(QStringLiteral("password")).toString())
                                                           .toUtf8().toBase64()},
                          {"content-type", "application/json"}};
    }
    verify.path = http::decode(verify.rawPath, false);
    verify.headers.append({QByteArrayLiteral("accept"), QByteArrayLiteral("application/json, text/plain, */*")});
    verify.headers.append({QByteArrayLiteral("host"), host.toLatin1()});
    const ServiceReply reply = forward(host, verify);
    return reply.status >= 200 && reply.status < 300;
}

ServiceReply NangoService::importConnection(const ServiceRequest &request)
{
    if (!request.query.isEmpty()) {
        QStringList keys;
        for (const auto &item : http::parseQuery(request.query))
            keys.append(item.first);
        return nangoErrors(400, QStringLiteral("invalid_query_params"), QJsonArray{unrecognized(keys)});
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return nangoError(400, QStringLiteral("invalid_json"), parseError.errorString());
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(QJsonValue::Undefined);
    if (!doc.isObject())
        return nangoErrors(400, QStringLiteral("invalid_body"), QJsonArray{expected(QStringLiteral("object"), root, {})});
    const QJsonObject body = doc.object();

    static const QStringList allowed = {QStringLiteral("provider_config_key"), QStringLiteral("connection_id"),
                                        QStringLiteral("credentials"), QStringLiteral("metadata"),
                                        QStringLiteral("connection_config"), QStringLiteral("tags"),
                                        QStringLiteral("webhook_url_override"), QStringLiteral("end_user")};
    QJsonArray errors;
    QStringList unknown;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!allowed.contains(it.key()))
            unknown.append(it.key());
    }
    if (!unknown.isEmpty())
        errors.append(unrecognized(unknown));

    const QJsonValue pckValue = body.value(QStringLiteral("provider_config_key"));
    if (!pckValue.isString())
        errors.append(expected(QStringLiteral("string"), pckValue, QJsonArray{QStringLiteral("provider_config_key")}));
    else if (!validProviderConfigKey(pckValue.toString()))
        errors.append(issue(QStringLiteral("invalid_format"), QStringLiteral("Invalid string: must match pattern"),
                            QJsonArray{QStringLiteral("provider_config_key")}));
    const QJsonValue idValue = body.value(QStringLiteral("connection_id"));
    if (!idValue.isUndefined()) {
        if (!idValue.isString())
            errors.append(expected(QStringLiteral("string"), idValue, QJsonArray{QStringLiteral("connection_id")}));
        else if (!validConnectionId(idValue.toString()))
            errors.append(issue(QStringLiteral("invalid_format"), QStringLiteral("Invalid string: must match pattern"),
                                QJsonArray{QStringLiteral("connection_id")}));
    }
    for (const QString &objectKey : {QStringLiteral("metadata"), QStringLiteral("connection_config"), QStringLiteral("end_user")}) {
        const QJsonValue v = body.value(objectKey);
        if (!v.isUndefined() && !v.isObject())
            errors.append(expected(QStringLiteral("object"), v, QJsonArray{objectKey}));
    }
    const QJsonValue tagsValue = body.value(QStringLiteral("tags"));
    QJsonObject tags;
    if (!tagsValue.isUndefined()) {
        if (!tagsValue.isObject()) {
            errors.append(expected(QStringLiteral("record"), tagsValue, QJsonArray{QStringLiteral("tags")}));
        } else if (tagsValue.toObject().size() > 10) {
            errors.append(issue(QStringLiteral("too_big"), QStringLiteral("Too big: expected at most 10 tags"),
                                QJsonArray{QStringLiteral("tags")}));
        } else {
            const QJsonObject t = tagsValue.toObject();
            for (auto it = t.begin(); it != t.end(); ++it) {
                if (!it.value().isString() || it.value().toString().size() > 255)
                    errors.append(expected(QStringLiteral("string"), it.value(), QJsonArray{QStringLiteral("tags"), it.key()}));
                else
                    tags.insert(it.key().toLower(), it.value());
            }
        }
    }
    const QJsonValue webhook = body.value(QStringLiteral("webhook_url_override"));
    if (!webhook.isUndefined() && !webhook.isString())
        errors.append(expected(QStringLiteral("string"), webhook, QJsonArray{QStringLiteral("webhook_url_override")}));

    const QJsonValue credValue = body.value(QStringLiteral("credentials"));
    QJsonObject credentials;
    QString credType;
    if (!credValue.isObject()) {
        errors.append(expected(QStringLiteral("object"), credValue, QJsonArray{QStringLiteral("credentials")}));
    } else {
        const QJsonObject cred = credValue.toObject();
        credType = cred.value(QStringLiteral("type")).toString();
        static const QStringList knownTypes = {QStringLiteral("API_KEY"), QStringLiteral("BASIC"), QStringLiteral("OAUTH2"),
                                               QStringLiteral("OAUTH2_CC"), QStringLiteral("OAUTH1"), QStringLiteral("TBA"),
                                               QStringLiteral("APP"), QStringLiteral("CUSTOM"), QStringLiteral("NONE")};
        if (!knownTypes.contains(credType)) {
            errors.append(issue(QStringLiteral("invalid_union"), QStringLiteral("Invalid input"),
                                QJsonArray{QStringLiteral("credentials"), QStringLiteral("type")}));
        } else if (credType == QStringLiteral("API_KEY")) {
            const QJsonValue apiKey = cred.value(QStringLiteral("apiKey"));
            QStringList extra;
            for (auto it = cred.begin(); it != cred.end(); ++it) {
                if (it.key() != QStringLiteral("type") && it.key() != QStringLiteral("apiKey"))
                    extra.append(it.key());
            }
            if (!extra.isEmpty()) {
                QJsonObject u = unrecognized(extra);
                u.insert(QStringLiteral("path"), QJsonArray{QStringLiteral("credentials")});
                errors.append(u);
            }
            if (!apiKey.isString())
                errors.append(expected(QStringLiteral("string"), apiKey, QJsonArray{QStringLiteral("credentials"), QStringLiteral("apiKey")}));
            else if (apiKey.toString().isEmpty())
                errors.append(issue(QStringLiteral("too_small"), QStringLiteral("Too small: expected string to have >=1 characters"),
                                    QJsonArray{QStringLiteral("credentials"), QStringLiteral("apiKey")}));
            else if (apiKey.toString().size() > 1024)
                errors.append(issue(QStringLiteral("too_big"), QStringLiteral("Too big: expected string to have <=1024 characters"),
                                    QJsonArray{QStringLiteral("credentials"), QStringLiteral("apiKey")}));
            credentials = QJsonObject{{QStringLiteral("type"), credType}, {QStringLiteral("apiKey"), apiKey.toString()}};
        } else if (credType == QStringLiteral("BASIC")) {
            for (const QString &field : {QStringLiteral("username"), QStringLiteral("password")}) {
                const QJsonValue v = cred.value(field);
                if (!v.isString())
                    errors.append(expected(QStringLiteral("string"), v, QJsonArray{QStringLiteral("credentials"), field}));
                else if (v.toString().size() > 1024)
                    errors.append(issue(QStringLiteral("too_big"), QStringLiteral("Too big: expected string to have <=1024 characters"),
                                        QJsonArray{QStringLiteral("credentials"), field}));
            }
            credentials = QJsonObject{{QStringLiteral("type"), credType},
                                      {QStringLiteral("username"), cred.value(QStringLiteral("username")).toString()},
                                      {QStringLiteral("password"), cred.value(QStringLiteral("password")).toString()}};
        } else {
            credentials = cred;
        }
    }
    if (!errors.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_body"), errors);

    std::optional<Integration> integ;
    {
        std::lock_guard lock(m_mutex);
        integ = integration(pckValue.toString());
    }
    if (!integ)
        return nangoError(404, QStringLiteral("not_found"), QStringLiteral("Integration does not exist"));
    if (credType != integ->authMode) {
        return nangoError(400, QStringLiteral("invalid_body"),
                          QStringLiteral("Provider %1 does not support %2 auth").arg(integ->authMode, credType));
    }
    // Nango tests API_KEY/BASIC credentials with the provider before saving (reference/nango.md §3b).
    if (!testCredentials(*integ, credentials)) {
        return nangoError(400, QStringLiteral("connection_test_failed"),
                          QStringLiteral("The given credentials were found to be invalid. Please check the credentials "
                                         "and try again."));
    }

    std::lock_guard lock(m_mutex);
    const QString connectionId = idValue.isString() ? idValue.toString() : http::randomUuid();
    Connection &c = upsert(connectionId, *integ);
    c.credentials = credentials;
    if (body.contains(QStringLiteral("metadata")))
        c.metadata = body.value(QStringLiteral("metadata"));
    if (body.contains(QStringLiteral("connection_config")))
        c.connectionConfig = body.value(QStringLiteral("connection_config")).toObject();
    if (body.contains(QStringLiteral("tags")))
        c.tags = tags;
    if (body.contains(QStringLiteral("webhook_url_override")))
        c.webhookUrlOverride = webhook.toString().isEmpty() ? QJsonValue(QJsonValue::Null) : webhook;
    c.errors = QJsonArray{};
    return http::json(201, fullItem(c, true, false));
}

ServiceReply NangoService::legacyImportConnection(const ServiceRequest &request)
{
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return legacyError(400, QStringLiteral("missing_body"), QStringLiteral("Missing request body."));
    QJsonObject body = doc.object();
    const QString pck = body.value(QStringLiteral("provider_config_key")).toString();
    if (pck.isEmpty()) {
        return legacyError(400, QStringLiteral("missing_provider_config"),
                           QStringLiteral("Missing param 'provider_config_key'."));
    }
    std::lock_guard lock(m_mutex);
    const std::optional<Integration> integ = integration(pck);
    if (!integ) {
        return legacyError(404, QStringLiteral("unknown_provider_config"),
                           QStringLiteral("Provider config not found for the given provider config key. Please make "
                                          "sure the provider config exists in the Nango dashboard."));
    }
    QJsonObject credentials;
    if (integ->authMode == QStringLiteral("API_KEY")) {
        const QString apiKey = body.value(QStringLiteral("api_key")).toString();
        if (apiKey.isEmpty())
            return legacyError(400, QStringLiteral("missing_api_key"), QStringLiteral("Missing param 'api_key'."));
        credentials = QJsonObject{{QStringLiteral("type"), QStringLiteral("API_KEY")}, {QStringLiteral("apiKey"), apiKey}};
    } else {
        if (!body.value(QStringLiteral("username")).isString())
            return legacyError(400, QStringLiteral("missing_basic_username"), QStringLiteral("Missing param 'username'."));
        if (!body.value(QStringLiteral("password")).isString())
            return legacyError(400, QStringLiteral("missing_basic_password"), QStringLiteral("Missing param 'password'."));
        credentials = QJsonObject{{QStringLiteral("type"), QStringLiteral("BASIC")},
                                  {QStringLiteral("username"), body.value(QStringLiteral("username")).toString()},
                                  {QStringLiteral("password"), body.value(QStringLiteral("password")).toString()}};
    }
    QString connectionId = body.value(QStringLiteral("connection_id")).toString();
    if (connectionId.isEmpty())
        connectionId = http::randomUuid();
    else if (!validConnectionId(connectionId))
        return legacyError(400, QStringLiteral("invalid_connection_id"), QStringLiteral("Invalid connection_id."));
    // No credential test on this legacy route (reference/nango.md §9).
    Connection &c = upsert(connectionId, *integ);
    c.credentials = credentials;
    if (body.value(QStringLiteral("metadata")).isObject())
        c.metadata = body.value(QStringLiteral("metadata"));
    if (body.value(QStringLiteral("connection_config")).isObject())
        c.connectionConfig = body.value(QStringLiteral("connection_config")).toObject();
    body.insert(QStringLiteral("connection_id"), connectionId);
    return http::json(201, body);
}

ServiceReply NangoService::listIntegrations()
{
    std::lock_guard lock(m_mutex);
    QJsonArray data;
    for (const Integration &i : m_integrations) {
        data.append(QJsonObject{{QStringLiteral("unique_key"), i.key},
                                {QStringLiteral("provider"), i.provider},
                                {QStringLiteral("display_name"), i.provider == QStringLiteral("twilio")
                                                                     ? QStringLiteral("Twilio")
                                                                     : QStringLiteral("WhatsApp Business")},
                                {QStringLiteral("created_at"), http::isoTimestamp(i.created)},
                                {QStringLiteral("updated_at"), http::isoTimestamp(i.created)}});
    }
    return http::json(200, QJsonObject{{QStringLiteral("data"), data}});
}

// ---- compatible paths and records ------------------------------------------------------------------------------

ServiceReply NangoService::compatibleList(const ServiceRequest &request, bool employees)
{
    // Query: limit | page_size (1..1000, default 50), page (1-based; 0 is taken as 1), cursor (opaque, from
    // next_cursor). Other parameters are passed through and ignored, as a thin backend would.
    const auto query = http::parseQuery(request.query);
    int limit = 50;
    for (const QString &key : {QStringLiteral("page_size"), QStringLiteral("limit")}) {
        if (!http::hasQueryKey(query, key))
            continue;
        bool ok = false;
        limit = http::queryValue(query, key).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000) {
            return nangoErrors(400, QStringLiteral("invalid_query_params"),
                               QJsonArray{issue(QStringLiteral("invalid_type"),
                                                QStringLiteral("Invalid input: expected an integer between 1 and 1000"),
                                                QJsonArray{key})});
        }
    }
    int offset = 0;
    if (http::hasQueryKey(query, QStringLiteral("cursor"))) {
        const QByteArray decoded = QByteArray::fromBase64(http::queryValue(query, QStringLiteral("cursor")).toLatin1(),
                                                          QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        bool ok = decoded.startsWith("offset:");
        if (ok)
            offset = decoded.mid(7).toInt(&ok);
        if (!ok || offset < 0) {
            return nangoErrors(400, QStringLiteral("invalid_query_params"),
                               QJsonArray{issue(QStringLiteral("custom"), QStringLiteral("Invalid cursor"),
                                                QJsonArray{QStringLiteral("cursor")})});
        }
    } else if (http::hasQueryKey(query, QStringLiteral("page"))) {
        bool ok = false;
        const int page = http::queryValue(query, QStringLiteral("page")).toInt(&ok);
        if (!ok || page < 0) {
            return nangoErrors(400, QStringLiteral("invalid_query_params"),
                               QJsonArray{issue(QStringLiteral("invalid_type"),
                                                QStringLiteral("Invalid input: expected a positive integer"),
                                                QJsonArray{QStringLiteral("page")})});
        }
        offset = (std::max(page, 1) - 1) * limit;
    }
    std::lock_guard lock(m_mutex);
    const QList<QJsonObject> &items = employees ? m_employees : m_contacts;
    QJsonArray data;
    for (qint64 i = offset; i < items.size() && i < qint64(offset) + limit; ++i)
        data.append(items[i]);
    const qint64 next = qint64(offset) + limit;
    const QJsonValue nextCursor = next < items.size()
        ? QJsonValue(QString::fromLatin1(QByteArray("offset:" + QByteArray::number(next)).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)))
        : QJsonValue(QJsonValue::Null);
    return http::json(200, QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("next_cursor"), nextCursor}});
}

ServiceReply NangoService::compatibleGet(const QString &id, bool employees)
{
    std::lock_guard lock(m_mutex);
    for (const QJsonObject &o : employees ? m_employees : m_contacts) {
        if (o.value(QStringLiteral("id")).toString() == id)
            return http::json(200, o);
    }
    return nangoError(404, QStringLiteral("not_found"),
                      (employees ? QStringLiteral("Employee '%1' not found") : QStringLiteral("Contact '%1' not found")).arg(id));
}

ServiceReply NangoService::compatibleCreate(const ServiceRequest &request, bool employees)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return nangoError(400, QStringLiteral("invalid_json"), parseError.errorString());
    if (!doc.isObject()) {
        return nangoErrors(400, QStringLiteral("invalid_body"),
                           QJsonArray{expected(QStringLiteral("object"), QJsonValue(QJsonValue::Undefined), {})});
    }
    QJsonObject item = doc.object();
    const QString now = http::isoTimestamp(QDateTime::currentDateTimeUtc());
    std::lock_guard lock(m_mutex);
    item.insert(QStringLiteral("id"), employees ? QStringLiteral("emp_%1").arg(m_nextEmployee++)
                                                : QStringLiteral("contact_%1").arg(m_nextContact++));
    item.insert(QStringLiteral("created_at"), now);
    item.insert(QStringLiteral("updated_at"), now);
    (employees ? m_employees : m_contacts).append(item);
    return http::json(201, item);
}

ServiceReply NangoService::records(const ServiceRequest &request)
{
    const QByteArray connectionId = request.header("connection-id");
    const QByteArray pck = request.header("provider-config-key");
    QJsonArray headerErrors;
    if (connectionId.isEmpty())
        headerErrors.append(expected(QStringLiteral("string"), QJsonValue::Undefined, QJsonArray{QStringLiteral("connection-id")}));
    if (pck.isEmpty())
        headerErrors.append(expected(QStringLiteral("string"), QJsonValue::Undefined, QJsonArray{QStringLiteral("provider-config-key")}));
    if (!headerErrors.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_headers"), headerErrors);

    const auto query = http::parseQuery(request.query);
    static const QStringList allowed = {QStringLiteral("model"), QStringLiteral("variant"), QStringLiteral("cursor"),
                                        QStringLiteral("limit"), QStringLiteral("filter"), QStringLiteral("modified_after"),
                                        QStringLiteral("delta"), QStringLiteral("ids")};
    QStringList unknown;
    for (const auto &item : query) {
        if (!allowed.contains(item.first))
            unknown.append(item.first);
    }
    QJsonArray errors;
    if (!unknown.isEmpty())
        errors.append(unrecognized(unknown));
    const QString model = http::queryValue(query, QStringLiteral("model"));
    if (model.isEmpty())
        errors.append(expected(QStringLiteral("string"), QJsonValue::Undefined, QJsonArray{QStringLiteral("model")}));
    int limit = 100;
    if (http::hasQueryKey(query, QStringLiteral("limit"))) {
        bool ok = false;
        limit = http::queryValue(query, QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 10000)
            errors.append(issue(QStringLiteral("too_big"), QStringLiteral("Invalid input: expected an integer between 1 and 10000"),
                                QJsonArray{QStringLiteral("limit")}));
    }
    int start = 0;
    const QString cursor = http::queryValue(query, QStringLiteral("cursor"));
    if (!cursor.isEmpty()) {
        const QByteArray decoded = QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding);
        bool ok = decoded.startsWith("rec:");
        if (ok)
            start = decoded.mid(4).toInt(&ok) + 1;
        if (!ok || cursor.size() > 1000)
            errors.append(issue(QStringLiteral("custom"), QStringLiteral("Invalid cursor"), QJsonArray{QStringLiteral("cursor")}));
    }
    if (!errors.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_query_params"), errors);

    std::lock_guard lock(m_mutex);
    if (!findConnection(QString::fromUtf8(connectionId), QString::fromUtf8(pck))) {
        return nangoError(400, QStringLiteral("unknown_connection"),
                          QStringLiteral("Provided ConnectionId and ProviderConfigKey does not match a valid connection"));
    }
    const QList<QJsonObject> empty;
    const QList<QJsonObject> &items = model == QStringLiteral("Contact") ? m_contacts
        : model == QStringLiteral("Employee")                             ? m_employees
                                                                          : empty;
    QJsonArray out;
    int last = -1;
    for (int i = start; i < items.size() && i < start + limit; ++i) {
        QJsonObject record = items[i];
        const QString ts = record.value(QStringLiteral("updated_at")).toString();
        record.insert(QStringLiteral("_nango_metadata"),
                      QJsonObject{{QStringLiteral("deleted_at"), QJsonValue::Null},
                                  {QStringLiteral("last_action"), QStringLiteral("ADDED")},
                                  {QStringLiteral("first_seen_at"), record.value(QStringLiteral("created_at"))},
                                  {QStringLiteral("last_modified_at"), ts},
                                  {QStringLiteral("cursor"), QString::fromLatin1(QByteArray("rec:" + QByteArray::number(i)).toBase64(
                                                                 QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))},
                                  {QStringLiteral("pruned_at"), QJsonValue::Null}});
        out.append(record);
        last = i;
    }
    const QJsonValue next = (last >= 0 && last + 1 < items.size())
        ? QJsonValue(QString::fromLatin1(QByteArray("rec:" + QByteArray::number(last)).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)))
        : QJsonValue(QJsonValue::Null);
    return http::json(200, QJsonObject{{QStringLiteral("records"), out}, {QStringLiteral("next_cursor"), next}});
}

// ---- proxy -----------------------------------------------------------------------------------------------------

ServiceReply NangoService::forward(const QString &host, const ServiceRequest &upstreamRequest)
{
    const bool twilio = host == kTwilioHost;
    const ServiceReply reply = twilio ? m_twilio.handle(upstreamRequest) : m_whatsapp.handle(upstreamRequest);
    m_log.record(twilio ? QStringLiteral("twilio") : QStringLiteral("whatsapp"), true, upstreamRequest, reply.status);
    return reply;
}

ServiceReply NangoService::proxy(const ServiceRequest &request)
{
    // Control headers (allProxy.ts zod schema).
    QJsonArray headerErrors;
    const QString connectionId = QString::fromUtf8(request.header("connection-id"));
    const QString pck = QString::fromUtf8(request.header("provider-config-key"));
    for (const auto &[name, value, valid] :
         {std::tuple{QStringLiteral("connection-id"), connectionId, validConnectionId(connectionId)},
          std::tuple{QStringLiteral("provider-config-key"), pck, validProviderConfigKey(pck)}}) {
        if (!request.hasHeader(name.toLatin1()))
            headerErrors.append(expected(QStringLiteral("string"), QJsonValue::Undefined, QJsonArray{name}));
        else if (value.isEmpty())
            headerErrors.append(issue(QStringLiteral("too_small"), QStringLiteral("Too small: expected string to have >=1 characters"),
                                      QJsonArray{name}));
        else if (!valid)
            headerErrors.append(issue(QStringLiteral("invalid_format"), QStringLiteral("Invalid string: must match pattern"),
                                      QJsonArray{name}));
    }
    const QString override = QString::fromUtf8(request.header("base-url-override")).trimmed();
    QUrl overrideUrl;
    if (!override.isEmpty()) {
        overrideUrl = QUrl(override, QUrl::StrictMode);
        if (!overrideUrl.isValid() || overrideUrl.host().isEmpty()
            || (overrideUrl.scheme() != QStringLiteral("https") && overrideUrl.scheme() != QStringLiteral("http")))
            headerErrors.append(issue(QStringLiteral("invalid_format"), QStringLiteral("Invalid URL"),
                                      QJsonArray{QStringLiteral("base-url-override")}));
    }
    if (request.hasHeader("retries")) {
        bool ok = false;
        QString::fromUtf8(request.header("retries")).toInt(&ok);
        if (!ok)
            headerErrors.append(expected(QStringLiteral("number"), QJsonValue(QString::fromUtf8(request.header("retries"))),
                                         QJsonArray{QStringLiteral("retries")}));
    }
    if (!headerErrors.isEmpty())
        return nangoErrors(400, QStringLiteral("invalid_headers"), headerErrors);

    std::optional<Integration> integ;
    Connection connection;
    {
        std::lock_guard lock(m_mutex);
        integ = integration(pck);
        if (!integ) {
            return nangoError(404, QStringLiteral("unknown_provider_config"),
                              QStringLiteral("Provider config not found for the given provider config key. Please make "
                                             "sure the provider config exists in the Nango dashboard."));
        }
        const Connection *c = findConnection(connectionId, pck);
        if (!c)
            return nangoError(400, QStringLiteral("server_error"), QStringLiteral("Failed to get connection"));
        connection = *c;
    }

    const QUrl base = override.isEmpty() ? QUrl(integ->baseUrl) : overrideUrl;
    const QString host = base.host().toLower();
    if (!override.isEmpty() && deniedHost(host)) {
        return nangoError(400, QStringLiteral("base_url_override_not_allowed"),
                          QStringLiteral("The Base-Url-Override host '%1' is not allowed").arg(host));
    }
    if (host != kWhatsAppHost && host != kTwilioHost) {
        // The sandbox cannot reach other hosts; a real Nango that cannot resolve a host answers the same code.
        return nangoError(400, QStringLiteral("base_url_override_not_allowed"),
                          QStringLiteral("Could not resolve the upstream host '%1' (the sandbox emulates only %2 and %3)")
                              .arg(host, kWhatsAppHost, kTwilioHost));
    }

    // The upstream URL: base URL (with its path, if any) + everything after /proxy, query included.
    QByteArray endpoint = request.rawPath.mid(int(qstrlen("/proxy")));
    if (endpoint.isEmpty())
        endpoint = "/";
    QByteArray basePath = base.path(QUrl::FullyEncoded).toUtf8();
    while (basePath.endsWith('/'))
        basePath.chop(1);

    ServiceRequest up;
    up.method = request.method;
    up.rawPath = basePath + endpoint;
    up.path = http::decode(up.rawPath, false);
    up.query = request.query;

    // Body, as Nango's parsers leave it (express.json / express.urlencoded / raw for anything else).
    ParsedBody parsed;
    const QByteArray incomingType = request.header("content-type").toLower();
    if (!request.body.isEmpty()) {
        if (incomingType.startsWith("application/json")) {
            QJsonParseError parseError{};
            parsed.json = QJsonDocument::fromJson(request.body, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return nangoError(400, QStringLiteral("invalid_json"), parseError.errorString());
            parsed.kind = ParsedBody::Kind::Json;
        } else if (incomingType.startsWith("application/x-www-form-urlencoded")) {
            parsed.kind = ParsedBody::Kind::Form;
            for (const auto &[k, v] : http::parseQuery(request.body)) {
                QString key = k;
                if (key.endsWith(QStringLiteral("[]")))
                    key.chop(2);
                auto it = std::find_if(parsed.form.begin(), parsed.form.end(), [&](const auto &f) { return f.first == key; });
                if (it == parsed.form.end())
                    parsed.form.append({key, QStringList{v}});
                else
                    it->second.append(v);
            }
        } else if (!incomingType.isEmpty()) {
            parsed.kind = ParsedBody::Kind::Raw;
            parsed.raw = request.body;
        }
    }

    // Headers: the provider's own (auth and proxy.headers), then every Nango-Proxy-<X> as <x> (overriding).
    HeaderList headers;
    auto setHeader = [&headers](const QByteArray &name, const QByteArray &value) {
        const QByteArray lower = name.toLower();
        for (auto &h : headers) {
            if (h.first == lower) {
                h.second = value;
                return;
            }
        }
        headers.append({lower, value});
    };
    const QJsonObject &cred = connection.credentials;
    if (cred.value(QStringLiteral("type")).toString() == QStringLiteral("BASIC")) {
        setHeader("authorization", "Basic " + (cred.value(QStringLiteral("username")).toString() + QLatin1Char(':')
                                               + cred.value(QStringLiteral("password")).toString()).toUtf8().toBase64());
    }
    if (integ->provider == QStringLiteral("whatsapp-business")) {
        setHeader("authorization", "Bearer " + cred.value(QStringLiteral("apiKey")).toString().toUtf8());
        setHeader("content-type", "application/json");
    }
    for (const auto &[name, value] : request.headers) {
        if (name.size() > 12 && name.left(12).compare("nango-proxy-", Qt::CaseInsensitive) == 0)
            setHeader(name.mid(12), value);
    }
    auto currentHeader = [&headers](const QByteArray &name) -> QByteArray {
        for (const auto &h : headers) {
            if (h.first == name)
                return h.second;
        }
        return {};
    };
    bool hasAccept = false;
    for (const auto &h : headers)
        hasAccept = hasAccept || h.first == "accept";
    if (!hasAccept)
        headers.prepend({"accept", "application/json, text/plain, */*"});

    // axios: an object body becomes a form when the content-type says so, JSON otherwise.
    switch (parsed.kind) {
    case ParsedBody::Kind::None:
        break;
    case ParsedBody::Kind::Raw:
        up.body = parsed.raw;
        break;
    case ParsedBody::Kind::Json:
    case ParsedBody::Kind::Form: {
        const QByteArray ct = currentHeader("content-type").toLower();
        if (ct.contains("application/x-www-form-urlencoded")) {
            QList<QPair<QString, QStringList>> form = parsed.form;
            if (parsed.kind == ParsedBody::Kind::Json) {
                const QJsonObject o = parsed.json.object();
                for (auto it = o.begin(); it != o.end(); ++it) {
                    QStringList values;
                    if (it.value().isArray()) {
                        for (const QJsonValue &v : it.value().toArray())
                            values.append(v.toVariant().toString());
                    } else {
                        values.append(it.value().toVariant().toString());
                    }
                    form.append({it.key(), values});
                }
            }
            up.body = encodeForm(form);
        } else {
            up.body = parsed.kind == ParsedBody::Kind::Json ? parsed.json.toJson(QJsonDocument::Compact)
                                                            : QJsonDocument(formAsJson(parsed.form)).toJson(QJsonDocument::Compact);
            if (ct.isEmpty())
                setHeader("content-type", "application/json");
        }
        break;
    }
    }
    if (!up.body.isEmpty())
        setHeader("content-length", QByteArray::number(up.body.size()));
    setHeader("host", host.toLatin1());
    up.headers = headers;

    const ServiceReply upstreamReply = forward(host, up);
    // Success and errors alike: the provider's status, body and content-type, unwrapped.
    ServiceReply reply;
    reply.status = upstreamReply.status;
    reply.body = upstreamReply.body;
    reply.contentType = upstreamReply.contentType;
    return reply;
}

} // namespace crossline::sandbox
