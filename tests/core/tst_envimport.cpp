// EnvImport: the planning shared by `crossline-cli env import` and the app's import dialog — which variable goes to
// which profile or keychain entry, which are ignored and why, and that nothing is planned when something is wrong.
#include "config/envimport.h"
#include "config/profilestore.h"
#include "job.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crossline;

namespace {

// "profile|variable|line|target|shown value" — what a person reads in the plan.
QStringList rows(const EnvImportPlan &plan)
{
    QStringList out;
    for (const EnvImportItem &item : plan.items()) {
        out << QStringLiteral("%1|%2|%3|%4|%5")
                   .arg(item.profile, item.variable)
                   .arg(item.line)
                   .arg(item.targetText(), item.shownValue());
    }
    return out;
}

} // namespace

class TestEnvImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void plan_data();
    void plan();
    void errorsPlanNothing_data();
    void errorsPlanNothing();
    void profilesGetTheirUrls();
    void warningsAreKept();
    void clearSecretValues();
    void applyWithoutSecrets();
    void applyRefusesAFailedPlan();

private:
    ProfileStore &store() { return *m_store; }
    void addProfiles(const QStringList &names);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
};

void TestEnvImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("crossline.ini")), QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(m_settings.get());
}

void TestEnvImport::cleanup()
{
    m_store.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestEnvImport::addProfiles(const QStringList &names)
{
    for (const QString &name : names) {
        Profile p;
        p.name = name;
        QVERIFY(!store().save(p));
    }
}

void TestEnvImport::plan_data()
{
    QTest::addColumn<QByteArray>("env");
    QTest::addColumn<QStringList>("existing"); // saved profiles; "*name" = the active one
    QTest::addColumn<QString>("profileGiven");
    QTest::addColumn<QStringList>("expectedRows");
    QTest::addColumn<QStringList>("expectedIgnored");
    QTest::addColumn<QString>("expectedActivate");
    QTest::addColumn<QStringList>("expectedCreated");

    QTest::newRow("plain variables go to default")
        << QByteArray("NANGO_API_BASE=https://nango.example.com/\nNANGO_SECRET_KEY=5f2c-aaaa-bbbb-6666\n"
                      "PANORA_API_URL=https://panora.example.com\nPANORA_API_KEY='pk-1234-5678-9999'\n"
                      "PANORA_CONNECTION_TOKEN=ct-abcdefgh-0000\n")
        << QStringList() << QString()
        << QStringList { QStringLiteral("default|NANGO_API_BASE|1|Nango base URL|https://nango.example.com"),
               QStringLiteral("default|NANGO_SECRET_KEY|2|keychain default/nango-key|5f2c…6666"),
               QStringLiteral("default|PANORA_API_URL|3|Panora URL|https://panora.example.com"),
               QStringLiteral("default|PANORA_API_KEY|4|keychain default/panora-key|pk-1…9999"),
               QStringLiteral("default|PANORA_CONNECTION_TOKEN|5|keychain default/panora-connection-token|ct-a…0000") }
        << QStringList() << QStringLiteral("default") << QStringList { QStringLiteral("default") };

    QTest::newRow("suffixes route to their profiles")
        << QByteArray(
               "NANGO_ENV=dev\nNANGO_SECRET_KEY_DEV=5f2c-dev-secret-0001\nNANGO_SECRET_KEY_PROD=9a9a-prod-secret-0002\n"
               "NANGO_API_BASE_PROD=https://prod.nango.example.com\n")
        << QStringList() << QString()
        << QStringList { QStringLiteral("dev|NANGO_SECRET_KEY_DEV|2|keychain dev/nango-key|5f2c…0001"),
               QStringLiteral("prod|NANGO_SECRET_KEY_PROD|3|keychain prod/nango-key|9a9a…0002"),
               QStringLiteral("prod|NANGO_API_BASE_PROD|4|Nango base URL|https://prod.nango.example.com") }
        << QStringList() << QStringLiteral("dev") << QStringList { QStringLiteral("dev"), QStringLiteral("prod") };

    QTest::newRow("a suffix finds the saved profile it belongs to")
        << QByteArray("NANGO_SECRET_KEY_MY_ENV=5f2c-my-env-secret-0003\n") << QStringList { QStringLiteral("*my-env") }
        << QString()
        << QStringList { QStringLiteral("my-env|NANGO_SECRET_KEY_MY_ENV|1|keychain my-env/nango-key|5f2c…0003") }
        << QStringList() << QString() << QStringList();

    QTest::newRow("NANGO_ENV matches a saved profile case-insensitively")
        << QByteArray("NANGO_ENV=PROD\nNANGO_SECRET_KEY=5f2c-prod-secret-0004\n")
        << QStringList { QStringLiteral("Prod") } << QString()
        << QStringList { QStringLiteral("Prod|NANGO_SECRET_KEY|2|keychain Prod/nango-key|5f2c…0004") } << QStringList()
        << QStringLiteral("Prod") << QStringList();

    QTest::newRow("a given profile restricts the import")
        << QByteArray("NANGO_ENV=dev\nNANGO_SECRET_KEY_PROD=9a9a-prod-secret-0002\nNANGO_SECRET_KEY=5f2c-staging-0005\n"
                      "NANGO_SECRET_KEY_STAGING=5f2c-staging-suffixed-0006\n")
        << QStringList() << QStringLiteral("staging")
        << QStringList { QStringLiteral("staging|NANGO_SECRET_KEY_STAGING|4|keychain staging/nango-key|5f2c…0006") }
        << QStringList { QStringLiteral("NANGO_SECRET_KEY_PROD (line 2: for profile prod, not staging)"),
               QStringLiteral("NANGO_SECRET_KEY (line 3: NANGO_SECRET_KEY_STAGING wins)") }
        << QStringLiteral("staging") << QStringList { QStringLiteral("staging") };

    QTest::newRow("NANGO_API_BASE wins over NANGO_HOST, either order")
        << QByteArray("NANGO_HOST=https://host.example.com\nNANGO_API_BASE=https://base.example.com\n") << QStringList()
        << QString()
        << QStringList { QStringLiteral("default|NANGO_API_BASE|2|Nango base URL|https://base.example.com") }
        << QStringList { QStringLiteral("NANGO_HOST (line 1: NANGO_API_BASE wins)") } << QStringLiteral("default")
        << QStringList { QStringLiteral("default") };
    QTest::newRow("NANGO_HOST after NANGO_API_BASE")
        << QByteArray("NANGO_API_BASE=https://base.example.com\nNANGO_HOST=https://host.example.com\n") << QStringList()
        << QString()
        << QStringList { QStringLiteral("default|NANGO_API_BASE|1|Nango base URL|https://base.example.com") }
        << QStringList { QStringLiteral("NANGO_HOST (line 2: NANGO_API_BASE wins)") } << QStringLiteral("default")
        << QStringList { QStringLiteral("default") };
    QTest::newRow("the _<ENV> form wins over the plain one")
        << QByteArray("NANGO_ENV=prod\nNANGO_API_BASE_PROD=https://prod.example.com\nNANGO_API_BASE=https://"
                      "plain.example.com\n")
        << QStringList() << QString()
        << QStringList { QStringLiteral("prod|NANGO_API_BASE_PROD|2|Nango base URL|https://prod.example.com") }
        << QStringList { QStringLiteral("NANGO_API_BASE (line 3: NANGO_API_BASE_PROD wins)") } << QStringLiteral("prod")
        << QStringList { QStringLiteral("prod") };

    QTest::newRow("ignored with reasons")
        << QByteArray("# comment\nPORT=3000\nPANORA_API_KEY=\nNANGO_SECRET_KEY=short\nDATABASE_URL=postgres://x\n")
        << QStringList { QStringLiteral("*dev") } << QString()
        << QStringList { QStringLiteral("default|NANGO_SECRET_KEY|4|keychain default/nango-key|…") }
        << QStringList { QStringLiteral("PORT (line 2: not a Crossline variable)"),
               QStringLiteral("PANORA_API_KEY (line 3: empty)"),
               QStringLiteral("DATABASE_URL (line 5: not a Crossline variable)") }
        << QString() // dev stays active
        << QStringList { QStringLiteral("default") };
}

void TestEnvImport::plan()
{
    QFETCH(QByteArray, env);
    QFETCH(QStringList, existing);
    QFETCH(QString, profileGiven);
    QFETCH(QStringList, expectedRows);
    QFETCH(QStringList, expectedIgnored);
    QFETCH(QString, expectedActivate);
    QFETCH(QStringList, expectedCreated);

    for (const QString &e : existing) {
        const QString name = e.startsWith(u'*') ? e.mid(1) : e;
        addProfiles({ name });
        if (e.startsWith(u'*'))
            QVERIFY(!store().setActive(name));
    }
    const DotEnvFile file = DotEnv::parse(env);
    QVERIFY(file.ok());
    const EnvImportPlan plan = EnvImport::plan(file, store(), profileGiven, QStringLiteral("seed.env"));
    QVERIFY2(plan.ok(), qPrintable(plan.error.message));
    QCOMPARE(rows(plan), expectedRows);
    QCOMPARE(plan.ignored, expectedIgnored);
    QCOMPARE(plan.activate, expectedActivate);
    QStringList created;
    for (const EnvImportProfile &p : plan.profiles) {
        if (p.created)
            created << p.profile.name;
    }
    QCOMPARE(created, expectedCreated);
    // Planning writes nothing.
    QCOMPARE(store().names().size(), existing.size());
    // The masked JSON (for --json) never holds a secret value.
    const QByteArray json = QJsonDocument(plan.toJson()).toJson();
    for (const EnvImportItem &item : plan.secrets())
        QVERIFY(item.value.size() < 12 || !json.contains(item.value.toUtf8()));
}

void TestEnvImport::errorsPlanNothing_data()
{
    QTest::addColumn<QByteArray>("env");
    QTest::addColumn<QString>("profileGiven");
    QTest::addColumn<QString>("expectedMessage");
    QTest::addColumn<int>("expectedKind");

    QTest::newRow("bad line") << QByteArray(
        "NANGO_SECRET_KEY=5f2c-badline-secret-6666\nPANORA_API_KEY=pk-badline\n\n# c\n\n\nthis line is wrong\n")
                              << QString() << QStringLiteral("line 7: no '=' sign Nothing was imported.")
                              << int(Error::Kind::Validation);
    QTest::newRow("bad Nango URL names its variable and line")
        << QByteArray("NANGO_SECRET_KEY=5f2c-badurl-secret-6666\n\nNANGO_API_BASE=nango.example.com\n") << QString()
        << QStringLiteral("NANGO_API_BASE (line 3): 'nango.example.com' is not an http(s) URL. Nothing was imported.")
        << int(Error::Kind::Validation);
    QTest::newRow("bad Panora URL with user info")
        << QByteArray("PANORA_API_URL=https://user:pw@panora.example.com\n") << QString()
        << QStringLiteral("PANORA_API_URL (line 1): The URL https://panora.example.com contains a user name or "
                          "password. Nothing was imported.")
        << int(Error::Kind::Validation);
    QTest::newRow("bad URL of another profile")
        << QByteArray("NANGO_SECRET_KEY=5f2c-fine-secret-6666\nNANGO_API_BASE_PROD=ftp://prod.example.com\n")
        << QString()
        << QStringLiteral("NANGO_API_BASE_PROD (line 2): 'ftp://prod.example.com' is not an http(s) URL. Nothing was "
                          "imported.")
        << int(Error::Kind::Validation);
    QTest::newRow("no Crossline variables")
        << QByteArray("PORT=3000\nDEBUG=1\n") << QString()
        << QStringLiteral("seed.env holds no Crossline variables: nothing was imported.")
        << int(Error::Kind::Validation);
    QTest::newRow("unusable NANGO_ENV") << QByteArray("NANGO_ENV=my env\nNANGO_SECRET_KEY=5f2c-x-secret-6666\n")
                                        << QString()
                                        << QStringLiteral("Invalid profile name 'my env'. Nothing was imported.")
                                        << int(Error::Kind::Validation);
    QTest::newRow("unusable given profile")
        << QByteArray("NANGO_SECRET_KEY=5f2c-x-secret-6666\n") << QStringLiteral("a/b")
        << QStringLiteral("Invalid profile name 'a/b'. Nothing was imported.") << int(Error::Kind::Validation);
}

void TestEnvImport::errorsPlanNothing()
{
    QFETCH(QByteArray, env);
    QFETCH(QString, profileGiven);
    QFETCH(QString, expectedMessage);
    QFETCH(int, expectedKind);

    const EnvImportPlan plan = EnvImport::plan(DotEnv::parse(env), store(), profileGiven, QStringLiteral("seed.env"));
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error.message, expectedMessage);
    QCOMPARE(int(plan.error.kind), expectedKind);
    QVERIFY(plan.profiles.isEmpty());
    QVERIFY(plan.items().isEmpty());
    QVERIFY(plan.ignored.isEmpty());
    QVERIFY(plan.activate.isEmpty());
}

void TestEnvImport::profilesGetTheirUrls()
{
    // An existing profile keeps what the file does not set (production flag, mapping, the other URL).
    Profile prod;
    prod.name = QStringLiteral("prod");
    prod.production = true;
    prod.panoraUrl = QUrl(QStringLiteral("https://panora.prod.example.com"));
    QVERIFY(!store().save(prod));
    const EnvImportPlan plan = EnvImport::plan(
        DotEnv::parse("NANGO_ENV=prod\nNANGO_HOST=https://nango.prod.example.com//\n"), store(), QString());
    QVERIFY(plan.ok());
    QCOMPARE(plan.profiles.size(), 1);
    const EnvImportProfile &p = plan.profiles.first();
    QVERIFY(!p.created);
    QCOMPARE(p.profile.name, QStringLiteral("prod"));
    QVERIFY(p.profile.production);
    QCOMPARE(p.profile.nangoBase, QUrl(QStringLiteral("https://nango.prod.example.com")));
    QCOMPARE(p.profile.panoraUrl, prod.panoraUrl);
    QCOMPARE(plan.mainProfile, QStringLiteral("prod"));
}

void TestEnvImport::warningsAreKept()
{
    const EnvImportPlan plan = EnvImport::plan(
        DotEnv::parse("NANGO_SECRET_KEY=5f2c-first-value-0001\nNANGO_SECRET_KEY=5f2c-later-value-0002\n"), store(), {});
    QVERIFY(plan.ok());
    QCOMPARE(plan.warnings,
        QStringList { QStringLiteral("line 2: NANGO_SECRET_KEY was already set on line 1; the later value wins") });
    QCOMPARE(
        rows(plan), QStringList { QStringLiteral("default|NANGO_SECRET_KEY|2|keychain default/nango-key|5f2c…0002") });
}

void TestEnvImport::clearSecretValues()
{
    EnvImportPlan plan = EnvImport::plan(
        DotEnv::parse("NANGO_API_BASE=https://n.example.com\nNANGO_SECRET_KEY=5f2c-clear-me-0001\n"), store(), {});
    QVERIFY(plan.ok());
    plan.clearSecretValues();
    QCOMPARE(plan.secrets().size(), 1);
    QVERIFY(plan.secrets().first().value.isEmpty());
    QCOMPARE(plan.items().first().value, QStringLiteral("https://n.example.com")); // URLs are not secrets
}

void TestEnvImport::applyWithoutSecrets()
{
    // Only URLs: no keychain is involved, the profiles are saved and the main one becomes active.
    const EnvImportPlan plan = EnvImport::plan(DotEnv::parse("NANGO_ENV=dev\nNANGO_API_BASE=https://dev.example.com\n"
                                                             "NANGO_API_BASE_PROD=https://prod.example.com\n"),
        store(), {});
    QVERIFY(plan.ok());
    QVERIFY(plan.secrets().isEmpty());
    Job *job = EnvImport::apply(plan, &store(), nullptr);
    QSignalSpy spy(job, &Job::finished);
    QVERIFY(store().names().isEmpty()); // asynchronous: nothing before the event loop runs
    QVERIFY(spy.wait(5000));
    const Result r = spy.first().first().value<Result>();
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const EnvImportApplied applied = EnvImportApplied::fromData(r.data);
    QCOMPARE(applied.activated, QStringLiteral("dev"));
    QCOMPARE(applied.created, (QStringList { QStringLiteral("dev"), QStringLiteral("prod") }));
    QCOMPARE(store().names(), (QStringList { QStringLiteral("dev"), QStringLiteral("prod") }));
    QCOMPARE(store().activeName(), QStringLiteral("dev"));
    QCOMPARE(store().profile(QStringLiteral("prod"))->nangoBase, QUrl(QStringLiteral("https://prod.example.com")));
}

void TestEnvImport::applyRefusesAFailedPlan()
{
    const EnvImportPlan plan = EnvImport::plan(DotEnv::parse("NANGO_API_BASE=nope\n"), store(), {});
    QVERIFY(!plan.ok());
    Job *job = EnvImport::apply(plan, &store(), nullptr);
    QSignalSpy spy(job, &Job::finished);
    QVERIFY(spy.wait(5000));
    const Result r = spy.first().first().value<Result>();
    QCOMPARE(r.error.message, plan.error.message);
    QVERIFY(store().names().isEmpty());
}

QTEST_GUILESS_MAIN(TestEnvImport)
#include "tst_envimport.moc"
