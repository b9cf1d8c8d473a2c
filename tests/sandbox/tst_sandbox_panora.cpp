// Tests of the emulated Panora unified API: auth, cursor paging over every seeded contact, error shapes, HRIS on/off.
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

class TestSandboxPanora : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void auth_data();
    void auth();
    void pagesThroughEveryContact();
    void badListQuery_data();
    void badListQuery();
    void getContact();
    void createContact();
    void employeesPaging();
    void employeeCreateIsNotImplemented();
    void hrisCanBeRemoved();

private:
    HttpResult get(const QByteArray &pathAndQuery);

    Sandbox m_sandbox;
    QNetworkAccessManager m_nam;
};

HttpResult TestSandboxPanora::get(const QByteArray &pathAndQuery)
{
    return send(m_nam, "GET", urlOf(m_sandbox.panoraBaseUrl(), pathAndQuery),
        { { "x-api-key", SandboxCredentials::panoraApiKey().toUtf8() },
            { "x-connection-token", SandboxCredentials::panoraConnectionToken().toUtf8() },
            { "Accept", "application/json" } });
}

void TestSandboxPanora::initTestCase()
{
    QVERIFY(m_sandbox.start());
    QVERIFY(m_sandbox.contactCount() >= 5000);
    QVERIFY(m_sandbox.employeeCount() >= 1000);
}

void TestSandboxPanora::init()
{
    m_sandbox.clearRequests();
    m_sandbox.setPanoraHasHris(true);
}

void TestSandboxPanora::auth_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QByteArray key = SandboxCredentials::panoraApiKey().toUtf8();
    const QByteArray token = SandboxCredentials::panoraConnectionToken().toUtf8();
    QTest::newRow("no key") << Headers { { "x-connection-token", token } } << 401 << QStringLiteral("Unauthorized");
    QTest::newRow("wrong key") << Headers { { "x-api-key", "sk_wrong" }, { "x-connection-token", token } } << 500
                               << QStringLiteral("API Key not found.");
    QTest::newRow("x-api-key") << Headers { { "x-api-key", key }, { "x-connection-token", token } } << 200 << QString();
    QTest::newRow("legacy bearer") << Headers { { "Authorization", "Bearer " + key }, { "x-connection-token", token } }
                                   << 200 << QString();
    QTest::newRow("no connection token") << Headers { { "x-api-key", key } } << 401 << QStringLiteral("Unauthorized");
    QTest::newRow("unknown connection token")
        << Headers { { "x-api-key", key }, { "x-connection-token", "abc" } } << 500
        << QStringLiteral("ReferenceError: Connection undefined for token abc");
}

void TestSandboxPanora::auth()
{
    QFETCH(Headers, headers);
    QFETCH(int, status);
    QFETCH(QString, message);
    const HttpResult r = send(m_nam, "GET", urlOf(m_sandbox.panoraBaseUrl(), "/crm/contacts?limit=2"), headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    if (status != 200) {
        const QJsonObject body = r.json();
        QCOMPARE(body.value(QStringLiteral("statusCode")).toInt(), status);
        QCOMPARE(body.value(QStringLiteral("message")).toString(), message);
        QCOMPARE(body.value(QStringLiteral("path")).toString(), QStringLiteral("/crm/contacts?limit=2"));
        QVERIFY(body.value(QStringLiteral("timestamp")).toString().endsWith(QLatin1Char('Z')));
    } else {
        QCOMPARE(r.json().value(QStringLiteral("data")).toArray().size(), 2);
    }
    QCOMPARE(m_sandbox.requests(QStringLiteral("panora")).size(), 1);
    QCOMPARE(m_sandbox.requests(QStringLiteral("panora")).first().status, status);
}

void TestSandboxPanora::pagesThroughEveryContact()
{
    QSet<QString> ids;
    int rows = 0;
    QString cursor;
    QString previousLast;
    int pages = 0;
    while (true) {
        QByteArray query = "/crm/contacts?limit=500";
        if (!cursor.isEmpty())
            query += "&cursor=" + QUrl::toPercentEncoding(cursor);
        const HttpResult r = get(query);
        QCOMPARE(r.status, 200);
        const QJsonObject page = r.json();
        QCOMPARE(page.value(QStringLiteral("prev_cursor")),
            cursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(cursor));
        const QJsonArray data = page.value(QStringLiteral("data")).toArray();
        QVERIFY(!data.isEmpty());
        QString lastCreated;
        for (const QJsonValue &v : data) {
            const QJsonObject c = v.toObject();
            ids.insert(c.value(QStringLiteral("id")).toString());
            ++rows;
            const QString created = c.value(QStringLiteral("created_at")).toString();
            QVERIFY(created >= lastCreated);
            lastCreated = created;
            QVERIFY(!c.contains(QStringLiteral("remote_data")));
        }
        if (!cursor.isEmpty()) {
            // The cursor is base64 of the first row's id (Prisma's inclusive cursor).
            QCOMPARE(QString::fromLatin1(QByteArray::fromBase64(cursor.toLatin1())),
                data.first().toObject().value(QStringLiteral("id")).toString());
        }
        ++pages;
        const QJsonValue next = page.value(QStringLiteral("next_cursor"));
        if (next.isNull())
            break;
        cursor = next.toString();
        QVERIFY(pages <= 20);
    }
    QCOMPARE(rows, m_sandbox.contactCount());
    QCOMPARE(ids.size(), m_sandbox.contactCount()); // no duplicates, no gaps
    QCOMPARE(pages, (m_sandbox.contactCount() + 499) / 500);

    // Same data with the default limit of 50 on the first page; the shape of one contact.
    const HttpResult first = get("/crm/contacts");
    const QJsonArray data = first.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 50);
    const QJsonObject c = data.first().toObject();
    for (const char *key : { "id", "first_name", "last_name", "email_addresses", "phone_numbers", "addresses",
             "user_id", "field_mappings", "remote_id", "created_at", "modified_at" })
        QVERIFY2(c.contains(QLatin1String(key)), key);
    const QJsonObject email = c.value(QStringLiteral("email_addresses")).toArray().first().toObject();
    QVERIFY(email.value(QStringLiteral("email_address")).toString().contains(QLatin1Char('@')));
    QVERIFY(!email.value(QStringLiteral("email_address_type")).toString().isEmpty());
    QVERIFY(c.value(QStringLiteral("phone_numbers"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("phone_number"))
                .toString()
                .startsWith(QLatin1Char('+')));
    QCOMPARE(c.value(QStringLiteral("addresses")).toArray().first().toObject().value(QStringLiteral("id_crm_contact")),
        c.value(QStringLiteral("id")));

    // Deterministic: a second sandbox has the same first id.
    Sandbox other;
    QVERIFY(other.start());
    const HttpResult again = send(m_nam, "GET", urlOf(other.panoraBaseUrl(), "/crm/contacts?limit=1"),
        { { "x-api-key", SandboxCredentials::panoraApiKey().toUtf8() },
            { "x-connection-token", SandboxCredentials::panoraConnectionToken().toUtf8() } });
    QCOMPARE(again.json().value(QStringLiteral("data")).toArray().first().toObject().value(QStringLiteral("id")),
        c.value(QStringLiteral("id")));

    const HttpResult remote = get("/crm/contacts?limit=1&remote_data=true");
    QVERIFY(remote.json()
                .value(QStringLiteral("data"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("remote_data"))
                .isObject());
}

void TestSandboxPanora::badListQuery_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QByteArray unknownUuid = QByteArray("00000000-0000-4000-8000-000000000000").toBase64();
    QTest::newRow("cursor not base64") << QByteArray("cursor=%21%21%21") << 400
                                       << QStringLiteral("Bad Request Exception");
    QTest::newRow("cursor not a uuid") << QByteArray("cursor=" + QByteArray("hello").toBase64()) << 400
                                       << QStringLiteral("Bad Request Exception");
    QTest::newRow("raw uuid cursor") << QByteArray("cursor=9d7b68e2-3a5f-4c1a-9b27-2c4f8e6d1b3a") << 400
                                     << QStringLiteral("Bad Request Exception");
    QTest::newRow("unknown cursor") << QByteArray("cursor=" + unknownUuid) << 500
                                    << QStringLiteral("ReferenceError: The provided cursor does not exist!");
    QTest::newRow("limit text") << QByteArray("limit=ten") << 400 << QStringLiteral("Bad Request Exception");
    QTest::newRow("limit zero") << QByteArray("limit=0") << 400 << QStringLiteral("Bad Request Exception");
    QTest::newRow("remote_data yes") << QByteArray("remote_data=yes") << 400 << QStringLiteral("Bad Request Exception");
}

void TestSandboxPanora::badListQuery()
{
    QFETCH(QByteArray, query);
    QFETCH(int, status);
    QFETCH(QString, message);
    const HttpResult r = get("/crm/contacts?" + query);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(QStringLiteral("statusCode")).toInt(), status);
    QCOMPARE(r.json().value(QStringLiteral("message")).toString(), message);
    QCOMPARE(r.json().value(QStringLiteral("path")).toString(), QString::fromLatin1("/crm/contacts?" + query));
}

void TestSandboxPanora::getContact()
{
    const QJsonObject first
        = get("/crm/contacts?limit=1").json().value(QStringLiteral("data")).toArray().first().toObject();
    const QString id = first.value(QStringLiteral("id")).toString();
    HttpResult r = get("/crm/contacts/" + id.toUtf8());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json(), first);
    r = get("/crm/contacts/00000000-0000-4000-8000-000000000000");
    QCOMPARE(r.status, 500);
    QCOMPARE(r.json().value(QStringLiteral("message")).toString(),
        QStringLiteral("Cannot read properties of null (reading 'id_crm_contact')"));
}

void TestSandboxPanora::createContact()
{
    const int before = m_sandbox.contactCount();
    const QJsonObject input { { QStringLiteral("first_name"), QStringLiteral("tom") },
        { QStringLiteral("last_name"), QStringLiteral("jedusor") },
        { QStringLiteral("email_addresses"),
            QJsonArray { QJsonObject { { QStringLiteral("email_address"), QStringLiteral("tom@jedusor.com") },
                { QStringLiteral("email_address_type"), QStringLiteral("PERSONAL") } } } },
        { QStringLiteral("phone_numbers"),
            QJsonArray { QJsonObject { { QStringLiteral("phone_number"), QStringLiteral("+33650438278") },
                { QStringLiteral("phone_type"), QStringLiteral("MOBILE") } } } },
        { QStringLiteral("field_mappings"), QJsonObject {} } };
    const Headers headers { { "x-api-key", SandboxCredentials::panoraApiKey().toUtf8() },
        { "x-connection-token", SandboxCredentials::panoraConnectionToken().toUtf8() },
        { "Content-Type", "application/json" } };
    HttpResult r = send(
        m_nam, "POST", urlOf(m_sandbox.panoraBaseUrl(), "/crm/contacts"), headers, QJsonDocument(input).toJson());
    QCOMPARE(r.status, 201);
    const QJsonObject created = r.json();
    const QString id = created.value(QStringLiteral("id")).toString();
    QCOMPARE(id.size(), 36);
    QVERIFY(!created.value(QStringLiteral("remote_id")).toString().isEmpty());
    QCOMPARE(created.value(QStringLiteral("first_name")).toString(), QStringLiteral("tom"));
    QCOMPARE(created.value(QStringLiteral("email_addresses")), input.value(QStringLiteral("email_addresses")));
    QCOMPARE(m_sandbox.contactCount(), before + 1);
    QCOMPARE(get("/crm/contacts/" + id.toUtf8()).json().value(QStringLiteral("last_name")).toString(),
        QStringLiteral("jedusor"));

    // Listed afterwards: it is the newest, so it is the last row.
    const QByteArray lastPageCursor = get("/crm/contacts?limit=" + QByteArray::number(before))
                                          .json()
                                          .value(QStringLiteral("next_cursor"))
                                          .toString()
                                          .toLatin1();
    const HttpResult last = get("/crm/contacts?cursor=" + QUrl::toPercentEncoding(QString::fromLatin1(lastPageCursor)));
    QCOMPARE(
        last.json().value(QStringLiteral("data")).toArray().last().toObject().value(QStringLiteral("id")).toString(),
        id);

    r = send(m_nam, "POST", urlOf(m_sandbox.panoraBaseUrl(), "/crm/contacts"), headers, "[\"not an object\"]");
    QCOMPARE(r.status, 400);
}

void TestSandboxPanora::employeesPaging()
{
    QSet<QString> ids;
    QString cursor;
    int pages = 0;
    while (pages < 50) {
        QByteArray query = "/hris/employees?limit=300";
        if (!cursor.isEmpty())
            query += "&cursor=" + QUrl::toPercentEncoding(cursor);
        const HttpResult r = get(query);
        QCOMPARE(r.status, 200);
        const QJsonObject page = r.json();
        QVERIFY(page.contains(QStringLiteral("previous_cursor")));
        QVERIFY(!page.contains(QStringLiteral("prev_cursor")));
        for (const QJsonValue &v : page.value(QStringLiteral("data")).toArray()) {
            const QJsonObject e = v.toObject();
            QVERIFY(!ids.contains(e.value(QStringLiteral("id")).toString()));
            ids.insert(e.value(QStringLiteral("id")).toString());
            QVERIFY(!e.contains(QStringLiteral("created_at"))); // the list leaves these out
            QVERIFY(e.contains(QStringLiteral("employment_status")));
        }
        ++pages;
        if (page.value(QStringLiteral("next_cursor")).isNull())
            break;
        cursor = page.value(QStringLiteral("next_cursor")).toString();
    }
    QCOMPARE(ids.size(), m_sandbox.employeeCount());
    QCOMPARE(pages, (m_sandbox.employeeCount() + 299) / 300);

    const QString id = *ids.constBegin();
    const HttpResult one = get("/hris/employees/" + id.toUtf8());
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value(QStringLiteral("id")).toString(), id);
    QVERIFY(one.json().contains(QStringLiteral("created_at")));
    QVERIFY(one.json().contains(QStringLiteral("remote_was_deleted")));
    const HttpResult missing = get("/hris/employees/00000000-0000-4000-8000-000000000000");
    QCOMPARE(missing.status, 500);
    QCOMPARE(get("/hris/employees?limit=abc").json().value(QStringLiteral("message")).toString(),
        QStringLiteral("Bad Request"));
}

void TestSandboxPanora::employeeCreateIsNotImplemented()
{
    const HttpResult r = send(m_nam, "POST", urlOf(m_sandbox.panoraBaseUrl(), "/hris/employees"),
        { { "x-api-key", SandboxCredentials::panoraApiKey().toUtf8() },
            { "x-connection-token", SandboxCredentials::panoraConnectionToken().toUtf8() },
            { "Content-Type", "application/json" } },
        R"({"first_name":"New"})");
    QCOMPARE(r.status, 500);
    QCOMPARE(m_sandbox.employeeCount(), 1000);
}

void TestSandboxPanora::hrisCanBeRemoved()
{
    m_sandbox.setPanoraHasHris(false);
    HttpResult r = get("/hris/employees?limit=5");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("statusCode")).toInt(), 404);
    QCOMPARE(r.json().value(QStringLiteral("message")).toString(), QStringLiteral("Cannot GET /hris/employees"));
    // Route 404s come before the guards: even without a key.
    r = send(m_nam, "GET", urlOf(m_sandbox.panoraBaseUrl(), "/hris/employees"));
    QCOMPARE(r.status, 404);
    QCOMPARE(get("/crm/contacts?limit=1").status, 200);
    m_sandbox.setPanoraHasHris(true);
    QCOMPARE(get("/hris/employees?limit=5").status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxPanora)
#include "tst_sandbox_panora.moc"
