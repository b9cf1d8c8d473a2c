#include "history/activitylog.h"

#include "history/historydatabase.h"
#include "history/historysql.h"
#include "net/httpclient.h"
#include "net/redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

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

} // namespace

ActivityLog::ActivityLog(HistoryDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

RequestRecord ActivityLog::redacted(const RequestRecord &record) const
{
    const QStringList secrets = m_db.secretValues();
    RequestRecord r = record;
    // Redactor::url is idempotent on what the HTTP layer already masked ("?key=[redacted]" stays as it is).
    const QUrl url(record.url);
    r.url = url.isValid() ? Redactor::url(url, secrets) : Redactor::scrub(record.url, secrets);
    r.requestHeaders = Redactor::headers(record.requestHeaders, secrets);
    r.responseHeaders = Redactor::headers(record.responseHeaders, secrets);
    auto body = [this, &secrets](const QByteArray &b, const HeaderList &headers) {
        QByteArray out = Redactor::body(b, headerValue(headers, "content-type"), secrets);
        if (m_maxBody > 0 && out.size() > m_maxBody) {
            const qsizetype dropped = out.size() - m_maxBody;
            out = out.left(m_maxBody) + "\n… [" + QByteArray::number(dropped) + " more bytes not kept]";
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

void ActivityLog::attach(HttpClient *http)
{
    connect(http, &HttpClient::requestRecorded, this, [this](const RequestRecord &record) {
        if (m_db.isOpen())
            add(record);
    });
}

Error ActivityLog::add(const RequestRecord &record, qint64 *id)
{
    const RequestRecord r = redacted(record);
    qint64 newId = 0;
    const Error e = m_db.write(tr("record a request"), [&](QSqlDatabase &db) -> QString {
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

QList<ActivityEntry> ActivityLog::recent(int limit) const
{
    QList<ActivityEntry> out;
    if (!m_db.isOpen())
        return out;
    QSqlQuery q(m_db.connection());
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
    const Error e = m_db.write(
        tr("clear the activity"), [](QSqlDatabase &db) { return exec(db, QStringLiteral("DELETE FROM activity")); });
    if (!e)
        Q_EMIT activityCleared();
    return e;
}

} // namespace crossline
