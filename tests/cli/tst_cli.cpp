// crossline-cli end to end: every command of the CLI contract against the sandbox, as a new user would try them.
#include "sandbox/sandbox.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using crossline::sandbox::Fault;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void nangoConnections();
    void flagsWithSpaceSeparatedValues();
    void nangoImportFromStdinNeverPrintsTheToken();
    void nangoImportRejectedTokenExplains();
    void nangoImportSkipVerification();
    void nangoDeleteNeedsConfirmation();
    void whatsappTest();
    void twilioTest();
    void unifiedSeedExamples_data();
    void unifiedSeedExamples();
    void unifiedFromStdin();
    void realNangoRecordsAndActions();
    void panoraAsItRuns();
    void idsThatWalkThePathAreRefused();
    void contactsListAllAsCsv();
    void listFailingMidwayKeepsWhatWasWritten();
    void employeesList();
    void missingConfigurationExits3();
    void remoteFailureExits1();
    void verboseSaysWhereValuesCameFrom();
    void sandboxCommandPrintsEnvironment();

private:
    Run run(const QStringList &args, const QByteArray &stdinData = {}, const QProcessEnvironment &extra = {},
        bool withConfig = true);
    QProcessEnvironment baseEnvironment(bool withConfig) const;

    Sandbox m_sandbox;
    QTemporaryDir m_home;
    QString m_cli;
};

void TestCli::initTestCase()
{
    m_cli = QString::fromLocal8Bit(qgetenv("CROSSLINE_CLI"));
    QVERIFY2(QFileInfo::exists(m_cli), "CROSSLINE_CLI must point at the built crossline-cli");
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
    QVERIFY(m_home.isValid());
}

void TestCli::init()
{
    m_sandbox.clearRequests();
    m_sandbox.clearFaults();
}

QProcessEnvironment TestCli::baseEnvironment(bool withConfig) const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    if (withConfig) {
        env.insert(QStringLiteral("NANGO_API_BASE"), m_sandbox.nangoBaseUrl().toString());
        env.insert(QStringLiteral("NANGO_SECRET_KEY"), SandboxCredentials::nangoSecretKey());
        env.insert(QStringLiteral("PANORA_API_URL"), m_sandbox.panoraBaseUrl().toString());
        env.insert(QStringLiteral("PANORA_API_KEY"), SandboxCredentials::panoraApiKey());
        env.insert(QStringLiteral("PANORA_CONNECTION_TOKEN"), SandboxCredentials::panoraConnectionToken());
    }
    return env;
}

Run TestCli::run(
    const QStringList &args, const QByteArray &stdinData, const QProcessEnvironment &extra, bool withConfig)
{
    QProcessEnvironment env = baseEnvironment(withConfig);
    for (const QString &k : extra.keys())
        env.insert(k, extra.value(k));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(m_cli, args);
    if (!p.waitForStarted(10000))
        return {};
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

void TestCli::helpForEveryCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("overview") << QStringList { QStringLiteral("--help") } << "whatsapp test";
    QTest::newRow("nango connections") << QStringList { QStringLiteral("nango"), QStringLiteral("connections"),
        QStringLiteral("--help") } << "--search";
    QTest::newRow("nango import") << QStringList { QStringLiteral("nango"), QStringLiteral("import"),
        QStringLiteral("--help") } << "--skip-verification";
    QTest::newRow("nango delete") << QStringList { QStringLiteral("nango"), QStringLiteral("delete"),
        QStringLiteral("-h") } << "--connectionId";
    QTest::newRow("whatsapp test") << QStringList { QStringLiteral("whatsapp"), QStringLiteral("test"),
        QStringLiteral("--help") } << "--phoneNumberId";
    QTest::newRow("twilio test") << QStringList { QStringLiteral("twilio"), QStringLiteral("test"),
        QStringLiteral("--help") }
                                 << "--messagingServiceSid";
    QTest::newRow("unified") << QStringList { QStringLiteral("unified"), QStringLiteral("--help") } << "FILE|-";
    QTest::newRow("contacts list") << QStringList { QStringLiteral("contacts"), QStringLiteral("list"),
        QStringLiteral("--help") } << "--format";
    QTest::newRow("employees list") << QStringList { QStringLiteral("employees"), QStringLiteral("list"),
        QStringLiteral("--help") } << "--all";
    QTest::newRow("sandbox") << QStringList { QStringLiteral("sandbox"), QStringLiteral("--help") } << "NANGO_API_BASE";
}

void TestCli::helpForEveryCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(mentions.toUtf8()), r.out.constData());
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList {} << "no command given";
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << "unknown command";
    QTest::newRow("unknown flag") << QStringList { QStringLiteral("nango"), QStringLiteral("connections"),
        QStringLiteral("--serch=x") }
                                  << "Unknown option";
    QTest::newRow("import without connectionId") << QStringList { QStringLiteral("nango"), QStringLiteral("import"),
        QStringLiteral("--providerConfigKey=whatsapp-business"),
        QStringLiteral("--apiKey=EAAGxxxxxxxxxxxxxxxxxxxxxxxx") }
                                                 << "connectionId is required";
    QTest::newRow("whatsapp bad recipient") << QStringList { QStringLiteral("whatsapp"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
        QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=abc"), QStringLiteral("--body=hi") }
                                            << "abc";
    QTest::newRow("whatsapp body and template") << QStringList { QStringLiteral("whatsapp"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
        QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567"),
        QStringLiteral("--body=hi"), QStringLiteral("--template=hello_world") }
                                                << "not both";
    QTest::newRow("twilio without from") << QStringList { QStringLiteral("twilio"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=conn_twilio_1"),
        QStringLiteral("--to=+15551234567"), QStringLiteral("--body=hi") }
                                         << "from";
    QTest::newRow("stray positional") << QStringList { QStringLiteral("nango"), QStringLiteral("connections"),
        QStringLiteral("extra") } << "Unexpected argument";
    QTest::newRow("bad limit") << QStringList { QStringLiteral("contacts"), QStringLiteral("list"),
        QStringLiteral("--limit=0") }
                               << "--limit";
    QTest::newRow("bad timeout") << QStringList { QStringLiteral("--timeout=abc"), QStringLiteral("nango"),
        QStringLiteral("connections") }
                                 << "--timeout";
    QTest::newRow("panora employee create")
        << QStringList { QStringLiteral("unified"), QStringLiteral("-") } << "cannot create employees";
    // A timeout that is not a number of seconds would switch the timeout off (NaN, or below a millisecond).
    for (const char *bad : { "nan", "inf", "-1", "0", "0.0001" })
        QTest::newRow(qPrintable(QStringLiteral("timeout %1").arg(QLatin1String(bad))))
            << QStringList { QStringLiteral("--timeout=%1").arg(QLatin1String(bad)), QStringLiteral("nango"),
                   QStringLiteral("connections") }
            << "--timeout must be a number of seconds from 0.1 to 3600";
    // An empty profile name aborted in argument parsing.
    for (const char *command : { "show", "use", "set", "remove" })
        QTest::newRow(qPrintable(QStringLiteral("profile %1 ''").arg(QLatin1String(command))))
            << QStringList { QStringLiteral("profile"), QLatin1String(command), QString() } << "NAME is empty";
    // A flag given twice kept the last value; an empty one was ignored.
    const QStringList sms { QStringLiteral("twilio"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=conn_twilio_1"),
        QStringLiteral("--from=+15005550006") };
    QTest::newRow("--to twice") << sms
            + QStringList { QStringLiteral("--to=+15551234567"), QStringLiteral("--to=+15551234568"),
                  QStringLiteral("--body=hi") }
                                << "--to was given 2 times: give it once.";
    QTest::newRow("--body twice") << sms
            + QStringList { QStringLiteral("--to=+15551234567"), QStringLiteral("--body=a"), QStringLiteral("--body"),
                  QStringLiteral("b") }
                                  << "--body was given 2 times";
    QTest::newRow("--timeout twice") << QStringList { QStringLiteral("--timeout=5"), QStringLiteral("--timeout=9"),
        QStringLiteral("nango"), QStringLiteral("connections") }
                                     << "--timeout was given 2 times";
    QTest::newRow("--provider twice") << QStringList { QStringLiteral("contacts"), QStringLiteral("list"),
        QStringLiteral("--provider=nango"), QStringLiteral("--provider=panora") }
                                      << "--provider was given 2 times";
    QTest::newRow("empty --base") << QStringList { QStringLiteral("nango"), QStringLiteral("connections"),
        QStringLiteral("--base=") }
                                  << "is empty: give a value, or leave the flag out.";
    // A base URL on the command line is input: a usage error (exit 2) that names the flag, not a configuration one.
    for (const char *bad :
        { "ftp://nango.example.com", "nango.example.com", "javascript:alert(1)", "https://u:p@h.example" })
        QTest::newRow(qPrintable(QStringLiteral("--base=%1").arg(QLatin1String(bad)))) << QStringList {
            QStringLiteral("nango"), QStringLiteral("connections"), QStringLiteral("--base=%1").arg(QLatin1String(bad))
        } << "--base: ";
    QTest::newRow("empty --profile") << QStringList { QStringLiteral("--profile="), QStringLiteral("nango"),
        QStringLiteral("connections") }
                                     << "--profile is empty";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QByteArray in = args == QStringList { QStringLiteral("unified"), QStringLiteral("-") }
        ? QByteArray(R"({"provider":"panora","resource":"hr.employee","operation":"create","data":{"first_name":"A"}})")
        : QByteArray();
    const Run r = run(args, in);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QCOMPARE(m_sandbox.requests().size(), 0); // nothing was sent
}

void TestCli::nangoConnections()
{
    const Run table = run({ QStringLiteral("nango"), QStringLiteral("connections") });
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith("CONNECTION ID"));
    QVERIFY(table.out.contains("conn_abc123"));
    QVERIFY(table.out.contains("whatsapp-business"));
    const Run json = run({ QStringLiteral("--json"), QStringLiteral("nango"), QStringLiteral("connections"),
        QStringLiteral("--search=twilio") });
    QCOMPARE(json.exitCode, 0);
    // Nango's own shape: {"connections": [...]}.
    const QJsonArray list = QJsonDocument::fromJson(json.out).object().value(QLatin1String("connections")).toArray();
    QVERIFY(!list.isEmpty());
    for (const QJsonValue &v : list)
        QVERIFY(v.toObject().value(QLatin1String("connection_id")).toString().contains(QLatin1String("twilio")));
}

void TestCli::flagsWithSpaceSeparatedValues()
{
    const Run r = run(
        { QStringLiteral("--timeout"), QStringLiteral("30"), QStringLiteral("nango"), QStringLiteral("connections"),
            QStringLiteral("--search"), QStringLiteral("conn_abc"), QStringLiteral("--json") });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("connections")).toArray().size(), 1);
    const auto req = m_sandbox.requests(QStringLiteral("nango")).last();
    QCOMPARE(req.query, QByteArray("search=conn_abc"));
}

void TestCli::nangoImportFromStdinNeverPrintsTheToken()
{
    const QByteArray token = "EAAGcliStdinToken1234567890";
    for (const QString &mode : { QStringLiteral("table"), QStringLiteral("json") }) {
        QStringList args { QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("import"),
            QStringLiteral("--providerConfigKey=whatsapp-business"),
            QStringLiteral("--connectionId=cli-import-") + mode, QStringLiteral("--apiKey=-") };
        if (mode == QLatin1String("json"))
            args.prepend(QStringLiteral("--json"));
        const Run r = run(args, token + "\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains(token));
        QVERIFY(!r.err.contains(token));
        QVERIFY(!r.err.contains(SandboxCredentials::nangoSecretKey().toUtf8()));
        if (mode == QLatin1String("json"))
            QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("verified")).toBool(), true);
        else
            QVERIFY2(r.out.contains("Nango verified the credential"), r.out.constData());
    }
    const auto req = m_sandbox.requests(QStringLiteral("nango")).last();
    QCOMPARE(QJsonDocument::fromJson(req.body)
                 .object()
                 .value(QLatin1String("credentials"))
                 .toObject()
                 .value(QLatin1String("apiKey"))
                 .toString(),
        QString::fromUtf8(token)); // the trailing newline from stdin was not sent
}

void TestCli::nangoImportRejectedTokenExplains()
{
    const Run r = run(
        { QStringLiteral("nango"), QStringLiteral("import"), QStringLiteral("--providerConfigKey=whatsapp-business"),
            QStringLiteral("--connectionId=x"), QStringLiteral("--apiKey=wrong-token") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Nango could not verify this token with the provider"), r.err.constData());
    QVERIFY(r.err.contains("--skip-verification"));
    QVERIFY(!r.err.contains("wrong-token"));
}

void TestCli::nangoImportSkipVerification()
{
    const Run r
        = run({ QStringLiteral("nango"), QStringLiteral("import"),
                  QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=offline"),
                  QStringLiteral("--apiKey=-"), QStringLiteral("--skip-verification") },
            "EAAGofflineCliToken000000\n");
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("WITHOUT verification"));
    QVERIFY(!r.out.contains("EAAGofflineCliToken"));
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).last().path, QStringLiteral("/connection"));
}

void TestCli::nangoDeleteNeedsConfirmation()
{
    const QStringList args { QStringLiteral("nango"), QStringLiteral("delete"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=whatsapp-prod-1") };
    const Run refused = run(args);
    QCOMPARE(refused.exitCode, 2);
    QCOMPARE(m_sandbox.requests().size(), 0);
    const Run deleted = run(args + QStringList { QStringLiteral("--yes") });
    QCOMPARE(deleted.exitCode, 0);
    QVERIFY(deleted.out.contains("Deleted connection whatsapp-prod-1"));
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).last().method, QByteArray("DELETE"));
    // Again: Nango answers a bare unknown_connection; the user reads a sentence.
    const Run missing = run(args + QStringList { QStringLiteral("--yes") });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.startsWith("error: Nango has no connection \"whatsapp-prod-1\" in the integration "
                                    "\"whatsapp-business\"; nothing was deleted."),
        missing.err.constData());
}

void TestCli::whatsappTest()
{
    // The original backend's whatsapp:test flags, verbatim.
    const Run r = run({ QStringLiteral("whatsapp"), QStringLiteral("test"),
        QStringLiteral("--nangoBase=") + m_sandbox.nangoBaseUrl().toString(),
        QStringLiteral("--nangoKey=") + SandboxCredentials::nangoSecretKey(),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
        QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567"),
        QStringLiteral("--body=Hello from Nango WhatsApp!") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("Message id: wamid."), r.out.constData());
    QVERIFY(r.err.contains("warning")); // +1 555 numbers are fictional: a warning, not an error
    const Run tpl = run({ QStringLiteral("--json"), QStringLiteral("whatsapp"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
        QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567"),
        QStringLiteral("--template=hello_world"), QStringLiteral("--language=en_US") });
    QCOMPARE(tpl.exitCode, 0);
    QVERIFY(QJsonDocument::fromJson(tpl.out)
                .object()
                .value(QLatin1String("messages"))
                .toArray()
                .at(0)
                .toObject()
                .value(QLatin1String("id"))
                .toString()
                .startsWith(QLatin1String("wamid.")));
}

void TestCli::twilioTest()
{
    const Run r = run({ QStringLiteral("twilio"), QStringLiteral("test"), QStringLiteral("--providerConfigKey=twilio"),
        QStringLiteral("--connectionId=conn_twilio_1"), QStringLiteral("--to=+15551234567"),
        QStringLiteral("--from=+15005550006"), QStringLiteral("--body=Hello via Twilio!") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("Message SID: SM"), r.out.constData());
    QVERIFY(r.out.contains("GSM-7"));
    const Run fail = run({ QStringLiteral("twilio"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=conn_twilio_1"),
        QStringLiteral("--to=+15005550001"), QStringLiteral("--from=+15005550006"), QStringLiteral("--body=x") });
    QCOMPARE(fail.exitCode, 1);
    QVERIFY2(fail.err.contains("21211"), fail.err.constData());
}

void TestCli::unifiedSeedExamples_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QDir(crossline::test::sourceDir()).absoluteFilePath(QStringLiteral("resources/examples")));
    for (const QString &f : dir.entryList({ QStringLiteral("*.json") }))
        QTest::newRow(qPrintable(f)) << dir.absoluteFilePath(f);
}

void TestCli::unifiedSeedExamples()
{
    QFETCH(QString, file);
    const Run r = run({ QStringLiteral("unified"), file });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError err;
    QJsonDocument::fromJson(r.out, &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
}

void TestCli::unifiedFromStdin()
{
    const Run r = run({ QStringLiteral("unified") },
        R"({"provider":"nango","resource":"hr.employee","operation":"get","id":"emp_123"})");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("id")).toString(), QStringLiteral("emp_123"));
    const Run bad
        = run({ QStringLiteral("unified"), QStringLiteral("-") }, "{\"provider\": \"nango\",\n \"resource\": }");
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("line 2"), bad.err.constData());
}

void TestCli::realNangoRecordsAndActions()
{
    // The sandbox as a deployed Nango: records, functions, actions, syncs; and a profile mapped to them.
    m_sandbox.setRealNango(true);
    const auto restore = qScopeGuard([this] { m_sandbox.setRealNango(false); });
    const QStringList hubspot { QStringLiteral("--providerConfigKey=hubspot"),
        QStringLiteral("--connectionId=hubspot-acme") };

    const Run functions
        = run({ QStringLiteral("nango"), QStringLiteral("functions"), QStringLiteral("--providerConfigKey=hubspot") });
    QCOMPARE(functions.exitCode, 0);
    QVERIFY2(functions.out.contains("contacts        sync    Contact"), functions.out.constData());
    QVERIFY(functions.out.contains("companies       sync    Company"));
    QVERIFY(functions.out.contains("create-contact  action"));

    const Run all = run(QStringList { QStringLiteral("nango"), QStringLiteral("records"),
                            QStringLiteral("--model=Contact"), QStringLiteral("--all"), QStringLiteral("--format=csv") }
        + hubspot);
    QCOMPARE(all.exitCode, 0);
    QCOMPARE(all.out.count("\r\n"), 3001); // a header and every record, through pages of at most 37
    QVERIFY(all.out.startsWith(
        "id,company,created_at,email,first_name,last_name,phone,updated_at,last_action,deleted_at\r\n"));
    QVERIFY(all.out.contains(",DELETED,")); // deleted records are listed, marked

    const Run action
        = run(QStringList { QStringLiteral("nango"), QStringLiteral("action"), QStringLiteral("--name=create-contact"),
                  QStringLiteral("--input={\"first_name\":\"Cli\",\"email\":\"cli@example.com\"}"),
                  QStringLiteral("--async") }
            + hubspot);
    QVERIFY2(action.exitCode == 0, action.err.constData());
    QCOMPARE(QJsonDocument::fromJson(action.out).object().value(QLatin1String("email")).toString(),
        QStringLiteral("cli@example.com"));
    const Run failing
        = run(QStringList { QStringLiteral("nango"), QStringLiteral("action"), QStringLiteral("--name=create-contact"),
                  QStringLiteral("--input={\"email\":\"exists@example.com\"}") }
            + hubspot);
    QCOMPARE(failing.exitCode, 1);
    QVERIFY2(failing.err.contains("HTTP 409 — Contact already exists"), failing.err.constData());

    const Run status = run({ QStringLiteral("nango"), QStringLiteral("sync"), QStringLiteral("status"),
        QStringLiteral("--providerConfigKey=hubspot") });
    QCOMPARE(status.exitCode, 0);
    // One row per sync of the integration (both HubSpot syncs), each with its connection.
    const QList<QByteArray> rows = status.out.split('\n');
    QCOMPARE(rows.size(), 4); // the header, two syncs, the final line break
    QVERIFY2(rows.at(1).startsWith("contacts ") && rows.at(1).contains(" hubspot-acme "), status.out.constData());
    QVERIFY2(rows.at(2).startsWith("companies ") && rows.at(2).contains(" hubspot-acme "), status.out.constData());

    // contacts list names the connection itself: its synced records, without a profile mapping.
    const Run listed = run({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=nango"),
        QStringLiteral("--providerConfigKey=hubspot"), QStringLiteral("--connectionId=hubspot-acme"),
        QStringLiteral("--all"), QStringLiteral("--format=csv") });
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    QVERIFY(listed.out.count("\r\n") > 3000); // a header and every synced contact (the actions above added some)
    QVERIFY(listed.out.startsWith("Name,Email,Phone,Created,Id\r\n"));

    // Compatible paths against it: diagnosed, not "check the base URL".
    const Run compat = run({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=nango") });
    QCOMPARE(compat.exitCode, 1);
    QVERIFY2(
        compat.err.contains("This Nango has no /crm/contacts") && compat.err.contains("--mapping=records-and-actions"),
        compat.err.constData());
}

void TestCli::panoraAsItRuns()
{
    // The seed's page/page_size: page 2 is the second page (Panora itself would answer page 1 again).
    const auto list = [this](const QByteArray &params) {
        return run({ QStringLiteral("unified") },
            R"({"provider":"panora","resource":"crm.contact","operation":"list","params":)" + params + "}");
    };
    const Run first = list(R"({"page":1,"page_size":3})");
    const Run second = list(R"({"page":2,"page_size":3})");
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(second.exitCode, 0);
    const QJsonArray a = QJsonDocument::fromJson(first.out).object().value(QLatin1String("data")).toArray();
    const QJsonArray b = QJsonDocument::fromJson(second.out).object().value(QLatin1String("data")).toArray();
    QCOMPARE(a.size(), 3);
    QCOMPARE(b.size(), 3);
    QVERIFY(a.at(0).toObject().value(QLatin1String("id")) != b.at(0).toObject().value(QLatin1String("id")));
    // A parameter Panora would silently ignore is refused; nothing is sent.
    m_sandbox.clearRequests();
    const Run ignored = list(R"({"offset":10})");
    QCOMPARE(ignored.exitCode, 2);
    QVERIFY2(ignored.err.contains("Panora takes no \"offset\" parameter"), ignored.err.constData());
    QCOMPARE(m_sandbox.requests().size(), 0);
    // An unknown id: Panora's bare 500, with a hint a support person can act on.
    const Run missing = run({ QStringLiteral("unified") },
        R"({"provider":"panora","resource":"crm.contact","operation":"get","id":"00000000-0000-4000-8000-000000000000"})");
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("hint: The record may not exist"), missing.err.constData());
    // The CRM refusing a create (HubSpot's 409, which Panora turns into a bare 500).
    const Run refused = run({ QStringLiteral("unified") },
        R"({"provider":"panora","resource":"crm.contact","operation":"create","data":{"first_name":"Ana","last_name":"Lima","email_addresses":[{"email_address":"exists@example.com","email_address_type":"WORK"}]}})");
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("hint: The CRM refused the request with HTTP 409"), refused.err.constData());
    // remote_data on a contact Panora created itself: it has none, and Panora fails with a 500.
    const Run created = run({ QStringLiteral("unified") },
        R"({"provider":"panora","resource":"crm.contact","operation":"create","data":{"first_name":"Ana","last_name":"Lima"}})");
    QCOMPARE(created.exitCode, 0);
    const QString id = QJsonDocument::fromJson(created.out).object().value(QLatin1String("id")).toString();
    const Run remote = run({ QStringLiteral("unified") },
        QStringLiteral(
            R"({"provider":"panora","resource":"crm.contact","operation":"get","id":"%1","params":{"remote_data":true}})")
            .arg(id)
            .toUtf8());
    QCOMPARE(remote.exitCode, 1);
    QVERIFY2(remote.err.contains("hint: This record has no remote data in Panora: leave remote_data out."),
        remote.err.constData());
    // The key travels once: x-api-key, no Authorization.
    const auto sent = m_sandbox.requests(QStringLiteral("panora")).last();
    QVERIFY(!sent.header("x-api-key").isEmpty());
    QVERIFY(sent.header("Authorization").isEmpty());
}

void TestCli::idsThatWalkThePathAreRefused()
{
    // "DELETE /connections/.." would have become "DELETE /" with the secret key; "GET /crm/contacts/.." "GET /crm".
    for (const char *id : { ".", "..", "%2e%2E", "%252e%252e", " " }) {
        const QString given = QString::fromLatin1(id);
        const Run del = run({ QStringLiteral("nango"), QStringLiteral("delete"),
            QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=") + given,
            QStringLiteral("--yes") });
        QCOMPARE(del.exitCode, 2);
        QVERIFY2(del.err.contains("connectionId"), del.err.constData());
        for (const char *provider : { "nango", "panora" }) {
            const QJsonObject body { { QStringLiteral("provider"), QLatin1String(provider) },
                { QStringLiteral("resource"), QStringLiteral("crm.contact") },
                { QStringLiteral("operation"), QStringLiteral("get") }, { QStringLiteral("id"), given } };
            const Run get = run({ QStringLiteral("unified") }, QJsonDocument(body).toJson());
            QCOMPARE(get.exitCode, 2);
            QVERIFY2(get.err.contains("id"), get.err.constData());
        }
    }
    QCOMPARE(m_sandbox.requests().size(), 0); // nothing was sent
    // A dot inside an id is an ordinary character, sent encoded as one segment.
    const Run dotted = run({ QStringLiteral("unified") },
        R"({"provider":"nango","resource":"hr.employee","operation":"get","id":"emp_123.."})");
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).size(), 1);
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).first().rawPath, QByteArray("/hris/employees/emp_123.."));
    QCOMPARE(dotted.exitCode, 1); // the sandbox has no such employee
}

void TestCli::contactsListAllAsCsv()
{
    const Run r = run({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
        QStringLiteral("--all"), QStringLiteral("--limit=1000"), QStringLiteral("--format=csv") });
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.split('\n');
    QCOMPARE(lines.first(), QByteArray("Name,Email,Phone,Created,Id\r")); // the same columns as the desktop export
    QCOMPARE(r.out.count("\r\n"), m_sandbox.contactCount() + 1);
    const Run five = run(
        { QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--limit=5"), QStringLiteral("--json") });
    QCOMPARE(five.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(five.out).array().size(), 5);

    // With --all, --limit is the page size (it was ignored: limit=100 whatever was asked).
    m_sandbox.clearRequests();
    const Run paged = run({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
        QStringLiteral("--all"), QStringLiteral("--limit=250"), QStringLiteral("--format=json") });
    QCOMPARE(paged.exitCode, 0);
    const auto pages = m_sandbox.requests(QStringLiteral("panora"));
    QCOMPARE(pages.size(), (m_sandbox.contactCount() + 249) / 250);
    for (const auto &page : pages)
        QVERIFY2(page.query.startsWith("limit=250"), page.query.constData());
}

// Rows are written as their pages arrive: a page that fails after two good ones leaves those rows (and the header)
// on standard output, says what failed, and exits 1; a failure on the first page leaves standard output empty.
void TestCli::listFailingMidwayKeepsWhatWasWritten()
{
    Fault fault;
    fault.kind = Fault::Kind::ServerError;
    fault.service = QStringLiteral("panora");
    fault.pathPrefix = QStringLiteral("/crm/contacts");
    fault.status = 500; // not retried
    fault.after = 2;
    fault.times = -1;
    m_sandbox.injectFault(fault);
    const Run r = run({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
        QStringLiteral("--all"), QStringLiteral("--limit=100"), QStringLiteral("--format=csv") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.startsWith("Name,Email,Phone,Created,Id\r\n"));
    QCOMPARE(r.out.count("\r\n"), 1 + 200);
    QVERIFY2(r.err.contains("error:"), r.err.constData());
    QCOMPARE(m_sandbox.requests(QStringLiteral("panora")).size(), 3);

    m_sandbox.clearFaults();
    fault.after = 0;
    m_sandbox.injectFault(fault);
    const Run first = run({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
        QStringLiteral("--all"), QStringLiteral("--format=json") });
    QCOMPARE(first.exitCode, 1);
    QCOMPARE(first.out, QByteArray());
}

void TestCli::employeesList()
{
    const Run r = run({ QStringLiteral("employees"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
        QStringLiteral("--limit=3") });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count('\n'), 4);
    m_sandbox.setPanoraHasHris(false);
    const Run gone = run({ QStringLiteral("employees"), QStringLiteral("list"), QStringLiteral("--provider=panora") });
    m_sandbox.setPanoraHasHris(true);
    QCOMPARE(gone.exitCode, 1);
    QVERIFY(gone.err.contains("November 2024"));
}

void TestCli::missingConfigurationExits3()
{
    const Run r = run({ QStringLiteral("nango"), QStringLiteral("connections") }, {}, {}, false);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains("NANGO_SECRET_KEY"), r.err.constData());
    QCOMPARE(m_sandbox.requests().size(), 0);
    QProcessEnvironment env;
    env.insert(QStringLiteral("NANGO_API_BASE"), QStringLiteral("http://nango.example.com"));
    const Run insecure = run({ QStringLiteral("nango"), QStringLiteral("connections") }, {}, env);
    QCOMPARE(insecure.exitCode, 3);
    QVERIFY(insecure.err.contains("Refusing plain http://"));
}

void TestCli::remoteFailureExits1()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), QStringLiteral("5f2c9a1e-3b7d-4c8e-9f10-000000000000"));
    const Run r = run({ QStringLiteral("nango"), QStringLiteral("connections") }, {}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("error: Nango:"), r.err.constData());
    QProcessEnvironment down;
    down.insert(QStringLiteral("NANGO_API_BASE"), QStringLiteral("http://127.0.0.1:9"));
    const Run refused
        = run({ QStringLiteral("--timeout=5"), QStringLiteral("nango"), QStringLiteral("connections") }, {}, down);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.err.contains("Could not reach 127.0.0.1"));
}

void TestCli::verboseSaysWhereValuesCameFrom()
{
    const Run r = run({ QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("connections"),
        QStringLiteral("--base=") + m_sandbox.nangoBaseUrl().toString() });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("--base"), r.err.constData());
    QVERIFY(r.err.contains("NANGO_SECRET_KEY"));
    QVERIFY(r.err.contains("http: GET"));
    QVERIFY(!r.err.contains(SandboxCredentials::nangoSecretKey().toUtf8()));
}

void TestCli::sandboxCommandPrintsEnvironment()
{
    QProcess p;
    p.setProcessEnvironment(baseEnvironment(false));
    p.start(m_cli, { QStringLiteral("sandbox") });
    QVERIFY(p.waitForStarted());
    QByteArray out;
    for (int i = 0; i < 100 && out.count('\n') < 5; ++i) {
        p.waitForReadyRead(200);
        out += p.readAllStandardOutput();
    }
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines.at(0).startsWith("NANGO_API_BASE=http://127.0.0.1:"));
    QCOMPARE(lines.at(1), "NANGO_SECRET_KEY=" + SandboxCredentials::nangoSecretKey().toUtf8());
    QVERIFY(lines.at(2).startsWith("PANORA_API_URL=http://127.0.0.1:"));
    QVERIFY(lines.at(3).startsWith("PANORA_API_KEY="));
    QVERIFY(lines.at(4).startsWith("PANORA_CONNECTION_TOKEN="));
    // The printed base answers.
    QProcessEnvironment env = baseEnvironment(false);
    env.insert(QStringLiteral("NANGO_API_BASE"), QString::fromUtf8(lines.at(0).mid(15)));
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), SandboxCredentials::nangoSecretKey());
    QProcess client;
    client.setProcessEnvironment(env);
    client.start(m_cli, { QStringLiteral("nango"), QStringLiteral("connections") });
    QVERIFY(client.waitForFinished(30000));
    QCOMPARE(client.exitCode(), 0);
#ifdef Q_OS_WIN
    // No SIGTERM on Windows, and terminate() posts WM_CLOSE, which a console program never gets: only kill() ends it.
    p.kill();
    QVERIFY(p.waitForFinished(10000));
#else
    p.terminate(); // SIGTERM
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
#endif
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
