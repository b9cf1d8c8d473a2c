// The production rule in the app: every entry point that sends, creates or imports through a production profile asks
// first, and neither Escape nor Return (Cancel is the default button) sends anything; only the action's own button
// does, once. The Composer's question is covered by tst_composerpage; here the Unified page, Import connection and
// New contact; and the delete question names the production profile. The profile's secrets come from environment
// variables, so no keychain is needed.
#include "dialogs/createcontactdialog.h"
#include "dialogs/importconnectiondialog.h"
#include "pages/connectionspage.h"
#include "pages/unifiedpage.h"
#include "sandbox/sandbox.h"
#include "workspace.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace crossline;

class TestProductionConfirmation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void unifiedPageAsks_data();
    void unifiedPageAsks();
    void unifiedReadsDoNotAsk();
    void importAsks_data();
    void importAsks();
    void newContactAsks_data();
    void newContactAsks();
    void deleteNamesProduction();

private:
    // Waits for the question `parent` opened, checks it names the profile, and answers with `key`
    // (Qt::Key_Escape, Qt::Key_Return) or, for 0, clicks the action's button.
    void answer(QWidget *parent, int key);
    int posts(const QString &service) const;
    void addRows();

    sandbox::Sandbox m_prod;
    std::unique_ptr<Workspace> m_workspace;
};

void TestProductionConfirmation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_productionconfirmation"));
    QSettings().clear();
    QVERIFY(m_prod.start());
    // Every secret from the environment: the resolver never asks the keychain for this profile.
    qputenv("NANGO_SECRET_KEY_PRODTEST", sandbox::SandboxCredentials::nangoSecretKey().toUtf8());
    qputenv("PANORA_API_KEY", sandbox::SandboxCredentials::panoraApiKey().toUtf8());
    qputenv("PANORA_CONNECTION_TOKEN", sandbox::SandboxCredentials::panoraConnectionToken().toUtf8());
    m_workspace = std::make_unique<Workspace>();
    Profile profile;
    profile.name = QStringLiteral("prodtest");
    profile.nangoBase = m_prod.nangoBaseUrl();
    profile.panoraUrl = m_prod.panoraBaseUrl();
    profile.production = true;
    const Error saved = m_workspace->profiles().save(profile);
    QVERIFY2(!saved, qPrintable(saved.message));
    m_workspace->useProfile(QStringLiteral("prodtest"));
    QVERIFY(!m_workspace->isReadingSecrets());
    QVERIFY(m_workspace->config().production);
    QCOMPARE(m_workspace->config().nangoBase.value, m_prod.nangoBaseUrl().toString());
}

void TestProductionConfirmation::cleanupTestCase()
{
    m_workspace->profiles().remove(QStringLiteral("prodtest"));
    m_workspace.reset();
    qunsetenv("NANGO_SECRET_KEY_PRODTEST");
    qunsetenv("PANORA_API_KEY");
    qunsetenv("PANORA_CONNECTION_TOKEN");
}

void TestProductionConfirmation::init()
{
    m_prod.clearRequests();
}

void TestProductionConfirmation::addRows()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expectedPosts");
    QTest::newRow("Escape sends nothing") << int(Qt::Key_Escape) << 0;
    QTest::newRow("Return sends nothing") << int(Qt::Key_Return) << 0;
    QTest::newRow("the action's button sends once") << 0 << 1;
}

void TestProductionConfirmation::answer(QWidget *parent, int key)
{
    QPointer<QMessageBox> box;
    QTRY_VERIFY((box = parent->findChild<QMessageBox *>(QStringLiteral("productionConfirmation"))));
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("prodtest")), qPrintable(box->text()));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    if (key == 0) {
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    } else {
        box->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(box));
        QTest::keyClick(box, Qt::Key(key));
    }
    QTRY_VERIFY(!box || !box->isVisible());
}

int TestProductionConfirmation::posts(const QString &service) const
{
    int n = 0;
    for (const auto &r : m_prod.requests(service))
        n += r.method == "POST";
    return n;
}

void TestProductionConfirmation::unifiedPageAsks_data()
{
    addRows();
}

void TestProductionConfirmation::unifiedPageAsks()
{
    QFETCH(int, key);
    QFETCH(int, expectedPosts);
    UnifiedPage page(m_workspace.get());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setBody(QStringLiteral(
        R"({"provider":"nango","resource":"twilio.sms","operation":"create","data":{"providerConfigKey":"twilio","connectionId":"conn_twilio_1","from":"+15005550006","to":"+15551234567","body":"to production","accountSid":"%1"}})")
                     .arg(sandbox::SandboxCredentials::twilioAccountSid()));
    QTRY_VERIFY(page.validationLabel()->text().startsWith(QStringLiteral("✓")));
    page.send();
    answer(&page, key);
    if (expectedPosts)
        QTRY_VERIFY_WITH_TIMEOUT(page.statusLabel()->text().startsWith(QStringLiteral("✓ HTTP")), 10000);
    else
        QCOMPARE(page.statusLabel()->text(), QStringLiteral("Not sent."));
    QTest::qWait(100);
    QCOMPARE(posts(QStringLiteral("nango")), expectedPosts);
}

void TestProductionConfirmation::unifiedReadsDoNotAsk()
{
    UnifiedPage page(m_workspace.get());
    page.show();
    page.setBody(QStringLiteral(R"({"provider":"nango","resource":"hr.employee","operation":"get","id":"emp_123"})"));
    QTRY_VERIFY(page.validationLabel()->text().startsWith(QStringLiteral("✓")));
    page.send();
    QVERIFY(!page.findChild<QMessageBox *>(QStringLiteral("productionConfirmation")));
    QTRY_VERIFY_WITH_TIMEOUT(page.statusLabel()->text().startsWith(QStringLiteral("✓ HTTP 200")), 10000);
}

void TestProductionConfirmation::importAsks_data()
{
    addRows();
}

void TestProductionConfirmation::importAsks()
{
    QFETCH(int, key);
    QFETCH(int, expectedPosts);
    ImportConnectionDialog dialog(m_workspace.get(), { QStringLiteral("whatsapp-business") });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString id = QStringLiteral("prod-import-%1").arg(key);
    QTest::keyClicks(dialog.connectionIdField(), id);
    QTest::keyClicks(dialog.tokenField(), QStringLiteral("EAAGprodImportToken1234567890"));
    QSignalSpy imported(&dialog, &ImportConnectionDialog::imported);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    answer(&dialog, key);
    if (expectedPosts) {
        QVERIFY(imported.wait(10000));
    } else {
        QCOMPARE(dialog.verdictLabel()->text(), QStringLiteral("Not imported."));
        QVERIFY(dialog.importButton()->isEnabled()); // the form is kept and can be sent after all
    }
    QTest::qWait(100);
    QCOMPARE(posts(QStringLiteral("nango")), expectedPosts);
}

void TestProductionConfirmation::newContactAsks_data()
{
    addRows();
}

void TestProductionConfirmation::newContactAsks()
{
    QFETCH(int, key);
    QFETCH(int, expectedPosts);
    CreateContactDialog dialog(m_workspace.get(), QStringLiteral("panora"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.firstNameField(), QStringLiteral("Grace"));
    QTest::keyClicks(dialog.lastNameField(), QStringLiteral("Hopper"));
    QVERIFY(dialog.createButton()->isEnabled());
    QSignalSpy created(&dialog, &CreateContactDialog::created);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    answer(&dialog, key);
    if (expectedPosts) {
        QVERIFY(created.wait(10000));
    } else {
        QCOMPARE(dialog.messageLabel()->text(), QStringLiteral("Not created."));
        QVERIFY(dialog.createButton()->isEnabled());
        QCOMPARE(dialog.firstNameField()->text(), QStringLiteral("Grace")); // nothing lost
    }
    QTest::qWait(100);
    QCOMPARE(posts(QStringLiteral("panora")), expectedPosts);
}

void TestProductionConfirmation::deleteNamesProduction()
{
    ConnectionsPage page(m_workspace.get());
    page.show();
    page.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(page.table()->model()->rowCount() > 0, 10000);
    page.table()->selectRow(0);
    page.deleteSelected();
    QPointer<QDialog> ask = page.deleteDialog();
    QVERIFY(ask);
    QCOMPARE(ask->windowTitle(), QStringLiteral("Delete from production?"));
    bool named = false;
    for (const QLabel *label : ask->findChildren<QLabel *>())
        named = named || label->text().contains(QStringLiteral("“prodtest” is a production profile"));
    QVERIFY(named);
    ask->reject();
    QTest::qWait(100);
    for (const auto &r : m_prod.requests(QStringLiteral("nango")))
        QVERIFY(r.method != "DELETE");
}

QTEST_MAIN(TestProductionConfirmation)
#include "tst_productionconfirmation.moc"
