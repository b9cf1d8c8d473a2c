#pragma once

#include "expected.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

namespace crossline {

// A send that failed and waits to be re-sent or discarded, in the outbox of the profile it was sent from. The payload
// is what the composer needs to send it again (connection, recipient, text/template…) and never a secret: the store
// redacts it before writing.
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
    QString profile; // the profile it was sent from (Workspace::profileKey()); only that profile's outbox shows it
    // An attempt left this machine and no answer came back (Error::OutcomeUnknown): the message may have
    // been delivered, and sending it again could deliver it twice. Stays true once an attempt ended that way.
    bool outcomeUnknown = false;

    static QString kindName(Kind kind); // "whatsapp" | "sms"
    static Expected<Kind> kindNamed(const QString &name); // an error for a kind this version does not know
};

} // namespace crossline

Q_DECLARE_METATYPE(crossline::OutboxItem)
