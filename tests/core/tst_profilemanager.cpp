// ProfileManager against the real Secret Service (scripts/test provides one): the first profile becomes active, a
// rename moves the keychain entries with it (or renames nothing), a removal deletes the entries before the profile.
#include "config/profilemanager.h"
#include "secrets/secretstore.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace crossline;

class TestProfileManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void firstSavedProfileBecomesActive();
    void ensureCreatesOnlyWhatIsMissing();
    void renameMovesTheKeychainEntries();
    void renameToATakenNameChangesNothing();
    void removeDeletesEntriesAndProfile();

private:
    QString read(const QString &profile)
    {
        return SecretStore::waitFor(m_secrets.read(profile, QStringLiteral("nango-key"))).data.toString();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
    SecretStore m_secrets;
    QString m_prefix;
};

void TestProfileManager::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Unique names: the keychain is shared by the whole test run.
    m_prefix = QStringLiteral("pm%1-").arg(QRandomGenerator::global()->bounded(100000));
}

void TestProfileManager::init()
{
    m_store.reset();
    m_settings = std::make_unique<QSettings>(
        m_dir.filePath(QLatin1String(QTest::currentTestFunction()) + QStringLiteral(".ini")), QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(m_settings.get());
}

void TestProfileManager::firstSavedProfileBecomesActive()
{
    ProfileManager manager(m_store.get(), &m_secrets);
    Profile a;
    a.name = m_prefix + QStringLiteral("a");
    const Expected<ProfileManager::Saved> first = manager.save(a);
    QVERIFY2(first, qPrintable(first.error().message));
    QVERIFY(first->created);
    QVERIFY(first->activated);
    QCOMPARE(m_store->activeName(), a.name);
    Profile b;
    b.name = m_prefix + QStringLiteral("b");
    const Expected<ProfileManager::Saved> second = manager.save(b);
    QVERIFY(second->created);
    QVERIFY(!second->activated);
    QCOMPARE(m_store->activeName(), a.name);
    Profile bad;
    bad.name = QStringLiteral("no spaces allowed");
    QVERIFY(!manager.save(bad));
}

void TestProfileManager::ensureCreatesOnlyWhatIsMissing()
{
    ProfileManager manager(m_store.get(), &m_secrets);
    const QString name = m_prefix + QStringLiteral("ensure");
    const Expected<ProfileManager::Saved> made = manager.ensure(name);
    QVERIFY(made->created);
    QVERIFY(made->activated);
    const Expected<ProfileManager::Saved> again = manager.ensure(name.toUpper()); // case-insensitive match
    QVERIFY(!again->created);
    QVERIFY(!again->activated);
    QCOMPARE(again->profile.name, name);
    QCOMPARE(m_store->names(), QStringList { name });
}

void TestProfileManager::renameMovesTheKeychainEntries()
{
    ProfileManager manager(m_store.get(), &m_secrets);
    const QString from = m_prefix + QStringLiteral("from"), to = m_prefix + QStringLiteral("to");
    QVERIFY(manager.ensure(from));
    QVERIFY(SecretStore::waitFor(m_secrets.write(from, QStringLiteral("nango-key"), QStringLiteral("moved-key-123456")))
                .ok());
    const Result r = SecretStore::waitFor(manager.rename(from, to));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.data.toArray(), QJsonArray { QStringLiteral("nango-key") });
    QCOMPARE(m_store->names(), QStringList { to });
    QCOMPARE(read(to), QStringLiteral("moved-key-123456"));
    QCOMPARE(read(from), QString());
    SecretStore::waitFor(m_secrets.removeAll(to));
}

void TestProfileManager::renameToATakenNameChangesNothing()
{
    ProfileManager manager(m_store.get(), &m_secrets);
    const QString a = m_prefix + QStringLiteral("one"), b = m_prefix + QStringLiteral("two");
    QVERIFY(manager.ensure(a));
    QVERIFY(manager.ensure(b));
    QVERIFY(SecretStore::waitFor(m_secrets.write(a, QStringLiteral("nango-key"), QStringLiteral("stays-with-one-1234")))
                .ok());
    const Result r = SecretStore::waitFor(manager.rename(a, b));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Validation);
    QCOMPARE(m_store->names(), (QStringList { a, b }));
    QCOMPARE(read(a), QStringLiteral("stays-with-one-1234"));
    SecretStore::waitFor(m_secrets.removeAll(a));
}

void TestProfileManager::removeDeletesEntriesAndProfile()
{
    ProfileManager manager(m_store.get(), &m_secrets);
    const QString name = m_prefix + QStringLiteral("gone");
    QVERIFY(manager.ensure(name));
    QVERIFY(
        SecretStore::waitFor(m_secrets.write(name, QStringLiteral("nango-key"), QStringLiteral("deleted-key-123456")))
            .ok());
    const Result r = SecretStore::waitFor(manager.remove(name));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QVERIFY(m_store->names().isEmpty());
    QCOMPARE(m_store->activeName(), QString());
    const Result gone = SecretStore::waitFor(m_secrets.read(name, QStringLiteral("nango-key")));
    QVERIFY(SecretStore::isNotFound(gone.error));
}

QTEST_GUILESS_MAIN(TestProfileManager)
#include "tst_profilemanager.moc"
