#include "history/outboxitem.h"

namespace crossline {

QString OutboxItem::kindName(Kind kind)
{
    return kind == Kind::Sms ? QStringLiteral("sms") : QStringLiteral("whatsapp");
}

bool OutboxItem::kindFromName(const QString &name, Kind *kind)
{
    if (name == QLatin1String("whatsapp"))
        *kind = Kind::WhatsApp;
    else if (name == QLatin1String("sms"))
        *kind = Kind::Sms;
    else
        return false;
    return true;
}

} // namespace crossline
