// SecretStore against the REAL Secret Service (scripts/test runs ctest inside dbus-run-session with an unlocked
// gnome-keyring): store, read, overwrite, delete, rename and remove a profile's entries; and what QtKeychain really
// writes there (checked with secret-tool, a second client of the same service).
#include "config/configresolver.h"
#include "config/profilestore.h"
#include "secrets/secretstore.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifdef CROSSLINE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace crossline;

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void storeReadOverwriteDelete();
    void whatIsKnownToBeAbsent();
    void readingWhatIsNotStoredIsNotFound();
    void emptyValueIsRefused();
    void profilesAreSeparate();
    void unicodeAndLongValuesRoundTrip();
    void storedNamesAndRemoveAll();
    void moveRenamesEntries();
    void blockingLookupFeedsTheResolver();
    void errorsAreReadable_data();
    void errorsAreReadable();

private:
    QString profile(const QString &suffix) const { return m_prefix + suffix; }
    static QString secretTool(const QStringList &args, int *exitCode = nullptr);
    static QString randomSecret(const QString &prefix);

    QString m_prefix;
    SecretStore m_store;
};

QString TestSecretStore::randomSecret(const QString &prefix)
{
    return prefix + QString::number(QRandomGenerator::global()->generate64(), 16) + QStringLiteral("-tail");
}

QString TestSecretStore::secretTool(const QStringList &args, int *exitCode)
{
    QProcess p;
    // `secret-tool search` prints the secret on stdout and the attributes on stderr: keep both, in order.
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("secret-tool"), args);
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
    }
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput());
}

void TestSecretStore::initTestCase()
{
#ifndef CROSSLINE_HAVE_KEYCHAIN
    QFAIL("Built without QtKeychain: install qtkeychain-qt6-dev.");
#endif
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
        "The keychain tests need a Secret Service: run them through scripts/test (dbus-run-session + an unlocked "
        "gnome-keyring), never against your own keyring.");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(), "secret-tool (libsecret-tools)");
    // The record of what is stored (SecretStore::isKnownAbsent) lives in this test's own settings.
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_secretstore"));
    QSettings().clear();
    // A unique prefix per run: runs never see each other's entries, even in a reused keyring.
    m_prefix = QStringLiteral("tst%1-").arg(QRandomGenerator::global()->bounded(1000000));
}

void TestSecretStore::cleanupTestCase()
{
    for (const QString &suffix : { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("u"), QStringLiteral("all"),
             QStringLiteral("old"), QStringLiteral("new"), QStringLiteral("lookup") })
        SecretStore::waitFor(m_store.removeAll(profile(suffix)));
}

void TestSecretStore::storeReadOverwriteDelete()
{
    const QString p = profile(QStringLiteral("a"));
    const QString first = randomSecret(QStringLiteral("5f2c-first-"));
    Result r = SecretStore::waitFor(m_store.write(p, QStringLiteral("nango-key"), first));
    QVERIFY2(r.ok(), qPrintable(r.error.message + u' ' + r.error.hint));

    r = SecretStore::waitFor(m_store.read(p, QStringLiteral("nango-key")));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.data.toString(), first);

    // What QtKeychain stores on Linux: schema org.qt.keychain, attributes server=<service>, user=<key>,
    // type=plaintext. Another Secret Service client finds it under exactly those.
    const QString key = p + QStringLiteral("/nango-key");
    QCOMPARE(secretTool({ QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("Crossline"),
                 QStringLiteral("user"), key }),
        first);
    const QString search = secretTool({ QStringLiteral("search"), QStringLiteral("server"), QStringLiteral("Crossline"),
        QStringLiteral("user"), key });
    QVERIFY2(search.contains(QStringLiteral("attribute.type = plaintext")), qPrintable(search));
    QVERIFY(search.contains(QStringLiteral("schema = org.qt.keychain")));

    const QString second = randomSecret(QStringLiteral("5f2c-second-"));
    r = SecretStore::waitFor(m_store.write(p, QStringLiteral("nango-key"), second));
    QVERIFY(r.ok());
    r = SecretStore::waitFor(m_store.read(p, QStringLiteral("nango-key")));
    QCOMPARE(r.data.toString(), second);
    // Overwritten, not added: one item only.
    const QString afterOverwrite = secretTool({ QStringLiteral("search"), QStringLiteral("--all"),
        QStringLiteral("server"), QStringLiteral("Crossline"), QStringLiteral("user"), key });
    QCOMPARE(afterOverwrite.count(QStringLiteral("attribute.user = ")), 1);
    QVERIFY(!afterOverwrite.contains(first));

    r = SecretStore::waitFor(m_store.remove(p, QStringLiteral("nango-key")));
    QVERIFY(r.ok());
    r = SecretStore::waitFor(m_store.read(p, QStringLiteral("nango-key")));
    QVERIFY(!r.ok());
    QVERIFY(SecretStore::isNotFound(r.error));
    int code = 0;
    QCOMPARE(secretTool({ QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("Crossline"),
                            QStringLiteral("user"), key },
                 &code),
        QString());
    QVERIFY(code != 0);
    // Removing what is not there is not a failure.
    QVERIFY(SecretStore::waitFor(m_store.remove(p, QStringLiteral("nango-key"))).ok());
}

// The app skips reading entries known to be absent: an entry is "known absent" only after the keychain said so
// (a read that found nothing, a remove), never because nothing was recorded, and a write counts as "may be stored"
// from the moment it starts. Only names reach the settings, never a value.
void TestSecretStore::whatIsKnownToBeAbsent()
{
    const QString p = profile(QStringLiteral("u"));
    const QString name = QStringLiteral("panora-key");
    QVERIFY(!SecretStore::isKnownAbsent(p, name)); // nothing recorded: unknown, so it is read
    QVERIFY(SecretStore::isNotFound(SecretStore::waitFor(m_store.read(p, name)).error));
    QVERIFY(SecretStore::isKnownAbsent(p, name));
    QVERIFY(!SecretStore::isKnownAbsent(p, QStringLiteral("nango-key"))); // per entry

    const QString value = randomSecret(QStringLiteral("9d1e-index-"));
    Job *write = m_store.write(p, name, value);
    QVERIFY(!SecretStore::isKnownAbsent(p, name)); // before the keychain answers
    QVERIFY(SecretStore::waitFor(write).ok());
    QVERIFY(!SecretStore::isKnownAbsent(p, name));
    QCOMPARE(SecretStore::waitFor(m_store.read(p, name)).data.toString(), value);
    QVERIFY(!SecretStore::isKnownAbsent(p, name));

    QVERIFY(SecretStore::waitFor(m_store.remove(p, name)).ok());
    QVERIFY(SecretStore::isKnownAbsent(p, name));

    // A refused write (empty value) leaves what was known.
    QVERIFY(!SecretStore::waitFor(m_store.write(p, name, QString())).ok());
    QVERIFY(SecretStore::isKnownAbsent(p, name));

    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray bytes = file.readAll();
    QVERIFY2(bytes.contains("keychain-index"), bytes.constData());
    QVERIFY(!bytes.contains(value.toUtf8()));
}

void TestSecretStore::readingWhatIsNotStoredIsNotFound()
{
    const Result r = SecretStore::waitFor(m_store.read(profile(QStringLiteral("never")), QStringLiteral("panora-key")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Keychain);
    QCOMPARE(r.error.code, QStringLiteral("not_found"));
    QVERIFY(r.error.message.contains(QStringLiteral("Panora API key")));
    QVERIFY(r.error.hint.contains(QStringLiteral("secret set panora-key")));
}

void TestSecretStore::emptyValueIsRefused()
{
    const Result r
        = SecretStore::waitFor(m_store.write(profile(QStringLiteral("a")), QStringLiteral("panora-key"), {}));
    QCOMPARE(r.error.kind, Error::Kind::Validation);
    QVERIFY(SecretStore::isNotFound(
        SecretStore::waitFor(m_store.read(profile(QStringLiteral("a")), QStringLiteral("panora-key"))).error));
}

void TestSecretStore::profilesAreSeparate()
{
    QVERIFY(SecretStore::waitFor(
        m_store.write(profile(QStringLiteral("a")), QStringLiteral("panora-key"), QStringLiteral("key-of-a-0001")))
                .ok());
    QVERIFY(SecretStore::waitFor(
        m_store.write(profile(QStringLiteral("b")), QStringLiteral("panora-key"), QStringLiteral("key-of-b-0002")))
                .ok());
    QCOMPARE(
        SecretStore::waitFor(m_store.read(profile(QStringLiteral("a")), QStringLiteral("panora-key"))).data.toString(),
        QStringLiteral("key-of-a-0001"));
    QCOMPARE(
        SecretStore::waitFor(m_store.read(profile(QStringLiteral("b")), QStringLiteral("panora-key"))).data.toString(),
        QStringLiteral("key-of-b-0002"));
    QVERIFY(SecretStore::waitFor(m_store.remove(profile(QStringLiteral("a")), QStringLiteral("panora-key"))).ok());
    QCOMPARE(
        SecretStore::waitFor(m_store.read(profile(QStringLiteral("b")), QStringLiteral("panora-key"))).data.toString(),
        QStringLiteral("key-of-b-0002"));
}

void TestSecretStore::unicodeAndLongValuesRoundTrip()
{
    const QString value = QStringLiteral("clé-ünïcødé-密钥-") + QString(2000, u'x') + QStringLiteral(" =+/&%");
    QVERIFY(SecretStore::waitFor(
        m_store.write(profile(QStringLiteral("u")), QStringLiteral("panora-connection-token"), value))
                .ok());
    QCOMPARE(SecretStore::waitFor(m_store.read(profile(QStringLiteral("u")), QStringLiteral("panora-connection-token")))
                 .data.toString(),
        value);
}

void TestSecretStore::storedNamesAndRemoveAll()
{
    const QString p = profile(QStringLiteral("all"));
    Result r = SecretStore::waitFor(m_store.storedNames(p));
    QVERIFY(r.ok());
    QCOMPARE(r.data.toArray(), QJsonArray());
    QVERIFY(
        SecretStore::waitFor(m_store.write(p, QStringLiteral("nango-key"), QStringLiteral("nango-secret-all-1"))).ok());
    QVERIFY(
        SecretStore::waitFor(m_store.write(p, QStringLiteral("panora-connection-token"), QStringLiteral("token-all-3")))
            .ok());
    r = SecretStore::waitFor(m_store.storedNames(p));
    QCOMPARE(r.data.toArray(), (QJsonArray { QStringLiteral("nango-key"), QStringLiteral("panora-connection-token") }));
    QVERIFY(SecretStore::waitFor(m_store.removeAll(p)).ok());
    QCOMPARE(SecretStore::waitFor(m_store.storedNames(p)).data.toArray(), QJsonArray());
    QCOMPARE(secretTool({ QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("Crossline"),
                 QStringLiteral("user"), p + QStringLiteral("/nango-key") }),
        QString());
}

void TestSecretStore::moveRenamesEntries()
{
    const QString from = profile(QStringLiteral("old"));
    const QString to = profile(QStringLiteral("new"));
    QVERIFY(SecretStore::waitFor(m_store.write(from, QStringLiteral("nango-key"), QStringLiteral("moving-nango-key-1")))
                .ok());
    QVERIFY(
        SecretStore::waitFor(m_store.write(from, QStringLiteral("panora-key"), QStringLiteral("moving-panora-key-2")))
            .ok());
    const Result r = SecretStore::waitFor(m_store.move(from, to));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.data.toArray(), (QJsonArray { QStringLiteral("nango-key"), QStringLiteral("panora-key") }));
    QCOMPARE(SecretStore::waitFor(m_store.read(to, QStringLiteral("nango-key"))).data.toString(),
        QStringLiteral("moving-nango-key-1"));
    QCOMPARE(SecretStore::waitFor(m_store.read(to, QStringLiteral("panora-key"))).data.toString(),
        QStringLiteral("moving-panora-key-2"));
    QVERIFY(SecretStore::isNotFound(
        SecretStore::waitFor(m_store.read(to, QStringLiteral("panora-connection-token"))).error));
    QCOMPARE(SecretStore::waitFor(m_store.storedNames(from)).data.toArray(), QJsonArray());
}

void TestSecretStore::blockingLookupFeedsTheResolver()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    ProfileStore profiles(&settings);
    const QString p = profile(QStringLiteral("lookup"));
    Profile prof;
    prof.name = p;
    QVERIFY(!profiles.save(prof));
    QVERIFY(!profiles.setActive(p));
    const QString key = QStringLiteral("5f2c9a1e-lookup-0000-6666");
    QVERIFY(SecretStore::waitFor(m_store.write(p, QStringLiteral("nango-key"), key)).ok());

    QList<Error> problems;
    const ResolvedConfig c
        = ConfigResolver::resolve({}, QProcessEnvironment(), &profiles, m_store.blockingLookup(&problems));
    QCOMPARE(c.nangoKey.value, key);
    QCOMPARE(c.nangoKey.source, ValueSource::Keychain);
    QCOMPARE(c.nangoKey.origin, QStringLiteral("keychain %1/nango-key").arg(p));
    QVERIFY(!c.panoraKey.isSet()); // not stored: "", and not a problem
    QVERIFY(problems.isEmpty());
    const QStringList lines = c.describe();
    QVERIFY(lines.contains(QStringLiteral("Nango secret key: keychain %1/nango-key = 5f2c…6666").arg(p)));
    QVERIFY(!lines.join(u'\n').contains(key));

    // The environment wins, and then the keychain is not asked at all.
    QProcessEnvironment env;
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), QStringLiteral("from-the-environment-1234"));
    int asked = 0;
    const SecretLookup counting = [&](const QString &prof2, const QString &name) {
        ++asked;
        return m_store.blockingLookup(&problems)(prof2, name);
    };
    const ResolvedConfig e = ConfigResolver::resolve({}, env, &profiles, counting);
    QCOMPARE(e.nangoKey.source, ValueSource::Environment);
    QCOMPARE(asked, 2); // panora-key and panora-connection-token only
}

void TestSecretStore::errorsAreReadable_data()
{
    QTest::addColumn<int>("keychainError");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
#ifdef CROSSLINE_HAVE_KEYCHAIN
    QTest::newRow("not found") << int(QKeychain::EntryNotFound) << "Entry not found"
                               << "not_found"
                               << "secret set nango-key";
    QTest::newRow("denied by user") << int(QKeychain::AccessDeniedByUser) << ""
                                    << "access_denied"
                                    << "NANGO_SECRET_KEY";
    QTest::newRow("locked") << int(QKeychain::AccessDenied) << "Cannot get secret of a locked object"
                            << "access_denied"
                            << "Unlock";
    QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable) << "No keychain service available"
                                << "no_backend"
                                << "NANGO_SECRET_KEY";
    QTest::newRow("no D-Bus") << int(QKeychain::OtherError) << "Cannot autolaunch D-Bus without X11 $DISPLAY"
                              << "no_backend"
                              << "gnome-keyring";
    QTest::newRow("no Secret Service") << int(QKeychain::OtherError)
                                       << "The name org.freedesktop.secrets was not provided by any .service files"
                                       << "no_backend"
                                       << "KeePassXC";
    QTest::newRow("other") << int(QKeychain::OtherError) << "Something odd"
                           << "keychain_error"
                           << "Something odd";
#endif
}

void TestSecretStore::errorsAreReadable()
{
    QFETCH(int, keychainError);
    QFETCH(QString, detail);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const Error e = SecretStore::errorFor(keychainError, detail, QStringLiteral("prod"), QStringLiteral("nango-key"));
    QCOMPARE(e.kind, Error::Kind::Keychain);
    QCOMPARE(e.code, code);
    const QString text = e.message + u' ' + e.hint;
    QVERIFY2(text.contains(mentions), qPrintable(text));
    QVERIFY(!e.hint.isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
