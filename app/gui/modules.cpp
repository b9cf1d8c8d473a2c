// The desktop app's modules (packaging/Modules.cmake): libphonenumber and the embedded sandbox, each in a plugin file
// loaded the first time it is needed instead of at start-up (docs/PERFORMANCE.md). crossline-cli and the tests link
// the same code in instead; this file is what `crossline` has in their place:
//   - phoneBackend() (core/phone/phonebackend.h), which PhoneNumber::check asks: crossline-phone;
//   - the Sandbox class and SandboxCredentials (emulator/sandbox/sandbox.h), forwarding to crossline-sandbox.
// A missing or mismatched module is reported where the feature is used (a Config error from PhoneNumber::check, a
// failed Sandbox::start with the reason), never a crash.
#include "modules.h"

#include "phone/phonebackend.h"
#include "sandbox/module/sandboxmodule.h"

#include <QCoreApplication>
#include <QDebug>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>
#include <QThreadPool>

#include <mutex>

namespace crossline {

namespace {

// A module loaded once and kept for the life of the process (never unloaded: objects it made may outlive any owner).
struct LoadedModule
{
    QFunctionPointer entry = nullptr;
    QString error; // why entry is null
};

// The folders a module may be in, relative to the executable's (packaging/Modules.cmake): the Linux packages and the
// build tree, Windows, the macOS bundle. CROSSLINE_MODULE_DIR, when set, is looked at first.
QStringList moduleDirs()
{
    QStringList dirs;
    const QString fromEnv = qEnvironmentVariable("CROSSLINE_MODULE_DIR");
    if (!fromEnv.isEmpty())
        dirs << fromEnv;
    const QString app = QCoreApplication::applicationDirPath();
    if (!app.isEmpty()) {
        dirs << QDir::cleanPath(app + QStringLiteral("/../lib/crossline/modules")) << app
             << QDir::cleanPath(app + QStringLiteral("/../PlugIns/crossline"));
    }
    return dirs;
}

LoadedModule find(const QString &fileName, const char *entryName);

// Loads the module, or says on standard error why it cannot (for whoever installed it; the feature reports it too).
LoadedModule load(const QString &fileName, const char *entryName)
{
    LoadedModule module = find(fileName, entryName);
    if (!module.entry)
        qWarning().noquote() << "crossline:" << module.error;
    return module;
}

LoadedModule find(const QString &fileName, const char *entryName)
{
    LoadedModule result;
    const QStringList dirs = moduleDirs();
    for (const QString &dir : dirs) {
        const QString path = dir + QLatin1Char('/') + fileName;
        if (!QFileInfo::exists(path))
            continue;
        QLibrary library(path);
        if (!library.load()) {
            result.error = QCoreApplication::translate("Modules", "%1 could not be loaded: %2")
                               .arg(QDir::toNativeSeparators(path), library.errorString());
            return result;
        }
        result.entry = library.resolve(entryName);
        if (!result.entry) {
            result.error = QCoreApplication::translate("Modules", "%1 is not a Crossline module of this version: %2")
                               .arg(QDir::toNativeSeparators(path), library.errorString());
        }
        return result;
    }
    QStringList shown;
    for (const QString &dir : dirs)
        shown << QDir::toNativeSeparators(dir);
    result.error = QCoreApplication::translate("Modules", "%1 is not installed (looked in %2).")
                       .arg(fileName, shown.join(QStringLiteral(", ")));
    return result;
}

const QString phoneFile = QStringLiteral(CROSSLINE_PHONE_MODULE_FILE);
const QString sandboxFile = QStringLiteral(CROSSLINE_SANDBOX_MODULE_FILE);

} // namespace

const PhoneBackend *phoneBackend(QString *error)
{
    static std::once_flag once;
    static const PhoneBackend *backend = nullptr;
    static QString failure;
    std::call_once(once, [] {
        const LoadedModule module = load(phoneFile, kPhoneModuleEntryName);
        if (!module.entry) {
            failure = module.error;
            return;
        }
        backend = reinterpret_cast<PhoneModuleEntry>(module.entry)(kPhoneModuleApiVersion);
        if (!backend)
            failure = QCoreApplication::translate("Modules", "%1 is not a Crossline module of this version.")
                          .arg(phoneFile);
    });
    if (!backend && error)
        *error = failure;
    return backend;
}

namespace sandbox {

namespace {

const SandboxModule *sandboxModule(QString *error)
{
    static std::once_flag once;
    static const SandboxModule *module = nullptr;
    static QString failure;
    std::call_once(once, [] {
        const LoadedModule loaded = load(sandboxFile, kSandboxModuleEntryName);
        if (!loaded.entry) {
            failure = loaded.error;
            return;
        }
        const SandboxModule *candidate = reinterpret_cast<SandboxModuleEntry>(loaded.entry)();
        if (candidate && candidate->matches())
            module = candidate;
        else
            failure = QCoreApplication::translate("Modules", "%1 is not a Crossline module of this version.")
                          .arg(sandboxFile);
    });
    if (!module && error)
        *error = failure;
    return module;
}

QString credential(QString (*SandboxModule::*field)())
{
    const SandboxModule *module = sandboxModule(nullptr);
    return module ? (module->*field)() : QString();
}

} // namespace

// Holds the module's instance; null when the module could not be loaded (start() then says why).
struct Sandbox::Private
{
    std::unique_ptr<SandboxInstance> instance;
    QString loadError;
};

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    const SandboxModule *module = sandboxModule(nullptr);
    return module ? module->header(*this, name) : QByteArray();
}

QString SandboxCredentials::nangoSecretKey()
{
    return credential(&SandboxModule::nangoSecretKey);
}

QString SandboxCredentials::panoraApiKey()
{
    return credential(&SandboxModule::panoraApiKey);
}

QString SandboxCredentials::panoraConnectionToken()
{
    return credential(&SandboxModule::panoraConnectionToken);
}

QString SandboxCredentials::twilioAccountSid()
{
    return credential(&SandboxModule::twilioAccountSid);
}

Sandbox::Sandbox(const SandboxSizes &sizes)
    : d(std::make_unique<Private>())
{
    if (const SandboxModule *module = sandboxModule(&d->loadError))
        d->instance.reset(module->create(sizes));
}

Sandbox::~Sandbox() = default; // the instance stops itself

bool Sandbox::start(quint16 nangoPort, QString *errorMessage)
{
    if (d->instance)
        return d->instance->start(nangoPort, errorMessage);
    if (errorMessage)
        *errorMessage = d->loadError; // the caller says that the sandbox could not start
    return false;
}

void Sandbox::stop()
{
    if (d->instance)
        d->instance->stop();
}

bool Sandbox::isRunning() const
{
    return d->instance && d->instance->isRunning();
}

QUrl Sandbox::nangoBaseUrl() const
{
    return d->instance ? d->instance->nangoBaseUrl() : QUrl();
}

QUrl Sandbox::panoraBaseUrl() const
{
    return d->instance ? d->instance->panoraBaseUrl() : QUrl();
}

QList<RecordedRequest> Sandbox::requests() const
{
    return d->instance ? d->instance->requests() : QList<RecordedRequest>();
}

QList<RecordedRequest> Sandbox::requests(const QString &service) const
{
    return d->instance ? d->instance->requests(service) : QList<RecordedRequest>();
}

void Sandbox::clearRequests()
{
    if (d->instance)
        d->instance->clearRequests();
}

void Sandbox::setRequestLogLimit(int max)
{
    if (d->instance)
        d->instance->setRequestLogLimit(max);
}

void Sandbox::injectFault(const Fault &fault)
{
    if (d->instance)
        d->instance->injectFault(fault);
}

void Sandbox::clearFaults()
{
    if (d->instance)
        d->instance->clearFaults();
}

int Sandbox::contactCount() const
{
    return d->instance ? d->instance->contactCount() : 0;
}

int Sandbox::employeeCount() const
{
    return d->instance ? d->instance->employeeCount() : 0;
}

void Sandbox::setPanoraHasHris(bool enabled)
{
    if (d->instance)
        d->instance->setPanoraHasHris(enabled);
}

void Sandbox::setProxyBaseUrlOverrideEnabled(bool enabled)
{
    if (d->instance)
        d->instance->setProxyBaseUrlOverrideEnabled(enabled);
}

void Sandbox::setRealNango(bool real)
{
    if (d->instance)
        d->instance->setRealNango(real);
}

} // namespace sandbox

void preloadSandboxModule(std::function<void()> then)
{
    QCoreApplication::applicationDirPath(); // worked out and cached here, on the main thread
    // ~QCoreApplication waits for the global pool, so the application outlives the task.
    QThreadPool::globalInstance()->start([then = std::move(then)] {
        sandbox::sandboxModule(nullptr);
        QMetaObject::invokeMethod(QCoreApplication::instance(), then, Qt::QueuedConnection);
    });
}

} // namespace crossline
