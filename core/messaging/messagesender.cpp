#include "messaging/messagesender.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace crossline {

MessageSender::MessageSender(NangoClient *nango, QObject *parent)
    : QObject(parent)
    , m_nango(nango)
{
}

QString MessageSender::messageId(const QJsonValue &response)
{
    const QJsonObject o = response.toObject();
    const QString wamid = o.value(QLatin1String("messages")).toArray().at(0).toObject().value(QLatin1String("id")).toString();
    return wamid.isEmpty() ? o.value(QLatin1String("sid")).toString() : wamid;
}

Job *MessageSender::sendWhatsApp(const WhatsAppMessage &message)
{
    ProxyRequest p;
    p.method = "POST";
    p.endpoint = message.proxyEndpoint().toUtf8();
    p.providerConfigKey = message.providerConfigKey;
    p.connectionId = message.connectionId;
    // The seed always targets graph.facebook.com unless overridden (seed README "Notes for WhatsApp").
    p.baseUrlOverride = message.upstreamBaseUrl();
    p.body = QJsonDocument(message.requestBody()).toJson(QJsonDocument::Compact);
    p.contentType = "application/json";
    p.idempotent = false;
    return Job::map(m_nango->proxy(p), [](const Result &r) {
        Result out = r;
        if (r.ok() && messageId(r.data).isEmpty())
            out.error = Error::make(Error::Kind::Decode, tr("WhatsApp accepted the request but returned no message id."),
                                    tr("Check the base URL override; the answer did not look like Meta's."));
        return out;
    }, this);
}

Job *MessageSender::lookupTwilioAccountSid(const QString &providerConfigKey, const QString &connectionId)
{
    ProxyRequest p;
    p.endpoint = "/2010-04-01/Accounts.json";
    p.providerConfigKey = providerConfigKey;
    p.connectionId = connectionId;
    p.baseUrlOverride = QString::fromLatin1(TwilioBaseUrl);
    return Job::map(m_nango->proxy(p), [](const Result &r) {
        Result out = r;
        if (!r.ok())
            return out;
        static const QRegularExpression sidPattern(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
        const QString sid = r.data.toObject().value(QLatin1String("accounts")).toArray().at(0).toObject()
                                .value(QLatin1String("sid")).toString();
        if (!sidPattern.match(sid).hasMatch()) {
            out.error = Error::make(Error::Kind::Decode, tr("Twilio's account list through Nango held no Account SID."),
                                    tr("Pass the Account SID explicitly (--accountSid=AC…)."));
            return out;
        }
        out.data = QJsonObject{{QStringLiteral("sid"), sid}};
        return out;
    }, this);
}

Job *MessageSender::sendSms(const TwilioSms &sms)
{
    auto send = [this, sms](const QString &accountSid) {
        ProxyRequest p;
        p.method = "POST";
        p.endpoint = sms.proxyEndpoint(accountSid).toUtf8();
        p.providerConfigKey = sms.providerConfigKey;
        p.connectionId = sms.connectionId;
        p.baseUrlOverride = QString::fromLatin1(TwilioBaseUrl);
        p.body = sms.formBody();
        // Both headers, or Twilio receives JSON and answers 21604 (messaging.md §3.3).
        p.contentType = "application/x-www-form-urlencoded";
        p.idempotent = false;
        return m_nango->proxy(p);
    };
    if (!sms.accountSid.isEmpty())
        return send(sms.accountSid);
    return Job::chain(lookupTwilioAccountSid(sms.providerConfigKey, sms.connectionId),
                      [send](const Result &r) -> Job * {
                          if (!r.ok())
                              return nullptr;
                          return send(r.data.toObject().value(QLatin1String("sid")).toString());
                      }, this);
}

Job *MessageSender::fetchSms(const QString &providerConfigKey, const QString &connectionId, const QString &accountSid,
                             const QString &messageSid)
{
    ProxyRequest p;
    p.endpoint = "/2010-04-01/Accounts/" + UrlBuilder::segment(accountSid) + "/Messages/" + UrlBuilder::segment(messageSid) + ".json";
    p.providerConfigKey = providerConfigKey;
    p.connectionId = connectionId;
    p.baseUrlOverride = QString::fromLatin1(TwilioBaseUrl);
    return m_nango->proxy(p);
}

} // namespace crossline
