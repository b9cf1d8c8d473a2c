#pragma once

#include "error.h"
#include "models/recordsource.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

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
