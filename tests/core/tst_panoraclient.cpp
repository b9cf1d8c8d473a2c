// PanoraClient against the sandbox: auth headers on every call, cursor paging through every contact, errors.
#include "sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>

using namespace crossline;
using test::SandboxFixture;

class TestPanoraClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void headersOnEveryCall();
    void pagesThroughEveryContact();
    void createThenGet();
    void employeesRemovedSaysSo();
    void wrongApiKeyIsAnAuthError();

private:
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestPanoraClient::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestPanoraClient::init()
{
    m_fx->sandbox().clearRequests();
    m_fx->sandbox().setPanoraHasHris(true);
}

void TestPanoraClient::headersOnEveryCall()
{
    const Result r
        = SandboxFixture::wait(m_fx->clients().panora()->listPage(QStringLiteral("/crm/contacts"), 2, QString()));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto req = m_fx->sandbox().requests(QStringLiteral("panora")).first();
    QCOMPARE(req.path, QStringLiteral("/crm/contacts"));
    QCOMPARE(req.query, QByteArray("limit=2"));
    const QByteArray key = sandbox::SandboxCredentials::panoraApiKey().toUtf8();
    QCOMPARE(req.header("x-api-key"), key);
    // Current Panora reads x-api-key only: the key is not sent a second time where it is not used.
    QVERIFY(req.header("Authorization").isEmpty());
    QCOMPARE(req.header("x-connection-token"), sandbox::SandboxCredentials::panoraConnectionToken().toUtf8());
    QCOMPARE(r.data.toObject().value(QLatin1String("data")).toArray().size(), 2);
    QVERIFY(!r.data.toObject().value(QLatin1String("next_cursor")).toString().isEmpty());

    // A profile for an older Panora build sends the key as a bearer token too.
    ResolvedConfig older = m_fx->config();
    Profile p;
    p.name = QStringLiteral("old-panora");
    p.panoraBearerAuth = true;
    older.profile = p;
    ClientSet clients(older, SandboxFixture::fastPolicy());
    m_fx->sandbox().clearRequests();
    QVERIFY(SandboxFixture::wait(clients.panora()->listPage(QStringLiteral("/crm/contacts"), 2, QString())).ok());
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("panora")).first().header("Authorization"), "Bearer " + key);
}

void TestPanoraClient::pagesThroughEveryContact()
{
    QSet<QString> ids;
    QString cursor;
    int pages = 0;
    do {
        const Result r
            = SandboxFixture::wait(m_fx->clients().panora()->listPage(QStringLiteral("/crm/contacts"), 1000, cursor));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        for (const QJsonValue &v : r.data.toObject().value(QLatin1String("data")).toArray())
            ids.insert(v.toObject().value(QLatin1String("id")).toString());
        cursor = r.data.toObject().value(QLatin1String("next_cursor")).toString();
        QVERIFY(++pages < 100);
    } while (!cursor.isEmpty());
    QVERIFY(m_fx->sandbox().contactCount() >= 5000);
    QCOMPARE(ids.size(), m_fx->sandbox().contactCount());
}

void TestPanoraClient::createThenGet()
{
    const QJsonObject contact { { QStringLiteral("first_name"), QStringLiteral("tom") },
        { QStringLiteral("last_name"), QStringLiteral("jedusor") },
        { QStringLiteral("email_addresses"),
            QJsonArray { QJsonObject { { QStringLiteral("email_address"), QStringLiteral("tom@jedusor.com") },
                { QStringLiteral("email_address_type"), QStringLiteral("PERSONAL") } } } } };
    const Result created
        = SandboxFixture::wait(m_fx->clients().panora()->create(QStringLiteral("/crm/contacts"), contact));
    QVERIFY2(created.ok(), qPrintable(created.error.summary()));
    QCOMPARE(created.httpStatus, 201);
    const QString id = created.data.toObject().value(QLatin1String("id")).toString();
    QVERIFY(!id.isEmpty());
    const auto post = m_fx->sandbox().requests(QStringLiteral("panora")).last();
    QCOMPARE(QJsonDocument::fromJson(post.body).object(), contact); // flat, no {input:…} wrapper
    const Result got = SandboxFixture::wait(m_fx->clients().panora()->get(QStringLiteral("/crm/contacts"), id));
    QVERIFY2(got.ok(), qPrintable(got.error.summary()));
    QCOMPARE(got.data.toObject().value(QLatin1String("last_name")).toString(), QStringLiteral("jedusor"));
    QVERIFY(!m_fx->sandbox().requests(QStringLiteral("panora")).last().query.contains("remote_data=false"));
}

void TestPanoraClient::employeesRemovedSaysSo()
{
    QVERIFY(
        SandboxFixture::wait(m_fx->clients().panora()->listPage(QStringLiteral("/hris/employees"), 5, QString())).ok());
    m_fx->sandbox().setPanoraHasHris(false);
    const Result r
        = SandboxFixture::wait(m_fx->clients().panora()->listPage(QStringLiteral("/hris/employees"), 5, QString()));
    QCOMPARE(r.error.httpStatus, 404);
    QVERIFY2(r.error.message.contains(QLatin1String("Cannot GET /hris/employees")), qPrintable(r.error.message));
    QVERIFY2(r.error.hint.contains(QLatin1String("removed from Panora in November 2024")), qPrintable(r.error.hint));
}

void TestPanoraClient::wrongApiKeyIsAnAuthError()
{
    QNetworkAccessManager nam;
    HttpClient http(&nam);
    PanoraClient panora(&http,
        { m_fx->sandbox().panoraBaseUrl(), QStringLiteral("sk_wrong"),
            sandbox::SandboxCredentials::panoraConnectionToken() });
    const Result r = SandboxFixture::wait(panora.listPage(QStringLiteral("/crm/contacts"), 5, QString()));
    QCOMPARE(r.error.kind, Error::Kind::Auth);
    QVERIFY(r.error.hint.contains(QLatin1String("PANORA_API_KEY")));
    PanoraClient noToken(&http, { m_fx->sandbox().panoraBaseUrl(), QStringLiteral("k"), QString() });
    const Result missing = SandboxFixture::wait(noToken.listPage(QStringLiteral("/crm/contacts"), 5, QString()));
    QCOMPARE(missing.error.kind, Error::Kind::Config); // never sent without a connection token
}

QTEST_GUILESS_MAIN(TestPanoraClient)
#include "tst_panoraclient.moc"
