// The HTTP layer's contract against the sandbox's fault injection: retries for reads only, never for sends,
// timeouts, decoding errors, the size cap, insecure-http refusal, cancellation and redacted records.
#include "sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace crossline;
using sandbox::Fault;
using test::SandboxFixture;

class TestHttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void getRetriedAfter429();
    void getRetriedAfter503UntilSuccess();
    void getRetriesAreBounded();
    void getRetriedAfterReset();
    void sendNeverRepeatedAfter500();
    void sendNeverRepeatedAfterReset();
    void hungServerEndsInTimeout();
    void malformedJsonIsADecodeError();
    void html200SaysCheckTheBaseUrl();
    void truncatedBodyIsAnError();
    void responseSizeIsCapped();
    void plainHttpToRemoteHostRefused();
    void cancellation();
    void recordsAreRedacted();

private:
    Job *sendWhatsApp(ClientSet &clients);
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestHttpClient::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestHttpClient::init()
{
    m_fx->sandbox().clearFaults();
    m_fx->sandbox().clearRequests();
}

static int countPath(const QList<sandbox::RecordedRequest> &requests, const QString &prefix)
{
    int n = 0;
    for (const auto &r : requests)
        n += (!r.upstream && r.path.startsWith(prefix)) ? 1 : 0;
    return n;
}

Job *TestHttpClient::sendWhatsApp(ClientSet &clients)
{
    WhatsAppMessage m;
    m.providerConfigKey = QStringLiteral("whatsapp-business");
    m.connectionId = QStringLiteral("conn_abc123");
    m.phoneNumberId = QStringLiteral("123456789012345");
    m.to = QStringLiteral("+15551234567");
    m.body = QStringLiteral("hello");
    return clients.messages()->sendWhatsApp(m);
}

void TestHttpClient::getRetriedAfter429()
{
    Fault f;
    f.kind = Fault::Kind::TooManyRequests;
    f.pathPrefix = QStringLiteral("/connections");
    f.retryAfterSeconds = 0; // Nango can say 0: we still wait and retry
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(r.attempts, 2);
    QCOMPARE(countPath(m_fx->sandbox().requests(QStringLiteral("nango")), QStringLiteral("/connections")), 2);
    QVERIFY(r.data.toArray().size() >= 3);
}

void TestHttpClient::getRetriedAfter503UntilSuccess()
{
    Fault f;
    f.kind = Fault::Kind::ServerError;
    f.status = 503;
    f.times = 2;
    f.service = QStringLiteral("panora");
    f.pathPrefix = QStringLiteral("/crm/contacts");
    m_fx->sandbox().injectFault(f);
    const Result r
        = SandboxFixture::wait(m_fx->clients().panora()->listPage(QStringLiteral("/crm/contacts"), 5, QString()));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(r.attempts, 3);
    QCOMPARE(r.data.toObject().value(QLatin1String("data")).toArray().size(), 5);
}

void TestHttpClient::getRetriesAreBounded()
{
    Fault f;
    f.kind = Fault::Kind::ServerError;
    f.status = 502;
    f.times = -1;
    f.pathPrefix = QStringLiteral("/connections");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Http);
    QCOMPARE(r.error.httpStatus, 502);
    QCOMPARE(r.attempts, SandboxFixture::fastPolicy().maxAttempts);
    QCOMPARE(countPath(m_fx->sandbox().requests(QStringLiteral("nango")), QStringLiteral("/connections")),
        SandboxFixture::fastPolicy().maxAttempts);
}

void TestHttpClient::getRetriedAfterReset()
{
    Fault f;
    f.kind = Fault::Kind::Reset;
    f.pathPrefix = QStringLiteral("/connections");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    // Either QNAM resent it on a new connection or our retry did: a read may be repeated.
    QCOMPARE(countPath(m_fx->sandbox().requests(QStringLiteral("nango")), QStringLiteral("/connections")), 2);
}

void TestHttpClient::sendNeverRepeatedAfter500()
{
    Fault f;
    f.kind = Fault::Kind::ServerError;
    f.status = 503; // even a "retryable" status: a send is not idempotent
    f.times = -1;
    f.method = "POST";
    f.pathPrefix = QStringLiteral("/proxy/");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(sendWhatsApp(m_fx->clients()));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.httpStatus, 503);
    QCOMPARE(r.attempts, 1);
    QCOMPARE(countPath(m_fx->sandbox().requests(QStringLiteral("nango")), QStringLiteral("/proxy/")), 1);
    const auto recorded = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(recorded.last().header("Retries"), QByteArray("0")); // and Nango is told not to retry either
}

void TestHttpClient::sendNeverRepeatedAfterReset()
{
    Fault f;
    f.kind = Fault::Kind::Reset;
    f.times = -1;
    f.method = "POST";
    f.pathPrefix = QStringLiteral("/proxy/");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(sendWhatsApp(m_fx->clients()));
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Network);
    QVERIFY2(r.error.hint.contains(QLatin1String("may or may not have been delivered")), qPrintable(r.error.summary()));
    QCOMPARE(countPath(m_fx->sandbox().requests(QStringLiteral("nango")), QStringLiteral("/proxy/")), 1);
}

void TestHttpClient::hungServerEndsInTimeout()
{
    HttpPolicy p = SandboxFixture::fastPolicy();
    p.timeoutMs = 700;
    auto clients = m_fx->makeClients(p);
    Fault f;
    f.kind = Fault::Kind::Hang;
    f.delayMs = 5000;
    f.pathPrefix = QStringLiteral("/connections");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(clients->nango()->listConnections());
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, Error::Kind::Timeout);
    QVERIFY2(r.error.message.contains(QLatin1String("did not answer")), qPrintable(r.error.message));
    QCOMPARE(r.attempts, 1); // a timeout is not retried: it already took the whole budget
}

void TestHttpClient::malformedJsonIsADecodeError()
{
    Fault f;
    f.kind = Fault::Kind::MalformedJson;
    f.pathPrefix = QStringLiteral("/connections");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
    QCOMPARE(r.error.kind, Error::Kind::Decode);
    QVERIFY2(r.error.message.contains(QLatin1String("malformed JSON")), qPrintable(r.error.message));
}

void TestHttpClient::html200SaysCheckTheBaseUrl()
{
    Fault f;
    f.kind = Fault::Kind::Html200;
    f.times = -1;
    f.pathPrefix = QStringLiteral("/crm/contacts");
    f.service = QStringLiteral("panora");
    m_fx->sandbox().injectFault(f);
    const Result r
        = SandboxFixture::wait(m_fx->clients().panora()->listPage(QStringLiteral("/crm/contacts"), 5, QString()));
    QCOMPARE(r.error.kind, Error::Kind::Decode);
    QVERIFY2(r.error.hint.contains(QLatin1String("check the base URL")), qPrintable(r.error.hint));
}

void TestHttpClient::truncatedBodyIsAnError()
{
    Fault f;
    f.kind = Fault::Kind::TruncatedBody;
    f.times = -1;
    f.pathPrefix = QStringLiteral("/connections");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
    QVERIFY(!r.ok());
    QVERIFY2(
        r.error.kind == Error::Kind::Network || r.error.kind == Error::Kind::Decode, qPrintable(r.error.summary()));
}

void TestHttpClient::responseSizeIsCapped()
{
    HttpPolicy p = SandboxFixture::fastPolicy();
    p.maxResponseBytes = 4096;
    auto clients = m_fx->makeClients(p);
    const Result r = SandboxFixture::wait(clients->panora()->listPage(QStringLiteral("/crm/contacts"), 200, QString()));
    QCOMPARE(r.error.kind, Error::Kind::Decode);
    QVERIFY2(r.error.message.contains(QLatin1String("larger than")), qPrintable(r.error.message));
}

void TestHttpClient::plainHttpToRemoteHostRefused()
{
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    QSignalSpy records(&http, &HttpClient::requestRecorded);
    HttpRequest req;
    req.url = QUrl(QStringLiteral("http://nango.example.com/connections"));
    const Result r = SandboxFixture::wait(http.send(req));
    QCOMPARE(r.error.kind, Error::Kind::Config);
    QVERIFY(r.error.message.contains(QLatin1String("Refusing plain http://")));
    QCOMPARE(records.count(), 0); // nothing was sent

    HttpPolicy allow;
    allow.allowInsecureHttp = true;
    QVERIFY(HttpClient::checkUrl(req.url, true).isEmpty());
    QVERIFY(HttpClient::checkUrl(QUrl(QStringLiteral("http://127.0.0.1:3003")), false).isEmpty());
    QVERIFY(!HttpClient::checkUrl(QUrl(QStringLiteral("ftp://h/x")), true).isEmpty());
}

void TestHttpClient::cancellation()
{
    Fault f;
    f.kind = Fault::Kind::Latency;
    f.delayMs = 3000;
    f.pathPrefix = QStringLiteral("/connections");
    m_fx->sandbox().injectFault(f);
    Job *job = m_fx->clients().nango()->listConnections();
    QSignalSpy spy(job, &Job::finished);
    QTimer::singleShot(100, job, [job] { job->abort(); });
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.first().first().value<Result>().error.kind, Error::Kind::Cancelled);
}

void TestHttpClient::recordsAreRedacted()
{
    QList<RequestRecord> records;
    connect(m_fx->clients().http(), &HttpClient::requestRecorded, this, [&](const RequestRecord &r) { records << r; });
    ConnectionImport imp;
    imp.providerConfigKey = QStringLiteral("whatsapp-business");
    imp.connectionId = QStringLiteral("redaction-check");
    imp.apiKey = QStringLiteral("EAAGredactionCheckToken1234567890");
    imp.skipVerification = true; // the legacy endpoint echoes the token back: the record must not
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->importConnection(imp));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(records.size(), 1);
    const RequestRecord &rec = records.first();
    QCOMPARE(rec.status, 201);
    QByteArray everything = rec.url.toUtf8() + rec.requestBody + rec.responseBody + rec.error.toUtf8();
    for (const auto &h : rec.requestHeaders + rec.responseHeaders)
        everything += h.first + h.second;
    QVERIFY(!everything.contains("EAAGredactionCheckToken1234567890"));
    QVERIFY(!everything.contains(sandbox::SandboxCredentials::nangoSecretKey().toUtf8()));
    QVERIFY(rec.requestBody.contains("[redacted]"));
    QVERIFY(!QJsonDocument(r.data.toObject()).toJson().contains("EAAGredactionCheckToken"));
    // The User-Agent the server saw
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).last().header("User-Agent"), HttpClient::userAgent());
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
