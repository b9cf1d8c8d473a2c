// The Unified page: an example becomes a valid body, a bad edit names the field and disables Send, Ctrl+Enter sends
// and the response tree shows the provider's answer, Copy as curl hides every secret, a profile switch clears the
// previous profile's response.
#include "nango/nangoclient.h"
#include "pages/unifiedpage.h"
#include "widgets/jsontree.h"
#include "workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace crossline;

class TestUnifiedPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exampleIsValid();
    void badEditNamesTheField();
    void sendShowsTheResponse();
    void providerErrorShowsCodeAndHint();
    void copyAsCurlHidesSecrets();
    void profileSwitchClearsTheResponse();
    void syncedRecordsExampleOnADeployedNango();

private:
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<UnifiedPage> m_page;
};

void TestUnifiedPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_unifiedpage"));
    m_workspace = std::make_unique<Workspace>();
    QVERIFY(m_workspace->startSandbox());
    m_page = std::make_unique<UnifiedPage>(m_workspace.get());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestUnifiedPage::exampleIsValid()
{
    auto *examples = m_page->findChild<QComboBox *>();
    QVERIFY(examples);
    QCOMPARE(examples->count(), 8); // the placeholder, the original backend's six, and a deployed Nango's records
    examples->setCurrentIndex(4); // "Send a WhatsApp text message via Nango Proxy"
    Q_EMIT examples->activated(4);
    QVERIFY(m_page->editor()->toPlainText().contains(QStringLiteral("Hello from Nango proxy!")));
    QCOMPARE(m_page->validationLabel()->text(), QStringLiteral("✓ create whatsapp.message through nango"));
}

void TestUnifiedPage::badEditNamesTheField()
{
    QString body = m_page->editor()->toPlainText();
    body.replace(QStringLiteral("\"+15551234567\""), QStringLiteral("\"abc\""));
    m_page->editor()->setPlainText(body);
    QTRY_VERIFY(m_page->validationLabel()->text().startsWith(QStringLiteral("✗")));
    QVERIFY2(m_page->validationLabel()->text().contains(QStringLiteral("data.to")),
        qPrintable(m_page->validationLabel()->text()));
    m_page->editor()->setPlainText(QStringLiteral("{\"provider\": \"nango\",\n  \"resource\": }"));
    QTRY_VERIFY(m_page->validationLabel()->text().contains(QStringLiteral("line 2")));
}

void TestUnifiedPage::sendShowsTheResponse()
{
    m_page->setBody(
        QStringLiteral(R"({"provider":"nango","resource":"hr.employee","operation":"get","id":"emp_123"})"));
    m_page->editor()->setFocus();
    QTest::keyClick(m_page->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->statusLabel()->text().startsWith(QStringLiteral("✓ HTTP 200")), 10000);
    const auto items = m_page->responseTree()->findItems(QStringLiteral("id"), Qt::MatchExactly);
    QVERIFY(!items.isEmpty());
    QCOMPARE(items.first()->text(1), QStringLiteral("emp_123"));
}

void TestUnifiedPage::providerErrorShowsCodeAndHint()
{
    m_page->setBody(QStringLiteral(
        R"({"provider":"nango","resource":"twilio.sms","operation":"create","data":{"providerConfigKey":"twilio","connectionId":"conn_twilio_1","from":"+15005550006","to":"+15005550004","body":"hi"}})"));
    m_page->send();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->statusLabel()->text().startsWith(QStringLiteral("✗")), 10000);
    QVERIFY2(
        m_page->statusLabel()->text().contains(QStringLiteral("21610")), qPrintable(m_page->statusLabel()->text()));
    QVERIFY(m_page->statusLabel()->text().contains(QStringLiteral("START")));
}

void TestUnifiedPage::copyAsCurlHidesSecrets()
{
    const int before = int(m_workspace->sandbox()->requests().size());
    m_page->setBody(
        QStringLiteral(R"({"provider":"panora","resource":"crm.contact","operation":"list","params":{"limit":5}})"));
    const QString curl = m_page->curlCommand();
    QVERIFY2(curl.contains(QStringLiteral("${PANORA_API_KEY}")), qPrintable(curl));
    QVERIFY(curl.contains(QStringLiteral("${PANORA_CONNECTION_TOKEN}")));
    QVERIFY(curl.contains(QStringLiteral("${PANORA_API_URL}/crm/contacts?limit=5")));
    QVERIFY(!curl.contains(sandbox::SandboxCredentials::panoraApiKey()));
    QVERIFY(!curl.contains(sandbox::SandboxCredentials::panoraConnectionToken()));
    QCOMPARE(int(m_workspace->sandbox()->requests().size()), before); // nothing was sent
}

// The response on screen came from the sandbox: under another profile it is gone at once.
void TestUnifiedPage::profileSwitchClearsTheResponse()
{
    Workspace workspace;
    QVERIFY(workspace.startSandbox());
    UnifiedPage page(&workspace);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setBody(QStringLiteral(R"({"provider":"nango","resource":"hr.employee","operation":"get","id":"emp_123"})"));
    page.send();
    QTRY_VERIFY_WITH_TIMEOUT(page.statusLabel()->text().startsWith(QStringLiteral("✓ HTTP 200")), 10000);
    QVERIFY(page.responseTree()->topLevelItemCount() > 0);

    // Every secret from the environment: the switch needs no keychain and happens at once.
    qputenv("NANGO_SECRET_KEY", "unused-nango-key");
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
    profile.nangoBase = QUrl(QStringLiteral("http://127.0.0.1:9"));
    const Error saved = workspace.profiles().save(profile);
    QVERIFY2(!saved, qPrintable(saved.summary()));
    workspace.useProfile(QStringLiteral("other"));
    QVERIFY(!workspace.isSandbox());
    QCOMPARE(page.statusLabel()->text(), QString());
    QCOMPARE(page.responseTree()->topLevelItemCount(), 0);
    const auto *headers = page.findChild<QTableWidget *>();
    QVERIFY(headers);
    QCOMPARE(headers->rowCount(), 0);
    QVERIFY(page.editor()->toPlainText().contains(QStringLiteral("emp_123"))); // what was typed stays
}

// The sandbox started as a deployed Nango (crossline --sandbox --real-nango) answers the synced-records example:
// GET /records for hubspot-acme's Contact model, with Nango's own headers.
void TestUnifiedPage::syncedRecordsExampleOnADeployedNango()
{
    Workspace deployed;
    QString error;
    QVERIFY2(deployed.startSandbox(&error, Workspace::SandboxKind::RealNango), qPrintable(error));
    UnifiedPage page(&deployed);
    page.show();
    auto *examples = page.findChild<QComboBox *>();
    const int index = examples->findData(QStringLiteral("07-nango-synced-contacts.json"));
    QVERIFY(index > 0);
    examples->setCurrentIndex(index);
    Q_EMIT examples->activated(index);
    QTRY_COMPARE(page.validationLabel()->text(), QStringLiteral("✓ list crm.contact through nango"));
    page.send();
    QTRY_VERIFY_WITH_TIMEOUT(page.statusLabel()->text().startsWith(QStringLiteral("✓ HTTP 200")), 10000);
    const auto requests = deployed.sandbox()->requests(QStringLiteral("nango"));
    QVERIFY(!requests.isEmpty());
    QCOMPARE(requests.last().path, QStringLiteral("/records"));
    QCOMPARE(requests.last().header("Connection-Id"), QByteArray("hubspot-acme"));
    QCOMPARE(requests.last().header("Provider-Config-Key"), QByteArray("hubspot"));
    QVERIFY(page.responseTree()->topLevelItemCount() > 0);
    // The Browser's mapping comes with it: contacts are the synced Contact records.
    QVERIFY(deployed.clients()->nango()->recordsMapping(QStringLiteral("crm.contact")));
}

QTEST_MAIN(TestUnifiedPage)
#include "tst_unifiedpage.moc"
