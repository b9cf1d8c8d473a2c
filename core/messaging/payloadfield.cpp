#include "messaging/payloadfield.h"

#include "messaging/phonenumber.h"
#include "nango/nangoclient.h"
#include "net/httpclient.h"

#include <QUrl>

namespace crossline {

QString PayloadField::path(const QString &prefix, const QString &key)
{
    return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
}

QString PayloadField::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return tr("a boolean");
    case QJsonValue::Double:
        return tr("a number");
    case QJsonValue::String:
        return tr("a string");
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("missing");
}

Expected<QString> PayloadField::readString(
    const QJsonObject &object, const QString &prefix, const QString &key, bool required, const QString &what, bool trim)
{
    const QString where = path(prefix, key);
    const QJsonValue value = object.value(key);
    if (isAbsent(value)) {
        if (required)
            return Error::validation(where, tr("%1 is missing: give %2.").arg(where, what));
        return QString();
    }
    if (!value.isString())
        return Error::validation(where, tr("%1 must be a string, not %2.").arg(where, typeName(value)));
    const QString text = trim ? value.toString().trimmed() : value.toString();
    if (required && text.trimmed().isEmpty())
        return Error::validation(where, tr("%1 is empty: give %2.").arg(where, what));
    return text;
}

Expected<ConnectionRef> PayloadField::readConnection(
    const QJsonObject &object, const QString &prefix, const QString &exampleKey, const QString &exampleConnection)
{
    ConnectionRef ref;
    if (Error e = readString(object, prefix, QStringLiteral("providerConfigKey"), true,
            tr("the Nango integration key, e.g. \"%1\"").arg(exampleKey))
                      .into(ref.providerConfigKey))
        return e;
    if (Error e = readString(object, prefix, QStringLiteral("connectionId"), true,
            tr("the id of the Nango connection, e.g. \"%1\"").arg(exampleConnection))
                      .into(ref.connectionId))
        return e;
    // They go into the proxy's Connection-Id and Provider-Config-Key headers.
    if (const Error e
        = NangoClient::checkProviderConfigKey(ref.providerConfigKey, path(prefix, QStringLiteral("providerConfigKey"))))
        return e;
    if (const Error e = NangoClient::checkConnectionId(ref.connectionId, path(prefix, QStringLiteral("connectionId"))))
        return e;
    return ref;
}

Expected<QString> PayloadField::readBaseUrlOverride(
    const QJsonObject &object, const QString &prefix, const QString &example)
{
    QString text;
    if (Error e = readString(object, prefix, QStringLiteral("baseUrlOverride"), false, QString()).into(text))
        return e;
    if (text.isEmpty())
        return text;
    const QString path = PayloadField::path(prefix, QStringLiteral("baseUrlOverride"));
    const QString hint = tr("Give an absolute https URL such as %1, or leave it out.").arg(example);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return Error::validation(path, tr("%1: \"%2\" is not an absolute URL.").arg(path, text), hint);
    const QString scheme = url.scheme().toLower();
    // Plain http only to this machine: the proxy sends the connection's credentials to whatever host this names
    // (Nango injects them for an override host too), and Crossline's HTTP layer refuses http to other hosts.
    if (scheme == QLatin1String("http")) {
        if (!HttpClient::isLoopback(url))
            return Error::validation(path,
                tr("%1: \"%2\" uses http; only https is allowed (http only for localhost).").arg(path, text), hint);
    } else if (scheme != QLatin1String("https")) {
        return Error::validation(path, tr("%1: \"%2\" is not an https URL.").arg(path, text), hint);
    }
    if (!url.userInfo().isEmpty())
        return Error::validation(path, tr("%1 must not contain a user name or password.").arg(path), hint);
    if (url.hasQuery() || url.hasFragment())
        return Error::validation(path, tr("%1 must not have a query or a fragment.").arg(path), hint);
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

Expected<Recipient> PayloadField::readRecipient(const QJsonObject &object, const QString &prefix)
{
    QString text;
    if (Error e
        = readString(object, prefix, QStringLiteral("to"), true, tr("the recipient's phone number, e.g. +15551234567"))
              .into(text))
        return e;
    const PhoneCheck phone = PhoneNumber::check(text, QString(), path(prefix, QStringLiteral("to")));
    if (phone.error)
        return phone.error;
    return Recipient { phone.e164, phone.warning };
}

} // namespace crossline
