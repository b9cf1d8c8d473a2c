#pragma once

#include "error.h"
#include "history/activityentry.h"
#include "history/outboxitem.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QObject>
#include <QStringList>

#include <optional>

class QSqlDatabase;

namespace crossline {

Q_DECLARE_LOGGING_CATEGORY(lcHistory)

class HttpClient;

// The one SQLite database at AppDataLocation/crossline.sqlite: the activity log, the composer's drafts and the
// outbox of failed sends. Versioned with PRAGMA user_version, WAL journal, every write in its own transaction with
// synchronous=FULL, so a crash loses nothing that was committed.
// Nothing secret is written: activity records and outbox payloads go through Redactor again (the HTTP layer already
// redacted them) plus the literal secret values registered with setSecretValues().
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int SchemaVersion = 1;
    static constexpr int DefaultActivityCap = 5000;
    static constexpr int DefaultMaxBodyBytes = 256 * 1024;

    explicit HistoryStore(QObject *parent = nullptr); // defaultPath()
    explicit HistoryStore(const QString &path, QObject *parent = nullptr);
    ~HistoryStore() override;

    static QString defaultPath(); // QStandardPaths::AppDataLocation + "/crossline.sqlite"
    QString path() const { return m_path; }

    Error open(); // creates the folder, the file and the schema; migrates older versions
    void close();
    bool isOpen() const { return m_open; }
    int schemaVersion() const; // as stored in the file (0 when closed)

    // Literal values (keys, tokens) that must never reach the file, on top of the Redactor's known fields.
    void setSecretValues(const QStringList &values) { m_secrets = values; }
    void addSecretValue(const QString &value);

    // ---- activity --------------------------------------------------------------------------------------------
    void setActivityCap(int rows) { m_cap = qMax(1, rows); } // newest rows kept (default 5,000)
    int activityCap() const { return m_cap; }
    void setMaxBodyBytes(int bytes) { m_maxBody = qMax(0, bytes); } // longer bodies are stored truncated
    // Records every request the client makes (HttpClient::requestRecorded → addActivity).
    void attach(HttpClient *http);
    // Redacts, writes and trims to the cap; emits activityAdded with the stored (redacted) record.
    Error addActivity(const RequestRecord &record, qint64 *id = nullptr);
    // Newest first; summaries only (no headers or bodies): the model fetches a full record with activityRecord().
    QList<ActivityEntry> recentActivity(int limit = DefaultActivityCap) const;
    std::optional<RequestRecord> activityRecord(qint64 id) const;
    qint64 activityCount() const;
    Error clearActivity();

    // ---- drafts (composer) -----------------------------------------------------------------------------------
    Error saveDraft(const QString &key, const QJsonObject &draft);
    QJsonObject draft(const QString &key) const; // empty when there is none
    QDateTime draftUpdatedAt(const QString &key) const;
    QStringList draftKeys() const;
    Error removeDraft(const QString &key);

    // ---- outbox (failed sends) -------------------------------------------------------------------------------
    // Stores a redacted copy of item.payload; sets item.id and item.createdAt (when unset).
    Error addToOutbox(OutboxItem &item);
    QList<OutboxItem> outbox() const; // oldest first
    std::optional<OutboxItem> outboxItem(qint64 id) const;
    Error recordOutboxAttempt(qint64 id, const QString &error); // one more failed attempt
    Error removeFromOutbox(qint64 id);

    // What the store would write for this record (exposed for tests and for the CLI's --verbose).
    RequestRecord redacted(const RequestRecord &record) const;
    QJsonObject redacted(const QJsonObject &payload) const;

Q_SIGNALS:
    void activityAdded(const crossline::ActivityEntry &entry);
    void activityCleared();
    void outboxChanged();
    void draftsChanged();

private:
    QSqlDatabase database() const;
    Error migrate();
    Error storageError(const QString &what, const QString &detail) const;
    template <typename F> Error write(const QString &what, F &&body);

    QString m_path;
    QString m_connectionName;
    QStringList m_secrets;
    int m_cap = DefaultActivityCap;
    int m_maxBody = DefaultMaxBodyBytes;
    bool m_open = false;
};

} // namespace crossline
