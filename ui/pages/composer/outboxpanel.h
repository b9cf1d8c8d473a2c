#pragma once

#include "history/outboxitem.h"

#include <QGroupBox>
#include <QPointer>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace crossline {

class Outbox;

// The Composer's outbox: the sends of one profile that failed, kept in the history database until they are retried
// or discarded. Retry (Ctrl+R is the page's, double-click) asks the page to send the selected item again; Discard
// (Del) removes it. An item whose outcome is unknown (sent, no answer) is marked "⚠ May have been delivered". The
// list follows Outbox::changed().
class OutboxPanel : public QGroupBox
{
    Q_OBJECT
public:
    // On each row: Qt::UserRole holds the item's id, OutcomeUnknownRole its OutboxItem::outcomeUnknown.
    static constexpr int OutcomeUnknownRole = Qt::UserRole + 1;

    explicit OutboxPanel(QWidget *parent = nullptr);

    // The outbox whose items are shown (none: an empty outbox).
    void setOutbox(Outbox *outbox);
    // Only this profile's items are listed (Workspace::profileKey()).
    void setProfile(const QString &profile);
    QString profile() const { return m_profile; }
    // The selected item, as stored now (none when it is not the profile's).
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
    QPointer<Outbox> m_outbox;
    QString m_profile;
    QLabel *m_title;
    QListWidget *m_list;
    QPushButton *m_retry;
    QPushButton *m_discard;
};

} // namespace crossline
