#include "app/workspace.h"

#include <QProcessEnvironment>

// Resources compiled into the static crossline_ui library must be registered by hand.
static void initUiResources()
{
    Q_INIT_RESOURCE(crossline);
}

namespace crossline {

Workspace::Workspace(QObject *parent)
    : QObject(parent)
    , m_profiles(&m_settings)
{
    initUiResources();
    m_historyError = m_history.open();
    reload();
}

Workspace::~Workspace()
{
    m_clients.reset();
    if (m_sandbox)
        m_sandbox->stop();
}

bool Workspace::isConfigured() const
{
    return m_config.nangoKey.isSet() || m_config.panoraKey.isSet();
}

bool Workspace::startSandbox(QString *error)
{
    if (m_sandbox)
        return true;
    auto emulator = std::make_unique<sandbox::Sandbox>();
    QString message;
    if (!emulator->start(0, &message)) {
        if (error)
            *error = message;
        return false;
    }
    m_sandbox = std::move(emulator);
    using sandbox::SandboxCredentials;
    auto value = [](const QString &v) { return ResolvedValue{v, ValueSource::Default, QStringLiteral("sandbox")}; };
    m_config = ResolvedConfig();
    m_config.profileName = QStringLiteral("sandbox");
    m_config.nangoBase = value(m_sandbox->nangoBaseUrl().toString());
    m_config.nangoKey = value(SandboxCredentials::nangoSecretKey());
    m_config.panoraUrl = value(m_sandbox->panoraBaseUrl().toString());
    m_config.panoraKey = value(SandboxCredentials::panoraApiKey());
    m_config.panoraConnectionToken = value(SandboxCredentials::panoraConnectionToken());
    rebuildClients();
    return true;
}

void Workspace::reload()
{
    if (m_sandbox) {
        m_clients.reset();
        m_sandbox->stop();
        m_sandbox.reset();
    }
    m_config = ConfigResolver::resolve(ConfigFlags(), QProcessEnvironment::systemEnvironment(), &m_profiles);
    rebuildClients();
}

void Workspace::useProfile(const QString &name)
{
    m_profiles.setActive(name);
    reload();
}

void Workspace::rebuildClients()
{
    m_clients = std::make_unique<ClientSet>(m_config, m_policy);
    connect(m_clients->http(), &HttpClient::requestRecorded, this, &Workspace::requestRecorded);
    // Secrets in use are scrubbed from whatever the history stores, on top of the known header/field names.
    m_history.setSecretValues({m_config.nangoKey.value, m_config.panoraKey.value, m_config.panoraConnectionToken.value});
    if (m_history.isOpen())
        m_history.attach(m_clients->http());
    Q_EMIT changed();
}

} // namespace crossline
