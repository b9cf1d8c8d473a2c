#include "workspace.h"

#include <QHash>
#include <QPointer>
#include <QProcessEnvironment>
#include <QTimerEvent>

// Resources compiled into the static crossline_ui library must be registered by hand.
static void initUiResources()
{
    Q_INIT_RESOURCE(crossline);
}

namespace crossline {

// One round of keychain reads started by reload(); results of an older round are dropped.
struct Workspace::SecretRead
{
    QProcessEnvironment env; // the environment reload() resolved with, so both passes agree
    QHash<QString, QString> values; // "<profile>/<name>" → value, until the config is resolved
    qsizetype pending = 0;
    Error error; // the first failure other than "not stored"
    QList<QPointer<Job>> jobs;
};

Workspace::Workspace(QObject *parent)
    : Workspace(Start::Configured, parent)
{
}

Workspace::Workspace(Start start, QObject *parent)
    : QObject(parent)
    , m_profiles(&m_settings)
{
    initUiResources();
    // The history file is opened when first needed (openHistory()): when a page asks, or after the first answer;
    // not before the window shows, and not at all while nothing is sent (SQLite and Qt's driver stay unloaded:
    // docs/PERFORMANCE.md).
    resolve(start == Start::Configured);
}

Workspace::~Workspace()
{
    forgetSecretRead();
    m_clients.reset();
    if (m_sandbox)
        m_sandbox->stop();
}

bool Workspace::isConfigured() const
{
    return m_config.nangoKey.isSet() || m_config.panoraKey.isSet();
}

bool Workspace::startSandbox(QString *error, SandboxKind kind)
{
    if (m_sandbox) {
        if (m_sandboxKind == kind)
            return true;
        if (error) {
            *error = kind == SandboxKind::RealNango
                ? tr("The sandbox is already running with the original backend's paths. Restart Crossline with "
                     "--sandbox --real-nango to use it as a deployed Nango.")
                : tr("The sandbox is already running as a deployed Nango. Restart Crossline with --sandbox to use "
                     "the original backend's paths.");
        }
        return false;
    }
    forgetSecretRead(); // a keychain answer arriving later must not replace the sandbox's configuration
    auto emulator = std::make_unique<sandbox::Sandbox>();
    emulator->setRealNango(kind == SandboxKind::RealNango);
    QString message;
    if (!emulator->start(0, &message)) {
        if (error)
            *error = message;
        if (m_keychainSkipped)
            reload(); // the configuration the user has after all, keychain secrets included
        return false;
    }
    m_sandbox = std::move(emulator);
    m_sandboxKind = kind;
    using sandbox::SandboxCredentials;
    auto value = [](const QString &v) { return ResolvedValue { v, ValueSource::Default, QStringLiteral("sandbox") }; };
    m_config = ResolvedConfig();
    m_config.profileName = QStringLiteral("sandbox");
    m_config.nangoBase = value(m_sandbox->nangoBaseUrl().toString());
    m_config.nangoKey = value(SandboxCredentials::nangoSecretKey());
    m_config.panoraUrl = value(m_sandbox->panoraBaseUrl().toString());
    m_config.panoraKey = value(SandboxCredentials::panoraApiKey());
    m_config.panoraConnectionToken = value(SandboxCredentials::panoraConnectionToken());
    if (kind == SandboxKind::RealNango) {
        // The emulator's deployed-Nango connections and what their syncs and actions are called.
        Profile mapped;
        mapped.name = QStringLiteral("sandbox");
        mapped.nangoMapping = Profile::NangoMapping::RecordsAndActions;
        mapped.crmRecords = { QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), QStringLiteral("Contact"),
            QStringLiteral("create-contact") };
        mapped.hrRecords
            = { QStringLiteral("bamboohr-basic"), QStringLiteral("bamboohr-acme"), QStringLiteral("Employee"), {} };
        m_config.nangoMapping = mapped.nangoMapping;
        m_config.profile = mapped;
    }
    rebuildClients();
    return true;
}

void Workspace::reload()
{
    resolve(true);
}

void Workspace::resolve(bool readKeychain)
{
    m_keychainSkipped = !readKeychain;
    if (m_sandbox) {
        m_clients.reset();
        m_sandbox->stop();
        m_sandbox.reset();
    }
    forgetSecretRead();

    // First pass without the keychain: the resolver asks only for the secrets no environment variable supplies,
    // and of those only the ones not known to be absent: with nothing stored, no keychain library is loaded.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QList<QPair<QString, QString>> wanted;
    const ResolvedConfig withoutKeychain = ConfigResolver::resolve(
        ConfigFlags(), env, &m_profiles, [&wanted](const QString &profile, const QString &name) {
            if (!SecretStore::isKnownAbsent(profile, name))
                wanted.append({ profile, name });
            return QString();
        });
    if (wanted.isEmpty() || !readKeychain) {
        m_secretsError = {};
        m_config = withoutKeychain;
        rebuildClients();
        return;
    }
    // While the keychain answers, the clients already talk to the new profile, only without its keychain secrets:
    // the previous profile's clients must not stay in charge (a send in that gap went to the profile just left —
    // production, possibly). The views say "reading the keychain" meanwhile; its answer rebuilds the clients.
    m_secretsError = {};
    m_config = withoutKeychain;

    auto read = std::make_shared<SecretRead>();
    read->env = env;
    read->pending = wanted.size();
    m_reading = read;
    rebuildClients(); // after m_reading is set: changed() observers see isReadingSecrets()
    for (const auto &[profile, name] : std::as_const(wanted)) {
        Job *job = m_secrets.read(profile, name);
        read->jobs.append(job);
        connect(job, &Job::finished, this, [this, read, key = SecretStore::keyFor(profile, name)](const Result &r) {
            if (m_reading != read)
                return; // a newer reload() took over
            if (r.ok())
                read->values.insert(key, r.data.toString());
            else if (!SecretStore::isNotFound(r.error) && !read->error)
                read->error = r.error;
            if (--read->pending == 0)
                finishSecretRead(read.get());
        });
    }
}

void Workspace::forgetSecretRead()
{
    if (auto previous = std::exchange(m_reading, nullptr)) {
        for (const QPointer<Job> &job : std::as_const(previous->jobs)) {
            if (job)
                job->abort(); // its result is ignored: m_reading no longer points at it
        }
    }
}

void Workspace::finishSecretRead(SecretRead *read)
{
    const QHash<QString, QString> &values = read->values;
    m_config = ConfigResolver::resolve(
        ConfigFlags(), read->env, &m_profiles, [&values](const QString &profile, const QString &name) {
            return values.value(SecretStore::keyFor(profile, name));
        });
    m_secretsError = read->error;
    read->values.clear(); // the values live on in m_config only, as long as the clients need them
    m_reading.reset();
    rebuildClients();
}

void Workspace::setPolicy(const HttpPolicy &policy)
{
    m_policy = policy;
    rebuildClients();
}

QString Workspace::profileKey() const
{
    if (isSandbox())
        return QStringLiteral("sandbox");
    if (!m_config.profileName.isEmpty())
        return m_config.profileName;
    return ConfigResolver::implicitProfileName();
}

void Workspace::useProfile(const QString &name)
{
    m_profiles.setActive(name);
    reload();
}

void Workspace::profilesEdited()
{
    if (m_sandbox)
        Q_EMIT changed(); // the profile list changed; the sandbox stays what the clients talk to
    else
        reload();
}

void Workspace::rebuildClients()
{
    m_clients = std::make_unique<ClientSet>(m_config, m_policy);
    connect(m_clients->http(), &HttpClient::requestRecorded, this, &Workspace::requestRecorded);
    // Secrets in use are scrubbed from whatever the history stores, on top of the known header/field names.
    m_history.setSecretValues(
        { m_config.nangoKey.value, m_config.panoraKey.value, m_config.panoraConnectionToken.value });
    // Its requests belong to the profile in effect now: these clients are replaced when it changes. The log keeps
    // what is recorded before the file opens; the file opens HistoryOpenDelayMs after the first answer, once that
    // answer's rows are on screen (they reach the page some event-loop turns after the request is recorded, so a
    // queued call would still come before them), unless a page asked before.
    m_history.activity().attach(m_clients->http(), profileKey());
    if (!m_historyOpened) {
        connect(m_clients->http(), &HttpClient::requestRecorded, this, [this] {
            if (!m_historyOpened && !m_historyTimer.isActive())
                m_historyTimer.start(HistoryOpenDelayMs, this);
        });
    }
    Q_EMIT changed();
}

HistoryStore *Workspace::history()
{
    openHistory();
    return &m_history;
}

void Workspace::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_historyTimer.timerId()) {
        openHistory();
        return;
    }
    QObject::timerEvent(event);
}

void Workspace::openHistory()
{
    m_historyTimer.stop();
    if (m_historyOpened)
        return;
    m_historyOpened = true;
    m_historyError = m_history.open();
    if (m_historyError)
        m_history.activity().discardEarly(); // never to be written: not kept in memory either
}

} // namespace crossline
