#pragma once

#include "servicetypes.h"

#include <atomic>

namespace crossline::sandbox {

class NangoConnections;
class NangoUpstreams;

// The emulated Nango Requests Proxy (any method on /proxy/...): validates the control headers (Connection-Id,
// Provider-Config-Key, Base-Url-Override, Retries), finds the connection, and forwards the rest of the path, the
// query and the body to the provider as Nango does: the provider's credentials injected, only the Nango-Proxy-*
// headers passed on, the body re-encoded from the Content-Type. The provider's answer comes back unwrapped.
// Thread-safe.
class NangoProxy
{
public:
    NangoProxy(const NangoConnections &connections, NangoUpstreams &upstreams);

    ServiceReply handle(const ServiceRequest &request);
    // Like a Nango started with NANGO_PROXY_BASE_URL_OVERRIDE_ENABLED=false: any non-empty Base-Url-Override is
    // refused with 400 base_url_override_disabled.
    void setBaseUrlOverrideEnabled(bool enabled) { m_overrideEnabled = enabled; }

private:
    const NangoConnections &m_connections;
    NangoUpstreams &m_upstreams;
    std::atomic<bool> m_overrideEnabled { true };
};

} // namespace crossline::sandbox
