#pragma once

#include "servicetypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

class QDateTime;

namespace crossline::sandbox::http {

inline constexpr char kJsonContentType[] = "application/json; charset=utf-8";

using QueryItems = QList<QPair<QString, QString>>;

// Percent-decodes; with plusAsSpace a '+' becomes a space (query strings and forms).
QString decode(const QByteArray &encoded, bool plusAsSpace);
// Splits "a=1&b=2" into decoded pairs, '+' as space (as express/qs and Twilio do).
QueryItems parseQuery(const QByteArray &query);
QString queryValue(const QueryItems &items, const QString &key);
bool hasQueryKey(const QueryItems &items, const QString &key);
// Form encoding as axios does it: encodeURIComponent, then !'()~ encoded, %20 as '+'.
QByteArray formEncode(const QString &value);

ServiceReply json(int status, const QJsonObject &object);
ServiceReply json(int status, const QJsonArray &array);
ServiceReply rawJson(int status, const QByteArray &body);
// One value as compact JSON, as it appears inside a QJsonDocument's output ("text" with escapes, null, 42, {…}).
QByteArray compactJson(const QJsonValue &value);

QString isoTimestamp(const QDateTime &dt); // 2024-10-01T12:00:00.000Z
QString isoTimestampOffset(const QDateTime &dt); // 2024-10-01T12:00:00.000+00:00
QString rfc2822(const QDateTime &dt); // Thu, 24 Aug 2023 05:01:45 +0000

// A UUID v4 shaped string derived from `seed` (stable across runs).
QString stableUuid(const QByteArray &seed);
QString randomUuid();
bool isUuid(const QString &s);

} // namespace crossline::sandbox::http
