// The sandbox's sizes (SandboxSizes; crossline-cli sandbox --contacts/--employees/--records) and its compact seed
// data: seeded records are generated from their index, and what the routes serve is, byte for byte, what the records'
// QJsonObject definitions (SeedData::panoraContact(i), …) serialize to, at any size.
#include "rawhttp.h"
#include "sandbox/sandbox.h"
#include "sandbox/seeddata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

namespace {

using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;
using crossline::sandbox::SandboxSizes;
using crossline::sandbox::SeedData;

using crossline::test::HttpResult;
using crossline::test::nangoAuth;
using crossline::test::send;
using crossline::test::urlOf;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray cursorFor(const QString &id)
{
    return id.toLatin1().toBase64();
}

// Every index of the default sizes, and a few up to the largest size the CLI accepts.
QList<int> indexesUpTo(int defaultCount)
{
    QList<int> out;
    for (int i = 0; i < defaultCount; ++i)
        out << i;
    out << 9999 << 10000 << 65535 << 99999 << 123456 << 500000 << 999998 << 999999;
    return out;
}

} // namespace

class TestSandboxSizes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compactRecordsMatchTheirObjects();
    void defaultSizes();
    void pagesThroughEveryRowOfEachSize();
    void emptySizes();
    void pageIsTheObjectEnvelope();
    void createdContactFollowsTheSeeded();
    void largeSizeLooksUpByIdAndCursor();
    void requestLogLimit();

private:
    HttpResult panora(
        Sandbox &s, const QByteArray &pathAndQuery, const QByteArray &method = "GET", const QByteArray &body = {});
    HttpResult nango(
        Sandbox &s, const QByteArray &pathAndQuery, const QList<QPair<QByteArray, QByteArray>> &extra = {});
    // Follows next_cursor from `path` (whose query already holds the page size) to the end; the rows in order.
    QList<QJsonObject> pageAll(Sandbox &s, bool panoraService, const QByteArray &path, const char *listKey,
        const QList<QPair<QByteArray, QByteArray>> &extra = {}, int *pages = nullptr);

    QNetworkAccessManager m_nam;
};

HttpResult TestSandboxSizes::panora(
    Sandbox &s, const QByteArray &pathAndQuery, const QByteArray &method, const QByteArray &body)
{
    return send(m_nam, method, urlOf(s.panoraBaseUrl(), pathAndQuery),
        { { "x-api-key", SandboxCredentials::panoraApiKey().toUtf8() },
            { "x-connection-token", SandboxCredentials::panoraConnectionToken().toUtf8() },
            { "Content-Type", "application/json" } },
        body);
}

HttpResult TestSandboxSizes::nango(
    Sandbox &s, const QByteArray &pathAndQuery, const QList<QPair<QByteArray, QByteArray>> &extra)
{
    QList<QPair<QByteArray, QByteArray>> headers { { "Authorization", nangoAuth() } };
    headers += extra;
    return send(m_nam, "GET", urlOf(s.nangoBaseUrl(), pathAndQuery), headers);
}

QList<QJsonObject> TestSandboxSizes::pageAll(Sandbox &s, bool panoraService, const QByteArray &path,
    const char *listKey, const QList<QPair<QByteArray, QByteArray>> &extra, int *pages)
{
    QList<QJsonObject> rows;
    QByteArray cursor;
    int count = 0;
    do {
        const QByteArray target = cursor.isEmpty() ? path
                                                   : path + (path.contains('?') ? "&" : "?")
                + "cursor=" + QUrl::toPercentEncoding(QString::fromLatin1(cursor));
        const HttpResult r = panoraService ? panora(s, target) : nango(s, target, extra);
        if (r.status != 200) {
            qWarning() << target << r.status << r.body.left(300);
            return {};
        }
        const QJsonObject page = r.json();
        for (const QJsonValue &v : page.value(QLatin1String(listKey)).toArray())
            rows << v.toObject();
        cursor = page.value(QLatin1String("next_cursor")).toString().toLatin1();
        if (++count > 100000)
            return {}; // a cursor that never ends
    } while (!cursor.isEmpty());
    if (pages)
        *pages = count;
    return rows;
}

void TestSandboxSizes::compactRecordsMatchTheirObjects()
{
    for (const int i : indexesUpTo(SeedData::kPanoraContacts)) {
        QByteArray plain;
        SeedData::appendPanoraContact(plain, i, false);
        QCOMPARE(plain, compact(SeedData::panoraContact(i)));
        QByteArray remote;
        SeedData::appendPanoraContact(remote, i, true);
        QCOMPARE(remote, compact(SeedData::withRemoteData(SeedData::panoraContact(i))));
    }
    for (const int i : indexesUpTo(SeedData::kPanoraEmployees)) {
        const QJsonObject full = SeedData::panoraEmployee(i);
        QJsonObject listed = full;
        for (const char *key : { "created_at", "modified_at", "remote_was_deleted" })
            listed.remove(QLatin1String(key));
        for (const bool remote : { false, true }) {
            QByteArray fullJson;
            SeedData::appendPanoraEmployee(fullJson, i, remote, false);
            QCOMPARE(fullJson, compact(remote ? SeedData::withRemoteData(full) : full));
            QByteArray listedJson;
            SeedData::appendPanoraEmployee(listedJson, i, remote, true);
            QJsonObject expected = remote ? SeedData::withRemoteData(full) : full;
            for (const char *key : { "created_at", "modified_at", "remote_was_deleted" })
                expected.remove(QLatin1String(key));
            QCOMPARE(listedJson, compact(expected));
        }
    }
    for (const int i : indexesUpTo(SeedData::kNangoRecords)) {
        QByteArray plain;
        SeedData::appendNangoContact(plain, i);
        QCOMPARE(plain, compact(SeedData::nangoContact(i)));
        const bool deleted = i % 50 == 49;
        const SeedData::RecordMeta meta { i, deleted };
        QByteArray record;
        SeedData::appendNangoContact(record, i, &meta);
        QCOMPARE(record, compact(SeedData::withRecordMetadata(SeedData::nangoContact(i), i, deleted)));
    }
    for (const int i : indexesUpTo(SeedData::kNangoEmployees)) {
        QByteArray plain;
        SeedData::appendNangoEmployee(plain, i);
        QCOMPARE(plain, compact(SeedData::nangoEmployee(i)));
        const SeedData::RecordMeta meta { i, false };
        QByteArray record;
        SeedData::appendNangoEmployee(record, i, &meta);
        QCOMPARE(record, compact(SeedData::withRecordMetadata(SeedData::nangoEmployee(i), i, false)));
    }
}

void TestSandboxSizes::defaultSizes()
{
    const SandboxSizes sizes;
    QCOMPARE(sizes.panoraContacts, 5000);
    QCOMPARE(sizes.panoraEmployees, 1000);
    QCOMPARE(sizes.nangoContacts, 250);
    QCOMPARE(sizes.nangoEmployees, 150);
    QCOMPARE(sizes.nangoRecords, 3000);
    Sandbox sandbox;
    QVERIFY(sandbox.start());
    QCOMPARE(sandbox.contactCount(), SeedData::kPanoraContacts);
    QCOMPARE(sandbox.employeeCount(), SeedData::kPanoraEmployees);
    QCOMPARE(pageAll(sandbox, false, "/crm/contacts?limit=1000", "data").size(), SeedData::kNangoContacts);
}

void TestSandboxSizes::pagesThroughEveryRowOfEachSize()
{
    SandboxSizes sizes;
    sizes.panoraContacts = 1234;
    sizes.panoraEmployees = 321;
    sizes.nangoContacts = 77;
    sizes.nangoEmployees = 55;
    sizes.nangoRecords = 99;
    Sandbox sandbox(sizes);
    QVERIFY(sandbox.start());
    QCOMPARE(sandbox.contactCount(), 1234);
    QCOMPARE(sandbox.employeeCount(), 321);

    // Panora: pages of 100 as crossline-cli asks for them, every row once, in order, the last page's cursor null.
    int pages = 0;
    const QList<QJsonObject> contacts = pageAll(sandbox, true, "/crm/contacts?limit=100", "data", {}, &pages);
    QCOMPARE(contacts.size(), 1234);
    QCOMPARE(pages, 13);
    QSet<QString> ids;
    for (int i = 0; i < contacts.size(); ++i) {
        QCOMPARE(contacts[i], SeedData::panoraContact(i));
        ids.insert(contacts[i].value(QLatin1String("id")).toString());
    }
    QCOMPARE(ids.size(), 1234);
    const QList<QJsonObject> employees = pageAll(sandbox, true, "/hris/employees?limit=100", "data");
    QCOMPARE(employees.size(), 321);
    QCOMPARE(employees.last().value(QLatin1String("employee_number")).toString(), QStringLiteral("EMP0321"));

    // Nango's compatible paths.
    QCOMPARE(pageAll(sandbox, false, "/crm/contacts?limit=10", "data").size(), 77);
    const QList<QJsonObject> nangoEmployees = pageAll(sandbox, false, "/hris/employees?limit=10", "data");
    QCOMPARE(nangoEmployees.size(), 55);
    QCOMPARE(nangoEmployees.last().value(QLatin1String("id")).toString(), QStringLiteral("emp_154"));
    QCOMPARE(nango(sandbox, "/crm/contacts/contact_176").status, 200);
    QCOMPARE(nango(sandbox, "/crm/contacts/contact_177").status, 404);

    // The real-Nango mode's synced records: pages of at most 37, every one of the asked-for number.
    sandbox.setRealNango(true);
    const QList<QPair<QByteArray, QByteArray>> hubspot { { "Connection-Id", "hubspot-acme" },
        { "Provider-Config-Key", "hubspot" } };
    const QList<QJsonObject> records = pageAll(sandbox, false, "/records?model=Contact", "records", hubspot, &pages);
    QCOMPARE(records.size(), 99);
    QCOMPARE(pages, 3);
    QCOMPARE(records.last().value(QLatin1String("id")).toString(), QStringLiteral("contact_198"));
    QCOMPARE(pageAll(sandbox, false, "/records?model=Contact&filter=deleted", "records", hubspot).size(), 1);
    const QList<QPair<QByteArray, QByteArray>> bamboo { { "Connection-Id", "bamboohr-acme" },
        { "Provider-Config-Key", "bamboohr-basic" } };
    QCOMPARE(pageAll(sandbox, false, "/records?model=Employee", "records", bamboo).size(), 55);
    const QJsonObject status
        = nango(sandbox, "/sync/status?provider_config_key=hubspot&syncs=*&connection_id=hubspot-acme").json();
    QCOMPARE(status.value(QLatin1String("syncs"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("recordCount"))
                 .toObject()
                 .value(QLatin1String("Contact"))
                 .toInt(),
        99);
}

void TestSandboxSizes::emptySizes()
{
    Sandbox sandbox(SandboxSizes { 0, 0, 0, 0, 0 });
    QVERIFY(sandbox.start());
    QCOMPARE(sandbox.contactCount(), 0);
    QCOMPARE(sandbox.employeeCount(), 0);
    QCOMPARE(panora(sandbox, "/crm/contacts?limit=100").body,
        QByteArray(R"({"data":[],"next_cursor":null,"prev_cursor":null})"));
    QCOMPARE(panora(sandbox, "/hris/employees").body,
        QByteArray(R"({"data":[],"next_cursor":null,"previous_cursor":null})"));
    QCOMPARE(nango(sandbox, "/crm/contacts").body, QByteArray(R"({"data":[],"next_cursor":null})"));
    QCOMPARE(nango(sandbox, "/crm/contacts/contact_100").status, 404);
}

void TestSandboxSizes::pageIsTheObjectEnvelope()
{
    // The page as the emulator built it before the seed was compact: a QJsonObject {data, prev_cursor, next_cursor}.
    SandboxSizes sizes;
    sizes.panoraContacts = 10;
    Sandbox sandbox(sizes);
    QVERIFY(sandbox.start());
    for (const bool remote : { false, true }) {
        QJsonArray data;
        for (int i = 3; i < 7; ++i)
            data.append(remote ? SeedData::withRemoteData(SeedData::panoraContact(i)) : SeedData::panoraContact(i));
        const QJsonObject expected { { QStringLiteral("data"), data },
            { QStringLiteral("prev_cursor"), QString::fromLatin1(cursorFor(SeedData::panoraContactId(3))) },
            { QStringLiteral("next_cursor"), QString::fromLatin1(cursorFor(SeedData::panoraContactId(7))) } };
        const HttpResult r = panora(sandbox,
            "/crm/contacts?limit=4&cursor="
                + QUrl::toPercentEncoding(QString::fromLatin1(cursorFor(SeedData::panoraContactId(3))))
                + (remote ? "&remote_data=true" : ""));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, compact(expected));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    }
}

void TestSandboxSizes::createdContactFollowsTheSeeded()
{
    SandboxSizes sizes;
    sizes.panoraContacts = 150;
    Sandbox sandbox(sizes);
    QVERIFY(sandbox.start());
    const HttpResult created = panora(sandbox, "/crm/contacts", "POST",
        R"({"first_name":"Ada","last_name":"Lovelace","email_addresses":[{"email_address":"ada@example.com","email_address_type":"WORK"}]})");
    QCOMPARE(created.status, 201);
    const QString id = created.json().value(QLatin1String("id")).toString();
    QCOMPARE(created.json().value(QLatin1String("remote_id")).toString(), QStringLiteral("1150"));
    QCOMPARE(sandbox.contactCount(), 151);

    const QList<QJsonObject> rows = pageAll(sandbox, true, "/crm/contacts?limit=100", "data");
    QCOMPARE(rows.size(), 151);
    QCOMPARE(rows.last(), created.json());
    // Its id is a cursor like any other, and GET /{id} answers it; remote_data fails on it as on a running Panora.
    const QJsonObject fromCursor
        = panora(sandbox, "/crm/contacts?limit=5&cursor=" + QUrl::toPercentEncoding(QString::fromLatin1(cursorFor(id))))
              .json();
    QCOMPARE(fromCursor.value(QLatin1String("data")).toArray().size(), 1);
    QCOMPARE(panora(sandbox, "/crm/contacts/" + id.toLatin1()).json(), created.json());
    QCOMPARE(panora(sandbox, "/crm/contacts/" + id.toLatin1() + "?remote_data=true").status, 500);
    // The last seeded one's page now points at it.
    const QJsonObject last = panora(sandbox,
        "/crm/contacts?limit=1&cursor="
            + QUrl::toPercentEncoding(QString::fromLatin1(cursorFor(SeedData::panoraContactId(149)))))
                                 .json();
    QCOMPARE(last.value(QLatin1String("next_cursor")).toString().toLatin1(), cursorFor(id));
}

void TestSandboxSizes::largeSizeLooksUpByIdAndCursor()
{
    SandboxSizes sizes;
    sizes.panoraContacts = 100000;
    sizes.panoraEmployees = 20000;
    Sandbox sandbox(sizes);
    QVERIFY(sandbox.start());
    QCOMPARE(sandbox.contactCount(), 100000);
    const QString lastId = SeedData::panoraContactId(99999);
    const HttpResult one = panora(sandbox, "/crm/contacts/" + lastId.toLatin1() + "?remote_data=true");
    QCOMPARE(one.status, 200);
    QCOMPARE(one.body, compact(SeedData::withRemoteData(SeedData::panoraContact(99999))));
    // A cursor in the middle: the page starts at that row (Prisma's cursors are inclusive).
    const QJsonObject page = panora(sandbox,
        "/crm/contacts?limit=100&cursor="
            + QUrl::toPercentEncoding(QString::fromLatin1(cursorFor(SeedData::panoraContactId(54321)))))
                                 .json();
    QCOMPARE(page.value(QLatin1String("data")).toArray().first().toObject(), SeedData::panoraContact(54321));
    QCOMPARE(
        page.value(QLatin1String("next_cursor")).toString().toLatin1(), cursorFor(SeedData::panoraContactId(54421)));
    // Ids and cursors are matched exactly, as before: an upper-case UUID names no contact.
    QCOMPARE(panora(sandbox, "/crm/contacts/" + lastId.toUpper().toLatin1()).status, 500);
    QCOMPARE(panora(sandbox,
                 "/crm/contacts?cursor=" + QUrl::toPercentEncoding(QString::fromLatin1(cursorFor(lastId.toUpper()))))
                 .status,
        500);
    const QString employee = SeedData::panoraEmployeeId(19999);
    const HttpResult e = panora(sandbox, "/hris/employees/" + employee.toLatin1());
    QCOMPARE(e.status, 200);
    QCOMPARE(e.body, compact(SeedData::panoraEmployee(19999)));
}

void TestSandboxSizes::requestLogLimit()
{
    // crossline-cli sandbox keeps no log (nothing reads it), so its memory does not grow with every answer.
    Sandbox sandbox;
    QVERIFY(sandbox.start());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(nango(sandbox, "/crm/contacts/contact_10" + QByteArray::number(i)).status, 200);
    QCOMPARE(sandbox.requests().size(), 3);
    sandbox.setRequestLogLimit(2);
    QCOMPARE(sandbox.requests().size(), 2);
    QCOMPARE(sandbox.requests().first().path, QStringLiteral("/crm/contacts/contact_101"));
    QCOMPARE(nango(sandbox, "/crm/contacts/contact_103").status, 200);
    QCOMPARE(sandbox.requests().size(), 2);
    QCOMPARE(sandbox.requests().last().path, QStringLiteral("/crm/contacts/contact_103"));
    sandbox.setRequestLogLimit(0);
    QCOMPARE(nango(sandbox, "/crm/contacts/contact_104").status, 200);
    QVERIFY(sandbox.requests().isEmpty());
    sandbox.setRequestLogLimit(-1);
    QCOMPARE(nango(sandbox, "/crm/contacts/contact_105").status, 200);
    QCOMPARE(sandbox.requests().size(), 1);
}

QTEST_GUILESS_MAIN(TestSandboxSizes)
#include "tst_sandbox_sizes.moc"
