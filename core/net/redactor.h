#pragma once

#include "result.h"

#include <QStringList>
#include <QUrl>

namespace crossline {

// Removes secrets from what the HTTP layer records: credential headers, secret-bearing JSON/form fields, and any
// literal secret value the caller registered (a token pasted into a URL or an echoed body is still caught).
class Redactor
{
public:
    static const QByteArray Mask; // "[redacted]"

    static bool isSecretHeader(const QByteArray &name);
    static bool isSecretField(const QString &name);
    static HeaderList headers(const HeaderList &headers, const QStringList &secrets = {});
    static QByteArray body(const QByteArray &body, const QByteArray &contentType, const QStringList &secrets = {});
    static QString url(const QUrl &url, const QStringList &secrets = {});
    static QByteArray scrub(const QByteArray &text, const QStringList &secrets);
    static QString scrub(const QString &text, const QStringList &secrets);
};

} // namespace crossline
