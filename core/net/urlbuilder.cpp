#include "net/urlbuilder.h"

namespace crossline {

QByteArray UrlBuilder::segment(const QString &value)
{
    return QUrl::toPercentEncoding(value);
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
