#include "messaging/sentmessage.h"

#include <QJsonArray>

namespace crossline {

namespace {

QJsonObject first(const QJsonObject &o, const char *list)
{
    return o.value(QLatin1String(list)).toArray().at(0).toObject();
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace

SentMessage SentMessage::fromWhatsApp(const QJsonValue &answer)
{
    SentMessage m;
    m.answer = answer.toObject();
    const QJsonObject message = first(m.answer, "messages");
    m.id = text(message, "id");
    m.status = text(message, "message_status");
    const QJsonObject contact = first(m.answer, "contacts");
    m.recipient = text(contact, "input");
    m.waId = text(contact, "wa_id");
    return m;
}

SentMessage SentMessage::fromSms(const QJsonValue &answer)
{
    SentMessage m;
    m.answer = answer.toObject();
    m.id = text(m.answer, "sid");
    m.status = text(m.answer, "status");
    m.recipient = text(m.answer, "to");
    m.accountSid = text(m.answer, "account_sid");
    // Twilio's own schema has num_segments as a string; accept a number too.
    const QJsonValue segments = m.answer.value(QLatin1String("num_segments"));
    m.segments = segments.isString() ? segments.toString().toInt() : segments.toInt();
    return m;
}

} // namespace crossline
