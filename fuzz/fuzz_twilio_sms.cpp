// TwilioSms::fromJson on any object Qt's JSON parser makes of the bytes: the `data` of a twilio.sms create (a
// unified body, the Composer's form, `crossline-cli twilio test`).
//
// Invariants: a refusal is a Validation error under "data"; an accepted SMS has a valid connection, a recipient in
// E.164 that reads as itself, exactly one sender — an E.164 number, a short code, an alphanumeric ID of at most 11,
// or a Messaging Service SID — an Account SID or none, a body within Twilio's 1,600; its form body carries exactly
// those fields, percent-encoded so that no '+' turns into a space; and the SMS written back as `data` is read as the
// same SMS.
#include "fuzzcheck.h"
#include "messagechecks.h"
#include "messaging/twiliosms.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace crossline;
using crossline::fuzz::shown;

namespace {

QJsonObject writtenBack(const TwilioSms &sms)
{
    QJsonObject data { { QStringLiteral("providerConfigKey"), sms.providerConfigKey },
        { QStringLiteral("connectionId"), sms.connectionId }, { QStringLiteral("to"), sms.to },
        { QStringLiteral("body"), sms.body } };
    if (!sms.from.isEmpty())
        data.insert(QStringLiteral("from"), sms.from);
    if (!sms.messagingServiceSid.isEmpty())
        data.insert(QStringLiteral("messagingServiceSid"), sms.messagingServiceSid);
    if (!sms.accountSid.isEmpty())
        data.insert(QStringLiteral("accountSid"), sms.accountSid);
    if (!sms.baseUrlOverride.isEmpty())
        data.insert(QStringLiteral("baseUrlOverride"), sms.baseUrlOverride);
    return data;
}

// What a form field carries after UTF-8: a lone surrogate cannot be written, whatever the encoding.
QString asUtf8(const QString &text)
{
    return QString::fromUtf8(text.toUtf8());
}

void checkForm(const TwilioSms &sms)
{
    const QByteArray form = sms.formBody();
    FUZZ_CHECK(!form.contains('+') && !form.contains(' '), fuzz::shown(form));
    const QList<QByteArray> fields = form.split('&');
    FUZZ_CHECK(fields.size() == 3, fuzz::shown(form));
    const QString senderKey = sms.from.isEmpty() ? QStringLiteral("MessagingServiceSid") : QStringLiteral("From");
    const QString sender = sms.from.isEmpty() ? sms.messagingServiceSid : sms.from;
    const QList<QPair<QString, QString>> expected { { QStringLiteral("To"), sms.to }, { senderKey, sender },
        { QStringLiteral("Body"), sms.body } };
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const qsizetype eq = fields.at(i).indexOf('=');
        FUZZ_CHECK(eq > 0, fuzz::shown(form));
        const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(fields.at(i).left(eq)));
        const QString value = QString::fromUtf8(QByteArray::fromPercentEncoding(fields.at(i).mid(eq + 1)));
        FUZZ_CHECK(key == expected.at(i).first, key);
        FUZZ_CHECK(value == asUtf8(expected.at(i).second), key + QStringLiteral(": ") + fuzz::shown(form));
    }
}

void checkSms(const TwilioSms &sms, const QJsonObject &given)
{
    fuzz::checkConnection(sms.providerConfigKey, sms.connectionId);
    fuzz::checkE164(sms.to, QStringLiteral("to"));
    FUZZ_CHECK(sms.from.isEmpty() != sms.messagingServiceSid.isEmpty(), shown(given));
    if (sms.from.startsWith(u'+')) {
        fuzz::checkE164(sms.from, QStringLiteral("from"));
    } else if (!sms.from.isEmpty()) {
        static const QRegularExpression shortCode(QStringLiteral("^[0-9]{3,8}$"));
        static const QRegularExpression alphanumeric(QStringLiteral("^[A-Za-z0-9 ]*[A-Za-z][A-Za-z0-9 ]*$"));
        FUZZ_CHECK(shortCode.match(sms.from).hasMatch()
                || (alphanumeric.match(sms.from).hasMatch()
                    && sms.from.size() <= TwilioSms::MaxAlphanumericSenderLength),
            sms.from);
    } else {
        FUZZ_CHECK(TwilioSms::isMessagingServiceSid(sms.messagingServiceSid), sms.messagingServiceSid);
    }
    FUZZ_CHECK(sms.accountSid.isEmpty() || TwilioSms::isAccountSid(sms.accountSid), sms.accountSid);
    FUZZ_CHECK(!sms.body.trimmed().isEmpty() && sms.body.size() <= TwilioSms::MaxBodyLength, shown(given));
    fuzz::checkBaseUrlOverride(sms.baseUrlOverride);
    if (!sms.accountSid.isEmpty())
        FUZZ_CHECK(sms.proxyEndpoint(sms.accountSid)
                == QStringLiteral("/2010-04-01/Accounts/") + sms.accountSid + QStringLiteral("/Messages.json"),
            sms.proxyEndpoint(sms.accountSid));
    checkForm(sms);

    const QJsonObject data = writtenBack(sms);
    const Expected<TwilioSms> again = TwilioSms::fromJson(data);
    FUZZ_CHECK(again.hasValue(), again.error().message + QStringLiteral(" for ") + shown(data));
    FUZZ_CHECK(again->formBody() == sms.formBody(), fuzz::shown(again->formBody()));
    FUZZ_CHECK(again->accountSid == sms.accountSid && again->baseUrlOverride == sms.baseUrlOverride
            && again->providerConfigKey == sms.providerConfigKey && again->connectionId == sms.connectionId,
        shown(data));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz::fuzzMessage<TwilioSms>(data, size, checkSms);
}
