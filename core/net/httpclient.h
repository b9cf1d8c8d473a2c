#pragma once

#include "net/httprequest.h"
#include "net/job.h"
#include "net/requestrecord.h"

#include <QLoggingCategory>
#include <QObject>

class QNetworkAccessManager;

namespace crossline {

Q_DECLARE_LOGGING_CATEGORY(lcNet)

// The one HTTP layer (DESIGN.md): every request Crossline makes goes through send().
// - transfer timeout, same-origin redirects only, User-Agent Crossline/<version>, no ignoreSslErrors;
// - plain http:// only to loopback unless the policy allows it;
// - JSON decoded only for application/json; HTML or garbage is a decode error; responses capped in size;
// - idempotent requests retried on connection errors, 429, 502, 503, 504 with backoff + jitter and Retry-After;
//   everything else (sends) is never retried;
// - one redacted RequestRecord per attempt through requestRecorded().
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setPolicy(const HttpPolicy &policy) { m_policy = policy; }
    const HttpPolicy &policy() const { return m_policy; }

    Job *send(const HttpRequest &request);

    // Capture mode: send() records the request instead of sending it and ends the job with a Cancelled error.
    // Used to show what an operation would send ("Copy as curl") without sending anything.
    void setCaptureOnly(bool capture) { m_captureOnly = capture; }
    QList<HttpRequest> takeCaptured() { return std::exchange(m_captured, {}); }

    static QByteArray userAgent();
    static bool isLoopback(const QUrl &url);
    // Why a URL can't be used (scheme, host, insecure http); empty when fine.
    static QString checkUrl(const QUrl &url, bool allowInsecureHttp);

Q_SIGNALS:
    void requestRecorded(const crossline::RequestRecord &record);

private:
    friend class HttpJob;
    QNetworkAccessManager *m_network;
    HttpPolicy m_policy;
    bool m_captureOnly = false;
    QList<HttpRequest> m_captured;
};

} // namespace crossline
