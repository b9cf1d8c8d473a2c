// The Connections page against the sandbox: rows appear, search and filter narrow them, the import dialog reports
// Nango's verdict in plain words (its own checkbox, not the CLI's flag), delete needs the id typed (Delete waits for
// it, a wrong id keeps the question open), errors show inline and keep the rows, a profile switch leaves nothing of
// the previous profile on screen or actionable, and Tab walks the page as it reads.
#include "dialogs/importconnectiondialog.h"
#include "models/connectionsmodel.h"
#include "pages/connectionspage.h"
#include "workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace crossline;

namespace {
// The push button of `parent` whose text, without its mnemonic, is `text`.
QPushButton *buttonNamed(QWidget *parent, const QString &text)
{
    for (auto *b : parent->findChildren<QPushButton *>()) {
        if (b->text().remove(QLatin1Char('&')) == text)
            return b;
    }
    return nullptr;
}

// What a screen reader calls the widget with the focus (its class when it has no accessible name).
QString focusedName()
{
    const QWidget *w = QApplication::focusWidget();
    if (!w)
        return QStringLiteral("(none)");
    return w->accessibleName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->accessibleName();
}
} // namespace

class TestConnectionsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rowsAppear();
    void searchAndFilter();
    void importVerdicts();
    void importAsksBeforeReplacing();
    void deleteNeedsTheIdTyped();
    void errorShowsInlineAndKeepsRows();
    void switchingProfileClearsThePage();
    void tabWalksThePageInReadingOrder();
    void errorsStayInViewWhenNarrow();

private:
    int visibleRows() const { return m_page->table()->model()->rowCount(); }
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ConnectionsPage> m_page;
};

void TestConnectionsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectionspage"));
    m_workspace = std::make_unique<Workspace>();
    QVERIFY(m_workspace->startSandbox());
    m_page = std::make_unique<ConnectionsPage>(m_workspace.get());
    m_page->resize(1100, 600);
    m_page->show();
}

void TestConnectionsPage::rowsAppear()
{
    QTRY_VERIFY_WITH_TIMEOUT(visibleRows() >= 4, 10000);
    QStringList ids;
    for (int r = 0; r < visibleRows(); ++r)
        ids << m_page->table()->model()->index(r, ConnectionsModel::ConnectionId).data().toString();
    QVERIFY(ids.contains(QStringLiteral("conn_abc123")));
    QVERIFY(ids.contains(QStringLiteral("conn_twilio_1")));
    // selecting a row fills the side panel
    const int row = int(ids.indexOf(QStringLiteral("conn_twilio_1")));
    m_page->table()->selectRow(row);
    QCOMPARE(m_page->detailTitle()->text(), QStringLiteral("conn_twilio_1"));
}

void TestConnectionsPage::searchAndFilter()
{
    // The search has its clear button from the first character typed (it is enabled then, not at start-up).
    QTest::keyClicks(m_page->searchField(), QStringLiteral("t"));
    QToolButton *clear = nullptr;
    for (auto *b : m_page->searchField()->findChildren<QToolButton *>())
        if (b->isVisible())
            clear = b;
    QVERIFY(clear);
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_COMPARE(m_page->searchField()->text(), QString());
    QTest::keyClicks(m_page->searchField(), QStringLiteral("twilio"));
    QCOMPARE(visibleRows(), 1);
    m_page->searchField()->clear();
    const int all = visibleRows();
    const int index = m_page->integrationFilter()->findData(QStringLiteral("whatsapp-business"));
    QVERIFY(index > 0);
    m_page->integrationFilter()->setCurrentIndex(index);
    QVERIFY(visibleRows() < all);
    for (int r = 0; r < visibleRows(); ++r)
        QCOMPARE(m_page->table()->model()->index(r, ConnectionsModel::Integration).data().toString(),
            QStringLiteral("whatsapp-business"));
    m_page->integrationFilter()->setCurrentIndex(0);
    QCOMPARE(visibleRows(), all);
}

void TestConnectionsPage::importVerdicts()
{
    ImportConnectionDialog dialog(m_workspace.get(), m_page->model()->integrations());
    dialog.show();
    QVERIFY(!dialog.importButton()->isEnabled());
    QTest::keyClicks(dialog.connectionIdField(), QStringLiteral("ui-import"));
    QTest::keyClicks(dialog.tokenField(), QStringLiteral("not-a-meta-token"));
    QCOMPARE(dialog.tokenField()->echoMode(), QLineEdit::Password);
    // A visible show/hide toggle, whatever the desktop's icon theme (a line edit shows its actions' icons only).
    QAction *reveal = nullptr;
    for (QAction *a : dialog.tokenField()->actions()) {
        if (a->isCheckable())
            reveal = a;
    }
    QVERIFY(reveal);
    QVERIFY(!reveal->icon().pixmap(16, 16).isNull());
    reveal->toggle();
    QCOMPARE(dialog.tokenField()->echoMode(), QLineEdit::Normal);
    reveal->toggle();
    QCOMPARE(dialog.tokenField()->echoMode(), QLineEdit::Password);
    QVERIFY(dialog.importButton()->isEnabled());
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.verdictLabel()->text().startsWith(QStringLiteral("✗")), 10000);
    QVERIFY2(dialog.verdictLabel()->text().contains(QStringLiteral("could not verify this token")),
        qPrintable(dialog.verdictLabel()->text()));
    // The way out is this dialog's checkbox, not the command line's flag.
    QVERIFY2(!dialog.verdictLabel()->text().contains(QStringLiteral("--skip-verification")),
        qPrintable(dialog.verdictLabel()->text()));
    QVERIFY2(dialog.verdictLabel()->text().contains(QStringLiteral("tick “Import without verification”")),
        qPrintable(dialog.verdictLabel()->text()));
    QCOMPARE(dialog.connectionIdField()->text(), QStringLiteral("ui-import")); // nothing lost

    dialog.tokenField()->clear();
    QTest::keyClicks(dialog.tokenField(), QStringLiteral("EAAGuiImportToken1234567890"));
    QSignalSpy imported(&dialog, &ImportConnectionDialog::imported);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QVERIFY(imported.wait(10000));
    QVERIFY2(dialog.verdictLabel()->text().contains(QStringLiteral("Nango verified the token")),
        qPrintable(dialog.verdictLabel()->text()));
    QVERIFY(dialog.tokenField()->text().isEmpty()); // the token does not linger in the field
}

void TestConnectionsPage::importAsksBeforeReplacing()
{
    // Nango's import silently replaces an existing connection's credentials: the dialog looks first and asks.
    const auto posts = [this] {
        int n = 0;
        for (const auto &r : m_workspace->sandbox()->requests(QStringLiteral("nango")))
            n += r.method == "POST" && r.path == QLatin1String("/connections");
        return n;
    };
    ImportConnectionDialog dialog(m_workspace.get(), m_page->model()->integrations());
    dialog.show();
    dialog.integrationField()->setCurrentText(QStringLiteral("whatsapp-business"));
    QTest::keyClicks(dialog.connectionIdField(), QStringLiteral("conn_abc123"));
    QTest::keyClicks(dialog.tokenField(), QStringLiteral("EAAGreplacementToken1234567890"));
    const int before = posts();
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.question() && dialog.question()->isVisible(), 10000);
    QVERIFY2(dialog.question()->text().startsWith(QStringLiteral("Connection conn_abc123 already exists")),
        qPrintable(dialog.question()->text()));
    QTest::keyClick(dialog.question(), Qt::Key_Return); // out of habit: Cancel is the default
    QTRY_VERIFY(!dialog.question());
    QCOMPARE(dialog.verdictLabel()->text(), QStringLiteral("Not imported: the existing connection is unchanged."));
    QCOMPARE(posts(), before);

    QSignalSpy imported(&dialog, &ImportConnectionDialog::imported);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.question() && dialog.question()->isVisible(), 10000);
    QPushButton *replace = nullptr;
    for (QAbstractButton *b : dialog.question()->buttons()) {
        if (b->text() == QLatin1String("&Replace credentials"))
            replace = qobject_cast<QPushButton *>(b);
    }
    QVERIFY(replace);
    QTest::mouseClick(replace, Qt::LeftButton);
    QVERIFY(imported.wait(10000));
    QCOMPARE(posts(), before + 1);
}

void TestConnectionsPage::deleteNeedsTheIdTyped()
{
    m_page->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_page->model()->rowOf(QStringLiteral("whatsapp-business"), QStringLiteral("ui-import")) >= 0, 10000);
    const int before = m_page->model()->rowCount();
    for (int r = 0; r < visibleRows(); ++r) {
        if (m_page->table()->model()->index(r, 0).data().toString() == QLatin1String("ui-import"))
            m_page->table()->selectRow(r);
    }
    // Delete waits for the id; a wrong one keeps the question open and deletes nothing.
    m_page->deleteSelected();
    QPointer<QDialog> ask = m_page->findChild<QDialog *>();
    QVERIFY(ask);
    QTRY_VERIFY(ask->isVisible());
    auto *typed = ask->findChild<QLineEdit *>();
    QPushButton *remove = buttonNamed(ask, QStringLiteral("Delete"));
    QVERIFY(typed);
    QVERIFY(remove);
    QVERIFY(!remove->isEnabled());
    QTest::keyClicks(typed, QStringLiteral("ui-impor"));
    QVERIFY(!remove->isEnabled());
    QTest::keyClick(typed, Qt::Key_Return); // out of habit: nothing happens
    QTest::mouseClick(remove, Qt::LeftButton);
    QTest::qWait(200);
    QVERIFY(ask);
    QVERIFY(ask->isVisible());
    QCOMPARE(m_page->model()->rowCount(), before);
    QTest::keyClicks(typed, QStringLiteral("x"));
    QVERIFY(!remove->isEnabled());
    auto *check = ask->findChild<QLabel *>(QStringLiteral("deleteConfirmationCheck"));
    QVERIFY(check);
    QCOMPARE(check->text(), QStringLiteral("✗ This is not the connection id (ui-import)."));
    QTest::keyClick(typed, Qt::Key_Backspace);
    QTest::keyClick(typed, Qt::Key_T);
    QVERIFY(remove->isEnabled());
    QTest::keyClick(typed, Qt::Key_Return); // now Delete is the default
    QTRY_VERIFY(!ask);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), before - 1, 10000);
    QCOMPARE(m_workspace->sandbox()->requests(QStringLiteral("nango")).last().method, QByteArray("DELETE"));
}

void TestConnectionsPage::errorShowsInlineAndKeepsRows()
{
    const int before = m_page->model()->rowCount();
    sandbox::Fault f;
    f.kind = sandbox::Fault::Kind::ServerError;
    f.status = 500;
    f.times = -1;
    f.pathPrefix = QStringLiteral("/connections");
    m_workspace->sandbox()->injectFault(f);
    m_page->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->messageLabel()->isVisible(), 10000);
    QVERIFY2(m_page->messageLabel()->text().contains(QStringLiteral("HTTP 500")),
        qPrintable(m_page->messageLabel()->text()));
    QCOMPARE(m_page->model()->rowCount(), before);
    m_workspace->sandbox()->clearFaults();
}

// After a switch the previous profile's connections are gone at once, with nothing left to delete, copy or send
// through; a delete question still open about one of them closes; the new profile's rows arrive unselected.
void TestConnectionsPage::switchingProfileClearsThePage()
{
    sandbox::Sandbox other; // the other profile's Nango
    QVERIFY(other.start());
    Workspace workspace;
    QVERIFY(workspace.startSandbox());
    ConnectionsPage page(&workspace);
    page.resize(1100, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() >= 4, 10000);
    page.table()->selectRow(0);
    const QString selected = page.detailTitle()->text();
    QPushButton *remove = buttonNamed(&page, QStringLiteral("Delete…"));
    QPushButton *send = buttonNamed(&page, QStringLiteral("Send a test message…"));
    QPushButton *copy = buttonNamed(&page, QStringLiteral("Copy id"));
    QVERIFY(remove && send && copy);
    QVERIFY(remove->isEnabled() && send->isEnabled() && copy->isEnabled());
    page.deleteSelected();
    QPointer<QDialog> question = page.findChild<QDialog *>();
    QVERIFY(question);

    // Every secret from the environment: the switch needs no keychain and happens at once.
    const QByteArray key = sandbox::SandboxCredentials::nangoSecretKey().toUtf8();
    qputenv("NANGO_SECRET_KEY", key);
    qputenv("PANORA_API_KEY", "unused-panora-key");
    qputenv("PANORA_CONNECTION_TOKEN", "unused-panora-token");
    auto restore = qScopeGuard([&workspace] {
        qunsetenv("NANGO_SECRET_KEY");
        qunsetenv("PANORA_API_KEY");
        qunsetenv("PANORA_CONNECTION_TOKEN");
        workspace.profiles().remove(QStringLiteral("other"));
    });
    Profile profile;
    profile.name = QStringLiteral("other");
    profile.nangoBase = other.nangoBaseUrl();
    const Error saved = workspace.profiles().save(profile);
    QVERIFY2(!saved, qPrintable(saved.summary()));
    // An Import dialog left open would import into the new profile: the switch closes it (nothing was sent).
    page.openImportDialog();
    QPointer<ImportConnectionDialog> import = page.findChild<ImportConnectionDialog *>();
    QVERIFY(import);
    workspace.useProfile(QStringLiteral("other"));
    QTRY_VERIFY(!import || !import->isVisible());
    QVERIFY(!workspace.isReadingSecrets());
    QVERIFY(!workspace.isSandbox());

    // Before the other Nango answers: nothing of the sandbox's connections is shown or actionable.
    QCOMPARE(page.model()->rowCount(), 0);
    QCOMPARE(page.detailTitle()->text(), QStringLiteral("No connection selected"));
    QVERIFY(!remove->isEnabled());
    QVERIFY(!send->isEnabled());
    QVERIFY(!copy->isEnabled());
    QTRY_VERIFY(!question);
    QVERIFY(!page.messageLabel()->isVisible());

    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() >= 4, 10000);
    QCOMPARE(page.detailTitle()->text(), QStringLiteral("No connection selected"));
    QVERIFY(page.detailTitle()->text() != selected);
    QVERIFY(!remove->isEnabled());
    for (const auto &r : other.requests(QStringLiteral("nango")))
        QVERIFY(r.method != "DELETE");
}

// Tab goes along the bar (search, filter, Refresh, Import, Delete), into the table once (arrows move inside), then
// through the selected connection's panel, and round again.
void TestConnectionsPage::tabWalksThePageInReadingOrder()
{
    QTRY_VERIFY_WITH_TIMEOUT(visibleRows() >= 4, 10000);
    m_page->table()->selectRow(0);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->searchField()->setFocus(Qt::TabFocusReason);
    QStringList names { focusedName() };
    for (int i = 0; i < 9; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        names << focusedName();
    }
    QCOMPARE(names.join(QStringLiteral(" | ")),
        QStringLiteral("Search connections | Integration filter | Refresh connections | Import a connection | "
                       "Delete connection | Connections | Connection details | Copy connection id | "
                       "Send a test message | Search connections"));
    // Tab leaves the table in one step wherever its current cell is.
    m_page->table()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(m_page->table(), Qt::Key_Right);
    QTest::keyClick(m_page->table(), Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("Connection details"));
}

// In a 1024 px window (the page gets about 880 px beside the navigation) the Errors column, where "auth ⚠" says a
// connection is broken, is in view without scrolling; it used to sit past Provider and Created, cut off.
void TestConnectionsPage::errorsStayInViewWhenNarrow()
{
    QTRY_VERIFY_WITH_TIMEOUT(visibleRows() >= 4, 10000);
    m_page->resize(880, 640);
    QTRY_COMPARE(m_page->width(), 880);
    QHeaderView *header = m_page->table()->horizontalHeader();
    QTRY_VERIFY(header->sectionSize(ConnectionsModel::Errors) > 0);
    const int right
        = header->sectionViewportPosition(ConnectionsModel::Errors) + header->sectionSize(ConnectionsModel::Errors);
    QVERIFY2(
        header->sectionViewportPosition(ConnectionsModel::Errors) >= 0 && right <= m_page->table()->viewport()->width(),
        qPrintable(QStringLiteral("Errors at %1..%2 of %3")
                       .arg(header->sectionViewportPosition(ConnectionsModel::Errors))
                       .arg(right)
                       .arg(m_page->table()->viewport()->width())));
    QCOMPARE(header->visualIndex(ConnectionsModel::Errors), 1);
    m_page->resize(1100, 600);
}

QTEST_MAIN(TestConnectionsPage)
#include "tst_connectionspage.moc"
