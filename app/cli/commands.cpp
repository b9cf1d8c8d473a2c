#include "cli/commands.h"

#include "cli/context.h"
#include "cli/nangocommands.h"
#include "cli/output.h"
#include "cli/profilecommands.h"
#include "clientset.h"
#include "config/configresolver.h"
#include "config/profilestore.h"
#include "messaging/phonenumber.h"
#include "messaging/smssegments.h"
#include "models/csvexporter.h"
#include "models/recordcolumns.h"
#include "models/recordpager.h"
#include "net/redactor.h"
#include "sandbox/sandbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <functional>
#include <optional>

namespace crossline::cli {

namespace {

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

std::variant<QJsonValue, Error> parseJsonOption(const Context &ctx, const QString &name, bool wantArray)
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
    auto tags = parseJsonOption(ctx, QStringLiteral("tags"), false);
    if (auto *e = std::get_if<Error>(&tags))
        return ctx.fail(*e);
    imp.tags = std::get<QJsonValue>(tags).toObject();
    auto metadata = parseJsonOption(ctx, QStringLiteral("metadata"), false);
    if (auto *e = std::get_if<Error>(&metadata))
        return ctx.fail(*e);
    imp.metadata = std::get<QJsonValue>(metadata).toObject();
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
    QJsonObject o = r.data.toObject(); // a summary without credentials (NangoClient never returns them)
    if (ctx.json) {
        o.insert(QStringLiteral("replaced"), replacing);
        Output::json(o);
        return ExitOk;
    }
    Output::out() << (replacing ? "Replaced the credentials of the existing connection " : "Imported connection ")
                  << o.value(QLatin1String("connection_id")).toString() << " in integration "
                  << o.value(QLatin1String("provider_config_key")).toString() << ".\n";
    if (o.value(QLatin1String("verified")).toBool())
        Output::out() << "Nango verified the credential with the provider before saving it.\n";
    else
        Output::out() << "Imported WITHOUT verification (legacy POST /connection): Nango did not test the credential; "
                         "send a test message to check it.\n";
    Output::out().flush();
    return ExitOk;
}

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

// ---- whatsapp test / twilio test ---------------------------------------------------------------------------------
void printWarnings(const QStringList &warnings)
{
    for (const QString &w : warnings)
        Output::err() << "warning: " << w << '\n';
    Output::err().flush();
}

// What `whatsapp test` and `twilio test` do once the message is valid: print its warnings, apply the production
// rule, send it, and print a failure or the --json answer. The answer, for the command to describe; nullopt when
// the command is done (its exit code in *exitCode).
std::optional<Result> sendMessage(
    Context &ctx, const QStringList &warnings, const std::function<Job *()> &send, int *exitCode)
{
    printWarnings(warnings);
    if (const Error e = ctx.productionGuard(Effect::Send)) {
        *exitCode = ctx.fail(e);
        return std::nullopt;
    }
    const Result r = Context::wait(send());
    if (!r.ok()) {
        *exitCode = ctx.fail(r.error);
        return std::nullopt;
    }
    if (ctx.json) {
        Output::json(r.data);
        *exitCode = ExitOk;
        return std::nullopt;
    }
    return r;
}

int whatsappTest(Context &ctx)
{
    QJsonObject data;
    for (const char *name :
        { "providerConfigKey", "connectionId", "phoneNumberId", "to", "body", "apiVersion", "baseUrlOverride" }) {
        const QString n = QLatin1String(name);
        if (ctx.isSet(n))
            data.insert(n, ctx.value(n));
    }
    if (ctx.isSet(QStringLiteral("template"))) {
        if (ctx.isSet(QStringLiteral("body")))
            return ctx.fail(Error::validation(QStringLiteral("body"),
                QStringLiteral("Give either --body (a text message) or --template (a template message), not both.")));
        QJsonObject tpl { { QStringLiteral("name"), ctx.value(QStringLiteral("template")) } };
        if (ctx.isSet(QStringLiteral("language")))
            tpl.insert(QStringLiteral("language"),
                QJsonObject { { QStringLiteral("code"), ctx.value(QStringLiteral("language")) } });
        auto components = parseJsonOption(ctx, QStringLiteral("components"), true);
        if (auto *e = std::get_if<Error>(&components))
            return ctx.fail(*e);
        if (ctx.isSet(QStringLiteral("components")))
            tpl.insert(QStringLiteral("components"), std::get<QJsonValue>(components));
        data.insert(QStringLiteral("type"), QStringLiteral("template"));
        data.insert(QStringLiteral("template"), tpl);
    } else {
        if (ctx.isSet(QStringLiteral("language")) || ctx.isSet(QStringLiteral("components")))
            return ctx.fail(Error::validation(QStringLiteral("template"),
                QStringLiteral("--language and --components belong to a template message: add --template=NAME.")));
        data.insert(QStringLiteral("type"), QStringLiteral("text"));
    }
    const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(data, QString());
    if (!parsed)
        return ctx.fail(parsed.error());
    const WhatsAppMessage &message = *parsed;
    int exitCode = ExitOk;
    const std::optional<Result> r = sendMessage(
        ctx, message.warnings, [&] { return ctx.clients->messages()->sendWhatsApp(message); }, &exitCode);
    if (!r)
        return exitCode;
    const QJsonObject o = r->data.toObject();
    Output::out() << "Message id: " << MessageSender::messageId(r->data) << '\n';
    const QJsonObject contact = o.value(QLatin1String("contacts")).toArray().at(0).toObject();
    Output::out() << "Accepted by WhatsApp for " << contact.value(QLatin1String("input")).toString(message.to)
                  << " (wa_id " << contact.value(QLatin1String("wa_id")).toString() << "). "
                  << "Accepted is not delivered: delivery is reported later through Meta's webhooks.\n";
    Output::out().flush();
    return ExitOk;
}

int twilioTest(Context &ctx)
{
    QJsonObject data;
    for (const char *name : { "providerConfigKey", "connectionId", "to", "from", "messagingServiceSid", "body",
             "accountSid", "baseUrlOverride" }) {
        const QString n = QLatin1String(name);
        if (ctx.isSet(n))
            data.insert(n, ctx.value(n));
    }
    const Expected<TwilioSms> parsed = TwilioSms::fromJson(data, QString());
    if (!parsed)
        return ctx.fail(parsed.error());
    const TwilioSms &sms = *parsed;
    int exitCode = ExitOk;
    const std::optional<Result> r = sendMessage(
        ctx, sms.warnings, [&] { return ctx.clients->messages()->sendSms(sms); }, &exitCode);
    if (!r)
        return exitCode;
    const QJsonObject o = r->data.toObject();
    Output::out() << "Message SID: " << o.value(QLatin1String("sid")).toString() << '\n';
    Output::out() << "Status: " << o.value(QLatin1String("status")).toString() << " · " << sms.segments().summary()
                  << '\n';
    Output::out().flush();
    return ExitOk;
}

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
    if (!RecordSource::providerFromName(provider, &source.provider))
        return ctx.fail(
            Error::validation(QStringLiteral("provider"), QStringLiteral("--provider must be nango or panora.")));
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
    // every row for its column widths. The next page is asked for before this one is written, so the network and
    // the writing overlap. A failure after some pages leaves those rows written and exits non-zero.
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
    QList<QStringList> table;

    // The same paging as the desktop Browser (RecordPager knows Panora's cursor quirks).
    RecordPager pager(source);
    Job *next = pager.requestNext(ctx.clients->nango(), ctx.clients->panora());
    while (next) {
        const RecordPager::Page page = pager.accept(Context::wait(next));
        next = nullptr;
        if (page.error) {
            if (streamed)
                fflush(stdout);
            return ctx.fail(page.error);
        }
        if (all && pager.hasMore())
            next = pager.requestNext(ctx.clients->nango(), ctx.clients->panora());
        const qsizetype take = all ? page.rows.size() : qMin<qsizetype>(page.rows.size(), limit - written);
        QByteArray chunk;
        for (qsizetype i = 0; i < take; ++i) {
            const QJsonObject &row = page.rows.at(i);
            if (format == QLatin1String("csv")) {
                chunk += CsvExporter::line(cells(row));
            } else if (format == QLatin1String("json")) {
                // Each element as QJsonDocument indents it inside an array: "    {\n        …\n    }".
                const QByteArray element = QJsonDocument(QJsonArray { row }).toJson(QJsonDocument::Indented);
                chunk += (written + i ? ",\n" : "\n") + element.mid(2, element.size() - 5);
            } else {
                table << cells(row);
            }
        }
        written += take;
        if (streamed) {
            start();
            write(chunk);
        }
        if (ctx.verbose)
            Output::err() << "loaded " << written << " rows…\n";
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

// ---- sandbox -----------------------------------------------------------------------------------------------------
std::atomic<bool> g_stop { false };

int sandbox(Context &ctx)
{
    quint16 port = 0;
    if (ctx.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint p = ctx.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || p > 65535)
            return ctx.fail(
                Error::validation(QStringLiteral("port"), QStringLiteral("--port must be a number from 0 to 65535.")));
        port = quint16(p);
    }
    sandbox::SandboxSizes sizes;
    for (const QString &name : { QStringLiteral("contacts"), QStringLiteral("employees"), QStringLiteral("records") }) {
        if (!ctx.isSet(name))
            continue;
        const QString text = ctx.value(name);
        bool ok = !text.isEmpty() && text.size() <= 7; // digits only: no sign, space, decimal point or exponent
        for (const QChar c : text)
            ok = ok && c >= u'0' && c <= u'9';
        const int n = ok ? text.toInt(&ok) : -1;
        if (!ok || n > sandbox::SandboxSizes::kMax)
            return ctx.fail(Error::validation(name,
                QStringLiteral("--%1 must be a whole number from 0 to %2 (got \"%3\").")
                    .arg(name)
                    .arg(sandbox::SandboxSizes::kMax)
                    .arg(text)));
        if (name == QLatin1String("contacts"))
            sizes.panoraContacts = sizes.nangoContacts = n;
        else if (name == QLatin1String("employees"))
            sizes.panoraEmployees = sizes.nangoEmployees = n;
        else
            sizes.nangoRecords = n;
    }
    sandbox::Sandbox emulator(sizes);
    emulator.setRequestLogLimit(0); // nothing in this process reads the log: keep none, so memory stays flat
    QString message;
    if (!emulator.start(port, &message))
        return ctx.fail(Error::config(QStringLiteral("The sandbox could not start: %1").arg(message)));
    const bool real = ctx.isSet(QStringLiteral("real-nango"));
    emulator.setRealNango(real);
    using sandbox::SandboxCredentials;
    // Sandbox credentials are fake and public: printing them is the point (export them in another terminal).
    Output::out() << "NANGO_API_BASE=" << emulator.nangoBaseUrl().toString() << '\n'
                  << "NANGO_SECRET_KEY=" << SandboxCredentials::nangoSecretKey() << '\n'
                  << "PANORA_API_URL=" << emulator.panoraBaseUrl().toString() << '\n'
                  << "PANORA_API_KEY=" << SandboxCredentials::panoraApiKey() << '\n'
                  << "PANORA_CONNECTION_TOKEN=" << SandboxCredentials::panoraConnectionToken() << '\n';
    Output::out().flush();
    Output::err() << "Sandbox running (" << emulator.contactCount() << " contacts, " << emulator.employeeCount()
                  << " employees; connections conn_abc123, whatsapp-prod-1, conn_twilio_1"
                  << (real ? QStringLiteral(", and synced records for hubspot-acme (%1 contacts) and bamboohr-acme")
                                 .arg(sizes.nangoRecords)
                           : QString())
                  << "). "
                     "Export the lines above in another shell, e.g. eval \"$(crossline-cli sandbox | head -5)\" is not "
                     "possible while it runs: copy them. Press Ctrl+C to stop.\n";
    Output::err().flush();
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [] {
        if (g_stop)
            QCoreApplication::quit();
    });
    poll.start(100);
    QCoreApplication::exec();
    emulator.stop();
    Output::err() << "Sandbox stopped.\n";
    return ExitOk;
}

// ---- the command table -------------------------------------------------------------------------------------------
QList<QCommandLineOption> nangoAuthOptions()
{
    return { QCommandLineOption({ QStringLiteral("base"), QStringLiteral("nangoBase") },
                 QStringLiteral("Nango base URL (overrides NANGO_API_BASE / NANGO_HOST)."), QStringLiteral("URL")),
        QCommandLineOption({ QStringLiteral("key"), QStringLiteral("nangoKey") },
            QStringLiteral("Nango secret key, or - to read it from standard input (overrides NANGO_SECRET_KEY).")
                + secretNote,
            QStringLiteral("KEY")) };
}

// The two options that name a Nango connection; `integration` and `connection` describe them for this command.
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

QList<Command> commands()
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
    list.append(
        { { { QStringLiteral("whatsapp"), QStringLiteral("test") },
              QStringLiteral(
                  "--providerConfigKey=K --connectionId=ID --phoneNumberId=ID --to=E164 (--body=TEXT | --template=NAME "
                  "--language=CODE [--components=JSON]) [--apiVersion=v20.0] [--baseUrlOverride=URL]"),
              QStringLiteral("Send a WhatsApp text or template message through Nango's Requests Proxy "
                             "(POST /proxy/{apiVersion}/{phoneNumberId}/messages) and print the message id (wamid…)."),
              nangoAuthOptions()
                  + connectionOptions(QStringLiteral("The WhatsApp integration's key in Nango."),
                      QStringLiteral("The WhatsApp connection."))
                  + QList<QCommandLineOption> { QCommandLineOption({ QStringLiteral("phoneNumberId") },
                                                    QStringLiteral(
                                                        "The business phone number ID (not the number itself)."),
                                                    QStringLiteral("ID")),
                      QCommandLineOption({ QStringLiteral("to") },
                          QStringLiteral("Recipient in international format, e.g. +15551234567."),
                          QStringLiteral("E164")),
                      QCommandLineOption({ QStringLiteral("body") },
                          QStringLiteral("Text of the message (up to 4096 characters)."), QStringLiteral("TEXT")),
                      QCommandLineOption({ QStringLiteral("template") },
                          QStringLiteral("Name of an approved template."), QStringLiteral("NAME")),
                      QCommandLineOption({ QStringLiteral("language") },
                          QStringLiteral("The template's exact language code, e.g. en_US."), QStringLiteral("CODE")),
                      QCommandLineOption({ QStringLiteral("components") },
                          QStringLiteral("Template components as a JSON array."), QStringLiteral("JSON")),
                      QCommandLineOption({ QStringLiteral("apiVersion") },
                          QStringLiteral("Graph API version (default v20.0)."), QStringLiteral("VERSION")),
                      QCommandLineOption({ QStringLiteral("baseUrlOverride") },
                          QStringLiteral("Upstream base URL, only for an integration that does not know Graph's "
                                         "(e.g. a generic bearer one); sent as Base-Url-Override."),
                          QStringLiteral("URL")) } },
            true, [](Context &c, const QStringList &) { return whatsappTest(c); } });
    list.append(
        { { { QStringLiteral("twilio"), QStringLiteral("test") },
              QStringLiteral("--providerConfigKey=K --connectionId=ID --to=E164 (--from=E164 | "
                             "--messagingServiceSid=MG..) --body=TEXT [--accountSid=AC..] [--baseUrlOverride=URL]"),
              QStringLiteral(
                  "Send an SMS through Nango's Requests Proxy to Twilio (POST "
                  "/2010-04-01/Accounts/{AccountSid}/Messages.json, "
                  "form-encoded) and print the message SID. Without --accountSid it is looked up through the proxy."),
              nangoAuthOptions()
                  + connectionOptions(QStringLiteral("The Twilio integration's key in Nango."),
                      QStringLiteral("The Twilio connection."))
                  + QList<QCommandLineOption> { QCommandLineOption({ QStringLiteral("to") },
                                                    QStringLiteral("Recipient, e.g. +15551234567."),
                                                    QStringLiteral("E164")),
                      QCommandLineOption({ QStringLiteral("from") },
                          QStringLiteral("A Twilio number of the account, e.g. +15005550006."), QStringLiteral("E164")),
                      QCommandLineOption({ QStringLiteral("messagingServiceSid") },
                          QStringLiteral("A Messaging Service instead of --from."), QStringLiteral("MG...")),
                      QCommandLineOption({ QStringLiteral("body") }, QStringLiteral("Text (up to 1600 characters)."),
                          QStringLiteral("TEXT")),
                      QCommandLineOption({ QStringLiteral("accountSid") },
                          QStringLiteral("The Account SID (AC…); looked up when omitted."), QStringLiteral("AC...")),
                      QCommandLineOption({ QStringLiteral("baseUrlOverride") },
                          QStringLiteral("Upstream base URL, only for an integration that does not know Twilio's "
                                         "(e.g. a generic basic-auth one); sent as Base-Url-Override."),
                          QStringLiteral("URL")) } },
            true, [](Context &c, const QStringList &) { return twilioTest(c); } });
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
    list.append(
        { { { QStringLiteral("sandbox") },
              QStringLiteral("[--port=N] [--contacts=N] [--employees=N] [--records=N] [--real-nango]"),
              QStringLiteral("Run the embedded emulator of Nango, Panora, WhatsApp Cloud and Twilio on 127.0.0.1 in "
                             "the foreground. "
                             "It prints NANGO_API_BASE=…, NANGO_SECRET_KEY=…, PANORA_API_URL=…, PANORA_API_KEY=… and "
                             "PANORA_CONNECTION_TOKEN=… first: export them in another shell to try every command. "
                             "The sizes (each a whole number from 0 to 1000000) make it as large as a benchmark "
                             "needs."),
              { QCommandLineOption({ QStringLiteral("port") },
                    QStringLiteral("Nango's port (0 = any free port; Panora uses the next free one)."),
                    QStringLiteral("N")),
                  QCommandLineOption({ QStringLiteral("contacts") },
                      QStringLiteral("How many contacts Panora and Nango's /crm/contacts hold (default 5000 and "
                                     "250)."),
                      QStringLiteral("N")),
                  QCommandLineOption({ QStringLiteral("employees") },
                      QStringLiteral("How many employees Panora and Nango's /hris/employees (and, with --real-nango, "
                                     "bamboohr-acme's records) hold (default 1000 and 150)."),
                      QStringLiteral("N")),
                  QCommandLineOption({ QStringLiteral("records") },
                      QStringLiteral("With --real-nango: how many synced Contact records hubspot-acme has (default "
                                     "3000)."),
                      QStringLiteral("N")),
                  QCommandLineOption(QStringLiteral("real-nango"),
                      QStringLiteral(
                          "Behave like a deployed Nango: no /crm/contacts or /hris/employees, synced "
                          "records and actions for the connections hubspot-acme (model Contact, action "
                          "create-contact) and bamboohr-acme (model Employee), HTML for unknown routes.")) } },
            false, [](Context &c, const QStringList &) { return sandbox(c); } });
    list.append(nangoRecordCommands(nangoAuthOptions()));
    list.append(profileCommands());
    return list;
}

} // namespace

int run(const QStringList &arguments)
{
    const QList<Command> table = commands();
    const QStringList words = CliOptions::commandWords(arguments);
    const bool wantsHelp = arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"));

    QList<CommandSpec> specs;
    for (const Command &c : table)
        specs << c.spec;

    const Command *command = nullptr;
    for (const Command &c : table) {
        if (words.mid(0, c.spec.words.size()) == c.spec.words) {
            command = &c;
            break;
        }
    }
    if (!command) {
        if (words.isEmpty() && wantsHelp) {
            Output::out() << CliOptions::overview(specs);
            return ExitOk;
        }
        if (words.isEmpty() && arguments.contains(QStringLiteral("--version"))) {
            Output::out() << "crossline-cli " << CROSSLINE_VERSION << '\n';
            return ExitOk;
        }
        Output::err() << (words.isEmpty()
                ? QStringLiteral("error: no command given.")
                : QStringLiteral("error: unknown command \"%1\".").arg(words.join(QLatin1Char(' '))))
                      << "\n\n"
                      << CliOptions::overview(specs);
        return ExitUsage;
    }

    Context ctx;
    ctx.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const QCommandLineOption &o : CliOptions::globalOptions())
        ctx.parser.addOption(o);
    for (const QCommandLineOption &o : command->spec.options) {
        ctx.parser.addOption(o);
        ctx.m_optionNames << o.names();
    }
    if (!ctx.parser.parse(arguments)) {
        Output::err() << "error: " << ctx.parser.errorText() << "\n\n" << CliOptions::helpFor(command->spec);
        return ExitUsage;
    }
    if (ctx.parser.isSet(QStringLiteral("help"))) {
        Output::out() << CliOptions::helpFor(command->spec);
        return ExitOk;
    }
    // A flag given twice, or given with no value, is a mistake the parser would hide (it keeps the last value, and
    // an empty one reads as "not set" further on): refuse it before anything is sent.
    QList<QCommandLineOption> given = CliOptions::globalOptions();
    given += command->spec.options;
    for (const QCommandLineOption &o : given) {
        const QString name = o.names().constLast();
        const QStringList values = ctx.parser.values(name);
        const QString shown = QStringLiteral("--") + o.names().join(QStringLiteral("/--")); // aliases too
        if (o.valueName().isEmpty()) {
            continue; // a switch: --yes twice means yes
        } else if (values.size() > 1) {
            return ctx.fail(Error::validation(name,
                // The values are not repeated: some flags carry secrets.
                QStringLiteral("%1 was given %2 times: give it once.").arg(shown).arg(values.size())));
        } else if (values.size() == 1 && values.first().trimmed().isEmpty()
            && !command->spec.emptyUnsets.contains(name)) {
            return ctx.fail(Error::validation(
                name, QStringLiteral("%1 is empty: give a value, or leave the flag out.").arg(shown)));
        }
    }
    ctx.json = ctx.parser.isSet(QStringLiteral("json"));
    ctx.verbose = ctx.parser.isSet(QStringLiteral("verbose"));
    ctx.yes = ctx.parser.isSet(QStringLiteral("yes"));
    if (ctx.parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const double seconds = ctx.parser.value(QStringLiteral("timeout")).toDouble(&ok);
        // NaN passes every comparison and a value below a millisecond becomes 0, which Qt reads as "no timeout".
        if (!ok || !std::isfinite(seconds) || seconds < 0.1 || seconds > 3600)
            return ctx.fail(Error::validation(QStringLiteral("timeout"),
                QStringLiteral("--timeout must be a number of seconds from 0.1 to 3600 (got \"%1\").")
                    .arg(ctx.parser.value(QStringLiteral("timeout")))));
        ctx.policy.timeoutMs = int(seconds * 1000);
    }
    QStringList positional = ctx.parser.positionalArguments().mid(command->spec.words.size());
    if (command->spec.positional.isEmpty() && !positional.isEmpty())
        return ctx.fail(Error::validation(QStringLiteral("arguments"),
            QStringLiteral("Unexpected argument \"%1\" (values go with a flag, e.g. --body=\"…\").")
                .arg(positional.first())));
    if (command->needsConfig) {
        if (const Error e = ctx.setUp())
            return ctx.fail(e);
    }
    return command->run(ctx, positional);
}

} // namespace crossline::cli
