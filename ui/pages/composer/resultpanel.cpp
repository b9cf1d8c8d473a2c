#include "pages/composer/resultpanel.h"

#include "messaging/sentmessage.h"
#include "messaging/smsstatustracker.h"
#include "widgets/formhelpers.h"
#include "workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace crossline {

ResultPanel::ResultPanel(Workspace *workspace, QWidget *parent)
    : QGroupBox(tr("WhatsApp results"), parent)
    , m_workspace(workspace)
    , m_tracker(new SmsStatusTracker(this))
{
    const int em = fontMetrics().height();
    auto *layout = new QVBoxLayout(this);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setAccessibleName(tr("Send result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_context = new QLabel(this);
    m_context->setObjectName(QStringLiteral("resultContext"));
    m_context->setAccessibleName(tr("When, to whom and through which connection"));
    m_context->setWordWrap(true);
    m_context->setTextInteractionFlags(Qt::TextSelectableByMouse);
    forms::setMuted(m_context);
    m_context->hide();
    // Ids are long and unbreakable (wamid.HBgL…): a read-only line scrolls where a label would push the panel wide.
    m_messageId = new QLineEdit(this);
    m_messageId->setObjectName(QStringLiteral("messageId"));
    m_messageId->setAccessibleName(tr("Message id"));
    m_messageId->setReadOnly(true);
    m_messageId->setFrame(false);
    m_messageId->setBackgroundRole(QPalette::Window);
    m_messageId->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copyId = new QToolButton(this);
    m_copyId->setObjectName(QStringLiteral("copyMessageId"));
    m_copyId->setText(tr("Copy"));
    m_copyId->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_copyId->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copyId->setToolTip(tr("Copy the message id (Ctrl+Shift+C)"));
    m_copyId->setAccessibleName(tr("Copy the message id"));
    connect(m_copyId, &QToolButton::clicked, this, [this] {
        if (m_messageIdText.isEmpty())
            return;
        QApplication::clipboard()->setText(m_messageIdText);
        Q_EMIT statusMessage(tr("Copied %1").arg(m_messageIdText));
    });
    m_idRow = new QWidget(this);
    auto *idLayout = new QHBoxLayout(m_idRow);
    idLayout->setContentsMargins(0, 0, 0, 0);
    auto *idCaption = forms::buddyLabel(tr("Message id:"), m_messageId, m_idRow);
    idLayout->addWidget(idCaption);
    idLayout->addWidget(m_messageId, 1);
    idLayout->addWidget(m_copyId);
    m_idRow->hide();
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("resultHint"));
    m_hint->setAccessibleName(tr("What to do"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_hint->hide();
    layout->addWidget(m_result);
    layout->addWidget(m_context);
    layout->addWidget(m_idRow);
    layout->addWidget(m_hint);

    m_trackRow = new QWidget(this);
    auto *track = new QGridLayout(m_trackRow);
    track->setContentsMargins(0, em / 3, 0, 0);
    m_trackStatus = new QLabel(m_trackRow);
    m_trackStatus->setObjectName(QStringLiteral("trackStatus"));
    m_trackStatus->setAccessibleName(tr("Delivery status"));
    m_trackStatus->setWordWrap(true);
    m_trackStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_track = new QPushButton(tr("&Track status"), m_trackRow);
    m_track->setObjectName(QStringLiteral("trackButton"));
    m_track->setAccessibleName(tr("Track delivery status"));
    m_track->setToolTip(
        tr("Ask Twilio for the status every 2 seconds until it is final, for up to 2 minutes (Ctrl+T)"));
    m_stop = new QPushButton(tr("Stop"), m_trackRow);
    m_stop->setObjectName(QStringLiteral("stopTrackingButton"));
    m_stop->setAccessibleName(tr("Stop tracking"));
    m_stop->setToolTip(tr("Stop asking for the status (Esc)"));
    m_trackProgress = new QProgressBar(m_trackRow);
    m_trackProgress->setObjectName(QStringLiteral("trackProgress"));
    m_trackProgress->setAccessibleName(tr("Time tracked"));
    m_trackProgress->setTextVisible(false);
    m_trackProgress->setMaximumHeight(em / 2);
    m_trackProgress->hide();
    auto *statusCaption = forms::buddyLabel(tr("Delivery:"), m_track, m_trackRow);
    auto *trackButtons = new QHBoxLayout;
    trackButtons->addWidget(m_trackProgress, 1);
    trackButtons->addStretch(0);
    trackButtons->addWidget(m_track);
    trackButtons->addWidget(m_stop);
    track->addWidget(statusCaption, 0, 0, Qt::AlignTop);
    track->addWidget(m_trackStatus, 0, 1);
    track->addLayout(trackButtons, 1, 0, 1, 2);
    track->setColumnStretch(1, 1);
    m_track->setEnabled(false);
    m_stop->setEnabled(false);
    m_trackRow->hide();
    connect(m_track, &QPushButton::clicked, this, &ResultPanel::trackStatus);
    connect(m_stop, &QPushButton::clicked, this, &ResultPanel::stopTracking);
    layout->addWidget(m_trackRow);

    // The sends before the latest one, newest first: one Tab stop, the arrow keys move inside.
    m_earlier = new QListWidget(this);
    m_earlier->setObjectName(QStringLiteral("resultHistory"));
    m_earlier->setAccessibleName(tr("Earlier results"));
    m_earlier->setTextElideMode(Qt::ElideRight); // the whole line is in the row's tooltip
    m_earlier->setSelectionMode(QAbstractItemView::SingleSelection);
    m_earlier->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_earlier->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_earlier->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_earlierCaption = forms::buddyLabel(tr("&Earlier:"), m_earlier, this);
    layout->addWidget(m_earlierCaption);
    layout->addWidget(m_earlier);
    m_earlierCaption->hide();
    m_earlier->hide();

    connect(m_tracker, &SmsStatusTracker::polling, this,
        [this](qint64 elapsedMs) { m_trackProgress->setValue(int(elapsedMs / 1000)); });
    connect(m_tracker, &SmsStatusTracker::statusFetched, this, &ResultPanel::statusFetched);
    connect(m_tracker, &SmsStatusTracker::failed, this, [this](const Error &error) {
        stopTracking();
        m_trackStatus->setText(trail() + QStringLiteral(" · ✗ ") + error.summary());
    });
    connect(m_tracker, &SmsStatusTracker::timedOut, this, [this] {
        stopTracking();
        m_trackStatus->setText(trail() + tr(" (stopped after %1 s; not final yet)").arg(m_tracker->timeout() / 1000));
    });
    render();
}

void ResultPanel::setStatusPollInterval(int ms)
{
    m_tracker->setPollInterval(ms);
}

void ResultPanel::setStatusPollTimeout(int ms)
{
    m_tracker->setTimeout(ms);
}

// ---- what the sends did -------------------------------------------------------------------------------------------

void ResultPanel::setChannel(Channel channel)
{
    if (channel == m_channel)
        return;
    m_channel = channel;
    render();
}

void ResultPanel::showSending(Channel channel, const QString &to, const QString &connection)
{
    if (channel == Sms) {
        // The SMS tracked so far is not the latest one any more.
        stopTracking();
        m_tracker->clear();
        m_track->setEnabled(false);
        m_smsShown = false;
    }
    m_states[channel].sending
        = connection.isEmpty() ? tr("Sending to %1…").arg(to) : tr("Sending to %1 through %2…").arg(to, connection);
    render();
}

void ResultPanel::add(Channel channel, const Entry &entry)
{
    State &state = m_states[channel];
    state.sending.clear();
    state.entries.prepend(entry);
    while (state.entries.size() > kKept)
        state.entries.removeLast();
    render();
}

void ResultPanel::showFailure(Channel channel, const QString &to, const QString &connection, const Error &error)
{
    Entry entry;
    entry.time = QDateTime::currentDateTime();
    entry.to = to;
    entry.connection = connection;
    entry.text = QStringLiteral("✗ ") + error.summary();
    entry.ok = false;
    entry.hint = error.hint;
    if (entry.hint.isEmpty() && error.kind == Error::Kind::Network)
        entry.hint = tr("Check the network and the Nango base URL, then retry from the outbox.");
    add(channel, entry);
}

void ResultPanel::showWhatsAppAccepted(const QString &to, const QString &connection, const SentMessage &sent)
{
    Entry entry;
    entry.time = QDateTime::currentDateTime();
    entry.to = to;
    entry.connection = connection;
    entry.text = tr("✓ Accepted by WhatsApp for %1").arg(to);
    entry.messageId = sent.id;
    entry.hint = tr("Accepted is not delivered: WhatsApp reports delivery and late failures (such as 131047) "
                    "only to a webhook.");
    if (!sent.status.isEmpty() && sent.status != QLatin1String("accepted"))
        entry.hint.prepend(tr("Status: %1. ").arg(sent.status));
    add(WhatsApp, entry);
}

void ResultPanel::showSmsAccepted(
    const QString &to, const QString &connection, const SentMessage &sent, const TrackedSms &sms)
{
    const QString &status = sent.status;
    Entry entry;
    entry.time = QDateTime::currentDateTime();
    entry.to = to;
    entry.connection = connection;
    entry.text = tr("✓ %1 by Twilio for %2")
                     .arg(status.isEmpty() ? tr("Accepted") : status.at(0).toUpper() + status.mid(1), to);
    if (sent.segments > 0)
        entry.text
            += QStringLiteral(" · ") + (sent.segments == 1 ? tr("1 segment") : tr("%1 segments").arg(sent.segments));
    entry.messageId = sent.id;
    m_tracker->setMessage(sms, status);
    m_trackStatus->setText(trail());
    m_track->setEnabled(!sms.sid.isEmpty());
    m_smsShown = true;
    add(Sms, entry);
}

void ResultPanel::clear()
{
    stopTracking();
    m_tracker->clear();
    m_track->setEnabled(false);
    m_smsShown = false;
    m_trackStatus->clear();
    for (State &state : m_states)
        state = State();
    render();
}

QString ResultPanel::contextOf(const Entry &entry) const
{
    const QString time = QLocale().toString(entry.time, QStringLiteral("HH:mm:ss"));
    return entry.connection.isEmpty() ? tr("%1 · to %2").arg(time, entry.to)
                                      : tr("%1 · to %2 · through %3").arg(time, entry.to, entry.connection);
}

void ResultPanel::render()
{
    const State &state = m_states[m_channel];
    setTitle(m_channel == Sms ? tr("SMS results") : tr("WhatsApp results"));
    const Entry *latest = state.sending.isEmpty() && !state.entries.isEmpty() ? &state.entries.first() : nullptr;
    if (!state.sending.isEmpty())
        m_result->setText(state.sending);
    else if (!latest)
        m_result->setText(m_channel == Sms ? tr("No SMS sent yet.") : tr("No WhatsApp message sent yet."));
    else
        m_result->setText(latest->text);
    m_result->setPalette(!latest || latest->ok ? palette() : forms::errorPalette(palette()));
    m_context->setText(latest ? contextOf(*latest) : QString());
    m_context->setVisible(latest != nullptr);
    setMessageId(latest ? latest->messageId : QString());
    m_hint->setText(latest ? latest->hint : QString());
    m_hint->setVisible(!m_hint->text().isEmpty());
    m_trackRow->setVisible(m_channel == Sms && latest && m_smsShown);

    // Earlier: the sends before the one shown above (while one runs, the latest finished one is among them).
    m_earlier->clear();
    const qsizetype first = latest ? 1 : 0;
    for (qsizetype i = first; i < state.entries.size(); ++i) {
        const Entry &e = state.entries.at(i);
        // Short enough for the narrow panel (outcome mark, time, recipient, connection); the whole of it is in the
        // tooltip and the accessible text.
        const QString time = QLocale().toString(e.time, QStringLiteral("HH:mm:ss"));
        auto *item = new QListWidgetItem(
            tr("%1 %2 %3 · %4").arg(time, e.ok ? QStringLiteral("✓") : QStringLiteral("✗"), e.to, e.connection),
            m_earlier);
        QStringList full { contextOf(e), e.text };
        if (!e.messageId.isEmpty())
            full << tr("Message id: %1").arg(e.messageId);
        if (!e.hint.isEmpty())
            full << e.hint;
        item->setToolTip(full.join(QLatin1Char('\n')));
        item->setData(Qt::AccessibleTextRole, full.join(QLatin1Char(' ')));
    }
    const bool earlier = m_earlier->count() > 0;
    m_earlierCaption->setVisible(earlier);
    m_earlier->setVisible(earlier);
    if (earlier) {
        // As tall as its rows: the panel scrolls, not the list.
        int height = 2 * m_earlier->frameWidth();
        for (int i = 0; i < m_earlier->count(); ++i)
            height += m_earlier->sizeHintForRow(i);
        m_earlier->setFixedHeight(height);
    }
}

void ResultPanel::setMessageId(const QString &id)
{
    m_messageIdText = id;
    m_messageId->setText(id);
    m_messageId->setCursorPosition(0);
    m_idRow->setVisible(!id.isEmpty());
}

void ResultPanel::copyMessageId()
{
    m_copyId->click();
}

// ---- delivery status ----------------------------------------------------------------------------------------------

void ResultPanel::forgetSms()
{
    m_tracker->clear();
    m_track->setEnabled(false);
}

bool ResultPanel::canTrack() const
{
    return m_track->isEnabled();
}

QString ResultPanel::trail() const
{
    return m_tracker->trail().join(QStringLiteral(" → "));
}

void ResultPanel::trackStatus()
{
    if (!m_tracker->hasMessage() || m_tracker->isTracking())
        return;
    m_tracking = true;
    m_stop->setEnabled(true);
    // Focus moves along with the action, not back to the top of the page when the button is disabled.
    if (m_track->hasFocus())
        m_stop->setFocus(Qt::OtherFocusReason);
    m_track->setEnabled(false);
    m_trackProgress->setRange(0, m_tracker->timeout() / 1000);
    m_trackProgress->setValue(0);
    m_trackProgress->show();
    Q_EMIT trackingChanged(true);
    ClientSet *clients = m_workspace->clients();
    m_tracker->start(clients ? clients->messages() : nullptr);
}

void ResultPanel::stopTracking()
{
    const bool wasTracking = m_tracking;
    m_tracking = false;
    m_tracker->stop();
    Q_EMIT trackingChanged(false);
    m_track->setEnabled(m_tracker->hasMessage() && !m_tracker->isFinal());
    if (wasTracking && m_stop->hasFocus())
        (m_track->isEnabled() ? static_cast<QWidget *>(m_track) : m_messageId)->setFocus(Qt::OtherFocusReason);
    m_stop->setEnabled(false);
    m_trackProgress->hide();
}

void ResultPanel::statusFetched(const QJsonObject &message)
{
    QString text = trail();
    const QJsonValue errorCode = message.value(QLatin1String("error_code"));
    if (!errorCode.isNull() && !errorCode.isUndefined()) {
        text += tr(" · error %1").arg(errorCode.isDouble() ? QString::number(errorCode.toInt()) : errorCode.toString());
        const QString errorMessage = message.value(QLatin1String("error_message")).toString();
        if (!errorMessage.isEmpty())
            text += QStringLiteral(": ") + errorMessage;
    }
    m_trackStatus->setText(text);
    const QString status = message.value(QLatin1String("status")).toString();
    if (SmsStatusTracker::isFinalStatus(status)) {
        stopTracking(); // the tracker stopped already; this settles the buttons
        Q_EMIT statusMessage(tr("SMS %1: %2").arg(m_tracker->message().sid, status));
    }
}

} // namespace crossline
