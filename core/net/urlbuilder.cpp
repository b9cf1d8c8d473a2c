#include "net/urlbuilder.h"

#include <QCoreApplication>

namespace crossline {

QByteArray UrlBuilder::segment(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

Expected<QByteArray> UrlBuilder::idSegment(const QString &field, const QString &id)
{
    if (id.trimmed().isEmpty())
        return Error::validation(
            field, QCoreApplication::translate("crossline::UrlBuilder", "%1 is empty.").arg(field));
    if (id.size() > MaxIdLength)
        return Error::validation(field,
            QCoreApplication::translate("crossline::UrlBuilder", "%1 is %2 characters long: no id is longer than %3.")
                .arg(field)
                .arg(id.size())
                .arg(MaxIdLength));
    // Decoded as a server (or a proxy in front of it) might, up to three times: no control character (a terminal
    // escape, a line break) and no "." or ".." segment (which would walk the path: "../connections", "..%2F..").
    QByteArray decoded = id.toUtf8();
    for (int round = 0; round < 4; ++round) {
        for (const char c : std::as_const(decoded)) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7f)
                return Error::validation(field,
                    QCoreApplication::translate("crossline::UrlBuilder", "%1 contains a control character (0x%2).")
                        .arg(field)
                        .arg(int(u), 2, 16, QLatin1Char('0')));
        }
        for (const QByteArray &part : decoded.split('/')) {
            if (part == "." || part == "..")
                return Error::validation(field,
                    QCoreApplication::translate("crossline::UrlBuilder",
                        "%1 \"%2\" is not an id: \".\" and \"..\" would change the request's path.")
                        .arg(field, id));
        }
        const QByteArray next = QByteArray::fromPercentEncoding(decoded);
        if (next == decoded)
            break;
        decoded = next;
    }
    return segment(id);
}

QByteArray UrlBuilder::encodeQuery(const QueryItems &query)
{
    QByteArray out;
    for (const auto &item : query) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
    }
    return out;
}

QUrl UrlBuilder::build(const QUrl &base, const QByteArray &encodedPath, const QueryItems &query)
{
    QByteArray url = base.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    url += encodedPath.startsWith('/') ? encodedPath : '/' + encodedPath;
    if (!query.isEmpty())
        url += (url.contains('?') ? '&' : '?') + encodeQuery(query);
    return QUrl::fromEncoded(url, QUrl::StrictMode);
}

} // namespace crossline
