// The history database (HistoryDatabase, held as HistoryStore): schema and pragmas, a file of a newer version
// refused, version 1 and version 2 files migrated with their rows kept, failed migrations that change nothing, a
// write that survives a crash of the writing process, and registered secrets kept out of the file's bytes by all
// three stores.
// The stores themselves: tst_activitylog, tst_draftstore, tst_outbox.
#include "history/historystore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cstdlib>

using namespace crossline;

namespace {
const char *const kCrashWriterEnv = "CROSSLINE_TEST_HISTORY_CRASH_WRITER";
const QString kSecret = QStringLiteral("sk_live_7Hq2Zx9PwLr4Tn8K");
const QString kProfile = QStringLiteral("default");

RequestRecord record(const QString &service, const QByteArray &method, const QString &url, int status)
{
    RequestRecord r;
    r.started = QDateTime(QDate(2025, 2, 3), QTime(4, 5, 6, 789), QTimeZone::utc());
    r.service = service;
    r.method = method;
    r.url = url;
    r.status = status;
    r.durationMs = 12;
    r.attempt = 1;
    r.requestHeaders = { { "Accept", "application/json" }, { "Content-Type", "application/json" } };
    r.requestBody = R"({"first_name":"Ada"})";
    r.responseHeaders = { { "Content-Type", "application/json" } };
    r.responseBody = R"({"data":[],"next_cursor":null})";
    return r;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs `statements` on the file through a connection of the test's own; false on the first failure.
bool runSql(const QString &path, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-sql"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &sql : statements) {
            if (ok && !q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-sql"));
    return ok;
}

// The schema as version 1 created it, word for word, with a draft and an outbox item in it.
QStringList version1File()
{
    return {
        QStringLiteral("CREATE TABLE activity (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, "
                       "service TEXT NOT NULL DEFAULT '', method TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT "
                       "'', status INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0, attempt "
                       "INTEGER NOT NULL DEFAULT 1, request_headers TEXT NOT NULL DEFAULT '[]', request_body BLOB, "
                       "response_headers TEXT NOT NULL DEFAULT '[]', response_body BLOB, error TEXT NOT NULL "
                       "DEFAULT '')"),
        QStringLiteral("CREATE INDEX activity_time ON activity(time)"),
        QStringLiteral(
            "CREATE TABLE drafts (key TEXT PRIMARY KEY, payload TEXT NOT NULL, updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK (kind IN "
                       "('whatsapp', 'sms')), payload TEXT NOT NULL, error TEXT NOT NULL DEFAULT '', created_at "
                       "INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("INSERT INTO activity (time, service, method, url, status) "
                       "VALUES (1738555506789, 'nango', 'GET', 'https://api.nango.dev/connections', 200)"),
        QStringLiteral("INSERT INTO drafts (key, payload, updated_at) "
                       "VALUES ('composer.sms', '{\"body\":\"written by version 1\"}', 1738555506789)"),
        QStringLiteral("INSERT INTO outbox (kind, payload, error, created_at, attempts) VALUES ('sms', "
                       "'{\"to\":\"+15005550001\",\"body\":\"Hello\"}', 'Invalid number (code 21211)', "
                       "1738555506789, 2)"),
        QStringLiteral("PRAGMA user_version = 1"),
    };
}

// The schema as version 2 left it (version 1, then its migration, word for word), with an activity row in it.
QStringList version2File()
{
    QStringList sql = version1File();
    sql.removeLast(); // its user_version
    sql << QStringLiteral("CREATE TABLE drafts_v2 (profile TEXT NOT NULL DEFAULT '', key TEXT NOT NULL, payload TEXT "
                          "NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (profile, key))")
        << QStringLiteral("INSERT INTO drafts_v2 (profile, key, payload, updated_at) SELECT '', key, payload, "
                          "updated_at FROM drafts WHERE key IS NOT NULL")
        << QStringLiteral("DROP TABLE drafts") << QStringLiteral("ALTER TABLE drafts_v2 RENAME TO drafts")
        << QStringLiteral("ALTER TABLE outbox ADD COLUMN profile TEXT NOT NULL DEFAULT ''")
        << QStringLiteral("ALTER TABLE outbox ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0")
        << QStringLiteral("CREATE INDEX outbox_profile ON outbox(profile, id)")
        << QStringLiteral("INSERT INTO activity (time, service, method, url, status) VALUES (1738555506790, 'panora', "
                          "'GET', 'https://api.panora.dev/crm/contacts', 200)")
        << QStringLiteral("PRAGMA user_version = 2");
    return sql;
}

// user_version and whether activity has a profile column, read with a connection of the test's own.
QPair<int, bool> versionAndActivityProfile(const QString &path)
{
    QPair<int, bool> out { -1, false };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect-version"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                out.first = q.value(0).toInt();
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('activity') WHERE name = 'profile'"))
                && q.next())
                out.second = q.value(0).toInt() > 0;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect-version"));
    return out;
}

// Opening the file fails with a history database error and leaves the store closed.
bool refusesToOpen(const QString &path)
{
    HistoryStore store(path);
    const Error e = store.open();
    if (!e.isError() || !e.message.contains(QStringLiteral("history database")) || store.isOpen()) {
        qWarning() << "opened, or not with the history database's error:" << e.summary();
        return false;
    }
    return true;
}

// Run as a child process: writes committed rows, then dies without closing anything (no destructors, no
// checkpoint), as a crash would.
int crashWriter(const QString &path)
{
    HistoryStore store(path);
    if (store.open())
        return 2;
    for (int i = 0; i < 3; ++i) {
        if (store.activity().add(
                record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/crash/%1").arg(i), 200)))
            return 3;
    }
    if (store.drafts().save(kProfile, QStringLiteral("sms"),
            QJsonObject { { QStringLiteral("body"), QStringLiteral("before the crash") } }))
        return 4;
    std::_Exit(42);
}
} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void schemaIsVersionedWithWal();
    void newerSchemaIsRefused();
    void version1FileIsMigrated();
    void failedMigrationChangesNothing();
    void version2FileIsMigrated();
    void failedMigrationTo3KeepsVersion2();
    void committedRowsSurviveACrash();
    void registeredSecretNeverReachesTheFile();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/crossline.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHistoryStore::schemaIsVersionedWithWal()
{
    QVERIFY(HistoryStore::defaultPath().endsWith(QLatin1String("/crossline.sqlite")));
    HistoryStore store(dbPath());
    QVERIFY(!store.isOpen());
    QCOMPARE(store.schemaVersion(), 0);
    const Error e = store.open();
    QVERIFY2(!e, qPrintable(e.summary()));
    QVERIFY(store.isOpen());
    QCOMPARE(store.schemaVersion(), HistoryStore::SchemaVersion);
    QCOMPARE(HistoryStore::SchemaVersion, 3);
    QVERIFY(QFile::exists(dbPath())); // the folder was created

    // Look at the file with a connection of our own.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QStringList tables;
        QVERIFY(q.exec(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")));
        while (q.next())
            tables << q.value(0).toString();
        QCOMPARE(
            tables, (QStringList { QStringLiteral("activity"), QStringLiteral("drafts"), QStringLiteral("outbox") }));
        // Drafts are keyed by (profile, key).
        QStringList primaryKey;
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM pragma_table_info('drafts') WHERE pk > 0 ORDER BY pk")));
        while (q.next())
            primaryKey << q.value(0).toString();
        QCOMPARE(primaryKey, (QStringList { QStringLiteral("profile"), QStringLiteral("key") }));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));

    // Reopening an up-to-date file changes nothing.
    store.close();
    QVERIFY(!store.isOpen());
    QVERIFY(!store.open());
    QCOMPARE(store.schemaVersion(), 3);
}

void TestHistoryStore::newerSchemaIsRefused()
{
    {
        HistoryStore store(dbPath());
        QVERIFY(!store.open());
    }
    QVERIFY(runSql(dbPath(), { QStringLiteral("PRAGMA user_version = 99") }));
    HistoryStore store(dbPath());
    const Error e = store.open();
    QVERIFY(e.isError());
    QVERIFY2(e.message.contains(QStringLiteral("newer Crossline")), qPrintable(e.message));
    QVERIFY(!store.isOpen());
    QVERIFY(store.activity().add(record(QStringLiteral("nango"), "GET", QStringLiteral("https://x"), 200)).isError());
    QVERIFY(store.drafts().save(kProfile, QStringLiteral("sms"), QJsonObject()).isError());
    OutboxItem item;
    QVERIFY(store.outbox().add(item).isError());
}

// A file written by version 1 (drafts by key, an outbox without profiles) opens, is migrated in place, and keeps
// its rows: they belong to profile "", the outbox item is not marked.
void TestHistoryStore::version1FileIsMigrated()
{
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    QVERIFY(runSql(dbPath(), version1File()));

    HistoryStore store(dbPath());
    const Error e = store.open();
    QVERIFY2(!e, qPrintable(e.summary()));
    QCOMPARE(store.schemaVersion(), HistoryStore::SchemaVersion);

    QCOMPARE(store.activity().count(), 1);
    QCOMPARE(store.activity().recent(10).first().record.url, QStringLiteral("https://api.nango.dev/connections"));

    QCOMPARE(store.drafts().keys(QString()), QStringList { QStringLiteral("composer.sms") });
    QCOMPARE(store.drafts().load(QString(), QStringLiteral("composer.sms")).value(QLatin1String("body")).toString(),
        QStringLiteral("written by version 1"));
    QCOMPARE(store.drafts().updatedAt(QString(), QStringLiteral("composer.sms")).toMSecsSinceEpoch(), 1738555506789);
    QVERIFY(store.drafts().keys(kProfile).isEmpty());

    const QList<OutboxItem> items = store.outbox().items(QString());
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().profile, QString());
    QVERIFY(!items.first().outcomeUnknown);
    QCOMPARE(items.first().kind, OutboxItem::Kind::Sms);
    QCOMPARE(items.first().attempts, 2);
    QCOMPARE(items.first().error, QStringLiteral("Invalid number (code 21211)"));
    QCOMPARE(items.first().payload.value(QLatin1String("body")).toString(), QStringLiteral("Hello"));
    QVERIFY(store.outbox().items(kProfile).isEmpty());

    // The new key: the same draft key once more under another profile is a second row, not an overwrite.
    QVERIFY(!store.drafts().save(kProfile, QStringLiteral("composer.sms"),
        QJsonObject { { QStringLiteral("body"), QStringLiteral("written by version 2") } }));
    QCOMPARE(store.drafts().load(QString(), QStringLiteral("composer.sms")).value(QLatin1String("body")).toString(),
        QStringLiteral("written by version 1"));

    // Migrated once: a second open finds the current version and the same rows.
    store.close();
    QVERIFY(!store.open());
    QCOMPARE(store.schemaVersion(), HistoryStore::SchemaVersion);
    QCOMPARE(store.outbox().items(QString()).size(), 1);
    QCOMPARE(store.drafts().keys(QString()), QStringList { QStringLiteral("composer.sms") });
}

// The migration runs in one transaction: when a step fails, the file keeps version 1, its tables and its rows.
void TestHistoryStore::failedMigrationChangesNothing()
{
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    QStringList sql = version1File();
    // A table in the way of the migration's first step.
    sql.insert(sql.size() - 1, QStringLiteral("CREATE TABLE drafts_v2 (x INTEGER)"));
    QVERIFY(runSql(dbPath(), sql));
    QVERIFY(refusesToOpen(dbPath()));
    // What is left is still the version 1 file, rows and all.
    QVERIFY(runSql(dbPath(), { QStringLiteral("DROP TABLE drafts_v2") }));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('outbox') WHERE name = 'profile'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT key FROM drafts")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("composer.sms"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
    // Out of the way, the migration goes through.
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QCOMPARE(store.outbox().items(QString()).size(), 1);
}

// A file written by version 2 opens and is migrated in place: its activity rows are kept under profile '' (shown
// under no profile), and new rows carry the profile they were made under.
void TestHistoryStore::version2FileIsMigrated()
{
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    QVERIFY(runSql(dbPath(), version2File()));

    HistoryStore store(dbPath());
    const Error e = store.open();
    QVERIFY2(!e, qPrintable(e.summary()));
    QCOMPARE(store.schemaVersion(), 3);
    QCOMPARE(versionAndActivityProfile(dbPath()), qMakePair(3, true));

    const QList<ActivityEntry> old = store.activity().recent(10);
    QCOMPARE(old.size(), 2);
    for (const ActivityEntry &row : old)
        QCOMPARE(row.profile, QString());
    QCOMPARE(old.first().record.url, QStringLiteral("https://api.panora.dev/crm/contacts"));
    QVERIFY(store.activity().recent(kProfile, 10).isEmpty());
    QCOMPARE(store.activity().recent(QString(), 10).size(), 2);

    QVERIFY(!store.activity().add(
        record(QStringLiteral("nango"), "GET", QStringLiteral("https://api.nango.dev/connections"), 200), nullptr,
        kProfile));
    const QList<ActivityEntry> mine = store.activity().recent(kProfile, 10);
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine.first().profile, kProfile);
    // The rest of version 2 is untouched.
    QCOMPARE(store.outbox().items(QString()).size(), 1);
    QCOMPARE(store.drafts().keys(QString()), QStringList { QStringLiteral("composer.sms") });
}

// The step to version 3 runs in one transaction: when it fails, the file keeps version 2, without the column.
void TestHistoryStore::failedMigrationTo3KeepsVersion2()
{
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).absolutePath()));
    QStringList sql = version2File();
    // An index in the way of the migration's second step: the first (the new column) must be undone too.
    sql.insert(sql.size() - 1, QStringLiteral("CREATE INDEX activity_profile ON outbox(id)"));
    QVERIFY(runSql(dbPath(), sql));
    QVERIFY(refusesToOpen(dbPath()));
    QCOMPARE(versionAndActivityProfile(dbPath()), qMakePair(2, false));

    QVERIFY(runSql(dbPath(), { QStringLiteral("DROP INDEX activity_profile") }));
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QCOMPARE(store.schemaVersion(), 3);
    QCOMPARE(store.activity().recent(QString(), 10).size(), 2);
}

void TestHistoryStore::committedRowsSurviveACrash()
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kCrashWriterEnv), dbPath());
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitCode(), 42); // it died after committing, before any clean close
    QVERIFY(QFile::exists(dbPath() + QStringLiteral("-wal"))); // nothing was checkpointed on the way out

    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    QCOMPARE(store.activity().count(), 3);
    const QList<ActivityEntry> rows = store.activity().recent(10);
    QCOMPARE(rows.first().record.url, QStringLiteral("https://api.nango.dev/crash/2"));
    QCOMPARE(rows.last().record.url, QStringLiteral("https://api.nango.dev/crash/0"));
    QCOMPARE(store.drafts().load(kProfile, QStringLiteral("sms")).value(QLatin1String("body")).toString(),
        QStringLiteral("before the crash"));
}

void TestHistoryStore::registeredSecretNeverReachesTheFile()
{
    HistoryStore store(dbPath());
    QVERIFY(!store.open());
    store.addSecretValue(kSecret);

    // A record as a careless layer could hand it over: the secret in the URL, a custom header, bodies, the error.
    RequestRecord r = record(QStringLiteral("nango"), "POST",
        QStringLiteral("https://api.nango.dev/proxy/%1?api_key=EAAGunregisteredQueryKey&page=2").arg(kSecret), 400);
    r.requestHeaders = { { "Authorization", "Bearer " + kSecret.toUtf8() }, { "X-Custom", "v=" + kSecret.toUtf8() },
        { "Content-Type", "application/json" } };
    r.requestBody = R"({"credentials":{"type":"API_KEY","apiKey":"EAAGnotRegisteredButAField"},"note":")"
        + kSecret.toUtf8() + "\"}";
    r.responseHeaders = { { "Content-Type", "application/json" } };
    r.responseBody = R"({"echo":")" + kSecret.toUtf8() + R"(","password":"hunter2hunter2"})";
    r.error = QStringLiteral("rejected key %1").arg(kSecret);
    qint64 id = 0;
    QVERIFY(!store.activity().add(r, &id));

    // Outbox payloads and errors and drafts go through the same filter.
    OutboxItem item;
    item.kind = OutboxItem::Kind::Sms;
    item.profile = kProfile;
    item.payload = QJsonObject { { QStringLiteral("to"), QStringLiteral("+15551234567") },
        { QStringLiteral("body"), QStringLiteral("code %1").arg(kSecret) },
        { QStringLiteral("apiKey"), QStringLiteral("EAAGanotherToken123") } };
    item.error = QStringLiteral("failed with %1").arg(kSecret);
    QVERIFY(!store.outbox().add(item));
    QVERIFY(!store.drafts().save(
        kProfile, QStringLiteral("whatsapp"), QJsonObject { { QStringLiteral("text"), kSecret } }));
    QVERIFY(!store.outbox().recordAttempt(item.id, QStringLiteral("again %1").arg(kSecret), false));

    const auto stored = store.activity().record(id);
    QVERIFY(stored.has_value());
    QVERIFY(!stored->url.contains(kSecret));
    QCOMPARE(stored->url, QStringLiteral("https://api.nango.dev/proxy/[redacted]?api_key=[redacted]&page=2"));
    QCOMPARE(stored->requestHeaders.at(0).second, QByteArray("[redacted]"));
    QCOMPARE(stored->requestHeaders.at(1).second, QByteArray("v=[redacted]"));
    QVERIFY(!stored->requestBody.contains(kSecret.toUtf8()));
    QVERIFY(!stored->requestBody.contains("EAAGnotRegisteredButAField"));
    QVERIFY(!stored->responseBody.contains("hunter2hunter2"));
    QCOMPARE(stored->error, QStringLiteral("rejected key [redacted]"));
    const QList<OutboxItem> outbox = store.outbox().items(kProfile);
    QCOMPARE(outbox.first().payload.value(QLatin1String("apiKey")).toString(), QStringLiteral("[redacted]"));
    QCOMPARE(outbox.first().payload.value(QLatin1String("body")).toString(), QStringLiteral("code [redacted]"));
    QCOMPARE(outbox.first().error, QStringLiteral("again [redacted]"));
    QCOMPARE(item.payload.value(QLatin1String("apiKey")).toString(), QStringLiteral("[redacted]"));
    QCOMPARE(store.drafts().load(kProfile, QStringLiteral("whatsapp")).value(QLatin1String("text")).toString(),
        QStringLiteral("[redacted]"));

    // And down to the bytes on disk (database and write-ahead log).
    store.close();
    const QByteArray bytes = fileBytes(dbPath()) + fileBytes(dbPath() + QStringLiteral("-wal"));
    QVERIFY(bytes.size() > 0);
    QVERIFY(!bytes.contains(kSecret.toUtf8()));
    QVERIFY(!bytes.contains(QUrl::toPercentEncoding(kSecret)));
    QVERIFY(!bytes.contains("EAAGnotRegisteredButAField"));
    QVERIFY(!bytes.contains("EAAGanotherToken123"));
    QVERIFY(!bytes.contains("EAAGunregisteredQueryKey"));
    QVERIFY(!bytes.contains("hunter2hunter2"));
    QVERIFY(bytes.contains("[redacted]"));
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kCrashWriterEnv)) {
        QCoreApplication app(argc, argv);
        return crashWriter(qEnvironmentVariable(kCrashWriterEnv));
    }
    QCoreApplication app(argc, argv);
    TestHistoryStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historystore.moc"
