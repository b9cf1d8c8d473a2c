#pragma once

#include <QDateTime>
#include <QGroupBox>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace crossline {

class SmsStatusTracker;
class Workspace;
struct Error;
struct SentMessage;
struct TrackedSms;

// The Composer's results, one list per channel (WhatsApp, SMS): the channel shown follows the Composer's tab, so
// an SMS result never appears under WhatsApp. For the latest send: what it did (in words, red when it failed),
// when, to whom and through which connection, the message id with Copy, a hint on what to do, and for an SMS the
// delivery status, which Track status follows (SmsStatusTracker) until it is final. The sends before it stay
// listed underneath (kKept in all per channel). The page says what to show; the panel follows the status on its own.
// The results belong to the profile they were sent from: clear() forgets them when another profile takes over.
class ResultPanel : public QGroupBox
{
    Q_OBJECT
public:
    enum Channel
    {
        WhatsApp,
        Sms
    };
    static constexpr int kKept = 5; // results kept per channel: the latest and the ones before it

    explicit ResultPanel(Workspace *workspace, QWidget *parent = nullptr);

    void setStatusPollInterval(int ms);
    void setStatusPollTimeout(int ms);

    // Shows `channel`'s results (the Composer's current tab).
    void setChannel(Channel channel);
    Channel channel() const { return m_channel; }
    int resultCount(Channel channel) const { return int(m_states[channel].entries.size()); }

    // A send on `channel` to `to` through `connection` starts (an SMS: tracking the previous one stops).
    void showSending(Channel channel, const QString &to, const QString &connection);
    // The send failed, or could not start: the error's summary, and its hint (a network error without one: what to
    // check).
    void showFailure(Channel channel, const QString &to, const QString &connection, const Error &error);
    // Meta accepted the message `sent` (wamid…).
    void showWhatsAppAccepted(const QString &to, const QString &connection, const SentMessage &sent);
    // Twilio accepted the SMS `sent` (SM…); it can now be tracked as `sms`.
    void showSmsAccepted(const QString &to, const QString &connection, const SentMessage &sent, const TrackedSms &sms);
    // The clients that could ask about the last SMS are gone: it can no longer be tracked.
    void forgetSms();
    // Another profile took over: both channels' results are forgotten (they were the previous profile's).
    void clear();

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
    struct Entry
    {
        QDateTime time;
        QString to;
        QString connection;
        QString text; // "✓ Accepted by WhatsApp for …", "✗ …"
        bool ok = true;
        QString hint;
        QString messageId;
    };
    struct State
    {
        QString sending; // "Sending to …" while a send runs
        QList<Entry> entries; // newest first, at most kKept
    };

    void add(Channel channel, const Entry &entry);
    // Shows the current channel's state.
    void render();
    void setMessageId(const QString &id);
    QString contextOf(const Entry &entry) const; // "14:02:31 · to +1555… · through conn"
    QString trail() const;
    void statusFetched(const QJsonObject &message);

    Workspace *m_workspace;
    SmsStatusTracker *m_tracker;
    State m_states[2];
    Channel m_channel = WhatsApp;
    bool m_smsShown = false; // the latest SMS result has a delivery status to show
    QString m_messageIdText;
    bool m_tracking = false;

    QLabel *m_result;
    QLabel *m_context;
    QLabel *m_hint;
    QWidget *m_idRow;
    QLineEdit *m_messageId;
    QToolButton *m_copyId;
    QWidget *m_trackRow;
    QLabel *m_trackStatus;
    QPushButton *m_track;
    QPushButton *m_stop;
    QProgressBar *m_trackProgress;
    QLabel *m_earlierCaption;
    QListWidget *m_earlier;
};

} // namespace crossline
