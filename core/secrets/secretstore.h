#pragma once

#include "config/configresolver.h"
#include "job.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace crossline {

// The only way Crossline reads or writes a secret (docs/ARCHITECTURE.md#secrets): QtKeychain, service "Crossline", key
// "<profile>/<name>" with the names of ConfigResolver (nango-key, panora-key, panora-connection-token).
// QtKeychain's plaintext fallback is never enabled: without a keychain backend every job fails with a Keychain
// error that says how to get one and that environment variables still work. Nothing is cached: each read asks
// the keychain and hands the value to the caller, who drops it when the request is built.
//
// Every operation returns a Job (it finishes once, asynchronously, and deletes itself).
// Error codes of the Keychain errors: "not_found", "access_denied", "no_backend", "timeout", "keychain_error".
class SecretStore : public QObject
{
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr);

    static QString serviceName() { return QStringLiteral("Crossline"); }
    static QString keyFor(const QString &profile, const QString &name) { return profile + u'/' + name; }
    static QStringList secretNames(); // nango-key, panora-key, panora-connection-token
    static bool isSecretName(const QString &name);
    // "Nango secret key" for nango-key etc. (messages).
    static QString displayName(const QString &name);
    // The environment variable that can stand in for the entry ("NANGO_SECRET_KEY").
    static QString environmentVariable(const QString &name);

    // Finishes with the value as data (a JSON string), or a Keychain error; "not_found" when nothing is stored.
    Job *read(const QString &profile, const QString &name);
    // Creates or overwrites. An empty value is refused (a validation error): use remove().
    Job *write(const QString &profile, const QString &name, const QString &value);
    // Removing an entry that does not exist succeeds.
    Job *remove(const QString &profile, const QString &name);
    // Removes the three entries of a profile (when its profile is removed).
    Job *removeAll(const QString &profile);
    // Copies every stored entry of `from` to `to`, then removes the old ones (profile rename). Data: the names moved.
    Job *move(const QString &from, const QString &to);
    // Which of the three entries are stored for the profile (data: a JSON array of names). Values are dropped.
    Job *storedNames(const QString &profile);

    // Turns a QtKeychain error (QKeychain::Error code and errorString) into a readable Error with a hint.
    static Error errorFor(int keychainError, const QString &detail, const QString &profile, const QString &name);
    static bool isNotFound(const Error &error)
    {
        return error.kind == Error::Kind::Keychain && error.code == u"not_found";
    }
    // What to do when no keychain backend answers, for this platform; mentions the environment variables.
    static QString noBackendHint();

    // What Crossline last learned about an entry, kept in the settings (names only, never a value): every read,
    // write and remove through this class records it. An entry is "known absent" only after a read said "not
    // found" or a remove succeeded, and a write marks it "may be stored" before it starts, so a lost settings
    // write never hides a stored secret. The app skips reading entries known to be absent, so a start with nothing
    // stored loads no keychain library at all (docs/PERFORMANCE.md); the CLI always asks the keychain, which also
    // brings a stale record up to date ('crossline-cli profile list').
    static bool isKnownAbsent(const QString &profile, const QString &name);

    // CLI ONLY: waits for the job with a local event loop (the GUI must connect to Job::finished instead).
    static Result waitFor(Job *job, int timeoutMs = DefaultTimeoutMs);
    // CLI ONLY: a SecretLookup for ConfigResolver::resolve that blocks on read(). Entries that are not stored give
    // ""; other failures give "" and are appended to `problems` (once: after "no_backend" it stops asking).
    SecretLookup blockingLookup(QList<Error> *problems, int timeoutMs = DefaultTimeoutMs);

    static constexpr int DefaultTimeoutMs = 30000;
};

} // namespace crossline
