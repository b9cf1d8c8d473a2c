#pragma once

#include "cli/context.h"

namespace crossline::cli {

// nango connections|import|delete: the connections of a Nango environment (list, import a token, delete).
QList<Command> connectionCommands();

} // namespace crossline::cli
