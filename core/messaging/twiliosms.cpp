#include "messaging/twiliosms.h"

#include "messaging/formencoding.h"
#include "messaging/payloadfield.h"
#include "messaging/phonenumber.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QUrl>

namespace crossline {

namespace {

const QStringList knownFields = {
    QStringLiteral("providerConfigKey"),
    QStringLiteral("connectionId"),
    QStringLiteral("accountSid"),
    QStringLiteral("to"),
    QStringLiteral("from"),
    QStringLiteral("messagingServiceSid"),
    QStringLiteral("body"),
    QStringLiteral("baseUrlOverride"),
};

// The sender: an E.164 number, a short code or an alphanumeric sender ID (Twilio's `From`).
Error readSender(const QString &path, const QString &text, TwilioSms *sms)
{
    const QString example = QStringLiteral("+15005550006");
    if (text.startsWith(QLatin1Char('+'))) {
        const PhoneCheck phone = PhoneNumber::check(text, QString(), path);
        if (phone.error)
            return phone.error;
        sms->from = phone.e164;
        if (!phone.warning.isEmpty())
            sms->warnings << phone.warning;
        return {};
    }

    static const QRegularExpression shortCode(QStringLiteral("^[0-9]{3,8}$"));
    if (shortCode.match(text).hasMatch()) {
        sms->from = text;
        return {};
    }
    // Digits with separators, or more digits than any short code: a phone number that lost its '+'.
    static const QRegularExpression numberLike(QStringLiteral("^[0-9 ().-]+$"));
    if (numberLike.match(text).hasMatch())
        return Error::validation(path,
            TwilioSms::tr("%1: \"%2\" looks like a phone number without its country code; start it "
                          "with + and the country code, e.g. %3.")
                .arg(path, text, example));

    const QString senderHint = TwilioSms::tr("A sender is a Twilio phone number (%1), a short code (digits only) or an "
                                             "alphanumeric sender ID of 1–11 letters, digits or spaces.")
                                   .arg(example);
    if (text.contains(QLatin1Char(':')))
        return Error::validation(path,
            TwilioSms::tr("%1: \"%2\" is a channel address; an SMS is sent from a plain phone number, "
                          "short code or sender ID.")
                .arg(path, text),
            senderHint);
    static const QRegularExpression alphanumeric(QStringLiteral("^[A-Za-z0-9 ]+$"));
    static const QRegularExpression letter(QStringLiteral("[A-Za-z]"));
    if (!alphanumeric.match(text).hasMatch() || !letter.match(text).hasMatch())
        return Error::validation(path,
            TwilioSms::tr("%1: \"%2\" is not a phone number, short code or alphanumeric sender ID.").arg(path, text),
            senderHint);
    if (text.size() > TwilioSms::MaxAlphanumericSenderLength)
        return Error::validation(path,
            TwilioSms::tr("%1: \"%2\" is %3 characters long; an alphanumeric sender ID has at most %4.")
                .arg(path, text, QString::number(text.size()), QString::number(TwilioSms::MaxAlphanumericSenderLength)),
            senderHint);
    sms->from = text;
    return {};
}

} // namespace

bool TwilioSms::isAccountSid(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
    return pattern.match(text).hasMatch();
}

bool TwilioSms::isMessagingServiceSid(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^MG[0-9a-fA-F]{32}$"));
    return pattern.match(text).hasMatch();
}

Expected<TwilioSms> TwilioSms::fromJson(const QJsonObject &data, const QString &fieldPrefix)
{
    TwilioSms sms;
    const auto path = [&](const char *key) { return PayloadField::path(fieldPrefix, QLatin1String(key)); };

    const Expected<ConnectionRef> connection
        = PayloadField::readConnection(data, fieldPrefix, QStringLiteral("twilio"), QStringLiteral("conn_twilio_1"));
    if (!connection)
        return connection.error();
    sms.providerConfigKey = connection->providerConfigKey;
    sms.connectionId = connection->connectionId;

    // Twilio needs E.164 with '+' (21211 otherwise).
    const Expected<Recipient> recipient = PayloadField::readRecipient(data, fieldPrefix);
    if (!recipient)
        return recipient.error();
    sms.to = recipient->e164;
    if (!recipient->warning.isEmpty())
        sms.warnings << recipient->warning;

    QString fromText;
    QString serviceText;
    if (Error e = PayloadField::readString(data, fieldPrefix, QStringLiteral("from"), false, QString()).into(fromText))
        return e;
    if (Error e = PayloadField::readString(data, fieldPrefix, QStringLiteral("messagingServiceSid"), false, QString())
                      .into(serviceText))
        return e;
    // One of From / MessagingServiceSid (the spec's x-twilio.conditional); both is ambiguous.
    if (!fromText.isEmpty() && !serviceText.isEmpty())
        return Error::validation(path("from"),
            tr("Both %1 and %2 are given; give only one: the sender number, or the Messaging "
               "Service that picks one.")
                .arg(path("from"), path("messagingServiceSid")));
    if (fromText.isEmpty() && serviceText.isEmpty())
        return Error::validation(path("from"),
            tr("%1 is missing: give the sender (a Twilio number such as +15005550006, a short "
               "code or a sender ID), or a Messaging Service SID in %2.")
                .arg(path("from"), path("messagingServiceSid")));
    if (!fromText.isEmpty()) {
        if (Error e = readSender(path("from"), fromText, &sms))
            return e;
    } else {
        if (!isMessagingServiceSid(serviceText))
            return Error::validation(path("messagingServiceSid"),
                tr("%1: \"%2\" is not a Messaging Service SID; it is MG followed by 32 "
                   "hexadecimal characters.")
                    .arg(path("messagingServiceSid"), serviceText));
        sms.messagingServiceSid = serviceText;
    }

    if (Error e
        = PayloadField::readString(data, fieldPrefix, QStringLiteral("body"), true, tr("the text to send"), false)
              .into(sms.body))
        return e;
    // UTF-16 units, as the seed (JavaScript) counted: the stricter reading of Twilio's "1,600 characters".
    if (sms.body.size() > MaxBodyLength)
        return Error::validation(path("body"),
            tr("%1 is %2 characters long; Twilio accepts at most %3.")
                .arg(path("body"))
                .arg(sms.body.size())
                .arg(MaxBodyLength));
    if (sms.body.size() > RecommendedBodyLength)
        sms.warnings << tr("%1 is %2 characters long (%3); Twilio recommends at most %4 for deliverability.")
                            .arg(path("body"), QString::number(sms.body.size()), SmsSegments::count(sms.body).summary(),
                                QString::number(RecommendedBodyLength));

    QString sid;
    if (Error e = PayloadField::readString(data, fieldPrefix, QStringLiteral("accountSid"), false, QString()).into(sid))
        return e;
    // The seed's own example carries "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": a placeholder, not an SID. Treat it as
    // "not given" so the SID is looked up through the connection instead of failing the example.
    static const QRegularExpression placeholder(QStringLiteral("^AC[xX]+$"));
    if (placeholder.match(sid).hasMatch()) {
        sms.warnings << tr("%1: \"%2\" is a placeholder; the Account SID will be looked up through the Nango "
                           "connection.")
                            .arg(path("accountSid"), sid);
    } else if (!sid.isEmpty()) {
        if (!isAccountSid(sid))
            return Error::validation(path("accountSid"),
                tr("%1: \"%2\" is not an Account SID; it is AC followed by 32 hexadecimal "
                   "characters.")
                    .arg(path("accountSid"), sid),
                tr("Leave it out to look it up through the Nango connection."));
        sms.accountSid = sid;
    }

    // Needed only for an integration without Twilio's base URL (a generic basic-auth one).
    if (Error e = PayloadField::readBaseUrlOverride(data, fieldPrefix, defaultBaseUrl()).into(sms.baseUrlOverride))
        return e;

    for (auto it = data.begin(); it != data.end(); ++it) {
        if (!knownFields.contains(it.key()))
            sms.warnings << tr("%1 is not a field of a Twilio SMS and was ignored.")
                                .arg(PayloadField::path(fieldPrefix, it.key()));
    }
    return sms;
}

QString TwilioSms::proxyEndpoint(const QString &sid) const
{
    return QStringLiteral("/2010-04-01/Accounts/") + QString::fromLatin1(QUrl::toPercentEncoding(sid))
        + QStringLiteral("/Messages.json");
}

QByteArray TwilioSms::formBody() const
{
    QList<QPair<QString, QString>> fields { { QStringLiteral("To"), to } };
    if (!from.isEmpty())
        fields.append({ QStringLiteral("From"), from });
    else
        fields.append({ QStringLiteral("MessagingServiceSid"), messagingServiceSid });
    fields.append({ QStringLiteral("Body"), body });
    return FormEncoding::encode(fields);
}

SmsSegments TwilioSms::segments() const
{
    return SmsSegments::count(body);
}

} // namespace crossline
