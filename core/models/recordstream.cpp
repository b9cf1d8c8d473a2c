#include "models/recordstream.h"

#include "job.h"
#include "net/httpclient.h"

#include <QEventLoop>
#include <QPointer>
#include <QThreadPool>

#include <optional>

namespace crossline {

namespace {
// One answer on its way to the worker.
struct Item
{
    int generation = 0;
    Result result;
    std::optional<HttpRequest> plan; // sent undecoded: parsed on the worker
    std::optional<QString> predicted; // the cursor the request after this one was (or will be) sent with
};

// What the worker made of one answer.
struct Outcome
{
    int generation = 0;
    bool skipped = false; // an answer to an abandoned request: nothing was done with it
    Error error;
    QByteArray bytes;
    qsizetype rows = 0;
    bool hasMore = false;
    bool predicted = false;
    bool missed = false; // the prediction did not hold
};
} // namespace

// One run(): the state of both sides and the steps between them.
class RecordStreamRun
{
public:
    RecordStreamRun(RecordStream &stream, const RecordStream::Format &format, const RecordStream::Write &write)
        : s(stream)
        , m_format(format)
        , m_write(write)
    {
        const bool panora = s.m_pager.source().provider == RecordSource::Provider::Panora;
        m_undecoded = panora && s.m_clients.http && s.m_clients.panora;
        m_predict = s.m_all && s.m_predict && m_undecoded;
        m_worker.setMaxThreadCount(1);
        m_worker.setExpiryTimeout(-1);
    }

    ~RecordStreamRun() { m_worker.waitForDone(); }

    Error run()
    {
        sendNext();
        if (m_inflight || m_queued)
            m_loop.exec();
        abortInflight();
        m_worker.waitForDone();
        return m_failure;
    }

private:
    // ---- the calling thread ------------------------------------------------------------------------------------

    // The request for the pager's own cursor: when nothing is queued (the worker has accepted every page).
    void sendNext()
    {
        const QString cursor = s.m_pager.cursor();
        if (m_undecoded && s.m_pager.pagesLoaded() > 0) {
            send(cursor);
            return;
        }
        // The first page through requestNext(), which also notes the host the pager's messages name.
        watch(s.m_pager.requestNext(s.m_clients.nango, s.m_clients.panora), std::nullopt, cursor);
    }

    void send(const QString &cursor)
    {
        const Expected<HttpRequest> plan = s.m_pager.planPanoraPage(s.m_clients.panora, cursor);
        watch(s.m_clients.http->sendUndecoded(plan), plan ? std::optional<HttpRequest>(*plan) : std::nullopt, cursor);
    }

    void watch(Job *job, const std::optional<HttpRequest> &plan, const QString &cursor)
    {
        ++s.m_requests;
        m_inflight = job;
        const int generation = m_generation;
        QObject::connect(job, &Job::finished, &m_receiver,
            [this, generation, plan, cursor](const Result &result) { answered(generation, result, plan, cursor); });
    }

    void answered(int generation, const Result &result, const std::optional<HttpRequest> &plan, const QString &cursor)
    {
        if (generation != m_generation)
            return; // abandoned
        m_inflight = nullptr;
        Item item { generation, result, plan, std::nullopt };
        if (m_predict && result.ok())
            item.predicted = RecordPager::predictNext(RecordSource::Provider::Panora, result.body, cursor);
        // The next request first (when there is room), then the page to the worker: the request is what the
        // server waits for.
        ++m_queued;
        m_held = item.predicted;
        pump();
        m_worker.start([this, item] { work(item); });
    }

    // The pager has taken a page, before it is formatted: whether (and where) paging goes on.
    void verdict(const Outcome &out)
    {
        if (m_failure)
            return;
        if (out.missed) {
            // The early request asked for the wrong page (or for one after the last): forget it and what came of it.
            ++s.m_missed;
            ++m_generation;
            m_held.reset();
            abortInflight();
        }
        // Nothing is queued after this page (or only answers the worker skips): the pager is the worker's no more.
        if ((out.missed || !out.predicted) && s.m_all && out.hasMore)
            sendNext();
        pump();
    }

    void outcome(const Outcome &out)
    {
        --m_queued;
        // The worker skips what came after a failed page or a missed prediction; after a failure nothing is used.
        if (out.skipped || m_failure) {
            pump();
            return;
        }
        if (out.error) {
            m_failure = out.error;
            ++m_generation;
            m_held.reset();
            abortInflight();
            pump();
            return;
        }
        s.m_rows += out.rows;
        m_write(out.bytes, s.m_rows);
        pump();
    }

    // Sends a held prediction when the worker's queue has room; ends the loop when nothing is left.
    void pump()
    {
        if (m_held && !m_inflight && m_queued < s.m_maxQueued && !m_failure) {
            const QString cursor = *m_held;
            m_held.reset();
            send(cursor);
        }
        if (!m_inflight && m_queued == 0 && !m_held)
            m_loop.quit();
    }

    void abortInflight()
    {
        if (Job *job = m_inflight.data()) {
            m_inflight = nullptr;
            job->abort(); // its answer, if it comes, belongs to an older generation
        }
    }

    // ---- the worker: one task at a time, in the order the answers came ------------------------------------------

    void work(const Item &item)
    {
        Outcome out;
        out.generation = item.generation;
        if (item.generation < m_workerGeneration) {
            out.skipped = true;
        } else {
            Result result = item.result;
            if (item.plan)
                HttpClient::decodeJson(result, *item.plan);
            RecordPager::Page page = s.m_pager.accept(result);
            out.error = page.error;
            if (out.error) {
                m_workerGeneration = item.generation + 1; // nothing after a failed page is used
            } else {
                if (!s.m_all && page.rows.size() > s.m_limit - m_before)
                    page.rows.resize(qMax<qsizetype>(0, s.m_limit - m_before));
                out.hasMore = s.m_pager.hasMore();
                out.predicted = item.predicted.has_value();
                out.missed = item.predicted && !(out.hasMore && s.m_pager.cursor() == *item.predicted);
                if (out.missed)
                    m_workerGeneration = item.generation + 1; // the pages asked for after this one are not used
                // The calling thread may ask for the next page while this one is formatted (formatting leaves the
                // pager alone).
                if (out.missed || !out.predicted)
                    QMetaObject::invokeMethod(
                        &m_receiver, [this, out] { verdict(out); }, Qt::QueuedConnection);
                out.rows = page.rows.size();
                out.bytes = m_format(page.rows, m_before);
                m_before += out.rows;
            }
        }
        QMetaObject::invokeMethod(
            &m_receiver, [this, out] { outcome(out); }, Qt::QueuedConnection);
    }

    RecordStream &s;
    const RecordStream::Format &m_format;
    const RecordStream::Write &m_write;
    bool m_undecoded = false;
    bool m_predict = false;

    // The calling thread's.
    QEventLoop m_loop;
    QObject m_receiver;
    int m_generation = 0;
    QPointer<Job> m_inflight;
    std::optional<QString> m_held;
    int m_queued = 0;
    Error m_failure;

    // The worker's.
    int m_workerGeneration = 0;
    qsizetype m_before = 0;

    QThreadPool m_worker; // last: destroyed (and waited for) first
};

RecordStream::RecordStream(RecordPager &pager, const Clients &clients)
    : m_pager(pager)
    , m_clients(clients)
{
}

Error RecordStream::run(const Format &format, const Write &write)
{
    m_rows = 0;
    m_requests = 0;
    m_missed = 0;
    RecordStreamRun run(*this, format, write);
    return run.run();
}

} // namespace crossline
