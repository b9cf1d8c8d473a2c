#include "history/draftstore.h"

#include "history/historydatabase.h"
#include "history/historysql.h"

#include <QJsonDocument>

namespace crossline {

using historysql::exec;
using historysql::text;

DraftStore::DraftStore(HistoryDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

Error DraftStore::save(const QString &profile, const QString &key, const QJsonObject &draft)
{
    const QJsonObject clean = m_db.redacted(draft);
    const Error e = m_db.write(tr("save the draft"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO drafts (profile, key, payload, updated_at) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT(profile, key) DO UPDATE SET payload = excluded.payload, "
                                 "updated_at = excluded.updated_at"));
        q.addBindValue(text(profile));
        q.addBindValue(text(key));
        q.addBindValue(QString::fromUtf8(QJsonDocument(clean).toJson(QJsonDocument::Compact)));
        q.addBindValue(historysql::nowMs());
        return exec(q);
    });
    if (!e)
        Q_EMIT changed();
    return e;
}

QJsonObject DraftStore::load(const QString &profile, const QString &key) const
{
    if (!m_db.isOpen())
        return {};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT payload FROM drafts WHERE profile = ? AND key = ?"));
    q.addBindValue(text(profile));
    q.addBindValue(text(key));
    if (!q.exec() || !q.next())
        return {};
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

QDateTime DraftStore::updatedAt(const QString &profile, const QString &key) const
{
    if (!m_db.isOpen())
        return {};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT updated_at FROM drafts WHERE profile = ? AND key = ?"));
    q.addBindValue(text(profile));
    q.addBindValue(text(key));
    return q.exec() && q.next() ? historysql::fromMs(q.value(0).toLongLong()) : QDateTime();
}

QStringList DraftStore::keys(const QString &profile) const
{
    QStringList keys;
    if (!m_db.isOpen())
        return keys;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT key FROM drafts WHERE profile = ? ORDER BY key"));
    q.addBindValue(text(profile));
    if (q.exec()) {
        while (q.next())
            keys << q.value(0).toString();
    }
    return keys;
}

Error DraftStore::remove(const QString &profile, const QString &key)
{
    const Error e = m_db.write(tr("remove the draft"), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM drafts WHERE profile = ? AND key = ?"));
        q.addBindValue(text(profile));
        q.addBindValue(text(key));
        return exec(q);
    });
    if (!e)
        Q_EMIT changed();
    return e;
}

} // namespace crossline
