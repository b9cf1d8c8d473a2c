#include "sandbox.h"

#include "faultinjector.h"
#include "httpserver.h"
#include "httputil.h"
#include "nangoservice.h"
#include "panoraservice.h"
#include "requestlog.h"
#include "twilioupstream.h"
#include "whatsappupstream.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

namespace crossline::sandbox {

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString SandboxCredentials::nangoSecretKey()
{
    return QStringLiteral("4f1c5e3a-9b2d-4c7e-8a6f-2d3b1e0c9a57");
}

QString SandboxCredentials::panoraApiKey()
{
    return QStringLiteral("sk_sandbox_3f9a1c7e5b2d4e6f8a0b1c2d3e4f5a6b");
}

QString SandboxCredentials::panoraConnectionToken()
{
    return QStringLiteral("b008e199-eda9-4629-bd41-a01b6195864a");
}

QString SandboxCredentials::twilioAccountSid()
{
    return QStringLiteral("AC5ef8732a3c49700934481addd5ce1659");
}

namespace {

const QString kNango = QStringLiteral("nango");
const QByteArray kEchoUser = QByteArrayLiteral("user"); // the user of the Basic credentials an echo quotes

// The credentials `request` carried: its credential headers' values (a "Bearer"/"Basic" scheme taken off) and the
// strings under a "credentials" key of its JSON body.
QList<QByteArray> credentialsOf(const ServiceRequest &request)
{
    QList<QByteArray> out;
    for (const QByteArray &name : { QByteArrayLiteral("Authorization"), QByteArrayLiteral("x-api-key"),
             QByteArrayLiteral("x-connection-token") }) {
        QByteArray value = request.header(name).trimmed();
        if (value.toLower().startsWith("bearer ") || value.toLower().startsWith("basic "))
            value = value.mid(value.indexOf(' ') + 1).trimmed();
        if (!value.isEmpty() && !out.contains(value))
            out.append(value);
    }
    std::function<void(const QJsonValue &, bool)> collect = [&](const QJsonValue &v, bool underCredentials) {
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                collect(it.value(), underCredentials || it.key() == QLatin1String("credentials"));
        } else if (v.isArray()) {
            for (const QJsonValue &item : v.toArray())
                collect(item, underCredentials);
        } else if (v.isString() && underCredentials) {
            const QByteArray s = v.toString().toUtf8();
            if (s.size() >= 8 && !out.contains(s))
                out.append(s);
        }
    };
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    collect(body.isArray() ? QJsonValue(body.array()) : QJsonValue(body.object()), false);
    return out;
}

// What an echoing server writes of each credential: as it is, "Bearer …", base64 (standard and URL-safe unpadded),
// Basic credentials and percent-encoded.
QByteArray echoOf(const QList<QByteArray> &credentials)
{
    QByteArray text;
    for (const QByteArray &s : credentials) {
        text += " key=" + s + " Authorization: Bearer " + s + " debug=" + s.toBase64()
            + " url=" + s.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + " Basic "
            + QByteArray(kEchoUser + ':' + s).toBase64() + " q=" + QUrl::toPercentEncoding(QString::fromUtf8(s));
    }
    return text.trimmed();
}

// Every object in `value`, down to three levels, with an "echo" field.
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

QByteArray toJson(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}
const QString kPanora = QStringLiteral("panora");

// Pseudo-headers httplib adds to every request; they were not on the wire.
bool isPseudoHeader(const std::string &name)
{
    return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

ServiceRequest toServiceRequest(const httplib::Request &req)
{
    ServiceRequest r;
    r.method = QByteArray::fromStdString(req.method);
    const QByteArray target = QByteArray::fromStdString(req.target);
    const int q = target.indexOf('?');
    r.rawPath = q < 0 ? target : target.left(q);
    r.query = q < 0 ? QByteArray() : target.mid(q + 1);
    r.path = http::decode(r.rawPath, false);
    for (const auto &[name, value] : req.headers) {
        if (!isPseudoHeader(name))
            r.headers.append({ QByteArray::fromStdString(name), QByteArray::fromStdString(value) });
    }
    r.body = QByteArray::fromStdString(req.body);
    return r;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

} // namespace

struct Sandbox::Private
{
    explicit Private(const SandboxSizes &sizes)
        : nango(log, whatsapp, twilio, sizes)
        , panora(sizes.panoraContacts, sizes.panoraEmployees)
    {
    }

    std::atomic<bool> stopping { false };
    RequestLog log;
    FaultInjector faults;
    WhatsAppUpstream whatsapp;
    TwilioUpstream twilio;
    NangoService nango;
    PanoraService panora;

    std::unique_ptr<HttpServer> nangoServer;
    std::unique_ptr<HttpServer> panoraServer;
    std::thread nangoThread;
    std::thread panoraThread;
    quint16 nangoPort = 0;
    quint16 panoraPort = 0;
    bool running = false;

    void install(HttpServer &server, const QString &service);
    void serve(const QString &service, const httplib::Request &req, httplib::Response &res);
    ServiceReply faultReply(const Fault &fault, const QString &service, const ServiceRequest &request);
};

void Sandbox::Private::install(HttpServer &server, const QString &service)
{
    auto handler = [this, service](const httplib::Request &req, httplib::Response &res) { serve(service, req, res); };
    const std::string all = "[\\s\\S]*";
    server.Get(all, handler);
    server.Post(all, handler);
    server.Put(all, handler);
    server.Patch(all, handler);
    server.Delete(all, handler);
    server.Options(all, handler);
    server.set_payload_max_length(80u * 1024u * 1024u);
    server.new_task_queue = [] { return new httplib::ThreadPool(12); };
}

ServiceReply Sandbox::Private::faultReply(const Fault &fault, const QString &service, const ServiceRequest &request)
{
    const bool isNango = service == kNango;
    if (fault.kind == Fault::Kind::TooManyRequests) {
        ServiceReply reply;
        if (isNango) {
            reply = http::json(429,
                QJsonObject { { QStringLiteral("error"),
                    QJsonObject { { QStringLiteral("code"), QStringLiteral("too_many_request") },
                        { QStringLiteral("method"), QString::fromLatin1(request.method) },
                        { QStringLiteral("path"), request.path } } } });
            const qint64 reset = QDateTime::currentSecsSinceEpoch() + fault.retryAfterSeconds;
            reply.headers.append({ QByteArrayLiteral("X-RateLimit-Limit"), QByteArrayLiteral("200") });
            reply.headers.append({ QByteArrayLiteral("X-RateLimit-Remaining"), QByteArrayLiteral("0") });
            reply.headers.append({ QByteArrayLiteral("X-RateLimit-Reset"), QByteArray::number(reset) });
        } else {
            reply = http::json(429,
                QJsonObject { { QStringLiteral("statusCode"), 429 },
                    { QStringLiteral("message"), QStringLiteral("ThrottlerException: Too Many Requests") } });
        }
        if (fault.retryAfterAsDate) {
            reply.headers.append({ QByteArrayLiteral("Retry-After"),
                QLocale::c()
                        .toString(QDateTime::currentDateTimeUtc().addSecs(fault.retryAfterSeconds),
                            QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
                        .toLatin1()
                    + " GMT" });
        } else if (fault.retryAfterSeconds >= 0) {
            reply.headers.append({ QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfterSeconds) });
        }
        return reply;
    }
    // ServerError
    const int status = fault.status;
    if (isNango) {
        if (status == 500) {
            const QString id = http::randomUuid();
            return http::json(500,
                QJsonObject { { QStringLiteral("error"),
                    QJsonObject {
                        { QStringLiteral("message"),
                            QStringLiteral("An error occurred. Please contact support with this unique id: \"%1\"")
                                .arg(id) },
                        { QStringLiteral("code"), QStringLiteral("generic_error_support") },
                        { QStringLiteral("payload"), id } } } });
        }
        return http::json(status,
            QJsonObject { { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), QStringLiteral("server_error") },
                    { QStringLiteral("message"), QString::fromLatin1(reasonPhrase(status)) } } } });
    }
    return http::json(status,
        QJsonObject { { QStringLiteral("statusCode"), status },
            { QStringLiteral("timestamp"), http::isoTimestamp(QDateTime::currentDateTimeUtc()) },
            { QStringLiteral("path"), QString::fromUtf8(request.target()) },
            { QStringLiteral("message"),
                status == 500 ? QStringLiteral("Internal server error")
                              : QString::fromLatin1(reasonPhrase(status)) } });
}

void Sandbox::Private::serve(const QString &service, const httplib::Request &req, httplib::Response &res)
{
    const ServiceRequest request = toServiceRequest(req);
    ServiceReply reply;
    bool answered = false;

    if (const std::optional<Fault> fault = faults.take(service, request.method, request.path)) {
        switch (fault->kind) {
        case Fault::Kind::Latency:
            if (faults.waitOrStop(std::max(fault->delayMs, 1))) {
                log.record(service, false, request, 0);
                HttpServer::resetCurrentConnection();
                return;
            }
            break;
        case Fault::Kind::Hang: {
            const int index = log.record(service, false, request, 0);
            if (faults.waitOrStop(fault->delayMs) || fault->delayMs <= 0) {
                HttpServer::resetCurrentConnection();
                return;
            }
            // delayMs passed: answer normally after all.
            reply = service == kNango ? nango.handle(request) : panora.handle(request);
            log.updateStatus(index, reply.status);
            answered = true;
            break;
        }
        case Fault::Kind::Reset:
            log.record(service, false, request, 0);
            HttpServer::resetCurrentConnection();
            return;
        case Fault::Kind::HandledThenSilent:
            reply = service == kNango ? nango.handle(request) : panora.handle(request);
            log.record(service, false, request, 0);
            faults.waitOrStop(fault->delayMs);
            HttpServer::resetCurrentConnection();
            return;
        case Fault::Kind::Drip: {
            reply = service == kNango ? nango.handle(request) : panora.handle(request);
            log.record(service, false, request, reply.status);
            res.status = reply.status;
            for (const auto &[name, value] : reply.headers)
                res.set_header(name.toStdString(), value.toStdString());
            const auto body = std::make_shared<std::string>(reply.body.toStdString());
            const int delay = fault->delayMs > 0 ? fault->delayMs : 1000;
            res.set_content_provider(body->size(),
                reply.contentType.isEmpty() ? std::string("application/json") : reply.contentType.toStdString(),
                [this, body, delay](size_t offset, size_t, httplib::DataSink &sink) {
                    if (offset > 0 && faults.waitOrStop(delay))
                        return false; // the sandbox stops
                    return sink.write(body->data() + offset, 1);
                });
            return;
        }
        case Fault::Kind::TruncatedBody: {
            const QByteArray body = service == kNango
                ? QByteArrayLiteral("{\"connections\":[{\"id\":1,\"connection_id\":\"conn_abc123\",\"provider\":"
                                    "\"whatsapp-business\"}]}")
                : QByteArrayLiteral("{\"data\":[{\"id\":\"801f9ede-c698-4e66-a7fc-48d19eebaa4f\",\"first_name\":"
                                    "\"John\"}],\"prev_cursor\":null,\"next_cursor\":null}");
            const QByteArray sent = body.left(body.size() / 2);
            log.record(service, false, request, 200);
            const QByteArray raw
                = "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                + QByteArray::number(body.size() + 100) + "\r\nConnection: close\r\n\r\n" + sent;
            HttpServer::writeRawAndClose(raw.toStdString());
            return;
        }
        case Fault::Kind::MalformedJson:
            reply = http::rawJson(
                200, QByteArrayLiteral("{\"connections\":[{\"id\":1,\"connection_id\":\"conn_abc123\",,]"));
            answered = true;
            break;
        case Fault::Kind::Html200:
            reply.status = 200;
            reply.contentType = "text/html; charset=utf-8";
            reply.body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Nango</title></head>"
                         "<body><div id=\"root\"></div><script src=\"/assets/index.js\"></script></body></html>";
            answered = true;
            break;
        case Fault::Kind::TooManyRequests:
        case Fault::Kind::ServerError:
            reply = faultReply(*fault, service, request);
            answered = true;
            break;
        case Fault::Kind::HtmlError:
            reply.status = fault->status;
            reply.contentType = "text/html";
            reply.body = "<html><head><title>" + QByteArray::number(fault->status)
                + "</title></head><body><center><h1>Server Error</h1></center><hr><center>nginx</center></body>"
                  "</html>";
            answered = true;
            break;
        case Fault::Kind::Redirect: {
            const quint16 port = fault->crossOrigin ? (service == kNango ? panoraPort : nangoPort)
                                                    : (service == kNango ? nangoPort : panoraPort);
            reply.status = fault->status;
            reply.headers.append(
                { QByteArrayLiteral("Location"), "http://127.0.0.1:" + QByteArray::number(port) + request.target() });
            answered = true;
            break;
        }
        case Fault::Kind::EchoCredentials: {
            const QString echo
                = QStringLiteral("Invalid request: ") + QString::fromUtf8(echoOf(credentialsOf(request)));
            reply = service == kNango
                ? http::json(400,
                    QJsonObject { { QStringLiteral("error"),
                        QJsonObject { { QStringLiteral("code"), QStringLiteral("invalid_request") },
                            { QStringLiteral("message"), echo } } } })
                : http::json(
                    400, QJsonObject { { QStringLiteral("statusCode"), 400 }, { QStringLiteral("message"), echo } });
            answered = true;
            break;
        }
        case Fault::Kind::EchoInAnswer:
        case Fault::Kind::WrongShape: {
            reply = service == kNango ? nango.handle(request) : panora.handle(request);
            const QJsonDocument doc = QJsonDocument::fromJson(reply.body);
            if (reply.status / 100 == 2 && !doc.isNull()) {
                const QJsonValue body = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
                if (fault->kind == Fault::Kind::EchoInAnswer) {
                    const QByteArray echo = echoOf(credentialsOf(request));
                    reply.headers.append({ QByteArrayLiteral("X-Debug"), echo });
                    reply.body = toJson(withEcho(body, QString::fromUtf8(echo)));
                } else {
                    reply.body = doc.isArray() ? toJson(QJsonObject { { QStringLiteral("items"), doc.array() } })
                                               : toJson(QJsonArray { doc.object() });
                }
            }
            answered = true;
            break;
        }
        }
        if (answered && fault->kind != Fault::Kind::Hang)
            log.record(service, false, request, reply.status);
    }
    if (!answered) {
        reply = service == kNango ? nango.handle(request) : panora.handle(request);
        log.record(service, false, request, reply.status);
    }

    res.status = reply.status;
    for (const auto &[name, value] : reply.headers)
        res.set_header(name.toStdString(), value.toStdString());
    if (!reply.contentType.isEmpty() || !reply.body.isEmpty()) {
        res.set_content(reply.body.toStdString(),
            reply.contentType.isEmpty() ? std::string("application/octet-stream") : reply.contentType.toStdString());
    }
}

Sandbox::Sandbox(const SandboxSizes &sizes)
    : d(std::make_unique<Private>(sizes))
{
}

Sandbox::~Sandbox()
{
    stop();
}

bool Sandbox::start(quint16 nangoPort, QString *errorMessage)
{
    if (d->running)
        return true;
    d->stopping = false;
    d->faults.restart();
    d->nangoServer = std::make_unique<HttpServer>(d->stopping);
    d->panoraServer = std::make_unique<HttpServer>(d->stopping);
    d->install(*d->nangoServer, kNango);
    d->install(*d->panoraServer, kPanora);

    const std::string host = "127.0.0.1";
    int port = -1;
    if (nangoPort == 0)
        port = d->nangoServer->bind_to_any_port(host);
    else if (d->nangoServer->bind_to_port(host, nangoPort))
        port = nangoPort;
    if (port <= 0) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot listen on 127.0.0.1:%1 for the Nango emulator").arg(nangoPort);
        d->nangoServer.reset();
        d->panoraServer.reset();
        return false;
    }
    int panoraPort = -1;
    if (nangoPort != 0) {
        for (int candidate = port + 1; candidate < port + 20 && candidate < 65536 && panoraPort < 0; ++candidate) {
            if (d->panoraServer->bind_to_port(host, candidate))
                panoraPort = candidate;
        }
    }
    if (panoraPort < 0)
        panoraPort = d->panoraServer->bind_to_any_port(host);
    if (panoraPort <= 0) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot listen on 127.0.0.1 for the Panora emulator");
        d->nangoServer.reset();
        d->panoraServer.reset();
        return false;
    }
    d->nangoPort = quint16(port);
    d->panoraPort = quint16(panoraPort);
    d->nangoThread = std::thread([s = d->nangoServer.get()] { s->listen_after_bind(); });
    d->panoraThread = std::thread([s = d->panoraServer.get()] { s->listen_after_bind(); });
    // The sockets already listen (connections queue in the backlog); wait for the accept loops so that stop() can
    // always end them.
    while (!d->nangoServer->is_running() || !d->panoraServer->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    d->running = true;
    return true;
}

void Sandbox::stop()
{
    if (!d->running)
        return;
    d->stopping = true;
    d->faults.stop();
    d->nangoServer->stop();
    d->panoraServer->stop();
    if (d->nangoThread.joinable())
        d->nangoThread.join();
    if (d->panoraThread.joinable())
        d->panoraThread.join();
    d->nangoServer.reset();
    d->panoraServer.reset();
    d->running = false;
}

bool Sandbox::isRunning() const
{
    return d->running;
}

QUrl Sandbox::nangoBaseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->nangoPort);
    return url;
}

QUrl Sandbox::panoraBaseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->panoraPort);
    return url;
}

QList<RecordedRequest> Sandbox::requests() const
{
    return d->log.all();
}

QList<RecordedRequest> Sandbox::requests(const QString &service) const
{
    return d->log.forService(service);
}

void Sandbox::clearRequests()
{
    d->log.clear();
}

void Sandbox::setRequestLogLimit(int max)
{
    d->log.setLimit(max);
}

void Sandbox::injectFault(const Fault &fault)
{
    d->faults.add(fault);
}

void Sandbox::clearFaults()
{
    d->faults.clear();
}

int Sandbox::contactCount() const
{
    return d->panora.contactCount();
}

int Sandbox::employeeCount() const
{
    return d->panora.employeeCount();
}

void Sandbox::setPanoraHasHris(bool enabled)
{
    d->panora.setHrisEnabled(enabled);
}

void Sandbox::setRealNango(bool real)
{
    d->nango.setRealNango(real);
}

void Sandbox::setProxyBaseUrlOverrideEnabled(bool enabled)
{
    d->nango.setBaseUrlOverrideEnabled(enabled);
}

} // namespace crossline::sandbox
