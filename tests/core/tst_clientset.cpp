// ClientSet: the six examples of the original backend's README run end to end against the sandbox, the plan of
// each is what it sent, and jobs never outlive the set that started them.
#include "clientset.h"
#include "sandboxfixture.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace crossline;
using sandbox::Fault;
using test::SandboxFixture;

namespace {
// One of the original backend's six request bodies (resources/examples/).
QByteArray example(const QString &file)
{
    return test::readFile(QDir(test::sourceDir()).absoluteFilePath(QStringLiteral("resources/examples/") + file));
}
} // namespace

class TestClientSet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void seedExamples_data();
    void seedExamples();
    void invalidBodySendsNothing();
    void panoraPagesAsTheSeedMeant();
    void panoraEmployeesOnAServerWithoutHris();
    void planIsWhatRunSends_data();
    void planIsWhatRunSends();
    void smsWithoutAccountSidPlansLookupThenSend();
    void destroyingTheSetCancelsAWaitingRetry();
    void stoppingASendOnTheWireSaysOutcomeUnknown();

private:
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestClientSet::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestClientSet::init()
{
    m_fx->sandbox().clearRequests();
    m_fx->sandbox().setPanoraHasHris(true);
}

void TestClientSet::seedExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("panora list contacts")
        << "01-panora-list-contacts.json"
        // The seed's page/page_size, in the limit Panora reads (it ignores page and page_size without a word).
        << "panora" << QByteArray("GET") << "/crm/contacts" << QByteArray("limit=50");
    QTest::newRow("nango get employee") << "02-nango-get-employee.json"
                                        << "nango" << QByteArray("GET") << "/hris/employees/emp_123" << QByteArray();
    QTest::newRow("nango create contact") << "03-nango-create-contact.json"
                                          << "nango" << QByteArray("POST") << "/crm/contacts" << QByteArray();
    QTest::newRow("whatsapp text") << "04-nango-whatsapp-text.json"
                                   << "nango" << QByteArray("POST") << "/proxy/v20.0/123456789012345/messages"
                                   << QByteArray();
    QTest::newRow("whatsapp template") << "05-nango-whatsapp-template.json"
                                       << "nango" << QByteArray("POST") << "/proxy/v20.0/123456789012345/messages"
                                       << QByteArray();
    QTest::newRow("twilio sms") << "06-nango-twilio-sms.json"
                                << "nango" << QByteArray("POST")
                                << QStringLiteral("/proxy/2010-04-01/Accounts/%1/Messages.json")
                                       .arg(sandbox::SandboxCredentials::twilioAccountSid())
                                << QByteArray();
}

void TestClientSet::seedExamples()
{
    QFETCH(QString, file);
    QFETCH(QString, service);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, query);
    const QByteArray body = example(file);
    const Result r = SandboxFixture::wait(m_fx->clients().run(body));
    QVERIFY2(r.ok(), qPrintable(r.error.summary() + QLatin1Char(' ') + r.error.hint));
    QVERIFY(r.data.isObject() || r.data.isArray());
    const auto requests = m_fx->sandbox().requests(service);
    QVERIFY(!requests.isEmpty());
    const auto &last = requests.last();
    QCOMPARE(last.method, method);
    QCOMPARE(last.path, path);
    QCOMPARE(last.query, query);
}

void TestClientSet::panoraPagesAsTheSeedMeant()
{
    // page 3 of size 2: two cursor steps, and the answer is the third page, not the first again.
    const auto list = [this](const QJsonObject &params) {
        return SandboxFixture::wait(m_fx->clients().run(QJsonDocument(
            QJsonObject { { QStringLiteral("provider"), QStringLiteral("panora") },
                { QStringLiteral("resource"), QStringLiteral("crm.contact") },
                { QStringLiteral("operation"), QStringLiteral("list") },
                { QStringLiteral("params"), params } }).toJson()));
    };
    const Result first = list(QJsonObject { { QStringLiteral("page_size"), 6 } });
    QVERIFY2(first.ok(), qPrintable(first.error.summary()));
    m_fx->sandbox().clearRequests();
    const Result third = list(QJsonObject { { QStringLiteral("page"), 3 }, { QStringLiteral("page_size"), 2 } });
    QVERIFY2(third.ok(), qPrintable(third.error.summary()));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("panora"));
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).query, QByteArray("limit=2"));
    QVERIFY(requests.at(1).query.startsWith("limit=2&cursor="));
    QVERIFY(requests.at(2).query.startsWith("limit=2&cursor="));
    const QJsonArray page = third.data.toObject().value(QLatin1String("data")).toArray();
    QCOMPARE(page.size(), 2);
    const QJsonArray all = first.data.toObject().value(QLatin1String("data")).toArray();
    QCOMPARE(page.at(0).toObject().value(QLatin1String("id")), all.at(4).toObject().value(QLatin1String("id")));

    // What Panora would ignore is refused, with how to page instead; nothing is sent.
    m_fx->sandbox().clearRequests();
    for (const QJsonObject &params : { QJsonObject { { QStringLiteral("offset"), 10 } },
             QJsonObject { { QStringLiteral("remote_data"), false } }, QJsonObject { { QStringLiteral("page"), 0 } },
             QJsonObject { { QStringLiteral("page"), 2 }, { QStringLiteral("cursor"), QStringLiteral("x") } } }) {
        const Result refused = list(params);
        QCOMPARE(refused.error.kind, Error::Kind::Validation);
        QVERIFY(refused.error.field.startsWith(QLatin1String("params.")));
    }
    QCOMPARE(m_fx->sandbox().requests().size(), 0);
}

void TestClientSet::invalidBodySendsNothing()
{
    const Result r = SandboxFixture::wait(
        m_fx->clients().run(QByteArray(R"({"provider":"nango","resource":"whatsapp.message","operation":"create",
        "data":{"providerConfigKey":"whatsapp-business","connectionId":"conn_abc123","phoneNumberId":"123456789012345","to":"abc","body":"x"}})")));
    QCOMPARE(r.error.kind, Error::Kind::Validation);
    QCOMPARE(r.error.field, QStringLiteral("data.to"));
    QCOMPARE(m_fx->sandbox().requests().size(), 0);
}

void TestClientSet::panoraEmployeesOnAServerWithoutHris()
{
    m_fx->sandbox().setPanoraHasHris(false);
    const Result r = SandboxFixture::wait(
        m_fx->clients().run(QByteArray(R"({"provider":"panora","resource":"hr.employee","operation":"list"})")));
    QCOMPARE(r.error.httpStatus, 404);
    QVERIFY(r.error.hint.contains(QLatin1String("November 2024")));
}

void TestClientSet::planIsWhatRunSends_data()
{
    seedExamples_data();
}

// Copy as curl shows the plan; the plan's last request is the one the sandbox then receives.
void TestClientSet::planIsWhatRunSends()
{
    QFETCH(QString, file);
    QFETCH(QString, service);
    const QByteArray body = example(file);
    const Expected<RequestPlan> plan = m_fx->clients().plan(body);
    QVERIFY2(plan, qPrintable(plan.error().message));
    QCOMPARE(m_fx->sandbox().requests().size(), 0); // planning sends nothing
    const Result r = SandboxFixture::wait(m_fx->clients().run(body));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto sent = m_fx->sandbox().requests(service);
    QCOMPARE(sent.size(), plan->steps.size());
    const RequestPlan::Step &step = plan->steps.last();
    const HttpRequest &planned = step.request;
    QCOMPARE(planned.method, sent.last().method);
    QString plannedPath = planned.url.path(QUrl::FullyEncoded);
    if (!step.placeholder.isEmpty()) // the seed's example has a placeholder Account SID: it is looked up
        plannedPath.replace(step.placeholder, sandbox::SandboxCredentials::twilioAccountSid());
    QCOMPARE(plannedPath.toUtf8(), sent.last().rawPath);
    QCOMPARE(planned.url.query(QUrl::FullyEncoded).toUtf8(), sent.last().query);
    QCOMPARE(planned.body, sent.last().body);
}

// The bug this fixes: Copy as curl showed the Account SID lookup instead of the send.
void TestClientSet::smsWithoutAccountSidPlansLookupThenSend()
{
    const QByteArray body = R"({"provider":"nango","resource":"twilio.sms","operation":"create","data":{
        "providerConfigKey":"twilio","connectionId":"conn_twilio_1","from":"+15005550006","to":"+15551234567","body":"hi"}})";
    const Expected<RequestPlan> plan = m_fx->clients().plan(body);
    QVERIFY2(plan, qPrintable(plan.error().message));
    QCOMPARE(plan->steps.size(), 2);
    QCOMPARE(plan->steps.at(0).request.method, QByteArray("GET"));
    QCOMPARE(plan->steps.at(0).request.url.path(), QStringLiteral("/proxy/2010-04-01/Accounts.json"));
    const RequestPlan::Step &send = plan->steps.at(1);
    QCOMPARE(send.request.method, QByteArray("POST"));
    QCOMPARE(
        send.request.url.path(), QStringLiteral("/proxy/2010-04-01/Accounts/%1/Messages.json").arg(send.placeholder));
    QVERIFY(send.request.body.contains("Body=hi"));
    QVERIFY(!send.dependsOn.isEmpty());
    QCOMPARE(m_fx->sandbox().requests().size(), 0);

    // Run sends the same two, the placeholder replaced by the SID the lookup found.
    const Result r = SandboxFixture::wait(m_fx->clients().run(body));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto sent = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(0).path, QStringLiteral("/proxy/2010-04-01/Accounts.json"));
    QCOMPARE(sent.at(1).path,
        QString(send.request.url.path()).replace(send.placeholder, sandbox::SandboxCredentials::twilioAccountSid()));
    QCOMPARE(sent.at(1).body, send.request.body);
}

// A read waiting for Retry-After when its client set is replaced (a profile switch) finishes once, as Cancelled,
// and is not sent again. Before, the set's destruction deleted the job silently (no finished signal), or — when a
// page had re-parented it — the retry ran on a deleted HttpClient (AddressSanitizer: heap-use-after-free).
void TestClientSet::destroyingTheSetCancelsAWaitingRetry()
{
    Fault f;
    f.kind = Fault::Kind::TooManyRequests;
    f.pathPrefix = QStringLiteral("/connections");
    f.retryAfterSeconds = 1;
    m_fx->sandbox().injectFault(f);
    std::unique_ptr<ClientSet> clients = m_fx->makeClients(SandboxFixture::fastPolicy());
    QSignalSpy attempts(clients->http(), &HttpClient::requestRecorded);
    QPointer<Job> job = clients->nango()->listConnections();
    QSignalSpy finished(job.data(), &Job::finished);
    QVERIFY(attempts.wait(10000)); // the 429 arrived; the retry timer runs
    QCOMPARE(finished.count(), 0);

    clients.reset();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<Result>().error.kind, Error::Kind::Cancelled);
    QTest::qWait(1500); // past Retry-After: nothing may fire now
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).size(), 1);
    m_fx->sandbox().clearFaults();
}

// A send cut off after it left (here: its client set replaced while the emulator holds the answer back) may have
// been delivered: it ends as "outcome unknown", never as a plain "Cancelled" that would invite sending it again.
void TestClientSet::stoppingASendOnTheWireSaysOutcomeUnknown()
{
    Fault f;
    f.kind = Fault::Kind::Hang;
    f.method = "POST";
    f.pathPrefix = QStringLiteral("/proxy");
    f.delayMs = 3000;
    m_fx->sandbox().injectFault(f);
    std::unique_ptr<ClientSet> clients = m_fx->makeClients(SandboxFixture::fastPolicy());
    const QByteArray body = example(QStringLiteral("04-nango-whatsapp-text.json"));
    QPointer<Job> job = clients->run(body);
    QSignalSpy finished(job.data(), &Job::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->sandbox().requests(QStringLiteral("nango")).size(), 1, 10000); // it arrived
    clients.reset();
    QCOMPARE(finished.count(), 1);
    const Result r = finished.first().first().value<Result>();
    QVERIFY2(r.error.code == QLatin1String("outcome_unknown"),
        qPrintable(Error::kindName(r.error.kind) + QLatin1Char(' ') + r.error.message));
    QVERIFY2(r.error.hint.contains(QStringLiteral("may have been delivered")), qPrintable(r.error.hint));
    m_fx->sandbox().clearFaults();
}

QTEST_GUILESS_MAIN(TestClientSet)
#include "tst_clientset.moc"
