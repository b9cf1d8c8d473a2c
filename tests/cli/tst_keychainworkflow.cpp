// The issue's "done means", end to end: import the original backend's .env, forget it, and run every command with
// no NANGO_*/PANORA_* variable set — the secrets come from the real Secret Service (scripts/test: dbus-run-session +
// unlocked gnome-keyring). Then no file under the test's HOME, XDG folders or temp folder holds any of them.
#include "clirunner.h"
#include "config/configresolver.h"
#include "sandbox/sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace crossline::test;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

class TestKeychainWorkflow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void importTheEnvFile();
    void nangoConnectionsFromTheKeychain();
    void nangoImportFromStdin();
    void whatsappTest();
    void twilioTest();
    void contactsListFromTheKeychain();
    void profileShowMasks();
    void productionProfileNeedsYes_data();
    void productionProfileNeedsYes();
    void noFileHoldsASecret();

private:
    CliRun cli(const QStringList &args, const QByteArray &in = {}) const { return runCli(args, m_env, in, m_work); }
    QString sandboxNangoKey() const { return SandboxCredentials::nangoSecretKey(); }

    QTemporaryDir m_root;
    QString m_work; // the project folder holding the .env
    QString m_envFile;
    QProcessEnvironment m_env;
    Sandbox m_sandbox;
    QString m_profile;
    QString m_whatsappToken;
};

void TestKeychainWorkflow::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
        "needs the Secret Service of scripts/test (dbus-run-session + gnome-keyring)");
    QVERIFY(m_root.isValid());
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
    m_env = scrubbedEnvironment(m_root.path(), true);
    for (const QString &k : m_env.keys())
        QVERIFY2(!k.startsWith(QLatin1String("NANGO_")) && !k.startsWith(QLatin1String("PANORA_")), qPrintable(k));
    m_work = QDir(m_root.path()).filePath(QStringLiteral("home/project"));
    QVERIFY(QDir().mkpath(m_work));
    m_profile = QStringLiteral("wf%1").arg(QRandomGenerator::global()->bounded(100000, 999999));
    // Meta's tokens look like EAA… letters and digits (the sandbox's Nango tests the token like the real one).
    m_whatsappToken = QStringLiteral("EAAGwf") + QString::number(QRandomGenerator::global()->generate64(), 36)
        + QStringLiteral("ZZkeychain");
    m_whatsappToken.remove(u'-');
}

void TestKeychainWorkflow::init()
{
    m_sandbox.clearRequests();
}

void TestKeychainWorkflow::cleanupTestCase()
{
    cli({ QStringLiteral("--yes"), QStringLiteral("profile"), QStringLiteral("remove"), m_profile });
}

void TestKeychainWorkflow::importTheEnvFile()
{
    m_envFile = QDir(m_work).filePath(QStringLiteral(".env"));
    QFile f(m_envFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // The original backend's variables, exactly as its README lists them, plus one that is not ours.
    f.write(QStringLiteral("# backend .env\nNANGO_ENV=%1\nNANGO_API_BASE=%2\nNANGO_SECRET_KEY=%3\nPANORA_API_URL=%4\n"
                           "PANORA_API_KEY=%5\nPANORA_CONNECTION_TOKEN=%6\nSESSION_SECRET=unrelated\n")
                .arg(m_profile, m_sandbox.nangoBaseUrl().toString(), sandboxNangoKey(),
                    m_sandbox.panoraBaseUrl().toString(), SandboxCredentials::panoraApiKey(),
                    SandboxCredentials::panoraConnectionToken())
                .toUtf8());
    f.close();

    const CliRun r = cli({ QStringLiteral("env"), QStringLiteral("import"), QStringLiteral("--file=") + m_envFile });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    const QString k = QStringLiteral("keychain %1/").arg(m_profile);
    auto line = [](const char *var, const QString &rest) {
        return QStringLiteral("  %1 -> %2").arg(QString::fromLatin1(var).leftJustified(24), rest);
    };
    using crossline::ConfigResolver;
    QCOMPARE(r.outLines(),
        (QStringList {
            QStringLiteral("Imported %1:").arg(m_envFile),
            QStringLiteral("Profile %1 (created):").arg(m_profile),
            line("NANGO_API_BASE", QStringLiteral("Nango base URL = ") + m_sandbox.nangoBaseUrl().toString()),
            line(
                "NANGO_SECRET_KEY", k + QStringLiteral("nango-key = ") + ConfigResolver::maskSecret(sandboxNangoKey())),
            line("PANORA_API_URL", QStringLiteral("Panora URL = ") + m_sandbox.panoraBaseUrl().toString()),
            line("PANORA_API_KEY",
                k + QStringLiteral("panora-key = ") + ConfigResolver::maskSecret(SandboxCredentials::panoraApiKey())),
            line("PANORA_CONNECTION_TOKEN",
                k + QStringLiteral("panora-connection-token = ")
                    + ConfigResolver::maskSecret(SandboxCredentials::panoraConnectionToken())),
            QStringLiteral("Ignored:"),
            QStringLiteral("  SESSION_SECRET (line 8: not a Crossline variable)"),
            QStringLiteral("Active profile: %1.").arg(m_profile),
            QStringLiteral("Secrets are in the keychain only; you can delete %1 now.").arg(m_envFile),
        }));
    for (const QString &secret :
        { sandboxNangoKey(), SandboxCredentials::panoraApiKey(), SandboxCredentials::panoraConnectionToken() })
        QVERIFY2(!r.out.contains(secret.toUtf8()) && !r.err.contains(secret.toUtf8()), qPrintable(secret));

    const CliRun use = cli({ QStringLiteral("profile"), QStringLiteral("use"), m_profile });
    QCOMPARE(use.exitCode, 0);
    QCOMPARE(use.outLines(), QStringList { QStringLiteral("Active profile: %1.").arg(m_profile) });
    // The .env is gone: from now on the keychain is the only place the secrets are.
    QVERIFY(QFile::remove(m_envFile));
}

void TestKeychainWorkflow::nangoConnectionsFromTheKeychain()
{
    const CliRun r = cli({ QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("connections") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY(r.out.contains("conn_abc123"));
    QVERIFY2(r.err.contains(QStringLiteral("config: Nango secret key: keychain %1/nango-key = %2")
                                .arg(m_profile, crossline::ConfigResolver::maskSecret(sandboxNangoKey()))
                                .toUtf8()),
        r.err.constData());
    QVERIFY(r.err.contains(QStringLiteral("config: Nango base URL: profile %1 = ").arg(m_profile).toUtf8()));
    QVERIFY(!r.err.contains(sandboxNangoKey().toUtf8()));
    const auto requests = m_sandbox.requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().header("Authorization"), "Bearer " + sandboxNangoKey().toUtf8());
}

void TestKeychainWorkflow::nangoImportFromStdin()
{
    const CliRun r = cli(
        { QStringLiteral("nango"), QStringLiteral("import"), QStringLiteral("--providerConfigKey=whatsapp-business"),
            QStringLiteral("--connectionId=keychain-workflow"), QStringLiteral("--apiKey=-") },
        m_whatsappToken.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains("Imported connection keychain-workflow"), qPrintable(r.all()));
    QVERIFY(!r.out.contains(m_whatsappToken.toUtf8()) && !r.err.contains(m_whatsappToken.toUtf8()));
    const auto post = m_sandbox.requests(QStringLiteral("nango")).last();
    QCOMPARE(post.method, QByteArray("POST"));
    QCOMPARE(post.header("Authorization"), "Bearer " + sandboxNangoKey().toUtf8());
    QCOMPARE(QJsonDocument::fromJson(post.body)[QLatin1String("credentials")][QLatin1String("apiKey")].toString(),
        m_whatsappToken);
}

void TestKeychainWorkflow::whatsappTest()
{
    const CliRun r = cli(
        { QStringLiteral("whatsapp"), QStringLiteral("test"), QStringLiteral("--providerConfigKey=whatsapp-business"),
            QStringLiteral("--connectionId=conn_abc123"), QStringLiteral("--phoneNumberId=123456789012345"),
            QStringLiteral("--to=+15551234567"), QStringLiteral("--body=From the keychain") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY(r.out.startsWith("Message id: wamid."));
    const auto upstream = m_sandbox.requests(QStringLiteral("whatsapp"));
    QCOMPARE(upstream.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(upstream.first().body)[QLatin1String("text")][QLatin1String("body")].toString(),
        QStringLiteral("From the keychain"));
}

void TestKeychainWorkflow::twilioTest()
{
    const CliRun r
        = cli({ QStringLiteral("twilio"), QStringLiteral("test"), QStringLiteral("--providerConfigKey=twilio"),
            QStringLiteral("--connectionId=conn_twilio_1"), QStringLiteral("--to=+15551234567"),
            QStringLiteral("--from=+15005550006"), QStringLiteral("--body=SMS via keychain") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY(r.out.startsWith("Message SID: SM"));
    const auto upstream = m_sandbox.requests(QStringLiteral("twilio"));
    QVERIFY(!upstream.isEmpty());
    QVERIFY(upstream.last().body.contains("Body=SMS%20via%20keychain")
        || upstream.last().body.contains("Body=SMS+via+keychain"));
}

void TestKeychainWorkflow::contactsListFromTheKeychain()
{
    const CliRun r = cli({ QStringLiteral("--verbose"), QStringLiteral("contacts"), QStringLiteral("list"),
        QStringLiteral("--limit=3"), QStringLiteral("--format=json") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 3);
    QVERIFY(r.err.contains(QStringLiteral("config: Panora API key: keychain %1/panora-key").arg(m_profile).toUtf8()));
    QVERIFY(r.err.contains(QStringLiteral("config: Panora connection token: keychain %1/panora-connection-token")
                               .arg(m_profile)
                               .toUtf8()));
    const auto requests = m_sandbox.requests(QStringLiteral("panora"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().header("x-api-key"), SandboxCredentials::panoraApiKey().toUtf8());
    QCOMPARE(requests.first().header("x-connection-token"), SandboxCredentials::panoraConnectionToken().toUtf8());
    QVERIFY(!r.err.contains(SandboxCredentials::panoraApiKey().toUtf8()));
}

void TestKeychainWorkflow::profileShowMasks()
{
    const CliRun r = cli({ QStringLiteral("profile"), QStringLiteral("show"), m_profile });
    QCOMPARE(r.exitCode, 0);
    using crossline::ConfigResolver;
    QVERIFY2(r.outLines().contains(QStringLiteral("Nango secret key: %1 (keychain %2/nango-key)")
                                       .arg(ConfigResolver::maskSecret(sandboxNangoKey()), m_profile)),
        qPrintable(r.all()));
    QVERIFY(r.outLines().contains(QStringLiteral("Panora API key: %1 (keychain %2/panora-key)")
                                      .arg(ConfigResolver::maskSecret(SandboxCredentials::panoraApiKey()), m_profile)));
    for (const QString &secret :
        { sandboxNangoKey(), SandboxCredentials::panoraApiKey(), SandboxCredentials::panoraConnectionToken() })
        QVERIFY(!r.out.contains(secret.toUtf8()));
}

void TestKeychainWorkflow::productionProfileNeedsYes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("whatsapp test") << QStringList { QStringLiteral("whatsapp"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
        QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567"),
        QStringLiteral("--body=prod") }
                                   << QByteArray();
    QTest::newRow("twilio test") << QStringList { QStringLiteral("twilio"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=conn_twilio_1"),
        QStringLiteral("--to=+15551234567"), QStringLiteral("--from=+15005550006"), QStringLiteral("--body=prod") }
                                 << QByteArray();
    QTest::newRow("nango import") << QStringList { QStringLiteral("nango"), QStringLiteral("import"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=prod-import"),
        QStringLiteral("--apiKey=-") }
                                  << QByteArray("EAAGprodToken0000000001\n");
    QTest::newRow("nango delete") << QStringList { QStringLiteral("nango"), QStringLiteral("delete"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123") }
                                  << QByteArray();
    QTest::newRow("unified create")
        << QStringList { QStringLiteral("unified"), QStringLiteral("-") }
        << QByteArray(
               R"({"provider":"panora","resource":"crm.contact","operation":"create","data":{"first_name":"Prod","last_name":"User"}})");
}

void TestKeychainWorkflow::productionProfileNeedsYes()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QCOMPARE(
        cli({ QStringLiteral("profile"), QStringLiteral("set"), m_profile, QStringLiteral("--production") }).exitCode,
        0);
    const CliRun refused = cli(args, input);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(
                 QStringLiteral("Profile %1 is a production profile: add --yes to").arg(m_profile).toUtf8()),
        refused.err.constData());
    QCOMPARE(m_sandbox.requests().size(), 0); // nothing was sent
    if (QByteArray(QTest::currentDataTag()) == "whatsapp test") {
        const CliRun sent = cli(QStringList { QStringLiteral("--yes") } + args, input);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.all()));
        QCOMPARE(m_sandbox.requests(QStringLiteral("whatsapp")).size(), 1);
    }
    QCOMPARE(cli({ QStringLiteral("profile"), QStringLiteral("set"), m_profile, QStringLiteral("--no-production") })
                 .exitCode,
        0);
}

void TestKeychainWorkflow::noFileHoldsASecret()
{
    QVERIFY(!QFileInfo::exists(m_envFile));
    const QStringList secrets { sandboxNangoKey(), SandboxCredentials::panoraApiKey(),
        SandboxCredentials::panoraConnectionToken(), m_whatsappToken };
    // HOME, XDG_CONFIG/DATA/CACHE/STATE_HOME and TMPDIR of every run are all under m_root.
    int scanned = 0;
    QStringList hits = filesContaining(m_root.path(), secrets, &scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    QVERIFY(QFileInfo::exists(QDir(m_root.path()).filePath(QStringLiteral("home/.config/Crossline/Crossline.conf"))));
    QVERIFY(scanned >= 1);
    // The keyring's own files (scripts/test's throwaway XDG_DATA_HOME) are encrypted: the secrets are not in clear.
    const QString keyrings = QDir(qEnvironmentVariable("XDG_DATA_HOME")).filePath(QStringLiteral("keyrings"));
    if (!qEnvironmentVariableIsEmpty("XDG_DATA_HOME") && QFileInfo::exists(keyrings)) {
        int keyringFiles = 0;
        hits = filesContaining(keyrings, secrets, &keyringFiles);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
        QVERIFY(keyringFiles >= 1);
    }
}

QTEST_GUILESS_MAIN(TestKeychainWorkflow)
#include "tst_keychainworkflow.moc"
