#pragma once

#include "error.h"
#include "models/recordpager.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <functional>

namespace crossline {

class HttpClient;
class NangoClient;
class PanoraClient;

// The pages of a listing as fast as the server gives them, for the CLI's `contacts|employees list`: RecordPager's
// paging, with the parsing and the output off the calling thread.
// - Pages are parsed, accepted by the pager and formatted on one worker thread, in order; the calling thread only
//   sends requests and writes what the worker made.
// - With Panora and `all`, the request for page n+1 leaves as soon as page n arrives: its next_cursor is found by a
//   scan of the body (RecordPager::predictNext), before the parse. The worker checks every prediction against what
//   the pager makes of the parsed page. When they differ (or the page fails), the early request is abandoned and
//   its answer never used: paging goes on from the pager's own cursor. Only then does the server see one request
//   that the plain paging would not have sent; the output is the same either way.
// - At most `maxQueued` pages wait for the worker: memory stays flat however many pages there are.
// Errors: the first failing page, in page order, ends the run with its error; every page before it was written.
class RecordStream
{
public:
    struct Clients
    {
        NangoClient *nango = nullptr;
        PanoraClient *panora = nullptr;
        HttpClient *http = nullptr; // Panora's pages then come undecoded and are parsed on the worker
    };
    // Runs on the worker, once per page and in order: the page's rows (already cut to the limit) as output bytes.
    // `before`: how many rows the earlier pages had.
    using Format = std::function<QByteArray(const QList<QJsonObject> &rows, qsizetype before)>;
    // Runs on the calling thread, once per page that arrived whole, in order (also for a page without rows).
    using Write = std::function<void(const QByteArray &bytes, qsizetype rowsSoFar)>;

    RecordStream(RecordPager &pager, const Clients &clients);

    void setAll(bool all) { m_all = all; } // follow the cursor through every page (else one page)
    void setLimit(qsizetype limit) { m_limit = limit; } // rows at most, without `all`
    void setMaxQueued(int pages) { m_maxQueued = qMax(1, pages); }
    void setPredict(bool on) { m_predict = on; } // send early on a scanned cursor (default on)

    // Pages until the last or the first failure; runs a local event loop (a command-line program's way).
    Error run(const Format &format, const Write &write);

    qsizetype rows() const { return m_rows; } // written so far
    int requestsSent() const { return m_requests; }
    int predictionsMissed() const { return m_missed; } // early requests abandoned

private:
    friend class RecordStreamRun;
    RecordPager &m_pager;
    Clients m_clients;
    bool m_all = false;
    qsizetype m_limit = 50;
    int m_maxQueued = 3;
    bool m_predict = true;
    qsizetype m_rows = 0;
    int m_requests = 0;
    int m_missed = 0;
};

} // namespace crossline
