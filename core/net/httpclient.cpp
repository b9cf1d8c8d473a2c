#include "net/httpclient.h"

#include "net/providererror.h"
#include "net/redactor.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace crossline {

Q_LOGGING_CATEGORY(lcNet, "crossline.net", QtInfoMsg) // per-request lines: QT_LOGGING_RULES="crossline.*.debug=true"

namespace {
// A request body that can be read once only (see HttpJob::attempt).
class OneShotBody : public QIODevice
{
public:
    OneShotBody(const QByteArray &data, QObject *parent)
        : QIODevice(parent)
        , m_data(data)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, qint64(m_data.size()) - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};
} // namespace

class HttpJob : public Job
{
public:
    HttpJob(HttpClient *client, const HttpRequest &request)
        : Job(client)
        , m_client(client)
        , m_request(request)
        , m_policy(client->policy())
    {
        m_clock.start();
        QTimer::singleShot(0, this, [this] { attempt(); });
    }

    void abort() override
    {
        m_cancelled = true;
        m_retryTimer.stop();
        if (m_reply)
            m_reply->abort(); // finishes through onFinished with the Cancelled error
        else
            finishWith(Result::failure(Error::make(Error::Kind::Cancelled, tr("Cancelled."))));
    }

private:
    void attempt()
    {
        if (m_cancelled)
            return;
        if (!m_client || !m_client->m_network) {
            // The client set this job belonged to was replaced (a profile switch) while it waited to retry.
            finishWith(Result::failure(Error::make(Error::Kind::Cancelled,
                tr("Cancelled: the connection settings changed before the request was sent again."))));
            return;
        }
        ++m_attempt;
        QNetworkRequest req(m_request.url);
        for (const auto &h : m_request.headers)
            req.setRawHeader(h.first, h.second);
        req.setRawHeader(QByteArrayLiteral("User-Agent"), HttpClient::userAgent());
        if (req.rawHeader(QByteArrayLiteral("Accept")).isEmpty())
            req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
        // Credentials never follow a redirect to another host.
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        req.setTransferTimeout(m_policy.timeoutMs);
        m_tooLarge = false;
        m_attemptStarted = QDateTime::currentDateTimeUtc();
        m_attemptClock.start();

        const bool hasBody = !m_request.body.isEmpty() || m_request.method != "GET";
        if (!m_request.idempotent) {
            // QNAM silently resends a request whose connection closes before the answer — POSTs included. A send
            // must never reach the provider twice, so its body is a one-shot stream: a resend cannot re-read it
            // and fails with ContentReSendError instead of duplicating the message.
            req.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            req.setHeader(QNetworkRequest::ContentLengthHeader, m_request.body.size());
            auto *body = new OneShotBody(m_request.body, this);
            m_reply = m_client->m_network->sendCustomRequest(req, m_request.method, body);
            body->setParent(m_reply);
        } else {
            m_reply = hasBody ? m_client->m_network->sendCustomRequest(req, m_request.method, m_request.body)
                              : m_client->m_network->sendCustomRequest(req, m_request.method);
        }
        QNetworkReply *reply = m_reply;
        connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > m_policy.maxResponseBytes)
                tooLarge(reply);
        });
        connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
            if (received > m_policy.maxResponseBytes)
                tooLarge(reply);
        });
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    }

    void tooLarge(QNetworkReply *reply)
    {
        if (m_tooLarge)
            return;
        m_tooLarge = true;
        reply->abort();
    }

    void onFinished(QNetworkReply *reply)
    {
        reply->deleteLater();
        m_reply = nullptr;

        Result r;
        r.attempts = m_attempt;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto &pair : reply->rawHeaderPairs())
            r.headers.append(pair);
        r.body = m_tooLarge ? QByteArray() : reply->readAll();
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        const QNetworkReply::NetworkError netError = reply->error();

        bool retryable = false;
        if (m_cancelled && !m_request.idempotent) {
            // A send stopped while on the wire (Cancel, or a profile switch replacing the clients) may have reached
            // the provider: its outcome is unknown, and saying "cancelled" would invite a second send.
            r.error = Error::make(Error::Kind::Network,
                tr("The request to %1 was stopped while it was being sent; it was not sent again.").arg(host()),
                tr("The message may or may not have been delivered: check before sending it again."));
            r.error.code = QStringLiteral("outcome_unknown");
        } else if (m_cancelled) {
            r.error = Error::make(Error::Kind::Cancelled, tr("Cancelled."));
        } else if (m_tooLarge) {
            r.error = Error::make(Error::Kind::Decode,
                tr("The response from %1 is larger than %2 MB; Crossline stopped reading it.")
                    .arg(host(), QString::number(m_policy.maxResponseBytes / (1024 * 1024))),
                tr("Narrow the request (a smaller page or limit)."));
        } else if (netError == QNetworkReply::ContentReSendError
            || (!m_request.idempotent && r.httpStatus == 0 && netError == QNetworkReply::RemoteHostClosedError)) {
            r.error = Error::make(Error::Kind::Network,
                tr("The connection to %1 broke after the request was sent; it was not sent again.").arg(host()),
                tr("The message may or may not have been delivered: check before sending it again."));
        } else if (netError == QNetworkReply::OperationCanceledError) {
            // Only the transfer timeout aborts a reply we did not cancel ourselves.
            r.error = Error::make(Error::Kind::Timeout,
                tr("%1 did not answer within %2 s.").arg(host()).arg(m_policy.timeoutMs / 1000.0),
                tr("Check the server, or raise the timeout (--timeout)."));
            r.error.httpStatus = r.httpStatus;
        } else if (netError == QNetworkReply::InsecureRedirectError || netError == QNetworkReply::TooManyRedirectsError
            || (r.httpStatus >= 300 && r.httpStatus < 400)) {
            const QString target = QString::fromUtf8(reply->rawHeader(QByteArrayLiteral("Location")));
            r.error = Error::make(Error::Kind::Http,
                tr("%1 redirected to another origin (%2); Crossline does not send credentials there.")
                    .arg(host(), target.isEmpty() ? tr("unknown") : target),
                tr("Use the final URL as the base URL (e.g. https instead of http)."));
            r.error.httpStatus = r.httpStatus;
        } else if (r.httpStatus == 0
            || (netError != QNetworkReply::NoError && r.httpStatus >= 200 && r.httpStatus < 300)) {
            // No HTTP answer, or one that broke off (reset, truncated body): a connection error.
            r.error = Error::make(Error::Kind::Network, tr("Could not reach %1: %2").arg(host(), reply->errorString()),
                networkHint(netError));
            retryable = true;
        } else if (r.httpStatus >= 200 && r.httpStatus < 300) {
            decode(r, contentType);
        } else {
            r.error = ProviderError::fromHttp(r.httpStatus, r.body, contentType, m_request.service);
            retryable = r.httpStatus == 429 || r.httpStatus == 502 || r.httpStatus == 503 || r.httpStatus == 504;
        }

        record(r, contentType);

        if (retryable && m_request.idempotent && !m_cancelled) {
            const int wait = retryWait(r);
            if (wait >= 0) {
                qCInfo(lcNet).noquote() << "retrying" << m_request.method
                                        << Redactor::url(m_request.url, m_request.secrets) << "in" << wait << "ms after"
                                        << (r.httpStatus ? QString::number(r.httpStatus) : r.error.message);
                m_waitedMs += wait;
                m_retryTimer.setSingleShot(true);
                disconnect(&m_retryTimer, nullptr, this, nullptr);
                connect(&m_retryTimer, &QTimer::timeout, this, [this] { attempt(); });
                m_retryTimer.start(wait);
                return;
            }
        }
        r.elapsedMs = m_clock.elapsed();
        finishWith(r);
    }

    void decode(Result &r, const QByteArray &contentType)
    {
        const QByteArray type = contentType.toLower();
        if (r.body.trimmed().isEmpty()) {
            r.data = QJsonValue();
            return;
        }
        if (type.contains("text/html") || r.body.trimmed().startsWith('<')) {
            r.error = Error::make(Error::Kind::Decode, tr("%1 returned HTML instead of JSON.").arg(host()),
                tr("Server returned HTML: check the base URL (it should point at the API)."));
            r.error.httpStatus = r.httpStatus;
            return;
        }
        if (!type.contains("json")) {
            r.error = Error::make(Error::Kind::Decode,
                tr("%1 answered with %2, not JSON.")
                    .arg(host(), QString::fromLatin1(contentType.isEmpty() ? "no content type" : contentType)),
                tr("Check the base URL."));
            r.error.httpStatus = r.httpStatus;
            return;
        }
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &err);
        if (err.error != QJsonParseError::NoError) {
            r.error = Error::make(Error::Kind::Decode,
                tr("%1 sent malformed JSON (%2 at byte %3).").arg(host(), err.errorString()).arg(err.offset),
                tr("The server or a proxy in between is misbehaving; try again or check the base URL."));
            r.error.httpStatus = r.httpStatus;
            return;
        }
        r.data = doc.isObject() ? QJsonValue(doc.object()) : doc.isArray() ? QJsonValue(doc.array()) : QJsonValue();
    }

    int retryWait(const Result &r) const
    {
        if (m_attempt >= m_policy.maxAttempts)
            return -1;
        int wait = -1;
        const QByteArray retryAfter = r.header(QByteArrayLiteral("Retry-After")).trimmed();
        if (!retryAfter.isEmpty()) {
            bool ok = false;
            const int seconds = retryAfter.toInt(&ok);
            if (ok) {
                wait = qMax(1, seconds) * 1000; // Nango's rate limiter can say 0: wait at least 1 s
            } else {
                const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
                if (when.isValid())
                    wait
                        = int(qBound<qint64>(1000, QDateTime::currentDateTimeUtc().msecsTo(when), qint64(3600) * 1000));
            }
        }
        if (wait < 0) {
            const int exp = qMin(m_policy.backoffMaxMs, m_policy.backoffBaseMs * (1 << qMin(m_attempt - 1, 16)));
            wait = exp + int(QRandomGenerator::global()->bounded(quint32(qMax(1, m_policy.backoffBaseMs))));
        }
        if (m_waitedMs + wait > m_policy.maxRetryWaitMs)
            return -1;
        return wait;
    }

    void record(const Result &r, const QByteArray &contentType)
    {
        RequestRecord rec;
        rec.started = m_attemptStarted;
        rec.service = m_request.service;
        rec.method = m_request.method;
        rec.url = Redactor::url(m_request.url, m_request.secrets);
        rec.status = r.httpStatus;
        rec.durationMs = m_attemptClock.elapsed();
        rec.attempt = m_attempt;
        rec.requestHeaders = Redactor::headers(m_request.headers, m_request.secrets);
        rec.requestBody
            = Redactor::body(m_request.body, m_request.header(QByteArrayLiteral("Content-Type")), m_request.secrets);
        rec.responseHeaders = Redactor::headers(r.headers, m_request.secrets);
        rec.responseBody = Redactor::body(r.body.left(256 * 1024), contentType, m_request.secrets);
        rec.error = Redactor::scrub(r.error.message, m_request.secrets);
        qCDebug(lcNet).noquote() << rec.line();
        if (m_client)
            Q_EMIT m_client->requestRecorded(rec);
    }

    void finishWith(const Result &r) { finish(r); }

    QString host() const { return m_request.url.host(); }

    static QString networkHint(QNetworkReply::NetworkError error)
    {
        switch (error) {
        case QNetworkReply::ConnectionRefusedError:
            return tr("Nothing listens at that address: check the base URL and that the server runs.");
        case QNetworkReply::HostNotFoundError:
            return tr("The host name does not resolve: check the base URL and your network.");
        case QNetworkReply::SslHandshakeFailedError:
            return tr("The TLS certificate was not accepted; Crossline never ignores certificate errors.");
        default:
            return tr("Check the network and the base URL, then try again.");
        }
    }

    QPointer<HttpClient> m_client; // the job may outlive it only until it notices: see attempt()
    HttpRequest m_request;
    HttpPolicy m_policy;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    QElapsedTimer m_clock;
    QElapsedTimer m_attemptClock;
    QDateTime m_attemptStarted;
    int m_attempt = 0;
    int m_waitedMs = 0;
    bool m_cancelled = false;
    bool m_tooLarge = false;
};

HttpClient::HttpClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    qRegisterMetaType<crossline::Result>();
    qRegisterMetaType<crossline::RequestRecord>();
}

QByteArray HttpClient::userAgent()
{
    return QByteArrayLiteral("Crossline/" CROSSLINE_VERSION);
}

bool HttpClient::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

QString HttpClient::checkUrl(const QUrl &url, bool allowInsecureHttp)
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("\"%1\" is not an absolute URL.").arg(url.toString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("\"%1\" is not an http(s) URL.").arg(url.toString());
    if (scheme == QLatin1String("http") && !allowInsecureHttp && !isLoopback(url))
        return tr("Refusing plain http:// to %1: credentials would travel unencrypted. Use https://, or allow insecure "
                  "http for this profile (--allow-insecure-http).")
            .arg(url.host());
    return {};
}

Job *HttpClient::send(const HttpRequest &request)
{
    const QString problem = checkUrl(request.url, m_policy.allowInsecureHttp);
    if (!problem.isEmpty())
        return Job::finishedJob(Result::failure(Error::config(problem)), this);
    return new HttpJob(this, request);
}

Job *HttpClient::send(const Expected<HttpRequest> &planned)
{
    if (!planned)
        return Job::finishedJob(Result::failure(planned.error()), this);
    return send(*planned);
}

} // namespace crossline
