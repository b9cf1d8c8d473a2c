// The Activity page lists every request as it finishes, filters it, shows redacted details, and turns a read back
// into a unified request.
#include "history/activitymodel.h"
#include "pages/activitypage.h"
#include "workspace.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace crossline;

class TestActivityPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void requestsAppearRedacted();
    void filters();
    void openInUnified();
    void unifiedBodyFor_data();
    void unifiedBodyFor();

private:
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ActivityPage> m_page;
};

void TestActivityPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_workspace = std::make_unique<Workspace>();
    QVERIFY(m_workspace->startSandbox());
    m_workspace->history()->activity().clear();
    m_page = std::make_unique<ActivityPage>(m_workspace.get());
    m_page->show();
}

void TestActivityPage::requestsAppearRedacted()
{
    const int before = m_page->model()->rowCount();
    Job *list = m_workspace->clients()->nango()->listConnections();
    QSignalSpy done(list, &Job::finished);
    QVERIFY(done.wait(10000));
    Job *contacts = m_workspace->clients()->panora()->listPage(QStringLiteral("/crm/contacts"), 3, QString());
    QSignalSpy done2(contacts, &Job::finished);
    QVERIFY(done2.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), before + 2, 5000);
    m_page->table()->selectRow(0); // newest first: the Panora list
    const QString detail = m_page->detail()->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("x-api-key: [redacted]")), qPrintable(detail));
    QVERIFY(!detail.contains(sandbox::SandboxCredentials::panoraApiKey()));
    QVERIFY(!detail.contains(sandbox::SandboxCredentials::nangoSecretKey()));
}

void TestActivityPage::filters()
{
    auto combos = m_page->findChildren<QComboBox *>();
    QComboBox *service = nullptr;
    for (QComboBox *c : combos)
        if (c->accessibleName() == QLatin1String("Provider filter"))
            service = c;
    QVERIFY(service);
    const int index = service->findData(QStringLiteral("panora"));
    QVERIFY(index > 0);
    service->setCurrentIndex(index);
    QVERIFY(m_page->model()->rowCount() >= 1);
    for (int r = 0; r < m_page->model()->rowCount(); ++r)
        QVERIFY(m_page->model()->recordAt(r).service == QLatin1String("panora"));
    service->setCurrentIndex(0);
}

void TestActivityPage::openInUnified()
{
    m_page->table()->selectRow(0);
    QSignalSpy open(m_page.get(), &ActivityPage::openInUnifiedRequested);
    auto *button = m_page->findChild<QPushButton *>();
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(open.count(), 1);
    const QString body = open.first().first().toString();
    QVERIFY2(body.contains(QStringLiteral("\"provider\": \"panora\"")), qPrintable(body));
    QVERIFY(body.contains(QStringLiteral("\"limit\": \"3\"")));
}

void TestActivityPage::unifiedBodyFor_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("contains");
    QTest::newRow("nango get") << "nango" << QByteArray("GET") << "http://h/hris/employees/emp%20123"
                               << "\"id\": \"emp 123\"";
    QTest::newRow("post is not a read") << "nango" << QByteArray("POST") << "http://h/crm/contacts"
                                        << "";
    QTest::newRow("base path in front") << "panora" << QByteArray("GET") << "http://h/api/v1/crm/contacts?limit=3"
                                        << "\"operation\": \"list\"";
    QTest::newRow("a path that merely contains one")
        << "nango" << QByteArray("GET") << "http://h/crm/contacts/abc/notes"
        << "";
    QTest::newRow("panora cannot create employees, but reads them")
        << "panora" << QByteArray("GET") << "http://h/hris/employees/e1"
        << "\"resource\": \"hr.employee\"";
    QTest::newRow("proxy is not unified") << "nango" << QByteArray("GET") << "http://h/proxy/2010-04-01/Accounts.json"
                                          << "";
}

void TestActivityPage::unifiedBodyFor()
{
    QFETCH(QString, service);
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QString, contains);
    const QString body = ActivityPage::unifiedBodyFor(service, method, url);
    if (contains.isEmpty())
        QVERIFY(body.isEmpty());
    else
        QVERIFY2(body.contains(contains), qPrintable(body));
}

QTEST_MAIN(TestActivityPage)
#include "tst_activitypage.moc"
