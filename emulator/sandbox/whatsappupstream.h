#pragma once

#include "servicetypes.h"

#include <QJsonObject>

#include <mutex>

namespace crossline::sandbox {

// The emulated WhatsApp Cloud API (graph.facebook.com), reached only through the emulated Nango proxy and by
// Nango's credential test. Shapes follow business-messaging-api_v23.0.yaml.
class WhatsAppUpstream
{
public:
    static QString wabaId();             // "102290129340398"
    static QString livePhoneNumberId();  // "123456789012345", any recipient
    static QString testPhoneNumberId();  // "109876543210987", SANDBOX: only +15551234567 and +15005550006
    static QString expiredTokenPrefix(); // tokens starting with it answer 190 "Session has expired"
    // A token the emulated Meta accepts: "EAA" + alphanumerics, at least 20 characters, not expired.
    static bool isValidToken(const QString &token);

    ServiceReply handle(const ServiceRequest &request);

private:
    ServiceReply sendMessage(const QString &phoneNumberId, const ServiceRequest &request);
    ServiceReply sendTemplate(const QString &to, const QJsonObject &templ);
    ServiceReply listPhoneNumbers(const ServiceRequest &request);
    ServiceReply listTemplates(const ServiceRequest &request);
    QString nextMessageId(const QString &digits);

    std::mutex m_mutex;
    quint64 m_counter = 0;
};

} // namespace crossline::sandbox
