#include "config/profilestore.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crossline;

Q_DECLARE_METATYPE(crossline::Profile)

namespace {

Profile makeProfile(const QString &name, const QString &nangoBase = {}, const QString &panoraUrl = {})
{
    Profile p;
    p.name = name;
    p.nangoBase = QUrl(nangoBase);
    p.panoraUrl = QUrl(panoraUrl);
    return p;
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void roundTrip_data();
    void roundTrip();
    void names();
    void invalidNames_data();
    void invalidNames();
    void invalidUrls_data();
    void invalidUrls();
    void collidingNames_data();
    void collidingNames();
    void saveReplaces();
    void rename();
    void renameErrors_data();
    void renameErrors();
    void removeActive();
    void removeMissing();
    void active();
    void envSuffix_data();
    void envSuffix();
    void iniNeverHoldsSecrets();
    void unwritableSettings();

private:
    QString iniPath() const { return m_dir->filePath(QStringLiteral("crossline.ini")); }
    void reopen(); // a fresh QSettings on the same file: proves it was written, not just cached

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
};

void TestProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    reopen();
}

void TestProfileStore::cleanup()
{
    m_store.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestProfileStore::reopen()
{
    m_store.reset();
    m_settings = std::make_unique<QSettings>(iniPath(), QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(m_settings.get());
}

void TestProfileStore::roundTrip_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("nangoBase"); // as read back
    QTest::addColumn<QString>("panoraUrl");

    QTest::newRow("defaults only") << makeProfile(QStringLiteral("default")) << QString() << QString();

    Profile full = makeProfile(QStringLiteral("prod"), QStringLiteral("https://nango.example.com/"),
        QStringLiteral("https://panora.example.com:8443/api/"));
    full.production = true;
    full.allowInsecureHttp = true;
    full.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    full.panoraBearerAuth = true;
    full.crmRecords = { QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), QStringLiteral("HubspotContact"),
        QString() }; // no create action: an empty value that differs from the default survives
    full.hrRecords = { QStringLiteral("bamboohr-basic"), QStringLiteral("bamboo-1"), QStringLiteral("Employee"), {} };
    QTest::newRow("everything set, trailing slashes dropped")
        << full << QStringLiteral("https://nango.example.com") << QStringLiteral("https://panora.example.com:8443/api");

    QTest::newRow("loopback http and 40-char name")
        << makeProfile(QString(40, u'x'), QStringLiteral("http://127.0.0.1:3003"))
        << QStringLiteral("http://127.0.0.1:3003") << QString();
    QTest::newRow("dash and underscore") << makeProfile(
        QStringLiteral("eu-west_2"), {}, QStringLiteral("https://p.dev"))
                                         << QString() << QStringLiteral("https://p.dev");
}

void TestProfileStore::roundTrip()
{
    QFETCH(Profile, profile);
    QFETCH(QString, nangoBase);
    QFETCH(QString, panoraUrl);

    const Error e = m_store->save(profile);
    QVERIFY2(!e, qPrintable(e.message));
    reopen();

    QCOMPARE(m_store->names(), QStringList { profile.name });
    const std::optional<Profile> back = m_store->profile(profile.name);
    QVERIFY(back);
    QCOMPARE(back->name, profile.name);
    QCOMPARE(back->nangoBase.toString(), nangoBase);
    QCOMPARE(back->panoraUrl.toString(), panoraUrl);
    QCOMPARE(back->production, profile.production);
    QCOMPARE(back->allowInsecureHttp, profile.allowInsecureHttp);
    QCOMPARE(back->nangoMapping, profile.nangoMapping);
    QCOMPARE(back->panoraBearerAuth, profile.panoraBearerAuth);
    QCOMPARE(back->crmRecords, profile.crmRecords);
    QCOMPARE(back->hrRecords, profile.hrRecords);
    QVERIFY(!m_store->profile(profile.name + QStringLiteral("x")));
}

void TestProfileStore::names()
{
    for (const char *n : { "prod", "dev", "Alpha", "default" })
        QVERIFY(!m_store->save(makeProfile(QString::fromLatin1(n))));
    // A group written by hand (or an older version) with an unusable name is ignored.
    m_settings->setValue(QStringLiteral("profiles/bad name/nangoBase"), QStringLiteral("https://x.dev"));
    m_settings->setValue(QStringLiteral("unrelated/key"), 1);
    QCOMPARE(m_store->names(),
        (QStringList {
            QStringLiteral("Alpha"), QStringLiteral("default"), QStringLiteral("dev"), QStringLiteral("prod") }));
    QVERIFY(m_store->contains(QStringLiteral("dev")));
    QVERIFY(!m_store->contains(QStringLiteral("bad name")));
    QVERIFY(!m_store->profile(QStringLiteral("bad name")));
    QCOMPARE(m_store->findProfile(QStringLiteral("PROD"))->name, QStringLiteral("prod"));
    QCOMPARE(m_store->findProfile(QStringLiteral("alpha"))->name, QStringLiteral("Alpha"));
    QVERIFY(!m_store->findProfile(QStringLiteral("staging")));
}

void TestProfileStore::invalidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("space") << QStringLiteral("my prod");
    QTest::newRow("slash") << QStringLiteral("prod/eu");
    QTest::newRow("dot") << QStringLiteral("prod.eu");
    QTest::newRow("non-ASCII") << QString::fromUtf8("prödu");
    QTest::newRow("41 chars") << QString(41, u'a');
    QTest::newRow("backslash") << QStringLiteral("a\\b");
}

void TestProfileStore::invalidNames()
{
    QFETCH(QString, name);
    QVERIFY(!Profile::isValidName(name));
    const Error e = m_store->save(makeProfile(name, QStringLiteral("https://x.dev")));
    QCOMPARE(e.kind, Error::Kind::Validation);
    QCOMPARE(e.field, QStringLiteral("name"));
    QCOMPARE(e.message, QStringLiteral("Invalid profile name '%1'.").arg(name));
    QVERIFY(m_store->names().isEmpty());
    if (!name.isEmpty()) // setActive("") means "none"
        QCOMPARE(m_store->setActive(name).kind, Error::Kind::Validation);
}

void TestProfileStore::invalidUrls_data()
{
    QTest::addColumn<QString>("nangoBase");
    QTest::addColumn<QString>("panoraUrl");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("no scheme") << QStringLiteral("api.nango.dev") << QString() << QStringLiteral("nangoBase")
                               << QStringLiteral("'api.nango.dev' is not an http(s) URL.");
    QTest::newRow("ftp") << QString() << QStringLiteral("ftp://panora.dev") << QStringLiteral("panoraUrl")
                         << QStringLiteral("'ftp://panora.dev' is not an http(s) URL.");
    QTest::newRow("no host") << QStringLiteral("https://") << QString() << QStringLiteral("nangoBase")
                             << QStringLiteral("'https://' is not an http(s) URL.");
    QTest::newRow("credentials in URL") << QStringLiteral("https://me:s3cret@nango.dev") << QString()
                                        << QStringLiteral("nangoBase")
                                        << QStringLiteral(
                                               "The URL https://nango.dev contains a user name or password.");
    QTest::newRow("query") << QString() << QStringLiteral("https://panora.dev/?api_key=1")
                           << QStringLiteral("panoraUrl")
                           << QStringLiteral("The base URL https://panora.dev/ must not have a query or fragment.");
    QTest::newRow("fragment") << QStringLiteral("https://nango.dev#x") << QString() << QStringLiteral("nangoBase")
                              << QStringLiteral("The base URL https://nango.dev must not have a query or fragment.");
}

void TestProfileStore::invalidUrls()
{
    QFETCH(QString, nangoBase);
    QFETCH(QString, panoraUrl);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const Error e = m_store->save(makeProfile(QStringLiteral("prod"), nangoBase, panoraUrl));
    QCOMPARE(e.kind, Error::Kind::Validation);
    QCOMPARE(e.field, field);
    QCOMPARE(e.message, message);
    QVERIFY(!e.message.contains(QStringLiteral("s3cret")));
    QVERIFY(!e.message.contains(QStringLiteral("api_key"))); // a query may carry a key: not echoed
    QVERIFY(m_store->names().isEmpty());
}

void TestProfileStore::collidingNames_data()
{
    QTest::addColumn<QString>("existing");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("case only") << QStringLiteral("prod") << QStringLiteral("PROD")
                               << QStringLiteral("The name 'PROD' is too close to the existing profile 'prod'.");
    QTest::newRow("dash vs underscore") << QStringLiteral("eu-west") << QStringLiteral("eu_west")
                                        << QStringLiteral(
                                               "The name 'eu_west' is too close to the existing profile 'eu-west'.");
}

void TestProfileStore::collidingNames()
{
    QFETCH(QString, existing);
    QFETCH(QString, name);
    QFETCH(QString, message);
    QVERIFY(!m_store->save(makeProfile(existing)));
    const Error e = m_store->save(makeProfile(name));
    QCOMPARE(e.kind, Error::Kind::Validation);
    QCOMPARE(e.message, message);
    QVERIFY(e.hint.contains(u'_' + Profile::envSuffixFor(existing)));
    QCOMPARE(m_store->names(), QStringList { existing });
}

void TestProfileStore::saveReplaces()
{
    Profile p = makeProfile(QStringLiteral("dev"), QStringLiteral("https://a.dev"), QStringLiteral("https://p.dev"));
    p.production = true;
    QVERIFY(!m_store->save(p));
    p.panoraUrl = QUrl();
    p.production = false;
    QVERIFY(!m_store->save(p));
    reopen();
    const auto back = m_store->profile(QStringLiteral("dev"));
    QVERIFY(back);
    QVERIFY(back->panoraUrl.isEmpty());
    QVERIFY(!back->production);
    QCOMPARE(m_store->names().size(), 1);
}

void TestProfileStore::rename()
{
    Profile p = makeProfile(QStringLiteral("staging"), QStringLiteral("https://nango.staging.dev"));
    p.production = true;
    QVERIFY(!m_store->save(p));
    QVERIFY(!m_store->save(makeProfile(QStringLiteral("dev"))));
    QVERIFY(!m_store->setActive(QStringLiteral("staging")));

    QVERIFY(!m_store->rename(QStringLiteral("staging"), QStringLiteral("prod")));
    reopen();
    QCOMPARE(m_store->names(), (QStringList { QStringLiteral("dev"), QStringLiteral("prod") }));
    QCOMPARE(m_store->activeName(), QStringLiteral("prod")); // the active profile follows its new name
    const auto moved = m_store->profile(QStringLiteral("prod"));
    QVERIFY(moved);
    QCOMPARE(moved->nangoBase.toString(), QStringLiteral("https://nango.staging.dev"));
    QVERIFY(moved->production);
    QVERIFY(!m_store->profile(QStringLiteral("staging")));

    // Renaming a profile that is not active leaves the active one alone; a case-only rename is fine.
    QVERIFY(!m_store->rename(QStringLiteral("dev"), QStringLiteral("Dev")));
    QCOMPARE(m_store->names(), (QStringList { QStringLiteral("Dev"), QStringLiteral("prod") }));
    QCOMPARE(m_store->activeName(), QStringLiteral("prod"));
    QVERIFY(!m_store->rename(QStringLiteral("prod"), QStringLiteral("prod"))); // no-op
}

void TestProfileStore::renameErrors_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing source") << QStringLiteral("nope") << QStringLiteral("x") << QStringLiteral("from")
                                    << QStringLiteral("There is no profile named 'nope'.");
    QTest::newRow("invalid target") << QStringLiteral("dev") << QStringLiteral("d e v") << QStringLiteral("to")
                                    << QStringLiteral("Invalid profile name 'd e v'.");
    QTest::newRow("target exists") << QStringLiteral("dev") << QStringLiteral("prod") << QStringLiteral("to")
                                   << QStringLiteral("A profile named 'prod' already exists.");
    QTest::newRow("target collides") << QStringLiteral("dev") << QStringLiteral("PROD") << QStringLiteral("to")
                                     << QStringLiteral("The name 'PROD' is too close to the existing profile 'prod'.");
}

void TestProfileStore::renameErrors()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, field);
    QFETCH(QString, message);
    QVERIFY(!m_store->save(makeProfile(QStringLiteral("dev"), QStringLiteral("https://d.dev"))));
    QVERIFY(!m_store->save(makeProfile(QStringLiteral("prod"), QStringLiteral("https://p.dev"))));
    const Error e = m_store->rename(from, to);
    QCOMPARE(e.kind, Error::Kind::Validation);
    QCOMPARE(e.field, field);
    QCOMPARE(e.message, message);
    // Nothing moved.
    QCOMPARE(m_store->names(), (QStringList { QStringLiteral("dev"), QStringLiteral("prod") }));
    QCOMPARE(m_store->profile(QStringLiteral("prod"))->nangoBase.toString(), QStringLiteral("https://p.dev"));
}

void TestProfileStore::removeActive()
{
    QVERIFY(!m_store->save(makeProfile(QStringLiteral("dev"))));
    QVERIFY(!m_store->save(makeProfile(QStringLiteral("prod"))));
    QVERIFY(!m_store->setActive(QStringLiteral("prod")));
    QCOMPARE(m_store->activeName(), QStringLiteral("prod"));

    QVERIFY(!m_store->remove(QStringLiteral("prod")));
    reopen();
    QCOMPARE(m_store->names(), QStringList { QStringLiteral("dev") });
    QCOMPARE(m_store->activeName(), QString());
    QVERIFY(!m_settings->contains(QStringLiteral("activeProfile")));
    QVERIFY(!m_settings->contains(QStringLiteral("profiles/prod/nangoBase")));

    // Removing a profile that is not active keeps the active one.
    QVERIFY(!m_store->save(makeProfile(QStringLiteral("prod"))));
    QVERIFY(!m_store->setActive(QStringLiteral("dev")));
    QVERIFY(!m_store->remove(QStringLiteral("prod")));
    QCOMPARE(m_store->activeName(), QStringLiteral("dev"));
}

void TestProfileStore::removeMissing()
{
    const Error e = m_store->remove(QStringLiteral("ghost"));
    QCOMPARE(e.kind, Error::Kind::Validation);
    QCOMPARE(e.message, QStringLiteral("There is no profile named 'ghost'."));
}

void TestProfileStore::active()
{
    QCOMPARE(m_store->activeName(), QString());
    const Error e = m_store->setActive(QStringLiteral("dev"));
    QCOMPARE(e.kind, Error::Kind::Validation);
    QCOMPARE(e.message, QStringLiteral("There is no profile named 'dev'."));

    QVERIFY(!m_store->save(makeProfile(QStringLiteral("dev"))));
    QVERIFY(!m_store->setActive(QStringLiteral("dev")));
    reopen();
    QCOMPARE(m_store->activeName(), QStringLiteral("dev"));
    QCOMPARE(m_settings->value(QStringLiteral("activeProfile")).toString(), QStringLiteral("dev"));

    QVERIFY(!m_store->setActive(QString()));
    QCOMPARE(m_store->activeName(), QString());

    // A stale value (profile deleted by hand) reads as none.
    m_settings->setValue(QStringLiteral("activeProfile"), QStringLiteral("gone"));
    QCOMPARE(m_store->activeName(), QString());
}

void TestProfileStore::envSuffix_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("prod") << QStringLiteral("prod") << QStringLiteral("PROD");
    QTest::newRow("dev") << QStringLiteral("Dev") << QStringLiteral("DEV");
    QTest::newRow("dash") << QStringLiteral("eu-west-1") << QStringLiteral("EU_WEST_1");
    QTest::newRow("underscore") << QStringLiteral("my_env") << QStringLiteral("MY_ENV");
}

void TestProfileStore::envSuffix()
{
    QFETCH(QString, name);
    QFETCH(QString, suffix);
    QCOMPARE(makeProfile(name).envSuffix(), suffix);
}

void TestProfileStore::iniNeverHoldsSecrets()
{
    Profile prod = makeProfile(QStringLiteral("prod"), QStringLiteral("https://nango.example.com"),
        QStringLiteral("https://panora.example.com"));
    prod.production = true;
    prod.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    QVERIFY(!m_store->save(prod));
    QVERIFY(!m_store->save(makeProfile(QStringLiteral("dev"), QStringLiteral("http://localhost:3003"))));
    QVERIFY(!m_store->setActive(QStringLiteral("prod")));
    QVERIFY(!m_store->rename(QStringLiteral("dev"), QStringLiteral("local")));
    QVERIFY(m_store->save(makeProfile(QStringLiteral("x"), QStringLiteral("https://u:hunter2@nango.dev"))));
    m_settings->sync();

    QFile f(iniPath());
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(!text.isEmpty());
    QVERIFY(!text.contains(QStringLiteral("hunter2")));

    const QRegularExpression secretish(
        QStringLiteral("key|secret|token|password|credential"), QRegularExpression::CaseInsensitiveOption);
    QStringList keys;
    QString section;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u'[')) {
            section = line.mid(1, line.size() - 2);
            QVERIFY2(!secretish.match(section).hasMatch(), qPrintable(line));
            continue;
        }
        const QString key = (section == u"General" ? QString() : section + u'/') + line.section(u'=', 0, 0);
        keys << QString(key).replace(u'\\', u'/'); // INI spells nested groups with '\\'
        QVERIFY2(!secretish.match(key).hasMatch(), qPrintable(line));
    }
    keys.sort();
    QCOMPARE(keys,
        (QStringList { QStringLiteral("activeProfile"), QStringLiteral("profiles/local/allowInsecureHttp"),
            QStringLiteral("profiles/local/nangoBase"), QStringLiteral("profiles/local/nangoMapping"),
            QStringLiteral("profiles/local/panoraUrl"), QStringLiteral("profiles/local/production"),
            QStringLiteral("profiles/prod/allowInsecureHttp"), QStringLiteral("profiles/prod/nangoBase"),
            QStringLiteral("profiles/prod/nangoMapping"), QStringLiteral("profiles/prod/panoraUrl"),
            QStringLiteral("profiles/prod/production") }));
}

void TestProfileStore::unwritableSettings()
{
    // The settings "folder" is a regular file, so nothing can be written under it.
    const QString blocker = m_dir->filePath(QStringLiteral("blocker"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QSettings settings(blocker + QStringLiteral("/sub/crossline.ini"), QSettings::IniFormat);
    ProfileStore store(&settings);
    const Error e = store.save(makeProfile(QStringLiteral("dev")));
    QCOMPARE(e.kind, Error::Kind::Config);
    QVERIFY2(e.message.contains(QStringLiteral("crossline.ini")), qPrintable(e.message));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
