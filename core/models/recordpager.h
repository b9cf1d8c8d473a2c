#pragma once

#include "error.h"
#include "models/recordsource.h"

#include "expected.h"
#include "net/httprequest.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace crossline {

class Job;
class NangoClient;
class PanoraClient;
struct Result;

// Cursor state of one paged listing, shared by PagedRecordsModel and the CLI's `contacts|employees list`.
// Knows two quirks of old Panora's /hris/employees (the last Panora with HRIS, commit 3a234662):
// - old Panora HRIS hands out next_cursor as a raw UUID but reads base64(UUID): such a cursor is re-encoded;
// - that cursor is inclusive, so the next page starts with the row we already hold: a first row equal to the
//   last row held is dropped.
// It stops when the server gives no next cursor, an empty page, or the cursor it was just sent (no endless loop).
class RecordPager
{
    Q_DECLARE_TR_FUNCTIONS(RecordPager)
public:
    struct Page
    {
        QList<QJsonObject> rows;
        Error error;
    };

    explicit RecordPager(const RecordSource &source = {});

    const RecordSource &source() const { return m_source; }
    void reset();

    bool hasMore() const { return m_hasMore; }
    QString cursor() const { return m_cursor; } // what the next request sends (empty for the first page)
    int pagesLoaded() const { return m_pages; }

    // The request for the next page on the source's provider (a finished config error when its client is missing).
    Job *requestNext(NangoClient *nango, PanoraClient *panora) const;
    // Takes one page's result apart and advances the cursor. A failed result leaves the state as it was.
    Page accept(const Result &result);

    static bool looksLikeRawUuid(const QString &cursor);

    // Panora: the request for the page at `cursor`, planned and not sent (requestNext() sends the one at cursor()),
    // for a caller that sends it with HttpClient::sendUndecoded(). Reads nothing that accept() changes.
    Expected<HttpRequest> planPanoraPage(PanoraClient *panora, const QString &cursor) const;

    // The top-level "next_cursor" string of a JSON object, found by a scan of its bytes without parsing it: what
    // the full parse reads as object["next_cursor"].toString(), when the scan can be sure. nullopt when it cannot:
    // not an object, the key absent or there more than once, a key or the value with an escape or a control
    // character, a value that is not a plain string, or text that is not well-formed where the scan looks. A hint
    // only: the full parse decides (see predictNext).
    static std::optional<QString> scanNextCursor(const QByteArray &json);
    // The cursor the request after this answer would send, as accept() would work it out (Panora's raw-UUID
    // cursors re-encoded), from a scan of the answer's body: nullopt when the scan cannot tell, or when accept()
    // would stop there (no next cursor, or the one this page was asked with). A prediction, to send the next
    // request before the page is parsed: it holds when accept() then leaves hasMore() and cursor() equal to it.
    static std::optional<QString> predictNext(
        RecordSource::Provider provider, const QByteArray &body, const QString &askedWith);

private:
    RecordSource m_source;
    QString m_cursor;
    QString m_lastId;
    QString from() const; // " from <host>", or "" before any request
    mutable QString m_host; // of the server last asked (requestNext), for messages about its answers
    int m_pages = 0;
    bool m_hasMore = true;
};

} // namespace crossline
