#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace crossline {

struct DotEnvEntry
{
    QString key;
    QString value;
    int line = 0; // 1-based line of the definition that won
};

// The result of reading a `.env` file. When `error` is set, `entries` holds what was read before the bad line.
struct DotEnvFile
{
    QList<DotEnvEntry> entries; // one per key, in order of first appearance; a later duplicate replaces the value
    Error error; // Validation, field "line N", message "line N: <problem>"
    QStringList warnings; // e.g. "line 9: FOO was already set on line 2; the later value wins"

    QString value(const QString &key) const; // "" when absent
    bool contains(const QString &key) const;
    const DotEnvEntry *entry(const QString &key) const; // nullptr when absent
    QStringList keys() const;
    bool ok() const { return !error.isError(); }
};

// KEY=VALUE files as the seed's `.env` (dotenv syntax): UTF-8 with optional BOM, LF or CRLF, `#` comment lines,
// optional `export ` prefix, unquoted values end at ` #`, "double quotes" with \n \t \" \\ escapes (one line),
// 'single quotes' literal.
class DotEnv
{
    Q_DECLARE_TR_FUNCTIONS(DotEnv)
public:
    static DotEnvFile parse(const QByteArray &utf8);
    // A missing or unreadable file is a Config error naming the path; one larger than MaxFileSize a Validation error.
    static DotEnvFile read(const QString &path);

    static bool isValidKey(const QString &key); // [A-Za-z_][A-Za-z0-9_]*
    static constexpr qint64 MaxFileSize = 1024 * 1024;
    // Far above any key, token or URL (a PEM key is about 3 KiB): a longer line is a damaged or wrong file, and its
    // value would otherwise be stored in the keychain as it is.
    static constexpr qsizetype MaxLineSize = 16 * 1024;
};

} // namespace crossline
