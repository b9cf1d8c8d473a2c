// crossline-cli profile / secret / env commands as a user runs them: each test starts from a fresh HOME, with the
// throwaway Secret Service of scripts/test. Profile names carry a per-run prefix so parallel tests never share
// keychain entries.
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace crossline::test;

class TestProfiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void profileRoundTrip();
    void profileSetValidation_data();
    void profileSetValidation();
    void secretSetRefusesEmptyInput_data();
    void secretSetRefusesEmptyInput();
    void secretSetRefusesAValueOnTheCommandLine();
    void secretSetWithoutProfileUsesDefault();
    void envImportBadLineImportsNothing();
    void envImportNamedEnvironments();

private:
    CliRun cli(const QStringList &args, const QByteArray &in = {}) const
    {
        return runCli(args, m_env, in, m_dir->path());
    }
    QString keychainValue(const QString &key) const;
    QString name(const QString &suffix) const { return m_prefix + suffix; }
    QString settingsText() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;
    QString m_prefix;
    QStringList m_usedProfiles;
};

void TestProfiles::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
        "needs the Secret Service of scripts/test (dbus-run-session + gnome-keyring)");
    m_prefix = QStringLiteral("t%1").arg(QRandomGenerator::global()->bounded(100000, 999999));
}

void TestProfiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_env = scrubbedEnvironment(m_dir->path(), true);
}

void TestProfiles::cleanup()
{
    // Leave no entries behind in the shared test keyring.
    const CliRun list = cli({ QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") });
    for (const QJsonValue &v : QJsonDocument::fromJson(list.out).array())
        cli({ QStringLiteral("--yes"), QStringLiteral("profile"), QStringLiteral("remove"),
            v[QLatin1String("name")].toString() });
}

QString TestProfiles::keychainValue(const QString &key) const
{
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
        { QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("Crossline"), QStringLiteral("user"),
            key });
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString TestProfiles::settingsText() const
{
    QFile f(QDir(m_dir->path()).filePath(QStringLiteral("home/.config/Crossline/Crossline.conf")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

void TestProfiles::helpForEveryCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("overview") << QStringList { QStringLiteral("--help") } << "env import [--file=.env] [--profile=P]";
    QTest::newRow("profile set") << QStringList { QStringLiteral("profile"), QStringLiteral("set"),
        QStringLiteral("--help") }
                                 << "--no-production";
    QTest::newRow("secret set") << QStringList { QStringLiteral("secret"), QStringLiteral("set"),
        QStringLiteral("--help") }
                                << "standard input only";
    QTest::newRow("env import") << QStringList { QStringLiteral("env"), QStringLiteral("import"),
        QStringLiteral("--help") }
                                << "--file=PATH";
}

void TestProfiles::helpForEveryCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const CliRun r = cli(args);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(mentions.toUtf8()), r.out.constData());
}

void TestProfiles::profileRoundTrip()
{
    const QString dev = name(QStringLiteral("-dev"));
    const QString prod = name(QStringLiteral("-prod"));
    const QString staging = name(QStringLiteral("-staging"));

    CliRun r = cli({ QStringLiteral("profile"), QStringLiteral("list") });
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray());
    QVERIFY(r.err.startsWith("No profiles yet."));

    // set: create (the first one becomes active), URLs normalised.
    r = cli({ QStringLiteral("profile"), QStringLiteral("set"), dev,
        QStringLiteral("--nango-base=https://nango.dev.example.com/"), QStringLiteral("--panora-url"),
        QStringLiteral("https://panora.dev.example.com") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(r.outLines(),
        QStringList { QStringLiteral("Created profile %1 (now the active profile): Nango base "
                                     "https://nango.dev.example.com, Panora URL "
                                     "https://panora.dev.example.com, production no.")
                          .arg(dev) });
    r = cli({ QStringLiteral("profile"), QStringLiteral("set"), prod, QStringLiteral("--production"),
        QStringLiteral("--mapping=records-and-actions") });
    QCOMPARE(r.outLines(),
        QStringList { QStringLiteral("Created profile %1: Nango base —, Panora URL —, production yes.").arg(prod) });
    r = cli({ QStringLiteral("profile"), QStringLiteral("set"), prod, QStringLiteral("--production") });
    QCOMPARE(r.outLines(), QStringList { QStringLiteral("Profile %1 is unchanged.").arg(prod) });
    // An empty value unsets a setting (as --help says), although other commands refuse empty flags.
    r = cli({ QStringLiteral("profile"), QStringLiteral("set"), prod,
        QStringLiteral("--nango-base=https://n.example.com") });
    QCOMPARE(r.exitCode, 0);
    r = cli({ QStringLiteral("profile"), QStringLiteral("set"), prod, QStringLiteral("--nango-base=") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(r.outLines(),
        QStringList { QStringLiteral("Updated profile %1: Nango base —, Panora URL —, production yes.").arg(prod) });

    // secret set: from stdin, stored in the keychain under <profile>/<name>, never echoed in full.
    const QString key = QStringLiteral("5f2c9a1e-roundtrip-secret-6666");
    r = cli({ QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("nango-key"),
                QStringLiteral("--profile=") + dev },
        key.toUtf8() + "\n");
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(r.outLines(),
        QStringList {
            QStringLiteral("Stored the Nango secret key (5f2c…6666) in the keychain as %1/nango-key.").arg(dev) });
    QVERIFY(!r.out.contains(key.toUtf8()) && !r.err.contains(key.toUtf8()));
    QCOMPARE(keychainValue(dev + QStringLiteral("/nango-key")), key);

    // list: a table with the active marker, production and which secrets are stored.
    r = cli({ QStringLiteral("profile"), QStringLiteral("list") });
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.outLines();
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QStringLiteral("NAME")));
    QVERIFY(lines.at(0).endsWith(QStringLiteral("SECRETS IN KEYCHAIN")));
    const QStringList devCells = lines.at(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QCOMPARE(devCells,
        (QStringList { dev, QStringLiteral("*"), QStringLiteral("no"), QStringLiteral("https://nango.dev.example.com"),
            QStringLiteral("https://panora.dev.example.com"), QStringLiteral("nango-key") }));
    const QStringList prodCells = lines.at(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QCOMPARE(prodCells,
        (QStringList { prod, QStringLiteral("yes"), QStringLiteral("—"), QStringLiteral("—"), QStringLiteral("—") }));
    QVERIFY(!r.out.contains(key.toUtf8()));

    // show masks.
    r = cli({ QStringLiteral("profile"), QStringLiteral("show"), dev });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.outLines().contains(QStringLiteral("Nango secret key: 5f2c…6666 (keychain %1/nango-key)").arg(dev)),
        qPrintable(r.all()));
    QVERIFY(r.outLines().contains(QStringLiteral("Panora API key: not stored")));
    QVERIFY(r.outLines().contains(QStringLiteral("Profile: %1 (active)").arg(dev)));
    QVERIFY(!r.out.contains(key.toUtf8()));
    r = cli({ QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("show"), prod });
    const QJsonObject shown = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(shown[QLatin1String("production")].toBool(), true);
    QCOMPARE(shown[QLatin1String("nangoMapping")].toString(), QStringLiteral("records-and-actions"));
    QVERIFY(shown[QLatin1String("secrets")][QLatin1String("nango-key")].isNull());

    // use.
    r = cli({ QStringLiteral("profile"), QStringLiteral("use"), prod });
    QCOMPARE(
        r.outLines(), QStringList { QStringLiteral("Active profile: %1 (production: sends need --yes).").arg(prod) });
    r = cli({ QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") });
    const QJsonArray listed = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0)[QLatin1String("active")].toBool(), false);
    QCOMPARE(listed.at(1)[QLatin1String("active")].toBool(), true);
    QCOMPARE(listed.at(0)[QLatin1String("secrets")].toArray(), QJsonArray { QStringLiteral("nango-key") });
    r = cli({ QStringLiteral("profile"), QStringLiteral("use"), name(QStringLiteral("-missing")) });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("There is no profile named"));

    // rename moves the keychain entries.
    r = cli({ QStringLiteral("profile"), QStringLiteral("rename"), dev, staging });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(r.outLines(),
        QStringList {
            QStringLiteral("Renamed profile %1 to %2; keychain entries moved: nango-key.").arg(dev, staging) });
    QCOMPARE(keychainValue(staging + QStringLiteral("/nango-key")), key);
    QCOMPARE(keychainValue(dev + QStringLiteral("/nango-key")), QString());
    QCOMPARE(cli({ QStringLiteral("profile"), QStringLiteral("show"), dev }).exitCode, 2);
    r = cli({ QStringLiteral("profile"), QStringLiteral("show"), staging });
    QVERIFY(r.outLines().contains(QStringLiteral("Nango secret key: 5f2c…6666 (keychain %1/nango-key)").arg(staging)));
    QVERIFY(r.outLines().contains(QStringLiteral("Nango base URL: https://nango.dev.example.com")));
    r = cli({ QStringLiteral("profile"), QStringLiteral("rename"), staging, prod });
    QCOMPARE(r.exitCode, 2); // taken

    // The settings file holds the profiles but never the secret.
    const QString settings = settingsText();
    QVERIFY2(settings.contains(staging) && settings.contains(QStringLiteral("https://nango.dev.example.com")),
        qPrintable(settings));
    QVERIFY(!settings.contains(key));

    // remove asks (no terminal: refused), then with --yes removes the profile and its keychain entries.
    r = cli({ QStringLiteral("profile"), QStringLiteral("remove"), staging });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("Not removed: confirm by typing the profile name, or pass --yes."));
    QCOMPARE(keychainValue(staging + QStringLiteral("/nango-key")), key);
    r = cli({ QStringLiteral("profile"), QStringLiteral("remove"), staging, QStringLiteral("--yes") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(r.outLines(), QStringList { QStringLiteral("Removed profile %1 and its keychain entries.").arg(staging) });
    QCOMPARE(keychainValue(staging + QStringLiteral("/nango-key")), QString());
    r = cli({ QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") });
    QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);

    // secret clear.
    QCOMPARE(
        cli({ QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("panora-key") }, "pk-clear-me-123456\n")
            .exitCode,
        0);
    QCOMPARE(keychainValue(prod + QStringLiteral("/panora-key")), QStringLiteral("pk-clear-me-123456"));
    r = cli({ QStringLiteral("secret"), QStringLiteral("clear"), QStringLiteral("panora-key") });
    QCOMPARE(r.outLines(),
        QStringList { QStringLiteral("Removed the Panora API key of profile %1 from the keychain.").arg(prod) });
    QCOMPARE(keychainValue(prod + QStringLiteral("/panora-key")), QString());
    r = cli({ QStringLiteral("secret"), QStringLiteral("clear"), QStringLiteral("panora-key") });
    QCOMPARE(r.outLines(), QStringList { QStringLiteral("No Panora API key was stored for profile %1.").arg(prod) });
}

void TestProfiles::profileSetValidation_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad name") << QStringList { QStringLiteral("bad name!") } << "Invalid profile name";
    QTest::newRow("not a url") << QStringList { QStringLiteral("x"), QStringLiteral("--nango-base=ftp://example.com") }
                               << "is not an http(s) URL";
    QTest::newRow("credentials in url") << QStringList { QStringLiteral("x"),
        QStringLiteral("--panora-url=https://u:p@panora.example.com") }
                                        << "contains a user name or password";
    QTest::newRow("bad mapping") << QStringList { QStringLiteral("x"), QStringLiteral("--mapping=graphql") }
                                 << "--mapping must be";
    QTest::newRow("both production flags") << QStringList { QStringLiteral("x"), QStringLiteral("--production"),
        QStringLiteral("--no-production") } << "not both";
    QTest::newRow("no name") << QStringList {} << "Give the NAME";
}

void TestProfiles::profileSetValidation()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliRun r = cli(QStringList { QStringLiteral("profile"), QStringLiteral("set") } + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY(!settingsText().contains(QStringLiteral("profiles")));
}

void TestProfiles::secretSetRefusesEmptyInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("a newline") << QByteArray("\n");
    QTest::newRow("blanks") << QByteArray("  \r\n");
}

void TestProfiles::secretSetRefusesEmptyInput()
{
    QFETCH(QByteArray, input);
    const CliRun r = cli({ QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("nango-key"),
                             QStringLiteral("--profile=") + name(QStringLiteral("-empty")) },
        input);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("error: No value on standard input: nothing was stored."), r.err.constData());
    QCOMPARE(keychainValue(name(QStringLiteral("-empty")) + QStringLiteral("/nango-key")), QString());
    QCOMPARE(cli({ QStringLiteral("profile"), QStringLiteral("list") }).out, QByteArray()); // no profile was created
}

void TestProfiles::secretSetRefusesAValueOnTheCommandLine()
{
    CliRun r = cli({ QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("nango-key"),
        QStringLiteral("5f2c-on-the-command-line") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("read from standard input only"));
    QVERIFY(!r.err.contains("5f2c-on-the-command-line"));
    r = cli({ QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("github-token") }, "x\n");
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("Unknown secret 'github-token'"));
}

void TestProfiles::secretSetWithoutProfileUsesDefault()
{
    // No profile at all: the secret goes to "default", which is created and made active.
    const QString token = QStringLiteral("ct-default-profile-token-0001");
    CliRun r = cli(
        { QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("panora-connection-token") }, token.toUtf8());
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(r.outLines(),
        QStringList { QStringLiteral("Stored the Panora connection token (ct-d…0001) in the keychain as "
                                     "default/panora-connection-token. Profile default (created, now the "
                                     "active profile).") });
    QCOMPARE(keychainValue(QStringLiteral("default/panora-connection-token")), token);
    r = cli({ QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") });
    const QJsonArray list = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0)[QLatin1String("name")].toString(), QStringLiteral("default"));
    QCOMPARE(list.at(0)[QLatin1String("active")].toBool(), true);
}

void TestProfiles::envImportBadLineImportsNothing()
{
    const QString file = QDir(m_dir->path()).filePath(QStringLiteral(".env"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# the original backend's .env\nNANGO_SECRET_KEY=5f2c-badline-secret-6666\nPANORA_API_KEY=pk-badline\n"
            "this line is wrong\nPANORA_API_URL=https://panora.example.com\n");
    f.close();
    // Default --file is .env in the current folder.
    const CliRun r = cli({ QStringLiteral("env"), QStringLiteral("import") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("error: line 4: no '=' sign Nothing was imported."), r.err.constData());
    QCOMPARE(keychainValue(QStringLiteral("default/nango-key")), QString());
    QCOMPARE(keychainValue(QStringLiteral("default/panora-key")), QString());
    QCOMPARE(cli({ QStringLiteral("profile"), QStringLiteral("list") }).out, QByteArray());
    // A missing file is a configuration problem (3).
    const CliRun missing = cli({ QStringLiteral("env"), QStringLiteral("import"), QStringLiteral("--file=nope.env") });
    QCOMPARE(missing.exitCode, 3);
    QVERIFY(missing.err.contains("does not exist"));
    // A file that is there but is no .env (a 1 MB line; a file over 1 MiB) is bad input (2), and nothing is stored.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("NANGO_SECRET_KEY=" + QByteArray(1000 * 1000, 'k') + '\n');
    f.close();
    const CliRun longLine = cli({ QStringLiteral("env"), QStringLiteral("import") });
    QCOMPARE(longLine.exitCode, 2);
    QVERIFY2(longLine.err.startsWith("error: line 1: is 976 KiB long;"), longLine.err.constData());
    QVERIFY(f.open(QIODevice::Append));
    f.write("A=" + QByteArray(100 * 1000, 'k') + '\n');
    f.close();
    const CliRun huge = cli({ QStringLiteral("env"), QStringLiteral("import") });
    QCOMPARE(huge.exitCode, 2);
    QVERIFY2(huge.err.contains("larger than 1 MiB"), huge.err.constData());
    QCOMPARE(keychainValue(QStringLiteral("default/nango-key")), QString());
    // A bad URL is refused before anything is stored.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("NANGO_SECRET_KEY=5f2c-badurl-secret-6666\nNANGO_API_BASE=nango.example.com\n");
    f.close();
    const CliRun badUrl = cli(
        { QStringLiteral("env"), QStringLiteral("import"), QStringLiteral("--profile=") + name(QStringLiteral("-u")) });
    QCOMPARE(badUrl.exitCode, 2);
    QVERIFY2(badUrl.err.contains("NANGO_API_BASE (line 2):"), badUrl.err.constData());
    QCOMPARE(keychainValue(name(QStringLiteral("-u")) + QStringLiteral("/nango-key")), QString());
}

void TestProfiles::envImportNamedEnvironments()
{
    // The seed's named environments: NANGO_ENV picks the profile; _DEV/_PROD forms go to the profiles of those names.
    const QString dev = name(QStringLiteral("dev"));
    const QString prod = name(QStringLiteral("prod"));
    const QString devSuffix = dev.toUpper();
    const QString prodSuffix = prod.toUpper();
    const QString file = QDir(m_dir->path()).filePath(QStringLiteral("seed.env"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("NANGO_ENV=%1\n"
                           "NANGO_HOST=https://nango-host.example.com\n"
                           "NANGO_API_BASE=https://api.nango.example.com\n"
                           "NANGO_SECRET_KEY_%2=5f2c-dev-secret-key-0001\n"
                           "NANGO_SECRET_KEY_%3=9a9a-prod-secret-key-0002\n"
                           "export PANORA_API_KEY=\"pk-seed-panora-key-0003\"\n"
                           "DATABASE_URL=postgres://x\n"
                           "PORT=3000\n")
                .arg(dev, devSuffix, prodSuffix)
                .toUtf8());
    f.close();
    const CliRun r = cli({ QStringLiteral("env"), QStringLiteral("import"), QStringLiteral("--file=seed.env") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(r.outLines(),
        (QStringList {
            QStringLiteral("Imported seed.env:"),
            QStringLiteral("Profile %1 (created):").arg(dev),
            QStringLiteral("  %1 -> Nango base URL = https://api.nango.example.com")
                .arg(QStringLiteral("NANGO_API_BASE").leftJustified(24)),
            QStringLiteral("  %1 -> keychain %2/nango-key = 5f2c…0001")
                .arg(QString(QStringLiteral("NANGO_SECRET_KEY_") + devSuffix).leftJustified(24), dev),
            QStringLiteral("  %1 -> keychain %2/panora-key = pk-s…0003")
                .arg(QStringLiteral("PANORA_API_KEY").leftJustified(24), dev),
            QStringLiteral("Profile %1 (created):").arg(prod),
            QStringLiteral("  %1 -> keychain %2/nango-key = 9a9a…0002")
                .arg(QString(QStringLiteral("NANGO_SECRET_KEY_") + prodSuffix).leftJustified(24), prod),
            QStringLiteral("Ignored:"),
            QStringLiteral("  NANGO_HOST (line 2: NANGO_API_BASE wins)"),
            QStringLiteral("  DATABASE_URL (line 7: not a Crossline variable)"),
            QStringLiteral("  PORT (line 8: not a Crossline variable)"),
            QStringLiteral("Active profile: %1.").arg(dev),
            QStringLiteral("Secrets are in the keychain only; you can delete seed.env now."),
        }));
    QCOMPARE(keychainValue(dev + QStringLiteral("/nango-key")), QStringLiteral("5f2c-dev-secret-key-0001"));
    QCOMPARE(keychainValue(prod + QStringLiteral("/nango-key")), QStringLiteral("9a9a-prod-secret-key-0002"));
    QCOMPARE(keychainValue(dev + QStringLiteral("/panora-key")), QStringLiteral("pk-seed-panora-key-0003"));
    QVERIFY(!settingsText().contains(QStringLiteral("secret-key")));
    QVERIFY(!settingsText().contains(QStringLiteral("pk-seed")));
}

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
