#pragma once

#include "seeddata.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>

namespace crossline::sandbox {

// One request as the emulator received it. Requests that the emulated Nango proxy forwards to the emulated
// WhatsApp Cloud / Twilio upstream are recorded too (service "whatsapp"/"twilio", upstream = true), exactly as
// Nango would forward them (control headers stripped, provider auth injected, form body re-encoded).
struct RecordedRequest
{
    QString service; // "nango", "panora", "whatsapp", "twilio"
    bool upstream = false; // true for the request the emulated proxy forwarded
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded path, e.g. "/connections/conn%2F1" is recorded as "/connections/conn/1"
    QByteArray rawPath; // path as sent on the wire (still percent-encoded)
    QByteArray query; // raw query string without '?', as sent
    QList<QPair<QByteArray, QByteArray>> headers; // as received, names as sent
    QByteArray body;
    int status = 0; // the status the emulator answered with

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
};

// A fault the emulator injects into the next `times` requests whose method and path match.
struct Fault
{
    enum class Kind
    {
        Latency, // wait delayMs, then answer normally
        TooManyRequests, // 429 with Retry-After: retryAfterSeconds and the service's own error envelope
        ServerError, // `status` (500/502/503/504) with the service's error envelope
        Reset, // close the connection without answering (TCP reset). Note: QNetworkAccessManager silently
               // re-sends once when a reused keep-alive connection closes before any answer, so use
               // times >= 2 (or -1) when the client must see the error.
        MalformedJson, // 200, Content-Type: application/json, body that is not JSON
        Html200, // 200, Content-Type: text/html, an HTML page
        TruncatedBody, // 200, Content-Length larger than the bytes sent, then close
        Hang, // never answer (until the sandbox stops or delayMs passes)
        // The request takes effect (a message is delivered upstream, a connection created…), then no answer comes
        // (until the sandbox stops or delayMs passes, then the connection is reset): an outcome the client cannot
        // know.
        HandledThenSilent,
        // The request takes effect and the status line and headers are sent at once; then the body drips, one
        // byte every delayMs (default 1000): a server that is slow forever.
        Drip,
        HtmlError, // `status` (500, 502…) as a load balancer's HTML page (text/html), not the service's JSON
        // `status` (301/302/307/308) to the same target, on the same listener or, with crossOrigin, on the other
        // one (Nango's requests to Panora's port and back): an origin that must receive nothing. Not handled.
        Redirect,
        // 400 in the service's error envelope quoting every credential the request carried (its Authorization,
        // x-api-key and x-connection-token values, and the strings under a "credentials" key of its JSON body):
        // raw, as "Bearer …", base64 (standard and URL-safe unpadded), inside Basic credentials and percent-encoded.
        // Not handled.
        EchoCredentials,
        // Handled; a 2xx JSON answer gets an "echo" field in every object (three levels deep) and an X-Debug header,
        // quoting the credentials as EchoCredentials does.
        EchoInAnswer,
        // Handled; a 2xx JSON object comes back as a list holding it, a list as {"items": list}: an unexpected shape.
        WrongShape,
    };
    Kind kind = Kind::ServerError;
    QString service = QStringLiteral("nango"); // "nango" or "panora" (the listening service it applies to)
    QByteArray method; // empty: any method
    QString pathPrefix; // empty: any path; else the decoded path must start with it
    int after = 0; // how many matching requests are answered normally first (a failure on page 3 of a listing)
    int times = 1; // how many matching requests get the fault (-1: all)
    int status = 503;
    int retryAfterSeconds = 1; // TooManyRequests: the Retry-After header's seconds; < 0: no Retry-After at all
    bool retryAfterAsDate = false; // TooManyRequests: Retry-After as an HTTP-date retryAfterSeconds ahead
    bool crossOrigin = false; // Redirect: to the other listener
    int delayMs = 0;
};

// The well-known credentials and ids the emulator is seeded with.
struct SandboxCredentials
{
    static QString nangoSecretKey(); // a UUID v4, as Nango requires
    static QString panoraApiKey();
    static QString panoraConnectionToken();
    static QString twilioAccountSid(); // AC + 32 hex, the username of the seeded twilio connection
};

// How many records the emulator is seeded with (crossline-cli sandbox --contacts, --employees, --records). Seeded
// records are generated from their index when asked for, so a large size costs next to no memory.
struct SandboxSizes
{
    int panoraContacts = SeedData::kPanoraContacts; // Panora /crm/contacts
    int panoraEmployees = SeedData::kPanoraEmployees; // Panora /hris/employees
    int nangoContacts = SeedData::kNangoContacts; // /crm/contacts on the Nango base (the compatible paths)
    // /hris/employees on the Nango base, and the synced Employee records (bamboohr-acme) of the real-Nango mode
    int nangoEmployees = SeedData::kNangoEmployees;
    int nangoRecords = SeedData::kNangoRecords; // the synced Contact records (hubspot-acme) of the real-Nango mode

    static constexpr int kMax = 1000000; // what crossline-cli sandbox accepts for each
};

// The embedded emulator (docs/ARCHITECTURE.md#the-sandbox). Two loopback listeners: Nango (with its Requests Proxy
// in front of emulated WhatsApp Cloud and Twilio upstreams) and Panora. Thread-safe; start() returns once both listen.
class Sandbox
{
public:
    explicit Sandbox(const SandboxSizes &sizes = SandboxSizes());
    ~Sandbox();
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    // Binds 127.0.0.1 on `nangoPort` (0 = any free port) and the next free port for Panora.
    bool start(quint16 nangoPort = 0, QString *errorMessage = nullptr);
    void stop();
    bool isRunning() const;

    QUrl nangoBaseUrl() const; // http://127.0.0.1:<port>
    QUrl panoraBaseUrl() const; // http://127.0.0.1:<port>

    QList<RecordedRequest> requests() const;
    QList<RecordedRequest> requests(const QString &service) const;
    void clearRequests();
    // Keeps only the last `max` requests (0: none; -1, the default: all). A sandbox whose log nobody reads
    // (crossline-cli sandbox) keeps none, so its memory does not grow with every request it answers.
    void setRequestLogLimit(int max);

    void injectFault(const Fault &fault);
    void clearFaults();

    // Data seeding facts, for tests and for the welcome text.
    int contactCount() const;
    int employeeCount() const;
    // When false (as after the Nov 2024 Panora release) /hris/* answers 404 "Cannot GET /hris/employees".
    void setPanoraHasHris(bool enabled);
    // When false (NANGO_PROXY_BASE_URL_OVERRIDE_ENABLED=false on a real Nango) a proxy call carrying a non-empty
    // Base-Url-Override is refused with 400 base_url_override_disabled.
    void setProxyBaseUrlOverrideEnabled(bool enabled);
    // The real-Nango mode (NangoService::setRealNango): no compatible paths, synced records and actions for the
    // hubspot-acme and bamboohr-acme connections, HTML for unknown routes. The default keeps the seed's paths.
    void setRealNango(bool real);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace crossline::sandbox
