#include "cli/commandhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crossline::cli {

const QString secretNote = QStringLiteral(
    " A value on the command line can end up in your shell history and in the process list: prefer '-' (read from "
    "standard input) or the keychain.");

Error requireOptions(const Context &ctx, const QStringList &names)
{
    for (const QString &n : names) {
        if (!ctx.isSet(n) || ctx.value(n).isEmpty())
            return Error::validation(n, QStringLiteral("--%1 is required.").arg(n));
    }
    return {};
}

Expected<QJsonValue> parseJsonOption(const Context &ctx, const QString &name, bool wantArray)
{
    if (!ctx.isSet(name))
        return QJsonValue();
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(ctx.value(name).toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || (wantArray ? !doc.isArray() : !doc.isObject()))
        return Error::validation(name,
            QStringLiteral("--%1 must be a JSON %2 (%3).")
                .arg(name, wantArray ? QStringLiteral("array") : QStringLiteral("object"),
                    err.error != QJsonParseError::NoError ? err.errorString() : QStringLiteral("wrong type")));
    return wantArray ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QList<QCommandLineOption> nangoAuthOptions()
{
    return { QCommandLineOption({ QStringLiteral("base"), QStringLiteral("nangoBase") },
                 QStringLiteral("Nango base URL (overrides NANGO_API_BASE / NANGO_HOST)."), QStringLiteral("URL")),
        QCommandLineOption({ QStringLiteral("key"), QStringLiteral("nangoKey") },
            QStringLiteral("Nango secret key, or - to read it from standard input (overrides NANGO_SECRET_KEY).")
                + secretNote,
            QStringLiteral("KEY")) };
}

QList<QCommandLineOption> connectionOptions(const QString &integration, const QString &connection)
{
    return { QCommandLineOption({ QStringLiteral("providerConfigKey") }, integration, QStringLiteral("KEY")),
        QCommandLineOption({ QStringLiteral("connectionId") }, connection, QStringLiteral("ID")) };
}

QList<QCommandLineOption> panoraOptions()
{
    return { QCommandLineOption({ QStringLiteral("panora-url") },
                 QStringLiteral("Panora base URL (overrides PANORA_API_URL)."), QStringLiteral("URL")),
        QCommandLineOption({ QStringLiteral("panora-key") },
            QStringLiteral("Panora API key (overrides PANORA_API_KEY).") + secretNote, QStringLiteral("KEY")),
        QCommandLineOption({ QStringLiteral("panora-connection-token") },
            QStringLiteral("Panora connection token (overrides PANORA_CONNECTION_TOKEN)."), QStringLiteral("TOKEN")) };
}

} // namespace crossline::cli
