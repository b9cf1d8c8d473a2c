#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace crossline {

using QueryItems = QList<QPair<QString, QString>>;

// Builds request URLs without QUrlQuery's traps: every path segment and query value is percent-encoded with
// QUrl::toPercentEncoding, so '/' in a connection id becomes %2F and '+' becomes %2B.
class UrlBuilder
{
public:
    // base "https://nango.example/prefix" + "/connections" + segment(id) →
    // https://nango.example/prefix/connections/<id>
    static QUrl build(const QUrl &base, const QByteArray &encodedPath, const QueryItems &query = {});
    static QByteArray segment(const QString &value);
    static QByteArray encodeQuery(const QueryItems &query);
};

} // namespace crossline
