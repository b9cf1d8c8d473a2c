#include "messaging/smsstatustracker.h"

#include "job.h"
#include "messaging/messagesender.h"

#include <QDateTime>
#include <QTimer>

namespace crossline {

SmsStatusTracker::SmsStatusTracker(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &SmsStatusTracker::poll);
}

// A request still on its way when the tracker goes is left to finish; nobody hears its answer.
SmsStatusTracker::~SmsStatusTracker() = default;

void SmsStatusTracker::setPollInterval(int ms)
{
    m_timer->setInterval(ms);
}

int SmsStatusTracker::pollInterval() const
{
    return m_timer->interval();
}

void SmsStatusTracker::setTimeout(int ms)
{
    m_timeoutMs = ms;
}

void SmsStatusTracker::setMessage(const TrackedSms &sms, const QString &status)
{
    stop();
    m_sms = sms;
    m_hasMessage = true;
    m_trail = status.isEmpty() ? QStringList() : QStringList { status };
}

void SmsStatusTracker::clear()
{
    stop();
    m_sms = {};
    m_hasMessage = false;
    m_trail.clear();
}

bool SmsStatusTracker::isFinal() const
{
    return isFinalStatus(m_trail.isEmpty() ? QString() : m_trail.last());
}

bool SmsStatusTracker::start(MessageSender *sender)
{
    if (!m_hasMessage || isTracking())
        return false;
    m_sender = sender;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_timer->start();
    poll();
    return true;
}

void SmsStatusTracker::stop()
{
    m_timer->stop();
    if (Job *job = m_job) {
        m_job = nullptr;
        job->disconnect(this);
        job->abort();
    }
}

bool SmsStatusTracker::isTracking() const
{
    return m_timer->isActive();
}

qint64 SmsStatusTracker::elapsedMs() const
{
    return QDateTime::currentMSecsSinceEpoch() - m_startedMs;
}

bool SmsStatusTracker::isFinalStatus(const QString &status)
{
    static const QStringList finals = { QStringLiteral("delivered"), QStringLiteral("undelivered"),
        QStringLiteral("failed"), QStringLiteral("read"), QStringLiteral("canceled") };
    return finals.contains(status);
}

void SmsStatusTracker::poll()
{
    const qint64 elapsed = elapsedMs();
    Q_EMIT polling(elapsed);
    if (elapsed >= m_timeoutMs) {
        stop();
        Q_EMIT timedOut();
        return;
    }
    if (m_job || !m_sender)
        return; // the previous answer is still on its way, or there is nobody to ask
    m_job = m_sender->fetchSms(m_sms.providerConfigKey, m_sms.connectionId, m_sms.accountSid, m_sms.sid);
    connect(m_job, &Job::finished, this, &SmsStatusTracker::answered);
}

void SmsStatusTracker::answered(const Result &result)
{
    m_job = nullptr;
    if (!isTracking())
        return; // stopped meanwhile
    if (!result.ok()) {
        stop();
        Q_EMIT failed(result.error);
        return;
    }
    const QJsonObject message = result.data.toObject();
    const QString status = message.value(QLatin1String("status")).toString();
    if (!status.isEmpty() && (m_trail.isEmpty() || m_trail.last() != status))
        m_trail << status;
    if (isFinalStatus(status))
        stop();
    Q_EMIT statusFetched(message);
}

} // namespace crossline
