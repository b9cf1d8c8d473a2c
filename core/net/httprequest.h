#pragma once

#include "result.h"

#include <QJsonDocument>
#include <QStringList>
#include <QUrl>

namespace crossline {

// One request for the HTTP layer. Everything that leaves Crossline is described by one of these.
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HeaderList headers;
    QByteArray body;
    QString service; // "nango", "panora" — labels the activity record
    bool idempotent = true; // only idempotent requests are retried; sends (WhatsApp/Twilio POSTs) never are
    // For a request that changes something: what to check before trying again when it was sent and no answer came
    // ("The message may have been delivered: …"). Empty: a general sentence.
    QString unknownOutcomeHint;
    QStringList secrets; // literal values (keys, tokens) scrubbed from every log line besides the known fields

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    void setJsonBody(const QJsonDocument &document);
};

// Limits and behaviour of the HTTP layer (docs/ARCHITECTURE.md#the-http-layer).
struct HttpPolicy
{
    int timeoutMs = 30000; // deadline for one whole exchange: connecting, sending, and the complete answer
    int stallMs = 15000; // no byte for this long ends the exchange before the deadline (when shorter)
    int maxAttempts = 4; // first try + retries, for idempotent requests
    int backoffBaseMs = 500; // exponential backoff base (doubled per retry, plus jitter)
    int backoffMaxMs = 8000; // one wait is never longer than this (unless Retry-After says more)
    int maxRetryWaitMs = 30000; // all waits of one request together stay below this
    qint64 maxResponseBytes = 64LL * 1024 * 1024;
    bool allowInsecureHttp = false; // plain http:// to a non-loopback host
};

} // namespace crossline
