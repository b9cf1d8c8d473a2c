#pragma once

#include "cli/context.h"

namespace crossline::cli {

// profile list|show|set|use|rename|remove: profiles in QSettings, their secrets in the keychain (SecretStore), never
// in a file.
QList<Command> profileCommands();

} // namespace crossline::cli
