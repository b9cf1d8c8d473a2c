// The secrets sweep: a whole workflow with known secrets — the Nango secret key, the Panora API key and connection
// token (the sandbox's), a WhatsApp token imported into Nango, a Twilio auth token (random for each run) and a password
// of odd characters sent only to the hostile server (its percent-encoded and URL-safe forms differ) — and then no file
// under the throwaway HOME/XDG/TMPDIR folders and no captured stdout or stderr holds any of them in any form Redactor
// masks (raw, percent-encoded, base64 standard/URL-safe padded or not, inside Basic credentials: clirunner.h
// secretForms()). The keychain (the Secret Service of scripts/test) is the only place they may be.
//
// The workflow: `env import` of a .env holding all five (then deleted, as the README says), `secret set`, `profile
// show/list`, `nango connections --verbose`, `nango import` of both tokens from stdin, `whatsapp test`, `twilio test`,
// failing sends, `contacts list --all --format=csv` into a file, `unified --json` with the example bodies, and a
// hostile server that quotes back every value it receives, in every encoding, in its errors and a header. Then the
// desktop app's Workspace, in this process on the same HOME, does the same through its clients with its history
// database open (activity, the outbox of the failed sends, drafts), once against the sandbox and once against the
// hostile server; the sweep reads that SQLite file and its -wal/-shm while the app holds them open, and again after.
// sweepFindsEveryForm plants every secret in every form under HOME and in a stream: the sweep finds each.
#include "clirunner.h"
#include "config/configresolver.h"
#include "sandbox/sandbox.h"
#include "stubhttpserver.h"
#include "testsupport.h"

#ifdef CROSSLINE_SWEEP_WITH_APP
#include "workspace.h"
#endif

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace crossline::test;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

namespace {

// The folder every program of this test writes to: HOME, XDG_* and TMPDIR (main() points this process at it too).
QTemporaryDir *g_root = nullptr;

QString randomText(const char *alphabet, int length)
{
    const QByteArray chars(alphabet);
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(chars.at(QRandomGenerator::global()->bounded(int(chars.size()))));
    return out;
}

// What a careless server quotes back: every value of a JSON or form body, every header value but the plain ones (of
// Authorization, what follows "Bearer " or "Basic ") and the target — each raw, percent-encoded, in base64 (standard
// and URL-safe, padded or not) and as HTTP Basic credentials. In the error's message (Nango's or Panora's shape) and in
// a response header.
StubHttpServer::Response echoEverything(const StubHttpServer::Request &request)
{
    // The body's values first and the target last: a client may shorten a long error message.
    QList<QByteArray> values;
    std::function<void(const QJsonValue &)> leaves = [&](const QJsonValue &v) {
        if (v.isString())
            values << v.toString().toUtf8();
        for (const QJsonValue &item : v.toArray())
            leaves(item);
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            leaves(it.value());
    };
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (doc.isObject())
        leaves(doc.object());
    else if (doc.isArray())
        leaves(doc.array());
    else
        for (const QByteArray &pair : request.body.split('&'))
            values << QByteArray::fromPercentEncoding(pair.mid(pair.indexOf('=') + 1));
    static const QList<QByteArray> plain { "host", "user-agent", "accept", "accept-encoding", "accept-language",
        "connection", "content-length", "content-type" };
    bool panora = false;
    for (const auto &[name, value] : request.headers) {
        panora = panora || name.compare("x-api-key", Qt::CaseInsensitive) == 0;
        if (plain.contains(name.toLower()))
            continue;
        const qsizetype space = value.indexOf(' ');
        const QByteArray scheme = space > 0 ? value.left(space).toLower() : QByteArray();
        values << (scheme == "bearer" || scheme == "basic" ? value.mid(space + 1) : value);
    }
    values << request.target;
    QByteArray echo;
    QByteArray rawEcho;
    for (const QByteArray &v : std::as_const(values)) {
        if (v.isEmpty())
            continue;
        echo += "got " + v + " = " + QUrl::toPercentEncoding(QString::fromUtf8(v)) + " = " + v.toBase64() + " = "
            + v.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + " = Basic "
            + QByteArray("user:" + v).toBase64() + "; ";
        rawEcho += v + ' ';
    }
    const QString message = QStringLiteral("rejected: ") + QString::fromUtf8(echo);
    const QJsonObject body = panora ? QJsonObject { { QStringLiteral("statusCode"), 400 },
        { QStringLiteral("message"), message }, { QStringLiteral("error"), QStringLiteral("Bad Request") } }
                                    : QJsonObject { { QStringLiteral("error"),
                                        QJsonObject { { QStringLiteral("code"), QStringLiteral("invalid_credentials") },
                                            { QStringLiteral("message"), message } } } };
    StubHttpServer::Response r { 400, {}, QJsonDocument(body).toJson(QJsonDocument::Compact) };
    r.headers.append({ QByteArray("Content-Type"), QByteArray("application/json") });
    r.headers.append({ QByteArray("X-Echo"), rawEcho.simplified() });
    return r;
}

} // namespace

class TestSecretSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void envImportThenTheFileIsDeleted();
    void secretSetFromStdin();
    void profileShowAndList();
    void nangoConnectionsVerbose();
    void nangoImportTokensFromStdin();
    void whatsappAndTwilioTests();
    void failingSends();
    void contactsExportedAsCsv();
    void unifiedExamplesAsJson();
    void hostileServerQuotesWhatItGot();
    void theAppOnTheSameHome();
    void noFileOrStreamHoldsASecret();
    void sweepFindsEveryForm();

private:
    struct Captured
    {
        QString command;
        CliRun run;
    };
    // Runs crossline-cli in the throwaway HOME with the keychain; keeps what it printed for the sweep.
    CliRun cli(const QStringList &args, const QByteArray &in = {});
    QStringList secrets() const
    {
        return { m_nangoKey, m_panoraKey, m_panoraToken, m_whatsappToken, m_twilioToken, m_oddToken };
    }
    QString home() const { return QDir(g_root->path()).filePath(QStringLiteral("home")); }
    // Files and captured streams holding a secret, as "where: what" lines.
    QStringList sweep(int *filesScanned) const;

    QProcessEnvironment m_env;
    QString m_work; // the project folder the .env was in
    Sandbox m_sandbox;
    std::unique_ptr<StubHttpServer> m_hostile;
    QString m_profile;
    QString m_hostileProfile;
    QString m_nangoKey = SandboxCredentials::nangoSecretKey();
    QString m_panoraKey = SandboxCredentials::panoraApiKey();
    QString m_panoraToken = SandboxCredentials::panoraConnectionToken();
    QString m_whatsappToken;
    QString m_twilioToken;
    QString m_oddToken; // sent only to the hostile server: every encoding of it differs from the raw text
    QList<Captured> m_runs;
    QList<QPair<QString, QByteArray>> m_appStreams; // what the app showed: error summaries, results
#ifdef CROSSLINE_SWEEP_WITH_APP
    std::unique_ptr<crossline::Workspace> m_workspace;
#endif
};

CliRun TestSecretSweep::cli(const QStringList &args, const QByteArray &in)
{
    const CliRun r = runCli(args, m_env, in, m_work);
    m_runs.append({ QStringLiteral("crossline-cli ") + args.join(u' '), r });
    return r;
}

void TestSecretSweep::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
        "needs the Secret Service of scripts/test (dbus-run-session + gnome-keyring)");
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
    m_hostile = std::make_unique<StubHttpServer>(echoEverything);
    QVERIFY(m_hostile->isListening());
    m_env = scrubbedEnvironment(g_root->path(), true);
    m_work = QDir(home()).filePath(QStringLiteral("project"));
    QVERIFY(QDir().mkpath(m_work));
    const int n = QRandomGenerator::global()->bounded(100000, 999999);
    m_profile = QStringLiteral("sweep%1").arg(n);
    m_hostileProfile = QStringLiteral("hostile%1").arg(n);
    // Meta's tokens are EAA… letters and digits; Twilio's auth tokens 32 hex digits.
    m_whatsappToken
        = QStringLiteral("EAAGsweep") + randomText("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 40);
    m_twilioToken = randomText("0123456789abcdef", 32);
    // A password whose percent-encoding and URL-safe base64 differ from its plain forms.
    m_oddToken = QStringLiteral("p@ss/w+rd=%1&%2:é~").arg(randomText("0123456789abcdef", 16), randomText("?#%", 3));
}

void TestSecretSweep::init()
{
    m_sandbox.clearRequests();
}

void TestSecretSweep::cleanupTestCase()
{
#ifdef CROSSLINE_SWEEP_WITH_APP
    m_workspace.reset();
#endif
    for (const QString &profile : { m_profile, m_hostileProfile })
        runCli({ QStringLiteral("--yes"), QStringLiteral("profile"), QStringLiteral("remove"), profile }, m_env);
}

void TestSecretSweep::envImportThenTheFileIsDeleted()
{
    const QString envFile = QDir(m_work).filePath(QStringLiteral(".env"));
    QFile f(envFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // The original backend's variables, and the messaging tokens a team keeps beside them (not Crossline's: ignored).
    f.write(QStringLiteral("NANGO_ENV=%1\nNANGO_API_BASE=%2\nNANGO_SECRET_KEY=%3\nPANORA_API_URL=%4\n"
                           "PANORA_API_KEY=%5\nPANORA_CONNECTION_TOKEN=%6\nWHATSAPP_ACCESS_TOKEN=%7\n"
                           "TWILIO_AUTH_TOKEN=%8\n")
                .arg(m_profile, m_sandbox.nangoBaseUrl().toString(), m_nangoKey, m_sandbox.panoraBaseUrl().toString(),
                    m_panoraKey, m_panoraToken, m_whatsappToken, m_twilioToken)
                .toUtf8());
    f.close();
    const CliRun r = cli({ QStringLiteral("env"), QStringLiteral("import"), QStringLiteral("--file=") + envFile });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains("WHATSAPP_ACCESS_TOKEN") && r.out.contains("TWILIO_AUTH_TOKEN"), qPrintable(r.all()));
    QCOMPARE(cli({ QStringLiteral("profile"), QStringLiteral("use"), m_profile }).exitCode, 0);
    // The user's own file: "rm .env — nothing needs it any more". From here on only the keychain holds the secrets.
    QVERIFY(QFile::remove(envFile));
}

void TestSecretSweep::secretSetFromStdin()
{
    // Stored again from standard input, as `pass show … | crossline-cli secret set` does.
    for (const auto &[name, value] : { std::pair { QStringLiteral("panora-connection-token"), m_panoraToken },
             std::pair { QStringLiteral("nango-key"), m_nangoKey } }) {
        const CliRun r = cli({ QStringLiteral("secret"), QStringLiteral("set"), name }, value.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }
}

void TestSecretSweep::profileShowAndList()
{
    for (const QStringList &args : { QStringList { QStringLiteral("profile"), QStringLiteral("show"), m_profile },
             QStringList { QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("show"), m_profile },
             QStringList { QStringLiteral("profile"), QStringLiteral("list") },
             QStringList { QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") } }) {
        const CliRun r = cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }
    const CliRun shown = m_runs.at(m_runs.size() - 4).run;
    QVERIFY2(shown.out.contains(crossline::ConfigResolver::maskSecret(m_nangoKey).toUtf8()), qPrintable(shown.all()));
}

void TestSecretSweep::nangoConnectionsVerbose()
{
    for (const bool json : { false, true }) {
        QStringList args { QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("connections") };
        if (json)
            args.prepend(QStringLiteral("--json"));
        const CliRun r = cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY(r.out.contains("conn_abc123"));
    }
    QCOMPARE(
        m_sandbox.requests(QStringLiteral("nango")).first().header("Authorization"), "Bearer " + m_nangoKey.toUtf8());
}

void TestSecretSweep::nangoImportTokensFromStdin()
{
    CliRun r = cli({ QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("import"),
                       QStringLiteral("--providerConfigKey=whatsapp-business"),
                       QStringLiteral("--connectionId=sweep-whatsapp"), QStringLiteral("--apiKey=-") },
        m_whatsappToken.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    r = cli(
        { QStringLiteral("--json"), QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("import"),
            QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=sweep-twilio"),
            QStringLiteral("--username=") + SandboxCredentials::twilioAccountSid(), QStringLiteral("--password=-") },
        m_twilioToken.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    // Both reached Nango: the tokens are in the sandbox's connections, which the sends below use.
    const auto posts = m_sandbox.requests(QStringLiteral("nango"));
    QVERIFY(posts.size() >= 2);
    QVERIFY(posts.last().body.contains(m_twilioToken.toUtf8()));
}

void TestSecretSweep::whatsappAndTwilioTests()
{
    for (const bool json : { false, true }) {
        const QString verbose = QStringLiteral("--verbose");
        QStringList whatsapp { verbose, QStringLiteral("whatsapp"), QStringLiteral("test"),
            QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=sweep-whatsapp"),
            QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567"),
            QStringLiteral("--body=Sweep") };
        // No --accountSid: the SID is looked up first, and Twilio's account answer carries the auth token.
        QStringList twilio { verbose, QStringLiteral("twilio"), QStringLiteral("test"),
            QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=sweep-twilio"),
            QStringLiteral("--to=+15551234567"), QStringLiteral("--from=+15005550006"),
            QStringLiteral("--body=Sweep") };
        if (json) {
            whatsapp.prepend(QStringLiteral("--json"));
            twilio.prepend(QStringLiteral("--json"));
        }
        CliRun r = cli(whatsapp);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        r = cli(twilio);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }
    // The upstreams got the imported tokens: the workflow really used them.
    QCOMPARE(m_sandbox.requests(QStringLiteral("whatsapp")).last().header("Authorization"),
        "Bearer " + m_whatsappToken.toUtf8());
    const QByteArray basic
        = QByteArray(SandboxCredentials::twilioAccountSid().toUtf8() + ':' + m_twilioToken.toUtf8()).toBase64();
    QCOMPARE(m_sandbox.requests(QStringLiteral("twilio")).last().header("Authorization"), "Basic " + basic);
}

void TestSecretSweep::failingSends()
{
    // Meta's test number reaches only its own recipients (131030); Twilio's magic +15005550001 is invalid (21211).
    const CliRun whatsapp = cli({ QStringLiteral("--json"), QStringLiteral("--verbose"), QStringLiteral("whatsapp"),
        QStringLiteral("test"), QStringLiteral("--providerConfigKey=whatsapp-business"),
        QStringLiteral("--connectionId=sweep-whatsapp"), QStringLiteral("--phoneNumberId=109876543210987"),
        QStringLiteral("--to=+15557654321"), QStringLiteral("--body=Sweep") });
    QVERIFY2(whatsapp.exitCode == 1 && whatsapp.all().contains(QLatin1String("131030")), qPrintable(whatsapp.all()));
    const CliRun sms = cli({ QStringLiteral("--verbose"), QStringLiteral("twilio"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=sweep-twilio"),
        QStringLiteral("--to=+15005550001"), QStringLiteral("--from=+15005550006"), QStringLiteral("--body=Sweep") });
    QVERIFY2(sms.exitCode == 1 && sms.all().contains(QLatin1String("21211")), qPrintable(sms.all()));
}

void TestSecretSweep::contactsExportedAsCsv()
{
    const CliRun r = cli({ QStringLiteral("--verbose"), QStringLiteral("contacts"), QStringLiteral("list"),
        QStringLiteral("--provider=panora"), QStringLiteral("--all"), QStringLiteral("--format=csv") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.outLines().size() > 1000);
    // `> contacts.csv`: the export is a file under HOME, swept like the others.
    QFile csv(QDir(home()).filePath(QStringLiteral("exports/contacts.csv")));
    QVERIFY(QDir().mkpath(QFileInfo(csv).absolutePath()));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    QCOMPARE(csv.write(r.out), r.out.size());
}

void TestSecretSweep::unifiedExamplesAsJson()
{
    const QDir examples(QDir(sourceDir()).filePath(QStringLiteral("resources/examples")));
    for (const char *name :
        { "01-panora-list-contacts.json", "02-nango-get-employee.json", "03-nango-create-contact.json",
            "04-nango-whatsapp-text.json", "05-nango-whatsapp-template.json", "06-nango-twilio-sms.json" }) {
        const CliRun r = cli({ QStringLiteral("--json"), QStringLiteral("--verbose"), QStringLiteral("unified"),
            examples.filePath(QLatin1String(name)) });
        QVERIFY2(r.exitCode == 0, qPrintable(QLatin1String(name) + r.all()));
        QVERIFY(!QJsonDocument::fromJson(r.out).isNull());
    }
}

void TestSecretSweep::hostileServerQuotesWhatItGot()
{
    const QString base = m_hostile->url().toString();
    // A profile that points at it, its secrets in the keychain (the app uses it below).
    CliRun r = cli({ QStringLiteral("profile"), QStringLiteral("set"), m_hostileProfile,
        QStringLiteral("--nango-base=") + base, QStringLiteral("--panora-url=") + base });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    for (const auto &[name, value] : { std::pair { QStringLiteral("nango-key"), m_nangoKey },
             std::pair { QStringLiteral("panora-key"), m_panoraKey },
             std::pair { QStringLiteral("panora-connection-token"), m_panoraToken } }) {
        r = cli(
            { QStringLiteral("secret"), QStringLiteral("set"), name, QStringLiteral("--profile=") + m_hostileProfile },
            value.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }

    const qsizetype before = m_hostile->requests().size();
    const QString nangoBase = QStringLiteral("--base=") + base;
    const QList<QPair<QStringList, QByteArray>> commands {
        { { QStringLiteral("nango"), QStringLiteral("connections"), nangoBase }, {} },
        { { QStringLiteral("nango"), QStringLiteral("import"), nangoBase,
              QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=echo"),
              QStringLiteral("--apiKey=-") },
            m_whatsappToken.toUtf8() + '\n' },
        { { QStringLiteral("nango"), QStringLiteral("import"), nangoBase, QStringLiteral("--providerConfigKey=twilio"),
              QStringLiteral("--connectionId=echo"),
              QStringLiteral("--username=") + SandboxCredentials::twilioAccountSid(), QStringLiteral("--password=-") },
            m_twilioToken.toUtf8() + '\n' },
        { { QStringLiteral("nango"), QStringLiteral("import"), nangoBase, QStringLiteral("--providerConfigKey=twilio"),
              QStringLiteral("--connectionId=echo-odd"),
              QStringLiteral("--username=") + SandboxCredentials::twilioAccountSid(), QStringLiteral("--password=-") },
            m_oddToken.toUtf8() + '\n' },
        { { QStringLiteral("whatsapp"), QStringLiteral("test"), nangoBase,
              QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
              QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567"),
              QStringLiteral("--body=Sweep") },
            {} },
        { { QStringLiteral("twilio"), QStringLiteral("test"), nangoBase, QStringLiteral("--providerConfigKey=twilio"),
              QStringLiteral("--connectionId=conn_twilio_1"), QStringLiteral("--to=+15551234567"),
              QStringLiteral("--from=+15005550006"), QStringLiteral("--body=Sweep") },
            {} },
        { { QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
              QStringLiteral("--panora-url=") + base },
            {} },
        { { QStringLiteral("--profile=") + m_hostileProfile, QStringLiteral("unified"), QStringLiteral("-") },
            R"({"provider":"panora","resource":"crm.contact","operation":"create","data":{"first_name":"Sweep","last_name":"Echo"}})" },
    };
    for (const auto &[args, in] : commands) {
        for (const bool json : { false, true }) {
            QStringList full = QStringList { QStringLiteral("--verbose") } + args;
            if (json)
                full.prepend(QStringLiteral("--json"));
            r = cli(full, in);
            QVERIFY2(r.exitCode == 1, qPrintable(full.join(u' ') + QLatin1Char('\n') + r.all()));
            // The server did quote the secrets: masked where they were.
            QVERIFY2(r.all().contains(QLatin1String("[redacted]")), qPrintable(full.join(u' ') + r.all()));
        }
    }
    // Each reached it (an import asks whether the connection exists first, then posts the credentials).
    QVERIFY(m_hostile->requests().size() >= before + 2 * commands.size());
}

void TestSecretSweep::theAppOnTheSameHome()
{
#ifndef CROSSLINE_SWEEP_WITH_APP
    QSKIP("built without the desktop app (CROSSLINE_BUILD_UI=OFF): no history database to sweep");
#else
    using namespace crossline;
    m_workspace = std::make_unique<Workspace>();
    Workspace &ws = *m_workspace;
    QVERIFY2(ws.history()->isOpen(), qPrintable(ws.historyError().summary()));
    QVERIFY(QFileInfo::exists(HistoryStore::defaultPath()));
    QVERIFY2(HistoryStore::defaultPath().startsWith(home()), qPrintable(HistoryStore::defaultPath()));
    const QDir examples(QDir(sourceDir()).filePath(QStringLiteral("resources/examples")));

    auto wait = [](Job *job) {
        QSignalSpy spy(job, &Job::finished);
        if (!spy.wait(20000))
            return Result::failure(Error::make(Error::Kind::Timeout, QStringLiteral("test: no answer")));
        return spy.first().first().value<Result>();
    };
    // What the pages do with the workspace's clients: the Connections page, Import connection, the Unified page, the
    // Browser, and the Composer (a failed send goes to the outbox; what is typed is kept as a draft).
    auto pages = [&](bool hostile) {
        QStringList failures;
        auto keep = [&](const QString &what, const Result &r) {
            // What the pages could show of it: the data, the body as received, the error and its hint.
            m_appStreams.append({ QStringLiteral("the app: ") + what,
                QJsonDocument::fromVariant(r.data.toVariant()).toJson() + '\n' + r.body + '\n'
                    + r.error.summary().toUtf8() + '\n' + r.error.hint.toUtf8() });
            if (r.ok() == hostile)
                failures << what + QStringLiteral(": ") + (r.ok() ? QStringLiteral("ok") : r.error.summary());
        };
        ClientSet *clients = ws.clients();
        keep(QStringLiteral("connections"), wait(clients->nango()->listConnections()));
        ConnectionImport whatsapp;
        whatsapp.providerConfigKey = QStringLiteral("whatsapp-business");
        whatsapp.connectionId = QStringLiteral("sweep-app-whatsapp");
        whatsapp.apiKey = m_whatsappToken;
        keep(QStringLiteral("import WhatsApp"), wait(clients->nango()->importConnection(whatsapp)));
        ConnectionImport twilio;
        twilio.providerConfigKey = QStringLiteral("twilio");
        twilio.connectionId = QStringLiteral("sweep-app-twilio");
        twilio.username = SandboxCredentials::twilioAccountSid();
        twilio.password = hostile ? m_oddToken : m_twilioToken;
        keep(QStringLiteral("import Twilio"), wait(clients->nango()->importConnection(twilio)));
        for (const char *name :
            { "01-panora-list-contacts.json", "04-nango-whatsapp-text.json", "06-nango-twilio-sms.json" })
            keep(QString::fromLatin1(name), wait(clients->run(readFile(examples.filePath(QLatin1String(name))))));
        // The Composer: the draft as typed, the send, and on failure the outbox item as ComposerPage keeps it.
        const QJsonObject data { { QStringLiteral("providerConfigKey"), QStringLiteral("whatsapp-business") },
            { QStringLiteral("connectionId"), QStringLiteral("sweep-app-whatsapp") },
            { QStringLiteral("phoneNumberId"), QStringLiteral("109876543210987") },
            { QStringLiteral("type"), QStringLiteral("text") },
            { QStringLiteral("to"), QStringLiteral("+15557654321") },
            { QStringLiteral("body"), QStringLiteral("Sweep from the app") } };
        QVERIFY(!ws.history()->drafts().save(ws.profileKey(), QStringLiteral("whatsapp"), data));
        const QJsonObject send { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("whatsapp.message") },
            { QStringLiteral("operation"), QStringLiteral("create") }, { QStringLiteral("data"), data } };
        const Result sent = wait(clients->run(QJsonDocument(send).toJson()));
        m_appStreams.append({ QStringLiteral("the app: the Composer's failed send"), sent.error.summary().toUtf8() });
        QVERIFY2(!sent.ok(), "the send to a number Meta's test number cannot reach failed");
        OutboxItem item;
        item.kind = OutboxItem::Kind::WhatsApp;
        item.payload = data;
        item.error = sent.error.summary();
        item.profile = ws.profileKey();
        item.outcomeUnknown = sent.error.isOutcomeUnknown();
        QVERIFY(!ws.history()->outbox().add(item));
        QVERIFY(!ws.history()->outbox().recordAttempt(item.id, sent.error.summary(), false));
        ws.history()->activity().flush();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    };

    auto settle = [&] {
        QTRY_VERIFY_WITH_TIMEOUT(!ws.isReadingSecrets(), 20000);
        QVERIFY2(!ws.secretsError(), qPrintable(ws.secretsError().summary()));
        QCOMPARE(ws.config().nangoKey.value, m_nangoKey); // from the keychain
    };
    settle();
    QCOMPARE(ws.profileKey(), m_profile);
    pages(false);
    if (QTest::currentTestFailed())
        return;
    const qsizetype before = m_hostile->requests().size();
    ws.useProfile(m_hostileProfile);
    settle();
    QCOMPARE(ws.profileKey(), m_hostileProfile);
    pages(true);
    QVERIFY(m_hostile->requests().size() > before);
    // The server's quotes are in the database, masked: the failed send's outbox item holds its error.
    const QList<OutboxItem> outbox = ws.history()->outbox().items(m_hostileProfile);
    QCOMPARE(outbox.size(), 1);
    QVERIFY2(outbox.first().error.contains(QLatin1String("[redacted]")), qPrintable(outbox.first().error));
    QVERIFY(ws.history()->activity().count() >= 10);
    QVERIFY(QFileInfo::exists(HistoryStore::defaultPath() + QStringLiteral("-wal")));
#endif
}

QStringList TestSecretSweep::sweep(int *filesScanned) const
{
    QStringList hits = filesContaining(g_root->path(), secrets(), filesScanned);
    for (const Captured &c : m_runs) {
        for (const QString &hit : secretsIn(c.run.out, secrets()))
            hits << QStringLiteral("stdout of `%1`: %2").arg(c.command, hit);
        for (const QString &hit : secretsIn(c.run.err, secrets()))
            hits << QStringLiteral("stderr of `%1`: %2").arg(c.command, hit);
    }
    for (const auto &[what, text] : m_appStreams) {
        for (const QString &hit : secretsIn(text, secrets()))
            hits << QStringLiteral("%1: %2").arg(what, hit);
    }
    return hits;
}

void TestSecretSweep::noFileOrStreamHoldsASecret()
{
    QVERIFY(m_runs.size() >= 40); // the workflow ran
    int scanned = 0;
    QStringList hits = sweep(&scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    const QDir root(g_root->path());
    for (const char *file : { "home/.config/Crossline/Crossline.conf", "home/exports/contacts.csv" })
        QVERIFY2(QFileInfo::exists(root.filePath(QLatin1String(file))), file);
#ifdef CROSSLINE_SWEEP_WITH_APP
    // Swept above while the app holds the history open (its write-ahead log not yet folded into the file), and again
    // once it has closed it.
    const QString history = crossline::HistoryStore::defaultPath();
    for (const QString &file :
        QStringList { history, history + QStringLiteral("-wal"), history + QStringLiteral("-shm") })
        QVERIFY2(file.startsWith(root.path()) && QFileInfo::exists(file), qPrintable(file));
    m_workspace.reset();
    QVERIFY(QFileInfo::exists(history));
    hits = filesContaining(g_root->path(), secrets());
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
#endif
    QVERIFY(!QFileInfo::exists(QDir(m_work).filePath(QStringLiteral(".env"))));
    qInfo("swept %d files and %lld captured streams for %lld secrets in %lld forms each", scanned,
        qlonglong(2 * m_runs.size() + m_appStreams.size()), qlonglong(secrets().size()),
        qlonglong(secretForms(m_nangoKey).size()));
}

// The sweep can fail: every secret, in every form, planted in a file under HOME (and in a stream) is found — and the
// plants are removed again.
void TestSecretSweep::sweepFindsEveryForm()
{
    const QString planted = QDir(home()).filePath(QStringLiteral(".local/share/Crossline/plant.txt"));
    QVERIFY(QDir().mkpath(QFileInfo(planted).absolutePath()));
    for (const QString &secret : secrets()) {
        for (const auto &[form, needle] : secretForms(secret)) {
            QFile f(planted);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("before " + needle + " after");
            f.close();
            const QStringList hits = filesContaining(g_root->path(), { secret });
            QVERIFY2(hits.size() == 1 && hits.first().startsWith(planted), qPrintable(form + hits.join(u'\n')));
            QVERIFY(QFile::remove(planted));
        }
        // Inside Basic credentials, and base64 of the value after a prefix of each length: found in a stream too.
        for (const QByteArray &prefix : { QByteArray("user:"), QByteArray("a"), QByteArray("ab"), QByteArray("abc") }) {
            const QByteArray stream = "Authorization: Basic " + QByteArray(prefix + secret.toUtf8()).toBase64();
            QVERIFY2(!secretsIn(stream, { secret }).isEmpty(), stream.constData());
            const QByteArray url = QByteArray(prefix + secret.toUtf8()).toBase64(QByteArray::Base64UrlEncoding);
            QVERIFY2(!secretsIn(url, { secret }).isEmpty(), url.constData());
        }
    }
    QVERIFY(filesContaining(g_root->path(), secrets()).isEmpty());
}

int main(int argc, char **argv)
{
    // Everything this process writes (the app's settings and history) goes to the same throwaway folders as the
    // crossline-cli runs: HOME, XDG_* and TMPDIR under one temporary folder; no NANGO_*/PANORA_* variables.
    QTemporaryDir root;
    if (!root.isValid())
        return 1;
    g_root = &root;
    const QProcessEnvironment env = scrubbedEnvironment(root.path(), false);
    for (const char *name :
        { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "TMPDIR" })
        qputenv(name, QFile::encodeName(env.value(QLatin1String(name))));
    for (const QString &key : QProcessEnvironment::systemEnvironment().keys()) {
        if (key.startsWith(QLatin1String("NANGO_")) || key.startsWith(QLatin1String("PANORA_")))
            qunsetenv(key.toLocal8Bit().constData());
    }
    QCoreApplication app(argc, argv);
    // As crossline and crossline-cli name themselves: they share these settings and this history.
    QCoreApplication::setOrganizationName(QStringLiteral("Crossline"));
    QCoreApplication::setApplicationName(QStringLiteral("Crossline"));
    TestSecretSweep test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretsweep.moc"
