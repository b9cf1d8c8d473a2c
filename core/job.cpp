#include "job.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

namespace crossline {

Job::Job(QObject *parent)
    : QObject(parent)
{
}

void Job::abort()
{
    finish(Result::failure(Error::make(Error::Kind::Cancelled, tr("Cancelled."))));
}

void Job::finish(const Result &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    Q_EMIT finished(m_result);
    deleteLater();
}

namespace {
// Its result is known when it is made; it is only handed over when the event loop next runs. Aborting it hands it
// over at once: the result is already what happened (a send's "outcome unknown" must not become "Cancelled").
class FinishedJob : public Job
{
public:
    FinishedJob(const Result &result, QObject *parent)
        : Job(parent)
        , m_pending(result)
    {
        QTimer::singleShot(0, this, [this] { finish(m_pending); });
    }

    void abort() override { finish(m_pending); }

private:
    Result m_pending;
};
} // namespace

Job *Job::finishedJob(const Result &result, QObject *parent)
{
    return new FinishedJob(result, parent);
}

namespace {
class ChainJob : public Job
{
public:
    ChainJob(Job *inner, std::function<Job *(const Result &)> next, QObject *parent)
        : Job(parent)
        , m_next(std::move(next))
    {
        follow(inner);
    }

    void abort() override
    {
        if (m_current)
            m_current->abort();
        else
            Job::abort();
    }

private:
    void follow(Job *job)
    {
        m_current = job;
        connect(job, &Job::finished, this, [this](const Result &r) {
            m_current = nullptr;
            if (r.error.kind == Error::Kind::Cancelled || !m_next) {
                finish(r);
                return;
            }
            auto next = std::exchange(m_next, nullptr);
            if (Job *continuation = next(r))
                follow(continuation);
            else
                finish(r);
        });
    }

    std::function<Job *(const Result &)> m_next;
    QPointer<Job> m_current;
};
} // namespace

Job *Job::chain(Job *inner, std::function<Job *(const Result &)> next, QObject *parent)
{
    return new ChainJob(inner, std::move(next), parent);
}

Job *Job::map(Job *inner, std::function<Result(const Result &)> mapper, QObject *parent)
{
    return chain(
        inner, [mapper](const Result &r) { return Job::finishedJob(mapper(r)); }, parent);
}

Result Job::wait(Job *job)
{
    Result result;
    QEventLoop loop;
    QObject::connect(job, &Job::finished, &loop, [&](const Result &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

} // namespace crossline
