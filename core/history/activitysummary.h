#pragma once

#include "history/outboxitem.h"
#include "net/requestrecord.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace crossline {

// A WhatsApp or SMS send as the activity log recorded it, turned back into the message's `data` object (the shape
// the Composer's forms build and the outbox keeps: providerConfigKey, connectionId, to, body or template…).
struct RecordedSend
{
    OutboxItem::Kind kind = OutboxItem::Kind::WhatsApp;
    QJsonObject data;
};

// What a person scans an activity row for, worked out from the stored record alone (method, URL, status, error and
// the redacted request headers and body): no secret can appear that the record does not already show, and a
// redacted value stays "[redacted]".
struct ActivitySummary
{
    QString operation; // "WhatsApp send", "SMS send", "Nango import", "Contacts list", "Connection delete"…
    QString target; // the recipient or the record: "+15551234567", "contact abc"; empty when there is none
    QString connection; // "whatsapp-business / conn_wa_1" when the request named them; else empty
    QString outcome; // "✓ 200", "✗ 401 …", "⚠ no answer — may have been delivered"

    bool isEmpty() const { return operation.isEmpty(); }

    static ActivitySummary describe(const RequestRecord &record);
    // The message a recorded WhatsApp or SMS send carried (whatever its outcome); nothing for any other request.
    static std::optional<RecordedSend> sendOf(const RequestRecord &record);

    Q_DECLARE_TR_FUNCTIONS(ActivitySummary)
};

} // namespace crossline
