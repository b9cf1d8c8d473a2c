// The Connections page against the sandbox: rows appear, search and filter narrow them, the import dialog reports
// Nango's verdict in plain words, delete needs the id typed, errors show inline and keep the rows.
#include "dialogs/importconnectiondialog.h"
#include "models/connectionsmodel.h"
#include "pages/connectionspage.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace crossline;

class TestConnectionsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rowsAppear();
    void searchAndFilter();
    void importVerdicts();
    void deleteNeedsTheIdTyped();
    void errorShowsInlineAndKeepsRows();

private:
    int visibleRows() const { return m_page->table()->model()->rowCount(); }
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ConnectionsPage> m_page;
};

void TestConnectionsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
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
    QVERIFY(dialog.importButton()->isEnabled());
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.verdictLabel()->text().startsWith(QStringLiteral("✗")), 10000);
    QVERIFY2(dialog.verdictLabel()->text().contains(QStringLiteral("could not verify this token")),
        qPrintable(dialog.verdictLabel()->text()));
    QVERIFY(dialog.verdictLabel()->text().contains(QStringLiteral("--skip-verification")));
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
    // Wrong id typed: nothing deleted.
    m_page->deleteSelected();
    auto *ask = m_page->findChild<QInputDialog *>();
    QVERIFY(ask);
    ask->setTextValue(QStringLiteral("nope"));
    ask->accept();
    QTest::qWait(200);
    QCOMPARE(m_page->model()->rowCount(), before);
    m_page->deleteSelected();
    ask = m_page->findChild<QInputDialog *>();
    QVERIFY(ask);
    ask->setTextValue(QStringLiteral("ui-import"));
    ask->accept();
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

QTEST_MAIN(TestConnectionsPage)
#include "tst_connectionspage.moc"
