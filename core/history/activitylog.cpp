#include "history/activitylog.h"

#include "history/historydatabase.h"
#include "history/historysql.h"
#include "net/httpclient.h"
#include "net/redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace crossline {

using historysql::exec;
using historysql::fromMs;
using historysql::text;

namespace {

QByteArray headersToJson(const HeaderList &headers)
{
    QJsonArray out;
    for (const auto &h : headers)
        out.append(QJsonArray { QString::fromLatin1(h.first), QString::fromUtf8(h.second) });
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

HeaderList headersFromJson(const QByteArray &json)
{
    HeaderList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
        const QJsonArray pair = v.toArray();
        out.append({ pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8() });
    }
    return out;
}

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

RequestRecord redactedRecord(const RequestRecord &record, const QStringList &secrets, int maxBody)
{
    RequestRecord r = record;
    // Redactor::url is idempotent on what the HTTP layer already masked ("?key=[redacted]" stays as it is).
    const QUrl url(record.url);
    r.url = url.isValid() ? Redactor::url(url, secrets) : Redactor::scrub(record.url, secrets);
    r.requestHeaders = Redactor::headers(record.requestHeaders, secrets);
    r.responseHeaders = Redactor::headers(record.responseHeaders, secrets);
    auto body = [maxBody, &secrets](const QByteArray &b, const HeaderList &headers) {
        QByteArray out = Redactor::body(b, headerValue(headers, "content-type"), secrets);
        if (maxBody > 0 && out.size() > maxBody) {
            const qsizetype dropped = out.size() - maxBody;
            out = out.left(maxBody) + "\n… [" + QByteArray::number(dropped) + " more bytes not kept]";
        }
        return out;
    };
    r.requestBody = body(record.requestBody, record.requestHeaders);
    r.responseBody = body(record.responseBody, record.responseHeaders);
    r.error = Redactor::scrub(record.error, secrets);
    if (!r.started.isValid())
        r.started = QDateTime::currentDateTimeUtc();
    return r;
}

// Inserts one (already redacted) row; an empty string on success, else the driver's message.
QString insertRow(QSqlDatabase &db, const ActivityEntry &e, qint64 *id)
{
    const RequestRecord &r = e.record;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO activity (time, service, method, url, status, duration_ms, attempt, "
                             "request_headers, request_body, response_headers, response_body, error, profile) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(r.started.toMSecsSinceEpoch());
    q.addBindValue(text(r.service));
    q.addBindValue(text(QString::fromLatin1(r.method)));
    q.addBindValue(text(r.url));
    q.addBindValue(r.status);
    q.addBindValue(r.durationMs);
    q.addBindValue(r.attempt);
    q.addBindValue(QString::fromUtf8(headersToJson(r.requestHeaders)));
    q.addBindValue(r.requestBody);
    q.addBindValue(QString::fromUtf8(headersToJson(r.responseHeaders)));
    q.addBindValue(r.responseBody);
    q.addBindValue(text(r.error));
    q.addBindValue(text(e.profile));
    if (const QString err = exec(q); !err.isEmpty())
        return err;
    *id = q.lastInsertId().toLongLong();
    return {};
}

// A new row, with what the Activity page shows of it worked out (on the writing thread, for attached clients).
ActivityEntry entryFor(const RequestRecord &redacted, const QString &profile)
{
    return ActivityEntry { 0, redacted, profile, ActivitySummary::describe(redacted) };
}

// Keeps the newest `cap` rows.
QString trimToCap(QSqlDatabase &db, int cap)
{
    QSqlQuery trim(db);
    trim.prepare(QStringLiteral("DELETE FROM activity WHERE id <= "
                                "(SELECT id FROM activity ORDER BY id DESC LIMIT 1 OFFSET ?)"));
    trim.addBindValue(cap);
    return exec(trim);
}

} // namespace

// The writing thread: requests queue up (with the secrets and limits of the moment they were made); the thread takes
// all that waits, redacts it and writes it in one transaction on a connection of its own, then hands the written
// entries back and asks the log's thread to deliver them.
class ActivityLog::Writer
{
public:
    struct Pending
    {
        RequestRecord record;
        QString profile;
        QStringList secrets;
        int maxBody = 0;
        int cap = 0;
    };

    Writer(const QString &path, std::function<void()> written)
        : m_path(path)
        , m_written(std::move(written))
    {
        static std::atomic<int> counter { 0 };
        m_connectionName = QStringLiteral("crossline-activity-writer-%1").arg(++counter);
        m_thread = std::thread([this] { run(); });
    }

    ~Writer()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

    void push(Pending pending)
    {
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(pending));
        }
        m_wake.notify_all();
    }

    // Blocks until everything pushed so far is written (or failed).
    void waitIdle()
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
    }

    QList<ActivityEntry> takeWritten()
    {
        std::lock_guard lock(m_mutex);
        QList<ActivityEntry> out;
        out.swap(m_done);
        return out;
    }

private:
    void run()
    {
        QSqlDatabase db; // the only handle: removeDatabase() at the end must find no other copy
        if (const Error e = HistoryDatabase::openConnection(m_connectionName, m_path).into(db))
            qCWarning(lcHistory) << "the activity log cannot write:" << e.message;
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                break; // stopping, and everything is written
            std::deque<Pending> batch;
            batch.swap(m_queue);
            m_busy = true;
            lock.unlock();
            const QList<ActivityEntry> written = db.isOpen() ? write(db, batch) : QList<ActivityEntry>();
            lock.lock();
            m_done += written;
            m_busy = false;
            m_idle.notify_all();
            if (!written.isEmpty()) {
                lock.unlock();
                m_written();
                lock.lock();
            }
        }
        lock.unlock();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }

    static QList<ActivityEntry> write(QSqlDatabase &db, const std::deque<Pending> &batch)
    {
        QList<ActivityEntry> out;
        out.reserve(qsizetype(batch.size()));
        for (const Pending &p : batch)
            out.append(entryFor(redactedRecord(p.record, p.secrets, p.maxBody), p.profile));
        QString failure;
        if (!db.transaction()) {
            failure = db.lastError().text();
        } else {
            for (ActivityEntry &e : out) {
                failure = insertRow(db, e, &e.id);
                if (!failure.isEmpty())
                    break;
            }
            if (failure.isEmpty())
                failure = trimToCap(db, batch.back().cap);
            if (failure.isEmpty() && !db.commit())
                failure = db.lastError().text();
            if (!failure.isEmpty())
                db.rollback();
        }
        if (failure.isEmpty())
            return out;
        qCWarning(lcHistory) << "could not record" << out.size() << "request(s) in the activity log:" << failure;
        return {};
    }

    QString m_path;
    QString m_connectionName;
    std::function<void()> m_written;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Pending> m_queue;
    QList<ActivityEntry> m_done;
    bool m_busy = false;
    bool m_stopping = false;
    std::thread m_thread;
};

ActivityLog::ActivityLog(HistoryDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    // The writer's connection closes with the file.
    connect(&m_db, &HistoryDatabase::aboutToClose, this, &ActivityLog::stopWriter);
    connect(&m_db, &HistoryDatabase::opened, this, [this] {
        for (const Early &early : std::exchange(m_early, {}))
            enqueue(early.record, early.profile, early.secrets);
    });
}

ActivityLog::~ActivityLog()
{
    stopWriter();
}

RequestRecord ActivityLog::redacted(const RequestRecord &record) const
{
    return redactedRecord(record, m_db.secretValues(), m_maxBody);
}

void ActivityLog::attach(HttpClient *http, const QString &profile)
{
    connect(http, &HttpClient::requestRecorded, this, [this, profile](const RequestRecord &record) {
        if (m_db.isOpen())
            enqueue(record, profile, m_db.secretValues());
        else if (m_early.size() < EarlyCap)
            m_early.append({ record, profile, m_db.secretValues() }); // the secrets in use when it was made
    });
}

void ActivityLog::enqueue(const RequestRecord &record, const QString &profile, const QStringList &secrets)
{
    if (!m_writer) {
        m_writer = std::make_unique<Writer>(m_db.path(), [this] {
            // Called on the writing thread: one delivery per batch, on this object's thread (dropped with it).
            QMetaObject::invokeMethod(this, &ActivityLog::deliver, Qt::QueuedConnection);
        });
    }
    m_writer->push(Writer::Pending { record, profile, secrets, m_maxBody, m_cap });
}

void ActivityLog::deliver()
{
    if (!m_writer)
        return;
    for (const ActivityEntry &entry : m_writer->takeWritten())
        Q_EMIT activityAdded(entry);
}

void ActivityLog::flush()
{
    if (!m_writer)
        return;
    m_writer->waitIdle();
    deliver();
}

void ActivityLog::stopWriter()
{
    if (!m_writer)
        return;
    flush();
    m_writer.reset(); // joins the thread, which closes its connection
}

Error ActivityLog::add(const RequestRecord &record, qint64 *id, const QString &profile)
{
    flush(); // rows keep the order the requests were made in
    ActivityEntry entry = entryFor(redacted(record), profile);
    const Error e = m_db.write(tr("record a request"), [&](QSqlDatabase &db) -> QString {
        if (const QString err = insertRow(db, entry, &entry.id); !err.isEmpty())
            return err;
        return trimToCap(db, m_cap);
    });
    if (e)
        return e;
    if (id)
        *id = entry.id;
    Q_EMIT activityAdded(entry);
    return {};
}

QList<ActivityEntry> ActivityLog::recent(int limit) const
{
    return select(nullptr, limit);
}

QList<ActivityEntry> ActivityLog::recent(const QString &profile, int limit) const
{
    return select(&profile, limit);
}

QList<ActivityEntry> ActivityLog::select(const QString *profile, int limit) const
{
    QList<ActivityEntry> out;
    if (!m_db.isOpen())
        return out;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    // The request's headers and body are read for the summary only (a send's recipient and connection), row by row,
    // and not kept.
    q.prepare(QStringLiteral("SELECT id, time, service, method, url, status, duration_ms, attempt, error, profile, "
                             "request_headers, request_body FROM activity %1 ORDER BY id DESC LIMIT ?")
                  .arg(profile ? QStringLiteral("WHERE profile = ?") : QString()));
    if (profile)
        q.addBindValue(text(*profile));
    q.addBindValue(limit);
    if (!q.exec()) {
        qCWarning(lcHistory) << "reading activity:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        ActivityEntry e;
        e.id = q.value(0).toLongLong();
        e.record.started = fromMs(q.value(1).toLongLong());
        e.record.service = q.value(2).toString();
        e.record.method = q.value(3).toString().toLatin1();
        e.record.url = q.value(4).toString();
        e.record.status = q.value(5).toInt();
        e.record.durationMs = q.value(6).toLongLong();
        e.record.attempt = q.value(7).toInt();
        e.record.error = q.value(8).toString();
        e.profile = q.value(9).toString();
        e.record.requestHeaders = headersFromJson(q.value(10).toString().toUtf8());
        e.record.requestBody = q.value(11).toByteArray();
        e.summary = ActivitySummary::describe(e.record);
        e.record.requestHeaders.clear();
        e.record.requestBody.clear();
        out.append(e);
    }
    return out;
}

std::optional<RequestRecord> ActivityLog::record(qint64 id) const
{
    if (!m_db.isOpen())
        return std::nullopt;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT time, service, method, url, status, duration_ms, attempt, request_headers, "
                             "request_body, response_headers, response_body, error FROM activity WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    RequestRecord r;
    r.started = fromMs(q.value(0).toLongLong());
    r.service = q.value(1).toString();
    r.method = q.value(2).toString().toLatin1();
    r.url = q.value(3).toString();
    r.status = q.value(4).toInt();
    r.durationMs = q.value(5).toLongLong();
    r.attempt = q.value(6).toInt();
    r.requestHeaders = headersFromJson(q.value(7).toString().toUtf8());
    r.requestBody = q.value(8).toByteArray();
    r.responseHeaders = headersFromJson(q.value(9).toString().toUtf8());
    r.responseBody = q.value(10).toByteArray();
    r.error = q.value(11).toString();
    return r;
}

qint64 ActivityLog::count() const
{
    if (!m_db.isOpen())
        return 0;
    QSqlQuery q(m_db.connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM activity")) && q.next() ? q.value(0).toLongLong() : 0;
}

Error ActivityLog::clear()
{
    flush(); // what is queued is cleared too
    const Error e = m_db.write(
        tr("clear the activity"), [](QSqlDatabase &db) { return exec(db, QStringLiteral("DELETE FROM activity")); });
    if (!e)
        Q_EMIT activityCleared();
    return e;
}

} // namespace crossline
