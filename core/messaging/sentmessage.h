#pragma once

#include <QJsonObject>
#include <QString>

namespace crossline {

// What a provider answered to a send it accepted, read once so that no caller digs into the provider's JSON.
// Accepted is not delivered: WhatsApp reports delivery to a webhook, Twilio in the message's later status.
struct SentMessage
{
    QString id; // "wamid.…" (WhatsApp) or "SM…" (Twilio); empty only if the answer had none
    // WhatsApp: messages[0].message_status when Meta gives one ("accepted", "held_for_quality_assessment", …),
    // else empty. Twilio: the message's status ("queued", "accepted", "sent", …).
    QString status;
    QString recipient; // as the provider read it: WhatsApp's contacts[0].input, Twilio's "to"
    QString waId; // WhatsApp: the recipient's WhatsApp id (contacts[0].wa_id)
    QString accountSid; // Twilio: the account the message belongs to (account_sid)
    int segments = 0; // Twilio: num_segments; 0 when not said
    QJsonObject answer; // the whole answer, for a details view (already scrubbed of secrets by HttpClient)

    static SentMessage fromWhatsApp(const QJsonValue &answer);
    static SentMessage fromSms(const QJsonValue &answer);
};

} // namespace crossline
