// HistoryStore (SQLite) and ActivityModel: schema and pragmas, round trips, a write that survives a crash of the
// writing process, the cap, drafts, the outbox, redaction of registered secrets down to the file's bytes, the
// model's filters and live rows, and the HttpClient → store → model path against the sandbox.
#include "history/activitymodel.h"
#include "history/historystore.h"
#include "sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cstdlib>

using namespace crossline;

namespace {
const char *const kCrashWriterEnv = "CROSSLINE_TEST_HISTORY_CRASH_WRITER";
const QString kSecret = QStringLiteral("sk_live_7Hq2Zx9PwLr4Tn8K");

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

// Run as a child process: writes committed rows, then dies without closing anything (no destructors, no
// checkpoint), as a crash would.
int crashWriter(const QString &path)
{
    HistoryStore store(path);
    if (store.open())
        return 2;
    for (int i = 0; i < 3; ++i) {
        if (store.addActivity(
                record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/crash/%1").arg(i), 200)))
            return 3;
    }
    if (store.saveDraft(
            QStringLiteral("sms"), QJsonObject { { QStringLiteral("body"), QStringLiteral("before the crash") } }))
        return 4;
    std::_Exit(42);
}
} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void schemaIsVersionedWithWal();
    void newerSchemaIsRefused();
    void activityRoundTrip();
    void committedRowsSurviveACrash();
    void activityIsCappedToTheNewest();
    void registeredSecretNeverReachesTheFile();
    void longBodiesAreTruncated();
    void drafts();
    void outbox();
    void activityModelFiltersAndLiveRows();
    void activityModelLimitDropsTheOldest();
    void activityModelWithoutStore();
    void requestsMadeByTheClientAreRecorded();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/crossline.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHistoryStore::schemaIsVersionedWithWal()
{
    QVERIFY(HistoryStore::defaultPath().endsWith(QLatin1String("/crossline.sqlite")));
    HistoryStore store(dbPath());
    QVERIFY(!store.isOpen());
    QCOMPARE(store.schemaVersion(), 0);
    const Error e = store.open();
    QVERIFY2(!e, qPrintable(e.summary()));
    QVERIFY(store.isOpen());
    QCOMPARE(store.schemaVersion(), HistoryStore::SchemaVersion);
    QVERIFY(QFile::exists(dbPath())); // the folder was created

    // Look at the file with a connection of our own.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QStringList tables;
        QVERIFY(q.exec(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")));
        while (q.next())
            tables << q.value(0).toString();
        QCOMPARE(
            tables, (QStringList { QStringLiteral("activity"), QStringLiteral("drafts"), QStringLiteral("outbox") }));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));

    // Reopening an up-to-date file changes nothing.
    store.close();
    QVERIFY(!store.isOpen());
    QVERIFY(!store.open());
    QCOMPARE(store.schemaVersion(), 1);
}

void TestHistoryStore::newerSchemaIsRefused()
{
    {
        HistoryStore store(dbPath());
        QVERIFY(!store.open());
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    HistoryStore store(dbPath());
    const Error e = store.open();
    QVERIFY(e.isError());
    QVERIFY2(e.message.contains(QStringLiteral("newer Crossline")), qPrintable(e.message));
    QVERIFY(!store.isOpen());
    QVERIFY(store.addActivity(record(QStringLiteral("nango"), "GET", QStringLiteral("https://x"), 200)).isError());
}

void TestHistoryStore::activityRoundTrip()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QSignalSpy added(&store, &HistoryStore::activityAdded);
    RequestRecord r
        = record(QStringLiteral("panora"), "POST", QStringLiteral("https://api.panora.dev/crm/contacts"), 201, 84);
    r.attempt = 2;
    r.requestHeaders.append(qMakePair(QByteArray("Authorization"), QByteArray("[redacted]")));
    qint64 id = 0;
    QVERIFY(!store.addActivity(r, &id));
    QVERIFY(id > 0);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().at(0).value<ActivityEntry>().id, id);
    QCOMPARE(store.activityCount(), 1);

    const auto full = store.activityRecord(id);
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
    QVERIFY(!store.activityRecord(id + 1000).has_value());

    const QList<ActivityEntry> recent = store.recentActivity(10);
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.first().id, id);
    QCOMPARE(recent.first().record.url, r.url);
    QVERIFY(recent.first().record.responseBody.isEmpty()); // summaries only

    QSignalSpy cleared(&store, &HistoryStore::activityCleared);
    QVERIFY(!store.clearActivity());
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(store.activityCount(), 0);
}

void TestHistoryStore::committedRowsSurviveACrash()
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kCrashWriterEnv), dbPath());
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitCode(), 42); // it died after committing, before any clean close
    QVERIFY(QFile::exists(dbPath() + QStringLiteral("-wal"))); // nothing was checkpointed on the way out

    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QCOMPARE(store.activityCount(), 3);
    const QList<ActivityEntry> rows = store.recentActivity(10);
    QCOMPARE(rows.first().record.url, QStringLiteral("https://api.nango.dev/crash/2"));
    QCOMPARE(rows.last().record.url, QStringLiteral("https://api.nango.dev/crash/0"));
    QCOMPARE(
        store.draft(QStringLiteral("sms")).value(QLatin1String("body")).toString(), QStringLiteral("before the crash"));
}

void TestHistoryStore::activityIsCappedToTheNewest()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QCOMPARE(store.activityCap(), 5000);
    store.setActivityCap(10);
    for (int i = 0; i < 25; ++i)
        QVERIFY(!store.addActivity(record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/%1").arg(i), 200)));
    QCOMPARE(store.activityCount(), 10);
    const QList<ActivityEntry> rows = store.recentActivity(100);
    QCOMPARE(rows.size(), 10);
    QCOMPARE(rows.first().record.url, QStringLiteral("https://n/24"));
    QCOMPARE(rows.last().record.url, QStringLiteral("https://n/15"));
}

void TestHistoryStore::registeredSecretNeverReachesTheFile()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    store.addSecretValue(kSecret);

    // A record as a careless layer could hand it over: the secret in the URL, a custom header, bodies, the error.
    RequestRecord r = record(QStringLiteral("nango"), "POST",
        QStringLiteral("https://api.nango.dev/proxy/%1?api_key=EAAGunregisteredQueryKey&page=2").arg(kSecret), 400);
    r.requestHeaders = { { "Authorization", "Bearer " + kSecret.toUtf8() }, { "X-Custom", "v=" + kSecret.toUtf8() },
        { "Content-Type", "application/json" } };
    r.requestBody = R"({"credentials":{"type":"API_KEY","apiKey":"EAAGnotRegisteredButAField"},"note":")"
        + kSecret.toUtf8() + "\"}";
    r.responseHeaders = { { "Content-Type", "application/json" } };
    r.responseBody = R"({"echo":")" + kSecret.toUtf8() + R"(","password":"hunter2hunter2"})";
    r.error = QStringLiteral("rejected key %1").arg(kSecret);
    qint64 id = 0;
    QVERIFY(!store.addActivity(r, &id));

    // Outbox payloads and drafts go through the same filter.
    OutboxItem item;
    item.kind = OutboxItem::Kind::Sms;
    item.payload = QJsonObject { { QStringLiteral("to"), QStringLiteral("+15551234567") },
        { QStringLiteral("body"), QStringLiteral("code %1").arg(kSecret) },
        { QStringLiteral("apiKey"), QStringLiteral("EAAGanotherToken123") } };
    item.error = QStringLiteral("failed with %1").arg(kSecret);
    QVERIFY(!store.addToOutbox(item));
    QVERIFY(!store.saveDraft(QStringLiteral("whatsapp"), QJsonObject { { QStringLiteral("text"), kSecret } }));

    const auto stored = store.activityRecord(id);
    QVERIFY(stored.has_value());
    QVERIFY(!stored->url.contains(kSecret));
    QCOMPARE(stored->url, QStringLiteral("https://api.nango.dev/proxy/[redacted]?api_key=[redacted]&page=2"));
    QCOMPARE(stored->requestHeaders.at(0).second, QByteArray("[redacted]"));
    QCOMPARE(stored->requestHeaders.at(1).second, QByteArray("v=[redacted]"));
    QVERIFY(!stored->requestBody.contains(kSecret.toUtf8()));
    QVERIFY(!stored->requestBody.contains("EAAGnotRegisteredButAField"));
    QVERIFY(!stored->responseBody.contains("hunter2hunter2"));
    QCOMPARE(stored->error, QStringLiteral("rejected key [redacted]"));
    QCOMPARE(store.outbox().first().payload.value(QLatin1String("apiKey")).toString(), QStringLiteral("[redacted]"));
    QCOMPARE(store.outbox().first().payload.value(QLatin1String("body")).toString(), QStringLiteral("code [redacted]"));
    QCOMPARE(item.payload.value(QLatin1String("apiKey")).toString(), QStringLiteral("[redacted]"));

    // And down to the bytes on disk (database and write-ahead log).
    store.close();
    const QByteArray bytes = fileBytes(dbPath()) + fileBytes(dbPath() + QStringLiteral("-wal"));
    QVERIFY(bytes.size() > 0);
    QVERIFY(!bytes.contains(kSecret.toUtf8()));
    QVERIFY(!bytes.contains(QUrl::toPercentEncoding(kSecret)));
    QVERIFY(!bytes.contains("EAAGnotRegisteredButAField"));
    QVERIFY(!bytes.contains("EAAGanotherToken123"));
    QVERIFY(!bytes.contains("EAAGunregisteredQueryKey"));
    QVERIFY(!bytes.contains("hunter2hunter2"));
    QVERIFY(bytes.contains("[redacted]"));
}

void TestHistoryStore::longBodiesAreTruncated()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    store.setMaxBodyBytes(100);
    RequestRecord r = record(QStringLiteral("panora"), "GET", QStringLiteral("https://p/big"), 200);
    r.responseHeaders = { { "Content-Type", "text/plain" } };
    r.responseBody = QByteArray(1000, 'x');
    qint64 id = 0;
    QVERIFY(!store.addActivity(r, &id));
    const QByteArray body = store.activityRecord(id)->responseBody;
    QVERIFY(body.startsWith(QByteArray(100, 'x')));
    QVERIFY(body.endsWith("[900 more bytes not kept]"));
}

void TestHistoryStore::drafts()
{
    {
        HistoryStore store(dbPath());
        QVERIFY(!store.open());
        QSignalSpy changed(&store, &HistoryStore::draftsChanged);
        QVERIFY(store.draft(QStringLiteral("sms")).isEmpty());
        const QJsonObject first { { QStringLiteral("to"), QStringLiteral("+15551234567") },
            { QStringLiteral("body"), QStringLiteral("Hi") } };
        QVERIFY(!store.saveDraft(QStringLiteral("sms"), first));
        QCOMPARE(store.draft(QStringLiteral("sms")), first);
        QVERIFY(store.draftUpdatedAt(QStringLiteral("sms")).isValid());
        const QJsonObject second { { QStringLiteral("to"), QStringLiteral("+15551234567") },
            { QStringLiteral("body"), QStringLiteral("Hi there") } };
        QVERIFY(!store.saveDraft(QStringLiteral("sms"), second)); // overwrite
        QVERIFY(!store.saveDraft(QStringLiteral("whatsapp/conn_abc123"),
            QJsonObject { { QStringLiteral("template"), QStringLiteral("hello_world") } }));
        QCOMPARE(store.draft(QStringLiteral("sms")), second);
        QCOMPARE(store.draftKeys(), (QStringList { QStringLiteral("sms"), QStringLiteral("whatsapp/conn_abc123") }));
        QCOMPARE(changed.size(), 3);
    }
    // Restored after a restart.
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QCOMPARE(store.draft(QStringLiteral("sms")).value(QLatin1String("body")).toString(), QStringLiteral("Hi there"));
    QVERIFY(!store.removeDraft(QStringLiteral("sms")));
    QVERIFY(store.draft(QStringLiteral("sms")).isEmpty());
    QCOMPARE(store.draftKeys(), QStringList { QStringLiteral("whatsapp/conn_abc123") });
}

void TestHistoryStore::outbox()
{
    qint64 smsId = 0;
    {
        HistoryStore store(dbPath());
        QVERIFY(!store.open());
        QSignalSpy changed(&store, &HistoryStore::outboxChanged);
        OutboxItem wa;
        wa.kind = OutboxItem::Kind::WhatsApp;
        wa.payload = QJsonObject { { QStringLiteral("connectionId"), QStringLiteral("conn_abc123") },
            { QStringLiteral("to"), QStringLiteral("+15551234567") },
            { QStringLiteral("template"), QStringLiteral("hello_world") } };
        wa.error = QStringLiteral("Template name does not exist (code 132001, HTTP 404)");
        QVERIFY(!store.addToOutbox(wa));
        QVERIFY(wa.id > 0);
        QVERIFY(wa.createdAt.isValid());
        OutboxItem sms;
        sms.kind = OutboxItem::Kind::Sms;
        sms.payload = QJsonObject { { QStringLiteral("to"), QStringLiteral("+15005550001") },
            { QStringLiteral("body"), QStringLiteral("Hello") } };
        sms.error = QStringLiteral("Invalid 'To' phone number (code 21211, HTTP 400)");
        QVERIFY(!store.addToOutbox(sms));
        smsId = sms.id;
        QCOMPARE(changed.size(), 2);

        QVERIFY(!store.recordOutboxAttempt(smsId, QStringLiteral("still invalid")));
        QVERIFY(store.recordOutboxAttempt(smsId + 1000, QStringLiteral("x")).isError());
    }
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    const QList<OutboxItem> items = store.outbox();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).kind, OutboxItem::Kind::WhatsApp);
    QCOMPARE(items.at(0).payload.value(QLatin1String("template")).toString(), QStringLiteral("hello_world"));
    QCOMPARE(items.at(0).attempts, 1);
    QCOMPARE(items.at(1).kind, OutboxItem::Kind::Sms);
    QCOMPARE(items.at(1).attempts, 2);
    QCOMPARE(items.at(1).error, QStringLiteral("still invalid"));
    QCOMPARE(store.outboxItem(smsId)->payload.value(QLatin1String("body")).toString(), QStringLiteral("Hello"));
    QVERIFY(!store.removeFromOutbox(smsId));
    QCOMPARE(store.outbox().size(), 1);
    QVERIFY(!store.outboxItem(smsId).has_value());
    QCOMPARE(OutboxItem::kindName(OutboxItem::Kind::Sms), QStringLiteral("sms"));
}

void TestHistoryStore::activityModelFiltersAndLiveRows()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QVERIFY(!store.addActivity(
        record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/connections"), 200)));
    QVERIFY(!store.addActivity(
        record(QStringLiteral("panora"), "GET", QStringLiteral("https://api.panora.dev/hris/employees"), 404)));
    QVERIFY(!store.addActivity(
        record(QStringLiteral("nango"), "POST", QStringLiteral("https://api.nango.dev/proxy/v20.0/1/messages"), 503)));
    QVERIFY(!store.addActivity(
        record(QStringLiteral("panora"), "GET", QStringLiteral("https://api.panora.dev/crm/contacts"), 0)));
    QVERIFY(!store.addActivity(
        record(QStringLiteral("panora"), "POST", QStringLiteral("https://api.panora.dev/crm/contacts"), 201)));

    ActivityModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(model.headerData(ActivityModel::Url, Qt::Horizontal).toString(), QStringLiteral("URL"));
    // Newest first.
    QCOMPARE(model.index(0, ActivityModel::Status).data().toString(), QStringLiteral("201"));
    QCOMPARE(model.index(0, ActivityModel::Method).data().toString(), QStringLiteral("POST"));
    QCOMPARE(model.index(1, ActivityModel::Status).data().toString(), QStringLiteral("failed"));
    QCOMPARE(model.index(1, ActivityModel::Status).data(SortRole).toInt(), 0);
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
    QVERIFY(
        !store.addActivity(record(QStringLiteral("twilio"), "GET", QStringLiteral("https://api.twilio.com/x"), 200)));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ActivityModel::Url).data().toString(), QStringLiteral("https://api.twilio.com/x"));
    QVERIFY(model.idAt(0) > 0);
    QVERIFY(model.services().contains(QStringLiteral("twilio")));
    QVERIFY(
        !store.addActivity(record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/boom"), 500)));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.heldCount(), 7);
    model.setStatusFilter(ActivityModel::StatusFilter::All);
    QCOMPARE(model.index(0, ActivityModel::Url).data().toString(), QStringLiteral("https://api.nango.dev/boom"));

    // Persisted: a new model (a restart) shows the same rows.
    ActivityModel again(&store);
    QAbstractItemModelTester tester2(&again, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(again.rowCount(), 7);

    QVERIFY(!store.clearActivity());
    QCOMPARE(model.rowCount(), 0);
}

void TestHistoryStore::activityModelLimitDropsTheOldest()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLimit(3);
    model.setStatusFilter(ActivityModel::StatusFilter::Success);
    for (int i = 0; i < 6; ++i)
        QVERIFY(!store.addActivity(
            record(QStringLiteral("nango"), "GET", QStringLiteral("https://n/%1").arg(i), i % 2 ? 404 : 200)));
    QCOMPARE(model.heldCount(), 3); // n/5, n/4, n/3
    QCOMPARE(model.rowCount(), 1); // only n/4 is a 2xx
    QCOMPARE(model.index(0, ActivityModel::Url).data().toString(), QStringLiteral("https://n/4"));
}

void TestHistoryStore::activityModelWithoutStore()
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

void TestHistoryStore::requestsMadeByTheClientAreRecorded()
{
    test::SandboxFixture fx;
    QVERIFY(fx.isReady());
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    store.attach(fx.clients().http());
    ActivityModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    const Result ok = test::SandboxFixture::wait(fx.clients().nango()->listConnections());
    QVERIFY2(ok.ok(), qPrintable(ok.error.summary()));
    QCOMPARE(store.activityCount(), 1);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.index(0, ActivityModel::Url).data().toString().endsWith(QLatin1String("/connections")));
    QCOMPARE(model.index(0, ActivityModel::Status).data().toString(), QStringLiteral("200"));
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
    store.close();
    const QByteArray bytes = fileBytes(dbPath()) + fileBytes(dbPath() + QStringLiteral("-wal"));
    QVERIFY(!bytes.contains(sandbox::SandboxCredentials::nangoSecretKey().toUtf8()));
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kCrashWriterEnv)) {
        QCoreApplication app(argc, argv);
        return crashWriter(qEnvironmentVariable(kCrashWriterEnv));
    }
    QCoreApplication app(argc, argv);
    TestHistoryStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historystore.moc"
