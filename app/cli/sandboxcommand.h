#pragma once

#include "cli/context.h"

namespace crossline::cli {

// sandbox: the embedded emulator in the foreground, until Ctrl+C.
QList<Command> sandboxCommands();

} // namespace crossline::cli
