#pragma once

#include "cli/context.h"

namespace crossline::cli {

// whatsapp test and twilio test: one message through Nango's Requests Proxy, to check a connection end to end.
QList<Command> messageCommands();

} // namespace crossline::cli
