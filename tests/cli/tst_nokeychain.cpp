// No keychain backend at all (no D-Bus session, no $DISPLAY, a fresh HOME): every command that needs a secret says
// so clearly and exits 3, nothing falls back to a plaintext file, and the environment variables still work.
#include "clirunner.h"
#include "sandbox/sandbox.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace crossline::test;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

class TestNoKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void secretSetFailsWithTheKeychainProblem();
    void commandsNeedingASecretExit3();
    void envImportStoresNothing();
    void environmentVariablesStillWork();
    void profileRemovalWaitsForTheKeychain();
    void noFileHoldsTheSecrets();

private:
    QProcessEnvironment env() const { return scrubbedEnvironment(m_root.path(), false); }
    static void verifyKeychainError(const CliRun &r);

    QTemporaryDir m_root;
    Sandbox m_sandbox;
    // Known secrets that must appear in no file.
    const QString m_nangoKey = QStringLiteral("5f2c-nokeychain-nango-key-9d41c7-6666");
    const QString m_panoraKey = QStringLiteral("pk-nokeychain-panora-key-77a1e0");
    const QString m_token = QStringLiteral("ct-nokeychain-connection-token-4b2f");
};

void TestNoKeychain::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY(m_root.isValid());
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
    const QProcessEnvironment e = env();
    QVERIFY(!e.contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")));
    QVERIFY(!e.contains(QStringLiteral("DISPLAY")));
}

void TestNoKeychain::verifyKeychainError(const CliRun &r)
{
    QVERIFY2(r.exitCode == 3, qPrintable(r.all()));
    QVERIFY2(r.err.contains("No keychain is available: Cannot autolaunch D-Bus"), qPrintable(r.all()));
    QVERIFY2(r.err.contains("hint: Start a Secret Service"), qPrintable(r.all()));
    QVERIFY2(r.err.contains("Environment variables still work meanwhile: NANGO_SECRET_KEY"), qPrintable(r.all()));
}

void TestNoKeychain::secretSetFailsWithTheKeychainProblem()
{
    const CliRun r = runCli({ QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("nango-key") }, env(),
        m_nangoKey.toUtf8() + '\n');
    verifyKeychainError(r);
    QVERIFY(!r.out.contains(m_nangoKey.toUtf8()));
    QVERIFY(!r.err.contains(m_nangoKey.toUtf8()));
    // No profile was created for a secret that could not be stored.
    const CliRun list = runCli({ QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") }, env());
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.out.trimmed(), QByteArray("[\n]"));
}

void TestNoKeychain::commandsNeedingASecretExit3()
{
    m_sandbox.clearRequests();
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("NANGO_API_BASE"), m_sandbox.nangoBaseUrl().toString());
    e.insert(QStringLiteral("PANORA_API_URL"), m_sandbox.panoraBaseUrl().toString());
    const CliRun connections = runCli({ QStringLiteral("nango"), QStringLiteral("connections") }, e);
    verifyKeychainError(connections);
    QVERIFY2(connections.err.startsWith("error: No Nango secret key is set. The keychain could not be read: "),
        connections.err.constData());
    const CliRun contacts
        = runCli({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora") }, e);
    verifyKeychainError(contacts);
    QVERIFY(contacts.err.contains("No Panora API key is set."));
    // --verbose says the keychain could not be asked, and the JSON error names the kind.
    const CliRun verbose = runCli({ QStringLiteral("--verbose"), QStringLiteral("--json"), QStringLiteral("nango"),
                                      QStringLiteral("connections") },
        e);
    QCOMPARE(verbose.exitCode, 3);
    QVERIFY2(verbose.err.contains("warning: keychain: No keychain is available"), verbose.err.constData());
    QVERIFY(verbose.out.contains("\"kind\": \"keychain\""));
    QVERIFY(verbose.out.contains("\"code\": \"no_backend\""));
    QCOMPARE(m_sandbox.requests().size(), 0); // nothing was sent
}

void TestNoKeychain::envImportStoresNothing()
{
    const QString envFile = QDir(m_root.path()).filePath(QStringLiteral("tmp/project.env"));
    {
        QFile f(envFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("NANGO_API_BASE=" + m_sandbox.nangoBaseUrl().toString().toUtf8() + "\nNANGO_SECRET_KEY="
            + m_nangoKey.toUtf8() + "\nPANORA_API_URL=" + m_sandbox.panoraBaseUrl().toString().toUtf8()
            + "\nPANORA_API_KEY=" + m_panoraKey.toUtf8() + "\nPANORA_CONNECTION_TOKEN=" + m_token.toUtf8() + "\n");
    }
    const CliRun r
        = runCli({ QStringLiteral("env"), QStringLiteral("import"), QStringLiteral("--file=") + envFile }, env());
    verifyKeychainError(r);
    QVERIFY2(r.err.contains("Could not store NANGO_SECRET_KEY in the keychain"), r.err.constData());
    QVERIFY(r.err.contains("The profile settings were not changed."));
    QVERIFY(!r.out.contains(m_nangoKey.toUtf8()) && !r.err.contains(m_nangoKey.toUtf8()));
    const CliRun list = runCli({ QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") }, env());
    QCOMPARE(list.out.trimmed(), QByteArray("[\n]"));
    QVERIFY(QFile::remove(envFile));
}

void TestNoKeychain::environmentVariablesStillWork()
{
    m_sandbox.clearRequests();
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("NANGO_API_BASE"), m_sandbox.nangoBaseUrl().toString());
    e.insert(QStringLiteral("NANGO_SECRET_KEY"), SandboxCredentials::nangoSecretKey());
    const CliRun r = runCli({ QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("connections") }, e);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY(r.out.contains("conn_abc123"));
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).size(), 1);
}

void TestNoKeychain::profileRemovalWaitsForTheKeychain()
{
    // Settings alone need no keychain…
    const CliRun set = runCli({ QStringLiteral("profile"), QStringLiteral("set"), QStringLiteral("offline"),
                                  QStringLiteral("--nango-base=https://nango.offline.example") },
        env());
    QVERIFY2(set.exitCode == 0, qPrintable(set.all()));
    const CliRun list = runCli({ QStringLiteral("profile"), QStringLiteral("list") }, env());
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.outLines().value(1).endsWith(u'?'), qPrintable(list.all())); // unknown which secrets are stored
    QVERIFY(list.err.contains("warning: cannot tell which secrets are stored: No keychain is available"));
    // …but removing (or renaming) a profile must take its secrets along, so it waits for a keychain.
    const CliRun remove = runCli(
        { QStringLiteral("--yes"), QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("offline") },
        env());
    verifyKeychainError(remove);
    QVERIFY(remove.err.contains("Profile offline was not removed"));
    const CliRun rename = runCli(
        { QStringLiteral("profile"), QStringLiteral("rename"), QStringLiteral("offline"), QStringLiteral("other") },
        env());
    verifyKeychainError(rename);
    const CliRun show = runCli({ QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("offline") }, env());
    QCOMPARE(show.exitCode, 0);
    QVERIFY(show.outLines().contains(QStringLiteral("Nango secret key: unknown (keychain unavailable)")));
}

void TestNoKeychain::noFileHoldsTheSecrets()
{
    int scanned = 0;
    const QStringList hits = filesContaining(m_root.path(), { m_nangoKey, m_panoraKey, m_token }, &scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    // The scan did look at something: the settings file the profile commands wrote.
    QVERIFY2(scanned >= 1, "no file was scanned");
    QVERIFY(QFileInfo::exists(QDir(m_root.path()).filePath(QStringLiteral("home/.config/Crossline/Crossline.conf"))));
}

QTEST_GUILESS_MAIN(TestNoKeychain)
#include "tst_nokeychain.moc"
