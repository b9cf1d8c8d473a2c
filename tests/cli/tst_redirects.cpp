// crossline-cli never takes the Nango secret key along a redirect to another origin (another port, or another host
// name for the same address): the command fails with the redirect error and the other origin receives nothing at
// all, so no "Authorization: Bearer <key>" either. The redirecting server is a StubHttpServer: the sandbox never
// redirects.
#include "clirunner.h"
#include "stubhttpserver.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace crossline::test;

class TestRedirects : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void crossOriginRedirectKeepsTheKey_data();
    void crossOriginRedirectKeepsTheKey();

private:
    QTemporaryDir m_root;
    const QByteArray m_key = QByteArrayLiteral("3b9e4f1a-6c2d-4e8f-a0b1-c2d3e4f5a6b7");
};

void TestRedirects::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY(m_root.isValid());
}

void TestRedirects::crossOriginRedirectKeepsTheKey_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("otherPort"); // else the same listener under another host name (localhost for 127.0.0.1)
    for (const int status : { 301, 302, 307, 308 })
        QTest::addRow("%d to another port", status) << status << true;
    QTest::addRow("302 to localhost") << 302 << false;
    QTest::addRow("307 to localhost") << 307 << false;
}

void TestRedirects::crossOriginRedirectKeepsTheKey()
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

    QProcessEnvironment env = scrubbedEnvironment(m_root.path(), false);
    env.insert(QStringLiteral("NANGO_API_BASE"), origin.url().toString());
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), QString::fromLatin1(m_key));
    const CliRun r = runCli({ QStringLiteral("nango"), QStringLiteral("connections") }, env);

    const QList<StubHttpServer::Request> atOrigin = origin.requests();
    const int atTarget = otherPort ? other.requestCount()
                                   : int(std::count_if(atOrigin.cbegin(), atOrigin.cend(),
                                       [](const auto &request) { return request.target.startsWith("/elsewhere"); }));
    QCOMPARE(atTarget, 0);
    QCOMPARE(atOrigin.size(), 1);
    QCOMPARE(atOrigin.first().header("Authorization"), QByteArrayLiteral("Bearer ") + m_key); // it was there to leak
    QVERIFY2(r.exitCode == 1, qPrintable(r.all())); // the remote side failed
    const QByteArray message
        = "127.0.0.1 redirected to another origin (" + location + "); Crossline does not send credentials there.";
    QVERIFY2(r.err.contains(message), qPrintable(r.all()));
    QVERIFY2(!r.out.contains(m_key) && !r.err.contains(m_key), qPrintable(r.all()));
}

QTEST_GUILESS_MAIN(TestRedirects)
#include "tst_redirects.moc"
