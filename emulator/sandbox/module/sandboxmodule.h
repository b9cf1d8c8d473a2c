#pragma once

#include "sandbox/sandbox.h"

#include <QtGlobal>

namespace crossline::sandbox {

// The sandbox module (crossline-sandbox, emulator/sandbox/CMakeLists.txt): the emulator with cpp-httplib, in a plugin
// file the desktop app loads when it first starts a sandbox. The app's own Sandbox class (app/gui/modules.cpp)
// forwards every call to a SandboxInstance the module creates; crossline-cli and the tests link the emulator in and
// never see this interface. It mirrors Sandbox's public API: a method added there is added here too.
class SandboxInstance
{
public:
    virtual ~SandboxInstance() = default;
    virtual bool start(quint16 nangoPort, QString *errorMessage) = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    virtual QUrl nangoBaseUrl() const = 0;
    virtual QUrl panoraBaseUrl() const = 0;
    virtual QList<RecordedRequest> requests() const = 0;
    virtual QList<RecordedRequest> requests(const QString &service) const = 0;
    virtual void clearRequests() = 0;
    virtual void setRequestLogLimit(int max) = 0;
    virtual void injectFault(const Fault &fault) = 0;
    virtual void clearFaults() = 0;
    virtual int contactCount() const = 0;
    virtual int employeeCount() const = 0;
    virtual void setPanoraHasHris(bool enabled) = 0;
    virtual void setProxyBaseUrlOverrideEnabled(bool enabled) = 0;
    virtual void setRealNango(bool real) = 0;
};

// What the module's entry point returns. The sizes let the loader refuse a module built from other headers.
struct SandboxModule
{
    int apiVersion;
    size_t recordedRequestSize;
    size_t faultSize;
    size_t sizesSize;
    SandboxInstance *(*create)(const SandboxSizes &sizes);
    QString (*nangoSecretKey)();
    QString (*panoraApiKey)();
    QString (*panoraConnectionToken)();
    QString (*twilioAccountSid)();
    QByteArray (*header)(const RecordedRequest &request, const QByteArray &name);

    // True when the module was built from the same interface as the program that loaded it.
    bool matches() const
    {
        return apiVersion == kApiVersion && recordedRequestSize == sizeof(RecordedRequest) && faultSize == sizeof(Fault)
            && sizesSize == sizeof(SandboxSizes);
    }
    static constexpr int kApiVersion = 1;
};

// The module's one exported function (extern "C", resolved by this name).
using SandboxModuleEntry = const SandboxModule *(*)();
constexpr const char *kSandboxModuleEntryName = "crossline_sandbox_module";

} // namespace crossline::sandbox
