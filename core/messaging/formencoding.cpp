#include "messaging/formencoding.h"

#include <QUrl>

namespace crossline::FormEncoding {

QByteArray encodeComponent(const QString &text)
{
    // The default exclusions keep only RFC 3986 unreserved characters (A–Z a–z 0–9 - . _ ~) unencoded.
    return QUrl::toPercentEncoding(text);
}

QByteArray encode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += encodeComponent(key);
        body += '=';
        body += encodeComponent(value);
    }
    return body;
}

} // namespace crossline::FormEncoding
