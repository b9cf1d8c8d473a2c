#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace crossline::test {

// Where the checked-out sources are (set by CTest), for reading ../shared specs and fixtures.
QString sourceDir();
// The folder holding the official specs (the shared/specs beside the checkout), or "" when absent.
QString specsDir();
// Reads a whole file; empty on error.
QByteArray readFile(const QString &path);

} // namespace crossline::test
