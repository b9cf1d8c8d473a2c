#pragma once

#include "error.h"
#include "expected.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QObject>
#include <QStringList>

#include <functional>

class QSqlDatabase;

namespace crossline {

Q_DECLARE_LOGGING_CATEGORY(lcHistory)

// The one SQLite file at AppDataLocation/crossline.sqlite that ActivityLog, DraftStore and Outbox keep their rows in:
// opening it, its schema (versioned with PRAGMA user_version, migrated in one transaction), a WAL journal, and every
// write in a transaction of its own with synchronous=FULL, so a crash loses nothing that was committed.
// Nothing secret is written: the stores pass what they keep through Redactor (again: the HTTP layer already
// redacted it) plus the literal secret values registered here.
class HistoryDatabase : public QObject
{
    Q_OBJECT
public:
    // 1: activity, drafts, outbox. 2: drafts and outbox rows belong to a profile; outbox.outcome_unknown.
    // 3: activity rows belong to a profile.
    static constexpr int SchemaVersion = 3;

    explicit HistoryDatabase(QObject *parent = nullptr); // defaultPath()
    explicit HistoryDatabase(const QString &path, QObject *parent = nullptr);
    ~HistoryDatabase() override;

    static QString defaultPath(); // QStandardPaths::AppDataLocation + "/crossline.sqlite"
    QString path() const { return m_path; }

    // Creates the folder, the file and the schema; migrates older versions; refuses a file of a newer version.
    Error open();
    void close();
    bool isOpen() const { return m_open; }
    int schemaVersion() const; // as stored in the file (0 when closed)

    // Literal values (keys, tokens) that must never reach the file, on top of the Redactor's known fields.
    void setSecretValues(const QStringList &values) { m_secrets = values; }
    void addSecretValue(const QString &value);
    QStringList secretValues() const { return m_secrets; }

    // What the stores write for a JSON payload (secret fields and registered values masked) and for a text.
    QJsonObject redacted(const QJsonObject &payload) const;
    QString scrubbed(const QString &text) const;

    // ---- for the stores ------------------------------------------------------------------------------------------
    // The connection to read with (invalid when closed).
    QSqlDatabase connection() const;
    // Opens another connection named `name` to the file at `path`, set up as open() sets up its own (busy timeout,
    // WAL, synchronous=FULL), for a store that writes from a thread of its own (a connection belongs to the thread
    // that opens it). An error holding SQLite's words when it cannot be opened.
    static Expected<QSqlDatabase> openConnection(const QString &name, const QString &path);
    // Runs `body` in a transaction of its own: committed when it returns an empty string, else rolled back and
    // reported as a storage error ("Could not <what> in the history database: …"). An error when closed.
    using WriteBody = std::function<QString(QSqlDatabase &db)>;
    Error write(const QString &what, const WriteBody &body);
    // A local file problem, as the user reads it (logged too).
    Error storageError(const QString &what, const QString &detail) const;

Q_SIGNALS:
    // open() succeeded: the file and its schema are ready.
    void opened();
    // close() is about to close the file: a store with a connection of its own finishes its writes and closes it.
    void aboutToClose();

private:
    Error migrate();

    QString m_path;
    QString m_connectionName;
    QStringList m_secrets;
    bool m_open = false;
};

} // namespace crossline
