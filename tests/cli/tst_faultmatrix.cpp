// The fault matrix (docs/RELIABILITY.md, "Fault matrix"): every fault a broken or hostile server produces, against
// every kind of operation a user runs in crossline-cli — reads (contacts list from Panora and from Nango, contacts
// get) and requests that change something (contacts create, nango import, nango delete, whatsapp test, twilio test).
// Each row runs the built CLI against one embedded sandbox and checks what the user gets: the exit code (never a
// crash or a hang), the class of message (a read names the host; a send without a complete answer says it was not
// sent again and what may have happened, never "raise the timeout"), how many times the server received the request
// (a send at most once, under every fault; a read again only after 429/502/503/504/a broken connection), and that no
// secret appears in what it printed, in any encoding.
//
// Most faults are the sandbox's own (sandbox::Fault). What it cannot do — a Retry-After as an HTTP-date or absent, a
// 5xx page in HTML, redirects, answers that echo the secrets, a list where an object belongs — a "front" does: a
// StubHttpServer in front of each sandbox listener that passes every request on, except the one the row aims at.
// What Crossline gets wrong today is marked in knownProblems(): the row expects that problem (QEXPECT_FAIL, reported
// with the command and what it printed) and fails on any other, and once the problem is gone, until its mark is
// removed.
#include "clirunner.h"
#include "sandbox/sandbox.h"
#include "stubhttpserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace crossline::test;
using crossline::sandbox::Fault;
using crossline::sandbox::RecordedRequest;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

namespace {

constexpr int kTimeoutSeconds = 2; // --timeout of every row: the slow faults end there
const QByteArray kImportedToken = QByteArrayLiteral("EAAGfaultMatrixToken0123456789abcdef");
const QString kUser = QStringLiteral("user"); // the user of the Basic credentials an echo quotes

// ---- the operations ---------------------------------------------------------------------------------------------

// One kind of operation, as a user runs it, and the request of it that the faults aim at.
struct Operation
{
    QString name;
    bool send = false; // it changes something: never sent twice
    QString service; // the sandbox listener it goes to: "nango" or "panora"
    QByteArray method; // its request (the twilio test's lookup of the Account SID comes first and is not aimed at)
    QString path; // the request's path, or the start of it
    QString upstream; // where the emulated Nango forwards it ("whatsapp", "twilio"); empty: nowhere
    QByteArray upstreamMethod;
    QStringList args; // after --timeout; "%1" stands for the row's own connection id
    QByteArray stdinData;
    bool needsConnection = false; // the row first imports the connection it deletes
};

const QList<Operation> &operations()
{
    static const QList<Operation> ops = [] {
        const QString nango = QStringLiteral("nango");
        const QString panora = QStringLiteral("panora");
        QList<Operation> o;
        o.append(
            { QStringLiteral("contacts list panora"), false, panora, "GET", QStringLiteral("/crm/contacts"), {}, {},
                { QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
                    QStringLiteral("--limit=5") },
                {} });
        o.append({ QStringLiteral("contacts list nango"), false, nango, "GET", QStringLiteral("/crm/contacts"), {}, {},
            { QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=nango"),
                QStringLiteral("--limit=5") },
            {} });
        o.append({ QStringLiteral("contacts get"), false, nango, "GET", QStringLiteral("/crm/contacts/contact_100"), {},
            {}, { QStringLiteral("unified"), QStringLiteral("-") },
            R"({"provider":"nango","resource":"crm.contact","operation":"get","id":"contact_100"})" });
        o.append({ QStringLiteral("contacts create"), true, panora, "POST", QStringLiteral("/crm/contacts"), {}, {},
            { QStringLiteral("unified"), QStringLiteral("-") },
            R"({"provider":"panora","resource":"crm.contact","operation":"create",)"
            R"("data":{"first_name":"Fault","last_name":"Matrix"}})" });
        // Nango verifies the token with WhatsApp (GET /v21.0/me) before it saves the connection.
        o.append({ QStringLiteral("nango import"), true, nango, "POST", QStringLiteral("/connections"),
            QStringLiteral("whatsapp"), "GET",
            { QStringLiteral("nango"), QStringLiteral("import"),
                QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=%1"),
                QStringLiteral("--apiKey=-") },
            kImportedToken + '\n' });
        o.append({ QStringLiteral("nango delete"), true, nango, "DELETE", QStringLiteral("/connections/"), {}, {},
            { QStringLiteral("nango"), QStringLiteral("delete"),
                QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=%1"),
                QStringLiteral("--yes") },
            {}, true });
        o.append({ QStringLiteral("whatsapp test"), true, nango, "POST", QStringLiteral("/proxy/"),
            QStringLiteral("whatsapp"), "POST",
            { QStringLiteral("whatsapp"), QStringLiteral("test"),
                QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
                QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567"),
                QStringLiteral("--body=Fault matrix") },
            {} });
        o.append({ QStringLiteral("twilio test"), true, nango, "POST", QStringLiteral("/proxy/2010-04-01/Accounts/"),
            QStringLiteral("twilio"), "POST",
            { QStringLiteral("twilio"), QStringLiteral("test"), QStringLiteral("--providerConfigKey=twilio"),
                QStringLiteral("--connectionId=conn_twilio_1"), QStringLiteral("--from=+15005550006"),
                QStringLiteral("--to=+15551234567"), QStringLiteral("--body=Fault matrix") },
            {} });
        return o;
    }();
    return ops;
}

bool aimedAt(const Operation &op, const QByteArray &method, const QString &path)
{
    return method == op.method && path.startsWith(op.path);
}

// ---- the front: what the sandbox cannot answer ------------------------------------------------------------------

enum class FrontFault
{
    None,
    RetryAfterDate, // 429 with Retry-After as an HTTP-date 2 s ahead, then passed on
    RetryAfterMissing, // 429 without Retry-After, then passed on
    Html502, // a load balancer's 502 page (text/html), then passed on
    Html500, // a 500 page in HTML
    RedirectSameOrigin, // 302 to the same path under /moved on the front, which passes that on
    RedirectCrossOrigin, // 307 to the same path on the sandbox itself: another origin, which must receive nothing
    EchoInError, // 400 in the service's error envelope, quoting the secrets it was sent in every encoding
    EchoInAnswer, // passed on; the answer (body and a header) quotes the secrets it was sent
    ListForObject, // passed on; an object answer comes back as a list holding it, a list as an object
};

// The texts an echoing server writes of a secret: as it is, "Bearer …", base64 (standard and URL-safe unpadded),
// Basic credentials and percent-encoded.
QByteArray echoOf(const QStringList &secrets)
{
    QByteArray text;
    for (const QString &secret : secrets) {
        const QByteArray s = secret.toUtf8();
        text += " key=" + s + " Authorization: Bearer " + s + " debug=" + s.toBase64()
            + " url=" + s.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + " Basic "
            + QByteArray(kUser.toUtf8() + ':' + s).toBase64() + " q=" + QUrl::toPercentEncoding(secret);
    }
    return text.trimmed();
}

// Every object in `value` (down to the records of a list) gets an "echo" field.
QJsonValue withEcho(const QJsonValue &value, const QString &echo, int depth = 0)
{
    if (depth > 3)
        return value;
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(withEcho(v, echo, depth + 1));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), withEcho(it.value(), echo, depth + 1));
    out.insert(QStringLiteral("echo"), echo);
    return out;
}

// A StubHttpServer in front of one sandbox listener. It passes every request on (one connection each, blocking: it
// runs on the stub's own thread), except the one the row's fault aims at.
class Front
{
public:
    Front(const QUrl &target, const QString &service)
        : m_target(target)
        , m_service(service)
        , m_server([this](const StubHttpServer::Request &r) { return answer(r); })
    {
    }

    QUrl url() const { return m_server.url(); }
    bool isListening() const { return m_server.isListening(); }

    void aim(FrontFault fault, const Operation *op, const QStringList &secrets)
    {
        QMutexLocker lock(&m_mutex);
        m_fault = op && op->service == m_service ? fault : FrontFault::None;
        m_op = op;
        m_secrets = secrets;
        m_done = false;
    }
    // How many of the operation's requests it received.
    int received(const Operation &op) const
    {
        int n = 0;
        for (const StubHttpServer::Request &r : m_server.requests())
            n += aimedAt(op, r.method, QUrl::fromPercentEncoding(r.target.split('?').first()));
        return n;
    }

private:
    StubHttpServer::Response answer(const StubHttpServer::Request &request)
    {
        FrontFault fault = FrontFault::None;
        QStringList secrets;
        {
            QMutexLocker lock(&m_mutex);
            const QString path = QUrl::fromPercentEncoding(request.target.split('?').first());
            if (m_op && !m_done && aimedAt(*m_op, request.method, path)) {
                fault = m_fault;
                secrets = m_secrets;
                m_done = fault != FrontFault::EchoInAnswer && fault != FrontFault::ListForObject;
            }
        }
        const bool nango = m_service == QLatin1String("nango");
        switch (fault) {
        case FrontFault::None:
            break;
        case FrontFault::RetryAfterDate:
        case FrontFault::RetryAfterMissing: {
            StubHttpServer::Response r = StubHttpServer::json(429,
                nango ? R"({"error":{"code":"too_many_request"}})"
                      : R"({"statusCode":429,"message":"ThrottlerException: Too Many Requests"})");
            if (fault == FrontFault::RetryAfterDate)
                r.headers.append({ "Retry-After",
                    QLocale::c()
                            .toString(
                                QDateTime::currentDateTimeUtc().addSecs(2), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
                            .toLatin1()
                        + " GMT" });
            return r;
        }
        case FrontFault::Html502:
        case FrontFault::Html500: {
            const int status = fault == FrontFault::Html502 ? 502 : 500;
            return { status, { { "Content-Type", "text/html" } },
                "<html><head><title>" + QByteArray::number(status)
                    + "</title></head><body><center><h1>Server Error</h1></center><hr><center>nginx</center></body>"
                      "</html>" };
        }
        case FrontFault::RedirectSameOrigin:
            return { 302, { { "Location", m_server.url().toEncoded() + "/moved" + request.target } }, {} };
        case FrontFault::RedirectCrossOrigin:
            return { 307, { { "Location", m_target.toEncoded() + request.target } }, {} };
        case FrontFault::EchoInError: {
            const QString echo = QString::fromUtf8("Invalid request: " + echoOf(secrets));
            const QJsonObject body = nango
                ? QJsonObject { { QStringLiteral("error"),
                    QJsonObject { { QStringLiteral("code"), QStringLiteral("invalid_request") },
                        { QStringLiteral("message"), echo } } } }
                : QJsonObject { { QStringLiteral("statusCode"), 400 }, { QStringLiteral("message"), echo } };
            return StubHttpServer::json(400, QJsonDocument(body).toJson(QJsonDocument::Compact));
        }
        case FrontFault::EchoInAnswer:
        case FrontFault::ListForObject: {
            StubHttpServer::Response r = forward(request);
            if (r.status / 100 != 2)
                return r;
            const QJsonDocument doc = QJsonDocument::fromJson(r.body);
            if (fault == FrontFault::EchoInAnswer) {
                const QString echo = QString::fromUtf8(echoOf(secrets));
                r.headers.append({ "X-Debug", echoOf(secrets) });
                const QJsonValue body
                    = withEcho(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), echo);
                r.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                        : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
            } else {
                r.body = doc.isArray() ? QJsonDocument(QJsonObject { { QStringLiteral("items"), doc.array() } })
                                             .toJson(QJsonDocument::Compact)
                                       : QJsonDocument(QJsonArray { doc.object() }).toJson(QJsonDocument::Compact);
            }
            return r;
        }
        }
        StubHttpServer::Request passed = request;
        if (passed.target.startsWith("/moved/"))
            passed.target = passed.target.mid(6);
        return forward(passed);
    }

    // The request to the sandbox, and its answer; a 599 says what went wrong on the way (the row then fails).
    StubHttpServer::Response forward(const StubHttpServer::Request &request) const
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_target.port()));
        if (!socket.waitForConnected(5000))
            return StubHttpServer::json(599, R"({"front":"cannot connect to the sandbox"})");
        QByteArray out = request.method + ' ' + request.target + " HTTP/1.1\r\n";
        for (const auto &[name, value] : request.headers) {
            if (name.compare("Connection", Qt::CaseInsensitive) != 0
                && name.compare("Keep-Alive", Qt::CaseInsensitive) != 0)
                out += name + ": " + value + "\r\n";
        }
        out += "Connection: close\r\n\r\n" + request.body;
        socket.write(out);
        QByteArray in;
        while (socket.waitForReadyRead(10000))
            in += socket.readAll();
        in += socket.readAll();
        const qsizetype headEnd = in.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return StubHttpServer::json(599, R"({"front":"no answer from the sandbox"})");
        const QList<QByteArray> lines = in.left(headEnd).split('\n');
        StubHttpServer::Response r { lines.first().split(' ').value(1).toInt(), {}, in.mid(headEnd + 4) };
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            const QByteArray name = lines.at(i).left(colon).trimmed();
            if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
                return StubHttpServer::json(599, R"({"front":"a chunked answer, which it cannot pass on"})");
            if (colon > 0 && name.compare("Content-Length", Qt::CaseInsensitive) != 0
                && name.compare("Connection", Qt::CaseInsensitive) != 0
                && name.compare("Keep-Alive", Qt::CaseInsensitive) != 0)
                r.headers.append({ name, lines.at(i).mid(colon + 1).trimmed() });
        }
        return r;
    }

    const QUrl m_target;
    const QString m_service;
    mutable QMutex m_mutex;
    FrontFault m_fault = FrontFault::None;
    const Operation *m_op = nullptr;
    QStringList m_secrets;
    bool m_done = false;
    StubHttpServer m_server; // last: it answers from its thread as soon as it is constructed
};

// ---- the faults, and what each must give --------------------------------------------------------------------------

// What a user gets under a fault, for a read or for a send.
struct Expect
{
    int exit = 0;
    QStringList says; // the error output (stderr; stdout with --json) contains each; "%1" stands for the host
    int atLeast = 1; // how many times the server received the operation's request
    int atMost = 1;
    QStringList never; // … and contains none of these
};

struct FaultCase
{
    QString name;
    std::optional<Fault> sandbox; // injected into the sandbox, aimed at the operation's request
    FrontFault front = FrontFault::None;
    bool refused = false; // nobody listens at the base URLs
    Expect read;
    Expect send;
    QString how; // how the fault is made, for the report
    bool json = false; // run with --json --verbose (everything the CLI can print)
    QList<QPair<QString, Expect>> instead; // an operation that must give something else
};

Fault fault(Fault::Kind kind, int times = 1, int delayMs = 0, int status = 503, int retryAfter = 1)
{
    Fault f;
    f.kind = kind;
    f.times = times;
    f.delayMs = delayMs;
    f.status = status;
    f.retryAfterSeconds = retryAfter;
    return f;
}

// The classes of what a user gets.
const Expect kWorks { 0, {}, 1, 1, {} };
const Expect kRecovers { 0, {}, 2, 4, {} }; // a read tried again, within its bound (4 attempts)
// The server's own answer (an HTTP error), passed on.
Expect answered(const QString &status, int atMost = 1)
{
    return { 1, { QStringLiteral("HTTP ") + status }, 1, atMost, {} };
}
Expect readTimedOut(const QString &how)
{
    return { 1, { QStringLiteral("%1 ") + how + QStringLiteral(" within 2 s") }, 1, 1, {} };
}
// A 2xx answer that cannot be read.
Expect unreadable(const QString &what)
{
    return { 1, { what }, 1, 1, {} };
}
// …which, for a send, the server accepted: nothing may invite sending it again.
Expect acceptedUnreadable(const QString &what)
{
    return { 1, { what }, 1, 1, { QStringLiteral("try again"), QStringLiteral("sending it again is safe") } };
}
// A send that left and got no complete answer: not sent again, may have taken effect.
Expect outcomeUnknown(const QString &what)
{
    return { 1,
        { what, QStringLiteral("it was not sent again"), QStringLiteral("code outcome_unknown"),
            QStringLiteral("may have") },
        1, 1, { QStringLiteral("sending it again is safe") } };
}

const QList<FaultCase> &faults()
{
    using K = Fault::Kind;
    const QString sandboxHtml = QStringLiteral("%1 returned HTML instead of JSON");
    const Expect echoShown { 0, { QStringLiteral("[redacted]") }, 1, 1, {} }; // the answer, printed, masked
    static const QList<FaultCase> list {
        { QStringLiteral("no fault"), std::nullopt, FrontFault::None, false, kWorks, kWorks, QStringLiteral("none") },
        { QStringLiteral("429 Retry-After 1"), fault(K::TooManyRequests, 1, 0, 429, 1), {}, false, kRecovers,
            answered(QStringLiteral("429")), QStringLiteral("sandbox TooManyRequests retryAfterSeconds=1") },
        { QStringLiteral("429 Retry-After beyond the budget"), fault(K::TooManyRequests, 1, 0, 429, 3600), {}, false,
            answered(QStringLiteral("429")), answered(QStringLiteral("429")),
            QStringLiteral("sandbox TooManyRequests retryAfterSeconds=3600") },
        { QStringLiteral("429 Retry-After HTTP-date"), std::nullopt, FrontFault::RetryAfterDate, false, kRecovers,
            answered(QStringLiteral("429")), QStringLiteral("front: 429, Retry-After: <IMF-fixdate 2 s ahead>") },
        { QStringLiteral("429 without Retry-After"), std::nullopt, FrontFault::RetryAfterMissing, false, kRecovers,
            answered(QStringLiteral("429")), QStringLiteral("front: 429, no Retry-After") },
        { QStringLiteral("500 JSON"), fault(K::ServerError, 1, 0, 500), {}, false, answered(QStringLiteral("500")),
            answered(QStringLiteral("500")), QStringLiteral("sandbox ServerError status=500") },
        { QStringLiteral("502 JSON"), fault(K::ServerError, 1, 0, 502), {}, false, kRecovers,
            answered(QStringLiteral("502")), QStringLiteral("sandbox ServerError status=502") },
        { QStringLiteral("503 JSON"), fault(K::ServerError, 1, 0, 503), {}, false, kRecovers,
            answered(QStringLiteral("503")), QStringLiteral("sandbox ServerError status=503") },
        { QStringLiteral("504 JSON"), fault(K::ServerError, 1, 0, 504), {}, false, kRecovers,
            answered(QStringLiteral("504")), QStringLiteral("sandbox ServerError status=504") },
        { QStringLiteral("502 HTML"), std::nullopt, FrontFault::Html502, false, kRecovers,
            answered(QStringLiteral("502")), QStringLiteral("front: 502, an nginx page in text/html") },
        { QStringLiteral("500 HTML"), std::nullopt, FrontFault::Html500, false, answered(QStringLiteral("500")),
            answered(QStringLiteral("500")), QStringLiteral("front: 500, an nginx page in text/html") },
        { QStringLiteral("reset before the answer"), fault(K::Reset), {}, false, kRecovers,
            outcomeUnknown(QStringLiteral("broke after the request was sent")),
            QStringLiteral("sandbox Reset (the request is not handled)") },
        { QStringLiteral("wrong Content-Length, reset mid-body"), fault(K::TruncatedBody), {}, false, kRecovers,
            outcomeUnknown(QStringLiteral("answer broke off")),
            QStringLiteral("sandbox TruncatedBody: 200, a Content-Length 100 bytes too large, half the body, close "
                           "(not handled)") },
        { QStringLiteral("malformed JSON"), fault(K::MalformedJson), {}, false,
            unreadable(QStringLiteral("%1 sent malformed JSON")),
            acceptedUnreadable(QStringLiteral("%1 sent malformed JSON")),
            QStringLiteral("sandbox MalformedJson: 200 with broken JSON (not handled)") },
        // Nango's compatible paths diagnose a web app's page ("This Nango has no /crm/contacts: … HTML page").
        { QStringLiteral("HTML 200"), fault(K::Html200), {}, false, unreadable(QStringLiteral("HTML")),
            acceptedUnreadable(sandboxHtml), QStringLiteral("sandbox Html200 (not handled)") },
        // unified prints the provider's JSON as it came; import and delete do not depend on the answer's shape.
        { QStringLiteral("list where an object belongs"), std::nullopt, FrontFault::ListForObject, false,
            unreadable(QStringLiteral("%1")), kWorks,
            QStringLiteral("front: passed on; a 2xx object answer comes back as [object], a list as {\"items\": list}"),
            false,
            { { QStringLiteral("contacts get"), kWorks },
                { QStringLiteral("whatsapp test"), acceptedUnreadable(QStringLiteral("its answer names no message")) },
                { QStringLiteral("twilio test"),
                    acceptedUnreadable(QStringLiteral("its answer names no message")) } } },
        { QStringLiteral("drip"), fault(K::Drip, 1, 300), {}, false,
            readTimedOut(QStringLiteral("started answering but did not finish")),
            outcomeUnknown(QStringLiteral("did not finish within 2 s")),
            QStringLiteral("sandbox Drip delayMs=300 (handled; the answer's bytes one every 300 ms)") },
        { QStringLiteral("stall after headers"), fault(K::Drip, 1, 5000), {}, false,
            readTimedOut(QStringLiteral("started answering but did not finish")),
            outcomeUnknown(QStringLiteral("did not finish within 2 s")),
            QStringLiteral("sandbox Drip delayMs=5000 (handled; status, headers and one byte, then nothing)") },
        { QStringLiteral("hang"), fault(K::Hang, 1, 2500), {}, false, readTimedOut(QStringLiteral("did not answer")),
            outcomeUnknown(QStringLiteral("did not answer within 2 s")),
            QStringLiteral("sandbox Hang delayMs=2500 (handled after the CLI gave up)") },
        { QStringLiteral("handled then silent"), fault(K::HandledThenSilent, 1, 2500), {}, false,
            readTimedOut(QStringLiteral("did not answer")), outcomeUnknown(QStringLiteral("did not answer within 2 s")),
            QStringLiteral("sandbox HandledThenSilent delayMs=2500") },
        { QStringLiteral("302 within the origin"), std::nullopt, FrontFault::RedirectSameOrigin, false, kWorks,
            { 1, { QStringLiteral("answered with a redirect"), QStringLiteral("not carried out") }, 1, 1, {} },
            QStringLiteral("front: 302 to <front>/moved<path>, which it passes on") },
        { QStringLiteral("307 to another origin"), std::nullopt, FrontFault::RedirectCrossOrigin, false,
            { 1, { QStringLiteral("%1 redirected to another origin") }, 1, 1, {} },
            { 1, { QStringLiteral("%1 redirected to another origin") }, 1, 1, {} },
            QStringLiteral("front: 307 to the same path on the sandbox's own port") },
        { QStringLiteral("400 echoing the secrets"), std::nullopt, FrontFault::EchoInError, false,
            { 1, { QStringLiteral("[redacted]"), QStringLiteral("\"httpStatus\": 400") }, 1, 1, {} },
            { 1, { QStringLiteral("[redacted]"), QStringLiteral("\"httpStatus\": 400") }, 1, 1, {} },
            QStringLiteral("front: 400 in the service's envelope quoting the secrets it was sent: raw, Bearer, "
                           "base64, URL-safe base64, Basic, percent-encoded"),
            true },
        { QStringLiteral("answer echoing the secrets"), std::nullopt, FrontFault::EchoInAnswer, false, echoShown,
            echoShown,
            QStringLiteral("front: passed on; the 2xx answer gets an \"echo\" field in every object and an X-Debug "
                           "header quoting the secrets it was sent, in every encoding"),
            // import and delete print what they did, field by field, not the answer
            true, { { QStringLiteral("nango import"), kWorks }, { QStringLiteral("nango delete"), kWorks } } },
        { QStringLiteral("nobody listens"), std::nullopt, FrontFault::None, true,
            { 1, { QStringLiteral("Could not reach %1") }, 0, 0, {} },
            { 1, { QStringLiteral("Nothing was sent"), QStringLiteral("code not_sent") }, 0, 0, {} },
            QStringLiteral("the base URLs name a port nobody listens on"), false,
            { { QStringLiteral("twilio test"), // the Account SID lookup (a read) fails first
                { 1, { QStringLiteral("The SMS was not sent"), QStringLiteral("Could not reach %1") }, 0, 0, {} } } } },
    };
    return list;
}

// A problem a cell has today: the row expects it (QEXPECT_FAIL), and fails once it is gone, until its mark is removed.
struct Known
{
    QStringList faults;
    QStringList operations;
    QStringList problems; // how the problem's lines start
    QString why;
};

const QList<Known> &knownProblems()
{
    // None today. The six this matrix found when it was written (a DELETE without an answer called "not sent", "try
    // again" after an unreadable 2xx to a send, a deadline called a broken answer, a page object taken for a record,
    // an SMS answer without a SID accepted, Qt's "device not open" on stderr) are fixed; a new one goes here, e.g.
    // { { "drip" }, { "nango delete" }, { "it says \"Nothing was sent\"" }, "why" }.
    static const QList<Known> list;
    return list;
}

QString shellQuoted(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("\\A[A-Za-z0-9_./=:+@,%-]+\\z"));
    return plain.match(word).hasMatch()
        ? word
        : QLatin1Char('\'') + QString(word).replace(u'\'', QStringLiteral("'\\''")) + u'\'';
}

} // namespace

class TestFaultMatrix : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void everyFaultAgainstEveryOperation_data();
    void everyFaultAgainstEveryOperation();

private:
    QProcessEnvironment environment(const QUrl &nango, const QUrl &panora) const;
    int atSandbox(const Operation &op) const;
    int atUpstream(const Operation &op) const;

    Sandbox m_sandbox;
    QTemporaryDir m_root;
    std::unique_ptr<Front> m_nangoFront;
    std::unique_ptr<Front> m_panoraFront;
    int m_row = 0;
};

void TestFaultMatrix::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY(m_root.isValid());
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
    m_nangoFront = std::make_unique<Front>(m_sandbox.nangoBaseUrl(), QStringLiteral("nango"));
    m_panoraFront = std::make_unique<Front>(m_sandbox.panoraBaseUrl(), QStringLiteral("panora"));
    QVERIFY(m_nangoFront->isListening() && m_panoraFront->isListening());
}

void TestFaultMatrix::init()
{
    m_sandbox.clearFaults();
    m_sandbox.clearRequests();
}

void TestFaultMatrix::cleanupTestCase()
{
    m_nangoFront.reset();
    m_panoraFront.reset();
    m_sandbox.stop();
}

QProcessEnvironment TestFaultMatrix::environment(const QUrl &nango, const QUrl &panora) const
{
    QProcessEnvironment env = scrubbedEnvironment(m_root.path(), false);
    env.insert(QStringLiteral("NANGO_API_BASE"), nango.toString());
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), SandboxCredentials::nangoSecretKey());
    env.insert(QStringLiteral("PANORA_API_URL"), panora.toString());
    env.insert(QStringLiteral("PANORA_API_KEY"), SandboxCredentials::panoraApiKey());
    env.insert(QStringLiteral("PANORA_CONNECTION_TOKEN"), SandboxCredentials::panoraConnectionToken());
    return env;
}

int TestFaultMatrix::atSandbox(const Operation &op) const
{
    int n = 0;
    for (const RecordedRequest &r : m_sandbox.requests(op.service))
        n += !r.upstream && aimedAt(op, r.method, r.path);
    return n;
}

int TestFaultMatrix::atUpstream(const Operation &op) const
{
    if (op.upstream.isEmpty())
        return 0;
    int n = 0;
    for (const RecordedRequest &r : m_sandbox.requests(op.upstream))
        n += r.method == op.upstreamMethod;
    return n;
}

void TestFaultMatrix::everyFaultAgainstEveryOperation_data()
{
    QTest::addColumn<int>("faultIndex");
    QTest::addColumn<int>("operationIndex");
    // Fault by fault: a request a fault keeps busy in the sandbox after the CLI gave up (hang) ends during the
    // next operation's row, whose requests are others.
    for (int f = 0; f < faults().size(); ++f) {
        for (int o = 0; o < operations().size(); ++o)
            QTest::addRow("%s / %s", qPrintable(faults().at(f).name), qPrintable(operations().at(o).name)) << f << o;
    }
}

void TestFaultMatrix::everyFaultAgainstEveryOperation()
{
    QFETCH(int, faultIndex);
    QFETCH(int, operationIndex);
    const FaultCase &fc = faults().at(faultIndex);
    const Operation &op = operations().at(operationIndex);
    Expect expect = op.send ? fc.send : fc.read;
    for (const auto &[name, other] : fc.instead) {
        if (name == op.name)
            expect = other;
    }
    const QString connection = QStringLiteral("fm-%1").arg(++m_row);

    QUrl nango = m_sandbox.nangoBaseUrl();
    QUrl panora = m_sandbox.panoraBaseUrl();
    if (op.needsConnection) {
        const CliRun created = runCli(
            { QStringLiteral("nango"), QStringLiteral("import"),
                QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=") + connection,
                QStringLiteral("--apiKey=-"), QStringLiteral("--skip-verification") },
            environment(nango, panora), kImportedToken + '\n');
        QVERIFY2(created.exitCode == 0, qPrintable(created.all()));
        m_sandbox.clearRequests();
    }
    const QStringList secrets { SandboxCredentials::nangoSecretKey(), SandboxCredentials::panoraApiKey(),
        SandboxCredentials::panoraConnectionToken(), QString::fromUtf8(kImportedToken) };
    if (fc.sandbox) {
        Fault f = *fc.sandbox;
        f.service = op.service;
        f.method = op.method;
        f.pathPrefix = op.path;
        m_sandbox.injectFault(f);
    }
    Front *front = op.service == QLatin1String("nango") ? m_nangoFront.get() : m_panoraFront.get();
    const int frontBefore = front->received(op);
    if (fc.front != FrontFault::None) {
        // What this server was sent, and so may echo: the imported token only by the import.
        QStringList sent = op.service == QLatin1String("nango")
            ? QStringList { SandboxCredentials::nangoSecretKey() }
            : QStringList { SandboxCredentials::panoraApiKey(), SandboxCredentials::panoraConnectionToken() };
        if (op.stdinData == kImportedToken + '\n')
            sent << QString::fromUtf8(kImportedToken);
        m_nangoFront->aim(fc.front, &op, sent);
        m_panoraFront->aim(fc.front, &op, sent);
        nango = m_nangoFront->url();
        panora = m_panoraFront->url();
    }
    if (fc.refused) {
        QTcpServer probe; // a port that was free a moment ago: nobody listens there now
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        nango = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        panora = nango;
        probe.close();
    }

    QStringList args { QStringLiteral("--timeout=%1").arg(kTimeoutSeconds) };
    if (fc.json)
        args << QStringLiteral("--json") << QStringLiteral("--verbose");
    for (const QString &a : op.args)
        args << (a.contains(QLatin1String("%1")) ? a.arg(connection) : a);
    const QProcessEnvironment env = environment(nango, panora);
    const CliRun r = runCli(args, env, op.stdinData);
    m_nangoFront->aim(FrontFault::None, nullptr, {});
    m_panoraFront->aim(FrontFault::None, nullptr, {});

    const int sandboxGot = atSandbox(op);
    const int serverGot = fc.front != FrontFault::None ? front->received(op) - frontBefore : sandboxGot;
    const int upstreamGot = atUpstream(op);
    const QString host = QStringLiteral("127.0.0.1");
    const QString said = QString::fromUtf8(fc.json ? r.out + r.err : r.err);

    QStringList problems;
    if (r.exitCode < 0)
        problems << (r.exitCode == -2 ? QStringLiteral("it crashed") : QStringLiteral("it hung (killed after 90 s)"));
    else if (r.exitCode != expect.exit)
        problems << QStringLiteral("exit code %1, expected %2").arg(r.exitCode).arg(expect.exit);
    for (const QString &phrase : expect.says) {
        const QString p = phrase.contains(QLatin1String("%1")) ? phrase.arg(host) : phrase;
        if (!p.isEmpty() && !said.contains(p))
            problems << QStringLiteral("it does not say \"%1\"").arg(p);
    }
    for (const QString &phrase : expect.never) {
        if (said.contains(phrase))
            problems << QStringLiteral("it says \"%1\"").arg(phrase);
    }
    if (expect.exit == 0 && r.out.trimmed().isEmpty())
        problems << QStringLiteral("nothing on stdout");
    if (serverGot > 0 && said.contains(QLatin1String("Nothing was sent")))
        problems << QStringLiteral("it says \"Nothing was sent\", but the server received it");
    static const QRegularExpression qtWarning(QStringLiteral("(?m)^Q[A-Za-z]+::.*$"));
    if (const QRegularExpressionMatch m = qtWarning.match(QString::fromUtf8(r.err)); m.hasMatch())
        problems << QStringLiteral("a Qt warning on stderr: ") + m.captured();
    if (op.send && said.contains(QLatin1String("raise the timeout")))
        problems << QStringLiteral("it says \"raise the timeout\" for a send: following that sends it twice");
    if (serverGot < expect.atLeast || serverGot > expect.atMost)
        problems << QStringLiteral("the server received it %1 time(s), expected %2")
                        .arg(serverGot)
                        .arg(expect.atLeast == expect.atMost
                                ? QString::number(expect.atLeast)
                                : QStringLiteral("%1 to %2").arg(expect.atLeast).arg(expect.atMost));
    if (op.send && (sandboxGot > 1 || upstreamGot > 1))
        problems << QStringLiteral("sent more than once: the sandbox received it %1 time(s), %2 %3 time(s)")
                        .arg(sandboxGot)
                        .arg(op.upstream)
                        .arg(upstreamGot);
    if (fc.front == FrontFault::RedirectCrossOrigin && sandboxGot != 0)
        problems << QStringLiteral("the other origin received it %1 time(s)").arg(sandboxGot);
    for (const QString &leak : secretsIn(r.out, secrets))
        problems << QStringLiteral("stdout holds a secret: ") + leak;
    for (const QString &leak : secretsIn(r.err, secrets))
        problems << QStringLiteral("stderr holds a secret: ") + leak;

    QStringList command { QStringLiteral("NANGO_API_BASE=") + nango.toString(),
        QStringLiteral("PANORA_API_URL=") + panora.toString(), QStringLiteral("crossline-cli") };
    for (const QString &a : args)
        command << shellQuoted(a);
    if (!op.stdinData.isEmpty())
        command.prepend(
            QStringLiteral("printf '%s\\n' %1 |").arg(shellQuoted(QString::fromUtf8(op.stdinData).trimmed())));
    const QString report = QStringLiteral("fault: ") + fc.how + QStringLiteral("\n   $ ") + command.join(u' ')
        + QStringLiteral("\n   exit %1; the server received it %2 time(s), the sandbox %3, %4 %5")
              .arg(r.exitCode)
              .arg(serverGot)
              .arg(sandboxGot)
              .arg(op.upstream.isEmpty() ? QStringLiteral("upstream") : op.upstream)
              .arg(upstreamGot)
        + QStringLiteral("\n   stdout: ") + QString::fromUtf8(r.out.trimmed().left(300))
        + QStringLiteral("\n   stderr: ") + QString::fromUtf8(r.err.trimmed().left(600));
    // The problems a mark expects, and the others.
    QList<QPair<const Known *, QStringList>> marked;
    for (const Known &k : knownProblems()) {
        if (k.faults.contains(fc.name) && k.operations.contains(op.name))
            marked.append(qMakePair(&k, QStringList()));
    }
    QStringList unexpected;
    for (const QString &problem : std::as_const(problems)) {
        bool expected = false;
        for (auto &[k, hits] : marked) {
            for (const QString &start : k->problems) {
                if (problem.startsWith(start)) {
                    hits << problem;
                    expected = true;
                    break;
                }
            }
        }
        if (!expected)
            unexpected << problem;
    }
    QVERIFY2(
        unexpected.isEmpty(), qPrintable(unexpected.join(QStringLiteral("; ")) + QStringLiteral("\n   ") + report));
    for (const auto &[k, hits] : std::as_const(marked)) {
        QEXPECT_FAIL("", qPrintable(QStringLiteral("known: %1\n   %2").arg(k->why, report)), Continue);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QStringLiteral("; "))));
    }
}

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
