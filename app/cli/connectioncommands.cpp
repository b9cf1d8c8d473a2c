#include "cli/connectioncommands.h"

#include "cli/commandhelpers.h"
#include "cli/output.h"
#include "nango/nangoclient.h"
#include "nango/nangoresults.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace crossline::cli {

namespace {

// ---- nango connections -------------------------------------------------------------------------------------------
int nangoConnections(Context &ctx)
{
    ConnectionQuery q;
    q.search = ctx.value(QStringLiteral("search"));
    q.integrationId = ctx.value(QStringLiteral("integration"));
    const Result r = Context::wait(ctx.clients->nango()->listConnections(q));
    if (!r.ok())
        return ctx.fail(r.error);
    if (ctx.json) {
        // Nango's own shape, so scripts written against Nango read it unchanged.
        Output::json(QJsonObject { { QStringLiteral("connections"), r.data.toArray() } });
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const QJsonValue &v : r.data.toArray()) {
        const QJsonObject c = v.toObject();
        QStringList errors;
        for (const QJsonValue &e : c.value(QLatin1String("errors")).toArray())
            errors << e.toObject().value(QLatin1String("type")).toString();
        QStringList tags;
        const QJsonObject t = c.value(QLatin1String("tags")).toObject();
        for (auto it = t.begin(); it != t.end(); ++it)
            tags << it.key() + QLatin1Char('=') + it.value().toString();
        const QDateTime created
            = QDateTime::fromString(c.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
        rows << QStringList { c.value(QLatin1String("connection_id")).toString(),
            c.value(QLatin1String("provider_config_key")).toString(), c.value(QLatin1String("provider")).toString(),
            created.isValid() ? created.toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                              : c.value(QLatin1String("created")).toString(),
            errors.isEmpty() ? QStringLiteral("—") : errors.join(QStringLiteral(", ")),
            tags.join(QStringLiteral(" ")) };
    }
    Output::table({ QStringLiteral("CONNECTION ID"), QStringLiteral("INTEGRATION"), QStringLiteral("PROVIDER"),
                      QStringLiteral("CREATED"), QStringLiteral("ERRORS"), QStringLiteral("TAGS") },
        rows);
    Output::err() << rows.size() << (rows.size() == 1 ? " connection" : " connections") << " · " << r.elapsedMs
                  << " ms\n";
    return ExitOk;
}

// ---- nango import ------------------------------------------------------------------------------------------------
int nangoImport(Context &ctx)
{
    ConnectionImport imp;
    imp.providerConfigKey = ctx.value(QStringLiteral("providerConfigKey"));
    imp.connectionId = ctx.value(QStringLiteral("connectionId"));
    imp.apiKey = ctx.value(QStringLiteral("apiKey"));
    imp.username = ctx.value(QStringLiteral("username"));
    imp.password = ctx.value(QStringLiteral("password"));
    imp.skipVerification = ctx.isSet(QStringLiteral("skip-verification"));
    if (imp.apiKey == QLatin1String("-") && imp.password == QLatin1String("-"))
        return ctx.fail(Error::validation(
            QStringLiteral("apiKey"), QStringLiteral("Only one value can come from standard input.")));
    if (imp.apiKey == QLatin1String("-"))
        imp.apiKey = Context::readSecretFromStdin();
    if (imp.password == QLatin1String("-"))
        imp.password = Context::readSecretFromStdin();
    if (ctx.isSet(QStringLiteral("apiKey")) && imp.apiKey.isEmpty())
        return ctx.fail(Error::validation(QStringLiteral("apiKey"), QStringLiteral("The token is empty.")));
    const Expected<QJsonValue> tags = parseJsonOption(ctx, QStringLiteral("tags"), false);
    if (!tags)
        return ctx.fail(tags.error());
    imp.tags = tags->toObject();
    const Expected<QJsonValue> metadata = parseJsonOption(ctx, QStringLiteral("metadata"), false);
    if (!metadata)
        return ctx.fail(metadata.error());
    imp.metadata = metadata->toObject();
    if (const Error e = imp.validate())
        return ctx.fail(e);
    if (const Error e = ctx.productionGuard(Effect::Import))
        return ctx.fail(e);

    // Nango's import is an upsert that says nothing about replacing: ask first, so the answer can say so.
    const Result before = Context::wait(ctx.clients->nango()->getConnection(imp.providerConfigKey, imp.connectionId));
    const bool replacing = before.ok();
    const Result r = Context::wait(ctx.clients->nango()->importConnection(imp));
    imp.apiKey.fill(QLatin1Char('\0'));
    imp.password.fill(QLatin1Char('\0'));
    if (!r.ok())
        return ctx.fail(r.error);
    const ImportedConnection saved = ImportedConnection::fromData(r.data); // never the credentials
    if (ctx.json) {
        QJsonObject o = saved.summary;
        o.insert(QStringLiteral("replaced"), replacing);
        Output::json(o);
        return ExitOk;
    }
    Output::out() << (replacing ? "Replaced the credentials of the existing connection " : "Imported connection ")
                  << saved.connectionId << " in integration " << saved.providerConfigKey << ".\n";
    if (saved.verified)
        Output::out() << "Nango verified the credential with the provider before saving it.\n";
    else
        Output::out() << "Imported WITHOUT verification (legacy POST /connection): Nango did not test the credential; "
                         "send a test message to check it.\n";
    Output::out().flush();
    return ExitOk;
}

// ---- nango delete ------------------------------------------------------------------------------------------------
int nangoDelete(Context &ctx)
{
    if (const Error e = requireOptions(ctx, { QStringLiteral("providerConfigKey"), QStringLiteral("connectionId") }))
        return ctx.fail(e);
    const QString id = ctx.value(QStringLiteral("connectionId"));
    if (const Error e = ctx.productionGuard(Effect::Delete))
        return ctx.fail(e);
    if (!confirm(ctx, QStringLiteral("Delete connection %1? Type its id to confirm:").arg(id), id))
        return ctx.fail(Error::validation(
            QStringLiteral("yes"), QStringLiteral("Not deleted: confirm by typing the connection id, or pass --yes.")));
    const Result r
        = Context::wait(ctx.clients->nango()->deleteConnection(ctx.value(QStringLiteral("providerConfigKey")), id));
    if (!r.ok())
        return ctx.fail(r.error);
    if (ctx.json)
        Output::json(QJsonObject { { QStringLiteral("deleted"), id } });
    else
        Output::out() << "Deleted connection " << id << ".\n";
    return ExitOk;
}

} // namespace

QList<Command> connectionCommands()
{
    QList<Command> list;
    list.append(
        { { { QStringLiteral("nango"), QStringLiteral("connections") },
              QStringLiteral("[--base=URL] [--key=KEY] [--search=TEXT]"),
              QStringLiteral("List the connections of the Nango environment (GET /connections; the deprecated GET "
                             "/connection on older servers)."),
              nangoAuthOptions()
                  + QList<
                      QCommandLineOption> { QCommandLineOption({ QStringLiteral("search") },
                                                QStringLiteral(
                                                    "Only connections whose id, end-user name or email contains TEXT."),
                                                QStringLiteral("TEXT")),
                      QCommandLineOption({ QStringLiteral("integration") },
                          QStringLiteral("Only connections of these integrations (comma-separated keys)."),
                          QStringLiteral("KEYS")) } },
            true, [](Context &c, const QStringList &) { return nangoConnections(c); } });
    list.append(
        { { { QStringLiteral("nango"), QStringLiteral("import") },
              QStringLiteral("--providerConfigKey=K --connectionId=ID (--apiKey=TOKEN|- | --username=U "
                             "--password=P|-) [--skip-verification] [--tags=JSON] [--metadata=JSON] [--base=URL] "
                             "[--key=KEY]"),
              QStringLiteral("Import an existing token (e.g. a long-lived WhatsApp Cloud token) into Nango as an "
                             "API-key connection "
                             "(POST /connections). Nango first tests the token with the provider; when it cannot (an "
                             "offline Nango), "
                             "--skip-verification imports it through the legacy POST /connection without that test."),
              nangoAuthOptions()
                  + connectionOptions(QStringLiteral("The integration's unique key in Nango (it must exist)."),
                      QStringLiteral("The id you give this connection."))
                  + QList<QCommandLineOption> { QCommandLineOption({ QStringLiteral("apiKey") },
                                                    QStringLiteral(
                                                        "The token to import, or - to read it from standard input.")
                                                        + secretNote,
                                                    QStringLiteral("TOKEN")),
                      QCommandLineOption({ QStringLiteral("username") },
                          QStringLiteral("For Basic-auth integrations (Twilio: the Account SID)."),
                          QStringLiteral("USER")),
                      QCommandLineOption({ QStringLiteral("password") },
                          QStringLiteral("For Basic-auth integrations (Twilio: the Auth Token), or -.") + secretNote,
                          QStringLiteral("PASSWORD")),
                      QCommandLineOption({ QStringLiteral("tags") },
                          QStringLiteral("Tags as a JSON object of strings, e.g. {\"end_user_id\":\"acme\"}."),
                          QStringLiteral("JSON")),
                      QCommandLineOption({ QStringLiteral("metadata") }, QStringLiteral("Metadata as a JSON object."),
                          QStringLiteral("JSON")),
                      QCommandLineOption(QStringLiteral("skip-verification"),
                          QStringLiteral("Import without Nango testing the token (legacy endpoint).")) } },
            true, [](Context &c, const QStringList &) { return nangoImport(c); } });
    list.append(
        { { { QStringLiteral("nango"), QStringLiteral("delete") },
              QStringLiteral("--providerConfigKey=K --connectionId=ID [--yes]"),
              QStringLiteral(
                  "Delete a connection (DELETE /connections/{id}). Asks you to type the id unless --yes is given."),
              nangoAuthOptions()
                  + connectionOptions(
                      QStringLiteral("The integration's key."), QStringLiteral("The connection to delete.")) },
            true, [](Context &c, const QStringList &) { return nangoDelete(c); } });
    return list;
}

} // namespace crossline::cli
