#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

namespace crossline::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// What the sandbox answered, as seen by a plain QNetworkAccessManager (the sandbox tests deliberately bypass
// Crossline's own HTTP layer: the emulator is checked on its own, not through the client it is meant to check).
struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
};

// One request over the real network stack; waits on the reply's finished() signal.
HttpResult send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url, const Headers &headers = {},
    const QByteArray &body = {}, int transferTimeoutMs = 0);
QUrl urlOf(const QUrl &base, const QByteArray &encodedPathAndQuery);
QByteArray nangoAuth(); // "Bearer <the sandbox's Nango key>"

} // namespace crossline::test
