#pragma once

#include "result.h"

#include <QObject>
#include <functional>

namespace crossline {

// One job per operation with a single finished(result) signal (the Nextcloud desktop pattern).
// A job deletes itself after finishing; connect before returning to the event loop.
class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);

    bool isFinished() const { return m_finished; }
    const Result &result() const { return m_result; }

    // Cancels the job; it finishes with a Cancelled error unless it already finished.
    virtual void abort();

    // A job that is already finished when the event loop next runs (validation errors, cached data).
    static Job *finishedJob(const Result &result, QObject *parent = nullptr);
    // Runs `inner`, then hands its result to `next`, which returns the job to continue with (or nullptr to stop
    // with the result it was given). Lets clients express fallbacks (GET /connections → /connection) without nesting.
    static Job *chain(Job *inner, std::function<Job *(const Result &)> next, QObject *parent = nullptr);
    // Like chain, but maps the final result.
    static Job *map(Job *inner, std::function<Result(const Result &)> mapper, QObject *parent = nullptr);
    // Runs a local event loop until `job` finishes and returns its result: for command-line programs and benches,
    // which do one thing at a time (never on a GUI thread, where the window would stop answering meanwhile).
    static Result wait(Job *job);

Q_SIGNALS:
    void finished(const crossline::Result &result);

protected:
    void finish(const Result &result);

private:
    Result m_result;
    bool m_finished = false;
};

} // namespace crossline
