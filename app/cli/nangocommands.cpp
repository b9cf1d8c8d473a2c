#include "cli/nangocommands.h"

#include "cli/output.h"
#include "models/recordcolumns.h"
#include "nango/nangoclient.h"
#include "nango/nangoresults.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cstdio>

namespace crossline::cli {

namespace {

// A cell: a scalar as the Browser writes it, an object or list as compact JSON.
QString text(const QJsonValue &v)
{
    if (!v.isObject() && !v.isArray())
        return RecordColumns::scalarText(v);
    return QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
}

Error requireConnection(const Context &ctx, bool connectionToo)
{
    for (const char *name : { "providerConfigKey", "connectionId" }) {
        if (!connectionToo && qstrcmp(name, "connectionId") == 0)
            continue;
        if (ctx.value(QLatin1String(name)).isEmpty())
            return Error::validation(QLatin1String(name), QStringLiteral("--%1 is required.").arg(QLatin1String(name)));
    }
    return {};
}

// ---- nango records -----------------------------------------------------------------------------------------------
int records(Context &ctx)
{
    if (const Error e = requireConnection(ctx, true))
        return ctx.fail(e);
    RecordsQuery q { ctx.value(QStringLiteral("providerConfigKey")), ctx.value(QStringLiteral("connectionId")),
        ctx.value(QStringLiteral("model")) };
    if (q.model.isEmpty())
        return ctx.fail(Error::validation(QStringLiteral("model"),
            QStringLiteral("--model is required (nango functions --providerConfigKey=%1 lists what each sync returns).")
                .arg(q.providerConfigKey)));
    if (ctx.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        q.limit = ctx.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || q.limit < 1 || q.limit > 10000)
            return ctx.fail(Error::validation(
                QStringLiteral("limit"), QStringLiteral("--limit must be a number from 1 to 10000.")));
    }
    q.filter = ctx.value(QStringLiteral("filter"));
    q.modifiedAfter = ctx.value(QStringLiteral("modified-after"));
    if (!q.modifiedAfter.isEmpty() && !QDateTime::fromString(q.modifiedAfter, Qt::ISODateWithMs).isValid())
        return ctx.fail(Error::validation(QStringLiteral("modified-after"),
            QStringLiteral("--modified-after must be an ISO 8601 date and time, e.g. 2026-11-30T08:00:00Z.")));
    const Expected<QString> listFormat = ctx.listFormat();
    if (!listFormat)
        return ctx.fail(listFormat.error());
    const QString &format = *listFormat;
    const bool all = ctx.isSet(QStringLiteral("all"));

    // Pages until next_cursor is null (--all); a page may hold fewer records than --limit.
    QJsonArray rows;
    int pages = 0;
    QString next;
    do {
        q.cursor = next;
        const Result r = Context::wait(ctx.clients->nango()->listRecords(q));
        if (!r.ok())
            return ctx.fail(r.error);
        const QJsonObject page = r.data.toObject();
        if (!page.value(QLatin1String("records")).isArray())
            return ctx.fail(Error::make(Error::Kind::Decode, QStringLiteral("Nango's answer has no \"records\" list."),
                QStringLiteral("Check that the base URL points at Nango's API.")));
        for (const QJsonValue &v : page.value(QLatin1String("records")).toArray())
            rows.append(v);
        ++pages;
        const QString cursor = page.value(QLatin1String("next_cursor")).toString();
        next = cursor == q.cursor ? QString() : cursor; // a cursor that does not move would page forever
        if (ctx.verbose)
            Output::err() << "page " << pages << ": " << rows.size() << " records so far\n";
    } while (all && !next.isEmpty());

    if (format == QLatin1String("json")) {
        Output::json(QJsonObject { { QStringLiteral("records"), rows },
            { QStringLiteral("next_cursor"), next.isEmpty() ? QJsonValue() : QJsonValue(next) } });
        return ExitOk;
    }
    // Columns: the model's own scalar fields in the order first seen, then what Nango knows of each record.
    QStringList fields;
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() != QLatin1String("_nango_metadata") && !it.value().isObject() && !it.value().isArray()
                && !fields.contains(it.key()))
                fields << it.key();
        }
    }
    if (fields.removeOne(QStringLiteral("id")))
        fields.prepend(QStringLiteral("id")); // the record's id first, the model's fields after it
    QStringList headers = fields;
    headers << QStringLiteral("last_action") << QStringLiteral("deleted_at");
    QList<QStringList> table;
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        const QJsonObject meta = o.value(QLatin1String("_nango_metadata")).toObject();
        QStringList cells;
        for (const QString &f : fields)
            cells << text(o.value(f));
        cells << text(meta.value(QLatin1String("last_action"))) << text(meta.value(QLatin1String("deleted_at")));
        table << cells;
    }
    if (format == QLatin1String("csv")) {
        Output::csv(headers, table);
    } else {
        if (headers.size() > 8) // a wide model: the first fields and the metadata
            headers = headers.mid(0, 6) + headers.mid(headers.size() - 2);
        for (QStringList &row : table) {
            if (row.size() > 8)
                row = row.mid(0, 6) + row.mid(row.size() - 2);
        }
        Output::table(headers, table, 32);
    }
    Output::err() << rows.size() << ' ' << q.model << " records";
    if (!next.isEmpty())
        Output::err() << " · more with --all";
    Output::err() << '\n';
    return ExitOk;
}

// ---- nango action ------------------------------------------------------------------------------------------------
int action(Context &ctx)
{
    if (const Error e = requireConnection(ctx, true))
        return ctx.fail(e);
    ActionCall call { ctx.value(QStringLiteral("providerConfigKey")), ctx.value(QStringLiteral("connectionId")),
        ctx.value(QStringLiteral("name")), {}, ctx.isSet(QStringLiteral("async")) };
    if (call.name.isEmpty())
        return ctx.fail(Error::validation(QStringLiteral("name"),
            QStringLiteral("--name is required (nango functions --providerConfigKey=%1 lists the actions).")
                .arg(call.providerConfigKey)));
    if (ctx.isSet(QStringLiteral("input"))) {
        QByteArray json = ctx.value(QStringLiteral("input")).toUtf8();
        if (json == "-") {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly))
                return ctx.fail(
                    Error::validation(QStringLiteral("input"), QStringLiteral("Cannot read standard input.")));
            json = in.readAll();
        }
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return ctx.fail(Error::validation(QStringLiteral("input"),
                err.error != QJsonParseError::NoError
                    ? QStringLiteral("--input is not JSON: %1 at byte %2.").arg(err.errorString()).arg(err.offset)
                    : QStringLiteral("--input must be a JSON object, e.g. {\"email\":\"ada@example.com\"}.")));
        call.input = doc.object();
    }
    if (const Error e = ctx.productionGuard(Effect::Create))
        return ctx.fail(e);
    const Result r = Context::wait(ctx.clients->nango()->triggerAction(call));
    if (!r.ok())
        return ctx.fail(r.error);
    Output::json(r.data);
    return ExitOk;
}

// ---- nango functions ---------------------------------------------------------------------------------------------
int functions(Context &ctx)
{
    if (const Error e = requireConnection(ctx, false))
        return ctx.fail(e);
    const Result r = Context::wait(ctx.clients->nango()->listFunctions(ctx.value(QStringLiteral("providerConfigKey"))));
    if (!r.ok())
        return ctx.fail(r.error);
    if (ctx.json) {
        Output::json(r.data);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const NangoFunction &f : NangoFunction::listFromData(r.data)) {
        rows << QStringList { f.name, f.type, f.models.join(QStringLiteral(", ")), f.runs,
            f.enabled ? QStringLiteral("yes") : QStringLiteral("no") };
    }
    Output::table({ QStringLiteral("NAME"), QStringLiteral("TYPE"), QStringLiteral("MODELS"), QStringLiteral("RUNS"),
                      QStringLiteral("ENABLED") },
        rows);
    Output::err() << rows.size() << (rows.size() == 1 ? " function\n" : " functions\n");
    return ExitOk;
}

// ---- nango sync status|trigger -----------------------------------------------------------------------------------
void printSyncStatus(const QJsonValue &answer)
{
    QList<QStringList> rows;
    for (const SyncState &s : SyncState::listFromData(answer)) {
        QStringList counts;
        for (const auto &[model, count] : s.recordCount)
            counts << model + QLatin1Char(' ') + QString::number(count);
        rows << QStringList { s.name, s.connectionId, s.status, s.finishedAt, s.nextScheduledSyncAt,
            counts.join(QStringLiteral(", ")) };
    }
    Output::table({ QStringLiteral("SYNC"), QStringLiteral("CONNECTION"), QStringLiteral("STATUS"),
                      QStringLiteral("LAST FINISHED"), QStringLiteral("NEXT RUN"), QStringLiteral("RECORDS") },
        rows);
}

// status asks GET /sync/status; trigger runs POST /sync/trigger.
int sync(Context &ctx, bool trigger)
{
    if (const Error e = requireConnection(ctx, false))
        return ctx.fail(e);
    const QString integration = ctx.value(QStringLiteral("providerConfigKey"));
    const QString connection = ctx.value(QStringLiteral("connectionId"));
    const QStringList syncs = ctx.value(QStringLiteral("sync")).split(u',', Qt::SkipEmptyParts);
    NangoClient *nango = ctx.clients->nango();
    const Result r = Context::wait(trigger ? nango->triggerSync(integration, connection, syncs)
                                           : nango->syncStatus(integration, connection, syncs));
    if (!r.ok())
        return ctx.fail(r.error);
    if (ctx.json)
        Output::json(r.data);
    else if (!trigger)
        printSyncStatus(r.data);
    else
        Output::out() << "Triggered "
                      << (syncs.isEmpty() ? QStringLiteral("every sync") : syncs.join(QStringLiteral(", "))) << " of "
                      << integration << ". It runs in the background: "
                      << "nango sync status shows when it has finished.\n";
    return ExitOk;
}

QCommandLineOption option(const char *name, const char *description, const char *valueName = nullptr)
{
    const QStringList names { QString::fromLatin1(name) };
    return valueName ? QCommandLineOption(names, QString::fromUtf8(description), QString::fromLatin1(valueName))
                     : QCommandLineOption(names, QString::fromUtf8(description));
}

} // namespace

QList<Command> nangoRecordCommands(const QList<QCommandLineOption> &auth)
{
    const QList<QCommandLineOption> connection { option("providerConfigKey", "The integration's unique key.", "KEY"),
        option("connectionId", "The connection.", "ID") };
    QList<Command> list;
    list.append({ { { QStringLiteral("nango"), QStringLiteral("records") },
                      QStringLiteral("--providerConfigKey=K --connectionId=ID --model=M [--all] [--limit=N] "
                                     "[--modified-after=ISO8601] [--filter=added|updated|deleted] "
                                     "[--format=table|json|csv]"),
                      QStringLiteral("List the records a deployed sync saved for a connection (GET /records). --all "
                                     "follows next_cursor to the end; a page may hold fewer records than --limit. "
                                     "Deleted records are listed, with their deleted_at."),
                      auth + connection
                          + QList<QCommandLineOption> { option("model", "The sync's model, e.g. Contact.", "M"),
                              option("all", "Load every page."),
                              option("limit", "Records per page (1 to 10000, default 100).", "N"),
                              option("modified-after", "Only records modified after this time.", "ISO8601"),
                              option("filter", "added, updated and/or deleted (comma-separated).", "F"),
                              option("format", "table (default), json or csv.", "FORMAT") } },
        true, [](Context &c, const QStringList &) { return records(c); } });
    list.append({ { { QStringLiteral("nango"), QStringLiteral("action") },
                      QStringLiteral("--providerConfigKey=K --connectionId=ID --name=A [--input=JSON|-] [--async]"),
                      QStringLiteral("Trigger a deployed action (POST /action/trigger) and print its output. --async "
                                     "lets Nango run it in the background; Crossline then asks for the output until "
                                     "it is there. On a production profile it needs --yes."),
                      auth + connection
                          + QList<QCommandLineOption> { option("name", "The action, e.g. create-contact.", "A"),
                              option("input",
                                  "The action's input as a JSON object, or - to read it from standard "
                                  "input.",
                                  "JSON"),
                              option("async", "Run it asynchronously (X-Async) and wait for the output.") } },
        true, [](Context &c, const QStringList &) { return action(c); } });
    list.append({ { { QStringLiteral("nango"), QStringLiteral("functions") }, QStringLiteral("--providerConfigKey=K"),
                      QStringLiteral("List the syncs (with the models they save) and actions deployed to an "
                                     "integration (GET /integrations/{key}/functions)."),
                      auth + QList<QCommandLineOption> { connection.first() } },
        true, [](Context &c, const QStringList &) { return functions(c); } });
    const QList<QCommandLineOption> syncOptions = auth + connection
        + QList<QCommandLineOption> { option(
            "sync", "Sync names, comma-separated (default: all of the integration's).", "NAMES") };
    list.append({ { { QStringLiteral("nango"), QStringLiteral("sync"), QStringLiteral("status") },
                      QStringLiteral("--providerConfigKey=K [--connectionId=ID] [--sync=NAMES]"),
                      QStringLiteral("Whether each sync is running, when it last finished and how many records it "
                                     "holds (GET /sync/status)."),
                      syncOptions },
        true, [](Context &c, const QStringList &) { return sync(c, false); } });
    list.append({ { { QStringLiteral("nango"), QStringLiteral("sync"), QStringLiteral("trigger") },
                      QStringLiteral("--providerConfigKey=K [--connectionId=ID] [--sync=NAMES]"),
                      QStringLiteral("Run syncs now, once (POST /sync/trigger)."), syncOptions },
        true, [](Context &c, const QStringList &) { return sync(c, true); } });
    return list;
}

} // namespace crossline::cli
