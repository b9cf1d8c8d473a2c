#include "error.h"

namespace crossline {

Error Error::validation(const QString &field, const QString &message, const QString &hint)
{
    Error e = make(Kind::Validation, message, hint);
    e.field = field;
    return e;
}

Error Error::config(const QString &message, const QString &hint)
{
    return make(Kind::Config, message, hint);
}

Error Error::make(Kind kind, const QString &message, const QString &hint)
{
    Error e;
    e.kind = kind;
    e.message = message;
    e.hint = hint;
    return e;
}

QString Error::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Auth:
        return QStringLiteral("auth");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::Decode:
        return QStringLiteral("decode");
    case Kind::Keychain:
        return QStringLiteral("keychain");
    case Kind::Config:
        return QStringLiteral("config");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString Error::summary() const
{
    QString text = message;
    QStringList details;
    if (!code.isEmpty())
        details << QStringLiteral("code %1").arg(code);
    if (httpStatus > 0)
        details << QStringLiteral("HTTP %1").arg(httpStatus);
    if (!details.isEmpty())
        text += QStringLiteral(" (") + details.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

QJsonObject Error::toJson() const
{
    QJsonObject o { { QStringLiteral("kind"), kindName(kind) }, { QStringLiteral("message"), message } };
    if (httpStatus)
        o.insert(QStringLiteral("httpStatus"), httpStatus);
    if (!code.isEmpty())
        o.insert(QStringLiteral("code"), code);
    if (!hint.isEmpty())
        o.insert(QStringLiteral("hint"), hint);
    if (!field.isEmpty())
        o.insert(QStringLiteral("field"), field);
    return o;
}

} // namespace crossline
