#include "history/outbox.h"

#include "history/historydatabase.h"
#include "history/historysql.h"

#include <QJsonDocument>

namespace crossline {

using historysql::exec;
using historysql::text;

namespace {

const QString kColumns = QStringLiteral("id, kind, payload, error, created_at, attempts, profile, outcome_unknown");

// A row of an unknown kind (only a damaged or hand-edited file has one: the schema's CHECK keeps them out) is not
// offered, since a WhatsApp retry of something else would be wrong, and stays in the file untouched.
Expected<OutboxItem> itemFromQuery(const QSqlQuery &q)
{
    const Expected<OutboxItem::Kind> kind = OutboxItem::kindNamed(q.value(1).toString());
    if (!kind)
        return kind.error();
    OutboxItem item;
    item.id = q.value(0).toLongLong();
    item.kind = *kind;
    item.payload = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    item.error = q.value(3).toString();
    item.createdAt = historysql::fromMs(q.value(4).toLongLong());
    item.attempts = q.value(5).toInt();
    item.profile = q.value(6).toString();
    item.outcomeUnknown = q.value(7).toInt() != 0;
    return item;
}

} // namespace

Outbox::Outbox(HistoryDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

Error Outbox::add(OutboxItem &item)
{
    const QJsonObject clean = m_db.redacted(item.payload);
    const QDateTime created = item.createdAt.isValid() ? item.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    qint64 newId = 0;
    const Error e = m_db.write(tr("keep the failed message"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO outbox (kind, payload, error, created_at, attempts, profile, "
                                 "outcome_unknown) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(OutboxItem::kindName(item.kind));
        q.addBindValue(QString::fromUtf8(QJsonDocument(clean).toJson(QJsonDocument::Compact)));
        q.addBindValue(text(m_db.scrubbed(item.error)));
        q.addBindValue(created.toMSecsSinceEpoch());
        q.addBindValue(qMax(1, item.attempts));
        q.addBindValue(text(item.profile));
        q.addBindValue(item.outcomeUnknown ? 1 : 0);
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
    Q_EMIT changed();
    return {};
}

QList<OutboxItem> Outbox::items(const QString &profile) const
{
    QList<OutboxItem> out;
    if (!m_db.isOpen())
        return out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE profile = ? ORDER BY id").arg(kColumns));
    q.addBindValue(text(profile));
    if (q.exec()) {
        while (q.next()) {
            const Expected<OutboxItem> item = itemFromQuery(q);
            if (item)
                out.append(*item);
            else
                qCWarning(lcHistory).noquote()
                    << "outbox row" << q.value(0).toLongLong() << "skipped:" << item.error().message;
        }
    }
    return out;
}

std::optional<OutboxItem> Outbox::item(qint64 id) const
{
    if (!m_db.isOpen())
        return std::nullopt;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const Expected<OutboxItem> item = itemFromQuery(q);
    if (!item)
        return std::nullopt;
    return *item;
}

Error Outbox::recordAttempt(qint64 id, const QString &error, bool outcomeUnknown)
{
    const Error e = m_db.write(tr("update the failed message"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, error = ?, "
                                 "outcome_unknown = MAX(outcome_unknown, ?) WHERE id = ?"));
        q.addBindValue(text(m_db.scrubbed(error)));
        q.addBindValue(outcomeUnknown ? 1 : 0);
        q.addBindValue(id);
        if (const QString err = exec(q); !err.isEmpty())
            return err;
        return q.numRowsAffected() == 1 ? QString() : tr("no message with id %1").arg(id);
    });
    if (!e)
        Q_EMIT changed();
    return e;
}

Error Outbox::remove(qint64 id)
{
    const Error e = m_db.write(tr("remove the message"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM outbox WHERE id = ?"));
        q.addBindValue(id);
        return exec(q);
    });
    if (!e)
        Q_EMIT changed();
    return e;
}

} // namespace crossline
