// ActivityLog and ActivityModel: a round trip, the cap, long bodies cut, the model's filters and live rows, and the
// HttpClient → log → model path against the sandbox.
#include "history/activitymodel.h"
#include "history/historystore.h"
#include "net/httpclient.h"
#include "sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QFile>
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
    void requestsMadeByTheClientAreRecorded();
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

void TestActivityLog::requestsMadeByTheClientAreRecorded()
{
    test::SandboxFixture fx;
    QVERIFY(fx.isReady());
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    ActivityLog &log = store.activity();
    log.attach(fx.clients().http());
    ActivityModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    const Result ok = test::SandboxFixture::wait(fx.clients().nango()->listConnections());
    QVERIFY2(ok.ok(), qPrintable(ok.error.summary()));
    QTRY_COMPARE(model.rowCount(), 1); // written on the log's own thread, then delivered here
    QCOMPARE(log.count(), 1);
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
