#include "panora/panoraclient.h"

#include <QJsonDocument>

namespace crossline {

PanoraClient::PanoraClient(HttpClient *http, const PanoraConfig &config, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_config(config)
{
}

Error PanoraClient::checkConfig() const
{
    if (m_config.baseUrl.isEmpty())
        return Error::config(
            tr("No Panora URL is set."), tr("Set PANORA_API_URL, pass --panora-url, or choose a profile."));
    if (m_config.apiKey.isEmpty())
        return Error::config(tr("No Panora API key is set."),
            tr("Set PANORA_API_KEY or store it in the keychain (crossline-cli secret set panora-key)."));
    if (m_config.connectionToken.isEmpty())
        return Error::config(tr("No Panora connection token is set."),
            tr("Set PANORA_CONNECTION_TOKEN or store it in the keychain (crossline-cli secret set "
               "panora-connection-token). Without it Panora may answer with another tenant's data."));
    return {};
}

HttpRequest PanoraClient::request(
    const QByteArray &method, const QByteArray &encodedPath, const QueryItems &query) const
{
    HttpRequest r;
    r.method = method;
    r.url = UrlBuilder::build(m_config.baseUrl, encodedPath, query);
    r.service = QStringLiteral("panora");
    r.idempotent = method == "GET";
    r.secrets << m_config.apiKey << m_config.connectionToken;
    r.setHeader(QByteArrayLiteral("x-api-key"), m_config.apiKey.toUtf8());
    if (m_config.bearerAuth)
        r.setHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_config.apiKey.toUtf8());
    r.setHeader(QByteArrayLiteral("x-connection-token"), m_config.connectionToken.toUtf8());
    return r;
}

Expected<HttpRequest> PanoraClient::checked(const HttpRequest &request) const
{
    if (const Error e = checkConfig())
        return e;
    return request;
}

Expected<HttpRequest> PanoraClient::planList(const QString &path, const QueryItems &query) const
{
    return checked(request("GET", path.toUtf8(), query));
}

Expected<HttpRequest> PanoraClient::planGet(const QString &path, const QString &id, const QueryItems &query) const
{
    // Never remote_data=false: Panora reads the string "false" as true and may crash.
    const Expected<QByteArray> segment = UrlBuilder::idSegment(QStringLiteral("id"), id);
    if (!segment)
        return segment.error();
    return checked(request("GET", path.toUtf8() + '/' + *segment, query));
}

Expected<HttpRequest> PanoraClient::planCreate(const QString &path, const QJsonObject &data) const
{
    HttpRequest r = request("POST", path.toUtf8());
    r.setJsonBody(QJsonDocument(data)); // flat body, no {input:…} wrapper
    r.unknownOutcomeHint = tr("The record may have been created: search for it before creating it again.");
    return checked(r);
}

Job *PanoraClient::list(const QString &path, const QueryItems &query)
{
    return m_http->send(planList(path, query));
}

Job *PanoraClient::listPage(const QString &path, int limit, const QString &cursor)
{
    // limit 0 would page forever (Panora answers an empty page with a next_cursor): callers pass ≥ 1.
    QueryItems query { { QStringLiteral("limit"), QString::number(qMax(1, limit)) } };
    if (!cursor.isEmpty())
        query.append({ QStringLiteral("cursor"), cursor });
    return list(path, query);
}

Job *PanoraClient::get(const QString &path, const QString &id, const QueryItems &query)
{
    return m_http->send(planGet(path, id, query));
}

Job *PanoraClient::create(const QString &path, const QJsonObject &data)
{
    return m_http->send(planCreate(path, data));
}

} // namespace crossline
