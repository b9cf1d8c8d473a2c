// The Composer page, driven like a person against the sandbox: the recipient check and what it does to Send, a
// WhatsApp text and template send (the bytes the upstream got), a provider error with its code and hint landing in
// the outbox, a send without an answer marked in the outbox and retried only after a question, drafts and outbox
// that belong to their profile, the SMS segment counter, an SMS followed to "delivered", prefill from a connection,
// drafts that survive the page; each channel's own results (the last few, with time, recipient and connection),
// forgotten on a profile switch; template fields in the Tab order where they are shown; a template list that could
// not be loaded says so.
#include "history/historystore.h"
#include "keychaintestenvironment.h"
#include "pages/composer/outboxpanel.h"
#include "pages/composerpage.h"
#include "widgets/messagebubble.h"
#include "widgets/templateparameterform.h"
#include "workspace.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace crossline;

namespace {
const QString kSandbox = QStringLiteral("sandbox");
const QString kAlpha = QStringLiteral("alpha");
const QString kBeta = QStringLiteral("beta");
} // namespace

class TestComposerPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void badRecipientShowsErrorAndDisablesSend();
    void testNumberRecipientWarnsButEnablesSend();
    void whatsAppTextSendShowsMessageId();
    void templateParametersBuildComponents();
    void namedTemplateSendsParameterNames();
    void mediaHeaderAndUrlButtonTemplate();
    void notAllowedRecipientShowsCodeHintAndOutbox();
    void sendWithoutAnswerIsMarkedAndRetryAsksFirst();
    void draftsAndOutboxBelongToTheProfile();
    void smsCounter();
    void smsSendAndTrackStatus();
    void prefillSelectsConnection();
    void draftSurvivesThePage();
    void productionAsksFirst();
    void tabOrderFollowsTheForms();
    void templateFieldsFollowTheTemplateInTabOrder();
    void arrowsWalkTheTemplateList();
    void resultsBelongToTheirChannel();
    void failedTemplateListSaysSo();
    void shortcutsReachTheirParts();
    void screenshots();

private:
    void makePage();
    template <typename T> T *child(const char *name) const
    {
        T *w = m_page->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    void type(QWidget *widget, const QString &text);
    void fillWhatsAppText(const QString &to, const QString &body);
    void chooseTemplate(const QString &label);
    QList<sandbox::RecordedRequest> posts(const QString &service, bool upstream) const;
    // Clicks Send, waits for the message id, and hands back the "template" object of the one upstream send.
    void sendTemplate(QJsonObject *templ);
    // Focuses `from`, presses Tab `count` times and names each widget that got the focus.
    QStringList tabFrom(QWidget *from, int count) const;
    // The same walk, naming each widget as a screen reader does: its accessible name (its class when it has none).
    QStringList accessibleTabFrom(QWidget *from, int count) const;

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ComposerPage> m_page;
};

void TestComposerPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_composerpage"));
    // A fresh database for this run (test mode keeps it away from the user's own).
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(HistoryStore::defaultPath() + suffix);
    m_workspace = std::make_unique<Workspace>();
    QString error;
    QVERIFY2(m_workspace->startSandbox(&error), qPrintable(error));
}

void TestComposerPage::init()
{
    // Each test starts with no drafts and an empty outbox (the page keeps them in the workspace's database), for
    // every profile the tests use.
    HistoryStore *history = m_workspace->history();
    QVERIFY2(history->isOpen(), qPrintable(m_workspace->historyError().summary()));
    QCOMPARE(m_workspace->profileKey(), kSandbox);
    for (const QString &profile : { kSandbox, kAlpha, kBeta }) {
        for (const QString &key : history->drafts().keys(profile))
            QVERIFY(!history->drafts().remove(profile, key));
        for (const OutboxItem &item : history->outbox().items(profile))
            QVERIFY(!history->outbox().remove(item.id));
    }
    m_workspace->sandbox()->clearRequests();
    m_workspace->sandbox()->clearFaults();
}

void TestComposerPage::cleanup()
{
    m_page.reset();
}

void TestComposerPage::makePage()
{
    m_page = std::make_unique<ComposerPage>(m_workspace.get());
    m_page->setDraftSaveDelay(50);
    m_page->resize(1100, 760);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    // The connection list arrives from the sandbox; the first healthy WhatsApp connection is chosen.
    QTRY_VERIFY_WITH_TIMEOUT(child<QComboBox>("whatsappConnection")->count() > 0, 10000);
}

void TestComposerPage::type(QWidget *widget, const QString &text)
{
    widget->setFocus();
    if (auto *edit = qobject_cast<QLineEdit *>(widget))
        edit->selectAll();
    else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
        plain->selectAll();
    QTest::keyClick(widget, Qt::Key_Backspace);
    QTest::keyClicks(widget, text);
}

void TestComposerPage::fillWhatsAppText(const QString &to, const QString &body)
{
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    type(child<QLineEdit>("whatsappRecipient"), to);
    type(child<QPlainTextEdit>("whatsappBody"), body);
}

void TestComposerPage::chooseTemplate(const QString &label)
{
    QTest::mouseClick(child<QRadioButton>("whatsappTypeTemplate"), Qt::LeftButton);
    auto *combo = child<QComboBox>("templateCombo");
    QTRY_VERIFY_WITH_TIMEOUT(combo->count() > 1, 10000);
    const int index = combo->findText(label);
    QVERIFY2(index > 0, qPrintable(label));
    combo->setFocus();
    // Arrow keys move through the closed list and choose, as with a keyboard.
    for (int i = combo->currentIndex(); i < index; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentIndex(), index);
}

QList<sandbox::RecordedRequest> TestComposerPage::posts(const QString &service, bool upstream) const
{
    QList<sandbox::RecordedRequest> out;
    for (const auto &r : m_workspace->sandbox()->requests(service)) {
        if (r.method == "POST" && r.upstream == upstream)
            out.append(r);
    }
    return out;
}

void TestComposerPage::sendTemplate(QJsonObject *templ)
{
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>("messageId")->text().startsWith(QStringLiteral("wamid.")), 10000);
    const auto upstream = posts(QStringLiteral("whatsapp"), true);
    QCOMPARE(upstream.size(), 1);
    *templ = QJsonDocument::fromJson(upstream.first().body).object().value(QLatin1String("template")).toObject();
}

void TestComposerPage::badRecipientShowsErrorAndDisablesSend()
{
    makePage();
    fillWhatsAppText(QStringLiteral("abc"), QStringLiteral("Hello"));
    auto *check = child<QLabel>("whatsappRecipientCheck");
    QVERIFY2(check->text().startsWith(QStringLiteral("✗ ")), qPrintable(check->text()));
    QVERIFY(!child<QPushButton>("sendButton")->isEnabled());
    const QString validation = child<QLabel>("validationLabel")->text();
    QVERIFY2(validation.startsWith(QStringLiteral("✗ Recipient: ")), qPrintable(validation));
}

void TestComposerPage::testNumberRecipientWarnsButEnablesSend()
{
    makePage();
    fillWhatsAppText(QStringLiteral("+15551234567"), QStringLiteral("Hello"));
    const QString check = child<QLabel>("whatsappRecipientCheck")->text();
    QVERIFY2(check.startsWith(QStringLiteral("⚠ +1 555-123-4567")), qPrintable(check));
    QVERIFY2(check.contains(QStringLiteral("not an assigned number")), qPrintable(check));
    QVERIFY(child<QPushButton>("sendButton")->isEnabled());
    QVERIFY(child<QLabel>("validationLabel")->text().startsWith(QStringLiteral("Ready to send")));
    QCOMPARE(m_page->findChild<MessageBubble *>(QStringLiteral("previewBubble"))->bodyText(), QStringLiteral("Hello"));
}

void TestComposerPage::whatsAppTextSendShowsMessageId()
{
    makePage();
    fillWhatsAppText(QStringLiteral("+1 (555) 123-4567"), QStringLiteral("Hello from the composer"));
    QTest::keyClick(child<QPlainTextEdit>("whatsappBody"), Qt::Key_Return, Qt::ControlModifier);
    auto *result = child<QLabel>("resultLabel");
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✓")), 10000);
    QVERIFY2(result->text().contains(QStringLiteral("+15551234567")), qPrintable(result->text()));
    auto *id = child<QLineEdit>("messageId");
    QVERIFY(id->isVisible());
    QVERIFY2(id->text().startsWith(QStringLiteral("wamid.")), qPrintable(id->text()));

    const auto sent = posts(QStringLiteral("nango"), false);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().path, QStringLiteral("/proxy/v20.0/123456789012345/messages"));
    // The newest connection without errors was chosen for us (whatsapp-expired has an auth error).
    QCOMPARE(child<QComboBox>("whatsappConnection")->currentText(), QStringLiteral("whatsapp-prod-1"));
    QCOMPARE(sent.first().header("Connection-Id"), QByteArray("whatsapp-prod-1"));
    const QJsonObject body = QJsonDocument::fromJson(sent.first().body).object();
    QCOMPARE(body.value(QLatin1String("to")).toString(), QStringLiteral("+15551234567")); // normalised to E.164
    QCOMPARE(body.value(QLatin1String("text")).toObject().value(QLatin1String("body")).toString(),
        QStringLiteral("Hello from the composer"));
    QCOMPARE(child<QListWidget>("outboxList")->count(), 0);
}

void TestComposerPage::templateParametersBuildComponents()
{
    makePage();
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    type(child<QLineEdit>("whatsappRecipient"), QStringLiteral("+15551234567"));
    chooseTemplate(QStringLiteral("shipping_update · en_US"));
    QCOMPARE(child<QLineEdit>("templateName")->text(), QStringLiteral("shipping_update"));
    QCOMPARE(child<QLineEdit>("templateLanguage")->text(), QStringLiteral("en_US"));

    // Two empty parameters: Send waits, and says which one.
    QVERIFY(!child<QPushButton>("sendButton")->isEnabled());
    QVERIFY2(child<QLabel>("validationLabel")->text().contains(QStringLiteral("Body {{1}}")),
        qPrintable(child<QLabel>("validationLabel")->text()));
    type(child<QLineEdit>("templateParameter_body:1"), QStringLiteral("Ada"));
    type(child<QLineEdit>("templateParameter_body:2"), QStringLiteral("#4711"));
    QCOMPARE(m_page->findChild<MessageBubble *>(QStringLiteral("previewBubble"))->bodyText(),
        QStringLiteral("Hi Ada, your order #4711 has shipped and is on its way."));
    QVERIFY(child<QPushButton>("sendButton")->isEnabled());

    QJsonObject templ;
    sendTemplate(&templ);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(templ.value(QLatin1String("name")).toString(), QStringLiteral("shipping_update"));
    QCOMPARE(templ.value(QLatin1String("language")).toObject().value(QLatin1String("code")).toString(),
        QStringLiteral("en_US"));
    const QJsonArray expected = QJsonDocument::fromJson(R"([{"type":"body","parameters":[
        {"type":"text","text":"Ada"},{"type":"text","text":"#4711"}]}])")
                                    .array();
    QCOMPARE(templ.value(QLatin1String("components")).toArray(), expected);
}

void TestComposerPage::namedTemplateSendsParameterNames()
{
    makePage();
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    type(child<QLineEdit>("whatsappRecipient"), QStringLiteral("+15551234567"));
    chooseTemplate(QStringLiteral("appointment_reminder · en_US"));
    type(child<QLineEdit>("templateParameter_body:customer_name"), QStringLiteral("Jasper"));
    type(child<QLineEdit>("templateParameter_body:appointment_time"), QStringLiteral("3 May, 10:00"));
    QJsonObject templ;
    sendTemplate(&templ);
    if (QTest::currentTestFailed())
        return;
    const QJsonArray expected = QJsonDocument::fromJson(R"([{"type":"body","parameters":[
        {"type":"text","parameter_name":"customer_name","text":"Jasper"},
        {"type":"text","parameter_name":"appointment_time","text":"3 May, 10:00"}]}])")
                                    .array();
    QCOMPARE(templ.value(QLatin1String("components")).toArray(), expected);
}

// order_receipt has an IMAGE header and a URL button with a dynamic suffix: one field each, checked before sending,
// and sent as header and button components the upstream accepts.
void TestComposerPage::mediaHeaderAndUrlButtonTemplate()
{
    makePage();
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    type(child<QLineEdit>("whatsappRecipient"), QStringLiteral("+15551234567"));
    chooseTemplate(QStringLiteral("order_receipt · en_US"));
    auto *header = child<QLineEdit>("templateParameter_header:image");
    auto *button = child<QLineEdit>("templateParameter_button:0");
    QCOMPARE(header->placeholderText(), QStringLiteral("e.g. https://scontent.example.net/receipt.png"));
    QCOMPARE(button->placeholderText(), QStringLiteral("e.g. A-1042")); // the suffix, not the listing's whole URL
    type(child<QLineEdit>("templateParameter_body:1"), QStringLiteral("Ada"));
    type(child<QLineEdit>("templateParameter_body:2"), QStringLiteral("A-1042"));
    type(button, QStringLiteral("A-1042"));

    // Not a link: Send waits and says what is wrong; nothing reaches the sandbox.
    type(header, QStringLiteral("receipt.png"));
    QVERIFY(!child<QPushButton>("sendButton")->isEnabled());
    QCOMPARE(child<QLabel>("validationLabel")->text(),
        QStringLiteral(
            "✗ Template parameter Header image URL: give a full http(s) link, e.g. https://example.com/receipt.png."));
    QVERIFY(posts(QStringLiteral("whatsapp"), true).isEmpty());

    type(header, QStringLiteral("https://example.com/receipt.png"));
    QVERIFY(child<QPushButton>("sendButton")->isEnabled());
    // The preview shows the header image's link and the button with its filled-in URL.
    auto *bubble = m_page->findChild<MessageBubble *>(QStringLiteral("previewBubble"));
    QCOMPARE(bubble->headerText(), QStringLiteral("Image: https://example.com/receipt.png"));
    QCOMPARE(bubble->bodyText(), QStringLiteral("Thanks Ada, your receipt for order A-1042 is attached."));
    QCOMPARE(bubble->footerText(),
        QStringLiteral("Crossline sandbox\n↗ Track order: https://shop.example.com/track/A-1042"));
    QJsonObject templ;
    sendTemplate(&templ);
    if (QTest::currentTestFailed())
        return;
    const QJsonArray expected = QJsonDocument::fromJson(R"([
        {"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/receipt.png"}}]},
        {"type":"body","parameters":[{"type":"text","text":"Ada"},{"type":"text","text":"A-1042"}]},
        {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"A-1042"}]}])")
                                    .array();
    QCOMPARE(templ.value(QLatin1String("components")).toArray(), expected);
}

void TestComposerPage::notAllowedRecipientShowsCodeHintAndOutbox()
{
    makePage();
    auto *phone = child<QComboBox>("phoneNumberId");
    QTRY_VERIFY_WITH_TIMEOUT(phone->findText(QStringLiteral("109876543210987")) >= 0, 10000);
    type(phone->lineEdit(), QStringLiteral("109876543210987"));
    QVERIFY2(child<QLabel>("phoneNumberHint")->text().contains(QStringLiteral("Test number")),
        qPrintable(child<QLabel>("phoneNumberHint")->text()));
    type(child<QLineEdit>("whatsappRecipient"), QStringLiteral("+16505551234"));
    type(child<QPlainTextEdit>("whatsappBody"), QStringLiteral("Hello"));
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);

    auto *result = child<QLabel>("resultLabel");
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✗")), 10000);
    QVERIFY2(result->text().contains(QStringLiteral("131030")), qPrintable(result->text()));
    const QString hint = child<QLabel>("resultHint")->text();
    QVERIFY2(
        hint.contains(QStringLiteral("test number")) && hint.contains(QStringLiteral("API Setup")), qPrintable(hint));

    // The failed send waits in the outbox; Discard removes it.
    auto *outbox = child<QListWidget>("outboxList");
    QTRY_COMPARE(outbox->count(), 1);
    QVERIFY(outbox->item(0)->text().contains(QStringLiteral("+16505551234")));
    QVERIFY(outbox->item(0)->text().contains(QStringLiteral("131030")));
    const auto stored = m_page->historyStore()->outbox().items(kSandbox);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(m_page->historyStore(), m_workspace->history());
    QCOMPARE(stored.first().profile, kSandbox);
    QVERIFY(!stored.first().outcomeUnknown); // the provider answered: not delivered
    QVERIFY(!outbox->item(0)->text().startsWith(QStringLiteral("⚠")));
    QCOMPARE(
        stored.first().payload.value(QLatin1String("phoneNumberId")).toString(), QStringLiteral("109876543210987"));
    outbox->setCurrentRow(0);
    QVERIFY(child<QPushButton>("outboxRetry")->isEnabled());
    // Retry fails the same way: still one item, now with two attempts.
    QTest::mouseClick(child<QPushButton>("outboxRetry"), Qt::LeftButton);
    QTRY_COMPARE(m_page->historyStore()->outbox().items(kSandbox).value(0).attempts, 2);
    QCOMPARE(outbox->count(), 1);
    outbox->setCurrentRow(0);
    QTest::mouseClick(child<QPushButton>("outboxDiscard"), Qt::LeftButton);
    QTRY_COMPARE(outbox->count(), 0);
}

// The answer to a send never comes (the message reached WhatsApp): the outbox keeps it marked "may have been
// delivered"; Retry asks first, and Return or Escape send nothing; only "Send again" sends, once.
void TestComposerPage::sendWithoutAnswerIsMarkedAndRetryAsksFirst()
{
    const HttpPolicy normal = m_workspace->policy();
    HttpPolicy quick = normal;
    quick.timeoutMs = 700;
    m_workspace->setPolicy(quick);
    auto restorePolicy = qScopeGuard([this, normal] { m_workspace->setPolicy(normal); });
    makePage();
    fillWhatsAppText(QStringLiteral("+15551234567"), QStringLiteral("Did this arrive?"));
    sandbox::Fault silent;
    silent.kind = sandbox::Fault::Kind::HandledThenSilent;
    silent.method = "POST";
    silent.pathPrefix = QStringLiteral("/proxy/");
    silent.delayMs = 5000;
    m_workspace->sandbox()->injectFault(silent);
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);

    auto *outbox = child<QListWidget>("outboxList");
    QTRY_COMPARE_WITH_TIMEOUT(outbox->count(), 1, 10000);
    QCOMPARE(posts(QStringLiteral("nango"), false).size(), 1);
    QCOMPARE(posts(QStringLiteral("whatsapp"), true).size(), 1); // it was delivered
    const QString text = outbox->item(0)->text();
    QVERIFY2(text.startsWith(QStringLiteral("⚠ May have been delivered: WhatsApp to +15551234567")), qPrintable(text));
    QVERIFY2(outbox->item(0)->toolTip().contains(QStringLiteral("could deliver it twice")),
        qPrintable(outbox->item(0)->toolTip()));
    QVERIFY(outbox->item(0)->data(OutboxPanel::OutcomeUnknownRole).toBool());
    const QList<OutboxItem> stored = m_workspace->history()->outbox().items(kSandbox);
    QCOMPARE(stored.size(), 1);
    QVERIFY(stored.first().outcomeUnknown);
    QVERIFY2(stored.first().error.contains(QStringLiteral("it was not sent again")), qPrintable(stored.first().error));
    m_workspace->sandbox()->clearFaults();

    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    auto *sendButton = child<QPushButton>("sendButton");
    // Return and Escape out of habit: Cancel is the default and the escape button.
    for (const Qt::Key key : { Qt::Key_Return, Qt::Key_Escape }) {
        outbox->setCurrentRow(0);
        QTest::mouseClick(child<QPushButton>("outboxRetry"), Qt::LeftButton);
        QPointer<QMessageBox> box = m_page->findChild<QMessageBox *>(QStringLiteral("outcomeUnknownConfirmation"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(QStringLiteral("may already have been delivered"))
                && box->text().contains(QStringLiteral("could deliver it twice")),
            qPrintable(box->text()));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        box->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(box));
        QTest::keyClick(box, key);
        QTRY_VERIFY(!box);
        QCOMPARE(sendButton->text(), QStringLiteral("&Send")); // no send started
        QTest::qWait(100);
        QCOMPARE(posts(QStringLiteral("nango"), false).size(), 1);
        QCOMPARE(m_workspace->history()->outbox().items(kSandbox).value(0).attempts, 1);
    }

    // Confirmed: sent once more, and gone from the outbox.
    outbox->setCurrentRow(0);
    QTest::mouseClick(child<QPushButton>("outboxRetry"), Qt::LeftButton);
    QPointer<QMessageBox> box = m_page->findChild<QMessageBox *>(QStringLiteral("outcomeUnknownConfirmation"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>("messageId")->text().startsWith(QStringLiteral("wamid.")), 10000);
    QCOMPARE(posts(QStringLiteral("nango"), false).size(), 2);
    QTRY_COMPARE(outbox->count(), 0);
    QVERIFY(m_workspace->history()->outbox().items(kSandbox).isEmpty());
}

// A send fails under profile alpha and waits in alpha's outbox. Under beta the outbox is empty and Retry offers
// nothing; the form is beta's (empty). Back under alpha its item and its unsaved draft are there again.
void TestComposerPage::draftsAndOutboxBelongToTheProfile()
{
    CROSSLINE_REQUIRE_KEYCHAIN(); // switching profile reads their other secrets
    sandbox::Sandbox server;
    QVERIFY(server.start());
    qputenv("NANGO_SECRET_KEY_ALPHA", sandbox::SandboxCredentials::nangoSecretKey().toUtf8());
    qputenv("NANGO_SECRET_KEY_BETA", sandbox::SandboxCredentials::nangoSecretKey().toUtf8());
    Workspace workspace;
    auto cleanUp = qScopeGuard([&workspace, this] {
        m_page.reset(); // before the workspace it shows
        workspace.profiles().remove(kAlpha);
        workspace.profiles().remove(kBeta);
        qunsetenv("NANGO_SECRET_KEY_ALPHA");
        qunsetenv("NANGO_SECRET_KEY_BETA");
    });
    for (const QString &name : { kAlpha, kBeta }) {
        Profile profile;
        profile.name = name;
        profile.nangoBase = server.nangoBaseUrl();
        QVERIFY(!workspace.profiles().save(profile));
    }
    auto countPosts = [&server] {
        int n = 0;
        for (const auto &r : server.requests(QStringLiteral("nango")))
            n += r.method == "POST";
        return n;
    };
    HistoryStore *history = workspace.history();
    QVERIFY(history->isOpen());

    workspace.useProfile(kAlpha);
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets() && workspace.config().profileName == kAlpha, 20000);
    QCOMPARE(workspace.profileKey(), kAlpha);
    m_page = std::make_unique<ComposerPage>(&workspace);
    m_page->setDraftSaveDelay(3600 * 1000); // drafts are saved by the profile switch, not by the timer
    m_page->resize(1100, 760);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(child<QComboBox>("whatsappConnection")->count() > 0, 10000);
    fillWhatsAppText(QStringLiteral("+15551234567"), QStringLiteral("Hello from alpha"));
    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ServerError;
    fault.status = 500;
    fault.method = "POST";
    fault.pathPrefix = QStringLiteral("/proxy/");
    server.injectFault(fault);
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    auto *outbox = child<QListWidget>("outboxList");
    QTRY_COMPARE_WITH_TIMEOUT(outbox->count(), 1, 10000);
    QCOMPARE(countPosts(), 1);
    QCOMPARE(history->outbox().items(kAlpha).size(), 1);
    QVERIFY(history->outbox().items(kBeta).isEmpty());
    const qint64 alphaItem = history->outbox().items(kAlpha).first().id;
    type(child<QPlainTextEdit>("whatsappBody"), QStringLiteral("Alpha's unsent draft"));

    workspace.useProfile(kBeta);
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets() && workspace.config().profileName == kBeta, 20000);
    // Alpha's draft was saved under alpha on the way out; beta's form is empty.
    QCOMPARE(
        history->drafts().load(kAlpha, QStringLiteral("composer.whatsapp")).value(QLatin1String("body")).toString(),
        QStringLiteral("Alpha's unsent draft"));
    QCOMPARE(child<QPlainTextEdit>("whatsappBody")->toPlainText(), QString());
    QCOMPARE(child<QLineEdit>("whatsappRecipient")->text(), QString());
    // Alpha's failed send is not beta's result.
    QCOMPARE(child<QLabel>("resultLabel")->text(), QStringLiteral("No WhatsApp message sent yet."));
    QVERIFY(!child<QLabel>("resultHint")->isVisible());
    // Beta's outbox is empty, and alpha's item is not offered for Retry (button, Ctrl+R).
    QCOMPARE(outbox->count(), 0);
    QVERIFY(!child<QPushButton>("outboxRetry")->isVisible());
    QVERIFY(!child<QPushButton>("outboxRetry")->isEnabled());
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    QTest::keyClick(child<QPlainTextEdit>("whatsappBody"), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(child<QPushButton>("sendButton")->text(), QStringLiteral("&Send")); // no send started
    QTest::qWait(100);
    QCOMPARE(countPosts(), 1);
    QCOMPARE(history->outbox().item(alphaItem)->attempts, 1);
    QTRY_VERIFY_WITH_TIMEOUT(child<QComboBox>("whatsappConnection")->count() > 0, 10000);
    type(child<QPlainTextEdit>("whatsappBody"), QStringLiteral("Beta's draft"));

    workspace.useProfile(kAlpha);
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets() && workspace.config().profileName == kAlpha, 20000);
    QCOMPARE(history->drafts().load(kBeta, QStringLiteral("composer.whatsapp")).value(QLatin1String("body")).toString(),
        QStringLiteral("Beta's draft"));
    QCOMPARE(child<QPlainTextEdit>("whatsappBody")->toPlainText(), QStringLiteral("Alpha's unsent draft"));
    QCOMPARE(child<QLineEdit>("whatsappRecipient")->text(), QStringLiteral("+15551234567"));
    QCOMPARE(outbox->count(), 1);
    QVERIFY2(outbox->item(0)->text().contains(QStringLiteral("+15551234567")), qPrintable(outbox->item(0)->text()));
    QCOMPARE(outbox->item(0)->data(Qt::UserRole).toLongLong(), alphaItem);
    // And under alpha it can be retried: sent through alpha, and gone from its outbox.
    outbox->setCurrentRow(0);
    QVERIFY(child<QPushButton>("outboxRetry")->isEnabled());
    QTest::mouseClick(child<QPushButton>("outboxRetry"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(outbox->count(), 0, 10000);
    QCOMPARE(countPosts(), 2);
    QVERIFY(history->outbox().items(kAlpha).isEmpty());
}

void TestComposerPage::smsCounter()
{
    makePage();
    m_page->setChannel(ComposerPage::Sms);
    auto *body = child<QPlainTextEdit>("smsBody");
    type(body, QString(161, QLatin1Char('a')));
    QCOMPARE(child<QLabel>("smsCounter")->text(), QStringLiteral("GSM-7 · 2 segments · 161/306"));
    QCOMPARE(child<QLabel>("smsBudget")->text(), QStringLiteral("161/1600 characters"));

    type(body, QStringLiteral("Hi"));
    body->insertPlainText(QStringLiteral(" 😀")); // pasted: keyClicks cannot type a surrogate pair
    const QString counter = child<QLabel>("smsCounter")->text();
    QVERIFY2(counter.startsWith(QStringLiteral("UCS-2 · 1 segment")), qPrintable(counter));
    QVERIFY(child<QLabel>("smsNote")->text().contains(QStringLiteral("😀")));
}

void TestComposerPage::smsSendAndTrackStatus()
{
    makePage();
    m_page->setStatusPollInterval(100);
    m_page->prefill(QJsonObject { { QStringLiteral("connection_id"), QStringLiteral("conn_twilio_1") },
        { QStringLiteral("provider_config_key"), QStringLiteral("twilio") },
        { QStringLiteral("provider"), QStringLiteral("twilio") } });
    QCOMPARE(m_page->channel(), ComposerPage::Sms);
    type(child<QLineEdit>("smsSender"), QStringLiteral("+15005550006"));
    type(child<QLineEdit>("smsRecipient"), QStringLiteral("+15551234567"));
    type(child<QPlainTextEdit>("smsBody"), QStringLiteral("Hello via Twilio!"));
    QVERIFY2(child<QPushButton>("sendButton")->isEnabled(), qPrintable(child<QLabel>("validationLabel")->text()));
    QTest::keyClick(child<QPlainTextEdit>("smsBody"), Qt::Key_Return, Qt::ControlModifier);

    auto *result = child<QLabel>("resultLabel");
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✓")), 10000);
    QVERIFY2(child<QLineEdit>("messageId")->text().startsWith(QStringLiteral("SM")),
        qPrintable(child<QLineEdit>("messageId")->text()));
    auto *status = child<QLabel>("trackStatus");
    QCOMPARE(status->text(), QStringLiteral("queued"));
    auto *track = child<QPushButton>("trackButton");
    QVERIFY(track->isEnabled());
    QTest::mouseClick(track, Qt::LeftButton);
    QVERIFY(child<QPushButton>("stopTrackingButton")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("queued → sent → delivered"), 10000);
    QVERIFY(!child<QPushButton>("stopTrackingButton")->isEnabled());
    QVERIFY(!track->isEnabled()); // final: nothing more to ask
    // The Account SID was looked up through the proxy, never typed.
    const auto twilio = m_workspace->sandbox()->requests(QStringLiteral("twilio"));
    QVERIFY(std::any_of(twilio.cbegin(), twilio.cend(),
        [](const auto &r) { return r.path.endsWith(QLatin1String("/Accounts.json")); }));
}

void TestComposerPage::prefillSelectsConnection()
{
    makePage();
    m_page->setChannel(ComposerPage::Sms);
    m_page->prefill(QJsonObject { { QStringLiteral("connection_id"), QStringLiteral("whatsapp-prod-1") },
        { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("provider"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("metadata"),
            QJsonObject { { QStringLiteral("phone_number_id"), QStringLiteral("109876543210987") },
                { QStringLiteral("waba_id"), QStringLiteral("102290129340398") } } } });
    QCOMPARE(m_page->channel(), ComposerPage::WhatsApp);
    QCOMPARE(child<QTabWidget>("channelTabs")->currentIndex(), 0);
    QCOMPARE(child<QComboBox>("whatsappConnection")->currentText(), QStringLiteral("whatsapp-prod-1"));
    QCOMPARE(child<QLineEdit>("whatsappIntegration")->text(), QStringLiteral("whatsapp-business"));
    QCOMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("109876543210987"));
    QCOMPARE(child<QLineEdit>("wabaId")->text(), QStringLiteral("102290129340398"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("wabaStatus")->text().contains(QStringLiteral("approved templates")), 10000);
    QCOMPARE(child<QLabel>("wabaStatus")->text(), QStringLiteral("2 phone numbers · 6 approved templates"));
    QVERIFY(QApplication::focusWidget() == child<QLineEdit>("whatsappRecipient"));
}

void TestComposerPage::draftSurvivesThePage()
{
    makePage();
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    auto *connection = child<QComboBox>("whatsappConnection");
    type(connection->lineEdit(), QStringLiteral("conn_abc123"));
    QTest::keyClick(connection->lineEdit(), Qt::Key_Return);
    QCOMPARE(connection->currentIndex(), connection->findText(QStringLiteral("conn_abc123")));
    type(child<QLineEdit>("whatsappRecipient"), QStringLiteral("+15551234567"));
    type(child<QPlainTextEdit>("whatsappBody"), QStringLiteral("Unfinished thought"));
    m_page->setChannel(ComposerPage::Sms);
    type(child<QPlainTextEdit>("smsBody"), QStringLiteral("SMS draft"));
    QTRY_COMPARE(m_page->historyStore()
                     ->drafts()
                     .load(kSandbox, QStringLiteral("composer.sms"))
                     .value(QLatin1String("body"))
                     .toString(),
        QStringLiteral("SMS draft"));
    m_page.reset();

    makePage();
    QCOMPARE(m_page->channel(), ComposerPage::Sms);
    QCOMPARE(child<QPlainTextEdit>("smsBody")->toPlainText(), QStringLiteral("SMS draft"));
    QCOMPARE(child<QPlainTextEdit>("whatsappBody")->toPlainText(), QStringLiteral("Unfinished thought"));
    QCOMPARE(child<QLineEdit>("whatsappRecipient")->text(), QStringLiteral("+15551234567"));
    QCOMPARE(child<QComboBox>("whatsappConnection")->currentText(), QStringLiteral("conn_abc123"));
    QCOMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
}

void TestComposerPage::productionAsksFirst()
{
    CROSSLINE_REQUIRE_KEYCHAIN(); // switching to the profile reads its other secrets
    // A production profile pointing at a sandbox of its own: sends wait for a decision in a dialog.
    sandbox::Sandbox prod;
    QVERIFY(prod.start());
    qputenv("NANGO_SECRET_KEY_PRODTEST", sandbox::SandboxCredentials::nangoSecretKey().toUtf8());
    Workspace workspace;
    Profile profile;
    profile.name = QStringLiteral("prodtest");
    profile.nangoBase = prod.nangoBaseUrl();
    profile.production = true;
    QVERIFY(!workspace.profiles().save(profile));
    workspace.useProfile(QStringLiteral("prodtest"));
    // The profile's other secrets are read from the keychain asynchronously; the switch completes after that.
    QTRY_VERIFY_WITH_TIMEOUT(!workspace.isReadingSecrets() && workspace.config().production, 20000);

    m_page = std::make_unique<ComposerPage>(&workspace);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_COMPARE_WITH_TIMEOUT(
        child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"), 10000);
    type(child<QLineEdit>("whatsappRecipient"), QStringLiteral("+15551234567"));
    type(child<QPlainTextEdit>("whatsappBody"), QStringLiteral("To production"));
    auto countPosts = [&prod] {
        int n = 0;
        for (const auto &r : prod.requests(QStringLiteral("nango")))
            n += r.method == "POST";
        return n;
    };

    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    QPointer<QMessageBox> box = m_page->findChild<QMessageBox *>(QStringLiteral("productionConfirmation"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("prodtest")), qPrintable(box->text()));
    box->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(box));
    QTest::keyClick(box, Qt::Key_Escape); // Cancel is the escape button
    QTRY_VERIFY(!box);
    QTest::qWait(100);
    QCOMPARE(countPosts(), 0);

    // Return out of habit sends nothing either: Cancel is the default button.
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    box = m_page->findChild<QMessageBox *>(QStringLiteral("productionConfirmation"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    box->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(box));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!box);
    QTest::qWait(100);
    QCOMPARE(countPosts(), 0);

    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    box = m_page->findChild<QMessageBox *>(QStringLiteral("productionConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>("messageId")->text().startsWith(QStringLiteral("wamid.")), 10000);
    QCOMPARE(countPosts(), 1);

    m_page.reset();
    workspace.profiles().remove(QStringLiteral("prodtest"));
    qunsetenv("NANGO_SECRET_KEY_PRODTEST");
}

namespace {
// A widget as the tab-order test names it: its object name, else its accessible name, else its class.
QString focusName(const QWidget *w)
{
    if (!w)
        return QStringLiteral("(none)");
    if (!w->objectName().isEmpty() && !w->objectName().startsWith(QLatin1String("qt_")))
        return w->objectName();
    if (!w->accessibleName().isEmpty())
        return w->accessibleName();
    return QString::fromLatin1(w->metaObject()->className());
}
} // namespace

QStringList TestComposerPage::tabFrom(QWidget *from, int count) const
{
    from->setFocus(Qt::OtherFocusReason);
    QStringList names { focusName(QApplication::focusWidget()) };
    for (int i = 0; i < count; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        names << focusName(QApplication::focusWidget());
    }
    return names;
}

// Tab walks each form from top to bottom, as it reads, then Send (skipped while disabled), the preview panel and the
// channel tabs, and comes back; hidden parts (the template fields while Text is chosen, the empty outbox) are skipped.
void TestComposerPage::tabOrderFollowsTheForms()
{
    makePage();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    // The WABA's lists load on their own once a connection is chosen, and Load is disabled (out of the Tab order)
    // while they do: walk the form once they are in.
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    QTRY_VERIFY(child<QPushButton>("wabaLoadButton")->isEnabled());
    const QString sep = QStringLiteral(" | ");
    // (The scroll areas around the forms are no Tab stops: their fields are.)
    QCOMPARE(tabFrom(child<QComboBox>("whatsappConnection"), 12).join(sep),
        QStringLiteral("whatsappConnection | Reload connections | whatsappIntegration | wabaId | wabaLoadButton | "
                       "phoneNumberId | WhatsApp recipient country | whatsappRecipient | whatsappTypeText | "
                       "whatsappBody | whatsappPreviewUrl | QTabBar | whatsappConnection"));
    QTest::mouseClick(child<QRadioButton>("whatsappTypeTemplate"), Qt::LeftButton);
    QCOMPARE(tabFrom(child<QRadioButton>("whatsappTypeTemplate"), 5).join(sep),
        QStringLiteral("whatsappTypeTemplate | templateCombo | templateName | templateLanguage | QTabBar | "
                       "whatsappConnection"));

    QTest::mouseClick(child<QRadioButton>("whatsappTypeText"), Qt::LeftButton);
    fillWhatsAppText(QStringLiteral("+15551234567"), QStringLiteral("x"));
    // Send, once it can send, follows the form it sends (then come the preview, results and outbox).
    QVERIFY(child<QPushButton>("sendButton")->isEnabled());
    QCOMPARE(tabFrom(child<QCheckBox>("whatsappPreviewUrl"), 2).join(sep),
        QStringLiteral("whatsappPreviewUrl | sendButton | QTabBar"));
    m_page->setChannel(ComposerPage::Sms);
    QCOMPARE(tabFrom(child<QComboBox>("smsConnection"), 10).join(sep),
        QStringLiteral("smsConnection | Reload connections | smsIntegration | smsSenderKind | smsSender | "
                       "smsAccountSid | smsAccountLookup | smsRecipient | smsBody | QTabBar | smsConnection"));
}

QStringList TestComposerPage::accessibleTabFrom(QWidget *from, int count) const
{
    const auto name = [](const QWidget *w) {
        if (!w)
            return QStringLiteral("(none)");
        return w->accessibleName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->accessibleName();
    };
    from->setFocus(Qt::TabFocusReason);
    QStringList names { name(QApplication::focusWidget()) };
    for (int i = 0; i < count; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        names << name(QApplication::focusWidget());
    }
    return names;
}

// A template's parameter fields come right after its name and language, where they are shown — not at the end of
// the window's Tab chain, where fields built later would land.
void TestComposerPage::templateFieldsFollowTheTemplateInTabOrder()
{
    makePage();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    chooseTemplate(QStringLiteral("order_receipt · en_US"));
    QTRY_VERIFY(child<QLineEdit>("templateParameter_button:0")->isVisible()); // the layout shows them a turn later
    const QString sep = QStringLiteral(" | ");
    QCOMPARE(accessibleTabFrom(child<QComboBox>("templateCombo"), 7).join(sep),
        QStringLiteral("Approved templates | Template name | Template language code | Template parameter Header image "
                       "URL | Template parameter Body {{1}} | Template parameter Body {{2}} | Template parameter "
                       "Button “Track order” URL suffix | QTabBar"));
    // Another template: its fields take the same place.
    chooseTemplate(QStringLiteral("shipping_update · en_US"));
    QTRY_VERIFY(child<QLineEdit>("templateParameter_body:2")->isVisible());
    QCOMPARE(accessibleTabFrom(child<QLineEdit>("templateLanguage"), 3).join(sep),
        QStringLiteral("Template language code | Template parameter Body {{1}} | Template parameter Body {{2}} | "
                       "QTabBar"));
}

// The arrow keys walk the closed Template box, each template showing its fields, while the focus stays in the box;
// a template chosen in the open list moves the focus on to its first empty field.
void TestComposerPage::arrowsWalkTheTemplateList()
{
    makePage();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    QTest::mouseClick(child<QRadioButton>("whatsappTypeTemplate"), Qt::LeftButton);
    auto *combo = child<QComboBox>("templateCombo");
    QTRY_VERIFY_WITH_TIMEOUT(combo->count() > 3, 10000);
    combo->setFocus(Qt::TabFocusReason);
    for (int i = 1; i <= 3; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        QCOMPARE(combo->currentIndex(), i);
        // The fields are laid out, and shown, a turn later: a focus handed to them would arrive then.
        const QList<QLineEdit *> fields = child<TemplateParameterForm>("templateParameters")->fieldEdits();
        QTRY_VERIFY(std::all_of(fields.cbegin(), fields.cend(), [](const QLineEdit *e) { return e->isVisible(); }));
        QCoreApplication::processEvents();
        QCOMPARE(QApplication::focusWidget(), combo);
        QVERIFY2(combo->currentText().startsWith(child<QLineEdit>("templateName")->text() + QStringLiteral(" · ")),
            qPrintable(combo->currentText()));
    }
    // The open list: Return on a template with parameters chooses it and goes to its first field.
    const int withFields = combo->findText(QStringLiteral("order_receipt · en_US"));
    QVERIFY(withFields > 0);
    combo->showPopup();
    QTRY_VERIFY(combo->view()->isVisible());
    combo->view()->setCurrentIndex(combo->model()->index(withFields, 0));
    QTest::keyClick(combo->view(), Qt::Key_Return);
    QCOMPARE(combo->currentIndex(), withFields);
    // The window's focus (offscreen, the window is not made active again when the popup closes).
    QTRY_COMPARE(m_page->focusWidget(), child<QLineEdit>("templateParameter_header:image"));
}

// WhatsApp and SMS keep their own results: the SMS tab never shows "Accepted by WhatsApp". The latest send says
// when, to whom and through which connection; the ones before it stay listed (five in all).
void TestComposerPage::resultsBelongToTheirChannel()
{
    makePage();
    fillWhatsAppText(QStringLiteral("+15551234567"), QStringLiteral("Message 1"));
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    auto *result = child<QLabel>("resultLabel");
    auto *id = child<QLineEdit>("messageId");
    QTRY_VERIFY_WITH_TIMEOUT(id->text().startsWith(QStringLiteral("wamid.")), 10000);
    const QString whatsAppResult = result->text();
    const QString whatsAppId = id->text();
    QVERIFY2(whatsAppResult.startsWith(QStringLiteral("✓ Accepted by WhatsApp")), qPrintable(whatsAppResult));

    // The SMS tab has sent nothing yet.
    m_page->setChannel(ComposerPage::Sms);
    QVERIFY2(!result->text().contains(QStringLiteral("WhatsApp")), qPrintable(result->text()));
    QCOMPARE(result->text(), QStringLiteral("No SMS sent yet."));
    QVERIFY(!id->isVisible());

    m_page->prefill(QJsonObject { { QStringLiteral("connection_id"), QStringLiteral("conn_twilio_1") },
        { QStringLiteral("provider_config_key"), QStringLiteral("twilio") },
        { QStringLiteral("provider"), QStringLiteral("twilio") } });
    type(child<QLineEdit>("smsSender"), QStringLiteral("+15005550006"));
    type(child<QLineEdit>("smsRecipient"), QStringLiteral("+15551234567"));
    type(child<QPlainTextEdit>("smsBody"), QStringLiteral("Hello via Twilio"));
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(id->text().startsWith(QStringLiteral("SM")), 10000);
    QVERIFY2(result->text().contains(QStringLiteral("by Twilio")), qPrintable(result->text()));
    QVERIFY(child<QLabel>("trackStatus")->isVisible());

    // Back on WhatsApp: its own result, as it was, and no SMS delivery status.
    m_page->setChannel(ComposerPage::WhatsApp);
    QCOMPARE(result->text(), whatsAppResult);
    QCOMPARE(id->text(), whatsAppId);
    QVERIFY(!child<QLabel>("trackStatus")->isVisible());

    // Five more: the latest with its time, recipient and connection; the four before it listed, newest first.
    QString previous = whatsAppId;
    for (int i = 2; i <= 6; ++i) {
        type(child<QPlainTextEdit>("whatsappBody"), QStringLiteral("Message %1").arg(i));
        QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(id->text().startsWith(QStringLiteral("wamid.")) && id->text() != previous, 10000);
        previous = id->text();
    }
    auto *context = m_page->findChild<QLabel *>(QStringLiteral("resultContext"));
    QVERIFY(context);
    QVERIFY(context->isVisible());
    const QRegularExpression when(QStringLiteral(R"(^\d\d:\d\d:\d\d · to \+15551234567 · through whatsapp-prod-1$)"));
    QVERIFY2(when.match(context->text()).hasMatch(), qPrintable(context->text()));
    auto *earlier = m_page->findChild<QListWidget *>(QStringLiteral("resultHistory"));
    QVERIFY(earlier);
    QVERIFY(earlier->isVisible());
    QCOMPARE(earlier->count(), 4);
    const QRegularExpression line(QStringLiteral(R"(^\d\d:\d\d:\d\d ✓ \+15551234567 · whatsapp-prod-1$)"));
    for (int row = 0; row < earlier->count(); ++row) {
        const QString text = earlier->item(row)->text();
        QVERIFY2(line.match(text).hasMatch(), qPrintable(text));
        const QString full = earlier->item(row)->toolTip();
        QVERIFY2(full.contains(QStringLiteral("to +15551234567 · through whatsapp-prod-1\n✓ Accepted by WhatsApp")),
            qPrintable(full));
        QVERIFY(full.contains(QStringLiteral("Message id: wamid.")));
    }
    QVERIFY(!earlier->item(3)->toolTip().contains(whatsAppId)); // the oldest of six is no longer kept

    // The SMS tab still has its one result, and no WhatsApp ones.
    m_page->setChannel(ComposerPage::Sms);
    QVERIFY2(result->text().contains(QStringLiteral("by Twilio")), qPrintable(result->text()));
    QVERIFY(!earlier->isVisible());
}

// The templates could not be listed: the Template box says so and why, never "no approved templates".
void TestComposerPage::failedTemplateListSaysSo()
{
    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ServerError;
    fault.status = 500;
    fault.times = -1;
    fault.method = "GET";
    fault.pathPrefix = QStringLiteral("/proxy/v20.0/102290129340398/message_templates");
    m_workspace->sandbox()->injectFault(fault);
    makePage();
    auto *status = child<QLabel>("wabaStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("✗")), 10000);
    QTest::mouseClick(child<QRadioButton>("whatsappTypeTemplate"), Qt::LeftButton);
    const QString shown = child<QComboBox>("templateCombo")->itemText(0);
    QVERIFY2(shown.startsWith(QStringLiteral("✗ The templates could not be loaded: ")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("500")), qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("no approved templates")), qPrintable(shown));
}

// The page's shortcuts reach the part that does the work: Alt+2/Alt+1 switch the channel, Ctrl+L loads the WABA's
// lists (WhatsApp tab only), Ctrl+Shift+L looks the Account SID up (SMS tab only).
void TestComposerPage::shortcutsReachTheirParts()
{
    makePage();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    auto *status = child<QLabel>("wabaStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("approved templates")), 10000);
    m_workspace->sandbox()->clearRequests();

    QTest::keyClick(child<QLineEdit>("whatsappRecipient"), Qt::Key_2, Qt::AltModifier);
    QCOMPARE(m_page->channel(), ComposerPage::Sms);
    QTest::keyClick(child<QPlainTextEdit>("smsBody"), Qt::Key_L, Qt::ControlModifier); // not on the SMS tab
    QTest::qWait(100);
    QVERIFY(m_workspace->sandbox()->requests(QStringLiteral("nango")).isEmpty());

    QTest::keyClick(child<QPlainTextEdit>("smsBody"), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    auto *sid = child<QLineEdit>("smsAccountSid");
    QTRY_VERIFY_WITH_TIMEOUT(sid->text().startsWith(QStringLiteral("AC")), 10000);

    QTest::keyClick(child<QPlainTextEdit>("smsBody"), Qt::Key_1, Qt::AltModifier);
    QCOMPARE(m_page->channel(), ComposerPage::WhatsApp);
    m_workspace->sandbox()->clearRequests();
    QTest::keyClick(child<QPlainTextEdit>("whatsappBody"), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(status->text(), QStringLiteral("Loading phone numbers and templates…"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("2 phone numbers · 6 approved templates"), 10000);
    QCOMPARE(m_workspace->sandbox()->requests(QStringLiteral("nango")).size(), 2);
}

void TestComposerPage::screenshots()
{
    makePage();
    QTRY_COMPARE(child<QComboBox>("phoneNumberId")->currentText(), QStringLiteral("123456789012345"));
    type(child<QLineEdit>("whatsappRecipient"), QStringLiteral("+1 555 123 4567"));
    chooseTemplate(QStringLiteral("shipping_update · en_US"));
    type(child<QLineEdit>("templateParameter_body:1"), QStringLiteral("Ada"));
    type(child<QLineEdit>("templateParameter_body:2"), QStringLiteral("#4711"));
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>("messageId")->text().startsWith(QStringLiteral("wamid.")), 10000);
    QVERIFY(m_page->grab().save(QDir::temp().filePath(QStringLiteral("composer-whatsapp.png"))));

    m_page->setStatusPollInterval(100);
    m_page->prefill(QJsonObject { { QStringLiteral("connection_id"), QStringLiteral("conn_twilio_1") },
        { QStringLiteral("provider_config_key"), QStringLiteral("twilio") },
        { QStringLiteral("provider"), QStringLiteral("twilio") } });
    type(child<QLineEdit>("smsSender"), QStringLiteral("+15005550006"));
    type(child<QLineEdit>("smsRecipient"), QStringLiteral("+15551234567"));
    type(child<QPlainTextEdit>("smsBody"),
        QStringLiteral("Your Crossline verification code is 482 913. It expires in 10 minutes. If you did not ask "
                       "for it, ignore this message - nobody from our team will ever ask you for it."));
    QTest::mouseClick(child<QPushButton>("sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("trackButton")->isEnabled(), 10000);
    QTest::mouseClick(child<QPushButton>("trackButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("trackStatus")->text().endsWith(QStringLiteral("delivered")), 10000);
    QVERIFY(m_page->grab().save(QDir::temp().filePath(QStringLiteral("composer-sms.png"))));
}

QTEST_MAIN(TestComposerPage)
#include "tst_composerpage.moc"
