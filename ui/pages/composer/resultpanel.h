#pragma once

#include <QGroupBox>
#include <QJsonObject>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace crossline {

class SmsStatusTracker;
class Workspace;
struct Error;
struct TrackedSms;

// The Composer's "Result" box: what the last send did (in words, red when it failed), the message id with Copy,
// a hint on what to do, and for an SMS the delivery status, which Track status follows (SmsStatusTracker) until
// it is final. The page says what to show; the panel follows the status on its own.
class ResultPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit ResultPanel(Workspace *workspace, QWidget *parent = nullptr);

    void setStatusPollInterval(int ms);
    void setStatusPollTimeout(int ms);

    // A send starts: stops tracking and clears what the last one left.
    void showSending(const QString &text);
    void showResult(const QString &text, bool ok);
    // The send failed: the error's summary, and its hint (a network error without one: what to check).
    void showFailure(const Error &error);
    // The id of the message sent (wamid…, SM…); the id row is shown only with one.
    void setMessageId(const QString &id);
    // Meta accepted the message; `response` is its answer ({messages: [{id, message_status}]}).
    void showWhatsAppAccepted(const QString &to, const QJsonObject &response);
    // Twilio accepted the SMS; `message` is its message resource (status, num_segments). The SMS, `sms`, can now
    // be tracked.
    void showSmsAccepted(const QString &to, const QJsonObject &message, const TrackedSms &sms);
    // The clients that could ask about the last SMS are gone: it can no longer be tracked.
    void forgetSms();

    bool canTrack() const;

public Q_SLOTS:
    void trackStatus();
    void stopTracking();
    void copyMessageId();

Q_SIGNALS:
    // Tracking started or stopped (Esc stops it, but only while it runs).
    void trackingChanged(bool tracking);
    void statusMessage(const QString &text);

private:
    // Shown under the result; hidden when empty.
    void showHint(const QString &hint);
    QString trail() const;
    void statusFetched(const QJsonObject &message);

    Workspace *m_workspace;
    SmsStatusTracker *m_tracker;
    QString m_messageIdText;
    bool m_tracking = false;

    QLabel *m_result;
    QLabel *m_hint;
    QWidget *m_idRow;
    QLineEdit *m_messageId;
    QToolButton *m_copyId;
    QWidget *m_trackRow;
    QLabel *m_trackStatus;
    QPushButton *m_track;
    QPushButton *m_stop;
    QProgressBar *m_trackProgress;
};

} // namespace crossline
