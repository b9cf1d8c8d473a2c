#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace crossline::sandbox {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One request as a service (listener or emulated upstream) sees it.
struct ServiceRequest
{
    QByteArray method;
    QByteArray rawPath; // as on the wire, still percent-encoded
    QString path; // percent-decoded
    QByteArray query; // raw, without '?'
    HeaderList headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    bool hasHeader(const QByteArray &name) const;
    QByteArray target() const; // rawPath + ('?' + query)
};

// One answer (status, content type, body, extra headers).
struct ServiceReply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    HeaderList headers;
};

} // namespace crossline::sandbox
