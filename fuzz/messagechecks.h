#pragma once

// Checks the WhatsApp and Twilio targets share: what `fromJson` promises about the fields both messages have.

#include "error.h"
#include "expected.h"
#include "fuzzcheck.h"
#include "messaging/phonenumber.h"
#include "nango/nangoclient.h"
#include "net/httpclient.h"

#include <QJsonDocument>
#include <QUrl>

namespace crossline::fuzz {

// A refused `data` object: a Validation error whose field is the prefix or a path under it.
inline void checkRefusal(const Error &e, const QJsonObject &data)
{
    FUZZ_CHECK(e.kind == Error::Kind::Validation, Error::kindName(e.kind) + QStringLiteral(": ") + e.message);
    FUZZ_CHECK(e.field == QLatin1String("data") || e.field.startsWith(QLatin1String("data.")),
        e.field + QStringLiteral(": ") + e.message);
    FUZZ_CHECK(!e.message.isEmpty(), shown(data));
}

// A number fromJson accepted is E.164 and reads as itself again: what is sent is what was checked.
inline void checkE164(const QString &number, const QString &what)
{
    FUZZ_CHECK(number.startsWith(u'+'), what + QStringLiteral(": ") + number);
    const PhoneCheck again = PhoneNumber::check(number);
    FUZZ_CHECK(again.ok() && again.e164 == number,
        what + QStringLiteral(": ") + number + QStringLiteral(" reads as ")
            + (again.ok() ? again.e164 : again.error.message));
}

inline void checkConnection(const QString &providerConfigKey, const QString &connectionId)
{
    FUZZ_CHECK(!providerConfigKey.trimmed().isEmpty() && !connectionId.trimmed().isEmpty(),
        providerConfigKey + QStringLiteral(" / ") + connectionId);
    FUZZ_CHECK(!NangoClient::checkProviderConfigKey(providerConfigKey).isError(), providerConfigKey);
    FUZZ_CHECK(!NangoClient::checkConnectionId(connectionId).isError(), connectionId);
}

// Nango sends the connection's credentials to whatever host an override names: https, or http to this machine;
// no user info, query or fragment; no trailing slash.
inline void checkBaseUrlOverride(const QString &text)
{
    if (text.isEmpty())
        return;
    const QUrl url(text, QUrl::StrictMode);
    FUZZ_CHECK(url.isValid() && !url.isRelative() && !url.host().isEmpty(), text);
    const QString scheme = url.scheme().toLower();
    FUZZ_CHECK(
        scheme == QLatin1String("https") || (scheme == QLatin1String("http") && HttpClient::isLoopback(url)), text);
    FUZZ_CHECK(url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment(), text);
    FUZZ_CHECK(!text.endsWith(u'/'), text);
}

// The entry of a message target: any JSON object to `Message::fromJson`; a refusal must be a proper one, and an
// accepted message passes `check(message, object)`.
template <typename Message, typename Check> int fuzzMessage(const uint8_t *data, size_t size, Check check)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject object = doc.object();
    const Expected<Message> message = Message::fromJson(object);
    FUZZ_CHECK(message.hasValue() != message.error().isError(), shown(object));
    if (!message) {
        checkRefusal(message.error(), object);
        return 0;
    }
    check(*message, object);
    return 0;
}

} // namespace crossline::fuzz
