#pragma once

#include "servicetypes.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <mutex>

namespace crossline::sandbox {

// The emulated Twilio Programmable Messaging API (api.twilio.com, 2010-04-01), reached only through the emulated
// Nango proxy and by Nango's credential test: GET /Accounts.json, and an account's Messages.json (POST sends, GET
// lists) and Messages/{sid}.json (GET). Answers have the shapes of Twilio's Messaging API.
class TwilioUpstream
{
public:
    // Credentials the emulated Twilio accepts: an Account SID (AC + 32 hex) and an auth token of >= 32 characters.
    static bool isValidCredential(const QString &accountSid, const QString &authToken);
    // Number of SMS segments (GSM-7 160/153, else UCS-2 70/67, characters never split across segments).
    static int segmentCount(const QString &body);

    ServiceReply handle(const ServiceRequest &request);

private:
    ServiceReply createMessage(const QString &accountSid, const ServiceRequest &request);
    ServiceReply fetchMessage(const QString &accountSid, const QString &sid);
    ServiceReply listMessages(const QString &accountSid, const ServiceRequest &request);
    ServiceReply accounts(const QString &accountSid, const QString &authToken);

    std::mutex m_mutex;
    QHash<QString, QJsonObject> m_messages; // by sid
    QStringList m_order; // sids, oldest first
    quint64 m_counter = 0;
};

} // namespace crossline::sandbox
