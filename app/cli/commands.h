#pragma once

#include "cli/clioptions.h"

namespace crossline::cli {

// Runs crossline-cli with its arguments; returns the process exit code.
int run(const QStringList &arguments);

} // namespace crossline::cli
