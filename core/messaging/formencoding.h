#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace crossline {

// application/x-www-form-urlencoded bodies for Twilio through Nango's proxy.
namespace FormEncoding {

// "key=value&key=value" in the given order. Every key and value is UTF-8 percent-encoded with
// QUrl::toPercentEncoding: '+' becomes %2B, '&' %26, '=' %3D, space %20. Never QUrlQuery: it leaves '+' as is and
// "+1555…" then arrives as " 1555…" (Twilio then answers 21211). %20 for a space is what RFC 3986 writes and
// what qs (Nango's urlencoded parser) and Twilio decode as a space, same as '+'.
QByteArray encode(const QList<QPair<QString, QString>> &fields);

// One key or value, encoded as encode() does.
QByteArray encodeComponent(const QString &text);

} // namespace FormEncoding

} // namespace crossline
