#pragma once

#include "cli/context.h"
#include "expected.h"

#include <QCommandLineOption>
#include <QJsonValue>

namespace crossline::cli {

// What more than one command file needs: checks of the parsed options and the option sets several commands share.

// Added to the description of every option that can carry a secret.
extern const QString secretNote;

// A validation error naming the first of `names` that is not given or empty.
Error requireOptions(const Context &ctx, const QStringList &names);
// The option `name` as a JSON array (wantArray) or object; a null value when it is not given.
Expected<QJsonValue> parseJsonOption(const Context &ctx, const QString &name, bool wantArray);

// --base and --key: where Nango is and its secret key (every command that talks to Nango takes them).
QList<QCommandLineOption> nangoAuthOptions();
// The two options that name a Nango connection; `integration` and `connection` describe them for this command.
QList<QCommandLineOption> connectionOptions(const QString &integration, const QString &connection);
// --panora-url, --panora-key and --panora-connection-token.
QList<QCommandLineOption> panoraOptions();

} // namespace crossline::cli
