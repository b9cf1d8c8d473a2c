#include "net/redactor.h"

#include <QByteArrayMatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <array>

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

// What scrub masks: [start, end) byte offsets into the text it was given.
struct Span
{
    qsizetype start;
    qsizetype end;
};

// Every place `needle` stands in `text`, overlapping ones too, as spans. Every body a client reads is scrubbed and
// most hold no secret: the scans that find nothing are the cost, so they use Boyer-Moore-Horspool
// (QByteArrayMatcher), one pass over the text per needle, and nothing is copied unless a needle was found.
void findAll(const QByteArray &text, const QByteArray &needle, QList<Span> &spans)
{
    if (needle.isEmpty())
        return;
    const QByteArrayMatcher matcher(needle);
    for (qsizetype at = matcher.indexIn(text); at >= 0; at = matcher.indexIn(text, at + 1))
        spans.append({ at, at + needle.size() });
}

// Sorted by start, overlapping spans joined into one.
QList<Span> merged(QList<Span> spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    QList<Span> out;
    for (const Span &s : spans) {
        if (!out.isEmpty() && s.start < out.last().end)
            out.last().end = std::max(out.last().end, s.end);
        else
            out.append(s);
    }
    return out;
}

// The length of the word "basic" at `p` in any letter case ("bAsic" too: found by fuzz_redactor), 0 if it is not
// there. A caseless regular expression also takes U+017F LATIN SMALL LETTER LONG S for the s, and so does this.
qsizetype basicAt(const char *p, qsizetype left)
{
    if (left < 5 || (p[0] | 0x20) != 'b' || (p[1] | 0x20) != 'a')
        return 0;
    qsizetype i = 2;
    if ((p[i] | 0x20) == 's')
        ++i;
    else if (left >= 6 && uchar(p[i]) == 0xc5 && uchar(p[i + 1]) == 0xbf)
        i += 2;
    else
        return 0;
    return i + 2 <= left && (p[i] | 0x20) == 'i' && (p[i + 1] | 0x20) == 'c' ? i + 2 : 0;
}

// Where the next "basic" (as basicAt reads it) starts at `from` or after, -1 if nowhere; its length in `length`.
// Every text scrubbed goes through this, and almost none holds the word: a Horspool scan that looks at the byte
// where the word would end, and moves on by the word's length when that byte is none of its letters.
qsizetype nextBasic(const QByteArray &text, qsizetype from, qsizetype &length)
{
    static const std::array<uchar, 256> shift = [] {
        std::array<uchar, 256> t;
        t.fill(5);
        // How far each byte of "basic" or "ba\u017Fic" stands from the word's end, in either letter case; a "c"
        // ends one, and is checked.
        for (const auto &[letter, distance] :
            { std::pair { 'b', 4 }, { 'a', 3 }, { 's', 2 }, { 'i', 1 }, { 'c', 0 } }) {
            t[uchar(letter)] = distance;
            t[uchar(letter - 0x20)] = distance;
        }
        t[0xc5] = 3;
        t[0xbf] = 2;
        return t;
    }();
    const char *p = text.constData();
    const qsizetype n = text.size();
    for (qsizetype end = from + 4; end < n;) {
        if (const uchar step = shift[uchar(p[end])]) {
            end += step;
            continue;
        }
        if ((length = basicAt(p + end - 4, n - end + 4)) == 5)
            return end - 4;
        if (end - 5 >= from && (length = basicAt(p + end - 5, n - end + 5)) == 6)
            return end - 5;
        end += 5; // a "c" stands only at the end of the word
    }
    return -1;
}

// What `\s` matches in a regular expression (Qt's, without Unicode properties): ASCII white space.
bool isSpace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

bool isTokenChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '=' || c == '_' || c == '-';
}

// Whether a Basic token holds one of the values: decoded in either base64 alphabet, strictly with or without its
// padding, or leniently (skipping what is not base64), as a reader of the text might.
bool holdsValue(const QByteArray &token, const QList<QByteArray> &values)
{
    QByteArray padded = token;
    while (padded.size() % 4)
        padded += '=';
    QList<QByteArray> plains;
    for (const QByteArray::Base64Options alphabet : { QByteArray::Base64Options(QByteArray::Base64Encoding),
             QByteArray::Base64Options(QByteArray::Base64UrlEncoding) }) {
        for (const QByteArray &candidate : { token, padded }) {
            if (const auto decoded
                = QByteArray::fromBase64Encoding(candidate, alphabet | QByteArray::AbortOnBase64DecodingErrors))
                plains << *decoded;
        }
        plains << QByteArray::fromBase64(token, alphabet);
    }
    for (const QByteArray &plain : plains) {
        for (const QByteArray &value : values) {
            if (plain.contains(value))
                return true;
        }
    }
    return false;
}

// "Basic <base64 of user:password>": the secret is inside the encoding, at no fixed offset. Every token after a
// "basic" is decoded, and masked whole when it holds a value — and so is one that shows a value only up to where
// another mask (`masked`: merged) will cut it, since what is left before that mask reads as a token of its own
// (a base64 value inside a token of two: found by fuzz_redactor).
void findBasic(const QByteArray &text, const QList<QByteArray> &values, const QList<Span> &masked, QList<Span> &spans)
{
    const char *p = text.constData();
    const qsizetype n = text.size();
    qsizetype word = 0;
    for (qsizetype i = nextBasic(text, 0, word); i >= 0; i = nextBasic(text, i + word, word)) {
        qsizetype start = i + word;
        while (start < n && isSpace(p[start]))
            ++start;
        qsizetype end = start;
        while (end < n && isTokenChar(p[end]))
            ++end;
        if (start == i + word || end - start < 8)
            continue;
        // The first mask that reaches into the token ends what a reader sees of it.
        qsizetype shown = end;
        const auto cut = std::lower_bound(
            masked.cbegin(), masked.cend(), start, [](const Span &s, qsizetype at) { return s.end <= at; });
        if (cut != masked.cend() && cut->start < end)
            shown = std::max(cut->start, start);
        const QByteArray whole = text.mid(start, end - start);
        if (holdsValue(whole, values)
            || (shown > start && shown < end && holdsValue(whole.left(shown - start), values)))
            spans.append({ start, end });
    }
}

} // namespace

// The masks are all chosen on the text as given, then applied at once: masking one form of a secret first would
// change the text the next search reads (cut a Basic token in two, and leave a credential before the cut).
QByteArray Redactor::scrub(const QByteArray &text, const QStringList &secrets)
{
    QList<QByteArray> values;
    for (const QString &secret : secrets) {
        // Short values would blank out innocent text; every real key or token is longer than this.
        if (secret.size() < 6)
            continue;
        values << secret.toUtf8();
    }
    if (values.isEmpty())
        return text;
    QList<Span> spans;
    for (const QByteArray &value : values) {
        findAll(text, value, spans);
        const QByteArray percent = QUrl::toPercentEncoding(QString::fromUtf8(value));
        if (percent != value)
            findAll(text, percent, spans);
        // A server may echo a value base64-encoded (standard or URL-safe, with or without padding). The unpadded
        // form is in every padded one: one scan finds both.
        for (const QByteArray::Base64Options alphabet : { QByteArray::Base64Options(QByteArray::Base64Encoding),
                 QByteArray::Base64Options(QByteArray::Base64UrlEncoding) }) {
            const QByteArray unpadded = value.toBase64(alphabet | QByteArray::OmitTrailingEquals);
            if (alphabet == QByteArray::Base64UrlEncoding && unpadded == value.toBase64(QByteArray::OmitTrailingEquals))
                continue; // the same text as the standard alphabet's
            const qsizetype found = spans.size();
            findAll(text, unpadded, spans);
            if (spans.size() == found)
                continue;
            // Where the padding follows, it goes too.
            const QByteArray padded = value.toBase64(alphabet);
            for (qsizetype i = found; i < spans.size(); ++i) {
                if (QByteArrayView(text).sliced(spans[i].start).startsWith(padded))
                    spans[i].end = spans[i].start + padded.size();
            }
        }
    }
    qsizetype word = 0;
    if (nextBasic(text, 0, word) >= 0) {
        const QList<Span> masked = merged(spans);
        findBasic(text, values, masked, spans);
    }
    if (spans.isEmpty())
        return text;
    QByteArray out;
    out.reserve(text.size());
    qsizetype at = 0;
    for (const Span &s : merged(spans)) {
        out.append(QByteArrayView(text).sliced(at, s.start - at));
        out.append(Mask);
        at = s.end;
    }
    out.append(QByteArrayView(text).sliced(at));
    return out;
}

QString Redactor::scrub(const QString &text, const QStringList &secrets)
{
    // Through UTF-8: every form of a secret is found where it stands in the bytes a server sent.
    return QString::fromUtf8(scrub(text.toUtf8(), secrets));
}

} // namespace crossline
