#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

namespace crossline {

// A send that failed and waits to be re-sent or discarded. The payload is what the composer needs to send it
// again (connection, recipient, text/template…) and never a secret: the store redacts it before writing.
struct OutboxItem
{
    enum class Kind
    {
        WhatsApp,
        Sms
    };

    qint64 id = 0;
    Kind kind = Kind::WhatsApp;
    QJsonObject payload;
    QString error; // the last failure, as the user read it
    QDateTime createdAt; // UTC
    int attempts = 1;

    static QString kindName(Kind kind); // "whatsapp" | "sms"
    static bool kindFromName(const QString &name, Kind *kind);
};

} // namespace crossline

Q_DECLARE_METATYPE(crossline::OutboxItem)
