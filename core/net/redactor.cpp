#include "net/redactor.h"

#include <QByteArrayMatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace crossline {

const QByteArray Redactor::Mask = QByteArrayLiteral("[redacted]");

bool Redactor::isSecretHeader(const QByteArray &name)
{
    static const QList<QByteArray> names { "authorization", "x-api-key", "x-connection-token", "proxy-authorization",
        "cookie", "set-cookie", "nango-proxy-authorization" };
    return names.contains(name.toLower());
}

bool Redactor::isSecretField(const QString &name)
{
    // Fields that carry credentials in Nango imports (apiKey, api_key, password, access_token…), Panora, Twilio.
    static const QStringList exact { QStringLiteral("apikey"), QStringLiteral("api_key"), QStringLiteral("password"),
        QStringLiteral("access_token"), QStringLiteral("refresh_token"), QStringLiteral("token"),
        QStringLiteral("secret"), QStringLiteral("client_secret"), QStringLiteral("secret_key"),
        QStringLiteral("secretkey"), QStringLiteral("oauth_token"), QStringLiteral("oauth_token_secret"),
        QStringLiteral("token_secret"), QStringLiteral("connection_token"), QStringLiteral("authtoken"),
        QStringLiteral("auth_token"), QStringLiteral("credentials"), QStringLiteral("private_key") };
    return exact.contains(name.toLower());
}

HeaderList Redactor::headers(const HeaderList &headers, const QStringList &secrets)
{
    HeaderList out;
    out.reserve(headers.size());
    for (const auto &h : headers)
        out.append({ h.first, isSecretHeader(h.first) ? Mask : scrub(h.second, secrets) });
    return out;
}

static QJsonValue redactJson(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (Redactor::isSecretField(it.key()))
                it.value() = QString::fromLatin1(Redactor::Mask);
            else
                it.value() = redactJson(it.value());
        }
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = redactJson(*it);
        return a;
    }
    return value;
}

QByteArray Redactor::body(const QByteArray &body, const QByteArray &contentType, const QStringList &secrets)
{
    if (body.isEmpty())
        return body;
    const QByteArray type = contentType.toLower();
    if (type.contains("json") || type.isEmpty()) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
        if (err.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray())) {
            const QJsonValue red = redactJson(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
            const QJsonDocument out = red.isObject() ? QJsonDocument(red.toObject()) : QJsonDocument(red.toArray());
            return scrub(out.toJson(QJsonDocument::Compact), secrets);
        }
    }
    if (type.contains("x-www-form-urlencoded")) {
        QList<QByteArray> parts = body.split('&');
        for (QByteArray &part : parts) {
            const int eq = part.indexOf('=');
            const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(part.left(eq)));
            if (eq > 0 && isSecretField(key))
                part = part.left(eq + 1) + Mask;
        }
        return scrub(parts.join('&'), secrets);
    }
    return scrub(body, secrets);
}

QString Redactor::url(const QUrl &url, const QStringList &secrets)
{
    QUrl copy = url;
    copy.setUserInfo(QString());
    if (copy.hasQuery()) {
        QUrlQuery query(copy);
        auto items = query.queryItems(QUrl::FullyEncoded);
        for (auto &item : items) {
            if (isSecretField(item.first) || item.first.compare(QLatin1String("key"), Qt::CaseInsensitive) == 0)
                item.second = QString::fromLatin1(Mask);
        }
        query.setQueryItems(items);
        copy.setQuery(query);
    }
    return scrub(copy.toString(QUrl::FullyEncoded), secrets);
}

namespace {

// Whether `needle` occurs in `haystack`. Every body a client reads is scrubbed, and most hold no secret: the scans
// that find nothing are the cost, so they use Boyer-Moore-Horspool (QByteArrayMatcher) and a changed copy of the
// body is made only where a needle was found.
bool occurs(const QByteArray &haystack, const QByteArray &needle)
{
    return !needle.isEmpty() && QByteArrayMatcher(needle).indexIn(haystack) >= 0;
}

// "Basic" in any letter case ("bAsic" too: found by fuzz_redactor). One pass; the first comparison fails on almost
// every byte, so it costs about as much as the search for a fixed word did.
bool mayHoldBasic(const QByteArray &text)
{
    const char *p = text.constData();
    for (qsizetype i = 0, n = text.size() - 4; i < n; ++i) {
        if ((p[i] | 0x20) == 'b' && (p[i + 1] | 0x20) == 'a' && (p[i + 2] | 0x20) == 's' && (p[i + 3] | 0x20) == 'i'
            && (p[i + 4] | 0x20) == 'c')
            return true;
    }
    return false;
}

void mask(QByteArray &text, const QByteArray &needle)
{
    if (occurs(text, needle))
        text.replace(needle, Redactor::Mask);
}

} // namespace

QByteArray Redactor::scrub(const QByteArray &text, const QStringList &secrets)
{
    QByteArray out = text;
    QList<QByteArray> values;
    for (const QString &secret : secrets) {
        // Short values would blank out innocent text; every real key or token is longer than this.
        if (secret.size() < 6)
            continue;
        values << secret.toUtf8();
    }
    if (values.isEmpty())
        return out;
    // "Basic <base64 of user:password>": the secret is inside the encoding, at no fixed offset. Decode each such
    // token and mask it when it holds a secret.
    if (mayHoldBasic(out)) {
        static const QRegularExpression basic(
            QStringLiteral("Basic\\s+([A-Za-z0-9+/=_-]{8,})"), QRegularExpression::CaseInsensitiveOption);
        // Masked where each token stands, from the last: replacing every copy of a token's text would also cut into a
        // longer token that contains it, and leave the rest of that one readable (found by fuzz_provider_error).
        QString asText = QString::fromUtf8(out);
        QList<std::pair<qsizetype, qsizetype>> spans;
        for (auto it = basic.globalMatch(asText); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const QByteArray token = m.captured(1).toUtf8();
            const auto decoded = QByteArray::fromBase64Encoding(token, QByteArray::AbortOnBase64DecodingErrors);
            const QByteArray plain = decoded ? *decoded : QByteArray::fromBase64(token, QByteArray::Base64UrlEncoding);
            for (const QByteArray &value : values) {
                if (plain.contains(value)) {
                    spans.append({ m.capturedStart(1), m.capturedLength(1) });
                    break;
                }
            }
        }
        if (!spans.isEmpty()) {
            for (auto it = spans.crbegin(); it != spans.crend(); ++it)
                asText.replace(it->first, it->second, QString::fromLatin1(Mask));
            out = asText.toUtf8();
        }
    }
    for (const QByteArray &value : values) {
        mask(out, value);
        const QByteArray percent = QUrl::toPercentEncoding(QString::fromUtf8(value));
        if (percent != value)
            mask(out, percent);
        // A server may echo a value base64-encoded (standard or URL-safe, with or without padding). The unpadded
        // form is in every padded one: one scan tells whether any of them is there.
        for (const QByteArray::Base64Options alphabet : { QByteArray::Base64Options(QByteArray::Base64Encoding),
                 QByteArray::Base64Options(QByteArray::Base64UrlEncoding) }) {
            const QByteArray unpadded = value.toBase64(alphabet | QByteArray::OmitTrailingEquals);
            if (alphabet == QByteArray::Base64UrlEncoding && unpadded == value.toBase64(QByteArray::OmitTrailingEquals))
                continue; // the same text as the standard alphabet's
            if (!occurs(out, unpadded))
                continue;
            out.replace(value.toBase64(alphabet), Mask);
            out.replace(unpadded, Mask);
        }
    }
    return out;
}

QString Redactor::scrub(const QString &text, const QStringList &secrets)
{
    return QString::fromUtf8(scrub(text.toUtf8(), secrets));
}

} // namespace crossline
