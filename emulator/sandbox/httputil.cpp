#include "httputil.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace crossline::sandbox {

QByteArray ServiceRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool ServiceRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray ServiceRequest::target() const
{
    return query.isEmpty() ? rawPath : rawPath + '?' + query;
}

} // namespace crossline::sandbox

namespace crossline::sandbox::http {

QString decode(const QByteArray &encoded, bool plusAsSpace)
{
    QByteArray copy = encoded;
    if (plusAsSpace)
        copy.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(copy));
}

QueryItems parseQuery(const QByteArray &query)
{
    QueryItems items;
    if (query.isEmpty())
        return items;
    const auto parts = query.split('&');
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        const int eq = part.indexOf('=');
        const QByteArray key = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        items.append({ decode(key, true), decode(value, true) });
    }
    return items;
}

QString queryValue(const QueryItems &items, const QString &key)
{
    for (const auto &item : items) {
        if (item.first == key)
            return item.second;
    }
    return {};
}

bool hasQueryKey(const QueryItems &items, const QString &key)
{
    for (const auto &item : items) {
        if (item.first == key)
            return true;
    }
    return false;
}

QByteArray formEncode(const QString &value)
{
    // toPercentEncoding leaves A-Za-z0-9-._~ alone; axios (encodeURIComponent + charMap) keeps '*' and encodes '~'.
    QByteArray out = QUrl::toPercentEncoding(value, QByteArrayLiteral("*"), QByteArrayLiteral("~"));
    out.replace("%20", "+");
    return out;
}

ServiceReply json(int status, const QJsonObject &object)
{
    return rawJson(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

ServiceReply json(int status, const QJsonArray &array)
{
    return rawJson(status, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QByteArray compactJson(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // without [ ]
}

ServiceReply rawJson(int status, const QByteArray &body)
{
    ServiceReply reply;
    reply.status = status;
    reply.contentType = kJsonContentType;
    reply.body = body;
    return reply;
}

QString isoTimestamp(const QDateTime &dt)
{
    return dt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QString isoTimestampOffset(const QDateTime &dt)
{
    return dt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz+00:00"));
}

QString rfc2822(const QDateTime &dt)
{
    return QLocale::c().toString(dt.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
}

static QString uuidFromBytes(QByteArray bytes)
{
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    const QString hex = QString::fromLatin1(bytes.left(16).toHex());
    return hex.mid(0, 8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1Char('-') + hex.mid(12, 4) + QLatin1Char('-')
        + hex.mid(16, 4) + QLatin1Char('-') + hex.mid(20, 12);
}

QString stableUuid(const QByteArray &seed)
{
    return uuidFromBytes(QCryptographicHash::hash(seed, QCryptographicHash::Md5));
}

QString randomUuid()
{
    QByteArray bytes(16, '\0');
    for (int i = 0; i < 16; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return uuidFromBytes(bytes);
}

bool isUuid(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return re.match(s).hasMatch();
}

} // namespace crossline::sandbox::http
