#pragma once

#include "result.h"

#include <QDateTime>
#include <QMetaType>

namespace crossline {

// One structured record per HTTP attempt, already redacted: safe for the activity log, history and --verbose.
struct RequestRecord
{
    QDateTime started;
    QString service;
    QByteArray method;
    QString url;
    int status = 0;
    qint64 durationMs = 0;
    int attempt = 1;
    HeaderList requestHeaders;
    QByteArray requestBody;
    HeaderList responseHeaders;
    QByteArray responseBody;
    QString error;

    QString line() const; // "POST https://… → 201 in 84 ms"
};

} // namespace crossline

Q_DECLARE_METATYPE(crossline::RequestRecord)
