#pragma once

#include "error.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QTimer;

namespace crossline {

class Job;
class MessageSender;
struct Result;

// The Twilio message a tracker follows: what MessageSender::fetchSms needs to ask for it through Nango's proxy.
struct TrackedSms
{
    QString providerConfigKey;
    QString connectionId;
    QString accountSid; // AC…
    QString sid; // SM…
};

// Follows the delivery status of one SMS sent through Twilio, which only tells by being asked: fetches the message
// (MessageSender::fetchSms) at once and then every pollInterval() until its status is final, timeout() has passed,
// an answer fails or stop() is called. At most one request is on its way at a time; the statuses seen make the
// trail (queued → sent → delivered).
class SmsStatusTracker : public QObject
{
    Q_OBJECT
public:
    explicit SmsStatusTracker(QObject *parent = nullptr);
    ~SmsStatusTracker() override;

    void setPollInterval(int ms); // 2 s unless set
    int pollInterval() const;
    void setTimeout(int ms); // 2 min unless set
    int timeout() const { return m_timeoutMs; }

    // The message to follow and the status its send answered with (may be empty). Stops following the previous one.
    void setMessage(const TrackedSms &sms, const QString &status);
    // Stops, and forgets the message and its trail.
    void clear();
    bool hasMessage() const { return m_hasMessage; }
    const TrackedSms &message() const { return m_sms; }
    // The statuses seen, oldest first, without repeats.
    QStringList trail() const { return m_trail; }
    // The last status seen is final: asking again would tell nothing new.
    bool isFinal() const;

    // Starts asking `sender`; false (and nothing happens) without a message or while already tracking. Without a
    // sender, or once it is gone, the ticks ask nothing until the timeout.
    bool start(MessageSender *sender);
    // Aborts the request on its way, if any; emits nothing.
    void stop();
    bool isTracking() const;
    qint64 elapsedMs() const; // since start()

    // delivered, undelivered, failed, read and canceled do not change any more.
    static bool isFinalStatus(const QString &status);

Q_SIGNALS:
    // At every tick (the first at start()), before the timeout is checked and the status asked.
    void polling(qint64 elapsedMs);
    // Twilio's message resource as fetched; trail() already has its status. When that status is final, tracking
    // has stopped.
    void statusFetched(const QJsonObject &message);
    // An answer failed (kind Cancelled when the request was aborted from outside); tracking has stopped.
    void failed(const crossline::Error &error);
    // timeout() passed without a final status; tracking has stopped.
    void timedOut();

private:
    void poll();
    void answered(const Result &result);

    QTimer *m_timer;
    int m_timeoutMs = 120000;
    TrackedSms m_sms;
    bool m_hasMessage = false;
    QStringList m_trail;
    QPointer<MessageSender> m_sender;
    QPointer<Job> m_job;
    qint64 m_startedMs = 0;
};

} // namespace crossline
