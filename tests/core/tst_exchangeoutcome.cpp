#include "clientset.h"
#include "messaging/messagesender.h"
#include "messaging/twiliosms.h"
#include "messaging/whatsappmessage.h"
#include "nango/nangoclient.h"
#include "sandboxfixture.h"

#include <QTcpServer>
#include <QTest>

using namespace crossline;
using sandbox::Fault;
using test::SandboxFixture;

// How an exchange that ends without a complete answer is reported: a deadline for the whole exchange and a stall
// limit (a server that drips its answer cannot keep a request running), and for a request that changes something,
// "not sent" (nothing left this machine, or only a read failed) versus "outcome unknown" (sent, no answer).
class TestExchangeOutcome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void sendWithoutAnAnswerIsOutcomeUnknown();
    void sendToNothingIsNotSent();
    void failedAccountSidLookupSaysTheSmsWasNotSent();
    void importWithoutAnAnswerSaysCheckTheConnections();
    void drippingAnswerEndsAtTheDeadline();
    void stalledAnswerEndsAtTheStallLimit();

private:
    static WhatsAppMessage message();
    int count(const QString &service, const QString &pathPrefix) const;
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestExchangeOutcome::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestExchangeOutcome::init()
{
    m_fx->sandbox().clearFaults();
    m_fx->sandbox().clearRequests();
}

WhatsAppMessage TestExchangeOutcome::message()
{
    WhatsAppMessage m;
    m.providerConfigKey = QStringLiteral("whatsapp-business");
    m.connectionId = QStringLiteral("conn_abc123");
    m.phoneNumberId = QStringLiteral("123456789012345");
    m.to = QStringLiteral("+15551234567");
    m.body = QStringLiteral("hello");
    return m;
}

int TestExchangeOutcome::count(const QString &service, const QString &pathPrefix) const
{
    int n = 0;
    for (const auto &r : m_fx->sandbox().requests(service))
        n += r.path.startsWith(pathPrefix);
    return n;
}

void TestExchangeOutcome::sendWithoutAnAnswerIsOutcomeUnknown()
{
    // The message reaches WhatsApp; Nango's answer never comes.
    HttpPolicy policy = SandboxFixture::fastPolicy();
    policy.timeoutMs = 700;
    auto clients = m_fx->makeClients(policy);
    Fault f;
    f.kind = Fault::Kind::HandledThenSilent;
    f.method = "POST";
    f.pathPrefix = QStringLiteral("/proxy/");
    f.delayMs = 5000;
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(clients->messages()->sendWhatsApp(message()));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.code, QStringLiteral("outcome_unknown"));
    QCOMPARE(r.error.kind, Error::Kind::Timeout);
    QCOMPARE(r.error.message,
        QStringLiteral("127.0.0.1 did not answer within 0.7 s; the request had been sent, and it was not sent again."));
    QCOMPARE(r.error.hint,
        MessageSender::tr("The message may have been delivered: check with the recipient (or the "
                          "provider's log) before sending it again."));
    QVERIFY(!r.error.hint.contains(QLatin1String("raise the timeout"))); // following that hint would send it twice
    QCOMPARE(count(QStringLiteral("nango"), QStringLiteral("/proxy/")), 1);
    QCOMPARE(count(QStringLiteral("whatsapp"), QStringLiteral("/")), 1); // it was delivered
}

void TestExchangeOutcome::sendToNothingIsNotSent()
{
    // A port nobody listens on: the connection is refused, nothing leaves this machine.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    ResolvedConfig config;
    config.nangoBase.value = QStringLiteral("http://127.0.0.1:%1").arg(port);
    config.nangoKey.value = sandbox::SandboxCredentials::nangoSecretKey();
    ClientSet clients(config, SandboxFixture::fastPolicy());
    const Result r = SandboxFixture::wait(clients.messages()->sendWhatsApp(message()));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.code, QStringLiteral("not_sent"));
    QVERIFY2(r.error.message.startsWith(QLatin1String("Nothing was sent: could not reach 127.0.0.1")),
        qPrintable(r.error.message));
    QCOMPARE(r.error.hint, QStringLiteral("Check the server and the network; sending it again is safe."));
}

void TestExchangeOutcome::failedAccountSidLookupSaysTheSmsWasNotSent()
{
    HttpPolicy policy = SandboxFixture::fastPolicy();
    policy.timeoutMs = 700;
    policy.maxAttempts = 1;
    auto clients = m_fx->makeClients(policy);
    Fault f;
    f.kind = Fault::Kind::Hang;
    f.method = "GET";
    f.pathPrefix = QStringLiteral("/proxy/2010-04-01/Accounts.json");
    f.delayMs = 5000;
    m_fx->sandbox().injectFault(f);
    const Expected<TwilioSms> sms = TwilioSms::fromJson(QJsonObject {
        { QStringLiteral("providerConfigKey"), QStringLiteral("twilio") },
        { QStringLiteral("connectionId"), QStringLiteral("conn_twilio_1") },
        { QStringLiteral("from"), QStringLiteral("+15005550006") },
        { QStringLiteral("to"), QStringLiteral("+15551234567") }, { QStringLiteral("body"), QStringLiteral("hi") } });
    QVERIFY(sms);
    const Result r = SandboxFixture::wait(clients->messages()->sendSms(*sms));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Timeout);
    QCOMPARE(r.error.message,
        QStringLiteral(
            "The SMS was not sent: looking up the Account SID failed. 127.0.0.1 did not answer within 0.7 s."));
    QVERIFY(r.error.code != QLatin1String("outcome_unknown"));
    QCOMPARE(count(QStringLiteral("twilio"), QStringLiteral("/2010-04-01/Accounts/")), 0);
}

void TestExchangeOutcome::importWithoutAnAnswerSaysCheckTheConnections()
{
    HttpPolicy policy = SandboxFixture::fastPolicy();
    policy.timeoutMs = 700;
    auto clients = m_fx->makeClients(policy);
    Fault f;
    f.kind = Fault::Kind::HandledThenSilent;
    f.method = "POST";
    f.pathPrefix = QStringLiteral("/connections");
    f.delayMs = 5000;
    m_fx->sandbox().injectFault(f);
    ConnectionImport import;
    import.providerConfigKey = QStringLiteral("whatsapp-business");
    import.connectionId = QStringLiteral("imported-while-silent");
    import.apiKey = QStringLiteral("EAAGm0PX4ZCpsBAKZCZAbcdefghijklmnop");
    const Result r = SandboxFixture::wait(clients->nango()->importConnection(import));
    QCOMPARE(r.error.code, QStringLiteral("outcome_unknown"));
    QCOMPARE(r.error.hint,
        QStringLiteral("The connection may have been created: list the connections (nango connections) before "
                       "importing again."));
    // It was: Nango created it although no answer came.
    const Result list = SandboxFixture::wait(m_fx->clients().nango()->getConnection(
        QStringLiteral("whatsapp-business"), QStringLiteral("imported-while-silent")));
    QVERIFY2(list.ok(), qPrintable(list.error.summary()));
    QCOMPARE(count(QStringLiteral("nango"), QStringLiteral("/connections")), 2); // the import, the check; no resend
}

void TestExchangeOutcome::drippingAnswerEndsAtTheDeadline()
{
    // Headers at once, then one byte every 200 ms: the stall limit never trips, the deadline does.
    HttpPolicy policy = SandboxFixture::fastPolicy();
    policy.timeoutMs = 1500;
    policy.stallMs = 1000;
    auto clients = m_fx->makeClients(policy);
    Fault f;
    f.kind = Fault::Kind::Drip;
    f.pathPrefix = QStringLiteral("/connections");
    f.delayMs = 200;
    f.times = -1;
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(clients->nango()->listConnections());
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Timeout);
    QCOMPARE(r.error.message, QStringLiteral("127.0.0.1 started answering but did not finish within 1.5 s."));
    QCOMPARE(r.attempts, 1);
}

void TestExchangeOutcome::stalledAnswerEndsAtTheStallLimit()
{
    // Headers and a first byte, then nothing for longer than the stall limit, well within the deadline.
    HttpPolicy policy = SandboxFixture::fastPolicy();
    policy.timeoutMs = 10000;
    policy.stallMs = 500;
    auto clients = m_fx->makeClients(policy);
    Fault f;
    f.kind = Fault::Kind::Drip;
    f.pathPrefix = QStringLiteral("/connections");
    f.delayMs = 8000;
    f.times = -1;
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(clients->nango()->listConnections());
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Timeout);
    QCOMPARE(r.error.message, QStringLiteral("127.0.0.1 sent nothing for 0.5 s."));
}

QTEST_GUILESS_MAIN(TestExchangeOutcome)
#include "tst_exchangeoutcome.moc"
