#pragma once

// Small helpers the history stores share to run their SQL (internal to core/history).
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace crossline::historysql {

// An empty string on success, else the driver's message.
inline QString exec(QSqlQuery &query)
{
    return query.exec() ? QString() : query.lastError().text();
}

inline QString exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) ? QString() : query.lastError().text() + QStringLiteral(" [") + sql + QLatin1Char(']');
}

// Runs each statement in turn; stops at the first failure.
inline QString execAll(QSqlDatabase &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (QString e = exec(db, sql); !e.isEmpty())
            return e;
    }
    return {};
}

inline QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A null QString binds as SQL NULL; the text columns are NOT NULL.
inline QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace crossline::historysql
