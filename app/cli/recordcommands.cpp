#include "cli/recordcommands.h"

#include "cli/commandhelpers.h"
#include "cli/output.h"
#include "models/csvexporter.h"
#include "models/recordcolumns.h"
#include "models/recordpager.h"
#include "models/recordstream.h"
#include "unified/resourceregistry.h"
#include "unified/unifiedrequest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace crossline::cli {

namespace {

// ---- unified -----------------------------------------------------------------------------------------------------
int unified(Context &ctx, const QStringList &positional)
{
    if (positional.size() > 1)
        return ctx.fail(Error::validation(
            QStringLiteral("FILE"), QStringLiteral("unified takes one FILE (or - for standard input).")));
    const QString source = positional.value(0, QStringLiteral("-"));
    QByteArray body;
    if (source == QLatin1String("-")) {
        QFile in;
        in.open(stdin, QIODevice::ReadOnly);
        body = in.readAll();
    } else {
        QFile file(source);
        if (!file.open(QIODevice::ReadOnly))
            return ctx.fail(Error::validation(
                QStringLiteral("FILE"), QStringLiteral("Cannot read %1: %2").arg(source, file.errorString())));
        body = file.readAll();
    }
    const Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(body);
    if (!parsed)
        return ctx.fail(parsed.error());
    const UnifiedRequest &request = *parsed;
    if (const Error e = ResourceRegistry::check(request))
        return ctx.fail(e);
    if (const Error e = ctx.productionGuard(ResourceRegistry::effectOf(request)))
        return ctx.fail(e);
    const Result r = Context::wait(ctx.clients->run(request));
    if (!r.ok())
        return ctx.fail(r.error);
    Output::json(r.data);
    return ExitOk;
}

// ---- contacts|employees list -------------------------------------------------------------------------------------
int listRecords(Context &ctx, const ResourceRegistry::RecordKind &kind)
{
    RecordSource source;
    source.resource = kind.resource;
    QString provider = ctx.value(QStringLiteral("provider"));
    if (provider.isEmpty())
        provider = ctx.config.panoraUrl.isSet() ? QStringLiteral("panora") : QStringLiteral("nango");
    if (const Error e = RecordSource::providerNamed(provider).into(source.provider))
        return ctx.fail(e);
    const Expected<QString> listFormat = ctx.listFormat();
    if (!listFormat)
        return ctx.fail(listFormat.error());
    const QString &format = *listFormat;
    int limit = 50;
    if (ctx.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = ctx.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return ctx.fail(
                Error::validation(QStringLiteral("limit"), QStringLiteral("--limit must be a number from 1 to 1000.")));
    }
    // A connection named on the command line: that connection's synced records on a real Nango.
    source.records = { ctx.value(QStringLiteral("providerConfigKey")), ctx.value(QStringLiteral("connectionId")),
        ctx.value(QStringLiteral("model")), {} };
    source.syncedRecords = !source.records.integration.isEmpty() || !source.records.connectionId.isEmpty()
        || !source.records.model.isEmpty();
    if (source.syncedRecords && source.provider != RecordSource::Provider::Nango)
        return ctx.fail(Error::validation(QStringLiteral("providerConfigKey"),
            QStringLiteral(
                "--providerConfigKey, --connectionId and --model name a Nango connection: add --provider=nango.")));
    const bool all = ctx.isSet(QStringLiteral("all"));
    // With --all, --limit is the page size (as --help says); without it, pages of 100.
    source.pageSize = all && !ctx.isSet(QStringLiteral("limit")) ? 100 : limit;

    QStringList headers;
    for (int c = 0; c < RecordColumns::count(source.resource); ++c)
        headers << RecordColumns::header(source.resource, c);
    auto cells = [&source, &headers](const QJsonObject &row) {
        QStringList out;
        for (int c = 0; c < headers.size(); ++c)
            out << RecordColumns::text(source.resource, row, c);
        return out;
    };

    // CSV and JSON are written as the pages arrive (memory stays flat however many rows there are); a table needs
    // every row for its column widths. A failure after some pages leaves those rows written and exits non-zero.
    // RecordStream parses and formats the pages on a worker thread, in order, and with --all asks for the next page
    // as soon as this one's cursor is known; `cells` and the formatting below run there.
    const bool streamed = format != QLatin1String("table");
    Output::out().flush();
    auto write = [](const QByteArray &bytes) { fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout); };
    // The first line once the first page arrived (a failure before it leaves standard output empty).
    bool started = false;
    auto start = [&] {
        if (started)
            return;
        started = true;
        if (format == QLatin1String("csv"))
            write(CsvExporter::line(headers)); // byte for byte what the desktop's Export CSV writes (RFC 4180)
        else if (format == QLatin1String("json"))
            write(QByteArrayLiteral("["));
    };
    qsizetype written = 0;
    QList<QStringList> table; // filled on the worker, read once the stream has ended
    const bool csv = format == QLatin1String("csv");
    const bool json = format == QLatin1String("json");
    const RecordStream::Format formatPage = [&](const QList<QJsonObject> &rows, qsizetype before) {
        QByteArray chunk;
        if (csv)
            chunk.reserve(rows.size() * 128);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QJsonObject &row = rows.at(i);
            if (csv) {
                CsvExporter::appendLine(chunk, cells(row));
            } else if (json) {
                // Each element as QJsonDocument indents it inside an array: "    {\n        …\n    }".
                const QByteArray element = QJsonDocument(QJsonArray { row }).toJson(QJsonDocument::Indented);
                chunk += (before + i ? ",\n" : "\n") + element.mid(2, element.size() - 5);
            } else {
                table << cells(row);
            }
        }
        return chunk;
    };

    // The same paging as the desktop Browser (RecordPager knows Panora's cursor quirks).
    RecordPager pager(source);
    RecordStream stream(pager, { ctx.clients->nango(), ctx.clients->panora(), ctx.clients->http() });
    stream.setAll(all);
    stream.setLimit(limit);
    const Error failed = stream.run(formatPage, [&](const QByteArray &chunk, qsizetype rows) {
        written = rows;
        if (streamed) {
            start();
            write(chunk);
        }
        if (ctx.verbose)
            Output::err() << "loaded " << written << " rows…\n";
    });
    if (failed) {
        if (streamed)
            fflush(stdout);
        return ctx.fail(failed);
    }

    if (streamed) {
        start();
        if (format == QLatin1String("json"))
            write(QByteArrayLiteral("\n]\n"));
        fflush(stdout);
    } else {
        Output::table(headers, table, 36);
    }
    Output::err() << written << ' ' << kind.plural << " from " << provider << '\n';
    Output::err().flush();
    return ExitOk;
}

} // namespace

QList<Command> recordCommands()
{
    QList<Command> list;
    list.append(
        { { { QStringLiteral("unified") }, QStringLiteral("[FILE|-]"),
              QStringLiteral(
                  "Run one unified request, the body exactly as the original POST /api/integrations/unified took it: "
                  "{provider, resource, operation, id, params, data}. Reads FILE, or standard input with - or no "
                  "argument. "
                  "Prints the provider's JSON response."),
              nangoAuthOptions() + panoraOptions(), QStringLiteral("FILE|-") },
            true, [](Context &c, const QStringList &p) { return unified(c, p); } });
    for (const ResourceRegistry::RecordKind &kind : ResourceRegistry::recordKinds()) {
        list.append(
            { { { kind.plural, QStringLiteral("list") },
                  QStringLiteral(
                      "[--provider=nango|panora] [--providerConfigKey=K --connectionId=ID --model=M] [--limit=N] "
                      "[--all] [--format=table|json|csv]"),
                  QStringLiteral(
                      "List %1 (%2). --all follows the cursor through every page. The provider defaults to panora "
                      "when a Panora URL is configured, else nango.")
                      .arg(kind.plural, kind.resource),
                  nangoAuthOptions() + panoraOptions()
                      + QList<QCommandLineOption> { QCommandLineOption({ QStringLiteral("providerConfigKey") },
                                                        QStringLiteral("With --provider=nango: the integration whose "
                                                                       "sync holds the records (a "
                                                                       "real Nango; overrides the profile's mapping)."),
                                                        QStringLiteral("KEY")),
                          QCommandLineOption({ QStringLiteral("connectionId") },
                              QStringLiteral("With --provider=nango: the connection."), QStringLiteral("ID")),
                          QCommandLineOption({ QStringLiteral("model") },
                              QStringLiteral("With --provider=nango: the sync's model (default Contact / Employee)."),
                              QStringLiteral("M")),
                          QCommandLineOption({ QStringLiteral("provider") }, QStringLiteral("nango or panora."),
                              QStringLiteral("NAME")),
                          QCommandLineOption({ QStringLiteral("limit") },
                              QStringLiteral(
                                  "How many rows (without --all), or the page size (with --all). Default 50."),
                              QStringLiteral("N")),
                          QCommandLineOption(QStringLiteral("all"), QStringLiteral("Load every page.")),
                          QCommandLineOption({ QStringLiteral("format") },
                              QStringLiteral("table (default), json or csv."), QStringLiteral("FORMAT")) } },
                true, [&kind](Context &c, const QStringList &) { return listRecords(c, kind); } });
    }
    return list;
}

} // namespace crossline::cli
