#pragma once

#include "net/httprequest.h"

namespace crossline {

// "Copy as curl": a shell command that repeats a request, with every secret replaced by a variable reference
// ($NANGO_SECRET_KEY …) so the command can be pasted into a ticket or a chat safely.
class CurlCommand
{
public:
    struct Variable
    {
        QString secret; // the literal value to hide
        QString name;   // e.g. NANGO_SECRET_KEY
    };
    static QString fromRequest(const HttpRequest &request, const QList<Variable> &variables);
    static QString shellQuote(const QString &text);
};

} // namespace crossline
