#include "net/httpclient.h"

#include "net/providererror.h"
#include "net/redactor.h"

#include <QDateTime>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaMethod>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cctype>

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
    HttpJob(HttpClient *client, const HttpRequest &request, bool deferJson = false)
        : Job(client)
        , m_client(client)
        , m_request(request)
        , m_policy(client->policy())
        , m_deferJson(deferJson && request.idempotent)
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
        if (!m_client) {
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
        // Credentials never follow a redirect to another host. A request that changes something follows none: Qt
        // would turn a 301/302/303 into a GET of the new address and report that GET's answer as the send's.
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
            m_request.idempotent ? QNetworkRequest::SameOriginRedirectPolicy : QNetworkRequest::ManualRedirectPolicy);
        // The stall limit is Qt's transfer timeout; when it is not shorter than the deadline, the deadline alone
        // decides (0: no transfer timeout), so one cause gives one message.
        req.setTransferTimeout(m_policy.stallMs > 0 && m_policy.stallMs < m_policy.timeoutMs ? m_policy.stallMs : 0);
        m_tooLarge = false;
        m_timedOut = false;
        m_mayHaveArrived = false;
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
            m_reply = m_client->network()->sendCustomRequest(req, m_request.method, body);
            body->setParent(m_reply);
        } else {
            m_reply = hasBody ? m_client->network()->sendCustomRequest(req, m_request.method, m_request.body)
                              : m_client->network()->sendCustomRequest(req, m_request.method);
        }
        QNetworkReply *reply = m_reply;
        // Whether any of the request left this machine: for a send that gets no answer, the difference between
        // "not sent" and "outcome unknown".
        connect(reply, &QNetworkReply::requestSent, this, [this] { m_mayHaveArrived = true; });
        connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
            if (sent > 0)
                m_mayHaveArrived = true;
        });
        // The deadline covers the whole exchange: a server that drips its answer byte by byte never trips the
        // stall limit (Qt's transfer timeout) but cannot keep the request running for longer than this.
        m_deadline.setSingleShot(true);
        disconnect(&m_deadline, nullptr, this, nullptr);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            m_timedOut = true;
            if (m_reply)
                m_reply->abort();
        });
        m_deadline.start(qMax(1, m_policy.timeoutMs));
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
        m_deadline.stop();

        Result r;
        r.attempts = m_attempt;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto &pair : reply->rawHeaderPairs())
            r.headers.append(pair);
        // What a server echoes of our secrets is masked before anything reads the answer (see below for errors).
        // (An aborted reply is closed: reading it would only print Qt's "device not open" warning.)
        r.body = m_tooLarge || !reply->isOpen() ? QByteArray() : Redactor::scrub(reply->readAll(), m_request.secrets);
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        const QNetworkReply::NetworkError netError = reply->error();

        bool retryable = false;
        // A transfer that ended without a complete answer, neither cancelled by us nor cut for size.
        const bool timedOut
            = !m_cancelled && !m_tooLarge && (m_timedOut || netError == QNetworkReply::OperationCanceledError);
        // (Qt reports a 307/308 it was told not to follow as ContentReSendError: that is an answer, a redirect.)
        const bool broken = !m_cancelled && !m_tooLarge && !timedOut && r.httpStatus / 100 != 3
            && (netError == QNetworkReply::ContentReSendError
                || (netError != QNetworkReply::NoError && (r.httpStatus == 0 || r.httpStatus / 100 == 2)));
        if (!m_request.idempotent && (m_cancelled || timedOut || broken)) {
            // A request that changes something is never sent twice. Whether it took effect depends on whether any
            // of it left this machine: say which, so nobody sends a message twice or gives up on one never sent.
            r.error = sendFailure(r, netError, reply->errorString(), timedOut);
        } else if (m_cancelled) {
            r.error = Error::make(Error::Kind::Cancelled, tr("Cancelled."));
        } else if (m_tooLarge) {
            r.error = Error::make(Error::Kind::Decode,
                tr("The response from %1 is larger than %2 MB; Crossline stopped reading it.")
                    .arg(host(), QString::number(m_policy.maxResponseBytes / (1024 * 1024))),
                tr("Narrow the request (a smaller page or limit)."));
        } else if (timedOut) {
            r.error = Error::make(Error::Kind::Timeout, timeoutMessage(r.httpStatus != 0),
                tr("Check the server, or raise the timeout (--timeout)."));
            r.error.httpStatus = r.httpStatus;
        } else if (netError == QNetworkReply::InsecureRedirectError || netError == QNetworkReply::TooManyRedirectsError
            || (r.httpStatus >= 300 && r.httpStatus < 400)) {
            const QString target = QString::fromUtf8(reply->rawHeader(QByteArrayLiteral("Location")));
            const QUrl resolved = m_request.url.resolved(QUrl(target));
            const bool sameOrigin = !target.isEmpty() && resolved.scheme() == m_request.url.scheme()
                && resolved.host() == m_request.url.host() && resolved.port() == m_request.url.port();
            r.error = Error::make(Error::Kind::Http,
                sameOrigin && !m_request.idempotent
                    ? tr("%1 answered with a redirect (HTTP %2 to %3); Crossline does not send a request that "
                         "changes something on to another address, and it was not carried out there.")
                          .arg(host())
                          .arg(r.httpStatus)
                          .arg(target)
                    : tr("%1 redirected to another origin (%2); Crossline does not send credentials there.")
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
            if (r.error && !m_request.idempotent) {
                // The server took the request (2xx) and then answered something unreadable: it may well have been
                // carried out, so this must not read like a failure to send again.
                r.error.message = tr("%1 (HTTP %2: the request was accepted; it was not sent again.)")
                                      .arg(r.error.message.chopped(1))
                                      .arg(r.httpStatus);
                r.error.hint = m_request.unknownOutcomeHint.isEmpty()
                    ? tr("Its outcome is unknown: it may have been carried out. Check before trying again.")
                    : m_request.unknownOutcomeHint;
                r.error.code = QLatin1String(Error::OutcomeUnknown);
            }
        } else {
            r.error = ProviderError::fromHttp(r.httpStatus, r.body, contentType, m_request.service);
            retryable = r.httpStatus == 429 || r.httpStatus == 502 || r.httpStatus == 503 || r.httpStatus == 504;
        }

        // Servers echo what they were sent (a token in a 400, "Bearer …" in a 500, a redirect's Location): no text
        // that came from one reaches a message, the CLI's output or the clipboard with a known secret in it.
        r.error.message = Redactor::scrub(r.error.message, m_request.secrets);
        r.error.hint = Redactor::scrub(r.error.hint, m_request.secrets);
        r.error.code = Redactor::scrub(r.error.code, m_request.secrets);
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
        const QByteArray trimmed = r.body.trimmed();
        if (trimmed == "null" || trimmed == "true" || trimmed == "false" || trimmed.startsWith('"')
            || (!trimmed.isEmpty() && (std::isdigit(uchar(trimmed.at(0))) || trimmed.at(0) == '-'))) {
            // Valid JSON, but not what any API here answers with: say so, instead of "malformed".
            r.error = Error::make(Error::Kind::Decode,
                tr("%1 answered with a bare JSON value (%2) where an object or a list was expected.")
                    .arg(host(), QString::fromUtf8(trimmed.left(40))),
                tr("The server's answer had an unexpected shape: check the base URL, or the server."));
            r.error.httpStatus = r.httpStatus;
            return;
        }
        // Deferred (sendUndecoded): the caller parses with decodeJson(), on a thread of its choosing. Not while the
        // exchange is recorded: the record then carries the parse error, as it does for send().
        if (m_deferJson && !(m_client && m_client->isRecording()) && !lcNet().isDebugEnabled())
            return;
        parseJson(r, host());
    }

public:
    // The last step of decode(): the body (not empty, not HTML, not a bare value) parsed into data, or the error.
    static void parseJson(Result &r, const QString &host)
    {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &err);
        if (err.error != QJsonParseError::NoError) {
            r.error = Error::make(Error::Kind::Decode,
                tr("%1 sent malformed JSON (%2 at byte %3).").arg(host, err.errorString()).arg(err.offset),
                tr("The server or a proxy in between is misbehaving; try again or check the base URL."));
            r.error.httpStatus = r.httpStatus;
            return;
        }
        r.data = doc.isObject() ? QJsonValue(doc.object()) : doc.isArray() ? QJsonValue(doc.array()) : QJsonValue();
    }

private:
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
                // Nango's rate limiter can say 0: wait at least 1 s. Capped before multiplying (no int overflow);
                // anything beyond the budget ends the request below.
                wait = qBound(1, seconds, 3600) * 1000;
            } else {
                // An HTTP-date is an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); Qt::RFC2822Date takes no "GMT".
                QString date = QString::fromLatin1(retryAfter);
                if (date.endsWith(QLatin1String(" GMT")))
                    date.replace(date.size() - 3, 3, QStringLiteral("+0000"));
                const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
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
        if (!(m_client && m_client->isRecording()) && !lcNet().isDebugEnabled())
            return;
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

    QString timeoutMessage(bool answerStarted) const
    {
        const QString deadline = QString::number(m_policy.timeoutMs / 1000.0);
        if (m_timedOut)
            return answerStarted ? tr("%1 started answering but did not finish within %2 s.").arg(host(), deadline)
                                 : tr("%1 did not answer within %2 s.").arg(host(), deadline);
        return tr("%1 sent nothing for %2 s.")
            .arg(host(), QString::number(qMin(m_policy.timeoutMs, m_policy.stallMs) / 1000.0));
    }

    // Why a request that changes something (a send, an import, a delete) ended without a complete answer.
    Error sendFailure(
        const Result &r, QNetworkReply::NetworkError netError, const QString &netText, bool timedOut) const
    {
        // Refused, unresolved or no TLS: nothing can have left. Otherwise only a request with a body can tell, by its
        // upload progress; Qt says nothing of a bodyless one (a DELETE) having been written, so that may have left.
        const bool neverConnected = netError == QNetworkReply::ConnectionRefusedError
            || netError == QNetworkReply::HostNotFoundError || netError == QNetworkReply::SslHandshakeFailedError;
        const bool tracked = !m_request.body.isEmpty();
        const bool nothingLeft = !m_mayHaveArrived && r.httpStatus == 0
            && (neverConnected
                || (tracked
                    && (netError == QNetworkReply::OperationCanceledError || netError == QNetworkReply::TimeoutError
                        || netError == QNetworkReply::UnknownNetworkError)));
        if (nothingLeft) {
            const QString why = m_cancelled ? tr("it was cancelled before it left this machine")
                : timedOut
                ? tr("%1 did not take it within %2 s").arg(host(), QString::number(m_policy.timeoutMs / 1000.0))
                : tr("could not reach %1 (%2)").arg(host(), netText);
            Error e = Error::make(m_cancelled ? Error::Kind::Cancelled
                    : timedOut                ? Error::Kind::Timeout
                                              : Error::Kind::Network,
                tr("Nothing was sent: %1.").arg(why),
                m_cancelled ? QString() : tr("Check the server and the network; sending it again is safe."));
            e.code = QLatin1String(Error::NotSent);
            return e;
        }
        QString what;
        if (m_cancelled)
            what = tr("The request to %1 was stopped after it was sent; it was not sent again.").arg(host());
        else if (r.httpStatus / 100 == 2 && timedOut)
            what = tr("%1 accepted the request (HTTP %2) and then did not finish within %3 s; it was not sent again.")
                       .arg(host())
                       .arg(r.httpStatus)
                       .arg(QString::number(m_policy.timeoutMs / 1000.0));
        else if (r.httpStatus / 100 == 2)
            what = tr("%1 accepted the request (HTTP %2) but its answer broke off; it was not sent again.")
                       .arg(host())
                       .arg(r.httpStatus);
        else if (timedOut)
            what = tr("%1; the request had been sent, and it was not sent again.")
                       .arg(timeoutMessage(r.httpStatus != 0).chopped(1));
        else
            what = tr("The connection to %1 broke after the request was sent; it was not sent again.").arg(host());
        Error e = Error::make(timedOut ? Error::Kind::Timeout : Error::Kind::Network, what,
            m_request.unknownOutcomeHint.isEmpty()
                ? tr("Its outcome is unknown: it may have been carried out. Check before trying again.")
                : m_request.unknownOutcomeHint);
        e.code = QLatin1String(Error::OutcomeUnknown);
        e.httpStatus = r.httpStatus;
        return e;
    }

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
    QTimer m_deadline;
    QElapsedTimer m_clock;
    QElapsedTimer m_attemptClock;
    QDateTime m_attemptStarted;
    int m_attempt = 0;
    int m_waitedMs = 0;
    bool m_cancelled = false;
    bool m_tooLarge = false;
    bool m_timedOut = false; // the whole-exchange deadline passed (m_deadline)
    bool m_mayHaveArrived = false; // some of the request was written to the connection
    bool m_deferJson = false; // sendUndecoded(): a 2xx JSON body is left for decodeJson()
};

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<crossline::Result>();
    qRegisterMetaType<crossline::RequestRecord>();
}

QNetworkAccessManager *HttpClient::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return m_network;
}

bool HttpClient::isRecording() const
{
    return isSignalConnected(QMetaMethod::fromSignal(&HttpClient::requestRecorded));
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
    return start(request, false);
}

Job *HttpClient::start(const HttpRequest &request, bool deferJson)
{
    const QString problem = checkUrl(request.url, m_policy.allowInsecureHttp);
    if (!problem.isEmpty())
        return Job::finishedJob(Result::failure(Error::config(problem)), this);
    // Qt writes header values as they are: a line break in one would end it, and what follows would arrive as
    // headers of its own (an id that adds a Base-Url-Override, say). The callers check their values; this is the
    // last guard, so nothing of the kind ever leaves this machine.
    for (const auto &[name, value] : request.headers) {
        const auto control = std::find_if(value.cbegin(), value.cend(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u < 0x20 ? c != '\t' : u == 0x7f;
        });
        if (control != value.cend())
            return Job::finishedJob(Result::failure(Error::validation(QString::fromLatin1(name),
                                        tr("The %1 header would contain a control character (0x%2): nothing was "
                                           "sent.")
                                            .arg(QString::fromLatin1(name))
                                            .arg(int(static_cast<unsigned char>(*control)), 2, 16, QLatin1Char('0')))),
                this);
    }
    return new HttpJob(this, request, deferJson);
}

Job *HttpClient::send(const Expected<HttpRequest> &planned)
{
    if (!planned)
        return Job::finishedJob(Result::failure(planned.error()), this);
    return send(*planned);
}

Job *HttpClient::sendUndecoded(const Expected<HttpRequest> &planned)
{
    if (!planned)
        return Job::finishedJob(Result::failure(planned.error()), this);
    return start(*planned, true);
}

void HttpClient::decodeJson(Result &result, const HttpRequest &request)
{
    // Not decoded yet: a 2xx answer whose body is neither empty nor already parsed (send() leaves data an object or
    // a list, or null for an empty body only).
    if (!result.ok() || !result.data.isNull() || result.body.trimmed().isEmpty())
        return;
    HttpJob::parseJson(result, request.url.host());
    result.error.message = Redactor::scrub(result.error.message, request.secrets);
    result.error.hint = Redactor::scrub(result.error.hint, request.secrets);
    result.error.code = Redactor::scrub(result.error.code, request.secrets);
}

} // namespace crossline
