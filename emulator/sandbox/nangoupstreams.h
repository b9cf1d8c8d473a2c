#pragma once

#include "servicetypes.h"

#include <QJsonObject>
#include <QString>

#include <atomic>

namespace crossline::sandbox {

class RequestLog;
class TwilioUpstream;
class WhatsAppUpstream;

// The emulated Nango's way out to the providers: every call it makes (a proxied request, a credential test) goes to
// the emulated WhatsApp Cloud or Twilio upstream and is recorded as an upstream request. Thread-safe.
class NangoUpstreams
{
public:
    NangoUpstreams(RequestLog &log, WhatsAppUpstream &whatsapp, TwilioUpstream &twilio);

    // The only hosts the sandbox can reach.
    static QString whatsAppHost(); // graph.facebook.com
    static QString twilioHost(); // api.twilio.com

    // Calls the emulated upstream for `host` (twilioHost(), else WhatsApp) and records the request.
    ServiceReply forward(const QString &host, const ServiceRequest &upstreamRequest);
    // Nango tests API_KEY and BASIC credentials with the provider before it saves them: runs the provider's
    // verification call with `credentials` (recorded like any other); true on a 2xx.
    bool verifyCredentials(const QString &provider, const QJsonObject &credentials);
    // How long the verification call takes (0 by default). A deployed Nango's test of a credential with the provider
    // can take seconds: long enough for a client's timeout to end its wait while the import still goes through.
    void setCredentialTestDelayMs(int ms) { m_credentialTestDelayMs = ms; }

private:
    RequestLog &m_log;
    WhatsAppUpstream &m_whatsapp;
    TwilioUpstream &m_twilio;
    std::atomic<int> m_credentialTestDelayMs { 0 };
};

} // namespace crossline::sandbox
