#pragma once

#include "expected.h"
#include "messaging/smssegments.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace crossline {

// A Twilio SMS sent through Nango's Requests Proxy: the original backend's `twilio.sms` create, sent as a form
// (To, From or MessagingServiceSid, Body) to POST /2010-04-01/Accounts/{AccountSid}/Messages.json.
struct TwilioSms
{
    QString providerConfigKey;
    QString connectionId;
    QString accountSid; // empty: look it up through the proxy (accountsEndpoint())
    QString to; // E.164 with '+' after fromJson
    QString from; // E.164 number, short code or alphanumeric sender id; empty with messagingServiceSid
    QString messagingServiceSid; // MG…; empty with from
    QString body;
    QString baseUrlOverride; // empty: the integration's own base URL (the twilio provider's https://api.twilio.com)
    QStringList warnings;

    static constexpr int MaxBodyLength = 1600; // Twilio: Body "can be up to 1,600 characters"
    static constexpr int RecommendedBodyLength = 320; // Twilio's deliverability advice
    static constexpr int MaxAlphanumericSenderLength = 11;

    static QString defaultBaseUrl() { return QStringLiteral("https://api.twilio.com"); }
    // GET it through the proxy to find the AccountSid without ever seeing the token.
    static QString accountsEndpoint() { return QStringLiteral("/2010-04-01/Accounts.json"); }

    // Parses the seed's `data` object: {providerConfigKey, connectionId, from | messagingServiceSid, to, body,
    // accountSid?, baseUrlOverride?}. Errors are Validation errors naming the field under `fieldPrefix` ("data.from").
    static Expected<TwilioSms> fromJson(const QJsonObject &data, const QString &fieldPrefix = QStringLiteral("data"));

    // "^AC[0-9a-fA-F]{32}$", the AccountSid path pattern of Twilio's spec.
    static bool isAccountSid(const QString &text);
    // "^MG[0-9a-fA-F]{32}$".
    static bool isMessagingServiceSid(const QString &text);

    // The path after Nango's /proxy: "/2010-04-01/Accounts/AC…/Messages.json" (the .json suffix asks for JSON).
    QString proxyEndpoint(const QString &accountSid) const;
    // "To=…&From=…&Body=…" (or MessagingServiceSid instead of From), percent-encoded by FormEncoding.
    QByteArray formBody() const;
    SmsSegments segments() const;

    Q_DECLARE_TR_FUNCTIONS(TwilioSms)
};

} // namespace crossline
