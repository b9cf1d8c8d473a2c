#pragma once

#include "expected.h"
#include "job.h"
#include "net/httprequest.h"
#include "net/requestrecord.h"

#include <QLoggingCategory>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace crossline {

Q_DECLARE_LOGGING_CATEGORY(lcNet)

// The one HTTP layer (docs/ARCHITECTURE.md): every request Crossline makes goes through send().
// - transfer timeout, same-origin redirects only, User-Agent Crossline/<version>, no ignoreSslErrors;
// - plain http:// only to loopback unless the policy allows it;
// - JSON decoded only for application/json; HTML or garbage is a decode error; responses capped in size;
// - idempotent requests retried on connection errors, 429, 502, 503, 504 with backoff + jitter and Retry-After;
//   everything else (sends) is never retried;
// - one redacted RequestRecord per attempt through requestRecorded() (built only when something receives it or
//   crossline.net's debug log is on: redacting a large body is much of a request's cost).
class HttpClient : public QObject
{
    Q_OBJECT
public:
    // The network access manager is created with the first request: a client set built for a configuration that
    // never sends (the welcome page, a profile switch) costs no network stack.
    explicit HttpClient(QObject *parent = nullptr);

    void setPolicy(const HttpPolicy &policy) { m_policy = policy; }
    const HttpPolicy &policy() const { return m_policy; }

    // The job is a child of this client. When the client goes away first (its ClientSet was replaced), every job
    // still running or waiting to retry finishes as Cancelled and sends nothing more.
    Job *send(const HttpRequest &request);
    // Sends a planned request, or finishes at once with the plan's error (nothing is sent).
    Job *send(const Expected<HttpRequest> &planned);
    // Like send(planned), except that a read's 2xx JSON answer is not parsed: the job finishes with the checked,
    // scrubbed body and data left null, and decodeJson() parses it later, on whichever thread suits (a pager finds
    // the next cursor first and parses on a worker). The answer is checked as send() checks it (type, HTML, a bare
    // value), and decodeJson() gives the same data or the same error. Requests that change something, and any
    // exchange while requestRecorded() or crossline.net's debug log is on, are parsed at once as send() does.
    Job *sendUndecoded(const Expected<HttpRequest> &planned);
    // The parse sendUndecoded() left out, with send()'s error (scrubbed of the request's secrets); nothing when the
    // result is a failure or already parsed. Safe on any thread: it reads `request` and changes only `result`.
    static void decodeJson(Result &result, const HttpRequest &request);

    static QByteArray userAgent();
    static bool isLoopback(const QUrl &url);
    // Why a URL can't be used (scheme, host, insecure http); empty when fine.
    static QString checkUrl(const QUrl &url, bool allowInsecureHttp);

Q_SIGNALS:
    void requestRecorded(const crossline::RequestRecord &record);

private:
    friend class HttpJob;
    Job *start(const HttpRequest &request, bool deferJson);
    bool isRecording() const; // requestRecorded has a receiver
    QNetworkAccessManager *network();
    QNetworkAccessManager *m_network = nullptr; // a child, from the first request on
    HttpPolicy m_policy;
};

} // namespace crossline
