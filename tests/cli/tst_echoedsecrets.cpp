// A server that echoes the secrets it was sent — a Nango 400 quoting the key, a 500 quoting "Bearer …", a body with
// the key base64-encoded or inside Basic credentials, a redirect whose Location carries it — never gets them printed:
// not in the error line, not in --json output, not in --verbose. The answering server is a StubHttpServer.
#include "clirunner.h"
#include "stubhttpserver.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace crossline::test;

class TestEchoedSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void echoedKeyIsNeverPrinted_data();
    void echoedKeyIsNeverPrinted();

private:
    QTemporaryDir m_root;
};

namespace {
const QByteArray kKey = QByteArrayLiteral("3b9e4f1a-6c2d-4e8f-a0b1-c2d3e4f5a6b7");

// Every form a leaked key could take in the output.
QList<QByteArray> encodings()
{
    return { kKey, QUrl::toPercentEncoding(QString::fromLatin1(kKey)), kKey.toBase64(),
        kKey.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        QByteArray("user:" + kKey).toBase64() };
}
} // namespace

void TestEchoedSecrets::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY(m_root.isValid());
}

void TestEchoedSecrets::echoedKeyIsNeverPrinted_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<bool>("json");
    const QByteArray quoted = R"({"error":{"code":"invalid_key","message":"Secret key )" + kKey + R"( is not valid"}})";
    const QByteArray bearer
        = R"({"error":{"code":"server_error","message":"upstream said: Authorization: Bearer )" + kKey + R"("}})";
    const QByteArray base64 = R"({"error":{"code":"server_error","message":"debug )" + kKey.toBase64() + R"("}})";
    const QByteArray basic = R"({"error":{"code":"server_error","message":"sent Basic )"
        + QByteArray("user:" + kKey).toBase64() + R"("}})";
    const QByteArray encoded = R"({"error":{"code":"server_error","message":"query key=)"
        + QUrl::toPercentEncoding(QString::fromLatin1(kKey)) + R"("}})";
    for (const bool json : { false, true }) {
        const char *mode = json ? " --json" : "";
        QTest::addRow("400 quoting the key%s", mode) << 400 << quoted << QByteArray() << json;
        QTest::addRow("500 quoting Bearer%s", mode) << 500 << bearer << QByteArray() << json;
        QTest::addRow("500 with base64%s", mode) << 500 << base64 << QByteArray() << json;
        QTest::addRow("500 with Basic%s", mode) << 500 << basic << QByteArray() << json;
        QTest::addRow("500 percent-encoded%s", mode) << 500 << encoded << QByteArray() << json;
        QTest::addRow("redirect Location%s", mode)
            << 302 << QByteArray() << QByteArray("http://elsewhere.invalid/connections?key=" + kKey) << json;
    }
}

void TestEchoedSecrets::echoedKeyIsNeverPrinted()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, location);
    QFETCH(bool, json);
    StubHttpServer server([=](const StubHttpServer::Request &) {
        StubHttpServer::Response r { status, {}, body };
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        if (!location.isEmpty())
            r.headers.append(qMakePair(QByteArray("Location"), location));
        return r;
    });
    QVERIFY(server.isListening());
    QProcessEnvironment env = scrubbedEnvironment(m_root.path(), false);
    env.insert(QStringLiteral("NANGO_API_BASE"), server.url().toString());
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), QString::fromLatin1(kKey));
    QStringList args { QStringLiteral("--verbose"), QStringLiteral("nango"), QStringLiteral("connections") };
    if (json)
        args.prepend(QStringLiteral("--json"));
    const CliRun r = runCli(args, env);
    QCOMPARE(server.requestCount(), 1); // statuses that could be retried are not: 400, 500, 302
    QVERIFY2(r.exitCode == 1, qPrintable(r.all()));
    QVERIFY2(r.err.contains("[redacted]") || r.out.contains("[redacted]"), qPrintable(r.all())); // it was echoed
    for (const QByteArray &form : encodings()) {
        QVERIFY2(!r.out.contains(form),
            qPrintable(QStringLiteral("stdout holds %1:\n%2").arg(QString::fromLatin1(form), r.all())));
        QVERIFY2(!r.err.contains(form),
            qPrintable(QStringLiteral("stderr holds %1:\n%2").arg(QString::fromLatin1(form), r.all())));
    }
}

QTEST_GUILESS_MAIN(TestEchoedSecrets)
#include "tst_echoedsecrets.moc"
