#pragma once

#include "error.h"
#include "history/outboxitem.h"

#include <QList>
#include <QObject>

#include <optional>

namespace crossline {

class HistoryDatabase;

// The sends that failed, kept in the history database until they are re-sent or discarded. An item belongs to the
// profile it was sent from (OutboxItem::profile): items(profile) lists only that profile's, so a retry can never go
// out through another profile. Payloads and errors are redacted before they are written.
class Outbox : public QObject
{
    Q_OBJECT
public:
    // `db` must outlive the outbox.
    explicit Outbox(HistoryDatabase &db, QObject *parent = nullptr);

    // Stores a redacted copy of item.payload under item.profile; sets item.id, item.createdAt (when unset) and
    // item.payload (the redacted copy).
    Error add(OutboxItem &item);
    QList<OutboxItem> items(const QString &profile) const; // oldest first; only that profile's
    std::optional<OutboxItem> item(qint64 id) const;
    // One more failed attempt: its error replaces the last one. `outcomeUnknown` (this attempt was sent and got no
    // answer) marks the item; an item once marked stays marked, since an earlier attempt may have been delivered.
    Error recordAttempt(qint64 id, const QString &error, bool outcomeUnknown);
    Error remove(qint64 id);

Q_SIGNALS:
    void changed();

private:
    HistoryDatabase &m_db;
};

} // namespace crossline
