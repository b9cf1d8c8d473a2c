#pragma once

// What the fuzz targets share: a check that stops the run naming the invariant that broke (libFuzzer then keeps the
// input as a crash), and the small readers that turn libFuzzer's bytes into what a parser is given.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPair>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace crossline::fuzz {

[[noreturn]] inline void fail(const char *condition, const char *file, int line, const QString &detail)
{
    std::fprintf(stderr, "\n==== invariant broken at %s:%d\n     %s\n", file, line, condition);
    // One line, so that a report shows all of it: the inputs are full of line breaks.
    if (!detail.isEmpty())
        std::fprintf(stderr, "     %s\n", QString(detail).replace(u'\n', QStringLiteral("\\n")).toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

// The bytes as the parser meets them in the program: an owned copy (a file read, a network answer).
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// "first line\nrest": the targets whose input has a small header (a region, a status line, a provider) before the
// text they parse. Without a newline the header is empty and everything is the rest.
inline QPair<QByteArray, QByteArray> splitHeader(const QByteArray &input)
{
    const qsizetype nl = input.indexOf('\n');
    if (nl < 0)
        return { QByteArray(), input };
    return { input.left(nl), input.mid(nl + 1) };
}

// A value as one line of the failure report.
inline QString shown(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QString shown(const QByteArray &text)
{
    return QString::fromUtf8(text.left(400).toPercentEncoding(" !\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~"));
}

} // namespace crossline::fuzz

// Stops the run when `condition` is false. `detail` (a QString) is only built then.
#define FUZZ_CHECK(condition, detail)                                                                                  \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            crossline::fuzz::fail(#condition, __FILE__, __LINE__, (detail));                                           \
    } while (false)
