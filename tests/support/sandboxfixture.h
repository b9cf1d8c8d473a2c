#pragma once

#include "clientset.h"
#include "sandbox/sandbox.h"

#include <memory>

namespace crossline::test {

// A running sandbox plus the clients a user would have after exporting what `crossline-cli sandbox` prints.
class SandboxFixture
{
public:
    explicit SandboxFixture(const HttpPolicy &policy = fastPolicy());
    ~SandboxFixture();

    bool isReady() const { return m_ready; }
    sandbox::Sandbox &sandbox() { return m_sandbox; }
    ClientSet &clients() { return *m_clients; }
    ResolvedConfig config() const { return m_config; }
    // Builds another client set on the same sandbox (e.g. with a different policy or key).
    std::unique_ptr<ClientSet> makeClients(const HttpPolicy &policy, const QString &nangoKey = QString()) const;

    // Short backoff so retry tests stay quick; production defaults are in HttpPolicy.
    static HttpPolicy fastPolicy();
    // Waits for a job (QSignalSpy-style, bounded) and returns its result.
    static Result wait(Job *job, int timeoutMs = 20000);

private:
    sandbox::Sandbox m_sandbox;
    ResolvedConfig m_config;
    std::unique_ptr<ClientSet> m_clients;
    bool m_ready = false;
};

} // namespace crossline::test
