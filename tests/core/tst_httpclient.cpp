// The HTTP layer's contract against the sandbox's fault injection: retries for reads only, never for sends,
// Retry-After, timeouts, decoding errors, the size cap, insecure-http refusal, cancellation and redacted records.
// Redirects and the HTTP-date form of Retry-After, which the sandbox never answers, against a StubHttpServer.
#include "sandboxfixture.h"
#include "stubhttpserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace crossline;
using sandbox::Fault;
using test::SandboxFixture;
using test::StubHttpServer;

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
    void retryAfterSecondsDelaysTheRetry();
    void retryAfterHttpDateDelaysTheRetry();
    void retryAfterBeyondTheBudgetEndsAtOnce();
    void sendNeverRepeatedAfter500();
    void sendNeverRepeatedAfterReset();
    void crossOriginRedirectSendsNothingThere_data();
    void crossOriginRedirectSendsNothingThere();
    void sameOriginRedirectOfASend_data();
    void sameOriginRedirectOfASend();
    void hungServerEndsInTimeout();
    void malformedJsonIsADecodeError();
    void bareJsonValueIsNamed();
    void html200SaysCheckTheBaseUrl();
    void truncatedBodyIsAnError();
    void responseSizeIsCapped();
    void plainHttpToRemoteHostRefused();
    void controlCharacterInAHeaderSendsNothing();
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

// The key a StubHttpServer must never see anywhere but at the origin it was given for.
static const QByteArray stubKey = QByteArrayLiteral("7d3f0c2a-9b1e-4c5d-8e6f-0a1b2c3d4e5f");

// A request to a StubHttpServer as NangoClient makes one: the secret key as a bearer token, listed as a secret.
static HttpRequest stubRequest(const QUrl &base, const QString &path, const QByteArray &method = "GET")
{
    HttpRequest r;
    r.method = method;
    r.url = base.resolved(QUrl(path));
    r.service = QStringLiteral("nango");
    r.setHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + stubKey);
    r.secrets << QString::fromLatin1(stubKey);
    if (method != "GET") {
        r.idempotent = false; // a send
        r.setJsonBody(QJsonDocument(QJsonObject { { QStringLiteral("body"), QStringLiteral("once") } }));
    }
    return r;
}

// Answers the first request 429 with Nango's envelope and `retryAfter()` as Retry-After, every later one 200 [].
static StubHttpServer::Responder rateLimitedOnce(const std::function<QByteArray()> &retryAfter)
{
    return [retryAfter, answered = 0](const StubHttpServer::Request &) mutable {
        if (answered++ > 0)
            return StubHttpServer::json(200, "[]");
        StubHttpServer::Response r = StubHttpServer::json(429, R"({"error":{"code":"too_many_request"}})");
        r.headers.append({ QByteArrayLiteral("Retry-After"), retryAfter() });
        return r;
    };
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

// The milliseconds between the first two requests' arrival at `server` (they must be two: a 429, then the retry).
static qint64 retryGap(const StubHttpServer &server)
{
    const QList<StubHttpServer::Request> requests = server.requests();
    return requests.size() == 2 ? requests.at(1).arrivedMs - requests.at(0).arrivedMs : -1;
}

// fastPolicy()'s backoff is tens of milliseconds: only Retry-After can hold the retry back for a second. (A lower
// bound only; 950 ms because a coarse QTimer may fire up to 5 % early.)
void TestHttpClient::retryAfterSecondsDelaysTheRetry()
{
    StubHttpServer server(rateLimitedOnce([] { return QByteArrayLiteral("1"); }));
    QVERIFY(server.isListening());
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    http.setPolicy(SandboxFixture::fastPolicy());
    const Result r = SandboxFixture::wait(http.send(stubRequest(server.url(), QStringLiteral("/connections"))));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(r.attempts, 2);
    QCOMPARE(server.requestCount(), 2);
    const qint64 gap = retryGap(server);
    QVERIFY2(gap >= 950, qPrintable(QStringLiteral("the retry arrived %1 ms after the first request").arg(gap)));
}

// The other form of Retry-After (RFC 9110 §10.2.3): an HTTP-date, which servers send as an IMF-fixdate in GMT.
void TestHttpClient::retryAfterHttpDateDelaysTheRetry()
{
    const auto inTwoSeconds = [] {
        return QLocale::c()
            .toString(QDateTime::currentDateTimeUtc().addSecs(2), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
            .toLatin1();
    };
    StubHttpServer server(rateLimitedOnce(inTwoSeconds));
    QVERIFY(server.isListening());
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    http.setPolicy(SandboxFixture::fastPolicy());
    const Result r = SandboxFixture::wait(http.send(stubRequest(server.url(), QStringLiteral("/connections"))));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(r.attempts, 2);
    QCOMPARE(server.requestCount(), 2);
    const qint64 gap = retryGap(server); // the date is in whole seconds: between 1 and 2 s from the 429
    // Qt::RFC2822Date alone (Qt 6.4) rejects the zone "GMT" every IMF-fixdate ends with; HttpClient reads it.
    QVERIFY2(gap >= 950, qPrintable(QStringLiteral("the retry arrived %1 ms after the first request").arg(gap)));
}

// A Retry-After longer than the whole retry budget (HttpPolicy::maxRetryWaitMs) is not waited for: the read ends at
// once with the rate-limit error. Only one 429 is injected, so a client that waited would then have succeeded.
void TestHttpClient::retryAfterBeyondTheBudgetEndsAtOnce()
{
    const HttpPolicy policy; // the production budget
    auto clients = m_fx->makeClients(policy);
    Fault f;
    f.kind = Fault::Kind::TooManyRequests;
    f.pathPrefix = QStringLiteral("/connections");
    f.retryAfterSeconds = policy.maxRetryWaitMs / 1000 + 1;
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(clients->nango()->listConnections());
    QCOMPARE(countPath(m_fx->sandbox().requests(QStringLiteral("nango")), QStringLiteral("/connections")), 1);
    QVERIFY2(!r.ok(), "the read waited out the Retry-After and succeeded");
    QCOMPARE(r.error.message, QStringLiteral("Nango: too_many_request"));
    QCOMPARE(r.error.kind, Error::Kind::Http);
    QCOMPARE(r.error.httpStatus, 429);
    QCOMPARE(r.error.hint, QStringLiteral("Nango's rate limit was reached; wait a minute and retry."));
    QCOMPARE(r.attempts, 1);
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
    QCOMPARE(r.error.code, QStringLiteral("outcome_unknown"));
    QVERIFY2(r.error.hint.contains(QLatin1String("may have been delivered")), qPrintable(r.error.summary()));
    QCOMPARE(countPath(m_fx->sandbox().requests(QStringLiteral("nango")), QStringLiteral("/proxy/")), 1);
}

void TestHttpClient::crossOriginRedirectSendsNothingThere_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("otherPort"); // else the same listener under another host name (localhost for 127.0.0.1)
    for (const int status : { 301, 302, 307, 308 }) {
        QTest::addRow("%d to another port", status) << status << true;
        QTest::addRow("%d to localhost", status) << status << false;
    }
}

// Credentials never follow a redirect to another origin: the read fails with the redirect error and the target
// receives nothing at all (so no Authorization header either).
void TestHttpClient::crossOriginRedirectSendsNothingThere()
{
    QFETCH(int, status);
    QFETCH(bool, otherPort);
    StubHttpServer other([](const StubHttpServer::Request &) { return StubHttpServer::json(200, "[]"); });
    const QByteArray toOtherPort = other.url().toEncoded() + "/connections";
    StubHttpServer origin([=](const StubHttpServer::Request &request) {
        if (request.target.startsWith("/elsewhere")) // reached through localhost: answers as a target would
            return StubHttpServer::json(200, "[]");
        const QByteArray host = request.header("Host");
        const QByteArray toLocalhost = "http://localhost:" + host.mid(host.lastIndexOf(':') + 1) + "/elsewhere";
        return StubHttpServer::Response { status, { { "Location", otherPort ? toOtherPort : toLocalhost } }, {} };
    });
    QVERIFY(other.isListening() && origin.isListening());
    const QByteArray location
        = otherPort ? toOtherPort : "http://localhost:" + QByteArray::number(origin.port()) + "/elsewhere";

    QNetworkAccessManager nam;
    HttpClient http(&nam);
    http.setPolicy(SandboxFixture::fastPolicy());
    const Result r = SandboxFixture::wait(http.send(stubRequest(origin.url(), QStringLiteral("/connections"))));

    const QList<StubHttpServer::Request> atOrigin = origin.requests();
    const int atTarget = otherPort ? other.requestCount()
                                   : int(std::count_if(atOrigin.cbegin(), atOrigin.cend(),
                                       [](const auto &request) { return request.target.startsWith("/elsewhere"); }));
    QCOMPARE(atTarget, 0);
    QCOMPARE(atOrigin.size(), 1);
    QCOMPARE(atOrigin.first().header("Authorization"), QByteArrayLiteral("Bearer ") + stubKey); // it was there to leak
    QVERIFY(!r.ok());
    QVERIFY2(r.error.kind == Error::Kind::Http, qPrintable(r.error.summary() + QLatin1Char(' ') + r.error.code));
    QCOMPARE(r.error.httpStatus, status);
    QCOMPARE(r.error.message,
        QStringLiteral("127.0.0.1 redirected to another origin (%1); Crossline does not send credentials there.")
            .arg(QString::fromLatin1(location)));
    QCOMPARE(r.attempts, 1);
}

void TestHttpClient::sameOriginRedirectOfASend_data()
{
    QTest::addColumn<int>("status");
    for (const int status : { 301, 302, 303, 307, 308 })
        QTest::addRow("%d", status) << status;
}

// A send redirected within its own origin is not followed: Qt would turn a 301/302/303 into a GET of the new address
// (and report that GET's 200 as the send's), and a 307/308 would need the body a second time. The send ends with
// the redirect named, and the new address receives nothing.
void TestHttpClient::sameOriginRedirectOfASend()
{
    QFETCH(int, status);
    StubHttpServer origin([=](const StubHttpServer::Request &request) {
        if (request.target.startsWith("/moved"))
            return StubHttpServer::json(200, R"({"messages":[{"id":"wamid.moved"}]})");
        return StubHttpServer::Response { status, { { "Location", "/moved" } }, {} };
    });
    QVERIFY(origin.isListening());
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    http.setPolicy(SandboxFixture::fastPolicy());
    const Result r = SandboxFixture::wait(http.send(stubRequest(origin.url(), QStringLiteral("/proxy/send"), "POST")));

    const QList<StubHttpServer::Request> requests = origin.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("POST"));
    QCOMPARE(requests.first().target, QByteArray("/proxy/send"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.kind == Error::Kind::Http, qPrintable(r.error.summary() + QLatin1Char(' ') + r.error.code));
    QCOMPARE(r.error.httpStatus, status);
    QCOMPARE(r.error.message,
        QStringLiteral("127.0.0.1 answered with a redirect (HTTP %1 to /moved); Crossline does not send a request that "
                       "changes something on to another address, and it was not carried out there.")
            .arg(status));
    QCOMPARE(r.attempts, 1);
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

void TestHttpClient::bareJsonValueIsNamed()
{
    // "null" is valid JSON, not malformed: say what came instead of an object or a list.
    for (const QByteArray &body : { QByteArray("null"), QByteArray("42"), QByteArray("\"ok\"") }) {
        StubHttpServer server([body](const StubHttpServer::Request &) { return StubHttpServer::json(200, body); });
        QNetworkAccessManager nam;
        HttpClient http(&nam);
        http.setPolicy(SandboxFixture::fastPolicy());
        const Result r = SandboxFixture::wait(http.send(stubRequest(server.url(), QStringLiteral("/connections"))));
        QCOMPARE(r.error.kind, Error::Kind::Decode);
        QCOMPARE(r.error.message,
            QStringLiteral("127.0.0.1 answered with a bare JSON value (%1) where an object or a list was expected.")
                .arg(QString::fromUtf8(body)));
    }
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

// A line break in a header value would end the header there, and what follows would arrive as headers of its own (an
// id carrying "\r\nBase-Url-Override: …"): such a request is refused before anything is sent.
void TestHttpClient::controlCharacterInAHeaderSendsNothing()
{
    StubHttpServer server([](const StubHttpServer::Request &) { return StubHttpServer::json(200, "{}"); });
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    http.setPolicy(SandboxFixture::fastPolicy());
    for (const QByteArray &value : { QByteArray("conn_abc123\r\nBase-Url-Override: https://collector.example"),
             QByteArray("conn\n"), QByteArray("conn\0x", 6), QByteArray("conn\x1b[31m") }) {
        HttpRequest req = stubRequest(server.url(), QStringLiteral("/proxy/v23.0/1/messages"), "POST");
        req.setHeader(QByteArrayLiteral("Connection-Id"), value);
        const Result r = SandboxFixture::wait(http.send(req));
        QCOMPARE(r.error.kind, Error::Kind::Validation);
        QVERIFY2(
            r.error.message.startsWith(QLatin1String("The Connection-Id header would contain a control character")),
            qPrintable(r.error.message));
    }
    QCOMPARE(server.requests().size(), 0);
    // A tab is a header's own whitespace.
    HttpRequest tab = stubRequest(server.url(), QStringLiteral("/connections"));
    tab.setHeader(QByteArrayLiteral("X-Note"), QByteArrayLiteral("a\tb"));
    QVERIFY(SandboxFixture::wait(http.send(tab)).ok());
    QCOMPARE(server.requests().size(), 1);
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
