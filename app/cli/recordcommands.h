#pragma once

#include "cli/context.h"

namespace crossline::cli {

// unified (one request in the original backend's body) and contacts|employees list (through Nango or Panora, paged
// as the desktop Browser pages).
QList<Command> recordCommands();

} // namespace crossline::cli
