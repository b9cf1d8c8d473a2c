#include "nangoservice.h"

#include "httputil.h"
#include "nangocommon.h"
#include "sandbox.h"

namespace crossline::sandbox {

NangoService::NangoService(
    RequestLog &log, WhatsAppUpstream &whatsapp, TwilioUpstream &twilio, const SandboxSizes &sizes)
    : m_upstreams(log, whatsapp, twilio)
    , m_connections(m_upstreams)
    , m_proxy(m_connections, m_upstreams)
    , m_compatiblePaths(sizes.nangoContacts, sizes.nangoEmployees)
    , m_records(m_connections, sizes.nangoRecords, sizes.nangoEmployees)
{
}

void NangoService::setRealNango(bool real)
{
    if (real)
        m_connections.addSyncedConnections();
    // A deployed Nango tests an imported credential with the provider before answering: it takes a moment.
    m_upstreams.setCredentialTestDelayMs(real ? RealNangoCredentialTestMs : 0);
    m_real = real;
}

ServiceReply NangoService::handle(const ServiceRequest &request)
{
    const QString &path = request.path;
    if (request.method == "GET" && path == QStringLiteral("/health"))
        return http::json(200, QJsonObject { { QStringLiteral("result"), QStringLiteral("ok") } });

    // Nango's JSON routes (here: /connection and /connections, and all below them) refuse a Content-Type other than
    // application/json when one is given, before the secret key is even looked at.
    if (path.startsWith(QStringLiteral("/connection")) && request.hasHeader("content-type")
        && !request.header("content-type").trimmed().toLower().startsWith("application/json")) {
        return nango::error(415, QStringLiteral("invalid_content_type"),
            QStringLiteral("Content-Type header must be application/json"));
    }
    if (const std::optional<ServiceReply> refused = nango::authenticate(request))
        return *refused;

    const QByteArray &m = request.method;
    if (path == QStringLiteral("/proxy") || path.startsWith(QStringLiteral("/proxy/")))
        return m_proxy.handle(request);
    // GET /connection is the deprecated name of GET /connections; POST /connection is the legacy import.
    if (m == "GET" && (path == QStringLiteral("/connections") || path == QStringLiteral("/connection")))
        return m_connections.list(request);
    if (m == "POST" && path == QStringLiteral("/connections"))
        return m_connections.import(request);
    if (m == "POST" && path == QStringLiteral("/connection"))
        return m_connections.legacyImport(request);
    static const QByteArray connectionPrefix = QByteArrayLiteral("/connections/");
    if (request.rawPath.startsWith(connectionPrefix) && request.rawPath.size() > connectionPrefix.size()) {
        // Connection ids may contain '/': match on the raw path, then decode.
        const QString id = http::decode(request.rawPath.mid(connectionPrefix.size()), false);
        if (m == "GET")
            return m_connections.get(id, request);
        if (m == "DELETE")
            return m_connections.remove(id, request);
    }
    if (std::optional<ServiceReply> reply = m_records.handle(request))
        return *reply;
    if (m_real) {
        // A deployed Nango: its web app answers every other GET; Express answers every other method.
        if (m == "GET") {
            ServiceReply page;
            page.status = 200;
            page.contentType = "text/html; charset=utf-8";
            page.body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Nango</title></head>"
                        "<body><div id=\"root\"></div><script type=\"module\" src=\"/assets/index.js\"></script>"
                        "</body></html>";
            return page;
        }
        ServiceReply notFound;
        notFound.status = 404;
        notFound.contentType = "text/html; charset=utf-8";
        notFound.body = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n"
                        "</head>\n<body>\n<pre>Cannot "
            + m + ' ' + request.rawPath + "</pre>\n</body>\n</html>\n";
        return notFound;
    }
    for (const bool employees : { false, true }) {
        const QString base = employees ? QStringLiteral("/hris/employees") : QStringLiteral("/crm/contacts");
        if (path == base) {
            if (m == "GET")
                return m_compatiblePaths.list(request, employees);
            if (m == "POST")
                return m_compatiblePaths.create(request, employees);
        } else if (m == "GET" && path.startsWith(base + QLatin1Char('/'))) {
            return m_compatiblePaths.get(path.mid(base.size() + 1), employees);
        }
    }
    return nango::error(
        404, QStringLiteral("not_found"), QStringLiteral("Route %1 %2 not found").arg(QString::fromLatin1(m), path));
}

} // namespace crossline::sandbox
