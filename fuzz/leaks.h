#pragma once

// The secrets the Redactor and ProviderError targets register, and the independent check of their promise
// (docs/RELIABILITY.md, rule 5): no text a server sent reaches the user with a known secret in it — raw,
// percent-encoded, base64 (standard or URL-safe, padded or not) or inside a `Basic` credential.

#include <QByteArray>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace crossline::fuzz {

// What a request carries: a key, a Nango secret key (a UUID), a password that percent-encoding changes and that is
// not ASCII, and a short one. fuzz/seeds.py writes seeds holding these in every encoding: keep the two lists equal.
inline const QStringList &secrets()
{
    static const QStringList list { QStringLiteral("sk-test-0123456789abcdef"),
        QStringLiteral("4f1c5e3a-9b2d-4c7e-8a6f-2d3b1e0c9a57"), QStringLiteral("p@ss w\u00f6rd/+=&?"),
        QStringLiteral("xoxb-17"), QStringLiteral("abc12") };
    return list;
}

// Redactor leaves values shorter than this alone (they would blank out innocent text).
constexpr qsizetype MinimumSecretLength = 6;

// Decodes a base64 token only when it is well-formed in `alphabet`, with or without its padding.
inline QByteArray strictBase64(const QByteArray &token, QByteArray::Base64Options alphabet)
{
    QByteArray padded = token;
    while (padded.size() % 4)
        padded += '=';
    for (const QByteArray &candidate : { token, padded }) {
        const auto decoded
            = QByteArray::fromBase64Encoding(candidate, alphabet | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            return *decoded;
    }
    return {};
}

// The first secret found in `text`, with the form it was found in ("" when there is none).
inline QString leakIn(const QByteArray &text)
{
    for (const QString &secret : secrets()) {
        if (secret.size() < MinimumSecretLength)
            continue;
        const QByteArray value = secret.toUtf8();
        const QList<QPair<const char *, QByteArray>> forms {
            { "raw", value },
            { "percent-encoded", QUrl::toPercentEncoding(secret) },
            { "base64", value.toBase64() },
            { "base64 without padding", value.toBase64(QByteArray::OmitTrailingEquals) },
            { "base64url", value.toBase64(QByteArray::Base64UrlEncoding) },
            { "base64url without padding",
                value.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) },
        };
        for (const auto &[name, form] : forms) {
            if (text.contains(form))
                return QStringLiteral("%1 %2").arg(secret, QLatin1String(name));
        }
    }
    // HTTP auth scheme names are case-insensitive, so "bAsIc" is a Basic credential too.
    static const QRegularExpression basic(
        QStringLiteral("basic\\s+([A-Za-z0-9+/=_-]{8,})"), QRegularExpression::CaseInsensitiveOption);
    for (auto it = basic.globalMatch(QString::fromUtf8(text)); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QByteArray token = match.captured(1).toLatin1();
        for (const QByteArray::Base64Options alphabet : { QByteArray::Base64Options(QByteArray::Base64Encoding),
                 QByteArray::Base64Options(QByteArray::Base64UrlEncoding) }) {
            const QByteArray plain = strictBase64(token, alphabet);
            for (const QString &secret : secrets()) {
                if (secret.size() >= MinimumSecretLength && plain.contains(secret.toUtf8()))
                    return QStringLiteral("%1 inside \"%2\"").arg(secret, match.captured(0));
            }
        }
    }
    return {};
}

} // namespace crossline::fuzz
