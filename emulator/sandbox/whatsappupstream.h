#pragma once

#include "servicetypes.h"

#include <QJsonObject>

#include <mutex>

namespace crossline::sandbox {

// The emulated WhatsApp Cloud API (graph.facebook.com), reached only through the emulated Nango proxy and by
// Nango's credential test: GET /{version}/me, POST /{version}/{phone-number-id}/messages, and the WABA's
// GET /{version}/{waba-id}/phone_numbers and /message_templates. Answers have the shapes of Meta's Cloud API v23.0.
class WhatsAppUpstream
{
public:
    static QString wabaId(); // "102290129340398"
    static QString livePhoneNumberId(); // "123456789012345", any recipient
    static QString expiredTokenPrefix(); // tokens starting with it answer 190 "Session has expired"
    // A token the emulated Meta accepts: "EAA" + alphanumerics, at least 20 characters, not expired.
    static bool isValidToken(const QString &token);

    ServiceReply handle(const ServiceRequest &request);

private:
    ServiceReply sendMessage(const QString &phoneNumberId, const ServiceRequest &request);
    ServiceReply sendTemplate(const QString &to, const QJsonObject &templ);
    ServiceReply listPhoneNumbers();
    ServiceReply listTemplates(const ServiceRequest &request);
    QString nextMessageId(const QString &digits);

    std::mutex m_mutex;
    quint64 m_counter = 0;
};

} // namespace crossline::sandbox
