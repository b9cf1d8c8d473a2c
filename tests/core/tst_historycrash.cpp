// The history database's crash promise, tested by killing a writer: a child process (this test binary, started
// again with CROSSLINE_TEST_KILLED_WRITER naming the file) writes activity rows through ActivityLog's own thread,
// outbox items with a second attempt each, and a draft, in a tight loop, and reports on stdout what it committed. It is
// killed with SIGKILL at several points. Then the file must open, pass PRAGMA integrity_check, hold every row whole
// (each payload parses and carries the writer's marker, each outbox row is one attempt or the other, never half of an
// update), with ids contiguous from 1 and nothing the child saw committed missing; and a new write must succeed. The
// rounds share one file, so each also opens what the previous kills left. Only outcomes are asserted, never timings.
// Linux only: SIGKILL.
#include "history/historystore.h"
#include "net/httpclient.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cstdio>

#ifdef Q_OS_LINUX
#include <signal.h>
#endif

using namespace crossline;

namespace {
const char *const kWriterEnv = "CROSSLINE_TEST_KILLED_WRITER";
const QString kMarker = QStringLiteral("crossline-kill-test");
const QString kProfile = QStringLiteral("default");
const QString kDraftKey = QStringLiteral("whatsapp");
// Large enough that a write spans several pages of the file and of the write-ahead log.
const int kPadBytes = 6000;

QString pad(qint64 seq)
{
    return QString(kPadBytes, QLatin1Char("abcdefghij"[seq % 10]));
}

// The payload of every row: the marker, its number, and a pad whose length and letter tell a cut or mixed one.
QJsonObject payload(const QString &writer, qint64 seq)
{
    return { { QStringLiteral("marker"), kMarker }, { QStringLiteral("writer"), writer },
        { QStringLiteral("seq"), seq }, { QStringLiteral("pad"), pad(seq) }, { QStringLiteral("end"), kMarker } };
}

QByteArray payloadBytes(const QString &writer, qint64 seq)
{
    return QJsonDocument(payload(writer, seq)).toJson(QJsonDocument::Compact);
}

// "" when `json` is a whole payload written by this test, else what is wrong with it.
QString checkPayload(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonObject o = QJsonDocument::fromJson(json, &err).object();
    if (err.error != QJsonParseError::NoError)
        return QStringLiteral("not JSON (%1): %2…").arg(err.errorString(), QString::fromUtf8(json.left(80)));
    const qint64 seq = o.value(QLatin1String("seq")).toInteger(-1);
    if (o.value(QLatin1String("marker")).toString() != kMarker || o.value(QLatin1String("end")).toString() != kMarker)
        return QStringLiteral("no marker: %1…").arg(QString::fromUtf8(json.left(80)));
    if (seq < 0 || o.value(QLatin1String("pad")).toString() != pad(seq))
        return QStringLiteral("the pad of seq %1 is not the one written").arg(seq);
    return {};
}

QString attemptError(qint64 seq, int attempt)
{
    return QStringLiteral("attempt %1 of %2 failed (%3)").arg(attempt).arg(seq).arg(kMarker);
}

RequestRecord record(const QString &writer, qint64 seq)
{
    RequestRecord r;
    r.started = QDateTime::currentDateTimeUtc();
    r.service = QStringLiteral("nango");
    r.method = "POST";
    r.url = QStringLiteral("https://api.nango.dev/kill/%1").arg(seq);
    r.status = 201;
    r.durationMs = 12;
    r.requestHeaders = { { "Content-Type", "application/json" } };
    r.requestBody = payloadBytes(writer, seq);
    r.responseHeaders = { { "Content-Type", "application/json" } };
    r.responseBody = payloadBytes(writer, seq);
    return r;
}

void report(const char *what, qint64 value)
{
    // Straight to the pipe: a line printed before the kill is a line the parent reads.
    std::printf("%s %lld\n", what, static_cast<long long>(value));
    std::fflush(stdout);
}

// The child: writes until it is killed. Reports "writing" once, then "activity ID", "outbox ID" and "draft SEQ" after
// each write it knows was committed. Exits only on a failure (with the reason on stderr).
int killedWriter(const QString &path)
{
    HistoryStore store(path);
    if (const Error e = store.open()) {
        std::fprintf(stderr, "open: %s\n", qPrintable(e.summary()));
        return 3;
    }
    ActivityLog &log = store.activity();
    log.setCap(10000000); // nothing trimmed: the ids stay contiguous from 1
    QNetworkAccessManager network;
    HttpClient http(&network);
    log.attach(&http, kProfile);
    qint64 lastActivity = 0;
    QObject::connect(&log, &ActivityLog::activityAdded,
        [&lastActivity](const ActivityEntry &e) { lastActivity = qMax(lastActivity, e.id); });
    const QString writer = QStringLiteral("child-%1").arg(QCoreApplication::applicationPid());
    report("writing", 0);
    for (qint64 seq = 1;; ++seq) {
        // Requests queue up for the log's thread, which writes whatever accumulated in one transaction...
        for (int i = 0; i < 4; ++i)
            Q_EMIT http.requestRecorded(record(writer, seq * 4 + i));
        // ...while this thread writes the outbox and the draft on the database's own connection.
        OutboxItem item;
        item.kind = OutboxItem::Kind::WhatsApp;
        item.profile = kProfile;
        item.payload = payload(writer, seq);
        item.error = attemptError(seq, 1);
        if (const Error e = store.outbox().add(item)) {
            std::fprintf(stderr, "outbox add: %s\n", qPrintable(e.summary()));
            return 4;
        }
        report("outbox", item.id);
        if (const Error e = store.outbox().recordAttempt(item.id, attemptError(seq, 2), false)) {
            std::fprintf(stderr, "outbox attempt: %s\n", qPrintable(e.summary()));
            return 5;
        }
        if (const Error e = store.drafts().save(kProfile, kDraftKey, payload(writer, seq))) {
            std::fprintf(stderr, "draft: %s\n", qPrintable(e.summary()));
            return 6;
        }
        report("draft", seq);
        if (seq % 4 == 0) {
            log.flush(); // waits for the log's thread: what it wrote is committed
            report("activity", lastActivity);
        }
        QCoreApplication::processEvents();
    }
}

// What a child said it committed, read from its standard output.
struct Committed
{
    bool writing = false;
    qint64 activity = 0;
    qint64 outbox = 0;
    qint64 draftSeq = 0;

    void read(const QByteArray &out)
    {
        for (const QByteArray &line : out.split('\n')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 2)
                continue; // the last line may be cut by the kill
            const qint64 value = parts.at(1).toLongLong();
            if (parts.at(0) == "writing")
                writing = true;
            else if (parts.at(0) == "activity")
                activity = qMax(activity, value);
            else if (parts.at(0) == "outbox")
                outbox = qMax(outbox, value);
            else if (parts.at(0) == "draft")
                draftSeq = qMax(draftSeq, value);
        }
    }
};

// The ids of `table` in order, and "" or the first row that is not whole.
QList<qint64> idsOf(QSqlDatabase db, const QString &table, const QStringList &payloadColumns, QString *broken)
{
    QList<qint64> ids;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, %1 FROM %2 ORDER BY id").arg(payloadColumns.join(u','), table))) {
        *broken = q.lastError().text();
        return ids;
    }
    while (q.next()) {
        ids << q.value(0).toLongLong();
        for (int c = 0; c < payloadColumns.size() && broken->isEmpty(); ++c) {
            if (const QString why = checkPayload(q.value(c + 1).toByteArray()); !why.isEmpty())
                *broken = QStringLiteral("%1 row %2, %3: %4").arg(table).arg(ids.last()).arg(payloadColumns.at(c), why);
        }
    }
    return ids;
}

// "" when the ids are 1, 2, …, n.
QString gapIn(const QList<qint64> &ids)
{
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (ids.at(i) != i + 1)
            return QStringLiteral("id %1 where %2 was expected").arg(ids.at(i)).arg(i + 1);
    }
    return {};
}
} // namespace

class TestHistoryCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void killedWhileWriting_data();
    void killedWhileWriting();

private:
    QTemporaryDir m_dir;
    qint64 m_parentSeq = 1000000; // the parent's own rows, told apart from the children's by their numbers
};

void TestHistoryCrash::initTestCase()
{
#ifndef Q_OS_LINUX
    QSKIP("SIGKILL of a child process: POSIX signals, tested on Linux only");
#endif
    QVERIFY(m_dir.isValid());
}

void TestHistoryCrash::killedWhileWriting_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("waitForWriting"); // else the kill may land while the file and its schema are created
    QTest::addColumn<int>("afterMs");
    QTest::newRow("new file, 30 ms after the start") << QStringLiteral("new.sqlite") << false << 30;
    QTest::newRow("new file, 120 ms after the start") << QStringLiteral("new2.sqlite") << false << 120;
    // These share one file: each round opens what the kills before it left, and adds to it.
    QTest::newRow("writing for 50 ms") << QStringLiteral("shared.sqlite") << true << 50;
    QTest::newRow("writing for 200 ms") << QStringLiteral("shared.sqlite") << true << 200;
    QTest::newRow("writing for 1 s") << QStringLiteral("shared.sqlite") << true << 1000;
    QTest::newRow("writing for 1 s, again") << QStringLiteral("shared.sqlite") << true << 1000;
    QTest::newRow("writing for 10 ms") << QStringLiteral("shared.sqlite") << true << 10;
}

void TestHistoryCrash::killedWhileWriting()
{
#ifdef Q_OS_LINUX
    QFETCH(QString, file);
    QFETCH(bool, waitForWriting);
    QFETCH(int, afterMs);
    const QString path = m_dir.filePath(file);

    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kWriterEnv), path);
    child.setProcessEnvironment(env);
    QByteArray out;
    connect(&child, &QProcess::readyReadStandardOutput, this, [&] { out += child.readAllStandardOutput(); });
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted(10000));
    Committed committed;
    if (waitForWriting) {
        QTRY_VERIFY_WITH_TIMEOUT((committed.read(out), committed.writing || child.state() != QProcess::Running), 20000);
    }
    QTest::qWait(afterMs); // the event loop keeps reading the child's reports meanwhile
    QVERIFY2(child.state() == QProcess::Running,
        qPrintable(QStringLiteral("the writer stopped by itself (exit %1): %2")
                       .arg(child.exitCode())
                       .arg(QString::fromLocal8Bit(child.readAllStandardError()))));
    QCOMPARE(::kill(pid_t(child.processId()), SIGKILL), 0);
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    out += child.readAllStandardOutput();
    committed.read(out);
    qInfo("killed while %s; it had reported committed: activity to id %lld, outbox to id %lld, draft %lld",
        waitForWriting ? "writing" : "starting", committed.activity, committed.outbox, committed.draftSeq);

    // It opens again, and SQLite finds nothing wrong with the file.
    HistoryStore store(path);
    store.activity().setCap(10000000); // the parent's row must not trim the children's
    const Error opened = store.open();
    QVERIFY2(!opened, qPrintable(opened.summary()));
    QCOMPARE(store.schemaVersion(), HistoryDatabase::SchemaVersion);
    {
        QSqlQuery check(store.connection());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")));
        QStringList problems;
        while (check.next())
            problems << check.value(0).toString();
        QCOMPARE(problems, QStringList { QStringLiteral("ok") });
    }

    // Every row whole, ids 1..n with no gap, and nothing the child saw committed is missing.
    QString broken;
    const QList<qint64> activity = idsOf(store.connection(), QStringLiteral("activity"),
        { QStringLiteral("request_body"), QStringLiteral("response_body") }, &broken);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
    QVERIFY2(gapIn(activity).isEmpty(), qPrintable(QStringLiteral("activity: ") + gapIn(activity)));
    QVERIFY2(activity.size() >= committed.activity,
        qPrintable(QStringLiteral("activity %1 was committed, the file ends at %2")
                       .arg(committed.activity)
                       .arg(activity.size())));
    const QList<qint64> outbox
        = idsOf(store.connection(), QStringLiteral("outbox"), { QStringLiteral("payload") }, &broken);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
    QVERIFY2(gapIn(outbox).isEmpty(), qPrintable(QStringLiteral("outbox: ") + gapIn(outbox)));
    QVERIFY(outbox.size() >= committed.outbox);
    // An item holds one attempt or the other, whole: the update is never half there.
    for (const OutboxItem &item : store.outbox().items(kProfile)) {
        const qint64 seq = item.payload.value(QLatin1String("seq")).toInteger();
        QVERIFY2(item.attempts >= 1 && item.attempts <= 2, qPrintable(QString::number(item.id)));
        QCOMPARE(item.error, attemptError(seq, item.attempts));
    }
    if (committed.draftSeq > 0) {
        const QJsonObject draft = store.drafts().load(kProfile, kDraftKey);
        QVERIFY2(checkPayload(QJsonDocument(draft).toJson()).isEmpty(),
            qPrintable(checkPayload(QJsonDocument(draft).toJson())));
        QVERIFY(draft.value(QLatin1String("seq")).toInteger() >= committed.draftSeq);
    }

    // And it takes new writes, through every store.
    const qint64 seq = ++m_parentSeq;
    qint64 newActivity = 0;
    QVERIFY(!store.activity().add(record(QStringLiteral("parent"), seq), &newActivity, kProfile));
    QCOMPARE(newActivity, qint64(activity.size()) + 1);
    OutboxItem item;
    item.kind = OutboxItem::Kind::Sms;
    item.profile = kProfile;
    item.payload = payload(QStringLiteral("parent"), seq);
    item.error = attemptError(seq, 1);
    QVERIFY(!store.outbox().add(item));
    QCOMPARE(item.id, qint64(outbox.size()) + 1);
    QVERIFY(!store.drafts().save(kProfile, kDraftKey, payload(QStringLiteral("parent"), seq)));
    QCOMPARE(store.drafts().load(kProfile, kDraftKey).value(QLatin1String("seq")).toInteger(), seq);
#endif
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(kWriterEnv))
        return killedWriter(qEnvironmentVariable(kWriterEnv));
    TestHistoryCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historycrash.moc"
