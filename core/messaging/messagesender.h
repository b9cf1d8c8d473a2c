#pragma once

#include "messaging/twiliosms.h"
#include "messaging/whatsappmessage.h"
#include "nango/nangoclient.h"

namespace crossline {

// Sends WhatsApp Cloud messages and Twilio SMS through Nango's Requests Proxy.
// Sends are never retried automatically; a failed send ends with the provider's error, code and hint.
class MessageSender : public QObject
{
    Q_OBJECT
public:
    explicit MessageSender(NangoClient *nango, QObject *parent = nullptr);

    // data: Meta's response; SentMessage::fromWhatsApp reads it.
    Job *sendWhatsApp(const WhatsAppMessage &message);
    // data: Twilio's message resource; SentMessage::fromSms reads it. Looks the Account SID up first when it is not
    // given.
    Job *sendSms(const TwilioSms &sms);
    // data: {"sid": "AC…"} — the first account of GET /2010-04-01/Accounts.json through the proxy.
    // baseUrlOverride: empty for the integration's own base URL (no Base-Url-Override header).
    Job *lookupTwilioAccountSid(
        const QString &providerConfigKey, const QString &connectionId, const QString &baseUrlOverride = QString());
    // data: the message resource, for status polling (queued → sent → delivered).
    Job *fetchSms(const QString &providerConfigKey, const QString &connectionId, const QString &accountSid,
        const QString &messageSid, const QString &baseUrlOverride = QString());

    // What the sends above put on the wire, in order, without sending. An SMS without an Account SID is two
    // steps: the lookup, then the send with AccountSidPlaceholder where the looked-up SID goes.
    Expected<RequestPlan> planWhatsApp(const WhatsAppMessage &message) const;
    Expected<RequestPlan> planSms(const TwilioSms &sms) const;

    static constexpr auto AccountSidPlaceholder = "TWILIO_ACCOUNT_SID";

private:
    static QString deliveredHint(); // what to check when a send's outcome is unknown
    // An accepted send whose answer names no message `id` may still have been delivered: outcome_unknown.
    static Result requireMessageId(const Result &r, const QString &id);
    static ProxyRequest whatsAppRequest(const WhatsAppMessage &message);
    static ProxyRequest accountsRequest(
        const QString &providerConfigKey, const QString &connectionId, const QString &baseUrlOverride);
    static ProxyRequest smsRequest(const TwilioSms &sms, const QString &accountSid);

    NangoClient *m_nango;
};

} // namespace crossline
