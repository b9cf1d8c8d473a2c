#pragma once

#include "history/outboxitem.h"

#include <QGroupBox>
#include <QPointer>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace crossline {

class HistoryStore;

// The Composer's outbox: the sends that failed, kept in the history database until they are retried or discarded.
// Retry (Ctrl+R is the page's, double-click) asks the page to send the selected item again; Discard (Del)
// removes it. The list follows the store's outboxChanged().
class OutboxPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit OutboxPanel(QWidget *parent = nullptr);

    // The store whose outbox is shown (none: an empty outbox).
    void setHistoryStore(HistoryStore *store);
    // The selected item, as stored now.
    std::optional<OutboxItem> currentItem() const;
    bool canRetry() const;

public Q_SLOTS:
    void refresh();
    void discard();

Q_SIGNALS:
    // Retry was asked for the selected item.
    void retryRequested();
    void statusMessage(const QString &text);

private:
    QPointer<HistoryStore> m_history;
    QLabel *m_title;
    QListWidget *m_list;
    QPushButton *m_retry;
    QPushButton *m_discard;
};

} // namespace crossline
