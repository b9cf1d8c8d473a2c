#include "nangoupstreams.h"

#include <chrono>
#include <thread>

#include "httputil.h"
#include "requestlog.h"
#include "twilioupstream.h"
#include "whatsappupstream.h"

#include <QUrl>

namespace crossline::sandbox {

NangoUpstreams::NangoUpstreams(RequestLog &log, WhatsAppUpstream &whatsapp, TwilioUpstream &twilio)
    : m_log(log)
    , m_whatsapp(whatsapp)
    , m_twilio(twilio)
{
}

QString NangoUpstreams::whatsAppHost()
{
    return QStringLiteral("graph.facebook.com");
}

QString NangoUpstreams::twilioHost()
{
    return QStringLiteral("api.twilio.com");
}

ServiceReply NangoUpstreams::forward(const QString &host, const ServiceRequest &upstreamRequest)
{
    const bool twilio = host == twilioHost();
    const ServiceReply reply = twilio ? m_twilio.handle(upstreamRequest) : m_whatsapp.handle(upstreamRequest);
    m_log.record(twilio ? QStringLiteral("twilio") : QStringLiteral("whatsapp"), true, upstreamRequest, reply.status);
    return reply;
}

bool NangoUpstreams::verifyCredentials(const QString &provider, const QJsonObject &credentials)
{
    if (const int delay = m_credentialTestDelayMs.load(); delay > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    // WhatsApp: GET /v21.0/me with the token; Twilio: the account's message list with Basic auth.
    ServiceRequest verify;
    verify.method = "GET";
    QString host;
    if (provider == QStringLiteral("whatsapp-business")) {
        host = whatsAppHost();
        verify.rawPath = "/v21.0/me";
        verify.headers
            = { { "authorization", "Bearer " + credentials.value(QStringLiteral("apiKey")).toString().toUtf8() },
                  { "content-type", "application/json" } };
    } else {
        host = twilioHost();
        const QString user = credentials.value(QStringLiteral("username")).toString();
        verify.rawPath = "/2010-04-01/Accounts/" + QUrl::toPercentEncoding(user) + "/Messages.json";
        verify.headers
            = { { "authorization",
                    "Basic "
                        + (user + QLatin1Char(':') + credentials.value(QStringLiteral("password")).toString())
                              .toUtf8()
                              .toBase64() },
                  { "content-type", "application/json" } };
    }
    verify.path = http::decode(verify.rawPath, false);
    verify.headers.append({ QByteArrayLiteral("accept"), QByteArrayLiteral("application/json, text/plain, */*") });
    verify.headers.append({ QByteArrayLiteral("host"), host.toLatin1() });
    const ServiceReply reply = forward(host, verify);
    return reply.status >= 200 && reply.status < 300;
}

} // namespace crossline::sandbox
