#include "nango/nangoclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace crossline {

Q_LOGGING_CATEGORY(lcNango, "crossline.nango", QtInfoMsg)

namespace {
// The ID character sets Nango validates (1 to 255 characters each)
const QRegularExpression &providerConfigKeyPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9~:.@ _-]{1,255}$"));
    return re;
}
const QRegularExpression &connectionIdPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9,.;:=+~\\[\\]|@${}\"'\\\\/_ -]{1,255}$"));
    return re;
}

// The import response of both endpoints contains the credentials (legacy: the request body echoed). Keep only what a
// user needs to see; the secret never leaves this function.
QJsonObject safeConnectionSummary(
    const QJsonObject &response, const ConnectionImport &import, bool verified, const QString &endpoint)
{
    QJsonObject out;
    out.insert(
        QStringLiteral("connection_id"), response.value(QLatin1String("connection_id")).toString(import.connectionId));
    out.insert(QStringLiteral("provider_config_key"),
        response.value(QLatin1String("provider_config_key")).toString(import.providerConfigKey));
    if (response.contains(QLatin1String("provider")))
        out.insert(QStringLiteral("provider"), response.value(QLatin1String("provider")));
    if (response.contains(QLatin1String("id")))
        out.insert(QStringLiteral("id"), response.value(QLatin1String("id")));
    out.insert(QStringLiteral("verified"), verified);
    out.insert(QStringLiteral("endpoint"), endpoint);
    return out;
}
} // namespace

namespace {

// A value as a message can show it: control characters escaped (never sent raw to a terminal), long ones cut.
QString shown(const QString &value)
{
    QString out;
    for (const QChar c : value.left(80)) {
        if (c.category() == QChar::Other_Control)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    if (value.size() > 80)
        out += QStringLiteral("…");
    return out;
}

Error checkNangoName(const QString &value, const QString &field, const QRegularExpression &pattern, const char *takes)
{
    if (value.isEmpty())
        return Error::validation(
            field, QCoreApplication::translate("crossline::NangoClient", "%1 is empty.").arg(field));
    if (value.size() > 255)
        return Error::validation(field,
            QCoreApplication::translate("crossline::NangoClient",
                "%1 is longer than 255 characters (%2): Nango "
                "refuses it.")
                .arg(field)
                .arg(value.size()));
    if (!pattern.match(value).hasMatch())
        return Error::validation(field,
            QCoreApplication::translate(
                "crossline::NangoClient", "%1 \"%2\" has characters Nango does not accept (%3).")
                .arg(field, shown(value), QCoreApplication::translate("crossline::NangoClient", takes)));
    return {};
}

} // namespace

Error NangoClient::checkConnectionRef(const QString &providerConfigKey, const QString &connectionId)
{
    if (const Error e = checkProviderConfigKey(providerConfigKey))
        return e;
    return checkConnectionId(connectionId);
}

Error NangoClient::checkProviderConfigKey(const QString &value, const QString &field)
{
    return checkNangoName(value, field, providerConfigKeyPattern(),
        QT_TRANSLATE_NOOP("crossline::NangoClient", "letters, digits, ~ : . @ _ - and spaces"));
}

Error NangoClient::checkConnectionId(const QString &value, const QString &field)
{
    return checkNangoName(value, field, connectionIdPattern(),
        QT_TRANSLATE_NOOP(
            "crossline::NangoClient", "letters, digits, spaces and , . ; : = + ~ [ ] | @ $ { } \" ' \\ / _ -"));
}

Error ConnectionImport::validate() const
{
    if (providerConfigKey.trimmed().isEmpty())
        return Error::validation(QStringLiteral("providerConfigKey"),
            QCoreApplication::translate("crossline::NangoClient",
                "providerConfigKey is required: the integration's unique key in Nango (e.g. whatsapp-business)."));
    if (const Error e = NangoClient::checkProviderConfigKey(providerConfigKey))
        return e;
    if (connectionId.trimmed().isEmpty())
        return Error::validation(QStringLiteral("connectionId"),
            QCoreApplication::translate("crossline::NangoClient",
                "connectionId is required: the id you give this connection (e.g. whatsapp-prod-1)."));
    if (const Error e = NangoClient::checkConnectionId(connectionId))
        return e;
    const bool basic = !username.isEmpty() || !password.isEmpty();
    if (basic && !apiKey.isEmpty())
        return Error::validation(QStringLiteral("apiKey"),
            QCoreApplication::translate(
                "crossline::NangoClient", "Give either an API key or a username/password, not both."));
    if (!basic && apiKey.isEmpty())
        return Error::validation(QStringLiteral("apiKey"),
            QCoreApplication::translate("crossline::NangoClient",
                "apiKey is required: the token to import (use --apiKey=- to read it from standard input)."));
    if (!apiKey.isEmpty() && apiKey.size() > 1024)
        return Error::validation(QStringLiteral("apiKey"),
            QCoreApplication::translate(
                "crossline::NangoClient", "apiKey is longer than the 1024 characters Nango accepts."));
    if (!apiKey.isEmpty() && apiKey.trimmed() != apiKey)
        return Error::validation(QStringLiteral("apiKey"),
            QCoreApplication::translate("crossline::NangoClient",
                "apiKey starts or ends with whitespace; paste the token without spaces or line breaks."));
    if (basic && (username.isEmpty() || password.isEmpty()))
        return Error::validation(QStringLiteral("password"),
            QCoreApplication::translate(
                "crossline::NangoClient", "Basic credentials need both a username and a password."));
    if (tags.size() > 10)
        return Error::validation(QStringLiteral("tags"),
            QCoreApplication::translate("crossline::NangoClient", "Nango accepts at most 10 tags."));
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        if (!it.value().isString())
            return Error::validation(QStringLiteral("tags.") + it.key(),
                QCoreApplication::translate("crossline::NangoClient", "Tag values must be strings."));
    }
    return {};
}

NangoClient::NangoClient(HttpClient *http, const NangoConfig &config, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_config(config)
{
}

QString NangoClient::importOutcomeHint()
{
    return tr("The connection may have been created: list the connections (nango connections) before importing "
              "again.");
}

Error NangoClient::checkConfig() const
{
    if (m_config.baseUrl.isEmpty())
        return Error::config(tr("No Nango base URL is set."),
            tr("Set NANGO_API_BASE (or NANGO_HOST), pass --base, or choose a profile."));
    if (m_config.secretKey.isEmpty())
        return Error::config(tr("No Nango secret key is set."),
            tr("Set NANGO_SECRET_KEY (or NANGO_SECRET_KEY_<ENV>), pass --key, or store it in the keychain "
               "(crossline-cli secret set nango-key)."));
    return {};
}

HttpRequest NangoClient::request(const QByteArray &method, const QByteArray &encodedPath, const QueryItems &query) const
{
    HttpRequest r;
    r.method = method;
    r.url = UrlBuilder::build(m_config.baseUrl, encodedPath, query);
    r.service = QStringLiteral("nango");
    r.idempotent = method == "GET";
    r.secrets << m_config.secretKey;
    // "Bearer " is case-sensitive on Nango's side.
    r.setHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_config.secretKey.toUtf8());
    return r;
}

Expected<HttpRequest> NangoClient::checked(const HttpRequest &request) const
{
    if (const Error e = checkConfig())
        return e;
    return request;
}

Job *NangoClient::send(const HttpRequest &request)
{
    return m_http->send(checked(request));
}

Job *NangoClient::listConnections(const ConnectionQuery &query)
{
    // Nango validates strictly: never send an empty parameter (an empty search or connectionId is a 400).
    QueryItems items;
    if (!query.connectionId.isEmpty())
        items.append({ QStringLiteral("connectionId"), query.connectionId });
    if (!query.search.isEmpty())
        items.append({ QStringLiteral("search"), query.search });
    if (!query.integrationId.isEmpty())
        items.append({ QStringLiteral("integrationId"), query.integrationId });

    const auto unwrap = [](const Result &r) {
        Result out = r;
        if (r.ok()) {
            const QJsonValue list = r.data.toObject().value(QLatin1String("connections"));
            if (!list.isArray()) {
                out.error = Error::make(Error::Kind::Decode, tr("Nango's answer has no \"connections\" list."),
                    tr("Check that the base URL points at the Nango API."));
            } else {
                out.data = list;
            }
        }
        return out;
    };
    Job *current = send(request("GET", "/connections", items));
    // Servers older than 0.67 only have the deprecated GET /connection (same handler).
    Job *withFallback = Job::chain(
        current,
        [this, items](const Result &r) -> Job * {
            const bool routeMissing
                = r.httpStatus == 404 || (r.error.kind == Error::Kind::Decode && r.body.trimmed().startsWith('<'));
            if (!routeMissing)
                return nullptr;
            qCInfo(lcNango) << "GET /connections missing; falling back to the deprecated GET /connection";
            return send(request("GET", "/connection", items));
        },
        this);
    return Job::map(withFallback, unwrap, this);
}

Job *NangoClient::getConnection(const QString &providerConfigKey, const QString &connectionId)
{
    const Expected<QByteArray> segment = UrlBuilder::idSegment(QStringLiteral("connectionId"), connectionId);
    if (!segment)
        return Job::finishedJob(Result::failure(segment.error()), this);
    if (const Error e = checkConnectionRef(providerConfigKey, connectionId))
        return Job::finishedJob(Result::failure(e), this);
    return send(
        request("GET", "/connections/" + *segment, { { QStringLiteral("provider_config_key"), providerConfigKey } }));
}

Job *NangoClient::deleteConnection(const QString &providerConfigKey, const QString &connectionId)
{
    const Expected<QByteArray> segment = UrlBuilder::idSegment(QStringLiteral("connectionId"), connectionId);
    if (!segment)
        return Job::finishedJob(Result::failure(segment.error()), this);
    if (const Error e = checkConnectionRef(providerConfigKey, connectionId))
        return Job::finishedJob(Result::failure(e), this);
    HttpRequest r = request(
        "DELETE", "/connections/" + *segment, { { QStringLiteral("provider_config_key"), providerConfigKey } });
    r.unknownOutcomeHint = tr("The connection may have been deleted: list the connections before trying again.");
    return Job::map(
        send(r),
        [providerConfigKey, connectionId](const Result &res) {
            Result out = res;
            // Nango answers a missing connection with a bare code and no message.
            if (res.error.code == QLatin1String("unknown_connection")) {
                out.error.message = tr("Nango has no connection \"%1\" in the integration \"%2\"; nothing was deleted.")
                                        .arg(connectionId, providerConfigKey);
                out.error.hint = tr("List the connections (nango connections) to check the id and the integration.");
            }
            return out;
        },
        this);
}

Job *NangoClient::importConnection(const ConnectionImport &import)
{
    if (const Error e = import.validate())
        return Job::finishedJob(Result::failure(e), this);
    Job *job = import.skipVerification ? importLegacy(import) : importVerified(import);
    if (import.apiKey.isEmpty()) {
        // Basic credentials (Twilio's Account SID and Auth Token): the hint about "the token" would mislead.
        job = Job::map(
            job,
            [](const Result &r) {
                Result out = r;
                if (r.error.code == QLatin1String("connection_test_failed"))
                    out.error.hint = tr("Nango could not verify this user name and password (for Twilio: the Account "
                                        "SID and Auth Token) with the provider. Check both, or — if your Nango server "
                                        "cannot reach the provider — import without verification.");
                return out;
            },
            this);
    }
    return job;
}

Job *NangoClient::importVerified(const ConnectionImport &import)
{
    QJsonObject credentials;
    if (!import.apiKey.isEmpty()) {
        credentials.insert(QStringLiteral("type"), QStringLiteral("API_KEY"));
        credentials.insert(QStringLiteral("apiKey"), import.apiKey); // camelCase here; the legacy endpoint's is api_key
    } else {
        credentials.insert(QStringLiteral("type"), QStringLiteral("BASIC"));
        credentials.insert(QStringLiteral("username"), import.username);
        credentials.insert(QStringLiteral("password"), import.password);
    }
    QJsonObject body { { QStringLiteral("provider_config_key"), import.providerConfigKey },
        { QStringLiteral("connection_id"), import.connectionId }, { QStringLiteral("credentials"), credentials } };
    if (!import.tags.isEmpty())
        body.insert(QStringLiteral("tags"), import.tags);
    if (!import.metadata.isEmpty())
        body.insert(QStringLiteral("metadata"), import.metadata);

    HttpRequest r = request("POST", "/connections");
    r.setJsonBody(QJsonDocument(body));
    r.unknownOutcomeHint = importOutcomeHint();
    r.secrets << import.apiKey << import.password;

    Job *first = send(r);
    Job *chained = Job::chain(
        first,
        [this, import](const Result &res) -> Job * {
            // Only a missing route falls back (servers before 0.67); "Integration does not exist" is a real answer.
            const bool routeMissing
                = res.httpStatus == 404 && (res.error.code.isEmpty() || res.error.code == QLatin1String("404"));
            if (!routeMissing)
                return nullptr;
            qCInfo(lcNango) << "POST /connections missing; falling back to the legacy POST /connection";
            return importLegacy(import);
        },
        this);
    return Job::map(
        chained,
        [import](const Result &res) {
            Result out = res;
            out.body.clear(); // the echo holds the secret
            if (res.ok()) {
                // importLegacy already produced a summary; a verified import still holds Nango's full connection.
                const QJsonObject o = res.data.toObject();
                out.data = o.contains(QLatin1String("verified"))
                    ? o
                    : safeConnectionSummary(o, import, true, QStringLiteral("POST /connections"));
            } else if (res.error.code == QLatin1String("connection_test_failed")) {
                out.error.message = tr("Nango could not verify this token with the provider, so the connection was not "
                                       "imported. (Nango said: %1)")
                                        .arg(res.error.message.section(QStringLiteral(": "), 1));
                out.error.hint = tr("Check the token. If your Nango server cannot reach the provider (an offline or "
                                    "air-gapped Nango), import it without verification: --skip-verification.");
            }
            return out;
        },
        this);
}

Job *NangoClient::importLegacy(const ConnectionImport &import)
{
    // The legacy flat endpoint skips the credential test and echoes the secret: explicit use only.
    QJsonObject body { { QStringLiteral("provider_config_key"), import.providerConfigKey },
        { QStringLiteral("connection_id"), import.connectionId } };
    if (!import.apiKey.isEmpty()) {
        body.insert(QStringLiteral("api_key"), import.apiKey);
    } else {
        body.insert(QStringLiteral("username"), import.username);
        body.insert(QStringLiteral("password"), import.password);
    }
    if (!import.metadata.isEmpty())
        body.insert(QStringLiteral("metadata"), import.metadata);
    HttpRequest r = request("POST", "/connection");
    r.setJsonBody(QJsonDocument(body));
    r.unknownOutcomeHint = importOutcomeHint();
    r.secrets << import.apiKey << import.password;
    return Job::map(
        send(r),
        [import](const Result &res) {
            Result out = res;
            out.body.clear();
            if (res.ok())
                out.data
                    = safeConnectionSummary(res.data.toObject(), import, false, QStringLiteral("POST /connection"));
            return out;
        },
        this);
}

Job *NangoClient::proxy(const ProxyRequest &p)
{
    return m_http->send(planProxy(p));
}

Expected<HttpRequest> NangoClient::planProxy(const ProxyRequest &p) const
{
    if (p.providerConfigKey.isEmpty() || p.connectionId.isEmpty())
        return Error::validation(
            QStringLiteral("providerConfigKey"), tr("A proxy call needs both providerConfigKey and connectionId."));
    if (const Error e = checkConnectionRef(p.providerConfigKey, p.connectionId))
        return e;
    QByteArray endpoint = p.endpoint.startsWith('/') ? p.endpoint : '/' + p.endpoint;
    HttpRequest r;
    r.method = p.method;
    r.url = UrlBuilder::build(m_config.baseUrl, "/proxy" + endpoint);
    r.service = QStringLiteral("nango");
    r.idempotent = p.idempotent;
    r.unknownOutcomeHint = p.unknownOutcomeHint;
    r.secrets << m_config.secretKey;
    r.setHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_config.secretKey.toUtf8());
    r.setHeader(QByteArrayLiteral("Connection-Id"), p.connectionId.toUtf8());
    r.setHeader(QByteArrayLiteral("Provider-Config-Key"), p.providerConfigKey.toUtf8());
    if (!p.baseUrlOverride.isEmpty())
        r.setHeader(QByteArrayLiteral("Base-Url-Override"), p.baseUrlOverride.toUtf8());
    if (!p.idempotent)
        r.setHeader(QByteArrayLiteral("Retries"), QByteArrayLiteral("0")); // a send must never be repeated by Nango
    if (!p.contentType.isEmpty()) {
        // Nango parses the body by Content-Type and forwards only Nango-Proxy-* headers (NangoHQ/nango issue #950).
        r.setHeader(QByteArrayLiteral("Content-Type"), p.contentType);
        r.setHeader(QByteArrayLiteral("Nango-Proxy-Content-Type"), p.contentType);
    }
    for (const auto &h : p.upstreamHeaders)
        r.setHeader(QByteArrayLiteral("Nango-Proxy-") + h.first, h.second);
    r.body = p.body;
    return checked(r);
}

Expected<HttpRequest> NangoClient::checkedResource(const HttpRequest &request) const
{
    if (!m_config.compatiblePaths)
        return Error::config(tr("This profile maps Nango contacts and employees to syncs and actions (GET /records, "
                                "POST /action/trigger), "
                                "which Crossline does not support yet. Nothing was sent."),
            tr("Switch the profile's Nango mapping to compatible paths (crossline-cli profile set NAME "
               "--mapping=compatible-paths), or use Panora."));
    return checked(request);
}

Expected<HttpRequest> NangoClient::planListResource(const QString &path, const QueryItems &query) const
{
    return checkedResource(request("GET", path.toUtf8(), query));
}

Expected<HttpRequest> NangoClient::planGetResource(
    const QString &path, const QString &id, const QueryItems &query) const
{
    const Expected<QByteArray> segment = UrlBuilder::idSegment(QStringLiteral("id"), id);
    if (!segment)
        return segment.error();
    return checkedResource(request("GET", path.toUtf8() + '/' + *segment, query));
}

Expected<HttpRequest> NangoClient::planCreateResource(const QString &path, const QJsonObject &data) const
{
    HttpRequest r = request("POST", path.toUtf8());
    r.setJsonBody(QJsonDocument(data));
    r.unknownOutcomeHint = tr("The record may have been created: search for it before creating it again.");
    return checkedResource(r);
}

Job *NangoClient::diagnosed(Job *job, const QString &path)
{
    // A deployed Nango has no compatible paths: its web app answers an unknown GET with an HTML page (200), Express
    // an unknown POST with a 404 page. "Check the base URL" would send the user the wrong way.
    return Job::map(
        job,
        [path](const Result &r) {
            Result out = r;
            const bool html = r.error.kind == Error::Kind::Decode && r.error.message.contains(QLatin1String("HTML"));
            const bool missing = r.error.httpStatus == 404 && r.error.code != QLatin1String("not_found");
            if (html || missing) {
                out.error.message = tr("This Nango has no %1: it answered with %2.")
                                        .arg(path, html ? tr("its web app's HTML page") : tr("404"));
                out.error.hint = tr("A deployed Nango keeps contacts and employees in synced records. If `nango "
                                    "connections` works, map the profile to them: crossline-cli profile set NAME "
                                    "--mapping=records-and-actions --crm-integration=KEY --crm-connection=ID.");
                out.error.code = QStringLiteral("no_compatible_paths");
            }
            return out;
        },
        this);
}

Job *NangoClient::listResource(const QString &path, const QueryItems &query)
{
    return diagnosed(m_http->send(planListResource(path, query)), path);
}

Job *NangoClient::getResource(const QString &path, const QString &id, const QueryItems &query)
{
    return diagnosed(m_http->send(planGetResource(path, id, query)), path);
}

Job *NangoClient::createResource(const QString &path, const QJsonObject &data)
{
    return diagnosed(m_http->send(planCreateResource(path, data)), path);
}

} // namespace crossline
