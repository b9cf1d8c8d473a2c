#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>

namespace crossline {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// What every job finishes with: either data (JSON, raw bytes, headers) or an Error.
struct Result
{
    Error error;
    int httpStatus = 0;
    QJsonValue data; // the decoded JSON body (or what an operation made of it)
    QByteArray body; // the raw body as received (never logged unredacted)
    HeaderList headers;
    int attempts = 0; // how many times it was sent (retries included)
    qint64 elapsedMs = 0;

    bool ok() const { return !error.isError(); }
    QByteArray header(const QByteArray &name) const;

    static Result failure(const Error &error);
    static Result success(const QJsonValue &data, int httpStatus = 200);
};

} // namespace crossline

Q_DECLARE_METATYPE(crossline::Result)
