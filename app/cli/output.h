#pragma once

#include "error.h"

#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

namespace crossline::cli {

// Exit codes of the CLI contract: 0 ok, 1 remote failure, 2 invalid input/usage, 3 config/keychain.
enum ExitCode
{
    ExitOk = 0,
    ExitRemote = 1,
    ExitUsage = 2,
    ExitConfig = 3
};
int exitCodeFor(const Error &error);

class Output
{
public:
    static QTextStream &out();
    static QTextStream &err();

    static void json(const QJsonValue &value, bool compact = false);
    // A plain-text table: headers, then rows, columns padded; long cells cut with "…".
    static void table(const QStringList &headers, const QList<QStringList> &rows, int maxWidth = 48);
    static void csv(const QStringList &headers, const QList<QStringList> &rows);
    static QString csvField(const QString &value);
    // Human: "error: …" + "hint: …" on stderr. JSON mode: {"error":{…}} on stdout.
    static int error(const Error &error, bool jsonMode);
};

} // namespace crossline::cli
