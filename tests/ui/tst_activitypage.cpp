// The Activity page lists the requests of the profile in effect as they finish, says what each was (operation,
// recipient or record, connection, outcome), filters them, shows redacted details, turns a read back into a unified
// request and a WhatsApp or SMS send back into the Composer's form, and stays readable at 1024 px.
#include "history/activitymodel.h"
#include "mainwindow.h"
#include "messaging/messagesender.h"
#include "messaging/twiliosms.h"
#include "messaging/whatsappmessage.h"
#include "pages/activitypage.h"
#include "pages/composerpage.h"
#include "workspace.h"

#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyledItemDelegate>
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
    void rowsSayWhatEachRequestWas();
    void whatsAppSendReopensInTheComposer();
    void smsSendReopensInTheComposer();
    void onlyTheProfileInEffectIsShown();
    void readableAt1024();
    void unifiedBodyFor_data();
    void unifiedBodyFor();

private:
    // Sends through the workspace's clients and waits for the answer and its row.
    Result sendWhatsApp(const QString &to, const QString &body);
    Result sendSms(const QString &to, const QString &body);
    int rowOf(ActivityPage *page, const QString &operation, const QString &target) const;
    // Shows the window's Activity page, selects the send's row and clicks "Open in Composer"; the page, or nullptr
    // when the row or the enabled button is missing.
    ActivityPage *reopen(MainWindow *window, const QString &operation, const QString &target);
    QStringList summaryAt(int row) const;

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ActivityPage> m_page;
};

namespace {
Result wait(Job *job)
{
    QSignalSpy done(job, &Job::finished);
    if (!done.wait(10000))
        return Result::failure(Error::make(Error::Kind::Timeout, QStringLiteral("no answer within 10 s")));
    return done.first().first().value<Result>();
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}
} // namespace

Result TestActivityPage::sendWhatsApp(const QString &to, const QString &body)
{
    QJsonObject data = json(R"({"providerConfigKey": "whatsapp-business", "connectionId": "conn_abc123",
                                "phoneNumberId": "123456789012345", "type": "text"})");
    data.insert(QStringLiteral("to"), to);
    data.insert(QStringLiteral("body"), body);
    return wait(m_workspace->clients()->messages()->sendWhatsApp(*WhatsAppMessage::fromJson(data)));
}

Result TestActivityPage::sendSms(const QString &to, const QString &body)
{
    QJsonObject data = json(R"({"providerConfigKey": "twilio", "connectionId": "conn_twilio_1",
                                "from": "+15005550006"})");
    data.insert(QStringLiteral("to"), to);
    data.insert(QStringLiteral("body"), body);
    return wait(m_workspace->clients()->messages()->sendSms(*TwilioSms::fromJson(data)));
}

// The newest row of the page whose operation and target are these, or -1.
int TestActivityPage::rowOf(ActivityPage *page, const QString &operation, const QString &target) const
{
    const ActivityModel *model = page->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, ActivityModel::Operation).data().toString() == operation
            && model->index(r, ActivityModel::Target).data().toString() == target)
            return r;
    }
    return -1;
}

ActivityPage *TestActivityPage::reopen(MainWindow *window, const QString &operation, const QString &target)
{
    window->show();
    window->showPage(MainWindow::Activity);
    auto *activity = static_cast<ActivityPage *>(window->page(MainWindow::Activity));
    if (!QTest::qWaitFor([&] { return rowOf(activity, operation, target) >= 0; }, 5000))
        return nullptr;
    activity->table()->selectRow(rowOf(activity, operation, target));
    auto *button = activity->findChild<QPushButton *>(QStringLiteral("openInComposer"));
    if (!button->isEnabled())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    return activity;
}

QStringList TestActivityPage::summaryAt(int row) const
{
    QStringList out;
    for (int c : { ActivityModel::Operation, ActivityModel::Target, ActivityModel::Connection, ActivityModel::Outcome })
        out << m_page->model()->index(row, c).data().toString();
    return out;
}

void TestActivityPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_activitypage"));
    QSettings().clear();
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
    auto *button = m_page->findChild<QPushButton *>(QStringLiteral("openInUnified"));
    QVERIFY(button && button->isEnabled());
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("openInComposer"))->isEnabled()); // a read, not a send
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(open.count(), 1);
    const QString body = open.first().first().toString();
    QVERIFY2(body.contains(QStringLiteral("\"provider\": \"panora\"")), qPrintable(body));
    QVERIFY(body.contains(QStringLiteral("\"limit\": \"3\"")));
}

// Each row says what it was: a list, a send with its recipient and connection, and the outcome.
void TestActivityPage::rowsSayWhatEachRequestWas()
{
    QVERIFY(sendWhatsApp(QStringLiteral("+15551234567"), QStringLiteral("Your code is 4711")).ok());
    QTRY_VERIFY(rowOf(m_page.get(), QStringLiteral("WhatsApp send"), QStringLiteral("+15551234567")) == 0);
    QCOMPARE(summaryAt(0),
        QStringList({ QStringLiteral("WhatsApp send"), QStringLiteral("+15551234567"),
            QStringLiteral("whatsapp-business / conn_abc123"), QStringLiteral("✓ 200") }));
    // The Panora list of requestsAppearRedacted(), and Nango's connections before it.
    QVERIFY(rowOf(m_page.get(), QStringLiteral("Contacts list"), QString()) > 0);
    QVERIFY(rowOf(m_page.get(), QStringLiteral("Connections list"), QString()) > 0);

    // Refused by Twilio: the code Twilio gave, in the outcome.
    QVERIFY(!sendSms(QStringLiteral("+15005550001"), QStringLiteral("Hi")).ok());
    QTRY_VERIFY(rowOf(m_page.get(), QStringLiteral("SMS send"), QStringLiteral("+15005550001")) == 0);
    QCOMPARE(summaryAt(0).mid(0, 3),
        QStringList(
            { QStringLiteral("SMS send"), QStringLiteral("+15005550001"), QStringLiteral("twilio / conn_twilio_1") }));
    QVERIFY2(summaryAt(0).at(3).startsWith(QStringLiteral("✗ 400 Twilio: ")), qPrintable(summaryAt(0).at(3)));

    // Sent, and no answer came: it may have been delivered.
    sandbox::Fault silent;
    silent.kind = sandbox::Fault::Kind::HandledThenSilent;
    silent.method = "POST";
    silent.pathPrefix = QStringLiteral("/proxy/");
    silent.delayMs = 3000;
    m_workspace->sandbox()->injectFault(silent);
    const HttpPolicy policy = m_workspace->policy();
    HttpPolicy quick = policy;
    quick.timeoutMs = 700;
    m_workspace->setPolicy(quick);
    QCOMPARE(sendWhatsApp(QStringLiteral("+15557654321"), QStringLiteral("Anyone there?")).error.code,
        QStringLiteral("outcome_unknown"));
    m_workspace->setPolicy(policy);
    QTRY_VERIFY(rowOf(m_page.get(), QStringLiteral("WhatsApp send"), QStringLiteral("+15557654321")) == 0);
    QCOMPARE(summaryAt(0).at(3), QStringLiteral("⚠ no answer — may have been delivered"));

    // The search finds a recipient.
    auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("activitySearch"));
    search->setText(QStringLiteral("+1555765"));
    QCOMPARE(m_page->model()->rowCount(), 1);
    search->clear();
}

// "Open in Composer" on a WhatsApp send fills the Composer's form with the connection, the recipient and the text,
// and shows the Composer.
void TestActivityPage::whatsAppSendReopensInTheComposer()
{
    MainWindow window(m_workspace.get());
    QVERIFY(sendWhatsApp(QStringLiteral("+15551230000"), QStringLiteral("Reopen me, please")).ok());
    ActivityPage *activity = reopen(&window, QStringLiteral("WhatsApp send"), QStringLiteral("+15551230000"));
    QVERIFY(activity);
    QVERIFY(!activity->findChild<QPushButton *>(QStringLiteral("openInUnified"))->isEnabled());

    QCOMPARE(window.currentPage(), MainWindow::Composer);
    auto *composer = static_cast<ComposerPage *>(window.page(MainWindow::Composer));
    QVERIFY(composer->isVisible());
    QCOMPARE(composer->channel(), ComposerPage::WhatsApp);
    // Once the connections are listed too, the fields still hold the send's.
    QTRY_VERIFY_WITH_TIMEOUT(
        composer->findChild<QComboBox *>(QStringLiteral("whatsappConnection"))->count() > 0, 10000);
    QCOMPARE(composer->findChild<QComboBox *>(QStringLiteral("whatsappConnection"))->currentText(),
        QStringLiteral("conn_abc123"));
    QCOMPARE(composer->findChild<QLineEdit *>(QStringLiteral("whatsappIntegration"))->text(),
        QStringLiteral("whatsapp-business"));
    QCOMPARE(composer->findChild<QComboBox *>(QStringLiteral("phoneNumberId"))->currentText(),
        QStringLiteral("123456789012345"));
    QCOMPARE(
        composer->findChild<QLineEdit *>(QStringLiteral("whatsappRecipient"))->text(), QStringLiteral("+15551230000"));
    QCOMPARE(composer->findChild<QPlainTextEdit *>(QStringLiteral("whatsappBody"))->toPlainText(),
        QStringLiteral("Reopen me, please"));
    QCOMPARE(composer->validationMessage(), QString()); // ready to send again
    int sends = 0; // and nothing was sent
    for (int r = 0; r < activity->model()->rowCount(); ++r)
        sends += activity->model()->index(r, ActivityModel::Target).data().toString() == QLatin1String("+15551230000");
    QCOMPARE(sends, 1);
}

void TestActivityPage::smsSendReopensInTheComposer()
{
    MainWindow window(m_workspace.get());
    QVERIFY(sendSms(QStringLiteral("+15551239999"), QStringLiteral("Café at 8 + dessert")).ok());
    QVERIFY(reopen(&window, QStringLiteral("SMS send"), QStringLiteral("+15551239999")));

    QCOMPARE(window.currentPage(), MainWindow::Composer);
    auto *composer = static_cast<ComposerPage *>(window.page(MainWindow::Composer));
    QCOMPARE(composer->channel(), ComposerPage::Sms);
    QTRY_VERIFY_WITH_TIMEOUT(composer->findChild<QComboBox *>(QStringLiteral("smsConnection"))->count() > 0, 10000);
    QCOMPARE(composer->findChild<QComboBox *>(QStringLiteral("smsConnection"))->currentText(),
        QStringLiteral("conn_twilio_1"));
    QCOMPARE(composer->findChild<QLineEdit *>(QStringLiteral("smsIntegration"))->text(), QStringLiteral("twilio"));
    QCOMPARE(composer->findChild<QLineEdit *>(QStringLiteral("smsSender"))->text(), QStringLiteral("+15005550006"));
    QVERIFY(composer->findChild<QLineEdit *>(QStringLiteral("smsAccountSid"))->text().startsWith(QLatin1String("AC")));
    QCOMPARE(composer->findChild<QLineEdit *>(QStringLiteral("smsRecipient"))->text(), QStringLiteral("+15551239999"));
    QCOMPARE(composer->findChild<QPlainTextEdit *>(QStringLiteral("smsBody"))->toPlainText(),
        QStringLiteral("Café at 8 + dessert"));
    QCOMPARE(composer->validationMessage(), QString());
}

// Rows of another profile, and rows of no profile (from before the log kept profiles), are not shown; a profile
// switch shows the new profile's rows.
void TestActivityPage::onlyTheProfileInEffectIsShown()
{
    ActivityLog &log = m_workspace->history()->activity();
    auto row = [](const char *url) {
        RequestRecord r;
        r.started = QDateTime::currentDateTimeUtc();
        r.service = QStringLiteral("nango");
        r.method = "GET";
        r.url = QString::fromUtf8(url);
        r.status = 200;
        return r;
    };
    const int before = m_page->model()->rowCount();
    QVERIFY(!log.add(row("http://h/of-alpha"), nullptr, QStringLiteral("alpha")));
    QVERIFY(!log.add(row("http://h/of-no-profile")));
    QVERIFY(!log.add(row("http://h/of-the-sandbox"), nullptr, QStringLiteral("sandbox")));
    QCOMPARE(m_page->model()->rowCount(), before + 1);
    QCOMPARE(
        m_page->model()->index(0, ActivityModel::Url).data().toString(), QStringLiteral("http://h/of-the-sandbox"));

    // Leaving the sandbox: the profile now in effect ("default": none is set up here) shows only its own rows.
    m_workspace->reload();
    const QString other = m_workspace->profileKey();
    QVERIFY(other != QLatin1String("sandbox"));
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(!log.add(row("http://h/of-default"), nullptr, other));
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->index(0, ActivityModel::Url).data().toString(), QStringLiteral("http://h/of-default"));

    // Back in the sandbox, its rows are back.
    QVERIFY(m_workspace->startSandbox());
    QCOMPARE(m_page->model()->rowCount(), before + 1);
    QCOMPARE(
        m_page->model()->index(0, ActivityModel::Url).data().toString(), QStringLiteral("http://h/of-the-sandbox"));
}

// In a 1024 px window the operation, recipient and connection are shown whole, and the outcome has room; the page
// as a person sees it is saved for a look (/tmp/activity-after.png).
void TestActivityPage::readableAt1024()
{
    QVERIFY(sendWhatsApp(QStringLiteral("+15551234567"), QStringLiteral("Hello again")).ok());
    MainWindow window(m_workspace.get());
    window.resize(1024, 700);
    window.show();
    window.showPage(MainWindow::Activity);
    auto *activity = static_cast<ActivityPage *>(window.page(MainWindow::Activity));
    QTRY_VERIFY(rowOf(activity, QStringLiteral("WhatsApp send"), QStringLiteral("+15551234567")) == 0);
    activity->table()->selectRow(0);
    QTest::qWait(100);
    QVERIFY(window.grab().save(QDir::temp().filePath(QStringLiteral("activity-after.png"))));
    const QTableView *table = activity->table();
    const QFontMetrics fm = table->fontMetrics();
    // A cell's text is cut when it is wider than the cell less the style's text margins.
    const int margins = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
    for (int c : { ActivityModel::Time, ActivityModel::Operation, ActivityModel::Target, ActivityModel::Connection }) {
        const auto *delegate = qobject_cast<QStyledItemDelegate *>(
            table->itemDelegateForColumn(c) ? table->itemDelegateForColumn(c) : table->itemDelegate());
        QVERIFY(delegate);
        for (int r = 0; r < qMin(12, activity->model()->rowCount()); ++r) {
            const QString text = delegate->displayText(activity->model()->index(r, c).data(), table->locale());
            QTRY_VERIFY2(fm.horizontalAdvance(text) + margins <= table->columnWidth(c),
                qPrintable(QStringLiteral("\"%1\" is cut: %2 px").arg(text).arg(table->columnWidth(c))));
        }
    }
    int scanned = 0; // what comes before the URL is on screen without scrolling
    for (int c = ActivityModel::Time; c <= ActivityModel::Duration; ++c)
        scanned += table->columnWidth(c);
    QVERIFY2(scanned <= table->viewport()->width(), qPrintable(QString::number(scanned)));
    const QString unknown = QStringLiteral("⚠ no answer — may have been delivered");
    QVERIFY(fm.horizontalAdvance(unknown) + margins <= table->columnWidth(ActivityModel::Outcome));
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
