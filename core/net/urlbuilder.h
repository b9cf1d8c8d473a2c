#pragma once

#include "expected.h"

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
    // An id that goes into a path as one segment: refused (a Validation error naming `field`) when it is empty,
    // longer than MaxIdLength, holds a control character, or would walk the path — a "." or ".." segment, also
    // percent-encoded, however many times — so that e.g. DELETE /connections/.. can never become DELETE /.
    static Expected<QByteArray> idSegment(const QString &field, const QString &id);
    static constexpr int MaxIdLength = 1024; // far above any provider's ids; a 10 KB URL gets 414 or worse
    static QByteArray encodeQuery(const QueryItems &query);
};

} // namespace crossline
