#include "config/configresolver.h"

#include "config/profilestore.h"

namespace crossline {

namespace {

constexpr QChar Ellipsis(0x2026);

QString envValue(const QProcessEnvironment &env, const QString &name)
{
    // Empty (or blank) variables count as unset: `NANGO_API_BASE=` in a shell must not hide the profile's URL.
    return env.value(name).trimmed();
}

// Picks the first set candidate in precedence order.
class ValueChain
{
public:
    explicit ValueChain(bool isUrl)
        : m_isUrl(isUrl)
    {
    }

    ValueChain &offer(const QString &value, ValueSource source, const QString &origin)
    {
        if (m_result.isSet())
            return *this;
        const QString v = m_isUrl ? Profile::normalizedUrl(value) : value.trimmed();
        if (!v.isEmpty())
            m_result = ResolvedValue { v, source, origin };
        return *this;
    }

    ValueChain &offerEnv(const QProcessEnvironment &env, const QString &name)
    {
        return offer(envValue(env, name), ValueSource::Environment, name);
    }

    bool isSet() const { return m_result.isSet(); }
    ResolvedValue result() const { return m_result; }

private:
    bool m_isUrl;
    ResolvedValue m_result;
};

// A URL from an environment variable is checked as --base is, and named by its variable: without this the first
// request said '"nango.example.com/connections" is not an absolute URL', which names neither.
void checkUrlVariable(const ResolvedValue &url, Error *error)
{
    if (url.source != ValueSource::Environment || *error)
        return;
    if (Error e = Profile::validateUrl(url.value, url.origin)) {
        e.kind = Error::Kind::Config;
        e.message = QStringLiteral("%1: %2").arg(url.origin, e.message);
        *error = e;
    }
}

} // namespace

QString ResolvedValue::describe(bool secret) const
{
    if (!isSet())
        return ConfigResolver::tr("not set");
    const QString shown = secret ? ConfigResolver::maskSecret(value) : value;
    switch (source) {
    case ValueSource::Flag:
        return ConfigResolver::tr("%1 (command line) = %2").arg(origin, shown);
    case ValueSource::Environment:
        return ConfigResolver::tr("%1 (environment) = %2").arg(origin, shown);
    case ValueSource::None:
    case ValueSource::Profile:
    case ValueSource::Keychain:
    case ValueSource::Default:
        break;
    }
    return ConfigResolver::tr("%1 = %2").arg(origin, shown);
}

QString effectVerb(Effect effect)
{
    switch (effect) {
    case Effect::Read:
        return QStringLiteral("read");
    case Effect::Send:
        return QStringLiteral("send");
    case Effect::Create:
        return QStringLiteral("create");
    case Effect::Import:
        return QStringLiteral("import");
    case Effect::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

QString valueSourceKey(ValueSource source)
{
    switch (source) {
    case ValueSource::None:
        return QStringLiteral("none");
    case ValueSource::Flag:
        return QStringLiteral("flag");
    case ValueSource::Environment:
        return QStringLiteral("environment");
    case ValueSource::Profile:
        return QStringLiteral("profile");
    case ValueSource::Keychain:
        return QStringLiteral("keychain");
    case ValueSource::Default:
        return QStringLiteral("default");
    }
    return {};
}

QStringList ResolvedConfig::describe() const
{
    QStringList lines;
    switch (profileSource) {
    case ValueSource::Flag:
        lines << ConfigResolver::tr("Profile: %1 (--profile)").arg(profileName);
        break;
    case ValueSource::Environment:
        lines << ConfigResolver::tr("Profile: %1 (NANGO_ENV)").arg(profileName);
        break;
    case ValueSource::Profile:
        lines << ConfigResolver::tr("Profile: %1 (active profile)").arg(profileName);
        break;
    case ValueSource::None:
    case ValueSource::Keychain:
    case ValueSource::Default:
        lines << ConfigResolver::tr("Profile: none");
        break;
    }
    lines << ConfigResolver::tr("Nango base URL: %1").arg(nangoBase.describe(false))
          << ConfigResolver::tr("Nango secret key: %1").arg(nangoKey.describe(true))
          << ConfigResolver::tr("Panora URL: %1").arg(panoraUrl.describe(false))
          << ConfigResolver::tr("Panora API key: %1").arg(panoraKey.describe(true))
          << ConfigResolver::tr("Panora connection token: %1").arg(panoraConnectionToken.describe(true));
    if (envOverridesProfile) {
        lines << ConfigResolver::tr("Environment variables override profile %1: %2")
                     .arg(profileName, overridingVariables.join(QStringLiteral(", ")));
    }
    for (const QString &w : warnings)
        lines << ConfigResolver::tr("Warning: %1").arg(w);
    if (error)
        lines << ConfigResolver::tr("Error: %1").arg(error.message);
    return lines;
}

QString ConfigResolver::maskSecret(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    if (secret.size() < 12)
        return QString(Ellipsis);
    return secret.left(4) + Ellipsis + secret.right(4);
}

ResolvedConfig ConfigResolver::resolve(
    const ConfigFlags &flags, const QProcessEnvironment &env, const ProfileStore *profiles, const SecretLookup &secrets)
{
    ResolvedConfig c;
    auto find = [profiles](const QString &name) -> std::optional<Profile> {
        return profiles ? profiles->findProfile(name) : std::nullopt;
    };

    // 1. Which profile: --profile, else NANGO_ENV (the seed's named environment), else the active one.
    const QString flagProfile = flags.profile.trimmed();
    const QString envProfile = envValue(env, QStringLiteral("NANGO_ENV")).toLower();
    if (!flagProfile.isEmpty()) {
        c.profileSource = ValueSource::Flag;
        if (!Profile::isValidName(flagProfile)) {
            c.error = Error::config(tr("Invalid profile name '%1'.").arg(flagProfile),
                tr("Use 1 to 40 letters, digits, '-' or '_' (for example dev or prod)."));
            c.profileSource = ValueSource::None;
        } else {
            c.profile = find(flagProfile);
            c.profileName = c.profile ? c.profile->name : flagProfile;
            if (!c.profile) {
                // A typo must not silently drop the profile's settings (and its production confirmation).
                c.error = Error::config(tr("There is no saved profile named '%1'.").arg(flagProfile),
                    tr("Create it with 'crossline-cli profile set %1', or set NANGO_ENV=%1 to use "
                       "only the environment variables ending in _%2.")
                        .arg(flagProfile, Profile::envSuffixFor(flagProfile)));
            }
        }
    } else if (!envProfile.isEmpty()) {
        if (Profile::isValidName(envProfile)) {
            // NANGO_ENV selects the variable suffix even when no saved profile has that name.
            c.profileSource = ValueSource::Environment;
            c.profile = find(envProfile);
            c.profileName = c.profile ? c.profile->name : envProfile;
        } else {
            c.warnings << tr("NANGO_ENV='%1' is not a usable profile name and was ignored.")
                              .arg(env.value(QStringLiteral("NANGO_ENV")));
        }
    }
    if (c.profileSource == ValueSource::None && !c.error && profiles) {
        const QString active = profiles->activeName();
        if (!active.isEmpty()) {
            c.profileSource = ValueSource::Profile;
            c.profile = profiles->profile(active);
            c.profileName = active;
        }
    }
    if (c.profile) {
        c.allowInsecureHttp = c.profile->allowInsecureHttp;
        c.production = c.profile->production;
        c.nangoMapping = c.profile->nangoMapping;
    }
    c.allowInsecureHttp = c.allowInsecureHttp || flags.allowInsecureHttp;

    const QString suffix = c.profileName.isEmpty() ? QString() : Profile::envSuffixFor(c.profileName);
    const QString profileOrigin = tr("profile %1").arg(c.profileName);

    // Whose keychain entries: the profile in effect; with none selected at all, "default" (where `secret set` and
    // `env import` store without --profile), so the CLI and the app find the same secrets.
    QString secretProfile = c.profileName;
    if (secretProfile.isEmpty() && c.profileSource == ValueSource::None && !c.error)
        secretProfile = implicitProfileName();
    auto secretFrom = [&](ValueChain &chain, const QString &entryName) {
        if (chain.isSet() || !secrets || secretProfile.isEmpty())
            return;
        chain.offer(secrets(secretProfile, entryName), ValueSource::Keychain,
            tr("keychain %1/%2").arg(secretProfile, entryName));
    };

    // 2. Nango: the _<ENV> forms win over the plain ones; NANGO_API_BASE wins over NANGO_HOST (the seed).
    {
        ValueChain chain(true);
        chain.offer(flags.nangoBase, ValueSource::Flag, QStringLiteral("--base"));
        if (!suffix.isEmpty())
            chain.offerEnv(env, QStringLiteral("NANGO_API_BASE_") + suffix);
        chain.offerEnv(env, QStringLiteral("NANGO_API_BASE")).offerEnv(env, QStringLiteral("NANGO_HOST"));
        if (c.profile)
            chain.offer(c.profile->nangoBase.toString(), ValueSource::Profile, profileOrigin);
        chain.offer(defaultNangoBase(), ValueSource::Default, tr("default"));
        c.nangoBase = chain.result();
    }
    checkUrlVariable(c.nangoBase, &c.error);
    auto offerSecretVariables = [&](ValueChain &chain, const QString &entryName) {
        for (const QString &variable : secretVariables(c.profileName, entryName))
            chain.offerEnv(env, variable);
    };
    {
        ValueChain chain(false);
        chain.offer(flags.nangoKey, ValueSource::Flag, QStringLiteral("--key"));
        offerSecretVariables(chain, nangoKeyName());
        secretFrom(chain, nangoKeyName());
        c.nangoKey = chain.result();
    }

    // 3. Panora: no named-environment forms in the seed, and no default URL.
    {
        ValueChain chain(true);
        chain.offer(flags.panoraUrl, ValueSource::Flag, QStringLiteral("--panora-url"))
            .offerEnv(env, QStringLiteral("PANORA_API_URL"));
        if (c.profile)
            chain.offer(c.profile->panoraUrl.toString(), ValueSource::Profile, profileOrigin);
        c.panoraUrl = chain.result();
    }
    checkUrlVariable(c.panoraUrl, &c.error);
    {
        ValueChain chain(false);
        chain.offer(flags.panoraKey, ValueSource::Flag, QStringLiteral("--panora-key"));
        offerSecretVariables(chain, panoraKeyName());
        secretFrom(chain, panoraKeyName());
        c.panoraKey = chain.result();
    }
    {
        ValueChain chain(false);
        chain.offer(flags.panoraConnectionToken, ValueSource::Flag, QStringLiteral("--panora-connection-token"));
        offerSecretVariables(chain, panoraConnectionTokenName());
        secretFrom(chain, panoraConnectionTokenName());
        c.panoraConnectionToken = chain.result();
    }

    // 4. The GUI notes when the environment hides what the profile says. For secrets the keychain is not asked
    // (see resolve()), so an environment secret counts as overriding whenever a saved profile is in effect.
    if (c.profile) {
        auto note = [&c](const ResolvedValue &v, bool profileSetsIt) {
            if (v.source == ValueSource::Environment && profileSetsIt)
                c.overridingVariables << v.origin;
        };
        note(c.nangoBase, !c.profile->nangoBase.isEmpty());
        note(c.nangoKey, true);
        note(c.panoraUrl, !c.profile->panoraUrl.isEmpty());
        note(c.panoraKey, true);
        note(c.panoraConnectionToken, true);
        c.envOverridesProfile = !c.overridingVariables.isEmpty();
    }
    return c;
}

QStringList ConfigResolver::secretVariables(const QString &profile, const QString &name)
{
    if (name == nangoKeyName()) {
        if (profile.isEmpty())
            return { QStringLiteral("NANGO_SECRET_KEY") };
        return { QStringLiteral("NANGO_SECRET_KEY_") + Profile::envSuffixFor(profile),
            QStringLiteral("NANGO_SECRET_KEY") };
    }
    if (name == panoraKeyName())
        return { QStringLiteral("PANORA_API_KEY") };
    if (name == panoraConnectionTokenName())
        return { QStringLiteral("PANORA_CONNECTION_TOKEN") };
    return {};
}

QString ConfigResolver::overridingVariable(const QString &profile, const QString &name, const QProcessEnvironment &env)
{
    for (const QString &variable : secretVariables(profile, name)) {
        if (!envValue(env, variable).isEmpty())
            return variable;
    }
    return {};
}

} // namespace crossline
