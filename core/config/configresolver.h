#pragma once

#include "config/profile.h"
#include "error.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace crossline {

class ProfileStore;

enum class ValueSource
{
    None,
    Flag,
    Environment,
    Profile,
    Keychain,
    Default
};

// Where a configuration value came from, so --verbose and the GUI can say it.
struct ResolvedValue
{
    QString value;
    ValueSource source = ValueSource::None;
    QString origin; // "--key", "NANGO_SECRET_KEY_PROD", "profile prod", "keychain prod/nango-key", "default"

    bool isSet() const { return !value.isEmpty(); }
    // "NANGO_SECRET_KEY_PROD (environment) = 5f2c…6666"; secrets masked with ConfigResolver::maskSecret.
    QString describe(bool secret) const;
};

// Stable lower-case name for JSON output: "none", "flag", "environment", "profile", "keychain", "default".
QString valueSourceKey(ValueSource source);

struct ConfigFlags
{
    QString profile;
    QString nangoBase; // --base / --nangoBase
    QString nangoKey; // --key / --nangoKey
    QString panoraUrl;
    QString panoraKey;
    QString panoraConnectionToken;
    bool allowInsecureHttp = false;
};

// What an operation does, for the production rule. Reads never ask; everything else does on a production profile.
enum class Effect
{
    Read,
    Send,
    Create,
    Import,
    Delete
};
// "send", "create", "import", "delete" ("read" for Read): the verb messages use.
QString effectVerb(Effect effect);

struct ResolvedConfig
{
    QString profileName; // the profile in effect ("" if none)
    ValueSource profileSource = ValueSource::None; // Flag (--profile), Environment (NANGO_ENV), Profile (active), None
    ResolvedValue nangoBase, nangoKey, panoraUrl, panoraKey, panoraConnectionToken;
    std::optional<Profile> profile; // the saved profile, when profileName names one
    bool envOverridesProfile = false; // some environment variable overrides a value the profile sets
    QStringList overridingVariables; // which ones ("NANGO_API_BASE", …), for the GUI note
    bool allowInsecureHttp = false; // the flag or the profile allows plain http:// to non-loopback hosts
    bool production = false; // the profile is marked production (sends need confirmation / --yes)
    Profile::NangoMapping nangoMapping = Profile::NangoMapping::CompatiblePaths; // the profile's, else the seed's
    Error error; // Config error: --profile names no saved profile (values are still resolved)
    QStringList warnings; // e.g. an unusable NANGO_ENV value that was ignored

    QStringList describe() const; // one line per value, secrets masked (for --verbose)

    // The one production rule: on a production profile everything that sends, creates, imports or deletes needs an
    // explicit yes first (the CLI's --yes, the app's question). Reads never do.
    bool needsConfirmation(Effect effect) const { return production && effect != Effect::Read; }
};

// Looks up a secret for <profile>/<name> ("nango-key", "panora-key", "panora-connection-token"); "" when absent.
using SecretLookup = std::function<QString(const QString &profile, const QString &name)>;

// The config precedence: explicit flag > environment variable > profile (> built-in default).
class ConfigResolver
{
    Q_DECLARE_TR_FUNCTIONS(ConfigResolver)
public:
    // `profiles` and `secrets` may be null/empty. The secret lookup is only called for a secret that no flag or
    // environment variable supplies, so env-only use never touches the keychain.
    static ResolvedConfig resolve(const ConfigFlags &flags, const QProcessEnvironment &env,
        const ProfileStore *profiles, const SecretLookup &secrets = {});
    // first4…last4, or "…" alone when shorter than 12 characters; "" stays "".
    static QString maskSecret(const QString &secret);

    static QString defaultNangoBase() { return QStringLiteral("https://api.nango.dev"); }
    // The profile secrets are stored under when none is named or active ("default").
    static QString implicitProfileName() { return QStringLiteral("default"); }
    // Keychain entry names: the <name> of "<profile>/<name>" (SecretStore).
    static QString nangoKeyName() { return QStringLiteral("nango-key"); }
    static QString panoraKeyName() { return QStringLiteral("panora-key"); }
    static QString panoraConnectionTokenName() { return QStringLiteral("panora-connection-token"); }
    // The environment variables that supply a profile's keychain secret `name`, strongest first — the precedence
    // resolve() applies: NANGO_SECRET_KEY_<ENV> then NANGO_SECRET_KEY; PANORA_API_KEY; PANORA_CONNECTION_TOKEN.
    static QStringList secretVariables(const QString &profile, const QString &name);
    // The first of them set (not blank) in `env`: it wins over the keychain. Empty when none is.
    static QString overridingVariable(const QString &profile, const QString &name, const QProcessEnvironment &env);
};

} // namespace crossline
