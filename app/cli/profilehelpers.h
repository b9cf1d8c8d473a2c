#pragma once

#include "error.h"

#include <QStringList>

namespace crossline::cli {

// The checks profile and secret commands share.

// A validation error (with a hint) unless `name` can be a profile's name.
Error checkProfileName(const QString &name);
// A validation error unless `positional` is exactly one non-empty argument; `what` names it ("NAME").
Error requireOnePositional(const QStringList &positional, const QString &what);

} // namespace crossline::cli
