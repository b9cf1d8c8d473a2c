// The Browser against the sandbox: rows load as the user scrolls, search filters what is loaded, the detail pane
// shows the fields, New contact validates and creates, Export writes every row (or nothing when cancelled).
#include "dialogs/createcontactdialog.h"
#include "models/pagedrecordsmodel.h"
#include "pages/browserpage.h"
#include "workspace.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace crossline;

class TestBrowserPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstPageThenMoreOnScroll();
    void searchFiltersLoadedRows();
    void detailShowsFields();
    void employeesAndNango();
    void createContactValidatesAndCreates();
    void exportEverything();

private:
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<BrowserPage> m_page;
};

void TestBrowserPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_workspace = std::make_unique<Workspace>();
    QVERIFY(m_workspace->startSandbox());
    m_page = std::make_unique<BrowserPage>(m_workspace.get());
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestBrowserPage::firstPageThenMoreOnScroll()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() >= 100, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    const int first = m_page->model()->loadedCount();
    QVERIFY2(
        m_page->footer()->text().contains(QStringLiteral("more as you scroll")), qPrintable(m_page->footer()->text()));
    // Scroll to the bottom as a person would: the view asks the model for more.
    QScrollBar *bar = m_page->table()->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0, 10000); // the view has laid out the first page
    bar->setValue(bar->maximum());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > first, 10000);
}

void TestBrowserPage::searchFiltersLoadedRows()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->isLoading(), 10000);
    const QString name = m_page->table()->model()->index(3, 0).data().toString();
    QVERIFY(!name.isEmpty());
    QTest::keyClicks(m_page->searchField(), name);
    QVERIFY(m_page->table()->model()->rowCount() >= 1);
    QVERIFY(m_page->table()->model()->rowCount() < m_page->model()->loadedCount());
    QCOMPARE(m_page->table()->model()->index(0, 0).data().toString(), name);
    m_page->searchField()->clear();
}

void TestBrowserPage::detailShowsFields()
{
    m_page->table()->selectRow(0);
    QTreeWidget *fields = m_page->fields();
    QVERIFY(fields->topLevelItemCount() > 3);
    QStringList keys;
    for (int i = 0; i < fields->topLevelItemCount(); ++i)
        keys << fields->topLevelItem(i)->text(0);
    QVERIFY(keys.contains(QStringLiteral("first_name")));
    QVERIFY(keys.contains(QStringLiteral("id")));
}

void TestBrowserPage::employeesAndNango()
{
    QCOMPARE(m_page->kindTabs()->tabText(1), QStringLiteral("Employees")); // from the resource registry
    m_page->kindTabs()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > 0, 10000);
    QCOMPARE(m_page->table()->model()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Status"));
    m_page->providerCombo()->setCurrentIndex(1); // Nango compatible paths
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > 0, 10000);
    QCOMPARE(m_workspace->sandbox()->requests(QStringLiteral("nango")).last().path, QStringLiteral("/hris/employees"));
    m_page->providerCombo()->setCurrentIndex(0);
    m_page->kindTabs()->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->loadedCount() > 0, 10000);
}

void TestBrowserPage::createContactValidatesAndCreates()
{
    CreateContactDialog dialog(m_workspace.get(), QStringLiteral("panora"));
    dialog.show();
    QVERIFY(!dialog.createButton()->isEnabled());
    QTest::keyClicks(dialog.firstNameField(), QStringLiteral("Ada"));
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("Last name is required")));
    QTest::keyClicks(dialog.lastNameField(), QStringLiteral("Lovelace"));
    QTest::keyClicks(dialog.emailField(), QStringLiteral("ada@"));
    QVERIFY2(dialog.messageLabel()->text().contains(QStringLiteral("not an email")),
        qPrintable(dialog.messageLabel()->text()));
    QVERIFY(!dialog.createButton()->isEnabled());
    QTest::keyClicks(dialog.emailField(), QStringLiteral("example.com"));
    QTest::keyClicks(dialog.phoneField(), QStringLiteral("abc"));
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.phoneField()->clear();
    QTest::keyClicks(dialog.phoneField(), QStringLiteral("+44 7700 900123"));
    QVERIFY(dialog.createButton()->isEnabled());
    QSignalSpy created(&dialog, &CreateContactDialog::created);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QVERIFY(created.wait(10000));
    const auto post = m_workspace->sandbox()->requests(QStringLiteral("panora")).last();
    QCOMPARE(post.method, QByteArray("POST"));
    QVERIFY2(post.body.contains("\"phone_number\":\"+447700900123\""), post.body.constData());
    QVERIFY(post.body.contains("\"email_address\":\"ada@example.com\""));
}

void TestBrowserPage::exportEverything()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("contacts.csv"));
    QSignalSpy done(m_page.get(), &BrowserPage::exportFinished);
    m_page->exportCsv(path, true);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toString().startsWith(QStringLiteral("Exported")),
        qPrintable(done.first().first().toString()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    QVERIFY(csv.startsWith("Name,Email,Phone,Created,Id\r\n"));
    QCOMPARE(int(csv.count("\r\n")),
        m_workspace->sandbox()->contactCount() + 1); // every contact (the one created above too) + the header
}

QTEST_MAIN(TestBrowserPage)
#include "tst_browserpage.moc"
