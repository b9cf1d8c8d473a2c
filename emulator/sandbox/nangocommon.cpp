#include "nangocommon.h"

#include "httputil.h"
#include "sandbox.h"

#include <QRegularExpression>

namespace crossline::sandbox::nango {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
        return QStringLiteral("undefined");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    }
    return QStringLiteral("unknown");
}

} // namespace

std::optional<ServiceReply> authenticate(const ServiceRequest &request)
{
    // "Bearer " is case-sensitive: Nango splits the header on that exact string.
    if (!request.hasHeader("authorization")) {
        return legacyError(401, QStringLiteral("missing_auth_header"),
            QStringLiteral("Authentication failed. The request is missing the Authorization header."));
    }
    QString auth = QString::fromUtf8(request.header("authorization"));
    const int bearer = auth.lastIndexOf(QStringLiteral("Bearer "));
    const QString key = bearer >= 0 ? auth.mid(bearer + 7) : auth;
    static const QRegularExpression uuidV4(
        QStringLiteral("^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$"),
        QRegularExpression::CaseInsensitiveOption);
    if (!uuidV4.match(key).hasMatch()) {
        return legacyError(401, QStringLiteral("invalid_secret_key_format"),
            QStringLiteral("Authentication failed. The provided secret key is not a UUID v4."));
    }
    if (key != SandboxCredentials::nangoSecretKey()) {
        return legacyError(401, QStringLiteral("unknown_account"),
            QStringLiteral("Authentication failed. The provided secret key is invalid."));
    }
    return std::nullopt;
}

ServiceReply error(int status, const QString &code, const QString &message)
{
    QJsonObject inner { { QStringLiteral("code"), code } };
    if (!message.isEmpty())
        inner.insert(QStringLiteral("message"), message);
    return http::json(status, QJsonObject { { QStringLiteral("error"), inner } });
}

ServiceReply errorWithIssues(int status, const QString &code, const QJsonArray &issues)
{
    return http::json(status,
        QJsonObject { { QStringLiteral("error"),
            QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("errors"), issues } } } });
}

ServiceReply legacyError(int status, const QString &code, const QString &message)
{
    return http::json(status,
        QJsonObject { { QStringLiteral("error"),
            QJsonObject { { QStringLiteral("message"), message }, { QStringLiteral("code"), code },
                { QStringLiteral("payload"), QJsonObject {} } } } });
}

QJsonObject issue(const QString &code, const QString &message, const QJsonArray &path)
{
    return QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), message },
        { QStringLiteral("path"), path } };
}

QJsonObject expected(const QString &type, const QJsonValue &got, const QJsonArray &path)
{
    return issue(QStringLiteral("invalid_type"),
        QStringLiteral("Invalid input: expected %1, received %2").arg(type, typeName(got)), path);
}

QJsonObject unrecognized(const QStringList &keys)
{
    QStringList quoted;
    for (const QString &k : keys)
        quoted.append(QLatin1Char('"') + k + QLatin1Char('"'));
    return issue(QStringLiteral("unrecognized_keys"),
        (keys.size() == 1 ? QStringLiteral("Unrecognized key: ") : QStringLiteral("Unrecognized keys: "))
            + quoted.join(QStringLiteral(", ")),
        QJsonArray {});
}

bool validConnectionId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9,.;:=+~\\[\\]|@${}\"'\\\\/_ -]+$"));
    return id.size() <= 255 && re.match(id).hasMatch();
}

bool validProviderConfigKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9~:.@ _-]+$"));
    return key.size() <= 255 && re.match(key).hasMatch();
}

} // namespace crossline::sandbox::nango
