#pragma once

#include "error.h"

#include <QString>

namespace crossline {

// How the dialogs show an error in their message line: a sign and the message, then what to do on its own line.
inline QString errorText(const Error &e)
{
    QString text = QStringLiteral("✗ ") + e.message;
    if (!e.hint.isEmpty())
        text += QLatin1Char('\n') + e.hint;
    return text;
}

} // namespace crossline
