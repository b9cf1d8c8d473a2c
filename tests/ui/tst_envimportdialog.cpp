// The .env import dialog as a person uses it: the plan is shown before anything is written (rows, masked secrets,
// ignored variables with reasons), the target profile can be changed, a bad line names its line, Import stores the
// secrets in the real keychain — after which the app, with no NANGO_*/PANORA_* variables, lists the sandbox's
// connections — and no file holds a secret. Without a keychain the dialog says so and what to do.
#include "keychaintestenvironment.h"

#include "dialogs/envimportdialog.h"
#include "widgets/environmentbar.h"
#include "workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace crossline;
using namespace crossline::test;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

namespace {

QStringList tableRow(const QTableWidget *table, int row)
{
    QStringList cells;
    for (int c = 0; c < table->columnCount(); ++c)
        cells << (table->item(row, c) ? table->item(row, c)->text() : QString());
    return cells;
}

QStringList listTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

// Every text the dialog shows: labels, fields, table cells, list rows.
QString everythingShown(const QWidget *w)
{
    QStringList out;
    for (const auto *l : w->findChildren<QLabel *>())
        out << l->text() << l->toolTip();
    for (const auto *e : w->findChildren<QLineEdit *>())
        out << e->text();
    for (const auto *t : w->findChildren<QTableWidget *>())
        for (int r = 0; r < t->rowCount(); ++r)
            out << tableRow(t, r);
    for (const auto *l : w->findChildren<QListWidget *>())
        out << listTexts(l);
    return out.join(QLatin1Char('\n'));
}

QString writeFile(const QString &name, const QByteArray &content)
{
    const QString path = QDir(QDir::tempPath()).filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(content);
    return path;
}

} // namespace

class TestEnvImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void planIsShownBeforeWriting();
    void targetProfileCanBeChanged();
    void badLineNamesTheLine();
    void importThenUseTheKeychain();
    void withoutKeychainSaysWhatToDo();
    void noKeychainChild(); // runs in a child process without D-Bus (see withoutKeychainSaysWhatToDo)

private:
    QString unique(const QString &base) const { return base + QString::number(QCoreApplication::applicationPid()); }
    QStringList m_profilesUsed;
};

void TestEnvImportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_envimportdialog"));
    QVERIFY(QDir::homePath().startsWith(scratchRoot()));
    QVERIFY(qEnvironmentVariableIsEmpty("NANGO_SECRET_KEY"));
}

void TestEnvImportDialog::init()
{
    QSettings().clear();
    QSettings().sync();
}

void TestEnvImportDialog::cleanupTestCase()
{
    if (qEnvironmentVariableIsSet("CROSSLINE_TEST_NO_KEYCHAIN_CHILD"))
        return;
    SecretStore secrets;
    for (const QString &p : std::as_const(m_profilesUsed))
        waitForJob(secrets.removeAll(p));
}

void TestEnvImportDialog::planIsShownBeforeWriting()
{
    const QString dev = unique(QStringLiteral("dev")), prod = unique(QStringLiteral("prod"));
    m_profilesUsed << dev << prod;
    const QString path = writeFile(QStringLiteral("seed.env"),
        QStringLiteral("# the backend's .env\n"
                       "NANGO_ENV=%1\n"
                       "NANGO_HOST=https://nango-host.example.com\n"
                       "NANGO_API_BASE=https://api.nango.example.com/\n"
                       "NANGO_SECRET_KEY_%2=5f2c-dev-secret-key-6666\n"
                       "NANGO_SECRET_KEY_%3=9a9a-prod-secret-key-0002\n"
                       "export PANORA_API_KEY=\"pk-seed-panora-key-0003\"\n"
                       "PORT=3000\n")
            .arg(dev, dev.toUpper(), prod.toUpper())
            .toUtf8());
    QVERIFY(!path.isEmpty());
    Workspace workspace;
    EnvImportDialog dialog(&workspace, path);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QCOMPARE(dialog.profileField()->currentText(), dev);
    QTableWidget *table = dialog.planTable();
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(tableRow(table, 0),
        (QStringList { QStringLiteral("NANGO_API_BASE"), QStringLiteral("4"),
            QStringLiteral("profile %1: Nango base URL").arg(dev), QStringLiteral("https://api.nango.example.com") }));
    QCOMPARE(tableRow(table, 1),
        (QStringList { QStringLiteral("NANGO_SECRET_KEY_") + dev.toUpper(), QStringLiteral("5"),
            QStringLiteral("keychain %1/nango-key").arg(dev), QStringLiteral("5f2c…6666") }));
    QCOMPARE(tableRow(table, 2),
        (QStringList { QStringLiteral("PANORA_API_KEY"), QStringLiteral("7"),
            QStringLiteral("keychain %1/panora-key").arg(dev), QStringLiteral("pk-s…0003") }));
    QCOMPARE(tableRow(table, 3),
        (QStringList { QStringLiteral("NANGO_SECRET_KEY_") + prod.toUpper(), QStringLiteral("6"),
            QStringLiteral("keychain %1/nango-key").arg(prod), QStringLiteral("9a9a…0002") }));
    QCOMPARE(listTexts(dialog.ignoredList()),
        (QStringList { QStringLiteral("NANGO_HOST (line 3: NANGO_API_BASE wins)"),
            QStringLiteral("PORT (line 8: not a Crossline variable)") }));
    QVERIFY(dialog.ignoredList()->isVisible());
    QVERIFY2(dialog.summaryLabel()->text().contains(QStringLiteral("creates profile %1, %2").arg(dev, prod)),
        qPrintable(dialog.summaryLabel()->text()));
    QVERIFY(dialog.summaryLabel()->text().contains(QStringLiteral("stores 3 secrets in the system keychain")));
    QVERIFY(dialog.summaryLabel()->text().contains(QStringLiteral("%1 becomes the active profile.").arg(dev)));
    QVERIFY(dialog.importButton()->isEnabled());

    // No secret is on screen, and nothing was written yet.
    const QString shown = everythingShown(&dialog);
    for (const char *secret : { "5f2c-dev-secret-key-6666", "9a9a-prod-secret-key-0002", "pk-seed-panora-key-0003" })
        QVERIFY2(!shown.contains(QLatin1String(secret)), secret);
    QVERIFY(workspace.profiles().names().isEmpty());
    SecretStore secrets;
    QVERIFY(SecretStore::isNotFound(waitForJob(secrets.read(dev, QStringLiteral("nango-key"))).error));
}

void TestEnvImportDialog::targetProfileCanBeChanged()
{
    const QString dev = unique(QStringLiteral("dev"));
    const QString staging = unique(QStringLiteral("staging"));
    m_profilesUsed << staging;
    const QString path = writeFile(QStringLiteral("target.env"),
        QStringLiteral("NANGO_ENV=%1\nNANGO_API_BASE=https://api.nango.example.com\n"
                       "NANGO_SECRET_KEY_%2=5f2c-dev-secret-key-6666\nPANORA_API_KEY=pk-seed-panora-key-0003\n")
            .arg(dev, dev.toUpper())
            .toUtf8());
    Workspace workspace;
    EnvImportDialog dialog(&workspace, path);
    dialog.show();
    QCOMPARE(dialog.planTable()->rowCount(), 3);

    QLineEdit *edit = dialog.profileField()->lineEdit();
    edit->selectAll();
    QTest::keyClicks(edit, staging);
    QCOMPARE(dialog.profileField()->currentText(), staging);
    QCOMPARE(dialog.planTable()->rowCount(), 2);
    QCOMPARE(tableRow(dialog.planTable(), 0).at(2), QStringLiteral("profile %1: Nango base URL").arg(staging));
    QCOMPARE(tableRow(dialog.planTable(), 1).at(2), QStringLiteral("keychain %1/panora-key").arg(staging));
    QCOMPARE(listTexts(dialog.ignoredList()),
        QStringList {
            QStringLiteral("NANGO_SECRET_KEY_%1 (line 3: for profile %2, not %3)").arg(dev.toUpper(), dev, staging) });

    // A name that cannot be a profile: the problem is shown and Import is off.
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("my env"));
    QVERIFY(!dialog.importButton()->isEnabled());
    QVERIFY2(dialog.messageLabel()->text().startsWith(QStringLiteral("✗ Invalid profile name 'my env'.")),
        qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(dialog.planTable()->rowCount(), 0);
}

void TestEnvImportDialog::badLineNamesTheLine()
{
    const QString path = writeFile(QStringLiteral("bad.env"),
        "# the backend's .env\nNANGO_SECRET_KEY=5f2c-badline-secret-6666\nPANORA_API_KEY=pk-badline-0001\n\n"
        "PANORA_API_URL=https://panora.example.com\nPORT=3000\nthis line is wrong\nNANGO_HOST=https://x.example.com\n");
    Workspace workspace;
    EnvImportDialog dialog(&workspace, path);
    dialog.show();
    QVERIFY2(dialog.messageLabel()->text().startsWith(QStringLiteral("✗ line 7: no '=' sign Nothing was imported.")),
        qPrintable(dialog.messageLabel()->text()));
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("Each line must be KEY=VALUE")));
    QVERIFY(!dialog.importButton()->isEnabled());
    QCOMPARE(dialog.planTable()->rowCount(), 0);
    QVERIFY(!dialog.ignoredList()->isVisible());
    QVERIFY(!everythingShown(&dialog).contains(QStringLiteral("5f2c-badline")));
}

void TestEnvImportDialog::importThenUseTheKeychain()
{
    Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(0, &error), qPrintable(error));
    const QString profile = unique(QStringLiteral("sbx"));
    m_profilesUsed << profile;
    const QStringList secrets { SandboxCredentials::nangoSecretKey(), SandboxCredentials::panoraApiKey(),
        SandboxCredentials::panoraConnectionToken() };
    const QString path = writeFile(QStringLiteral("sandbox.env"),
        QStringLiteral("NANGO_ENV=%1\nNANGO_API_BASE=%2\nNANGO_SECRET_KEY=%3\nPANORA_API_URL=%4\nPANORA_API_KEY=%5\n"
                       "PANORA_CONNECTION_TOKEN=%6\n")
            .arg(profile, sandbox.nangoBaseUrl().toString(), secrets.at(0), sandbox.panoraBaseUrl().toString(),
                secrets.at(1), secrets.at(2))
            .toUtf8());

    {
        Workspace workspace; // no NANGO_*/PANORA_* variables, no profile yet
        QVERIFY(!workspace.isConfigured());
        EnvImportDialog dialog(&workspace, path);
        dialog.show();
        QCOMPARE(dialog.planTable()->rowCount(), 5);
        QSignalSpy imported(&dialog, &EnvImportDialog::imported);
        QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
        QVERIFY(dialog.isImporting());
        QVERIFY(!dialog.importButton()->isEnabled()); // busy
        QCOMPARE(dialog.importButton()->text(), QStringLiteral("Importing…"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isImporting(), 30000);
        QVERIFY2(dialog.messageLabel()->text().startsWith(QStringLiteral("✓ Imported 5 values from")),
            qPrintable(dialog.messageLabel()->text()));
        QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("%1 is now the active profile.").arg(profile)));
        QCOMPARE(imported.size(), 1);
        QCOMPARE(imported.first().first().toString(), profile);
        QVERIFY(dialog.importButton()->isHidden());
        QCOMPARE(workspace.profiles().activeName(), profile);

        // The dialog reloaded the workspace: the secrets come from the keychain, asynchronously.
        QTRY_VERIFY_WITH_TIMEOUT(workspace.isConfigured() && !workspace.isReadingSecrets(), 20000);
        QCOMPARE(workspace.config().nangoKey.source, ValueSource::Keychain);
        QCOMPARE(workspace.config().nangoKey.origin, QStringLiteral("keychain %1/nango-key").arg(profile));
        QCOMPARE(workspace.config().panoraConnectionToken.source, ValueSource::Keychain);
        QCOMPARE(workspace.config().nangoBase.value, sandbox.nangoBaseUrl().toString());
        QVERIFY(!workspace.secretsError());
        const Result r = waitForJob(workspace.clients()->nango()->listConnections());
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(r.data.toArray().size() >= 1);
    }
    {
        // "Restart": a new Workspace reads the same profile and keychain.
        Workspace workspace;
        EnvironmentBar bar(&workspace);
        QTRY_VERIFY_WITH_TIMEOUT(workspace.isConfigured() && !workspace.isReadingSecrets(), 20000);
        const Result r = waitForJob(workspace.clients()->nango()->listConnections());
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QVERIFY(r.data.toArray().size() >= 1);
        QVERIFY(!sandbox.requests(QStringLiteral("nango")).isEmpty());
        QCOMPARE(sandbox.requests(QStringLiteral("nango")).last().header("Authorization"),
            QByteArray("Bearer ") + secrets.at(0).toUtf8());
        auto *keychain = bar.findChild<QLabel *>(QStringLiteral("secretsError"));
        QVERIFY(keychain && keychain->isHidden());
    }

    // The .env itself is the user's file; once it is gone, no file under the test's HOME/XDG/TMPDIR holds a secret.
    QVERIFY(QFile::remove(path));
    QSettings().sync();
    int scanned = 0;
    const QStringList hits = filesContaining(scratchRoot(), secrets, &scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
    QVERIFY(scanned >= 2); // at least the settings and the history database
    const QString settingsFile = QSettings().fileName();
    QVERIFY2(settingsFile.startsWith(scratchRoot()), qPrintable(settingsFile));
    QVERIFY(QFile::exists(settingsFile));
}

void TestEnvImportDialog::withoutKeychainSaysWhatToDo()
{
    if (qEnvironmentVariableIsSet("CROSSLINE_TEST_NO_KEYCHAIN_CHILD"))
        QSKIP("runs in the parent only");
    // libsecret keeps its D-Bus connection for the whole process: the no-keychain case runs in a child process
    // without a session bus or $DISPLAY (as over SSH or in a container).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("CROSSLINE_TEST_NO_KEYCHAIN_CHILD"), QStringLiteral("1"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("noKeychainChild") });
    QVERIFY(child.waitForFinished(120000));
    const QByteArray out = child.readAll();
    QVERIFY2(child.exitCode() == 0, out.constData());
    QVERIFY2(out.contains("PASS   : TestEnvImportDialog::noKeychainChild()"), out.constData());
}

void TestEnvImportDialog::noKeychainChild()
{
    if (!qEnvironmentVariableIsSet("CROSSLINE_TEST_NO_KEYCHAIN_CHILD"))
        QSKIP("runs in a child process of withoutKeychainSaysWhatToDo");
    const QString secret = QStringLiteral("5f2c-nokeychain-ui-secret-6666");
    const QString path = writeFile(QStringLiteral("nokeychain.env"),
        QStringLiteral("NANGO_API_BASE=https://api.nango.example.com\nNANGO_SECRET_KEY=%1\n").arg(secret).toUtf8());
    {
        Workspace workspace;
        EnvImportDialog dialog(&workspace, path);
        dialog.show();
        QCOMPARE(dialog.planTable()->rowCount(), 2);
        QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isImporting(), 60000);
        const QString text = dialog.messageLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("✗ Could not store NANGO_SECRET_KEY in the keychain: No keychain is "
                                                "available:")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("The profile settings were not changed.")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Start a Secret Service")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Environment variables still work meanwhile")), qPrintable(text));
        QVERIFY(dialog.importButton()->isEnabled()); // can try again once the keychain runs
        QVERIFY(workspace.profiles().names().isEmpty());
    }
    {
        // A saved, active profile whose secrets cannot be read: the environment bar says so.
        QSettings settings;
        ProfileStore store(&settings);
        Profile p;
        p.name = QStringLiteral("dev");
        QVERIFY(!store.save(p));
        QVERIFY(!store.setActive(p.name));
        Workspace workspace;
        EnvironmentBar bar(&workspace);
        bar.show();
        QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets(), 60000);
        QCOMPARE(workspace.secretsError().code, QStringLiteral("no_backend"));
        QVERIFY(!workspace.isConfigured());
        auto *keychain = bar.findChild<QLabel *>(QStringLiteral("secretsError"));
        QVERIFY(keychain && keychain->isVisible());
        QCOMPARE(
            keychain->text(), QStringLiteral("⚠ No keychain: secrets not loaded — environment variables still work"));
        QVERIFY(keychain->toolTip().contains(QStringLiteral("Start a Secret Service")));
    }
    QVERIFY(QFile::remove(path));
    const QStringList hits = filesContaining(scratchRoot(), { secret });
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
}

CROSSLINE_KEYCHAIN_TEST_MAIN(TestEnvImportDialog)
#include "tst_envimportdialog.moc"
