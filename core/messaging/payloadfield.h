#pragma once

#include "expected.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace crossline {

// A Nango connection a proxied send goes through.
struct ConnectionRef
{
    QString providerConfigKey;
    QString connectionId;
};

// A message's recipient: the number in E.164 and what is unusual about it ("" when nothing is).
struct Recipient
{
    QString e164;
    QString warning;
};

// Reading the original backend's `data` objects field by field: the field's path for messages ("data.to"), the JSON
// type a user actually sent, and strings with one readable error. Shared by the message builders.
class PayloadField
{
    Q_DECLARE_TR_FUNCTIONS(PayloadField)
public:
    static QString path(const QString &prefix, const QString &key);
    static QString typeName(const QJsonValue &value); // "a number", "an object", "missing"…
    // The seed's callers are JavaScript: null means "not given", like a missing key.
    static bool isAbsent(const QJsonValue &value) { return value.isUndefined() || value.isNull(); }
    // Reads object[key] as a string. `what` finishes the sentence "give …" when a required value is missing or empty.
    // An absent optional field reads as "".
    static Expected<QString> readString(const QJsonObject &object, const QString &prefix, const QString &key,
        bool required, const QString &what, bool trim = true);
    // The Nango side of a proxied send: providerConfigKey and connectionId, both required (examples in the errors).
    static Expected<ConnectionRef> readConnection(
        const QJsonObject &object, const QString &prefix, const QString &exampleKey, const QString &exampleConnection);
    // `baseUrlOverride`, optional ("" when absent): an absolute https URL (http only to this machine) without
    // credentials, query or fragment, trailing slashes dropped. Nango sends the connection's credentials to whatever
    // host it names, so nothing else passes. `example` is the provider's own base URL, for the hint.
    static Expected<QString> readBaseUrlOverride(
        const QJsonObject &object, const QString &prefix, const QString &example);
    // `to`, required: the recipient's phone number, checked and put in E.164 (libphonenumber), with a warning about
    // it when there is one (a test number, an unusual length…).
    static Expected<Recipient> readRecipient(const QJsonObject &object, const QString &prefix);
};

} // namespace crossline
