#pragma once

#include "nangocompatiblepaths.h"
#include "nangoconnections.h"
#include "nangoproxy.h"
#include "nangorecords.h"
#include "nangoupstreams.h"
#include "servicetypes.h"

#include <atomic>

namespace crossline::sandbox {

class RequestLog;
struct SandboxSizes;
class TwilioUpstream;
class WhatsAppUpstream;

// The emulated Nango server. handle() answers GET /health, applies the checks every other route has (the JSON
// Content-Type rule, the secret key) and routes the request: connections (list, get, delete, the verified and the
// legacy import), the Requests Proxy in front of the emulated WhatsApp Cloud and Twilio upstreams, and the compatible
// resource paths. Anything else is a 404. Thread-safe.
class NangoService
{
public:
    NangoService(RequestLog &log, WhatsAppUpstream &whatsapp, TwilioUpstream &twilio, const SandboxSizes &sizes);

    ServiceReply handle(const ServiceRequest &request);
    void setBaseUrlOverrideEnabled(bool enabled) { m_proxy.setBaseUrlOverrideEnabled(enabled); }
    // Like a deployed Nango rather than the original backend: the synced integrations get connections, the
    // compatible paths are gone, an unknown GET answers the web app's HTML page and an unknown POST Express's 404.
    void setRealNango(bool real);
    // How long the real-Nango mode's test of an imported credential takes.
    static constexpr int RealNangoCredentialTestMs = 1500;

private:
    NangoUpstreams m_upstreams;
    NangoConnections m_connections;
    NangoProxy m_proxy;
    NangoCompatiblePaths m_compatiblePaths;
    NangoRecords m_records;
    std::atomic<bool> m_real { false };
};

} // namespace crossline::sandbox
