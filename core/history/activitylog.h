#pragma once

#include "error.h"
#include "history/activityentry.h"

#include <QObject>

#include <memory>
#include <optional>

namespace crossline {

class HistoryDatabase;
class HttpClient;

// The activity log: every request Crossline made, redacted (again) and kept in the history database, newest rows
// up to a cap (over all profiles). A row belongs to the profile the request was made under (ActivityEntry::profile).
// The Activity page reads it through ActivityModel, which follows activityAdded/activityCleared.
// The requests of an attached client are redacted and written on a thread of the log's own, each batch that
// accumulated in one transaction (synchronous=FULL, as every history write), so the interface never waits for the
// disk; activityAdded follows on the log's thread, in the order the requests were made.
class ActivityLog : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultCap = 5000;
    static constexpr int DefaultMaxBodyBytes = 256 * 1024;
    static constexpr int EarlyCap = 100;

    // `db` must outlive the log.
    explicit ActivityLog(HistoryDatabase &db, QObject *parent = nullptr);
    ~ActivityLog() override; // writes what is still queued

    void setCap(int rows) { m_cap = qMax(1, rows); } // newest rows kept (default 5,000)
    int cap() const { return m_cap; }
    void setMaxBodyBytes(int bytes) { m_maxBody = qMax(0, bytes); } // longer bodies are stored truncated
    int maxBodyBytes() const { return m_maxBody; }

    // Records every request the client makes (HttpClient::requestRecorded) under `profile` (a client belongs to one
    // profile for its whole life): queued for the log's writing thread. Requests made while the database is not
    // open yet are kept in memory (the first EarlyCap of them) and written when it opens, so the app can open the
    // file after its first answer has been shown instead of before the first request.
    void attach(HttpClient *http, const QString &profile = QString());
    // Writes what attach() queued and emits its activityAdded now (ActivityModel::reload does, before it reads).
    void flush();
    // Drops the requests kept while the database was not open (it could not be opened: they will never be written).
    void discardEarly() { m_early.clear(); }
    // Redacts, writes and trims to the cap, now, on the calling thread; emits activityAdded with the stored
    // (redacted) record.
    Error add(const RequestRecord &record, qint64 *id = nullptr, const QString &profile = QString());
    // Newest first; summaries only (no headers or bodies, the ActivitySummary worked out): the model fetches a full
    // record with record(). Requests still queued by attach() are not there yet: flush() first.
    QList<ActivityEntry> recent(int limit = DefaultCap) const; // every profile's
    QList<ActivityEntry> recent(const QString &profile, int limit = DefaultCap) const; // only that profile's
    std::optional<RequestRecord> record(qint64 id) const;
    qint64 count() const;
    Error clear();

    // What the log would write for this record: redacted, bodies cut at maxBodyBytes().
    RequestRecord redacted(const RequestRecord &record) const;

Q_SIGNALS:
    void activityAdded(const crossline::ActivityEntry &entry);
    void activityCleared();

private:
    class Writer;
    // `secrets`: the literal values to scrub, as registered when the request was made.
    void enqueue(const RequestRecord &record, const QString &profile, const QStringList &secrets);
    QList<ActivityEntry> select(const QString *profile, int limit) const;
    void deliver(); // emits activityAdded for what the writer wrote
    void stopWriter();

    HistoryDatabase &m_db;
    int m_cap = DefaultCap;
    int m_maxBody = DefaultMaxBodyBytes;
    std::unique_ptr<Writer> m_writer; // started by the first queued request
    struct Early
    {
        RequestRecord record;
        QString profile;
        QStringList secrets; // HistoryDatabase::secretValues() then: a profile switch before the open changes them
    };
    QList<Early> m_early; // requests made before the database opened
};

} // namespace crossline
