// RecordStream, the CLI's listing pipeline, and the cursor scan it predicts the next page with: the scan's answers
// (and where it must give up), and the stream against a StubHttpServer serving pages that make a prediction fail
// (an empty page with a next cursor, malformed JSON after a readable cursor, a failing page). In every case the
// output and the error are the ones of the plain page-by-page loop (RecordPager alone), which the test runs too.
#include "job.h"
#include "models/recordpager.h"
#include "models/recordstream.h"
#include "net/httpclient.h"
#include "panora/panoraclient.h"
#include "stubhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

using namespace crossline;
using test::StubHttpServer;
using Provider = RecordSource::Provider;

namespace {
// A page of `rows` contacts with ids "<name>-0"…, and a next cursor (null when empty).
QByteArray page(const QString &name, int rows, const QString &next)
{
    QJsonArray data;
    for (int i = 0; i < rows; ++i)
        data.append(QJsonObject { { QStringLiteral("id"), QStringLiteral("%1-%2").arg(name).arg(i) },
            { QStringLiteral("first_name"), name }, { QStringLiteral("last_name"), QString::number(i) } });
    return QJsonDocument(QJsonObject { { QStringLiteral("data"), data },
                             { QStringLiteral("next_cursor"), next.isEmpty() ? QJsonValue() : QJsonValue(next) },
                             { QStringLiteral("prev_cursor"), QJsonValue() } })
        .toJson(QJsonDocument::Compact);
}

// The stub's answers: cursor ("" for the first page) → body (200, JSON) or an HTTP status (an int body "500").
using Pages = QMap<QString, QByteArray>;

StubHttpServer::Responder serve(const Pages &pages)
{
    return [pages](const StubHttpServer::Request &request) {
        const QUrlQuery query(QUrl(QString::fromLatin1(request.target)));
        const QString cursor = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
        if (!pages.contains(cursor))
            return StubHttpServer::json(500, R"({"message":"The provided cursor does not exist!"})");
        const QByteArray body = pages.value(cursor);
        if (body.startsWith("status:"))
            return StubHttpServer::json(body.mid(7).toInt(), R"({"message":"boom"})");
        return StubHttpServer::json(200, body);
    };
}

// One listing of the stub's pages: what it wrote, and how it ended.
struct Listing
{
    QByteArray out;
    Error error;
    int requests = 0;
    int missed = 0;
};

QByteArray lines(const QList<QJsonObject> &rows)
{
    QByteArray out;
    for (const QJsonObject &row : rows)
        out += row.value(QLatin1String("id")).toString().toUtf8() + '\n';
    return out;
}

struct Clients
{
    explicit Clients(const QUrl &url)
        : http(&network)
        , panora(&http, { url, QStringLiteral("sk_test_key_123456"), QStringLiteral("conn_token_123456"), false })
    {
        HttpPolicy policy;
        policy.maxAttempts = 1;
        policy.allowInsecureHttp = true;
        http.setPolicy(policy);
    }
    QNetworkAccessManager network;
    HttpClient http;
    PanoraClient panora;
};

RecordSource contacts(int pageSize = 3)
{
    return RecordSource { QStringLiteral("crm.contact"), Provider::Panora, pageSize, {}, false };
}

Listing streamed(StubHttpServer &server, bool predict, int maxQueued = 3, const RecordStream::Format &format = {})
{
    Clients c(server.url());
    RecordPager pager(contacts());
    RecordStream stream(pager, { nullptr, &c.panora, &c.http });
    stream.setAll(true);
    stream.setPredict(predict);
    stream.setMaxQueued(maxQueued);
    Listing l;
    const int before = server.requestCount();
    l.error = stream.run(
        format ? format : [](const QList<QJsonObject> &rows, qsizetype) { return lines(rows); },
        [&l](const QByteArray &bytes, qsizetype) { l.out += bytes; });
    l.requests = server.requestCount() - before;
    l.missed = stream.predictionsMissed();
    return l;
}

// What the CLI did before RecordStream: one page at a time through RecordPager.
Listing plain(StubHttpServer &server)
{
    Clients c(server.url());
    RecordPager pager(contacts());
    Listing l;
    const int before = server.requestCount();
    Job *next = pager.requestNext(nullptr, &c.panora);
    while (next) {
        const RecordPager::Page p = pager.accept(Job::wait(next));
        next = nullptr;
        if (p.error) {
            l.error = p.error;
            break;
        }
        l.out += lines(p.rows);
        if (pager.hasMore())
            next = pager.requestNext(nullptr, &c.panora);
    }
    l.requests = server.requestCount() - before;
    return l;
}
} // namespace

class TestRecordStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scanFindsTheTopLevelCursor_data();
    void scanFindsTheTopLevelCursor();
    void predictionFollowsThePager();
    void streamsEveryPageInOrder();
    void emptyPageWithACursorAbandonsTheEarlyRequest();
    void malformedPageFailsAsTheParseSays();
    void failingPageEndsWithItsErrorAfterTheRowsBefore();
    void unreadableCursorFallsBackToThePager();
    void slowWorkerKeepsTheQueueBounded();
    void echoedSecretsAreScrubbedBeforeTheParse();
};

void TestRecordStream::scanFindsTheTopLevelCursor_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("cursor");
    auto yes = [](const char *name, const QByteArray &json, const char *cursor) {
        QTest::newRow(name) << json << true << QString::fromUtf8(cursor);
    };
    auto no = [](const char *name, const QByteArray &json) { QTest::newRow(name) << json << false << QString(); };
    yes("after data", R"({"data":[{"id":"a","next_cursor":"inner"}],"next_cursor":"abc","prev_cursor":null})", "abc");
    yes("first", R"({"next_cursor":"abc","data":[]})", "abc");
    yes("spaces everywhere", " \r\n{ \"data\" : [ 1 , 2 ] ,\t\"next_cursor\" : \"abc\" } \n", "abc");
    yes("nested lookalikes",
        R"({"x":{"next_cursor":"no"},"y":["next_cursor","no"],"z":"\"next_cursor\":\"no\"","next_cursor":"yes"})",
        "yes");
    yes("brackets inside strings", R"({"a":"}]{[","b":{"c":"]}"},"next_cursor":"ok"})", "ok");
    yes("escaped quotes before", R"({"a":"x\"y\\","next_cursor":"ok"})", "ok");
    yes("utf-8", "{\"next_cursor\":\"caf\xc3\xa9\"}", "caf\xc3\xa9");
    yes("numbers and literals", R"({"a":-1.5e3,"b":true,"c":null,"next_cursor":"n"})", "n");
    no("absent", R"({"data":[],"prev_cursor":"abc"})");
    no("only nested", R"({"data":[{"next_cursor":"abc"}]})");
    no("null", R"({"data":[],"next_cursor":null})");
    no("a number", R"({"next_cursor":12})");
    no("an object", R"({"next_cursor":{"v":"abc"}})");
    no("repeated", R"({"next_cursor":"a","data":[],"next_cursor":"b"})");
    no("escape in the value", R"({"next_cursor":"a\u0062c"})");
    no("escaped quote in the value", R"({"next_cursor":"a\"b"})");
    no("escaped key", R"({"next\u005fcursor":"abc"})");
    no("an escaped key before", R"({"a\u0062":1,"next_cursor":"abc"})");
    no("control character", "{\"next_cursor\":\"a\tb\"}");
    no("an array", R"([{"next_cursor":"abc"}])");
    no("empty object", "{}");
    no("empty", "");
    no("cut short", R"({"data":[1,2],"next_cursor":"abc")");
    no("cut inside the value", R"({"data":[1,2],"next_cursor":"abc)");
    no("unclosed list before", R"({"data":[1,2,"next_cursor":"abc"})");
    no("text after", R"({"next_cursor":"abc"} x)");
    no("no colon", R"({"next_cursor" "abc"})");
    no("missing comma", R"({"a":1 "next_cursor":"abc"})");
    no("key not a string", R"({next_cursor:"abc"})");
    no("prefix key", R"({"next_cursor_x":"abc"})");
}

void TestRecordStream::scanFindsTheTopLevelCursor()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, found);
    QFETCH(QString, cursor);
    const std::optional<QString> scanned = RecordPager::scanNextCursor(json);
    QCOMPARE(scanned.has_value(), found);
    if (!found)
        return;
    QCOMPARE(*scanned, cursor);
    // Whenever the scan answers, the parse agrees.
    QCOMPARE(QJsonDocument::fromJson(json).object().value(QLatin1String("next_cursor")).toString(), cursor);
}

void TestRecordStream::predictionFollowsThePager()
{
    const QString uuid = QStringLiteral("0f3c1a2b-1111-4222-8333-444455556666");
    const QByteArray raw = R"({"data":[{"id":"a"}],"next_cursor":")" + uuid.toLatin1() + R"("})";
    // Panora's raw UUID is sent base64-encoded, as accept() does.
    const std::optional<QString> predicted = RecordPager::predictNext(Provider::Panora, raw, QString());
    QVERIFY(predicted);
    RecordPager pager(contacts());
    QVERIFY(!pager.accept(Result::success(QJsonDocument::fromJson(raw).object())).error);
    QCOMPARE(*predicted, pager.cursor());
    QCOMPARE(*predicted, QString::fromLatin1(uuid.toLatin1().toBase64()));
    // Nango's cursors are sent as they are.
    QCOMPARE(RecordPager::predictNext(Provider::Nango, raw, QString()).value_or(QString()), uuid);
    // The cursor the page was asked with: accept() stops there, so nothing is predicted.
    QVERIFY(!RecordPager::predictNext(Provider::Nango, raw, uuid));
    QVERIFY(!RecordPager::predictNext(Provider::Panora, R"({"data":[],"next_cursor":""})", QString()));
}

void TestRecordStream::streamsEveryPageInOrder()
{
    Pages pages;
    QString cursor;
    for (int i = 0; i < 40; ++i) {
        const QString next = i < 39 ? QStringLiteral("c%1").arg(i + 1) : QString();
        pages.insert(cursor, page(QStringLiteral("p%1").arg(i), 3, next));
        cursor = next;
    }
    StubHttpServer server(serve(pages));
    QVERIFY(server.isListening());
    const Listing expected = plain(server);
    QVERIFY(!expected.error);
    QCOMPARE(expected.out.count('\n'), 120);
    for (const bool predict : { true, false }) {
        const Listing got = streamed(server, predict);
        QVERIFY2(!got.error, qPrintable(got.error.message));
        QCOMPARE(got.out, expected.out);
        QCOMPARE(got.requests, 40);
        QCOMPARE(got.missed, 0);
    }
    // With one page of room, the worker never holds more than one: the same output.
    QCOMPARE(streamed(server, true, 1).out, expected.out);
}

void TestRecordStream::emptyPageWithACursorAbandonsTheEarlyRequest()
{
    // Page 2 is empty yet names a next page: the scan predicts it, the pager stops (an empty page ends the listing).
    // Page 3 exists, so a stream that trusted the scan would list its rows.
    Pages pages;
    pages.insert(QString(), page(QStringLiteral("a"), 3, QStringLiteral("c2")));
    pages.insert(QStringLiteral("c2"), page(QStringLiteral("b"), 0, QStringLiteral("c3")));
    pages.insert(QStringLiteral("c3"), page(QStringLiteral("c"), 3, QString()));
    StubHttpServer server(serve(pages));
    const Listing expected = plain(server);
    QVERIFY(!expected.error);
    QCOMPARE(expected.out, QByteArray("a-0\na-1\na-2\n"));
    QCOMPARE(expected.requests, 2);
    const Listing got = streamed(server, true);
    QVERIFY(!got.error);
    QCOMPARE(got.out, expected.out);
    QCOMPARE(got.missed, 1);
    QVERIFY(got.requests >= 2 && got.requests <= 3); // the abandoned request may have left already
}

void TestRecordStream::malformedPageFailsAsTheParseSays()
{
    // Page 2's cursor is readable by the scan, but the page is not JSON (a trailing comma in its list).
    Pages pages;
    pages.insert(QString(), page(QStringLiteral("a"), 3, QStringLiteral("c2")));
    pages.insert(QStringLiteral("c2"), R"({"data":[{"id":"b-0"},],"next_cursor":"c3"})");
    pages.insert(QStringLiteral("c3"), page(QStringLiteral("c"), 3, QString()));
    QVERIFY(RecordPager::scanNextCursor(pages.value(QStringLiteral("c2"))));
    StubHttpServer server(serve(pages));
    const Listing expected = plain(server);
    QVERIFY(expected.error);
    QVERIFY2(expected.error.message.contains(QLatin1String("malformed JSON")), qPrintable(expected.error.message));
    for (const bool predict : { true, false }) {
        const Listing got = streamed(server, predict);
        QCOMPARE(got.out, expected.out);
        QCOMPARE(got.out, QByteArray("a-0\na-1\na-2\n"));
        QCOMPARE(got.error.kind, expected.error.kind);
        QCOMPARE(got.error.message, expected.error.message);
        QCOMPARE(got.error.hint, expected.error.hint);
        QCOMPARE(got.error.httpStatus, expected.error.httpStatus);
    }
}

void TestRecordStream::failingPageEndsWithItsErrorAfterTheRowsBefore()
{
    Pages pages;
    QString cursor;
    for (int i = 0; i < 6; ++i) {
        const QString next = QStringLiteral("c%1").arg(i + 1);
        pages.insert(cursor, page(QStringLiteral("p%1").arg(i), 3, next));
        cursor = next;
    }
    pages.insert(cursor, "status:500"); // page 7
    StubHttpServer server(serve(pages));
    const Listing expected = plain(server);
    QVERIFY(expected.error);
    QCOMPARE(expected.out.count('\n'), 18);
    QCOMPARE(expected.requests, 7);
    for (const bool predict : { true, false }) {
        const Listing got = streamed(server, predict);
        QCOMPARE(got.out, expected.out);
        QCOMPARE(got.error.message, expected.error.message);
        QCOMPARE(got.error.httpStatus, 500);
        QCOMPARE(got.requests, 7); // nothing is asked for after the failing page
    }
}

void TestRecordStream::unreadableCursorFallsBackToThePager()
{
    // Cursors the scan does not read (escaped, repeated): the stream waits for the parse and goes on from there.
    Pages pages;
    pages.insert(QString(), R"({"data":[{"id":"a"}],"next_cursor":"c\u0032"})");
    pages.insert(QStringLiteral("c2"), R"({"data":[{"id":"b"}],"next_cursor":"x","next_cursor":"c3"})");
    pages.insert(QStringLiteral("c3"), page(QStringLiteral("c"), 2, QString()));
    pages.insert(QStringLiteral("x"), page(QStringLiteral("x"), 2, QString())); // whichever of the two the parse keeps
    StubHttpServer server(serve(pages));
    const Listing expected = plain(server);
    QVERIFY2(!expected.error, qPrintable(expected.error.message));
    const Listing got = streamed(server, true);
    QVERIFY(!got.error);
    QCOMPARE(got.out, expected.out);
    QCOMPARE(got.requests, expected.requests);
    QCOMPARE(got.missed, 0);
}

void TestRecordStream::slowWorkerKeepsTheQueueBounded()
{
    // The worker is held on the first page: the stream may ask for the pages that fit in its queue, no more.
    Pages pages;
    QString cursor;
    for (int i = 0; i < 20; ++i) {
        const QString next = i < 19 ? QStringLiteral("c%1").arg(i + 1) : QString();
        pages.insert(cursor, page(QStringLiteral("p%1").arg(i), 3, next));
        cursor = next;
    }
    StubHttpServer server(serve(pages));
    QSemaphore release;
    QSemaphore entered;
    int formatted = 0;
    const int maxQueued = 2;
    int requestsWhileHeld = -1;
    std::unique_ptr<QThread> watcher(QThread::create([&] {
        entered.acquire(); // the worker is in the first page's format
        // Once the stream has asked for everything the queue allows, it cannot ask for more until released: give
        // it ample opportunity, then look.
        QThread::msleep(300);
        requestsWhileHeld = server.requestCount();
        release.release();
    }));
    watcher->start();
    const Listing got = streamed(server, true, maxQueued, [&](const QList<QJsonObject> &rows, qsizetype) {
        if (formatted++ == 0) {
            entered.release();
            release.acquire();
        }
        return lines(rows);
    });
    watcher->wait();
    QVERIFY(!got.error);
    QCOMPARE(got.out.count('\n'), 60);
    // Page 1 in the worker and page 2 queued; page 3 is asked for only once there is room.
    QVERIFY2(requestsWhileHeld <= maxQueued + 1, QByteArray::number(requestsWhileHeld).constData());
}

void TestRecordStream::echoedSecretsAreScrubbedBeforeTheParse()
{
    // A server that puts the API key and the connection token into rows (and into a cursor): the rows come out
    // with [redacted], on the undecoded path as on the plain one, and the key reaches no output.
    const QByteArray key = "sk_test_key_123456";
    const QByteArray token = "conn_token_123456";
    Pages pages;
    pages.insert(QString(), R"({"data":[{"id":"a","first_name":")" + key + R"("}],"next_cursor":"c2"})");
    pages.insert(
        QStringLiteral("c2"), R"({"data":[{"id":"b","first_name":"x )" + token + R"( y"}],"next_cursor":"c3"})");
    pages.insert(QStringLiteral("c3"), R"({"data":[{"id":"c","first_name":")" + key.toBase64() + R"("}]})");
    StubHttpServer server(serve(pages));
    const RecordStream::Format names = [](const QList<QJsonObject> &rows, qsizetype) {
        QByteArray out;
        for (const QJsonObject &row : rows)
            out += row.value(QLatin1String("first_name")).toString().toUtf8() + '\n';
        return out;
    };
    const Listing got = streamed(server, true, 3, names);
    QVERIFY(!got.error);
    QCOMPARE(got.out, QByteArray("[redacted]\nx [redacted] y\n[redacted]\n"));
    QVERIFY(!got.out.contains(key) && !got.out.contains(token) && !got.out.contains(key.toBase64()));
}

QTEST_GUILESS_MAIN(TestRecordStream)
#include "tst_recordstream.moc"
