#include "history/historystore.h"

#include "net/httpclient.h"
#include "net/redactor.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUrl>

#include <atomic>

namespace crossline {

Q_LOGGING_CATEGORY(lcHistory, "crossline.history", QtInfoMsg)

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

QString exec(QSqlQuery &query)
{
    return query.exec() ? QString() : query.lastError().text();
}

QString exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) ? QString() : query.lastError().text() + QStringLiteral(" [") + sql + QLatin1Char(']');
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

// A null QString binds as SQL NULL; the text columns are NOT NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

HistoryStore::HistoryStore(QObject *parent)
    : HistoryStore(defaultPath(), parent)
{
}

HistoryStore::HistoryStore(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    static std::atomic<int> counter { 0 };
    m_connectionName = QStringLiteral("crossline-history-%1").arg(++counter);
}

HistoryStore::~HistoryStore()
{
    close();
}

QString HistoryStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/crossline.sqlite");
}

void HistoryStore::addSecretValue(const QString &value)
{
    if (!value.isEmpty() && !m_secrets.contains(value))
        m_secrets.append(value);
}

QSqlDatabase HistoryStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Error HistoryStore::storageError(const QString &what, const QString &detail) const
{
    qCWarning(lcHistory) << what << detail;
    // There is no storage kind among the error kinds: a local file problem is a configuration problem for the user.
    return Error::make(Error::Kind::Config, tr("Could not %1 in the history database: %2").arg(what, detail),
        tr("Check that %1 is writable and the disk is not full.").arg(QDir::toNativeSeparators(m_path)));
}

template <typename F> Error HistoryStore::write(const QString &what, F &&body)
{
    if (!m_open)
        return storageError(what, tr("the database is not open"));
    QSqlDatabase db = database();
    if (!db.transaction())
        return storageError(what, db.lastError().text());
    const QString failure = body(db);
    if (!failure.isEmpty()) {
        db.rollback();
        return storageError(what, failure);
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return storageError(what, text);
    }
    return {};
}

Error HistoryStore::open()
{
    if (m_open)
        return {};
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return storageError(tr("open"), tr("Qt's SQLite driver (QSQLITE) is not installed"));
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return storageError(tr("open"), tr("cannot create the folder %1").arg(info.absolutePath()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            const QString text = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return storageError(tr("open"), text);
        }
        // WAL must be chosen outside a transaction; FULL makes each commit durable, not just crash-consistent.
        QSqlQuery wal(db);
        if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !wal.next()
            || wal.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            qCWarning(lcHistory) << "SQLite refused WAL; continuing with its default journal" << wal.lastError().text();
        }
        exec(db, QStringLiteral("PRAGMA synchronous=FULL"));
        exec(db, QStringLiteral("PRAGMA foreign_keys=ON"));
    }
    m_open = true;
    if (const Error e = migrate()) {
        close();
        return e;
    }
    return {};
}

void HistoryStore::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_open = false;
}

int HistoryStore::schemaVersion() const
{
    if (!m_open)
        return 0;
    QSqlQuery q(database());
    return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : 0;
}

Error HistoryStore::migrate()
{
    const int version = schemaVersion();
    if (version > SchemaVersion) {
        return storageError(tr("open"),
            tr("the file was written by a newer Crossline (schema %1, this version knows %2)")
                .arg(version)
                .arg(SchemaVersion));
    }
    if (version == SchemaVersion)
        return {};
    return write(tr("create the tables"), [&](QSqlDatabase &db) -> QString {
        if (version < 1) {
            const QStringList statements {
                QStringLiteral("CREATE TABLE activity ("
                               "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                               "time INTEGER NOT NULL," // ms since the epoch, UTC
                               "service TEXT NOT NULL DEFAULT '',"
                               "method TEXT NOT NULL DEFAULT '',"
                               "url TEXT NOT NULL DEFAULT '',"
                               "status INTEGER NOT NULL DEFAULT 0,"
                               "duration_ms INTEGER NOT NULL DEFAULT 0,"
                               "attempt INTEGER NOT NULL DEFAULT 1,"
                               "request_headers TEXT NOT NULL DEFAULT '[]',"
                               "request_body BLOB,"
                               "response_headers TEXT NOT NULL DEFAULT '[]',"
                               "response_body BLOB,"
                               "error TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE INDEX activity_time ON activity(time)"),
                QStringLiteral("CREATE TABLE drafts ("
                               "key TEXT PRIMARY KEY,"
                               "payload TEXT NOT NULL,"
                               "updated_at INTEGER NOT NULL)"),
                QStringLiteral("CREATE TABLE outbox ("
                               "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                               "kind TEXT NOT NULL CHECK (kind IN ('whatsapp', 'sms')),"
                               "payload TEXT NOT NULL,"
                               "error TEXT NOT NULL DEFAULT '',"
                               "created_at INTEGER NOT NULL,"
                               "attempts INTEGER NOT NULL DEFAULT 1)"),
            };
            for (const QString &sql : statements) {
                if (const QString e = exec(db, sql); !e.isEmpty())
                    return e;
            }
        }
        // user_version is transactional in SQLite: a failed migration leaves the old number.
        return exec(db, QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
    });
}

// ---- redaction --------------------------------------------------------------------------------------------------

RequestRecord HistoryStore::redacted(const RequestRecord &record) const
{
    RequestRecord r = record;
    // Redactor::url is idempotent on what the HTTP layer already masked ("?key=[redacted]" stays as it is).
    const QUrl url(record.url);
    r.url = url.isValid() ? Redactor::url(url, m_secrets) : Redactor::scrub(record.url, m_secrets);
    r.requestHeaders = Redactor::headers(record.requestHeaders, m_secrets);
    r.responseHeaders = Redactor::headers(record.responseHeaders, m_secrets);
    auto body = [this](const QByteArray &b, const HeaderList &headers) {
        QByteArray out = Redactor::body(b, headerValue(headers, "content-type"), m_secrets);
        if (m_maxBody > 0 && out.size() > m_maxBody) {
            const qsizetype dropped = out.size() - m_maxBody;
            out = out.left(m_maxBody) + "\n… [" + QByteArray::number(dropped) + " more bytes not kept]";
        }
        return out;
    };
    r.requestBody = body(record.requestBody, record.requestHeaders);
    r.responseBody = body(record.responseBody, record.responseHeaders);
    r.error = Redactor::scrub(record.error, m_secrets);
    if (!r.started.isValid())
        r.started = QDateTime::currentDateTimeUtc();
    return r;
}

QJsonObject HistoryStore::redacted(const QJsonObject &payload) const
{
    const QByteArray json = Redactor::body(
        QJsonDocument(payload).toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"), m_secrets);
    return QJsonDocument::fromJson(json).object();
}

// ---- activity ---------------------------------------------------------------------------------------------------

void HistoryStore::attach(HttpClient *http)
{
    connect(http, &HttpClient::requestRecorded, this, [this](const RequestRecord &record) {
        if (m_open)
            addActivity(record);
    });
}

Error HistoryStore::addActivity(const RequestRecord &record, qint64 *id)
{
    const RequestRecord r = redacted(record);
    qint64 newId = 0;
    const Error e = write(tr("record a request"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO activity (time, service, method, url, status, duration_ms, attempt, "
                                 "request_headers, request_body, response_headers, response_body, error) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
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
        if (const QString err = exec(q); !err.isEmpty())
            return err;
        newId = q.lastInsertId().toLongLong();
        QSqlQuery trim(db);
        trim.prepare(QStringLiteral("DELETE FROM activity WHERE id <= "
                                    "(SELECT id FROM activity ORDER BY id DESC LIMIT 1 OFFSET ?)"));
        trim.addBindValue(m_cap);
        return exec(trim);
    });
    if (e)
        return e;
    if (id)
        *id = newId;
    Q_EMIT activityAdded(ActivityEntry { newId, r });
    return {};
}

QList<ActivityEntry> HistoryStore::recentActivity(int limit) const
{
    QList<ActivityEntry> out;
    if (!m_open)
        return out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, time, service, method, url, status, duration_ms, attempt, error "
                             "FROM activity ORDER BY id DESC LIMIT ?"));
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
        out.append(e);
    }
    return out;
}

std::optional<RequestRecord> HistoryStore::activityRecord(qint64 id) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(database());
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

qint64 HistoryStore::activityCount() const
{
    if (!m_open)
        return 0;
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM activity")) && q.next() ? q.value(0).toLongLong() : 0;
}

Error HistoryStore::clearActivity()
{
    const Error e = write(
        tr("clear the activity"), [](QSqlDatabase &db) { return exec(db, QStringLiteral("DELETE FROM activity")); });
    if (!e)
        Q_EMIT activityCleared();
    return e;
}

// ---- drafts -----------------------------------------------------------------------------------------------------

Error HistoryStore::saveDraft(const QString &key, const QJsonObject &draft)
{
    const QJsonObject clean = redacted(draft);
    const Error e = write(tr("save the draft"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO drafts (key, payload, updated_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET payload = excluded.payload, "
                                 "updated_at = excluded.updated_at"));
        q.addBindValue(key);
        q.addBindValue(QString::fromUtf8(QJsonDocument(clean).toJson(QJsonDocument::Compact)));
        q.addBindValue(nowMs());
        return exec(q);
    });
    if (!e)
        Q_EMIT draftsChanged();
    return e;
}

QJsonObject HistoryStore::draft(const QString &key) const
{
    if (!m_open)
        return {};
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT payload FROM drafts WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

QDateTime HistoryStore::draftUpdatedAt(const QString &key) const
{
    if (!m_open)
        return {};
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT updated_at FROM drafts WHERE key = ?"));
    q.addBindValue(key);
    return q.exec() && q.next() ? fromMs(q.value(0).toLongLong()) : QDateTime();
}

QStringList HistoryStore::draftKeys() const
{
    QStringList keys;
    if (!m_open)
        return keys;
    QSqlQuery q(database());
    if (q.exec(QStringLiteral("SELECT key FROM drafts ORDER BY key"))) {
        while (q.next())
            keys << q.value(0).toString();
    }
    return keys;
}

Error HistoryStore::removeDraft(const QString &key)
{
    const Error e = write(tr("remove the draft"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM drafts WHERE key = ?"));
        q.addBindValue(key);
        return exec(q);
    });
    if (!e)
        Q_EMIT draftsChanged();
    return e;
}

// ---- outbox -----------------------------------------------------------------------------------------------------

Error HistoryStore::addToOutbox(OutboxItem &item)
{
    const QJsonObject clean = redacted(item.payload);
    const QDateTime created = item.createdAt.isValid() ? item.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    qint64 newId = 0;
    const Error e = write(tr("keep the failed message"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("INSERT INTO outbox (kind, payload, error, created_at, attempts) VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(OutboxItem::kindName(item.kind));
        q.addBindValue(QString::fromUtf8(QJsonDocument(clean).toJson(QJsonDocument::Compact)));
        q.addBindValue(text(Redactor::scrub(item.error, m_secrets)));
        q.addBindValue(created.toMSecsSinceEpoch());
        q.addBindValue(qMax(1, item.attempts));
        if (const QString err = exec(q); !err.isEmpty())
            return err;
        newId = q.lastInsertId().toLongLong();
        return QString();
    });
    if (e)
        return e;
    item.id = newId;
    item.createdAt = created;
    item.payload = clean;
    Q_EMIT outboxChanged();
    return {};
}

static OutboxItem outboxFromQuery(const QSqlQuery &q)
{
    OutboxItem item;
    item.id = q.value(0).toLongLong();
    OutboxItem::kindFromName(q.value(1).toString(), &item.kind);
    item.payload = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    item.error = q.value(3).toString();
    item.createdAt = fromMs(q.value(4).toLongLong());
    item.attempts = q.value(5).toInt();
    return item;
}

QList<OutboxItem> HistoryStore::outbox() const
{
    QList<OutboxItem> out;
    if (!m_open)
        return out;
    QSqlQuery q(database());
    if (q.exec(QStringLiteral("SELECT id, kind, payload, error, created_at, attempts FROM outbox ORDER BY id"))) {
        while (q.next())
            out.append(outboxFromQuery(q));
    }
    return out;
}

std::optional<OutboxItem> HistoryStore::outboxItem(qint64 id) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id, kind, payload, error, created_at, attempts FROM outbox WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return outboxFromQuery(q);
}

Error HistoryStore::recordOutboxAttempt(qint64 id, const QString &error)
{
    const Error e = write(tr("update the failed message"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, error = ? WHERE id = ?"));
        q.addBindValue(text(Redactor::scrub(error, m_secrets)));
        q.addBindValue(id);
        if (const QString err = exec(q); !err.isEmpty())
            return err;
        return q.numRowsAffected() == 1 ? QString() : tr("no message with id %1").arg(id);
    });
    if (!e)
        Q_EMIT outboxChanged();
    return e;
}

Error HistoryStore::removeFromOutbox(qint64 id)
{
    const Error e = write(tr("remove the message"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM outbox WHERE id = ?"));
        q.addBindValue(id);
        return exec(q);
    });
    if (!e)
        Q_EMIT outboxChanged();
    return e;
}

} // namespace crossline
