#include "history/outboxitem.h"

#include <QCoreApplication>

namespace crossline {

QString OutboxItem::kindName(Kind kind)
{
    return kind == Kind::Sms ? QStringLiteral("sms") : QStringLiteral("whatsapp");
}

Expected<OutboxItem::Kind> OutboxItem::kindNamed(const QString &name)
{
    if (name == QLatin1String("whatsapp"))
        return Kind::WhatsApp;
    if (name == QLatin1String("sms"))
        return Kind::Sms;
    return Error::make(Error::Kind::Decode,
        QCoreApplication::translate("crossline::Outbox", "The outbox holds a message of an unknown kind \"%1\".")
            .arg(name),
        QCoreApplication::translate(
            "crossline::Outbox", "The history file may be damaged; the message is left as it is."));
}

} // namespace crossline
