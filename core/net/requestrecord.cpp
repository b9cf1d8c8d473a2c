#include "net/requestrecord.h"

namespace crossline {

QString RequestRecord::line() const
{
    QString text = QString::fromLatin1(method) + QLatin1Char(' ') + url + QStringLiteral(" → ");
    text += status ? QString::number(status) : QStringLiteral("no response");
    text += QStringLiteral(" in %1 ms").arg(durationMs);
    if (attempt > 1)
        text += QStringLiteral(" (attempt %1)").arg(attempt);
    if (!error.isEmpty())
        text += QStringLiteral(" — ") + error;
    return text;
}

} // namespace crossline
