// Tests of the emulated Nango API: auth, strict validation, connections (list/get/delete/import) and the compatible
// paths, over real loopback HTTP.
#include "rawhttp.h"
#include "sandbox/sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
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

class TestSandboxNango : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void health();
    void auth_data();
    void auth();
    void listConnections();
    void deprecatedListIsTheSame();
    void listQuery_data();
    void listQuery();
    void contentTypeEnforced_data();
    void contentTypeEnforced();
    void importVerifiedThenGetAndDeleteWithSlashInId();
    void importRejected_data();
    void importRejected();
    void importIsAnUpsert();
    void importTwilio();
    void legacyImportEchoesWithoutTest();
    void legacyImportMissingApiKey();
    void getConnectionErrors();
    void compatibleContactsPaging();
    void compatibleGetAndCreate();

private:
    HttpResult get(const QByteArray &pathAndQuery, const Headers &extra = {});
    HttpResult postJson(const QByteArray &path, const QJsonObject &body);

    Sandbox m_sandbox;
    QNetworkAccessManager m_nam;
};

HttpResult TestSandboxNango::get(const QByteArray &pathAndQuery, const Headers &extra)
{
    Headers headers { { "Authorization", nangoAuth() } };
    headers.append(extra);
    return send(m_nam, "GET", urlOf(m_sandbox.nangoBaseUrl(), pathAndQuery), headers);
}

HttpResult TestSandboxNango::postJson(const QByteArray &path, const QJsonObject &body)
{
    return send(m_nam, "POST", urlOf(m_sandbox.nangoBaseUrl(), path),
        { { "Authorization", nangoAuth() }, { "Content-Type", "application/json" } },
        QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void TestSandboxNango::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
    QVERIFY(m_sandbox.isRunning());
    QCOMPARE(m_sandbox.nangoBaseUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_sandbox.nangoBaseUrl().port() > 0);
    QVERIFY(m_sandbox.panoraBaseUrl().port() != m_sandbox.nangoBaseUrl().port());
}

void TestSandboxNango::init()
{
    m_sandbox.clearRequests();
}

void TestSandboxNango::health()
{
    const HttpResult r = send(m_nam, "GET", urlOf(m_sandbox.nangoBaseUrl(), "/health"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    QCOMPARE(r.json(), QJsonObject({ { QStringLiteral("result"), QStringLiteral("ok") } }));
    const auto recorded = m_sandbox.requests(QStringLiteral("nango"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded[0].method, QByteArray("GET"));
    QCOMPARE(recorded[0].path, QStringLiteral("/health"));
    QCOMPARE(recorded[0].status, 200);
    QVERIFY(!recorded[0].upstream);
}

void TestSandboxNango::auth_data()
{
    QTest::addColumn<QByteArray>("authorization"); // "-" = no header
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QByteArray key = SandboxCredentials::nangoSecretKey().toUtf8();
    QTest::newRow("missing") << QByteArray("-") << 401 << QStringLiteral("missing_auth_header");
    QTest::newRow("lowercase bearer") << QByteArray("bearer " + key) << 401
                                      << QStringLiteral("invalid_secret_key_format");
    QTest::newRow("not a uuid") << QByteArray("Bearer sk-not-a-uuid") << 401
                                << QStringLiteral("invalid_secret_key_format");
    QTest::newRow("uuid v1") << QByteArray("Bearer 4f1c5e3a-9b2d-1c7e-8a6f-2d3b1e0c9a57") << 401
                             << QStringLiteral("invalid_secret_key_format");
    QTest::newRow("wrong v4 key") << QByteArray("Bearer 0f1c5e3a-9b2d-4c7e-8a6f-2d3b1e0c9a57") << 401
                                  << QStringLiteral("unknown_account");
    QTest::newRow("valid") << QByteArray("Bearer " + key) << 200 << QString();
}

void TestSandboxNango::auth()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, code);
    Headers headers;
    if (authorization != "-")
        headers.append({ "Authorization", authorization });
    const HttpResult r = send(m_nam, "GET", urlOf(m_sandbox.nangoBaseUrl(), "/connections"), headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    if (status == 401) {
        const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY(error.value(QStringLiteral("payload")).isObject());
        if (code == QStringLiteral("missing_auth_header")) {
            QCOMPARE(r.body,
                QByteArray(
                    R"({"error":{"code":"missing_auth_header","message":"Authentication failed. The request is missing the Authorization header.","payload":{}}})"));
        }
    }
    const auto recorded = m_sandbox.requests(QStringLiteral("nango"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded[0].status, status);
    QCOMPARE(recorded[0].header("authorization"), authorization == "-" ? QByteArray() : authorization);
}

void TestSandboxNango::listConnections()
{
    const HttpResult r = get("/connections");
    QCOMPARE(r.status, 200);
    const QJsonArray connections = r.json().value(QStringLiteral("connections")).toArray();
    QVERIFY(connections.size() >= 4);
    QStringList ids;
    QString previousCreated = QStringLiteral("9999");
    bool sawAuthError = false;
    for (const QJsonValue &v : connections) {
        const QJsonObject c = v.toObject();
        ids.append(c.value(QStringLiteral("connection_id")).toString());
        for (const char *key : { "id", "connection_id", "provider", "provider_config_key", "created", "metadata",
                 "tags", "errors", "end_user" })
            QVERIFY2(c.contains(QLatin1String(key)), key);
        QVERIFY(!c.contains(QStringLiteral("credentials")));
        QVERIFY(c.value(QStringLiteral("end_user")).isNull());
        const QString created = c.value(QStringLiteral("created")).toString();
        QVERIFY2(created <= previousCreated, "ordered by created desc");
        previousCreated = created;
        for (const QJsonValue &e : c.value(QStringLiteral("errors")).toArray()) {
            sawAuthError
                = sawAuthError || e.toObject().value(QStringLiteral("type")).toString() == QStringLiteral("auth");
            QVERIFY(!e.toObject().value(QStringLiteral("log_id")).toString().isEmpty());
        }
    }
    QVERIFY(sawAuthError);
    for (const char *seeded : { "conn_abc123", "whatsapp-prod-1", "conn_twilio_1" })
        QVERIFY2(ids.contains(QLatin1String(seeded)), seeded);
    QVERIFY(!r.body.contains("EAAG"));
    QVERIFY(!r.body.contains("password"));
}

void TestSandboxNango::deprecatedListIsTheSame()
{
    const HttpResult current = get("/connections?integrationId=twilio");
    const HttpResult legacy = get("/connection?integrationId=twilio");
    QCOMPARE(legacy.status, 200);
    QCOMPARE(legacy.body, current.body);
}

void TestSandboxNango::listQuery_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode"); // for 400
    QTest::addColumn<QStringList>("expected"); // connection ids (in order) for 200

    QTest::newRow("unknown param") << QByteArray("foo=1") << 400 << QStringLiteral("unrecognized_keys")
                                   << QStringList();
    QTest::newRow("empty search") << QByteArray("search=") << 400 << QStringLiteral("too_small") << QStringList();
    QTest::newRow("empty connectionId") << QByteArray("connectionId=") << 400 << QStringLiteral("too_small")
                                        << QStringList();
    QTest::newRow("limit 0") << QByteArray("limit=0") << 400 << QString() << QStringList();
    QTest::newRow("limit 2001") << QByteArray("limit=2001") << 400 << QString() << QStringList();
    QTest::newRow("page -1") << QByteArray("page=-1") << 400 << QString() << QStringList();
    QTest::newRow("search ilike") << QByteArray("search=WHATSAPP&integrationId=whatsapp-business") << 200 << QString()
                                  << QStringList { QStringLiteral("whatsapp-expired"),
                                         QStringLiteral("whatsapp-prod-1") };
    QTest::newRow("connectionId") << QByteArray("connectionId=conn_abc123") << 200 << QString()
                                  << QStringList { QStringLiteral("conn_abc123") };
    QTest::newRow("integration list") << QByteArray("integrationId=twilio,nope") << 200 << QString()
                                      << QStringList { QStringLiteral("conn_twilio_1") };
    QTest::newRow("tags") << QByteArray("tags%5Bend_user_id%5D=acme&tags%5Borganization_id%5D=acme-org") << 200
                          << QString() << QStringList { QStringLiteral("conn_abc123") };
    QTest::newRow("page 1 of 2") << QByteArray("integrationId=whatsapp-business&limit=2&page=1") << 200 << QString()
                                 << QStringList { QStringLiteral("conn_abc123") };
}

void TestSandboxNango::listQuery()
{
    QFETCH(QByteArray, query);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    QFETCH(QStringList, expected);
    const HttpResult r = get("/connections?" + query);
    QCOMPARE(r.status, status);
    if (status == 400) {
        const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_query_params"));
        const QJsonArray errors = error.value(QStringLiteral("errors")).toArray();
        QVERIFY(!errors.isEmpty());
        if (!errorCode.isEmpty())
            QCOMPARE(errors[0].toObject().value(QStringLiteral("code")).toString(), errorCode);
        return;
    }
    QStringList ids;
    for (const QJsonValue &v : r.json().value(QStringLiteral("connections")).toArray())
        ids.append(v.toObject().value(QStringLiteral("connection_id")).toString());
    QCOMPARE(ids, expected);
}

void TestSandboxNango::contentTypeEnforced_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::newRow("POST text/plain") << QByteArray("POST") << QByteArray("/connections") << QByteArray("text/plain")
                                     << 415;
    QTest::newRow("POST form") << QByteArray("POST") << QByteArray("/connection")
                               << QByteArray("application/x-www-form-urlencoded") << 415;
    QTest::newRow("GET with text/plain") << QByteArray("GET") << QByteArray("/connections") << QByteArray("text/plain")
                                         << 415;
    QTest::newRow("GET json charset") << QByteArray("GET") << QByteArray("/connections")
                                      << QByteArray("application/json; charset=utf-8") << 200;
    QTest::newRow("proxy is not covered")
        << QByteArray("GET") << QByteArray("/proxy/v21.0/me") << QByteArray("text/plain") << 200;
}

void TestSandboxNango::contentTypeEnforced()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    const HttpResult r = send(m_nam, method, urlOf(m_sandbox.nangoBaseUrl(), path),
        { { "Authorization", nangoAuth() }, { "Content-Type", contentType }, { "Connection-Id", "conn_abc123" },
            { "Provider-Config-Key", "whatsapp-business" } },
        method == "POST" ? QByteArray("{}") : QByteArray());
    QCOMPARE(r.status, status);
    if (status == 415) {
        QCOMPARE(r.body,
            QByteArray(
                R"({"error":{"code":"invalid_content_type","message":"Content-Type header must be application/json"}})"));
    }
}

void TestSandboxNango::importVerifiedThenGetAndDeleteWithSlashInId()
{
    const QString token = QStringLiteral("EAAGimportedToken1234567890abc");
    const QJsonObject body { { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("connection_id"), QStringLiteral("acme/wa 1") },
        { QStringLiteral("credentials"),
            QJsonObject {
                { QStringLiteral("type"), QStringLiteral("API_KEY") }, { QStringLiteral("apiKey"), token } } },
        { QStringLiteral("tags"), QJsonObject { { QStringLiteral("End_User_Id"), QStringLiteral("acme") } } },
        { QStringLiteral("metadata"),
            QJsonObject { { QStringLiteral("phone_number_id"), QStringLiteral("123456789012345") } } } };
    const HttpResult created = postJson("/connections", body);
    QCOMPARE(created.status, 201);
    const QJsonObject c = created.json();
    QCOMPARE(c.value(QStringLiteral("connection_id")).toString(), QStringLiteral("acme/wa 1"));
    QCOMPARE(c.value(QStringLiteral("provider")).toString(), QStringLiteral("whatsapp-business"));
    QCOMPARE(c.value(QStringLiteral("credentials")).toObject().value(QStringLiteral("apiKey")).toString(), token);
    QCOMPARE(c.value(QStringLiteral("credentials")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("API_KEY"));
    QCOMPARE(c.value(QStringLiteral("tags")).toObject().value(QStringLiteral("end_user_id")).toString(),
        QStringLiteral("acme"));
    QVERIFY(c.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));

    // Nango tested the token against the (emulated) Meta with GET /v21.0/me.
    const auto upstream = m_sandbox.requests(QStringLiteral("whatsapp"));
    QCOMPARE(upstream.size(), 1);
    QVERIFY(upstream[0].upstream);
    QCOMPARE(upstream[0].method, QByteArray("GET"));
    QCOMPARE(upstream[0].path, QStringLiteral("/v21.0/me"));
    QCOMPARE(upstream[0].header("authorization"), QByteArray("Bearer " + token.toUtf8()));
    QCOMPARE(upstream[0].status, 200);

    const QByteArray encodedPath = "/connections/acme%2Fwa%201";
    const HttpResult fetched = get(encodedPath + "?provider_config_key=whatsapp-business");
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.json().value(QStringLiteral("connection_id")).toString(), QStringLiteral("acme/wa 1"));
    QCOMPARE(fetched.json().value(QStringLiteral("credentials")).toObject(), QJsonObject());
    QVERIFY(fetched.json().value(QStringLiteral("created_at")).toString().endsWith(QStringLiteral("+00:00")));
    const auto nango = m_sandbox.requests(QStringLiteral("nango"));
    QCOMPARE(nango.last().rawPath, encodedPath);
    QCOMPARE(nango.last().path, QStringLiteral("/connections/acme/wa 1"));
    QCOMPARE(nango.last().query, QByteArray("provider_config_key=whatsapp-business"));

    QCOMPARE(
        get("/connections?connectionId=acme%2Fwa%201").json().value(QStringLiteral("connections")).toArray().size(), 1);

    const Headers auth { { "Authorization", nangoAuth() } };
    HttpResult deleted = send(
        m_nam, "DELETE", urlOf(m_sandbox.nangoBaseUrl(), encodedPath + "?provider_config_key=whatsapp-business"), auth);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json(), QJsonObject({ { QStringLiteral("success"), true } }));
    QCOMPARE(get(encodedPath + "?provider_config_key=whatsapp-business").body,
        QByteArray(R"({"error":{"code":"not_found","message":"Failed to find connection"}})"));
    deleted = send(
        m_nam, "DELETE", urlOf(m_sandbox.nangoBaseUrl(), encodedPath + "?provider_config_key=whatsapp-business"), auth);
    QCOMPARE(deleted.status, 400);
    QCOMPARE(deleted.body, QByteArray(R"({"error":{"code":"unknown_connection"}})"));
}

void TestSandboxNango::importRejected_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("detail"); // message, or errors[0].code
    auto apiKey = [](const QString &key) {
        return QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") }, { QStringLiteral("apiKey"), key } };
    };
    const QString wa = QStringLiteral("whatsapp-business");
    const QString pck = QStringLiteral("provider_config_key");
    const QString cid = QStringLiteral("connection_id");
    const QString creds = QStringLiteral("credentials");
    QTest::newRow("token meta rejects")
        << QByteArray("/connections")
        << QJsonObject { { pck, wa }, { cid, QStringLiteral("bad-1") },
               { creds, apiKey(QStringLiteral("not-a-meta-token")) } }
        << 400 << QStringLiteral("connection_test_failed")
        << QStringLiteral(
               "The given credentials were found to be invalid. Please check the credentials and try again.");
    QTest::newRow("short EAA token") << QByteArray("/connections")
                                     << QJsonObject { { pck, wa }, { cid, QStringLiteral("bad-2") },
                                            { creds, apiKey(QStringLiteral("EAAshort")) } }
                                     << 400 << QStringLiteral("connection_test_failed") << QString();
    QTest::newRow("unknown key") << QByteArray("/connections")
                                 << QJsonObject { { pck, wa },
                                        { creds, apiKey(QStringLiteral("EAAGimportedToken1234567890abc")) },
                                        { QStringLiteral("apiKey"), 1 } }
                                 << 400 << QStringLiteral("invalid_body") << QStringLiteral("unrecognized_keys");
    QTest::newRow("missing apiKey") << QByteArray("/connections")
                                    << QJsonObject { { pck, wa },
                                           { creds,
                                               QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") } } } }
                                    << 400 << QStringLiteral("invalid_body") << QStringLiteral("invalid_type");
    QTest::newRow("missing credentials") << QByteArray("/connections") << QJsonObject { { pck, wa } } << 400
                                         << QStringLiteral("invalid_body") << QStringLiteral("invalid_type");
    QTest::newRow("basic on api key") << QByteArray("/connections")
                                      << QJsonObject { { pck, wa },
                                             { creds,
                                                 QJsonObject { { QStringLiteral("type"), QStringLiteral("BASIC") },
                                                     { QStringLiteral("username"), QStringLiteral("u") },
                                                     { QStringLiteral("password"), QStringLiteral("p") } } } }
                                      << 400 << QStringLiteral("invalid_body")
                                      << QStringLiteral("Provider API_KEY does not support BASIC auth");
    QTest::newRow("api key on basic") << QByteArray("/connections")
                                      << QJsonObject { { pck, QStringLiteral("twilio") },
                                             { creds, apiKey(QStringLiteral("EAAGimportedToken1234567890abc")) } }
                                      << 400 << QStringLiteral("invalid_body")
                                      << QStringLiteral("Provider BASIC does not support API_KEY auth");
    QTest::newRow("unknown integration") << QByteArray(
        "/connections") << QJsonObject { { pck, QStringLiteral("salesforce") }, { creds, apiKey(QStringLiteral("x")) } }
                                         << 404 << QStringLiteral("not_found")
                                         << QStringLiteral("Integration does not exist");
    QTest::newRow("query not allowed") << QByteArray("/connections?dry=1")
                                       << QJsonObject { { pck, wa },
                                              { creds, apiKey(QStringLiteral("EAAGimportedToken1234567890abc")) } }
                                       << 400 << QStringLiteral("invalid_query_params")
                                       << QStringLiteral("unrecognized_keys");
    QTest::newRow("twilio short token") << QByteArray("/connections")
                                        << QJsonObject { { pck, QStringLiteral("twilio") },
                                               { creds,
                                                   QJsonObject { { QStringLiteral("type"), QStringLiteral("BASIC") },
                                                       { QStringLiteral("username"),
                                                           SandboxCredentials::twilioAccountSid() },
                                                       { QStringLiteral("password"), QStringLiteral("short") } } } }
                                        << 400 << QStringLiteral("connection_test_failed") << QString();
    QTest::newRow("twilio not a sid") << QByteArray("/connections")
                                      << QJsonObject { { pck, QStringLiteral("twilio") },
                                             { creds,
                                                 QJsonObject { { QStringLiteral("type"), QStringLiteral("BASIC") },
                                                     { QStringLiteral("username"), QStringLiteral("ACnothex") },
                                                     { QStringLiteral("password"),
                                                         QStringLiteral("0123456789abcdef0123456789abcdef") } } } }
                                      << 400 << QStringLiteral("connection_test_failed") << QString();
}

void TestSandboxNango::importRejected()
{
    QFETCH(QByteArray, path);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, detail);
    const int before = get("/connections").json().value(QStringLiteral("connections")).toArray().size();
    const HttpResult r = postJson(path, body);
    QCOMPARE(r.status, status);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    if (!detail.isEmpty()) {
        if (error.contains(QStringLiteral("errors")))
            QCOMPARE(error.value(QStringLiteral("errors"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                detail);
        else
            QCOMPARE(error.value(QStringLiteral("message")).toString(), detail);
    }
    QCOMPARE(get("/connections").json().value(QStringLiteral("connections")).toArray().size(), before);
}

void TestSandboxNango::importIsAnUpsert()
{
    QJsonObject body { { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("connection_id"), QStringLiteral("upsert-me") },
        { QStringLiteral("credentials"),
            QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") },
                { QStringLiteral("apiKey"), QStringLiteral("EAAGfirstToken12345678901") } } } };
    const HttpResult first = postJson("/connections", body);
    QCOMPARE(first.status, 201);
    body.insert(QStringLiteral("credentials"),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") },
            { QStringLiteral("apiKey"), QStringLiteral("EAAGsecondToken1234567890") } });
    const HttpResult second = postJson("/connections", body);
    QCOMPARE(second.status, 201);
    QCOMPARE(second.json().value(QStringLiteral("id")), first.json().value(QStringLiteral("id")));
    QCOMPARE(second.json().value(QStringLiteral("credentials")).toObject().value(QStringLiteral("apiKey")).toString(),
        QStringLiteral("EAAGsecondToken1234567890"));
    QCOMPARE(
        get("/connections?connectionId=upsert-me").json().value(QStringLiteral("connections")).toArray().size(), 1);
}

void TestSandboxNango::importTwilio()
{
    const QJsonObject body { { QStringLiteral("provider_config_key"), QStringLiteral("twilio") },
        { QStringLiteral("connection_id"), QStringLiteral("acme-twilio") },
        { QStringLiteral("credentials"),
            QJsonObject { { QStringLiteral("type"), QStringLiteral("BASIC") },
                { QStringLiteral("username"), SandboxCredentials::twilioAccountSid() },
                { QStringLiteral("password"), QStringLiteral("0123456789abcdef0123456789abcdef") } } } };
    const HttpResult r = postJson("/connections", body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value(QStringLiteral("credentials")).toObject().value(QStringLiteral("username")).toString(),
        SandboxCredentials::twilioAccountSid());
    const auto upstream = m_sandbox.requests(QStringLiteral("twilio"));
    QCOMPARE(upstream.size(), 1);
    QCOMPARE(upstream[0].path,
        QStringLiteral("/2010-04-01/Accounts/%1/Messages.json").arg(SandboxCredentials::twilioAccountSid()));
    QVERIFY(upstream[0].header("authorization").startsWith("Basic "));
    QCOMPARE(upstream[0].status, 200);
}

void TestSandboxNango::legacyImportEchoesWithoutTest()
{
    const QJsonObject body { { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("connection_id"), QStringLiteral("offline-import") },
        { QStringLiteral("api_key"), QStringLiteral("any-unverified-token") },
        { QStringLiteral("metadata"), QJsonObject { { QStringLiteral("k"), QStringLiteral("v") } } } };
    const HttpResult r = postJson("/connection", body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json(), body); // the request body echoed, secret included, plus connection_id
    QVERIFY(m_sandbox.requests(QStringLiteral("whatsapp")).isEmpty()); // no credential test
    QCOMPARE(
        get("/connections?connectionId=offline-import").json().value(QStringLiteral("connections")).toArray().size(),
        1);

    // Without connection_id, one is generated and added to the echo.
    const HttpResult generated = postJson("/connection",
        QJsonObject { { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
            { QStringLiteral("api_key"), QStringLiteral("tok") } });
    QCOMPARE(generated.status, 201);
    QVERIFY(!generated.json().value(QStringLiteral("connection_id")).toString().isEmpty());
    QCOMPARE(generated.json().value(QStringLiteral("api_key")).toString(), QStringLiteral("tok"));
}

void TestSandboxNango::legacyImportMissingApiKey()
{
    const HttpResult r = postJson("/connection",
        QJsonObject { { QStringLiteral("provider_config_key"), QStringLiteral("whatsapp-business") },
            { QStringLiteral("connection_id"), QStringLiteral("x") } });
    QCOMPARE(r.status, 400);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("missing_api_key"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Missing param 'api_key'."));
}

void TestSandboxNango::getConnectionErrors()
{
    HttpResult r = get("/connections/conn_abc123");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("invalid_query_params"));
    r = get("/connections/conn_abc123?provider_config_key=whatsapp-business&extra=1");
    QCOMPARE(r.status, 400);
    r = get("/connections/conn_abc123?provider_config_key=whatsapp-business");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("metadata")).toObject().value(QStringLiteral("phone_number_id")).toString(),
        QStringLiteral("123456789012345"));
    QVERIFY(!r.body.contains("EAAG"));
    r = get("/connections/conn_abc123?provider_config_key=whatsapp-business&force_refresh=true");
    QCOMPARE(r.status, 403);
    r = get("/connections/nobody?provider_config_key=whatsapp-business");
    QCOMPARE(r.status, 404);
}

void TestSandboxNango::compatibleContactsPaging()
{
    QSet<QString> ids;
    QByteArray query = "/crm/contacts?limit=100";
    int pages = 0;
    while (true) {
        const HttpResult r = get(query);
        QCOMPARE(r.status, 200);
        const QJsonObject page = r.json();
        for (const QJsonValue &v : page.value(QStringLiteral("data")).toArray())
            ids.insert(v.toObject().value(QStringLiteral("id")).toString());
        ++pages;
        if (page.value(QStringLiteral("next_cursor")).isNull())
            break;
        query = "/crm/contacts?limit=100&cursor="
            + QUrl::toPercentEncoding(page.value(QStringLiteral("next_cursor")).toString());
        QVERIFY(pages < 100);
    }
    QCOMPARE(pages, 3);
    QVERIFY(ids.size() >= 250);

    // The seed's page/page_size form (1-based pages).
    const HttpResult second = get("/crm/contacts?page=2&page_size=50");
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json().value(QStringLiteral("data")).toArray().size(), 50);
    QCOMPARE(
        second.json().value(QStringLiteral("data")).toArray().at(0).toObject().value(QStringLiteral("id")).toString(),
        QStringLiteral("contact_150"));
    QCOMPARE(get("/crm/contacts?page_size=0").status, 400);
    QCOMPARE(get("/crm/contacts?cursor=%21%21").status, 400);
}

void TestSandboxNango::compatibleGetAndCreate()
{
    HttpResult r = get("/hris/employees/emp_123");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("id")).toString(), QStringLiteral("emp_123"));
    QVERIFY(!r.json().value(QStringLiteral("email")).toString().isEmpty());
    r = get("/hris/employees/emp_999999");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("not_found"));
    QCOMPARE(get("/hris/employees?limit=10").json().value(QStringLiteral("data")).toArray().size(), 10);

    r = postJson("/crm/contacts",
        QJsonObject { { QStringLiteral("email"), QStringLiteral("test@example.com") },
            { QStringLiteral("first_name"), QStringLiteral("Test") } });
    QCOMPARE(r.status, 201);
    const QString id = r.json().value(QStringLiteral("id")).toString();
    QVERIFY(id.startsWith(QStringLiteral("contact_")));
    QCOMPARE(r.json().value(QStringLiteral("email")).toString(), QStringLiteral("test@example.com"));
    r = get("/crm/contacts/" + id.toUtf8());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("first_name")).toString(), QStringLiteral("Test"));

    r = postJson("/hris/employees", QJsonObject { { QStringLiteral("first_name"), QStringLiteral("New") } });
    QCOMPARE(r.status, 201);
    QVERIFY(r.json().value(QStringLiteral("id")).toString().startsWith(QStringLiteral("emp_")));

    r = send(m_nam, "POST", urlOf(m_sandbox.nangoBaseUrl(), "/crm/contacts"),
        { { "Authorization", nangoAuth() }, { "Content-Type", "application/json" } }, "[1,2]");
    QCOMPARE(r.status, 400);
}

QTEST_GUILESS_MAIN(TestSandboxNango)
#include "tst_sandbox_nango.moc"
