// The sandbox module (crossline-sandbox): the emulator behind SandboxInstance, loaded by the desktop app on first use.
#include "sandbox/module/sandboxmodule.h"

namespace crossline::sandbox {

namespace {

class Instance final : public SandboxInstance
{
public:
    explicit Instance(const SandboxSizes &sizes)
        : m_sandbox(sizes)
    {
    }
    bool start(quint16 nangoPort, QString *errorMessage) override { return m_sandbox.start(nangoPort, errorMessage); }
    void stop() override { m_sandbox.stop(); }
    bool isRunning() const override { return m_sandbox.isRunning(); }
    QUrl nangoBaseUrl() const override { return m_sandbox.nangoBaseUrl(); }
    QUrl panoraBaseUrl() const override { return m_sandbox.panoraBaseUrl(); }
    QList<RecordedRequest> requests() const override { return m_sandbox.requests(); }
    QList<RecordedRequest> requests(const QString &service) const override { return m_sandbox.requests(service); }
    void clearRequests() override { m_sandbox.clearRequests(); }
    void setRequestLogLimit(int max) override { m_sandbox.setRequestLogLimit(max); }
    void injectFault(const Fault &fault) override { m_sandbox.injectFault(fault); }
    void clearFaults() override { m_sandbox.clearFaults(); }
    int contactCount() const override { return m_sandbox.contactCount(); }
    int employeeCount() const override { return m_sandbox.employeeCount(); }
    void setPanoraHasHris(bool enabled) override { m_sandbox.setPanoraHasHris(enabled); }
    void setProxyBaseUrlOverrideEnabled(bool enabled) override { m_sandbox.setProxyBaseUrlOverrideEnabled(enabled); }
    void setRealNango(bool real) override { m_sandbox.setRealNango(real); }

private:
    Sandbox m_sandbox;
};

} // namespace

} // namespace crossline::sandbox

extern "C" Q_DECL_EXPORT const crossline::sandbox::SandboxModule *crossline_sandbox_module()
{
    using namespace crossline::sandbox;
    static const SandboxModule module {
        SandboxModule::kApiVersion,
        sizeof(RecordedRequest),
        sizeof(Fault),
        sizeof(SandboxSizes),
        [](const SandboxSizes &sizes) -> SandboxInstance * { return new Instance(sizes); },
        &SandboxCredentials::nangoSecretKey,
        &SandboxCredentials::panoraApiKey,
        &SandboxCredentials::panoraConnectionToken,
        &SandboxCredentials::twilioAccountSid,
        [](const RecordedRequest &request, const QByteArray &name) { return request.header(name); },
    };
    return &module;
}
