#include "pages/composer/resultpanel.h"

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
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace crossline {

ResultPanel::ResultPanel(Workspace *workspace, QWidget *parent)
    : QGroupBox(tr("Result"), parent)
    , m_workspace(workspace)
    , m_tracker(new SmsStatusTracker(this))
{
    const int em = fontMetrics().height();
    auto *layout = new QVBoxLayout(this);
    m_result = new QLabel(tr("Nothing sent yet."), this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setAccessibleName(tr("Send result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
}

void ResultPanel::setStatusPollInterval(int ms)
{
    m_tracker->setPollInterval(ms);
}

void ResultPanel::setStatusPollTimeout(int ms)
{
    m_tracker->setTimeout(ms);
}

// ---- what the send did --------------------------------------------------------------------------------------------

void ResultPanel::showSending(const QString &text)
{
    stopTracking();
    m_trackRow->hide();
    setMessageId(QString());
    showResult(text, true);
    m_hint->hide();
}

void ResultPanel::showResult(const QString &text, bool ok)
{
    m_result->setText(text);
    m_result->setPalette(ok ? palette() : forms::errorPalette(palette()));
}

void ResultPanel::showHint(const QString &hint)
{
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

void ResultPanel::showFailure(const Error &error)
{
    showResult(QStringLiteral("✗ ") + error.summary(), false);
    QString hint = error.hint;
    if (hint.isEmpty() && error.kind == Error::Kind::Network)
        hint = tr("Check the network and the Nango base URL, then retry from the outbox.");
    showHint(hint);
}

void ResultPanel::showWhatsAppAccepted(const QString &to, const QJsonObject &response)
{
    const QString status = response.value(QLatin1String("messages"))
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(QLatin1String("message_status"))
                               .toString();
    showResult(tr("✓ Accepted by WhatsApp for %1").arg(to), true);
    QString hint = tr("Accepted is not delivered: WhatsApp reports delivery and late failures (such as 131047) "
                      "only to a webhook.");
    if (!status.isEmpty() && status != QLatin1String("accepted"))
        hint.prepend(tr("Status: %1. ").arg(status));
    showHint(hint);
}

void ResultPanel::showSmsAccepted(const QString &to, const QJsonObject &message, const TrackedSms &sms)
{
    const QString status = message.value(QLatin1String("status")).toString();
    const QString segments = message.value(QLatin1String("num_segments")).toString();
    showResult(tr("✓ %1 by Twilio for %2 · %3")
                   .arg(status.isEmpty() ? tr("Accepted") : status.at(0).toUpper() + status.mid(1), to,
                       segments == QLatin1String("1") ? tr("1 segment") : tr("%1 segments").arg(segments)),
        true);
    m_hint->hide();
    m_tracker->setMessage(sms, status);
    m_trackStatus->setText(trail());
    m_trackRow->show();
    m_track->setEnabled(!sms.sid.isEmpty());
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
