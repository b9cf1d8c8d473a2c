// ActivityLog and ActivityModel: a round trip, the cap, long bodies cut, the model's filters and live rows, the
// summary of each kind of request (ActivitySummary) and the columns that show it, a send read back into its message,
// rows that belong to a profile, and the HttpClient → log → model path against the sandbox.
#include "history/activitymodel.h"
#include "history/historystore.h"
#include "messaging/messagesender.h"
#include "messaging/twiliosms.h"
#include "messaging/whatsappmessage.h"
#include "net/httpclient.h"
#include "sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace crossline;

namespace {
RequestRecord record(const QString &service, const QByteArray &method, const QString &url, int status, qint64 ms = 12)
{
    RequestRecord r;
    r.started = QDateTime(QDate(2025, 2, 3), QTime(4, 5, 6, 789), QTimeZone::utc());
    r.service = service;
    r.method = method;
    r.url = url;
    r.status = status;
    r.durationMs = ms;
    r.attempt = 1;
    r.requestHeaders = { { "Accept", "application/json" }, { "Content-Type", "application/json" } };
    r.requestBody = R"({"first_name":"Ada"})";
    r.responseHeaders = { { "Content-Type", "application/json" } };
    r.responseBody = R"({"data":[],"next_cursor":null})";
    if (status == 0)
        r.error = QStringLiteral("Connection refused");
    return r;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList texts(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

// A request as the HTTP layer records it (already redacted): the Authorization header masked, the proxy's headers.
RequestRecord request(const QByteArray &method, const char *url, int status, const QByteArray &body = {},
    const QByteArray &contentType = "application/json", const HeaderList &headers = {})
{
    RequestRecord r = record(QStringLiteral("nango"), method, QString::fromUtf8(url), status);
    r.requestHeaders = { { "Authorization", "[redacted]" } };
    r.requestHeaders += headers;
    if (!body.isEmpty())
        r.requestHeaders.append({ "Content-Type", contentType });
    r.requestBody = body;
    r.responseBody.clear();
    r.error.clear();
    return r;
}

const HeaderList kWhatsAppConnection { { "Connection-Id", "conn_abc123" },
    { "Provider-Config-Key", "whatsapp-business" } };
const HeaderList kTwilioConnection { { "Connection-Id", "conn_twilio_1" }, { "Provider-Config-Key", "twilio" } };
const char *const kWhatsAppUrl = "http://127.0.0.1:4000/proxy/v20.0/123456789012345/messages";
const char *const kSmsUrl
    = "http://127.0.0.1:4000/proxy/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages.json";
const QByteArray kWhatsAppText
    = R"({"messaging_product":"whatsapp","recipient_type":"individual","text":{"body":"Hello from Nango proxy!"},"to":"+15551234567","type":"text"})";

RequestRecord whatsAppSend(int status, const char *error = "")
{
    RequestRecord r = request("POST", kWhatsAppUrl, status, kWhatsAppText, "application/json", kWhatsAppConnection);
    r.error = QString::fromUtf8(error);
    return r;
}

RequestRecord smsSend(int status, const char *error = "")
{
    RequestRecord r = request("POST", kSmsUrl, status, "To=%2B15551234567&From=%2B15005550006&Body=Hello%20there",
        "application/x-www-form-urlencoded", kTwilioConnection);
    r.error = QString::fromUtf8(error);
    return r;
}

QStringList columns(const QAbstractItemModel &model, int row)
{
    QStringList out;
    for (int c : { ActivityModel::Operation, ActivityModel::Target, ActivityModel::Connection, ActivityModel::Outcome })
        out << model.index(row, c).data().toString();
    return out;
}
} // namespace

class TestActivityLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void activityRoundTrip();
    void activityIsCappedToTheNewest();
    void longBodiesAreTruncated();
    void activityModelFiltersAndLiveRows();
    void activityModelLimitDropsTheOldest();
    void activityModelWithoutStore();
    void summaryOfEachKindOfRequest_data();
    void summaryOfEachKindOfRequest();
    void summaryColumnsOfStoredAndLiveRows();
    void sendsAreReadBackIntoTheirMessage();
    void rowsOfAnotherProfileAreHidden();
    void requestsMadeByTheClientAreRecorded();
    void requestsBeforeTheFileOpensAreKept();
    void requestsBeforeTheFileOpensKeepTheirSecrets();
    void sendsOfTheClientAreSummarised();
    void recordedWhileAnotherProgramWrites();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/crossline.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestActivityLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestActivityLog::activityRoundTrip()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    QSignalSpy added(&log, &ActivityLog::activityAdded);
    RequestRecord r
        = record(QStringLiteral("panora"), "POST", QStringLiteral("https://api.panora.dev/crm/contacts"), 201, 84);
    r.attempt = 2;
    r.requestHeaders.append(qMakePair(QByteArray("Authorization"), QByteArray("[redacted]")));
    qint64 id = 0;
    QVERIFY(!log.add(r, &id));
    QVERIFY(id > 0);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().at(0).value<ActivityEntry>().id, id);
    QCOMPARE(log.count(), 1);

    const auto full = log.record(id);
    QVERIFY(full.has_value());
    QCOMPARE(full->started, r.started);
    QCOMPARE(full->service, r.service);
    QCOMPARE(full->method, r.method);
    QCOMPARE(full->url, r.url);
    QCOMPARE(full->status, 201);
    QCOMPARE(full->durationMs, 84);
    QCOMPARE(full->attempt, 2);
    QCOMPARE(full->requestHeaders, r.requestHeaders);
    QCOMPARE(full->requestBody, r.requestBody);
    QCOMPARE(full->responseHeaders, r.responseHeaders);
    QCOMPARE(full->responseBody, r.responseBody);
    QCOMPARE(full->error, QString());
    QVERIFY(!log.record(id + 1000).has_value());

    const QList<ActivityEntry> recent = log.recent(10);
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.first().id, id);
    QCOMPARE(recent.first().record.url, r.url);
    QVERIFY(recent.first().record.responseBody.isEmpty()); // summaries only

    QSignalSpy cleared(&log, &ActivityLog::activityCleared);
    QVERIFY(!log.clear());
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(log.count(), 0);
}

void TestActivityLog::activityIsCappedToTheNewest()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    QCOMPARE(log.cap(), 5000);
    log.setCap(10);
    for (int i = 0; i < 25; ++i)
        QVERIFY(!log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/%1").arg(i), 200)));
    QCOMPARE(log.count(), 10);
    const QList<ActivityEntry> rows = log.recent(100);
    QCOMPARE(rows.size(), 10);
    QCOMPARE(rows.first().record.url, QStringLiteral("https://n/24"));
    QCOMPARE(rows.last().record.url, QStringLiteral("https://n/15"));
}

void TestActivityLog::longBodiesAreTruncated()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    log.setMaxBodyBytes(100);
    RequestRecord r = record(QStringLiteral("panora"), "GET", QStringLiteral("https://p/big"), 200);
    r.responseHeaders = { { "Content-Type", "text/plain" } };
    r.responseBody = QByteArray(1000, 'x');
    qint64 id = 0;
    QVERIFY(!log.add(r, &id));
    const QByteArray body = log.record(id)->responseBody;
    QVERIFY(body.startsWith(QByteArray(100, 'x')));
    QVERIFY(body.endsWith("[900 more bytes not kept]"));
}

void TestActivityLog::activityModelFiltersAndLiveRows()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    QVERIFY(!log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/connections"), 200)));
    QVERIFY(!log.add(
        record(QStringLiteral("panora"), "GET", QStringLiteral("https://api.panora.dev/hris/employees"), 404)));
    QVERIFY(!log.add(
        record(QStringLiteral("nango"), "POST", QStringLiteral("https://api.nango.dev/proxy/v20.0/1/messages"), 503)));
    QVERIFY(
        !log.add(record(QStringLiteral("panora"), "GET", QStringLiteral("https://api.panora.dev/crm/contacts"), 0)));
    QVERIFY(
        !log.add(record(QStringLiteral("panora"), "POST", QStringLiteral("https://api.panora.dev/crm/contacts"), 201)));

    ActivityModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), 7);
    QStringList headers;
    for (int c = 0; c < model.columnCount(); ++c)
        headers << model.headerData(c, Qt::Horizontal).toString();
    QCOMPARE(headers,
        QStringList({ QStringLiteral("Time"), QStringLiteral("Operation"), QStringLiteral("Recipient / record"),
            QStringLiteral("Connection"), QStringLiteral("Outcome"), QStringLiteral("Duration"),
            QStringLiteral("URL") }));
    // Newest first.
    QCOMPARE(model.index(0, ActivityModel::Outcome).data().toString(), QStringLiteral("✓ 201"));
    QCOMPARE(model.index(0, ActivityModel::Operation).data().toString(), QStringLiteral("Contact create"));
    QCOMPARE(model.index(1, ActivityModel::Outcome).data().toString(), QStringLiteral("✗ Connection refused"));
    QCOMPARE(model.index(1, ActivityModel::Outcome).data(SortRole).toInt(), 0);
    QCOMPARE(model.index(0, ActivityModel::Duration).data().toString(), QStringLiteral("12 ms"));
    QCOMPARE(model.index(0, ActivityModel::Duration).data(SortRole).toLongLong(), 12);
    QCOMPARE(model.index(0, ActivityModel::Time).data().toDateTime().toUTC(),
        QDateTime(QDate(2025, 2, 3), QTime(4, 5, 6, 789), QTimeZone::utc()));
    QCOMPARE(model.services(), (QStringList { QStringLiteral("nango"), QStringLiteral("panora") }));

    // The full record comes from the store.
    const RequestRecord full = model.recordAt(0);
    QCOMPARE(full.responseBody, QByteArray(R"({"data":[],"next_cursor":null})"));
    QCOMPARE(full.requestHeaders.size(), 2);

    auto urls = [&model] {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out << model.index(r, ActivityModel::Url).data().toString();
        return out;
    };
    model.setStatusFilter(ActivityModel::StatusFilter::Success);
    QCOMPARE(model.rowCount(), 2);
    model.setStatusFilter(ActivityModel::StatusFilter::ClientError);
    QCOMPARE(urls(), QStringList { QStringLiteral("https://api.panora.dev/hris/employees") });
    model.setStatusFilter(ActivityModel::StatusFilter::ServerError);
    QCOMPARE(urls(), QStringList { QStringLiteral("https://api.nango.dev/proxy/v20.0/1/messages") });
    model.setStatusFilter(ActivityModel::StatusFilter::Failed);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.recordAt(0).error, QStringLiteral("Connection refused"));
    model.setStatusFilter(ActivityModel::StatusFilter::All);
    model.setServiceFilter(QStringLiteral("panora"));
    QCOMPARE(model.rowCount(), 3);
    model.setSearchText(QStringLiteral("  CONTACTS "));
    QCOMPARE(model.rowCount(), 2);
    model.setServiceFilter(QString());
    model.setSearchText(QStringLiteral("refused")); // error text is searched too
    QCOMPARE(model.rowCount(), 1);
    model.setSearchText(QString());
    model.setStatusFilter(ActivityModel::StatusFilter::Success);

    // Live: a new request appears on top when it passes the filter, and not otherwise.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(!log.add(record(QStringLiteral("twilio"), "GET", QStringLiteral("https://api.twilio.com/x"), 200)));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ActivityModel::Url).data().toString(), QStringLiteral("https://api.twilio.com/x"));
    QVERIFY(model.idAt(0) > 0);
    QVERIFY(model.services().contains(QStringLiteral("twilio")));
    QVERIFY(!log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/boom"), 500)));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.heldCount(), 7);
    model.setStatusFilter(ActivityModel::StatusFilter::All);
    QCOMPARE(model.index(0, ActivityModel::Url).data().toString(), QStringLiteral("https://api.nango.dev/boom"));

    // Persisted: a new model (a restart) shows the same rows.
    ActivityModel again(&log);
    QAbstractItemModelTester tester2(&again, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(again.rowCount(), 7);

    QVERIFY(!log.clear());
    QCOMPARE(model.rowCount(), 0);
}

void TestActivityLog::activityModelLimitDropsTheOldest()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    ActivityModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLimit(3);
    model.setStatusFilter(ActivityModel::StatusFilter::Success);
    for (int i = 0; i < 6; ++i)
        QVERIFY(
            !log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/%1").arg(i), i % 2 ? 404 : 200)));
    QCOMPARE(model.heldCount(), 3); // n/5, n/4, n/3
    QCOMPARE(model.rowCount(), 1); // only n/4 is a 2xx
    QCOMPARE(model.index(0, ActivityModel::Url).data().toString(), QStringLiteral("https://n/4"));
}

void TestActivityLog::activityModelWithoutStore()
{
    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    RequestRecord r = record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/connections"), 200);
    model.append(r);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), 0);
    QCOMPARE(model.recordAt(0).responseBody, r.responseBody); // kept in memory when there is no store
    QCOMPARE(model.index(0, 0).data(RawJsonRole).toJsonObject().value(QLatin1String("status")).toInt(), 200);
    QVERIFY(model.index(0, 0).data(SearchTextRole).toString().contains(QStringLiteral("api.nango.dev/connections")));
}

// What each kind of request Crossline makes says in the four summary columns, from the redacted record alone.
void TestActivityLog::summaryOfEachKindOfRequest_data()
{
    QTest::addColumn<RequestRecord>("record");
    QTest::addColumn<QStringList>("expected"); // operation, target, connection, outcome

    QTest::newRow("WhatsApp send") << whatsAppSend(
        200) << texts({ "WhatsApp send", "+15551234567", "whatsapp-business / conn_abc123", "✓ 200" });
    QTest::newRow("WhatsApp send without an answer")
        << whatsAppSend(
               0, "127.0.0.1 did not answer within 0.7 s; the request had been sent, and it was not sent again.")
        << texts({ "WhatsApp send", "+15551234567", "whatsapp-business / conn_abc123",
               "⚠ no answer — may have been delivered" });
    QTest::newRow("WhatsApp send that never left")
        << whatsAppSend(0, "Nothing was sent: could not reach 127.0.0.1 (Connection refused).")
        << texts({ "WhatsApp send", "+15551234567", "whatsapp-business / conn_abc123",
               "✗ Nothing was sent: could not reach 127.0.0.1 (Connection refused)." });
    QTest::newRow("SMS send refused") << smsSend(401, "Authenticate (code 20003)")
                                      << texts({ "SMS send", "+15551234567", "twilio / conn_twilio_1",
                                             "✗ 401 Authenticate (code 20003)" });
    QTest::newRow("SMS status") << request("GET",
        "http://127.0.0.1:4000/proxy/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/SM123.json", 200,
        {}, {}, kTwilioConnection)
                                << texts({ "SMS status", "SM123", "twilio / conn_twilio_1", "✓ 200" });
    QTest::newRow("Account SID lookup") << request("GET", "http://127.0.0.1:4000/proxy/2010-04-01/Accounts.json", 200,
        {}, {}, kTwilioConnection) << texts({ "Account SID lookup", "", "twilio / conn_twilio_1", "✓ 200" });
    QTest::newRow("WhatsApp templates") << request("GET",
        "http://127.0.0.1:4000/proxy/v20.0/102290129340398/message_templates?limit=100", 200, {}, {},
        kWhatsAppConnection)
                                        << texts({ "WhatsApp templates", "WABA 102290129340398",
                                               "whatsapp-business / conn_abc123", "✓ 200" });
    QTest::newRow("Nango import (credentials redacted)") << request("POST", "http://127.0.0.1:4000/connections", 201,
        R"({"connection_id":"acme","credentials":"[redacted]","provider_config_key":"twilio"})")
                                                         << texts({ "Nango import", "", "twilio / acme", "✓ 201" });
    QTest::newRow("Connections list") << request("GET", "http://127.0.0.1:4000/connections", 200)
                                      << texts({ "Connections list", "", "", "✓ 200" });
    QTest::newRow("Connection delete") << request("DELETE",
        "http://127.0.0.1:4000/connections/conn_abc123?provider_config_key=whatsapp-business",
        204) << texts({ "Connection delete", "", "whatsapp-business / conn_abc123", "✓ 204" });
    RequestRecord missing = request("GET", "http://127.0.0.1:4000/crm/contacts/abc", 404);
    missing.error = QStringLiteral("Not found: no contact abc.\nCheck the id.");
    QTest::newRow("Contact get") << missing
                                 << texts({ "Contact get", "contact abc", "", "✗ 404 Not found: no contact abc." });
    RequestRecord contacts = request("GET", "http://127.0.0.1:4001/api/v1/crm/contacts?limit=3", 200);
    contacts.service = QStringLiteral("panora");
    contacts.requestHeaders.append(qMakePair(QByteArray("x-connection-token"), QByteArray("[redacted]")));
    QTest::newRow("Contacts list (Panora, base path)") << contacts << texts({ "Contacts list", "", "", "✓ 200" });
    QTest::newRow("Contact create") << request("POST", "http://127.0.0.1:4000/crm/contacts", 201,
        R"({"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"})")
                                    << texts({ "Contact create", "Ada Lovelace", "", "✓ 201" });
    QTest::newRow("Records list") << request("GET", "http://127.0.0.1:4000/records?model=Contact&limit=100", 200, {},
        {}, { { "Connection-Id", "hubspot-acme" }, { "Provider-Config-Key", "hubspot" } })
                                  << texts({ "Records list", "Contact", "hubspot / hubspot-acme", "✓ 200" });
    RequestRecord unreachable = request("GET", "http://127.0.0.1:4000/connections", 0);
    unreachable.error = QStringLiteral("Could not reach 127.0.0.1: Connection refused");
    QTest::newRow("a read without an answer")
        << unreachable << texts({ "Connections list", "", "", "✗ Could not reach 127.0.0.1: Connection refused" });
    QTest::newRow("something unnamed") << request("GET", "http://127.0.0.1:4000/environment-variables", 200)
                                       << texts({ "Nango GET", "/environment-variables", "", "✓ 200" });
}

void TestActivityLog::summaryOfEachKindOfRequest()
{
    QFETCH(RequestRecord, record);
    QFETCH(QStringList, expected);
    const ActivitySummary s = ActivitySummary::describe(record);
    QCOMPARE((QStringList { s.operation, s.target, s.connection, s.outcome }), expected);
}

// The columns say the same for rows read back from the file (a restart) as for rows that arrive live.
void TestActivityLog::summaryColumnsOfStoredAndLiveRows()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    QVERIFY(!log.add(whatsAppSend(200)));
    QVERIFY(
        !log.add(smsSend(0, "The connection to 127.0.0.1 broke after the request was sent; it was not sent again.")));

    ActivityModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QStringList sms
        = texts({ "SMS send", "+15551234567", "twilio / conn_twilio_1", "⚠ no answer — may have been delivered" });
    const QStringList whatsApp = texts({ "WhatsApp send", "+15551234567", "whatsapp-business / conn_abc123", "✓ 200" });
    QCOMPARE(columns(model, 0), sms);
    QCOMPARE(columns(model, 1), whatsApp);
    // The outcome's tooltip has the whole error; the search finds a recipient and a connection.
    QVERIFY(model.index(0, ActivityModel::Outcome).data(Qt::ToolTipRole).toString().contains(QLatin1String("broke")));
    model.setSearchText(QStringLiteral("conn_twilio"));
    QCOMPARE(model.rowCount(), 1);
    model.setSearchText(QStringLiteral("+1555123"));
    QCOMPARE(model.rowCount(), 2);
    model.setSearchText(QString());

    QVERIFY(!log.add(whatsAppSend(401, "Invalid OAuth access token (code 190)")));
    QCOMPARE(model.index(0, ActivityModel::Outcome).data().toString(),
        QStringLiteral("✗ 401 Invalid OAuth access token (code 190)"));
    QCOMPARE(model.index(0, ActivityModel::Target).data().toString(), QStringLiteral("+15551234567"));
    QCOMPARE(model.index(0, 0).data(RawJsonRole).toJsonObject().value(QLatin1String("operation")).toString(),
        QStringLiteral("WhatsApp send"));

    ActivityModel restarted(&log);
    QCOMPARE(columns(restarted, 0), columns(model, 0));
    QCOMPARE(columns(restarted, 1), sms);
    QCOMPARE(columns(restarted, 2), whatsApp);
}

// A recorded send gives back its message (what the Composer's form needs), redacted values left as they are; other
// requests give nothing.
void TestActivityLog::sendsAreReadBackIntoTheirMessage()
{
    std::optional<RecordedSend> send = ActivitySummary::sendOf(whatsAppSend(0, "no answer"));
    QVERIFY(send);
    QCOMPARE(send->kind, OutboxItem::Kind::WhatsApp);
    QCOMPARE(send->data, json(R"({"providerConfigKey": "whatsapp-business", "connectionId": "conn_abc123",
                 "phoneNumberId": "123456789012345", "to": "+15551234567", "type": "text",
                 "body": "Hello from Nango proxy!"})"));
    QVERIFY(WhatsAppMessage::fromJson(send->data).hasValue()); // a message the Composer can send as it is

    const QByteArray graph = R"({"messaging_product":"whatsapp","recipient_type":"individual","template":{
        "components":[{"parameters":[{"text":"[redacted]","type":"text"}],"type":"body"}],
        "language":{"code":"en_US"},"name":"order_receipt"},"to":"+15551234567","type":"template"})";
    const QJsonObject templ = QJsonDocument::fromJson(graph).object().value(QLatin1String("template")).toObject();
    send = ActivitySummary::sendOf(request("POST", kWhatsAppUrl, 200, graph, "application/json", kWhatsAppConnection));
    QVERIFY(send);
    QCOMPARE(send->data.value(QLatin1String("type")).toString(), QStringLiteral("template"));
    QCOMPARE(send->data.value(QLatin1String("template")).toObject(), templ);
    QVERIFY(!send->data.contains(QLatin1String("body")));

    send = ActivitySummary::sendOf(request("POST", kSmsUrl, 201,
        "To=%2B15551234567&MessagingServiceSid=MGbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&Body=Caf%C3%A9+at%208%20%2B%20more",
        "application/x-www-form-urlencoded", kTwilioConnection));
    QVERIFY(send);
    QCOMPARE(send->kind, OutboxItem::Kind::Sms);
    QCOMPARE(send->data, json(R"({"providerConfigKey": "twilio", "connectionId": "conn_twilio_1", "to": "+15551234567",
                 "messagingServiceSid": "MGbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "body": "Café at 8 + more",
                 "accountSid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})"));
    QVERIFY(TwilioSms::fromJson(send->data).hasValue());

    QVERIFY(!ActivitySummary::sendOf(request("GET", "http://127.0.0.1:4000/connections", 200)));
    QVERIFY(!ActivitySummary::sendOf(request("GET", kWhatsAppUrl, 200, {}, {}, kWhatsAppConnection)));
}

// Each row keeps the profile it was made under; a model set to a profile shows that profile's rows only, live too.
// Rows of profile '' (written before the log kept profiles) are shown under none.
void TestActivityLog::rowsOfAnotherProfileAreHidden()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    QVERIFY(!log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/old"), 200)));
    QVERIFY(!log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/alpha-1"), 200), nullptr,
        QStringLiteral("alpha")));
    QVERIFY(!log.add(record(QStringLiteral("panora"), "GET", QStringLiteral("https://p/beta-1"), 200), nullptr,
        QStringLiteral("beta")));
    QCOMPARE(log.recent(10).size(), 3);
    QCOMPARE(log.recent(QStringLiteral("alpha"), 10).size(), 1);
    QCOMPARE(log.recent(QStringLiteral("beta"), 10).first().profile, QStringLiteral("beta"));

    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setProfile(QStringLiteral("alpha"));
    model.setLog(&log);
    auto urls = [&model] {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out << model.index(r, ActivityModel::Url).data().toString();
        return out;
    };
    QCOMPARE(urls(), QStringList { QStringLiteral("https://n/alpha-1") });
    QCOMPARE(model.services(), QStringList { QStringLiteral("nango") });

    // Live: another profile's request does not appear; this profile's does.
    QVERIFY(!log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/beta-2"), 200), nullptr,
        QStringLiteral("beta")));
    QVERIFY(!log.add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/alpha-2"), 200), nullptr,
        QStringLiteral("alpha")));
    QCOMPARE(urls(), QStringList({ QStringLiteral("https://n/alpha-2"), QStringLiteral("https://n/alpha-1") }));

    model.setProfile(QStringLiteral("beta"));
    QCOMPARE(urls(), QStringList({ QStringLiteral("https://n/beta-2"), QStringLiteral("https://p/beta-1") }));
    QCOMPARE(model.services(), (QStringList { QStringLiteral("nango"), QStringLiteral("panora") }));
    model.setProfile(QStringLiteral("default"));
    QCOMPARE(model.rowCount(), 0); // the row of no profile is not "default"'s

    // Without a store, the session's rows are held and the profile chooses which show.
    ActivityModel session;
    session.setProfile(QStringLiteral("alpha"));
    session.appendEntry(ActivityEntry {
        0, record(QStringLiteral("nango"), "GET", QStringLiteral("https://a"), 200), QStringLiteral("alpha"), {} });
    session.appendEntry(ActivityEntry {
        0, record(QStringLiteral("nango"), "GET", QStringLiteral("https://b"), 200), QStringLiteral("beta"), {} });
    QCOMPARE(session.rowCount(), 1);
    session.setProfile(QStringLiteral("beta"));
    QCOMPARE(session.rowCount(), 1);
    QCOMPARE(session.index(0, ActivityModel::Url).data().toString(), QStringLiteral("https://b"));
}

void TestActivityLog::requestsMadeByTheClientAreRecorded()
{
    test::SandboxFixture fx;
    QVERIFY(fx.isReady());
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    log.attach(fx.clients().http(), QStringLiteral("sandbox"));
    ActivityModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    const Result ok = test::SandboxFixture::wait(fx.clients().nango()->listConnections());
    QVERIFY2(ok.ok(), qPrintable(ok.error.summary()));
    QTRY_COMPARE(model.rowCount(), 1); // written on the log's own thread, then delivered here
    QCOMPARE(log.count(), 1);
    QVERIFY(model.index(0, ActivityModel::Url).data().toString().endsWith(QLatin1String("/connections")));
    QCOMPARE(model.index(0, ActivityModel::Outcome).data().toString(), QStringLiteral("✓ 200"));
    const RequestRecord stored = model.recordAt(0);
    QCOMPARE(stored.service, QStringLiteral("nango"));
    bool sawAuthorization = false;
    for (const auto &h : stored.requestHeaders) {
        if (h.first.compare("authorization", Qt::CaseInsensitive) == 0) {
            sawAuthorization = true;
            QCOMPARE(h.second, QByteArray("[redacted]"));
        }
    }
    QVERIFY(sawAuthorization);
    QVERIFY(stored.responseBody.contains("conn_abc123"));
    QCOMPARE(log.recent(QStringLiteral("sandbox"), 10).size(), 1); // under the profile it was attached with
    QVERIFY(log.recent(QString(), 10).isEmpty());
    store.close();
    const QByteArray bytes = fileBytes(dbPath()) + fileBytes(dbPath() + QStringLiteral("-wal"));
    QVERIFY(!bytes.contains(sandbox::SandboxCredentials::nangoSecretKey().toUtf8()));
}

// The app opens the file after its first answer has been handled: what was recorded before is written when it
// opens, in order and under its profile; beyond EarlyCap requests before the open, the oldest are kept.
void TestActivityLog::requestsBeforeTheFileOpensAreKept()
{
    test::SandboxFixture fx;
    QVERIFY(fx.isReady());
    HistoryStore store(dbPath());
    ActivityLog &log = store.activity();
    log.attach(fx.clients().http(), QStringLiteral("sandbox"));
    const int made = ActivityLog::EarlyCap + 3;
    for (int i = 0; i < made; ++i) {
        const Result r = test::SandboxFixture::wait(fx.clients().nango()->listConnections());
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    }
    QVERIFY(!store.isOpen());
    QVERIFY(!store.open());
    log.flush();
    QCOMPARE(log.count(), qint64(ActivityLog::EarlyCap));
    const QList<ActivityEntry> rows = log.recent(QStringLiteral("sandbox"), made);
    QCOMPARE(rows.size(), ActivityLog::EarlyCap);
    QVERIFY(rows.first().record.url.endsWith(QLatin1String("/connections")));
    QCOMPARE(rows.first().record.status, 200);
    // Written once: closing and opening again adds nothing.
    store.close();
    QVERIFY(!store.open());
    log.flush();
    QCOMPARE(log.count(), qint64(ActivityLog::EarlyCap));
    // Once open, a request is written as before.
    QVERIFY(test::SandboxFixture::wait(fx.clients().nango()->listConnections()).ok());
    log.flush();
    QCOMPARE(log.count(), qint64(ActivityLog::EarlyCap + 1));
    // What was kept while closed and then discarded (the Workspace does so when the file cannot be opened) is not
    // written when it opens after all.
    store.close();
    QVERIFY(test::SandboxFixture::wait(fx.clients().nango()->listConnections()).ok());
    log.discardEarly();
    QVERIFY(!store.open());
    log.flush();
    QCOMPARE(log.count(), qint64(ActivityLog::EarlyCap + 1));
    store.close();
    const QByteArray bytes = fileBytes(dbPath()) + fileBytes(dbPath() + QStringLiteral("-wal"));
    QVERIFY(!bytes.contains(sandbox::SandboxCredentials::nangoSecretKey().toUtf8()));
}

// A request kept before the file opens is scrubbed of the secret values registered when it was made, not of those
// registered when the file opens: a profile switch in between replaces them (Workspace::rebuildClients).
void TestActivityLog::requestsBeforeTheFileOpensKeepTheirSecrets()
{
    test::SandboxFixture fx;
    QVERIFY(fx.isReady());
    HistoryStore store(dbPath());
    ActivityLog &log = store.activity();
    log.attach(fx.clients().http(), QStringLiteral("sandbox"));
    // A value the answer quotes stands in for a secret of the profile in effect.
    const QString quoted = QStringLiteral("conn_abc123");
    store.setSecretValues({ quoted });
    QVERIFY(test::SandboxFixture::wait(fx.clients().nango()->listConnections()).ok());
    store.setSecretValues({ QStringLiteral("another-profiles-key") });
    QVERIFY(!store.open());
    log.flush();
    const QList<ActivityEntry> rows = log.recent(QStringLiteral("sandbox"), 10);
    QCOMPARE(rows.size(), 1);
    const std::optional<RequestRecord> stored = log.record(rows.first().id);
    QVERIFY(stored);
    QVERIFY2(!stored->responseBody.contains(quoted.toUtf8()), stored->responseBody.left(300).constData());
    QVERIFY(stored->responseBody.contains("[redacted]"));
    store.close();
    const QByteArray bytes = fileBytes(dbPath()) + fileBytes(dbPath() + QStringLiteral("-wal"));
    QVERIFY(!bytes.contains(quoted.toUtf8()));
}

// Sends made through the clients against the sandbox, as the Activity page shows them: delivered, refused by the
// provider, and sent without an answer.
void TestActivityLog::sendsOfTheClientAreSummarised()
{
    test::SandboxFixture fx;
    QVERIFY(fx.isReady());
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    HttpPolicy policy = test::SandboxFixture::fastPolicy();
    policy.timeoutMs = 700;
    auto clients = fx.makeClients(policy);
    log.attach(clients->http(), QStringLiteral("sandbox"));
    ActivityModel model(&log);
    model.setProfile(QStringLiteral("sandbox"));

    auto message = [](const QString &to) {
        QJsonObject data = json(R"({"providerConfigKey": "whatsapp-business", "connectionId": "conn_abc123",
                                    "phoneNumberId": "123456789012345", "body": "Hello"})");
        data.insert(QStringLiteral("to"), to);
        return *WhatsAppMessage::fromJson(data);
    };
    Result r = test::SandboxFixture::wait(clients->messages()->sendWhatsApp(message(QStringLiteral("+15551234567"))));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(columns(model, 0), texts({ "WhatsApp send", "+15551234567", "whatsapp-business / conn_abc123", "✓ 200" }));

    sandbox::Fault silent;
    silent.kind = sandbox::Fault::Kind::HandledThenSilent;
    silent.method = "POST";
    silent.pathPrefix = QStringLiteral("/proxy/");
    silent.delayMs = 5000;
    fx.sandbox().injectFault(silent);
    r = test::SandboxFixture::wait(clients->messages()->sendWhatsApp(message(QStringLiteral("+15557654321"))));
    QCOMPARE(r.error.code, QStringLiteral("outcome_unknown"));
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(columns(model, 0),
        texts({ "WhatsApp send", "+15557654321", "whatsapp-business / conn_abc123",
            "⚠ no answer — may have been delivered" }));

    // An Account SID that is not the connection's: Twilio refuses it.
    const Result refused = test::SandboxFixture::wait(clients->messages()->sendSms(
        *TwilioSms::fromJson(json(R"({"providerConfigKey": "twilio", "connectionId": "conn_twilio_1",
                                      "from": "+15005550006", "to": "+15551234567", "body": "Hi",
                                      "accountSid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})"))));
    QVERIFY(!refused.ok());
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(columns(model, 0),
        texts({ "SMS send", "+15551234567", "twilio / conn_twilio_1", "✗ 401 Twilio: Authenticate" }));
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int c = 0; c < model.columnCount(); ++c)
            QVERIFY(!model.index(row, c).data().toString().contains(sandbox::SandboxCredentials::nangoSecretKey()));
    }
}

// Requests recorded while another program holds the file's write lock neither hold up the caller (the interface
// thread, in the app) nor get lost: they are written, in order, once the lock is released.
void TestActivityLog::recordedWhileAnotherProgramWrites()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    QNetworkAccessManager network;
    HttpClient http(&network);
    log.attach(&http);
    QStringList delivered;
    connect(&log, &ActivityLog::activityAdded, this,
        [&delivered](const ActivityEntry &e) { delivered.append(e.record.url); });
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        other.setDatabaseName(dbPath());
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE"))); // the write lock, until COMMIT
        for (int i = 0; i < 3; ++i)
            Q_EMIT http.requestRecorded(
                record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/%1").arg(i), 200));
        QVERIFY(delivered.isEmpty()); // nothing could be written yet, and every call above has returned
        QVERIFY(lock.exec(QStringLiteral("COMMIT")));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    log.flush();
    QCOMPARE(delivered,
        QStringList({ QStringLiteral("https://n/0"), QStringLiteral("https://n/1"), QStringLiteral("https://n/2") }));
    QCOMPARE(log.count(), 3);
    QCOMPARE(log.recent(1).first().record.url, QStringLiteral("https://n/2"));
}

QTEST_GUILESS_MAIN(TestActivityLog)
#include "tst_activitylog.moc"
