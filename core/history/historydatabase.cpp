#include "history/historydatabase.h"

#include "history/historysql.h"
#include "net/redactor.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#include <atomic>

namespace crossline {

Q_LOGGING_CATEGORY(lcHistory, "crossline.history", QtInfoMsg)

using historysql::exec;
using historysql::execAll;

namespace {

// Version 1: the activity log, the drafts by key and the outbox. A new file goes through every step, so the
// migrations are the schema's only definition.
QString createVersion1(QSqlDatabase &db)
{
    return execAll(db,
        {
            QStringLiteral("CREATE TABLE activity ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "time INTEGER NOT NULL," // ms since the epoch, UTC
                           "service TEXT NOT NULL DEFAULT '',"
                           "method TEXT NOT NULL DEFAULT '',"
                           "url TEXT NOT NULL DEFAULT '',"
                           "status INTEGER NOT NULL DEFAULT 0,"
                           "duration_ms INTEGER NOT NULL DEFAULT 0,"
                           "attempt INTEGER NOT NULL DEFAULT 1,"
                           "request_headers TEXT NOT NULL DEFAULT '[]',"
                           "request_body BLOB,"
                           "response_headers TEXT NOT NULL DEFAULT '[]',"
                           "response_body BLOB,"
                           "error TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX activity_time ON activity(time)"),
            QStringLiteral("CREATE TABLE drafts ("
                           "key TEXT PRIMARY KEY,"
                           "payload TEXT NOT NULL,"
                           "updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE outbox ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "kind TEXT NOT NULL CHECK (kind IN ('whatsapp', 'sms')),"
                           "payload TEXT NOT NULL,"
                           "error TEXT NOT NULL DEFAULT '',"
                           "created_at INTEGER NOT NULL,"
                           "attempts INTEGER NOT NULL DEFAULT 1)"),
        });
}

// Version 2: drafts and outbox rows belong to a profile (rows of version 1 keep profile ''), and an outbox row says
// whether a send may have been delivered. SQLite cannot change a primary key, so drafts is rebuilt around
// (profile, key). A version 1 row with a NULL key could never be read back (`key = ?` never matches NULL): not copied.
QString migrateToVersion2(QSqlDatabase &db)
{
    return execAll(db,
        {
            QStringLiteral("CREATE TABLE drafts_v2 ("
                           "profile TEXT NOT NULL DEFAULT '',"
                           "key TEXT NOT NULL,"
                           "payload TEXT NOT NULL,"
                           "updated_at INTEGER NOT NULL,"
                           "PRIMARY KEY (profile, key))"),
            QStringLiteral("INSERT INTO drafts_v2 (profile, key, payload, updated_at) "
                           "SELECT '', key, payload, updated_at FROM drafts WHERE key IS NOT NULL"),
            QStringLiteral("DROP TABLE drafts"),
            QStringLiteral("ALTER TABLE drafts_v2 RENAME TO drafts"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN profile TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE outbox ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE INDEX outbox_profile ON outbox(profile, id)"),
        });
}

// Version 3: activity rows belong to a profile too, so the Activity page shows only the profile in effect's. Rows of
// version 2 keep profile '': they belong to no profile and are shown under none (as drafts and outbox items of
// version 1).
QString migrateToVersion3(QSqlDatabase &db)
{
    return execAll(db,
        {
            QStringLiteral("ALTER TABLE activity ADD COLUMN profile TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE INDEX activity_profile ON activity(profile, id)"),
        });
}

} // namespace

HistoryDatabase::HistoryDatabase(QObject *parent)
    : HistoryDatabase(defaultPath(), parent)
{
}

HistoryDatabase::HistoryDatabase(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    static std::atomic<int> counter { 0 };
    m_connectionName = QStringLiteral("crossline-history-%1").arg(++counter);
}

HistoryDatabase::~HistoryDatabase()
{
    close();
}

QString HistoryDatabase::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/crossline.sqlite");
}

void HistoryDatabase::addSecretValue(const QString &value)
{
    if (!value.isEmpty() && !m_secrets.contains(value))
        m_secrets.append(value);
}

QJsonObject HistoryDatabase::redacted(const QJsonObject &payload) const
{
    const QByteArray json = Redactor::body(
        QJsonDocument(payload).toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"), m_secrets);
    return QJsonDocument::fromJson(json).object();
}

QString HistoryDatabase::scrubbed(const QString &text) const
{
    return Redactor::scrub(text, m_secrets);
}

Expected<QSqlDatabase> HistoryDatabase::openConnection(const QString &name, const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        const Error failure = Error::make(Error::Kind::Config, db.lastError().text());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return failure;
    }
    // WAL must be chosen outside a transaction; FULL makes each commit durable, not just crash-consistent.
    QSqlQuery wal(db);
    if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !wal.next()
        || wal.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        qCWarning(lcHistory) << "SQLite refused WAL; continuing with its default journal" << wal.lastError().text();
    }
    exec(db, QStringLiteral("PRAGMA synchronous=FULL"));
    exec(db, QStringLiteral("PRAGMA foreign_keys=ON"));
    return db;
}

QSqlDatabase HistoryDatabase::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Error HistoryDatabase::storageError(const QString &what, const QString &detail) const
{
    qCWarning(lcHistory) << what << detail;
    // There is no storage kind among the error kinds: a local file problem is a configuration problem for the user.
    return Error::make(Error::Kind::Config, tr("Could not %1 in the history database: %2").arg(what, detail),
        tr("Check that %1 is writable and the disk is not full.").arg(QDir::toNativeSeparators(m_path)));
}

Error HistoryDatabase::write(const QString &what, const WriteBody &body)
{
    if (!m_open)
        return storageError(what, tr("the database is not open"));
    QSqlDatabase db = connection();
    if (!db.transaction())
        return storageError(what, db.lastError().text());
    const QString failure = body(db);
    if (!failure.isEmpty()) {
        db.rollback();
        return storageError(what, failure);
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return storageError(what, text);
    }
    return {};
}

Error HistoryDatabase::open()
{
    if (m_open)
        return {};
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return storageError(tr("open"), tr("Qt's SQLite driver (QSQLITE) is not installed"));
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return storageError(tr("open"), tr("cannot create the folder %1").arg(info.absolutePath()));
    if (const Error e = openConnection(m_connectionName, m_path).error())
        return storageError(tr("open"), e.message);
    m_open = true;
    if (const Error e = migrate()) {
        close();
        return e;
    }
    Q_EMIT opened();
    return {};
}

void HistoryDatabase::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    Q_EMIT aboutToClose();
    {
        QSqlDatabase db = connection();
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_open = false;
}

int HistoryDatabase::schemaVersion() const
{
    if (!m_open)
        return 0;
    QSqlQuery q(connection());
    return q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : 0;
}

Error HistoryDatabase::migrate()
{
    const int version = schemaVersion();
    if (version > SchemaVersion) {
        return storageError(tr("open"),
            tr("the file was written by a newer Crossline (schema %1, this version knows %2)")
                .arg(version)
                .arg(SchemaVersion));
    }
    if (version == SchemaVersion)
        return {};
    // Every step in one transaction: a failed migration leaves the file as it was, version number included
    // (user_version is transactional in SQLite).
    return write(version == 0 ? tr("create the tables") : tr("update the tables"), [&](QSqlDatabase &db) -> QString {
        if (version < 1) {
            if (QString e = createVersion1(db); !e.isEmpty())
                return e;
        }
        if (version < 2) {
            if (QString e = migrateToVersion2(db); !e.isEmpty())
                return e;
        }
        if (version < 3) {
            if (QString e = migrateToVersion3(db); !e.isEmpty())
                return e;
        }
        return exec(db, QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
    });
}

} // namespace crossline
