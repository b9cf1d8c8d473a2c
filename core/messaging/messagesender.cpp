#include "messaging/messagesender.h"

#include "messaging/sentmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace crossline {

MessageSender::MessageSender(NangoClient *nango, QObject *parent)
    : QObject(parent)
    , m_nango(nango)
{
}

QString MessageSender::deliveredHint()
{
    return tr("The message may have been delivered: check with the recipient (or the provider's log) before sending "
              "it again.");
}

ProxyRequest MessageSender::whatsAppRequest(const WhatsAppMessage &message)
{
    ProxyRequest p;
    p.method = "POST";
    p.endpoint = message.proxyEndpoint().toUtf8();
    p.providerConfigKey = message.providerConfigKey;
    p.connectionId = message.connectionId;
    // Only an override the user gave: the whatsapp-business integration already knows https://graph.facebook.com,
    // and a Nango with overrides disabled refuses any request that carries the header.
    p.baseUrlOverride = message.baseUrlOverride;
    p.body = QJsonDocument(message.requestBody()).toJson(QJsonDocument::Compact);
    p.contentType = "application/json";
    p.idempotent = false;
    p.unknownOutcomeHint = deliveredHint();
    return p;
}

Job *MessageSender::sendWhatsApp(const WhatsAppMessage &message)
{
    return Job::map(
        m_nango->proxy(whatsAppRequest(message)),
        [](const Result &r) { return requireMessageId(r, SentMessage::fromWhatsApp(r.data).id); }, this);
}

ProxyRequest MessageSender::accountsRequest(
    const QString &providerConfigKey, const QString &connectionId, const QString &baseUrlOverride)
{
    ProxyRequest p;
    p.endpoint = "/2010-04-01/Accounts.json";
    p.providerConfigKey = providerConfigKey;
    p.connectionId = connectionId;
    p.baseUrlOverride = baseUrlOverride;
    return p;
}

Job *MessageSender::lookupTwilioAccountSid(
    const QString &providerConfigKey, const QString &connectionId, const QString &baseUrlOverride)
{
    return Job::map(
        m_nango->proxy(accountsRequest(providerConfigKey, connectionId, baseUrlOverride)),
        [](const Result &r) {
            Result out = r;
            if (!r.ok())
                return out;
            static const QRegularExpression sidPattern(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
            const QString sid = r.data.toObject()
                                    .value(QLatin1String("accounts"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QLatin1String("sid"))
                                    .toString();
            if (!sidPattern.match(sid).hasMatch()) {
                out.error
                    = Error::make(Error::Kind::Decode, tr("Twilio's account list through Nango held no Account SID."),
                        tr("Pass the Account SID explicitly (--accountSid=AC…)."));
                return out;
            }
            out.data = QJsonObject { { QStringLiteral("sid"), sid } };
            return out;
        },
        this);
}

ProxyRequest MessageSender::smsRequest(const TwilioSms &sms, const QString &accountSid)
{
    ProxyRequest p;
    p.method = "POST";
    p.endpoint = sms.proxyEndpoint(accountSid).toUtf8();
    p.providerConfigKey = sms.providerConfigKey;
    p.connectionId = sms.connectionId;
    p.baseUrlOverride = sms.baseUrlOverride; // the twilio integration already knows https://api.twilio.com
    p.body = sms.formBody();
    // Both headers: without Nango-Proxy-Content-Type, Nango forwards the form as JSON and Twilio answers 21604.
    p.contentType = "application/x-www-form-urlencoded";
    p.idempotent = false;
    p.unknownOutcomeHint = deliveredHint();
    return p;
}

// An accepted send whose answer names no message (a base URL override pointing elsewhere, a proxy in between) may
// still have been delivered: an error that says so, never one that invites a second send.
Result MessageSender::requireMessageId(const Result &r, const QString &id)
{
    if (!r.ok() || !id.isEmpty())
        return r;
    Result out = r;
    out.error = Error::make(Error::Kind::Decode,
        tr("The provider accepted the request (HTTP %1) but its answer names no message; it was not sent again.")
            .arg(r.httpStatus),
        deliveredHint() + u' '
            + tr("If you use a base URL override, check it: the answer did not look like Meta's or Twilio's."));
    out.error.code = QLatin1String(Error::OutcomeUnknown);
    out.error.httpStatus = r.httpStatus;
    return out;
}

Job *MessageSender::sendSms(const TwilioSms &sms)
{
    const auto smsWithId = [](const Result &r) { return requireMessageId(r, SentMessage::fromSms(r.data).id); };
    if (!sms.accountSid.isEmpty())
        return Job::map(m_nango->proxy(smsRequest(sms, sms.accountSid)), smsWithId, this);
    NangoClient *nango = m_nango;
    // The lookup is a read: when it fails, nothing was sent, and the message must say so (a timeout's own words
    // would leave the user wondering whether the SMS went out).
    Job *lookup = Job::map(
        lookupTwilioAccountSid(sms.providerConfigKey, sms.connectionId, sms.baseUrlOverride),
        [](const Result &r) {
            Result out = r;
            if (!r.ok() && r.error.kind != Error::Kind::Cancelled)
                out.error.message
                    = tr("The SMS was not sent: looking up the Account SID failed. %1").arg(r.error.message);
            return out;
        },
        this);
    return Job::chain(
        lookup,
        [nango, sms, smsWithId](const Result &r) -> Job * {
            if (!r.ok())
                return nullptr;
            return Job::map(nango->proxy(smsRequest(sms, r.data.toObject().value(QLatin1String("sid")).toString())),
                smsWithId, nango);
        },
        this);
}

Expected<RequestPlan> MessageSender::planWhatsApp(const WhatsAppMessage &message) const
{
    const Expected<HttpRequest> send = m_nango->planProxy(whatsAppRequest(message));
    if (!send)
        return send.error();
    return RequestPlan(*send);
}

Expected<RequestPlan> MessageSender::planSms(const TwilioSms &sms) const
{
    if (!sms.accountSid.isEmpty()) {
        const Expected<HttpRequest> send = m_nango->planProxy(smsRequest(sms, sms.accountSid));
        if (!send)
            return send.error();
        return RequestPlan(*send);
    }
    const Expected<HttpRequest> lookup
        = m_nango->planProxy(accountsRequest(sms.providerConfigKey, sms.connectionId, sms.baseUrlOverride));
    if (!lookup)
        return lookup.error();
    const Expected<HttpRequest> send = m_nango->planProxy(smsRequest(sms, QString::fromLatin1(AccountSidPlaceholder)));
    if (!send)
        return send.error();
    RequestPlan plan(*lookup);
    plan.append(*send, QString::fromLatin1(AccountSidPlaceholder),
        tr("%1 is accounts[0].sid of the first answer").arg(QString::fromLatin1(AccountSidPlaceholder)));
    return plan;
}

Job *MessageSender::fetchSms(const QString &providerConfigKey, const QString &connectionId, const QString &accountSid,
    const QString &messageSid, const QString &baseUrlOverride)
{
    ProxyRequest p;
    p.endpoint = "/2010-04-01/Accounts/" + UrlBuilder::segment(accountSid) + "/Messages/"
        + UrlBuilder::segment(messageSid) + ".json";
    p.providerConfigKey = providerConfigKey;
    p.connectionId = connectionId;
    p.baseUrlOverride = baseUrlOverride;
    return m_nango->proxy(p);
}

} // namespace crossline
