// The six examples of the original backend's README, run end to end against the sandbox.
#include "sandboxfixture.h"
#include "testsupport.h"
#include "unified/unifieddispatcher.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace crossline;
using test::SandboxFixture;

class TestUnifiedDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void seedExamples_data();
    void seedExamples();
    void invalidBodySendsNothing();
    void panoraEmployeesOnAServerWithoutHris();

private:
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestUnifiedDispatcher::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestUnifiedDispatcher::init()
{
    m_fx->sandbox().clearRequests();
    m_fx->sandbox().setPanoraHasHris(true);
}

void TestUnifiedDispatcher::seedExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("panora list contacts") << "01-panora-list-contacts.json" << "panora" << QByteArray("GET") << "/crm/contacts" << QByteArray("page=1&page_size=50");
    QTest::newRow("nango get employee") << "02-nango-get-employee.json" << "nango" << QByteArray("GET") << "/hris/employees/emp_123" << QByteArray();
    QTest::newRow("nango create contact") << "03-nango-create-contact.json" << "nango" << QByteArray("POST") << "/crm/contacts" << QByteArray();
    QTest::newRow("whatsapp text") << "04-nango-whatsapp-text.json" << "nango" << QByteArray("POST") << "/proxy/v20.0/123456789012345/messages" << QByteArray();
    QTest::newRow("whatsapp template") << "05-nango-whatsapp-template.json" << "nango" << QByteArray("POST") << "/proxy/v20.0/123456789012345/messages" << QByteArray();
    QTest::newRow("twilio sms") << "06-nango-twilio-sms.json" << "nango" << QByteArray("POST")
                                << QStringLiteral("/proxy/2010-04-01/Accounts/%1/Messages.json").arg(sandbox::SandboxCredentials::twilioAccountSid()) << QByteArray();
}

void TestUnifiedDispatcher::seedExamples()
{
    QFETCH(QString, file);
    QFETCH(QString, service);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, query);
    const QByteArray body = test::readFile(QDir(test::sourceDir()).absoluteFilePath(QStringLiteral("resources/examples/") + file));
    UnifiedDispatcher dispatcher(m_fx->clients().services());
    const Result r = SandboxFixture::wait(dispatcher.run(body));
    QVERIFY2(r.ok(), qPrintable(r.error.summary() + QLatin1Char(' ') + r.error.hint));
    QVERIFY(r.data.isObject() || r.data.isArray());
    const auto requests = m_fx->sandbox().requests(service);
    QVERIFY(!requests.isEmpty());
    const auto &last = requests.last();
    QCOMPARE(last.method, method);
    QCOMPARE(last.path, path);
    QCOMPARE(last.query, query);
}

void TestUnifiedDispatcher::invalidBodySendsNothing()
{
    UnifiedDispatcher dispatcher(m_fx->clients().services());
    const Result r = SandboxFixture::wait(dispatcher.run(QByteArray(R"({"provider":"nango","resource":"whatsapp.message","operation":"create",
        "data":{"providerConfigKey":"whatsapp-business","connectionId":"conn_abc123","phoneNumberId":"123456789012345","to":"abc","body":"x"}})")));
    QCOMPARE(r.error.kind, Error::Kind::Validation);
    QCOMPARE(r.error.field, QStringLiteral("data.to"));
    QCOMPARE(m_fx->sandbox().requests().size(), 0);
}

void TestUnifiedDispatcher::panoraEmployeesOnAServerWithoutHris()
{
    m_fx->sandbox().setPanoraHasHris(false);
    UnifiedDispatcher dispatcher(m_fx->clients().services());
    const Result r = SandboxFixture::wait(dispatcher.run(QByteArray(R"({"provider":"panora","resource":"hr.employee","operation":"list"})")));
    QCOMPARE(r.error.httpStatus, 404);
    QVERIFY(r.error.hint.contains(QLatin1String("November 2024")));
}

QTEST_GUILESS_MAIN(TestUnifiedDispatcher)
#include "tst_unifieddispatcher.moc"
