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
    explicit HttpClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setPolicy(const HttpPolicy &policy) { m_policy = policy; }
    const HttpPolicy &policy() const { return m_policy; }

    // The job is a child of this client. When the client goes away first (its ClientSet was replaced), every job
    // still running or waiting to retry finishes as Cancelled and sends nothing more.
    Job *send(const HttpRequest &request);
    // Sends a planned request, or finishes at once with the plan's error (nothing is sent).
    Job *send(const Expected<HttpRequest> &planned);

    static QByteArray userAgent();
    static bool isLoopback(const QUrl &url);
    // Why a URL can't be used (scheme, host, insecure http); empty when fine.
    static QString checkUrl(const QUrl &url, bool allowInsecureHttp);

Q_SIGNALS:
    void requestRecorded(const crossline::RequestRecord &record);

private:
    friend class HttpJob;
    bool isRecording() const; // requestRecorded has a receiver
    QPointer<QNetworkAccessManager> m_network;
    HttpPolicy m_policy;
};

} // namespace crossline
