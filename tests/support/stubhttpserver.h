#pragma once
// A minimal HTTP/1.1 server on 127.0.0.1 for what the sandbox cannot answer (redirects, an HTTP-date Retry-After),
// and for counting what reaches a second origin. It runs in a thread of its own, so it keeps answering while the test
// blocks (QProcess::waitForFinished for crossline-cli) as well as while it spins an event loop (a Job). Every request
// is recorded with its arrival time on a monotonic clock; every answer closes the connection. Header-only: Qt Network.

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QPair>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace crossline::test {

class StubHttpServer : public QThread
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        qint64 arrivedMs = 0; // on the server's monotonic clock (see elapsedMs())

        QByteArray header(const QByteArray &name) const
        {
            for (const auto &h : headers) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return h.second;
            }
            return {};
        }
    };
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };
    // Called on the server's thread, for every request, in order.
    using Responder = std::function<Response(const Request &)>;

    explicit StubHttpServer(Responder respond)
        : m_respond(std::move(respond))
    {
        m_clock.start();
        start();
        m_ready.acquire();
    }
    ~StubHttpServer() override
    {
        quit();
        wait();
    }

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    // http://<host>:<port>: the same listener under another host name is another origin.
    QUrl url(const QString &host = QStringLiteral("127.0.0.1")) const
    {
        return QUrl(QStringLiteral("http://%1:%2").arg(host).arg(m_port));
    }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    QList<Request> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    int requestCount() const
    {
        QMutexLocker lock(&m_mutex);
        return int(m_requests.size());
    }

    static Response json(int status, const QByteArray &body)
    {
        return { status, { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } }, body };
    }

protected:
    void run() override
    {
        QTcpServer server;
        if (server.listen(QHostAddress::LocalHost, 0))
            m_port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *socket = server.nextPendingConnection())
                serve(socket);
        });
        m_ready.release();
        if (m_port)
            exec();
    }

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
            Request request;
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            if (requestLine.size() < 2) {
                socket->abort();
                return;
            }
            request.method = requestLine.at(0);
            request.target = requestLine.at(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = lines.at(i).left(colon).trimmed();
                const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
                request.headers.append({ name, value });
                if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                    length = value.toLongLong();
            }
            if (buffer->size() < headEnd + 4 + length)
                return; // the body is still on its way
            request.body = buffer->mid(headEnd + 4, length);
            request.arrivedMs = m_clock.elapsed();
            buffer->clear();
            {
                QMutexLocker lock(&m_mutex);
                m_requests.append(request);
            }
            const Response response = m_respond(request);
            QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
            for (const auto &h : response.headers)
                out += h.first + ": " + h.second + "\r\n";
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
            out += response.body;
            socket->write(out);
            socket->disconnectFromHost();
        });
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 429:
            return "Too Many Requests";
        default:
            return "Status";
        }
    }

    Responder m_respond;
    QElapsedTimer m_clock;
    QSemaphore m_ready;
    std::atomic<quint16> m_port { 0 };
    mutable QMutex m_mutex;
    QList<Request> m_requests;
};

} // namespace crossline::test
