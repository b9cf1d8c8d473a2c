#include "nangoproxy.h"

#include "httputil.h"
#include "nangocommon.h"
#include "nangoconnections.h"
#include "nangoupstreams.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <tuple>

namespace crossline::sandbox {

namespace {

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

// A request body as Nango's body parsers leave it: JSON, a URL-encoded form, or raw bytes.
struct ParsedBody
{
    enum class Kind
    {
        None,
        Json,
        Form,
        Raw
    } kind
        = Kind::None;
    QJsonDocument json;
    QList<QPair<QString, QStringList>> form; // keys in first-seen order, repeated keys (and key[]) grouped
    QByteArray raw;
};

// A form as Nango's HTTP client encodes it: a repeated key as key[]=…&key[]=….
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

// A form as a JSON object: a repeated key becomes an array.
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

NangoProxy::NangoProxy(const NangoConnections &connections, NangoUpstreams &upstreams)
    : m_connections(connections)
    , m_upstreams(upstreams)
{
}

ServiceReply NangoProxy::handle(const ServiceRequest &request)
{
    const QString whatsAppHost = NangoUpstreams::whatsAppHost();
    const QString twilioHost = NangoUpstreams::twilioHost();

    // The control headers: Connection-Id and Provider-Config-Key required, Base-Url-Override an http(s) URL,
    // Retries a number.
    QJsonArray headerErrors;
    const QString connectionId = QString::fromUtf8(request.header("connection-id"));
    const QString pck = QString::fromUtf8(request.header("provider-config-key"));
    for (const auto &[name, value, valid] :
        { std::tuple { QStringLiteral("connection-id"), connectionId, nango::validConnectionId(connectionId) },
            std::tuple { QStringLiteral("provider-config-key"), pck, nango::validProviderConfigKey(pck) } }) {
        if (!request.hasHeader(name.toLatin1()))
            headerErrors.append(nango::expected(QStringLiteral("string"), QJsonValue::Undefined, QJsonArray { name }));
        else if (value.isEmpty())
            headerErrors.append(nango::issue(QStringLiteral("too_small"),
                QStringLiteral("Too small: expected string to have >=1 characters"), QJsonArray { name }));
        else if (!valid)
            headerErrors.append(nango::issue(QStringLiteral("invalid_format"),
                QStringLiteral("Invalid string: must match pattern"), QJsonArray { name }));
    }
    const QString override = QString::fromUtf8(request.header("base-url-override")).trimmed();
    if (!override.isEmpty() && !m_overrideEnabled) {
        return nango::error(400, QStringLiteral("base_url_override_disabled"),
            QStringLiteral("Base URL override is disabled by server configuration."));
    }
    QUrl overrideUrl;
    if (!override.isEmpty()) {
        overrideUrl = QUrl(override, QUrl::StrictMode);
        if (!overrideUrl.isValid() || overrideUrl.host().isEmpty()
            || (overrideUrl.scheme() != QStringLiteral("https") && overrideUrl.scheme() != QStringLiteral("http")))
            headerErrors.append(nango::issue(QStringLiteral("invalid_format"), QStringLiteral("Invalid URL"),
                QJsonArray { QStringLiteral("base-url-override") }));
    }
    if (request.hasHeader("retries")) {
        bool ok = false;
        QString::fromUtf8(request.header("retries")).toInt(&ok);
        if (!ok)
            headerErrors.append(nango::expected(QStringLiteral("number"),
                QJsonValue(QString::fromUtf8(request.header("retries"))), QJsonArray { QStringLiteral("retries") }));
    }
    if (!headerErrors.isEmpty())
        return nango::errorWithIssues(400, QStringLiteral("invalid_headers"), headerErrors);

    const std::optional<NangoIntegration> integ = m_connections.integration(pck);
    if (!integ) {
        return nango::error(404, QStringLiteral("unknown_provider_config"),
            QStringLiteral("Provider config not found for the given provider config key. Please make "
                           "sure the provider config exists in the Nango dashboard."));
    }
    const std::optional<NangoConnection> connection = m_connections.connection(connectionId, pck);
    if (!connection)
        return nango::error(400, QStringLiteral("server_error"), QStringLiteral("Failed to get connection"));

    const QUrl base = override.isEmpty() ? QUrl(integ->baseUrl) : overrideUrl;
    const QString host = base.host().toLower();
    if (!override.isEmpty() && deniedHost(host)) {
        return nango::error(400, QStringLiteral("base_url_override_not_allowed"),
            QStringLiteral("The Base-Url-Override host '%1' is not allowed").arg(host));
    }
    if (host != whatsAppHost && host != twilioHost) {
        // The sandbox cannot reach other hosts; a real Nango that cannot resolve a host answers the same code.
        return nango::error(400, QStringLiteral("base_url_override_not_allowed"),
            QStringLiteral("Could not resolve the upstream host '%1' (the sandbox emulates only %2 and %3)")
                .arg(host, whatsAppHost, twilioHost));
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

    // The body, parsed by its Content-Type: JSON, a URL-encoded form, raw bytes for any other type.
    ParsedBody parsed;
    const QByteArray incomingType = request.header("content-type").toLower();
    if (!request.body.isEmpty()) {
        if (incomingType.startsWith("application/json")) {
            QJsonParseError parseError {};
            parsed.json = QJsonDocument::fromJson(request.body, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return nango::error(400, QStringLiteral("invalid_json"), parseError.errorString());
            parsed.kind = ParsedBody::Kind::Json;
        } else if (incomingType.startsWith("application/x-www-form-urlencoded")) {
            parsed.kind = ParsedBody::Kind::Form;
            for (const auto &[k, v] : http::parseQuery(request.body)) {
                QString key = k;
                if (key.endsWith(QStringLiteral("[]")))
                    key.chop(2);
                auto it = std::find_if(
                    parsed.form.begin(), parsed.form.end(), [&](const auto &f) { return f.first == key; });
                if (it == parsed.form.end())
                    parsed.form.append({ key, QStringList { v } });
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
        headers.append({ lower, value });
    };
    const QJsonObject &cred = connection->credentials;
    if (cred.value(QStringLiteral("type")).toString() == QStringLiteral("BASIC")) {
        setHeader("authorization",
            "Basic "
                + (cred.value(QStringLiteral("username")).toString() + QLatin1Char(':')
                    + cred.value(QStringLiteral("password")).toString())
                      .toUtf8()
                      .toBase64());
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
        headers.prepend({ "accept", "application/json, text/plain, */*" });

    // Nango's HTTP client sends a parsed body as a form when the outgoing Content-Type says so, as JSON otherwise.
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
                    form.append({ it.key(), values });
                }
            }
            up.body = encodeForm(form);
        } else {
            up.body = parsed.kind == ParsedBody::Kind::Json
                ? parsed.json.toJson(QJsonDocument::Compact)
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

    const ServiceReply upstreamReply = m_upstreams.forward(host, up);
    // Success and errors alike: the provider's status, body and content-type, unwrapped.
    ServiceReply reply;
    reply.status = upstreamReply.status;
    reply.body = upstreamReply.body;
    reply.contentType = upstreamReply.contentType;
    return reply;
}

} // namespace crossline::sandbox
