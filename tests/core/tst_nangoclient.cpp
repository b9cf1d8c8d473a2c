// NangoClient against the sandbox: the exact requests on the wire and what the user gets back.
#include "sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>

using namespace crossline;
using sandbox::Fault;
using test::SandboxFixture;

class TestNangoClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void listConnections();
    void listSearchIsEncoded();
    void listFallsBackToDeprecatedRoute();
    void wrongKeyIsAnAuthError();
    void importVerified();
    void importTokenRejectedSaysSo();
    void importWithoutVerificationUsesLegacyRoute();
    void importUnknownIntegrationDoesNotFallBack();
    void importInvalidInputSendsNothing_data();
    void importInvalidInputSendsNothing();
    void getAndDeleteEncodeTheId();
    void compatiblePaths();
    void missingConfigIsAConfigError();
    void recordsMappingRefusesWithoutSending();

private:
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestNangoClient::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestNangoClient::init()
{
    m_fx->sandbox().clearFaults();
    m_fx->sandbox().clearRequests();
}

static QJsonObject bodyOf(const sandbox::RecordedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

void TestNangoClient::listConnections()
{
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QStringList ids;
    for (const QJsonValue &v : r.data.toArray())
        ids << v.toObject().value(QLatin1String("connection_id")).toString();
    QVERIFY(ids.contains(QStringLiteral("conn_abc123")));
    QVERIFY(ids.contains(QStringLiteral("whatsapp-prod-1")));
    QVERIFY(ids.contains(QStringLiteral("conn_twilio_1")));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("GET"));
    QCOMPARE(requests.first().path, QStringLiteral("/connections"));
    QCOMPARE(requests.first().query, QByteArray());
    QCOMPARE(
        requests.first().header("Authorization"), "Bearer " + sandbox::SandboxCredentials::nangoSecretKey().toUtf8());
    QCOMPARE(requests.first().header("Content-Type"), QByteArray()); // Nango answers 415 to a wrong one
}

void TestNangoClient::listSearchIsEncoded()
{
    ConnectionQuery q;
    q.search = QStringLiteral("whatsapp prod+1");
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections(q));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).first().query, QByteArray("search=whatsapp%20prod%2B1"));
}

void TestNangoClient::listFallsBackToDeprecatedRoute()
{
    Fault f;
    f.kind = Fault::Kind::ServerError;
    f.status = 404;
    f.method = "GET";
    f.pathPrefix = QStringLiteral("/connections");
    m_fx->sandbox().injectFault(f);
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).path, QStringLiteral("/connections"));
    QCOMPARE(requests.at(1).path, QStringLiteral("/connection"));
    QVERIFY(r.data.toArray().size() >= 3);
}

void TestNangoClient::wrongKeyIsAnAuthError()
{
    auto clients = m_fx->makeClients(SandboxFixture::fastPolicy(), QStringLiteral("not-a-uuid"));
    const Result r = SandboxFixture::wait(clients->nango()->listConnections());
    QCOMPARE(r.error.kind, Error::Kind::Auth);
    QCOMPARE(r.error.code, QStringLiteral("invalid_secret_key_format"));
    QVERIFY(r.error.hint.contains(QLatin1String("UUID")));
}

void TestNangoClient::importVerified()
{
    ConnectionImport imp;
    imp.providerConfigKey = QStringLiteral("whatsapp-business");
    imp.connectionId = QStringLiteral("acme-whatsapp");
    imp.apiKey = QStringLiteral("EAAGm0PX4ZCpsBAKZAZBvalidtoken123");
    imp.tags = QJsonObject { { QStringLiteral("end_user_id"), QStringLiteral("acme") } };
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->importConnection(imp));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("POST"));
    QCOMPARE(requests.first().path, QStringLiteral("/connections"));
    QCOMPARE(requests.first().header("Content-Type"), QByteArray("application/json"));
    const QJsonObject expected { { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("connection_id"), QStringLiteral("acme-whatsapp") },
        { QStringLiteral("credentials"),
            QJsonObject {
                { QStringLiteral("type"), QStringLiteral("API_KEY") }, { QStringLiteral("apiKey"), imp.apiKey } } },
        { QStringLiteral("tags"), imp.tags } };
    QCOMPARE(bodyOf(requests.first()), expected);
    // What the caller gets: a summary, never the credentials Nango echoes.
    const QJsonObject o = r.data.toObject();
    QCOMPARE(o.value(QLatin1String("connection_id")).toString(), QStringLiteral("acme-whatsapp"));
    QCOMPARE(o.value(QLatin1String("verified")).toBool(), true);
    QVERIFY(!QJsonDocument(o).toJson().contains("EAAGm0PX4ZCpsBAKZAZBvalidtoken123"));
    QVERIFY(r.body.isEmpty());
    // and it is listed afterwards
    ConnectionQuery q;
    q.connectionId = QStringLiteral("acme-whatsapp");
    QCOMPARE(SandboxFixture::wait(m_fx->clients().nango()->listConnections(q)).data.toArray().size(), 1);
}

void TestNangoClient::importTokenRejectedSaysSo()
{
    ConnectionImport imp;
    imp.providerConfigKey = QStringLiteral("whatsapp-business");
    imp.connectionId = QStringLiteral("bad-token");
    imp.apiKey = QStringLiteral("not-a-meta-token");
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->importConnection(imp));
    QCOMPARE(r.error.code, QStringLiteral("connection_test_failed"));
    QVERIFY2(r.error.message.startsWith(QLatin1String("Nango could not verify this token with the provider")),
        qPrintable(r.error.message));
    QVERIFY(r.error.hint.contains(QLatin1String("--skip-verification")));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).size(), 1); // never silently retried unverified
}

void TestNangoClient::importWithoutVerificationUsesLegacyRoute()
{
    ConnectionImport imp;
    imp.providerConfigKey = QStringLiteral("whatsapp-business");
    imp.connectionId = QStringLiteral("offline-import");
    imp.apiKey = QStringLiteral("EAAGofflineToken0000000000");
    imp.skipVerification = true;
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->importConnection(imp));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().path, QStringLiteral("/connection"));
    QCOMPARE(bodyOf(requests.first()),
        (QJsonObject { { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
            { QStringLiteral("connection_id"), QStringLiteral("offline-import") },
            { QStringLiteral("api_key"), imp.apiKey } }));
    QCOMPARE(r.data.toObject().value(QLatin1String("verified")).toBool(), false);
    QVERIFY(!QJsonDocument(r.data.toObject()).toJson().contains("EAAGofflineToken"));
}

void TestNangoClient::importUnknownIntegrationDoesNotFallBack()
{
    ConnectionImport imp;
    imp.providerConfigKey = QStringLiteral("no-such-integration");
    imp.connectionId = QStringLiteral("x");
    imp.apiKey = QStringLiteral("EAAGm0PX4ZCpsBAKZAZBvalidtoken123");
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->importConnection(imp));
    QCOMPARE(r.error.httpStatus, 404);
    QCOMPARE(r.error.code, QStringLiteral("not_found"));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).size(), 1);
}

void TestNangoClient::importInvalidInputSendsNothing_data()
{
    QTest::addColumn<QString>("pck");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<QString>("field");
    QTest::newRow("no integration") << ""
                                    << "c"
                                    << "EAAGtoken"
                                    << "providerConfigKey";
    QTest::newRow("bad integration chars") << "wa/biz"
                                           << "c"
                                           << "EAAGtoken"
                                           << "providerConfigKey";
    QTest::newRow("no connection id") << "whatsapp-business"
                                      << ""
                                      << "EAAGtoken"
                                      << "connectionId";
    QTest::newRow("no token") << "whatsapp-business"
                              << "c"
                              << ""
                              << "apiKey";
    QTest::newRow("token with newline") << "whatsapp-business"
                                        << "c"
                                        << "EAAGtoken\n"
                                        << "apiKey";
    QTest::newRow("token too long") << "whatsapp-business"
                                    << "c" << QString(1025, QLatin1Char('A')) << "apiKey";
}

void TestNangoClient::importInvalidInputSendsNothing()
{
    QFETCH(QString, pck);
    QFETCH(QString, id);
    QFETCH(QString, apiKey);
    ConnectionImport imp;
    imp.providerConfigKey = pck;
    imp.connectionId = id;
    imp.apiKey = apiKey;
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->importConnection(imp));
    QCOMPARE(r.error.kind, Error::Kind::Validation);
    QTEST(r.error.field, "field");
    QCOMPARE(m_fx->sandbox().requests().size(), 0);
}

void TestNangoClient::getAndDeleteEncodeTheId()
{
    ConnectionImport imp;
    imp.providerConfigKey = QStringLiteral("whatsapp-business");
    imp.connectionId = QStringLiteral("team a/prod");
    imp.apiKey = QStringLiteral("EAAGm0PX4ZCpsBAKZAZBvalidtoken123");
    QVERIFY(SandboxFixture::wait(m_fx->clients().nango()->importConnection(imp)).ok());
    m_fx->sandbox().clearRequests();

    const Result got
        = SandboxFixture::wait(m_fx->clients().nango()->getConnection(imp.providerConfigKey, imp.connectionId));
    QVERIFY2(got.ok(), qPrintable(got.error.summary()));
    QCOMPARE(got.data.toObject().value(QLatin1String("connection_id")).toString(), imp.connectionId);
    const Result del
        = SandboxFixture::wait(m_fx->clients().nango()->deleteConnection(imp.providerConfigKey, imp.connectionId));
    QVERIFY2(del.ok(), qPrintable(del.error.summary()));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).rawPath, QByteArray("/connections/team%20a%2Fprod"));
    QCOMPARE(requests.at(0).query, QByteArray("provider_config_key=whatsapp-business"));
    QCOMPARE(requests.at(1).method, QByteArray("DELETE"));
    QCOMPARE(requests.at(1).rawPath, QByteArray("/connections/team%20a%2Fprod"));
    // gone now
    const Result again
        = SandboxFixture::wait(m_fx->clients().nango()->deleteConnection(imp.providerConfigKey, imp.connectionId));
    QCOMPARE(again.error.code, QStringLiteral("unknown_connection"));
}

void TestNangoClient::compatiblePaths()
{
    NangoClient *nango = m_fx->clients().nango();
    const Result list = SandboxFixture::wait(
        nango->listResource(QStringLiteral("/crm/contacts"), { { QStringLiteral("limit"), QStringLiteral("3") } }));
    QVERIFY2(list.ok(), qPrintable(list.error.summary()));
    const Result emp
        = SandboxFixture::wait(nango->getResource(QStringLiteral("/hris/employees"), QStringLiteral("emp_123")));
    QVERIFY2(emp.ok(), qPrintable(emp.error.summary()));
    const Result created = SandboxFixture::wait(nango->createResource(QStringLiteral("/crm/contacts"),
        QJsonObject { { QStringLiteral("email"), QStringLiteral("test@example.com") },
            { QStringLiteral("first_name"), QStringLiteral("Test") } }));
    QVERIFY2(created.ok(), qPrintable(created.error.summary()));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).path, QStringLiteral("/crm/contacts"));
    QCOMPARE(requests.at(0).query, QByteArray("limit=3"));
    QCOMPARE(requests.at(1).path, QStringLiteral("/hris/employees/emp_123"));
    QCOMPARE(requests.at(2).method, QByteArray("POST"));
    QCOMPARE(bodyOf(requests.at(2)).value(QLatin1String("email")).toString(), QStringLiteral("test@example.com"));
}

void TestNangoClient::missingConfigIsAConfigError()
{
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    NangoClient nango(&http, { QUrl(QStringLiteral("https://api.nango.dev")), QString() });
    const Result r = SandboxFixture::wait(nango.listConnections());
    QCOMPARE(r.error.kind, Error::Kind::Config);
    QVERIFY(r.error.hint.contains(QLatin1String("NANGO_SECRET_KEY")));
}

void TestNangoClient::recordsMappingRefusesWithoutSending()
{
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    NangoConfig config { m_fx->sandbox().nangoBaseUrl(), sandbox::SandboxCredentials::nangoSecretKey(), false };
    NangoClient nango(&http, config);
    const Result r = SandboxFixture::wait(nango.listResource(QStringLiteral("/crm/contacts"), {}));
    QCOMPARE(r.error.kind, Error::Kind::Config);
    QVERIFY(r.error.message.contains(QLatin1String("syncs and actions")));
    QVERIFY(r.error.hint.contains(QLatin1String("--mapping=compatible-paths")));
    QCOMPARE(m_fx->sandbox().requests().size(), 0);
    // Connections and the proxy do not depend on the mapping.
    QVERIFY(SandboxFixture::wait(nango.listConnections()).ok());
}

QTEST_GUILESS_MAIN(TestNangoClient)
#include "tst_nangoclient.moc"
