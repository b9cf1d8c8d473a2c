#pragma once

#include "history/activitylog.h"
#include "history/draftstore.h"
#include "history/historydatabase.h"
#include "history/outbox.h"

namespace crossline {

// The history as the app and the tests hold it: the one database file (this object: open, close, secret values)
// and the three stores that keep their rows in it — the activity log, the composer's drafts and the outbox of failed
// sends. The stores live as long as this object.
class HistoryStore : public HistoryDatabase
{
    Q_OBJECT
public:
    explicit HistoryStore(QObject *parent = nullptr); // defaultPath()
    explicit HistoryStore(const QString &path, QObject *parent = nullptr);
    ~HistoryStore() override;

    ActivityLog &activity() { return m_activity; }
    const ActivityLog &activity() const { return m_activity; }
    DraftStore &drafts() { return m_drafts; }
    const DraftStore &drafts() const { return m_drafts; }
    Outbox &outbox() { return m_outbox; }
    const Outbox &outbox() const { return m_outbox; }

private:
    ActivityLog m_activity;
    DraftStore m_drafts;
    Outbox m_outbox;
};

} // namespace crossline
