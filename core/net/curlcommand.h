#pragma once

#include "net/requestplan.h"

namespace crossline {

// "Copy as curl": a shell command that repeats a request, with every secret replaced by a variable reference
// ($NANGO_SECRET_KEY …) so the command can be pasted into a ticket or a chat safely.
class CurlCommand
{
public:
    struct Variable
    {
        QString secret; // the literal value to hide
        QString name; // e.g. NANGO_SECRET_KEY
    };
    static QString fromRequest(const HttpRequest &request, const QList<Variable> &variables);
    // Every step of a plan, in order. One step is one command; several are numbered comments and commands, and a
    // step's placeholder becomes a variable its comment explains.
    static QString fromPlan(const RequestPlan &plan, const QList<Variable> &variables);
    static QString shellQuote(const QString &text);
};

} // namespace crossline
