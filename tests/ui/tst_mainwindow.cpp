// The frame: first run shows the welcome page; "Try the sandbox" makes every page usable; Ctrl+1…5 navigate; the
// environment bar says SANDBOX; the last page is restored; the sandbox stays one choice in the profile box after a
// profile was created and chosen; pages are built when first shown and take their place in the Tab order.
#include "config/profilestore.h"
#include "history/historystore.h"
#include "keychaintestenvironment.h"
#include "mainwindow.h"
#include "pages/composerpage.h"
#include "pages/connectionspage.h"
#include "pages/welcomepage.h"
#include "secrets/secretstore.h"
#include "translations.h"
#include "widgets/environmentbar.h"
#include "workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>

using namespace crossline;

namespace {

// A saved profile with nothing but its name, the active one while this lives.
struct ActiveProfile
{
    explicit ActiveProfile(const QString &profileName)
        : name(profileName)
    {
        Profile profile;
        profile.name = name;
        m_active = !m_profiles.save(profile) && !m_profiles.setActive(name);
    }
    ~ActiveProfile()
    {
        m_profiles.remove(name);
        m_profiles.setActive(QString());
    }
    bool isActive() const { return m_active; }

    const QString name;

private:
    QSettings m_settings;
    ProfileStore m_profiles { &m_settings };
    bool m_active = false;
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void welcomeThenSandbox();
    void nothingStoredMeansNoKeychainRead();
    void historyOpensAfterTheFirstAnswer();
    void shortcutsNavigate();
    void lastPageRestored();
    void aboutShowsVersionsAndLicence();
    void pluralsComeFromTheEnglishTranslation();
    void sandboxStaysAChoice();
    void startingTheSandboxAgainSaysSo();
    void sandboxStartReadsNoKeychain();
    void pagesBuiltWhenFirstShown();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

void TestMainWindow::welcomeThenSandbox()
{
    CROSSLINE_REQUIRE_KEYCHAIN();
    // ctest's environment has no NANGO_*/PANORA_* variables and no profile: the keychain is asked for the "default"
    // profile's secrets (as crossline-cli does), and with none stored the welcome page shows.
    Workspace workspace;
    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets(), 20000);
    QVERIFY(window.isShowingWelcome());
    QVERIFY(!window.navigation()->isEnabled());
    QCommandLinkButton *sandbox = nullptr;
    for (auto *b : window.findChildren<QCommandLinkButton *>())
        if (b->text() == QLatin1String("Try the sandbox"))
            sandbox = b;
    QVERIFY(sandbox);
    QTest::mouseClick(sandbox, Qt::LeftButton);
    QVERIFY(!window.isShowingWelcome());
    QVERIFY(window.navigation()->isEnabled());
    QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Sandbox started")));
    bool badge = false;
    for (auto *l : window.findChildren<QLabel *>())
        badge = badge || (l->isVisible() && l->text() == QLatin1String("SANDBOX"));
    QVERIFY(badge);
}

// welcomeThenSandbox read the default profile's entries and found none: a later start asks the keychain nothing
// (no keychain library is loaded: docs/PERFORMANCE.md). For a profile, the first start reads its entries; once
// they are known to be absent the next start reads none; a key stored afterwards, as `crossline-cli secret set`
// stores it, is read at the next start. (A profile of its own: other tests share the keyring's "default".)
void TestMainWindow::nothingStoredMeansNoKeychainRead()
{
    CROSSLINE_REQUIRE_KEYCHAIN();
    {
        Workspace workspace;
        QVERIFY(!workspace.isReadingSecrets());
        QVERIFY(!workspace.isConfigured());
    }
    ActiveProfile profile(QStringLiteral("tst-mainwindow-index"));
    QVERIFY(profile.isActive());
    SecretStore store;
    const QString name = ConfigResolver::nangoKeyName();
    auto removeSecrets = qScopeGuard([&] { SecretStore::waitFor(store.removeAll(profile.name)); });
    {
        Workspace workspace;
        QVERIFY(workspace.isReadingSecrets()); // nothing known about this profile's entries yet
        QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets(), 20000);
        QVERIFY(!workspace.isConfigured());
    }
    {
        Workspace workspace;
        QVERIFY(!workspace.isReadingSecrets());
        QCOMPARE(workspace.config().profileName, profile.name);
    }
    const QString key = QStringLiteral("sk-tst-mainwindow-7c41");
    QVERIFY(SecretStore::waitFor(store.write(profile.name, name, key)).ok());
    Workspace workspace;
    QVERIFY(workspace.isReadingSecrets());
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets(), 20000);
    QVERIFY(workspace.isConfigured());
    QCOMPARE(workspace.config().nangoKey.value, key);
    QCOMPARE(workspace.config().nangoKey.source, ValueSource::Keychain);
}

// The history file opens after the first answer (HistoryOpenDelayMs later), not before the first request; that request
// is in the activity log all the same.
void TestMainWindow::historyOpensAfterTheFirstAnswer()
{
    Workspace workspace;
    QVERIFY(workspace.startSandbox());
    QVERIFY(!workspace.isHistoryOpened());
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    Job *job = workspace.clients()->nango()->listConnections();
    QSignalSpy finished(job, &Job::finished);
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(workspace.isHistoryOpened());
    QVERIFY2(workspace.history()->isOpen(), qPrintable(workspace.historyError().summary()));
    ActivityLog &log = workspace.history()->activity();
    log.flush();
    const QList<ActivityEntry> rows = log.recent(QStringLiteral("sandbox"), 1);
    QCOMPARE(rows.size(), 1);
    QVERIFY2(rows.first().record.url.endsWith(QLatin1String("/connections")), qPrintable(rows.first().record.url));
    QVERIFY(rows.first().record.started >= before);
}

void TestMainWindow::shortcutsNavigate()
{
    Workspace workspace;
    QVERIFY(workspace.startSandbox());
    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Composer);
    QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Activity);
    window.close();
}

void TestMainWindow::lastPageRestored()
{
    Workspace workspace;
    QVERIFY(workspace.startSandbox());
    MainWindow window(&workspace);
    QCOMPARE(window.currentPage(), MainWindow::Activity); // saved by the previous test's close
}

void TestMainWindow::aboutShowsVersionsAndLicence()
{
    Workspace workspace;
    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_F1);
    auto *box = window.findChild<QMessageBox *>();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("Crossline " CROSSLINE_VERSION)), qPrintable(box->text()));
    QVERIFY(box->text().contains(QString::fromLatin1(qVersion())));
    // Crossline is Apache-2.0; the homepage is CMake's (project(HOMEPAGE_URL)), shown as a link.
    QVERIFY2(box->text().contains(QStringLiteral("Licensed under the Apache-2.0 licence")), qPrintable(box->text()));
    const QString homepage = QStringLiteral(CROSSLINE_HOMEPAGE);
    QVERIFY(homepage.startsWith(QStringLiteral("https://")));
    QVERIFY2(box->text().contains(QStringLiteral("<a href=\"%1\">%1</a>").arg(homepage)), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("Copyright " CROSSLINE_COPYRIGHT)), qPrintable(box->text()));
    // Show Details: the third-party notices, then the full text of LICENSE — the file the installers show.
    QFile licence(qEnvironmentVariable("CROSSLINE_SOURCE_DIR") + QStringLiteral("/LICENSE"));
    QVERIFY(licence.open(QIODevice::ReadOnly | QIODevice::Text));
    const QString expected = QString::fromUtf8(licence.readAll());
    QVERIFY(expected.contains(QStringLiteral("Apache License\n                           Version 2.0, January 2004")));
    const QString details = box->detailedText();
    QVERIFY2(details.endsWith(QStringLiteral("\n\n") + expected), qPrintable(details.left(600)));
    for (const char *notice : { "cpp-httplib (Copyright (c) 2022 Yuji Hirose, MIT licence)", "Qt libraries (LGPL-3.0",
             "QtKeychain (BSD-3-Clause)", "libphonenumber (Apache-2.0)" })
        QVERIFY2(details.contains(QLatin1String(notice)), notice);
    box->close();
}

// What main() installs: without it the status bar would read "4 connection(s) · loaded in 12 ms".
void TestMainWindow::pluralsComeFromTheEnglishTranslation()
{
    const char *context = "crossline::ConnectionsPage";
    const char *source = "%n connection(s) · loaded in %1 ms";
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 4).arg(12),
        QStringLiteral("4 connection(s) · loaded in 12 ms"));
    QVERIFY(installTranslations(QCoreApplication::instance()));
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 4).arg(12),
        QStringLiteral("4 connections · loaded in 12 ms"));
    QCOMPARE(QCoreApplication::translate(context, source, nullptr, 1).arg(12),
        QStringLiteral("1 connection · loaded in 12 ms"));
}

// Chooses the profile box's entry whose data is `data` with the arrow keys, as a person would (each step activates).
static void choose(QComboBox *box, const QString &data)
{
    for (int step = 0; step < 10 && box->currentData().toString() != data; ++step) {
        const int target = box->findData(data);
        if (target < 0)
            return;
        QTest::keyClick(box, target > box->currentIndex() ? Qt::Key_Down : Qt::Key_Up);
    }
}

// Creating a profile and switching to it does not take the sandbox out of the box: choosing it again starts it.
void TestMainWindow::sandboxStaysAChoice()
{
    CROSSLINE_REQUIRE_KEYCHAIN(); // switching to the profile reads its secrets
    Workspace workspace;
    QVERIFY(workspace.startSandbox());
    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QComboBox *box = window.findChild<EnvironmentBar *>()->profileCombo();
    const QString alpha = QStringLiteral("alpha");
    auto cleanUp = qScopeGuard([&workspace, alpha] { workspace.profiles().remove(alpha); });
    auto entries = [box] {
        QStringList out;
        for (int i = 0; i < box->count(); ++i)
            out << box->itemData(i).toString();
        return out.join(QStringLiteral(", "));
    };

    // As the Profiles dialog does after creating one.
    Profile profile;
    profile.name = alpha;
    profile.nangoBase = QUrl(QStringLiteral("http://127.0.0.1:9"));
    QVERIFY(!workspace.profiles().save(profile));
    workspace.profilesEdited();
    QCOMPARE(box->currentData().toString(), QStringLiteral("sandbox"));
    QCOMPARE(entries(), QStringLiteral("sandbox, alpha"));

    box->setFocus();
    choose(box, alpha);
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets(), 20000);
    QVERIFY(!workspace.isSandbox());
    QCOMPARE(workspace.config().profileName, alpha);
    QCOMPARE(box->currentData().toString(), alpha);
    QCOMPARE(entries(), QStringLiteral("sandbox, alpha"));

    choose(box, QStringLiteral("sandbox"));
    QVERIFY(workspace.isSandbox());
    QCOMPARE(box->currentData().toString(), QStringLiteral("sandbox"));
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Sandbox started")),
        qPrintable(window.statusBar()->currentMessage()));
}

// Starting the sandbox while it runs says so instead of "started"; asking for the other kind is refused with how to
// get it, and the running one stays as it is.
void TestMainWindow::startingTheSandboxAgainSaysSo()
{
    Workspace workspace;
    MainWindow window(&workspace);
    window.startSandbox();
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Sandbox started")),
        qPrintable(window.statusBar()->currentMessage()));
    sandbox::Sandbox *running = workspace.sandbox();
    window.startSandbox();
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("The sandbox is already running."));
    window.startRealNangoSandbox();
    auto *box = window.findChild<QMessageBox *>();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("already running with the original backend's paths")),
        qPrintable(box->text()));
    QVERIFY(box->text().contains(QStringLiteral("--sandbox --real-nango")));
    QCOMPARE(workspace.sandbox(), running);
    QCOMPARE(workspace.sandboxKind(), Workspace::SandboxKind::CompatiblePaths);
    box->close();
}

// `crossline --sandbox` builds its Workspace with Start::Sandbox: the active profile's keychain entries, which would
// be read otherwise, are not (the sandbox replaces them), and no welcome page is built while the sandbox's module
// loads.
void TestMainWindow::sandboxStartReadsNoKeychain()
{
    ActiveProfile profile(QStringLiteral("tst-mainwindow-sandbox-start")); // nothing known about its entries
    QVERIFY(profile.isActive());
    {
        Workspace configured;
        QVERIFY(configured.isReadingSecrets()); // the contrast: an ordinary start reads them
    }
    Workspace workspace(Workspace::Start::Sandbox);
    QVERIFY(!workspace.isReadingSecrets());
    QVERIFY(workspace.isAwaitingSandbox());
    MainWindow window(&workspace);
    QVERIFY(!window.isShowingWelcome());
    QVERIFY(!window.findChild<WelcomePage *>());
    window.startSandbox();
    QVERIFY(workspace.isSandbox());
    QVERIFY(!workspace.isAwaitingSandbox());
    QVERIFY(!workspace.isReadingSecrets());
    QVERIFY(!window.isShowingWelcome());
}

void TestMainWindow::pagesBuiltWhenFirstShown()
{
    QSettings().remove(QStringLiteral("window/page")); // start on Connections
    Workspace workspace;
    QVERIFY(workspace.startSandbox());
    MainWindow window(&workspace);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Start-up builds the page on screen only: no welcome page (a profile is configured), no Composer yet.
    QVERIFY(window.findChild<ConnectionsPage *>());
    QVERIFY(!window.findChild<WelcomePage *>());
    QVERIFY(!window.findChild<ComposerPage *>());

    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    auto *composer = window.findChild<ComposerPage *>();
    QVERIFY(composer);
    QVERIFY(composer->isVisible());
    // Built after the frame, the page still comes right after the navigation when tabbing, not after About.
    window.navigation()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), window.navigation());
    QTest::keyClick(window.navigation(), Qt::Key_Tab);
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(composer->isAncestorOf(focus), focus ? focus->metaObject()->className() : "no focus widget");
    // …and About Crossline still comes after the page: Shift+Tab from it goes back into the page.
    QToolButton *about = nullptr;
    for (auto *b : window.findChildren<QToolButton *>())
        if (b->text() == QLatin1String("About Crossline"))
            about = b;
    QVERIFY(about);
    about->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), about);
    QTest::keyClick(about, Qt::Key_Backtab, Qt::ShiftModifier);
    focus = QApplication::focusWidget();
    QVERIFY2(composer->isAncestorOf(focus), focus ? focus->metaObject()->className() : "no focus widget");
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
