#include "history/historystore.h"

namespace crossline {

HistoryStore::HistoryStore(QObject *parent)
    : HistoryStore(defaultPath(), parent)
{
}

HistoryStore::HistoryStore(const QString &path, QObject *parent)
    : HistoryDatabase(path, parent)
    , m_activity(*this)
    , m_drafts(*this)
    , m_outbox(*this)
{
}

HistoryStore::~HistoryStore() = default;

} // namespace crossline
