// Tests of the emulator's fault injection, as a QNetworkAccessManager client observes each fault.
#include "rawhttp.h"
#include "sandbox/sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

using crossline::sandbox::Fault;
using crossline::sandbox::RecordedRequest;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

using crossline::test::Headers;
using crossline::test::HttpResult;
using crossline::test::nangoAuth;
using crossline::test::send;
using crossline::test::urlOf;

} // namespace

Q_DECLARE_METATYPE(Fault::Kind)

class TestSandboxFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void tooManyRequests_data();
    void tooManyRequests();
    void serverError_data();
    void serverError();
    void reset();
    void malformedJson();
    void html200();
    void truncatedBody();
    void hangUntilClientTimeout();
    void latencyThenNormalAnswer();
    void timesIsHonoured();
    void matchesMethodAndPathPrefix();
    void stopWakesHangingHandlers();

private:
    HttpResult nangoGet(const QByteArray &path = "/connections", int timeoutMs = 0);
    HttpResult panoraGet(const QByteArray &path = "/crm/contacts?limit=1");

    Sandbox m_sandbox;
    QNetworkAccessManager m_nam;
};

HttpResult TestSandboxFaults::nangoGet(const QByteArray &path, int timeoutMs)
{
    return send(
        m_nam, "GET", urlOf(m_sandbox.nangoBaseUrl(), path), { { "Authorization", nangoAuth() } }, {}, timeoutMs);
}

HttpResult TestSandboxFaults::panoraGet(const QByteArray &path)
{
    return send(m_nam, "GET", urlOf(m_sandbox.panoraBaseUrl(), path),
        { { "x-api-key", SandboxCredentials::panoraApiKey().toUtf8() },
            { "x-connection-token", SandboxCredentials::panoraConnectionToken().toUtf8() } });
}

void TestSandboxFaults::initTestCase()
{
    QVERIFY(m_sandbox.start());
}

void TestSandboxFaults::init()
{
    m_sandbox.clearFaults();
    m_sandbox.clearRequests();
}

void TestSandboxFaults::tooManyRequests_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("retryAfter");
    QTest::newRow("nango") << QStringLiteral("nango") << 3;
    QTest::newRow("nango retry-after 0") << QStringLiteral("nango") << 0;
    QTest::newRow("panora") << QStringLiteral("panora") << 7;
}

void TestSandboxFaults::tooManyRequests()
{
    QFETCH(QString, service);
    QFETCH(int, retryAfter);
    Fault fault;
    fault.kind = Fault::Kind::TooManyRequests;
    fault.service = service;
    fault.retryAfterSeconds = retryAfter;
    m_sandbox.injectFault(fault);
    const bool nango = service == QStringLiteral("nango");
    HttpResult r = nango ? nangoGet() : panoraGet();
    QCOMPARE(r.status, 429);
    QCOMPARE(r.header("Retry-After"), QByteArray::number(retryAfter));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    if (nango) {
        QCOMPARE(r.body, QByteArray(R"({"error":{"code":"too_many_request","method":"GET","path":"/connections"}})"));
        QVERIFY(!r.header("X-RateLimit-Reset").isEmpty());
    } else {
        QCOMPARE(r.json().value(QStringLiteral("statusCode")).toInt(), 429);
        QCOMPARE(r.json().value(QStringLiteral("message")).toString(),
            QStringLiteral("ThrottlerException: Too Many Requests"));
    }
    QCOMPARE(m_sandbox.requests(service).last().status, 429);
    // times = 1: the next request is answered normally.
    r = nango ? nangoGet() : panoraGet();
    QCOMPARE(r.status, 200);
}

void TestSandboxFaults::serverError_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("status");
    QTest::newRow("nango 500") << QStringLiteral("nango") << 500;
    QTest::newRow("nango 502") << QStringLiteral("nango") << 502;
    QTest::newRow("nango 503") << QStringLiteral("nango") << 503;
    QTest::newRow("nango 504") << QStringLiteral("nango") << 504;
    QTest::newRow("panora 503") << QStringLiteral("panora") << 503;
}

void TestSandboxFaults::serverError()
{
    QFETCH(QString, service);
    QFETCH(int, status);
    Fault fault;
    fault.kind = Fault::Kind::ServerError;
    fault.service = service;
    fault.status = status;
    m_sandbox.injectFault(fault);
    const bool nango = service == QStringLiteral("nango");
    const HttpResult r = nango ? nangoGet() : panoraGet();
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    if (nango) {
        const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(),
            status == 500 ? QStringLiteral("generic_error_support") : QStringLiteral("server_error"));
    } else {
        QCOMPARE(r.json().value(QStringLiteral("statusCode")).toInt(), status);
        QCOMPARE(r.json().value(QStringLiteral("path")).toString(), QStringLiteral("/crm/contacts?limit=1"));
    }
    QCOMPARE(m_sandbox.requests(service).last().status, status);
}

void TestSandboxFaults::reset()
{
    Fault fault;
    fault.kind = Fault::Kind::Reset;
    fault.times = -1; // Qt re-sends once on a connection closed before any answer: reset every attempt
    m_sandbox.injectFault(fault);
    const HttpResult r = nangoGet();
    QCOMPARE(r.status, 0);
    QVERIFY2(r.error == QNetworkReply::RemoteHostClosedError || r.error == QNetworkReply::ConnectionRefusedError
            || r.error == QNetworkReply::UnknownNetworkError,
        qPrintable(QString::number(r.error)));
    QVERIFY(r.body.isEmpty());
    const auto recorded = m_sandbox.requests(QStringLiteral("nango"));
    QVERIFY(!recorded.isEmpty());
    for (const RecordedRequest &req : recorded)
        QCOMPARE(req.status, 0);
    m_sandbox.clearFaults();
    QCOMPARE(nangoGet().status, 200);
}

void TestSandboxFaults::malformedJson()
{
    Fault fault;
    fault.kind = Fault::Kind::MalformedJson;
    m_sandbox.injectFault(fault);
    const HttpResult r = nangoGet();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.error, QNetworkReply::NoError);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    QJsonParseError error {};
    QJsonDocument::fromJson(r.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QVERIFY(!r.body.isEmpty());
}

void TestSandboxFaults::html200()
{
    Fault fault;
    fault.kind = Fault::Kind::Html200;
    fault.service = QStringLiteral("panora");
    m_sandbox.injectFault(fault);
    const HttpResult r = panoraGet();
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    QVERIFY(r.body.startsWith("<!doctype html><html"));
}

void TestSandboxFaults::truncatedBody()
{
    Fault fault;
    fault.kind = Fault::Kind::TruncatedBody;
    m_sandbox.injectFault(fault);
    const HttpResult r = nangoGet();
    QVERIFY2(r.error != QNetworkReply::NoError, "a body shorter than Content-Length must fail");
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).size(), 1);
    QCOMPARE(nangoGet().status, 200);
}

void TestSandboxFaults::hangUntilClientTimeout()
{
    Fault fault;
    fault.kind = Fault::Kind::Hang;
    m_sandbox.injectFault(fault);
    const HttpResult r = nangoGet("/connections", 300);
    QVERIFY2(r.error == QNetworkReply::OperationCanceledError || r.error == QNetworkReply::TimeoutError,
        qPrintable(QString::number(r.error)));
    QCOMPARE(r.status, 0);
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).size(), 1);
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).first().status, 0);
    // The other listeners' workers still answer.
    QCOMPARE(nangoGet().status, 200);
}

void TestSandboxFaults::latencyThenNormalAnswer()
{
    Fault fault;
    fault.kind = Fault::Kind::Latency;
    fault.delayMs = 50;
    m_sandbox.injectFault(fault);
    const HttpResult r = nangoGet();
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().contains(QStringLiteral("connections")));
    QCOMPARE(m_sandbox.requests(QStringLiteral("nango")).size(), 1);
}

void TestSandboxFaults::timesIsHonoured()
{
    Fault fault;
    fault.kind = Fault::Kind::ServerError;
    fault.status = 503;
    fault.times = 2;
    m_sandbox.injectFault(fault);
    QCOMPARE(nangoGet().status, 503);
    QCOMPARE(nangoGet().status, 503);
    QCOMPARE(nangoGet().status, 200);

    fault.times = -1;
    m_sandbox.injectFault(fault);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(nangoGet().status, 503);
    m_sandbox.clearFaults();
    QCOMPARE(nangoGet().status, 200);

    fault.times = 0; // nothing
    m_sandbox.injectFault(fault);
    QCOMPARE(nangoGet().status, 200);
}

void TestSandboxFaults::matchesMethodAndPathPrefix()
{
    Fault fault;
    fault.kind = Fault::Kind::ServerError;
    fault.status = 502;
    fault.method = "POST";
    fault.pathPrefix = QStringLiteral("/proxy/");
    fault.times = -1;
    m_sandbox.injectFault(fault);
    QCOMPARE(nangoGet().status, 200); // GET: not matched
    QCOMPARE(nangoGet("/proxy/v21.0/me").status, 400); // GET /proxy: not matched (no headers)
    const HttpResult r = send(m_nam, "POST", urlOf(m_sandbox.nangoBaseUrl(), "/proxy/v21.0/x/messages"),
        { { "Authorization", nangoAuth() }, { "Content-Type", "application/json" } }, "{}");
    QCOMPARE(r.status, 502);
    QCOMPARE(panoraGet().status, 200); // another service
}

void TestSandboxFaults::stopWakesHangingHandlers()
{
    auto sandbox = std::make_unique<Sandbox>();
    QVERIFY(sandbox->start());
    Fault fault;
    fault.kind = Fault::Kind::Hang;
    fault.service = QStringLiteral("panora");
    fault.times = -1;
    sandbox->injectFault(fault);
    QNetworkRequest request(urlOf(sandbox->panoraBaseUrl(), "/crm/contacts"));
    std::unique_ptr<QNetworkReply> reply(m_nam.get(request));
    QTRY_COMPARE(sandbox->requests(QStringLiteral("panora")).size(), 1);
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    sandbox->stop(); // must not deadlock on the hanging handler
    QVERIFY(!sandbox->isRunning());
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    // A stopped sandbox can start again.
    QVERIFY(sandbox->start());
    sandbox->clearFaults();
    const HttpResult r = send(m_nam, "GET", urlOf(sandbox->nangoBaseUrl(), "/health"));
    QCOMPARE(r.status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandbox_faults.moc"
