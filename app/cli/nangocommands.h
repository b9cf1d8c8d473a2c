#pragma once

#include "cli/context.h"

namespace crossline::cli {

// A real Nango's synced data: nango records|action|functions and nango sync status|trigger. `auth` are the options
// every Nango command takes (--base, --key).
QList<Command> nangoRecordCommands(const QList<QCommandLineOption> &auth);

} // namespace crossline::cli
