#pragma once

#include "cli/context.h"

namespace crossline::cli {

// env import: the original backend's .env, its settings into a profile and its secrets into the keychain.
QList<Command> envCommands();

} // namespace crossline::cli
