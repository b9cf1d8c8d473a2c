#pragma once

#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace crossline {

class HistoryDatabase;

// The composer's drafts, kept in the history database as they are typed. A draft belongs to a profile (the
// Workspace::profileKey() it was typed under): the same key holds one draft per profile, and a profile sees only its
// own. Drafts are redacted before they are written, like everything in the database.
class DraftStore : public QObject
{
    Q_OBJECT
public:
    // `db` must outlive the store.
    explicit DraftStore(HistoryDatabase &db, QObject *parent = nullptr);

    Error save(const QString &profile, const QString &key, const QJsonObject &draft); // replaces the previous one
    QJsonObject load(const QString &profile, const QString &key) const; // empty when there is none
    QDateTime updatedAt(const QString &profile, const QString &key) const; // UTC; invalid when there is none
    QStringList keys(const QString &profile) const; // sorted
    Error remove(const QString &profile, const QString &key);

Q_SIGNALS:
    void changed();

private:
    HistoryDatabase &m_db;
};

} // namespace crossline
