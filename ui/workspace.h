#pragma once

#include "clientset.h"
#include "config/configresolver.h"
#include "config/profilestore.h"
#include "history/historystore.h"
#include "sandbox/sandbox.h"
#include "secrets/secretstore.h"

#include <QBasicTimer>
#include <QObject>
#include <QSettings>
#include <memory>

namespace crossline {

// What the desktop app is connected to right now: the resolved configuration (flags/env/profile), the clients
// built from it, and — when the user chose it — the embedded sandbox. Pages read it; it says when it changed.
// The active profile's secrets come from the keychain without blocking: reload() reads them with SecretStore jobs
// (only those no environment variable supplies) and rebuilds the clients when they arrive. Meanwhile the clients are
// already the new profile's, without those secrets (isReadingSecrets() is true): never the previous profile's.
class Workspace : public QObject
{
    Q_OBJECT
public:
    // How the workspace starts: with the configuration the environment and the active profile give (their keychain
    // entries read at once), or for a sandbox about to start (`crossline --sandbox`): then the keychain is not read
    // (it would load the keychain library on the way to the sandbox's first rows, for secrets the sandbox replaces)
    // unless the sandbox fails to start.
    enum class Start
    {
        Configured,
        Sandbox
    };
    explicit Workspace(QObject *parent = nullptr);
    explicit Workspace(Start start, QObject *parent = nullptr);
    ~Workspace() override;

    ProfileStore &profiles() { return m_profiles; }
    const ResolvedConfig &config() const { return m_config; }
    ClientSet *clients() const { return m_clients.get(); }
    bool isConfigured() const; // a Nango key or a Panora key is available
    bool isSandbox() const { return m_sandbox != nullptr; }
    sandbox::Sandbox *sandbox() const { return m_sandbox.get(); }

    // How the embedded emulator behaves: like the original backend's Nango (its compatible /crm/contacts and
    // /hris/employees paths) or like a deployed Nango (synced records and actions only; the profile maps contacts to
    // hubspot-acme's Contact records and employees to bamboohr-acme's Employee records).
    enum class SandboxKind
    {
        CompatiblePaths,
        RealNango
    };
    SandboxKind sandboxKind() const { return m_sandboxKind; } // while isSandbox()
    // Starts the embedded emulator and points every client at it. Returns false (with a message) on failure, and when
    // a sandbox of the other kind already runs; true at once when one of this kind runs.
    bool startSandbox(QString *error = nullptr, SandboxKind kind = SandboxKind::CompatiblePaths);
    // Re-reads the environment and the active profile (after a profile switch or an .env import), then — when the
    // profile has secrets no environment variable supplies — reads them from the keychain; changed() is emitted
    // once the new clients are in place.
    void reload();
    void useProfile(const QString &name);
    // After profiles were created, edited or removed: reload(), or in the sandbox only tell the views (the sandbox
    // keeps running).
    void profilesEdited();

    // The keychain, for the profile and import dialogs (async jobs; never blocks).
    SecretStore *secrets() { return &m_secrets; }
    // True while reload() waits for the keychain.
    bool isReadingSecrets() const { return m_reading != nullptr; }
    // Start::Sandbox, and the sandbox has not started yet (nor failed to).
    bool isAwaitingSandbox() const { return m_keychainSkipped && !m_sandbox; }
    // Why the last reload() could not read the profile's secrets (no keychain backend, access denied…); none when
    // they were read or none were needed. "Not stored" is not an error.
    Error secretsError() const { return m_secretsError; }

    HttpPolicy policy() const { return m_policy; }
    // Rebuilds the clients with this policy (timeouts, retries); changed() is emitted.
    void setPolicy(const HttpPolicy &policy);

    // The profile whose drafts and outbox are in effect: "sandbox" while the embedded sandbox is in use, else the
    // resolved profile's name, else ConfigResolver::implicitProfileName() (no profile selected).
    QString profileKey() const;
    // Activity, drafts and the outbox, in one SQLite file, opened by the first call or after the first answer to a
    // request (an error is kept in historyError()); requests made before are written when it opens. Activity rows,
    // drafts and outbox items are kept per profileKey().
    HistoryStore *history();
    bool isHistoryOpened() const { return m_historyOpened; } // history() was called, or it opened by itself
    static constexpr int HistoryOpenDelayMs = 300; // after the first answer
    Error historyError() const { return m_historyError; } // after history()

Q_SIGNALS:
    void changed();
    void requestRecorded(const crossline::RequestRecord &record);

private:
    struct SecretRead;
    void resolve(bool readKeychain);
    void finishSecretRead(SecretRead *read);
    void forgetSecretRead();
    void rebuildClients();
    void openHistory();
    void timerEvent(QTimerEvent *event) override;

    QSettings m_settings;
    ProfileStore m_profiles;
    SecretStore m_secrets;
    std::shared_ptr<SecretRead> m_reading;
    Error m_secretsError;
    HistoryStore m_history;
    bool m_historyOpened = false;
    QBasicTimer m_historyTimer; // from the first answer to opening the history file
    Error m_historyError;
    ResolvedConfig m_config;
    HttpPolicy m_policy;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    SandboxKind m_sandboxKind = SandboxKind::CompatiblePaths;
    bool m_keychainSkipped = false; // Start::Sandbox: the keychain was not read for the configuration in effect
    std::unique_ptr<ClientSet> m_clients;
};

} // namespace crossline
