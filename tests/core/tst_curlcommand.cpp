// "Copy as curl" never contains a secret: keys become shell variables; the rest is quoted for the shell.
#include "clientset.h"
#include "net/curlcommand.h"
#include "sandboxfixture.h"

#include <QTest>

using namespace crossline;

class TestCurlCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secretsBecomeVariables();
    void plannedUnifiedRequestSendsNothing();
    void twoStepPlanIsNumbered();
};

void TestCurlCommand::secretsBecomeVariables()
{
    HttpRequest r;
    r.method = "POST";
    r.url = QUrl(QStringLiteral("https://api.nango.dev/proxy/v20.0/1/messages"));
    r.setHeader("Authorization", "Bearer 4f1c5e3a-9b2d-4c7e-8a6f-2d3b1e0c9a57");
    r.setHeader("x-api-key", "unknown-secret-value");
    r.setHeader("Connection-Id", "conn_abc123");
    r.body = R"({"text":{"body":"it's $5"}})";
    const QString curl = CurlCommand::fromRequest(
        r, { { QStringLiteral("4f1c5e3a-9b2d-4c7e-8a6f-2d3b1e0c9a57"), QStringLiteral("NANGO_SECRET_KEY") } });
    QCOMPARE(curl,
        QStringLiteral("curl \\\n  -X POST \\\n  'https://api.nango.dev/proxy/v20.0/1/messages' \\\n"
                       "  -H \"Authorization: Bearer ${NANGO_SECRET_KEY}\" \\\n"
                       "  -H 'x-api-key: [redacted]' \\\n"
                       "  -H 'Connection-Id: conn_abc123' \\\n"
                       "  --data-raw '{\"text\":{\"body\":\"it'\\''s $5\"}}'"));
    QVERIFY(!curl.contains(QLatin1String("4f1c5e3a")));
    QVERIFY(!curl.contains(QLatin1String("unknown-secret-value")));
}

void TestCurlCommand::plannedUnifiedRequestSendsNothing()
{
    test::SandboxFixture fx;
    QVERIFY(fx.isReady());
    const Expected<RequestPlan> plan = fx.clients().plan(
        QByteArray(R"({"provider":"nango","resource":"hr.employee","operation":"get","id":"emp 1"})"));
    QVERIFY2(plan, qPrintable(plan.error().message));
    QCOMPARE(plan->steps.size(), 1);
    QCOMPARE(plan->steps.first().request.url.path(QUrl::FullyEncoded), QStringLiteral("/hris/employees/emp%201"));
    QCOMPARE(fx.sandbox().requests().size(), 0);
}

void TestCurlCommand::twoStepPlanIsNumbered()
{
    HttpRequest lookup;
    lookup.url = QUrl(QStringLiteral("https://nango.example/proxy/2010-04-01/Accounts.json"));
    HttpRequest send;
    send.method = "POST";
    send.url = QUrl(QStringLiteral("https://nango.example/proxy/2010-04-01/Accounts/SID_HERE/Messages.json"));
    RequestPlan plan(lookup);
    plan.append(send, QStringLiteral("SID_HERE"), QStringLiteral("SID_HERE is the first answer's sid"));
    QCOMPARE(CurlCommand::fromPlan(plan, {}),
        QStringLiteral("# 1 of 2\ncurl \\\n  'https://nango.example/proxy/2010-04-01/Accounts.json'\n\n"
                       "# 2 of 2: SID_HERE is the first answer's sid\ncurl \\\n  -X POST \\\n"
                       "  \"https://nango.example/proxy/2010-04-01/Accounts/${SID_HERE}/Messages.json\""));
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
