#pragma once

#include "cli/context.h"

namespace crossline::cli {

// secret set|clear: a profile's secrets in the keychain (SecretStore). A value is read from standard input only.
QList<Command> secretCommands();

} // namespace crossline::cli
