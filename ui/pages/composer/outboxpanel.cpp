#include "pages/composer/outboxpanel.h"

#include "history/outbox.h"
#include "widgets/formhelpers.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace crossline {

OutboxPanel::OutboxPanel(QWidget *parent)
    : QGroupBox(tr("Outbox"), parent)
{
    const int em = fontMetrics().height();
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("outboxTitle"));
    m_title->setWordWrap(true);
    forms::setMuted(m_title);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("outboxList"));
    m_list->setAccessibleName(tr("Failed sends"));
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setMinimumHeight(em * 4);
    m_list->setMaximumHeight(em * 9);
    m_retry = new QPushButton(tr("&Retry"), this);
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_retry->setToolTip(tr("Send the selected message again (Ctrl+R)"));
    m_discard = new QPushButton(tr("&Discard"), this);
    m_discard->setObjectName(QStringLiteral("outboxDiscard"));
    m_discard->setToolTip(tr("Remove the selected message from the outbox (Del)"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_discard);
    layout->addWidget(m_title);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(m_retry, &QPushButton::clicked, this, &OutboxPanel::retryRequested);
    connect(m_discard, &QPushButton::clicked, this, &OutboxPanel::discard);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &OutboxPanel::retryRequested);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_retry->setEnabled(row >= 0);
        m_discard->setEnabled(row >= 0);
    });
    auto *discardKey = new QShortcut(QKeySequence::Delete, m_list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(discardKey, &QShortcut::activated, this, &OutboxPanel::discard);
}

void OutboxPanel::setOutbox(Outbox *outbox)
{
    if (m_outbox)
        m_outbox->disconnect(this);
    m_outbox = outbox;
    if (m_outbox)
        connect(m_outbox, &Outbox::changed, this, &OutboxPanel::refresh);
    refresh();
}

void OutboxPanel::setProfile(const QString &profile)
{
    if (profile == m_profile)
        return;
    m_profile = profile;
    m_list->clear(); // nothing of the previous profile stays selected
    refresh();
}

std::optional<OutboxItem> OutboxPanel::currentItem() const
{
    if (!m_outbox || !m_list->currentItem())
        return std::nullopt;
    std::optional<OutboxItem> item = m_outbox->item(m_list->currentItem()->data(Qt::UserRole).toLongLong());
    if (item && item->profile != m_profile)
        return std::nullopt;
    return item;
}

bool OutboxPanel::canRetry() const
{
    return m_retry->isEnabled();
}

void OutboxPanel::refresh()
{
    const qint64 selected = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toLongLong() : 0;
    m_list->clear();
    const QList<OutboxItem> items = m_outbox ? m_outbox->items(m_profile) : QList<OutboxItem>();
    for (const OutboxItem &item : items) {
        const QJsonObject p = item.payload;
        const QString channelName = item.kind == OutboxItem::Kind::WhatsApp ? tr("WhatsApp") : tr("SMS");
        QString text = tr("%1 to %2 via %3 — %4")
                           .arg(channelName, p.value(QLatin1String("to")).toString(),
                               p.value(QLatin1String("connectionId")).toString(), item.error);
        QString tip = tr("%1\nFirst tried %2 · attempts: %3")
                          .arg(item.error, QLocale().toString(item.createdAt.toLocalTime(), QLocale::ShortFormat))
                          .arg(item.attempts);
        if (item.outcomeUnknown) {
            text = tr("⚠ May have been delivered: %1").arg(text);
            tip = tr("It was sent, but no answer came back: the message may have been delivered. Check with the "
                     "recipient (or the provider's log) before you retry; sending it again could deliver it twice.")
                + QLatin1String("\n\n") + tip;
        }
        auto *row = new QListWidgetItem(text, m_list);
        row->setData(Qt::UserRole, item.id);
        row->setData(OutcomeUnknownRole, item.outcomeUnknown);
        row->setToolTip(tip);
        if (item.id == selected)
            m_list->setCurrentItem(row);
    }
    // A new failure is selected, so Retry (Ctrl+R) needs no extra click.
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(m_list->count() - 1);
    // An empty list is just a frame: say what the box is for instead.
    m_list->setVisible(!items.isEmpty());
    m_retry->setVisible(!items.isEmpty());
    m_discard->setVisible(!items.isEmpty());
    m_title->setText(items.isEmpty() ? tr("Failed sends wait here to be retried or discarded.")
            : items.size() == 1      ? tr("1 failed send is waiting.")
                                     : tr("%1 failed sends are waiting.").arg(items.size()));
    m_retry->setEnabled(m_list->currentRow() >= 0);
    m_discard->setEnabled(m_list->currentRow() >= 0);
}

void OutboxPanel::discard()
{
    if (!m_outbox || !m_list->currentItem())
        return;
    m_outbox->remove(m_list->currentItem()->data(Qt::UserRole).toLongLong());
    Q_EMIT statusMessage(tr("Removed from the outbox."));
}

} // namespace crossline
