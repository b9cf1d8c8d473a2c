#include "cli/profilecommands.h"

#include "cli/output.h"
#include "config/dotenv.h"
#include "config/profilestore.h"
#include "secrets/secretstore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QProcessEnvironment>
#include <QSettings>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <termios.h>
#include <unistd.h>

namespace crossline::cli {

namespace {

QCommandLineOption valueOption(const QStringList &names, const QString &description, const QString &valueName)
{
    return QCommandLineOption(names, description, valueName);
}

QString notSet()
{
    return QStringLiteral("—");
}

QString shownUrl(const QUrl &url)
{
    return url.isEmpty() ? notSet() : url.toString();
}

Error noSuchProfile(const QString &name)
{
    return Error::validation(QStringLiteral("name"), QStringLiteral("There is no profile named '%1'.").arg(name),
        QStringLiteral("'crossline-cli profile list' shows the profiles; 'crossline-cli profile set %1' creates it.")
            .arg(name));
}

Error checkProfileName(const QString &name)
{
    if (Profile::isValidName(name))
        return {};
    return Error::validation(QStringLiteral("name"), QStringLiteral("Invalid profile name '%1'.").arg(name),
        QStringLiteral("Use 1 to 40 letters, digits, '-' or '_' (for example dev or prod)."));
}

Error checkSecretName(const QString &name)
{
    if (SecretStore::isSecretName(name))
        return {};
    return Error::validation(QStringLiteral("NAME"),
        QStringLiteral("Unknown secret '%1': use nango-key, panora-key or panora-connection-token.").arg(name));
}

Error requireOnePositional(const QStringList &positional, const QString &what)
{
    if (positional.size() == 1 && !positional.first().isEmpty())
        return {};
    if (positional.isEmpty())
        return Error::validation(what, QStringLiteral("Give the %1.").arg(what));
    return Error::validation(what, QStringLiteral("Unexpected argument \"%1\".").arg(positional.at(1)));
}

void printHint(const Error &e)
{
    Output::err() << "warning: " << e.message << '\n';
    if (!e.hint.isEmpty())
        Output::err() << "hint: " << e.hint << '\n';
    Output::err().flush();
}

// The profile a secret/env command works on: --profile, else the active one, else "default".
QString targetProfile(const Context &ctx)
{
    const QString given = ctx.value(QStringLiteral("profile")).trimmed();
    return given.isEmpty() ? defaultProfileName() : given;
}

// Creates the profile when it does not exist and makes it active when none is. Returns what it did, for messages.
struct Ensured
{
    QString name;
    bool created = false;
    bool activated = false;
    Error error;
};

Ensured ensureProfile(ProfileStore &store, const QString &name)
{
    Ensured out;
    out.name = name;
    if (const auto existing = store.findProfile(name)) {
        out.name = existing->name;
    } else {
        Profile p;
        p.name = name;
        if ((out.error = store.save(p)))
            return out;
        out.created = true;
    }
    if (store.activeName().isEmpty()) {
        if ((out.error = store.setActive(out.name)))
            return out;
        out.activated = true;
    }
    return out;
}

QString ensuredNote(const Ensured &e)
{
    QStringList notes;
    if (e.created)
        notes << QStringLiteral("created");
    if (e.activated)
        notes << QStringLiteral("now the active profile");
    return notes.isEmpty() ? QString() : QStringLiteral(" (") + notes.join(QStringLiteral(", ")) + u')';
}

// ---- reading a secret without echo ------------------------------------------------------------------------------
termios g_savedTerminal;
volatile std::sig_atomic_t g_echoOff = 0;

void restoreEcho()
{
    if (g_echoOff) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
        g_echoOff = 0;
    }
}

// Standard input only (a value on the command line ends up in shell history and the process list). On a terminal
// the typed characters are not echoed; from a pipe the whole input is the value (trailing newlines dropped).
QString readSecretValue(const QString &prompt)
{
    if (!isatty(STDIN_FILENO))
        return Context::readSecretFromStdin().trimmed();
    Output::err() << prompt << " (typing is not shown): ";
    Output::err().flush();
    if (tcgetattr(STDIN_FILENO, &g_savedTerminal) == 0) {
        termios noEcho = g_savedTerminal;
        noEcho.c_lflag &= ~tcflag_t(ECHO);
        noEcho.c_lflag |= ECHONL;
        std::signal(SIGINT, [](int) {
            restoreEcho();
            std::_Exit(130);
        });
        if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &noEcho) == 0)
            g_echoOff = 1;
    }
    char buffer[4096];
    std::memset(buffer, 0, sizeof buffer);
    const bool ok = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
    restoreEcho();
    std::signal(SIGINT, SIG_DFL);
    QString value = ok ? QString::fromUtf8(buffer).trimmed() : QString();
    std::memset(buffer, 0, sizeof buffer);
    return value;
}

// ---- profile list ------------------------------------------------------------------------------------------------
int profileList(Context &ctx)
{
    QSettings settings;
    ProfileStore store(&settings);
    SecretStore secrets;
    const QString active = store.activeName();
    Error keychainError;
    QJsonArray json;
    QList<QStringList> rows;
    for (const QString &name : store.names()) {
        const Profile p = *store.profile(name);
        QJsonValue stored = QJsonValue::Null;
        if (!keychainError) {
            const Result r = SecretStore::waitFor(secrets.storedNames(name));
            if (r.ok())
                stored = r.data;
            else
                keychainError = r.error;
        }
        QStringList storedNames;
        for (const QJsonValue &v : stored.toArray())
            storedNames << v.toString();
        json.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("active"), name == active },
            { QStringLiteral("production"), p.production }, { QStringLiteral("nangoBase"), p.nangoBase.toString() },
            { QStringLiteral("panoraUrl"), p.panoraUrl.toString() },
            { QStringLiteral("nangoMapping"), Profile::mappingKey(p.nangoMapping) },
            { QStringLiteral("allowInsecureHttp"), p.allowInsecureHttp }, { QStringLiteral("secrets"), stored } });
        rows << QStringList { name, name == active ? QStringLiteral("*") : QString(),
            p.production ? QStringLiteral("yes") : QStringLiteral("no"), shownUrl(p.nangoBase), shownUrl(p.panoraUrl),
            stored.isNull() ? QStringLiteral("?")
                            : (storedNames.isEmpty() ? notSet() : storedNames.join(QStringLiteral(", "))) };
    }
    if (keychainError)
        printHint(Error::make(Error::Kind::Keychain,
            QStringLiteral("cannot tell which secrets are stored: ") + keychainError.message, keychainError.hint));
    if (ctx.json) {
        Output::json(json);
        return ExitOk;
    }
    if (rows.isEmpty()) {
        Output::err() << "No profiles yet. Create one with 'crossline-cli profile set NAME --nango-base=URL', or "
                         "import a .env with 'crossline-cli env import'.\n";
        Output::err().flush();
        return ExitOk;
    }
    Output::table(
        { QStringLiteral("NAME"), QStringLiteral("ACTIVE"), QStringLiteral("PRODUCTION"), QStringLiteral("NANGO BASE"),
            QStringLiteral("PANORA URL"), QStringLiteral("SECRETS IN KEYCHAIN") },
        rows, 60);
    return ExitOk;
}

// ---- profile show ------------------------------------------------------------------------------------------------
int profileShow(Context &ctx, const QStringList &positional)
{
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return ctx.fail(e);
    QSettings settings;
    ProfileStore store(&settings);
    const std::optional<Profile> p = store.findProfile(positional.first());
    if (!p)
        return ctx.fail(noSuchProfile(positional.first()));
    const bool active = store.activeName() == p->name;

    SecretStore secrets;
    QJsonObject masked;
    QStringList secretLines;
    Error keychainError;
    for (const QString &name : SecretStore::secretNames()) {
        QString shown;
        if (keychainError) {
            masked.insert(name, QJsonValue::Null);
            shown = QStringLiteral("unknown (keychain unavailable)");
        } else {
            Result r = SecretStore::waitFor(secrets.read(p->name, name));
            if (r.ok()) {
                QString value = r.data.toString();
                shown = ConfigResolver::maskSecret(value);
                masked.insert(name, shown);
                shown += QStringLiteral(" (keychain %1)").arg(SecretStore::keyFor(p->name, name));
                value.fill(u'\0');
                r.data = QJsonValue();
            } else if (SecretStore::isNotFound(r.error)) {
                masked.insert(name, QJsonValue::Null);
                shown = QStringLiteral("not stored");
            } else {
                keychainError = r.error;
                masked.insert(name, QJsonValue::Null);
                shown = QStringLiteral("unknown (keychain unavailable)");
            }
        }
        secretLines << QStringLiteral("%1: %2").arg(SecretStore::displayName(name), shown);
    }
    // What the environment of this shell would override (ConfigResolver without the keychain: env secrets count).
    ConfigFlags flags;
    flags.profile = p->name;
    const ResolvedConfig resolved
        = ConfigResolver::resolve(flags, QProcessEnvironment::systemEnvironment(), &store, {});

    if (keychainError)
        printHint(keychainError);
    if (ctx.json) {
        Output::json(QJsonObject { { QStringLiteral("name"), p->name }, { QStringLiteral("active"), active },
            { QStringLiteral("production"), p->production }, { QStringLiteral("nangoBase"), p->nangoBase.toString() },
            { QStringLiteral("panoraUrl"), p->panoraUrl.toString() },
            { QStringLiteral("nangoMapping"), Profile::mappingKey(p->nangoMapping) },
            { QStringLiteral("allowInsecureHttp"), p->allowInsecureHttp }, { QStringLiteral("secrets"), masked },
            { QStringLiteral("overriddenBy"), QJsonArray::fromStringList(resolved.overridingVariables) } });
        return ExitOk;
    }
    QTextStream &out = Output::out();
    out << "Profile: " << p->name << (active ? " (active)" : "") << '\n'
        << "Nango base URL: " << shownUrl(p->nangoBase) << '\n'
        << "Panora URL: " << shownUrl(p->panoraUrl) << '\n'
        << "Nango mapping: " << Profile::mappingKey(p->nangoMapping) << '\n'
        << "Production: " << (p->production ? "yes (sends need --yes)" : "no") << '\n'
        << "Allow insecure http: " << (p->allowInsecureHttp ? "yes" : "no") << '\n';
    for (const QString &line : secretLines)
        out << line << '\n';
    out << "Environment variables: NANGO_API_BASE_" << p->envSuffix() << ", NANGO_SECRET_KEY_" << p->envSuffix()
        << " (selected with --profile=" << p->name << " or NANGO_ENV=" << p->name << ")\n";
    if (!resolved.overridingVariables.isEmpty())
        out << "Overridden in this shell by: " << resolved.overridingVariables.join(QStringLiteral(", ")) << '\n';
    out.flush();
    return ExitOk;
}

// ---- profile set -------------------------------------------------------------------------------------------------
int profileSet(Context &ctx, const QStringList &positional)
{
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return ctx.fail(e);
    const QString name = positional.first();
    if (const Error e = checkProfileName(name))
        return ctx.fail(e);
    auto both = [&ctx](const QString &yes, const QString &no) -> Error {
        if (ctx.isSet(yes) && ctx.isSet(no))
            return Error::validation(yes, QStringLiteral("Give --%1 or --%2, not both.").arg(yes, no));
        return {};
    };
    if (const Error e = both(QStringLiteral("production"), QStringLiteral("no-production")))
        return ctx.fail(e);
    if (const Error e = both(QStringLiteral("allow-insecure-http"), QStringLiteral("no-allow-insecure-http")))
        return ctx.fail(e);

    QSettings settings;
    ProfileStore store(&settings);
    const std::optional<Profile> existing = store.findProfile(name);
    Profile p = existing.value_or(Profile {});
    if (!existing)
        p.name = name;
    if (ctx.isSet(QStringLiteral("nango-base")))
        p.nangoBase = Profile::normalizedUrl(QUrl(ctx.value(QStringLiteral("nango-base")).trimmed()));
    if (ctx.isSet(QStringLiteral("panora-url")))
        p.panoraUrl = Profile::normalizedUrl(QUrl(ctx.value(QStringLiteral("panora-url")).trimmed()));
    if (ctx.isSet(QStringLiteral("production")))
        p.production = true;
    if (ctx.isSet(QStringLiteral("no-production")))
        p.production = false;
    if (ctx.isSet(QStringLiteral("allow-insecure-http")))
        p.allowInsecureHttp = true;
    if (ctx.isSet(QStringLiteral("no-allow-insecure-http")))
        p.allowInsecureHttp = false;
    if (ctx.isSet(QStringLiteral("mapping"))) {
        const auto mapping = Profile::mappingFromKey(ctx.value(QStringLiteral("mapping")));
        if (!mapping)
            return ctx.fail(Error::validation(QStringLiteral("mapping"),
                QStringLiteral("--mapping must be compatible-paths or records-and-actions.")));
        p.nangoMapping = *mapping;
    }
    if (existing && p == *existing) {
        Output::out() << "Profile " << p.name << " is unchanged.\n";
        Output::out().flush();
        return ExitOk;
    }
    if (const Error e = store.save(p))
        return ctx.fail(e);
    const bool activated = store.activeName().isEmpty() && !store.setActive(p.name);
    if (ctx.json) {
        Output::json(QJsonObject { { QStringLiteral("name"), p.name }, { QStringLiteral("created"), !existing },
            { QStringLiteral("active"), store.activeName() == p.name } });
        return ExitOk;
    }
    Output::out() << (existing ? "Updated" : "Created") << " profile " << p.name
                  << (activated ? " (now the active profile)" : "") << ": Nango base " << shownUrl(p.nangoBase)
                  << ", Panora URL " << shownUrl(p.panoraUrl) << ", production " << (p.production ? "yes" : "no")
                  << ".\n";
    Output::out().flush();
    return ExitOk;
}

// ---- profile use -------------------------------------------------------------------------------------------------
int profileUse(Context &ctx, const QStringList &positional)
{
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return ctx.fail(e);
    QSettings settings;
    ProfileStore store(&settings);
    const std::optional<Profile> p = store.findProfile(positional.first());
    if (!p)
        return ctx.fail(noSuchProfile(positional.first()));
    if (const Error e = store.setActive(p->name))
        return ctx.fail(e);
    if (ctx.json)
        Output::json(QJsonObject { { QStringLiteral("active"), p->name } });
    else
        Output::out() << "Active profile: " << p->name << (p->production ? " (production: sends need --yes)" : "")
                      << ".\n";
    Output::out().flush();
    return ExitOk;
}

// ---- profile rename ----------------------------------------------------------------------------------------------
int profileRename(Context &ctx, const QStringList &positional)
{
    if (positional.size() != 2)
        return ctx.fail(Error::validation(QStringLiteral("NAME"), QStringLiteral("Give the old and the new name.")));
    QSettings settings;
    ProfileStore store(&settings);
    const std::optional<Profile> p = store.findProfile(positional.at(0));
    if (!p)
        return ctx.fail(noSuchProfile(positional.at(0)));
    const QString from = p->name;
    const QString to = positional.at(1);
    if (from == to) {
        Output::out() << "Profile " << from << " already has that name.\n";
        return ExitOk;
    }
    // Settings first (it validates the new name), then the keychain; if the keychain fails, undo the rename so the
    // secrets and their profile keep the same name.
    if (const Error e = store.rename(from, to))
        return ctx.fail(e);
    SecretStore secrets;
    Result r = SecretStore::waitFor(secrets.removeAll(to)); // no stale entries of an older profile with that name
    if (r.ok())
        r = SecretStore::waitFor(secrets.move(from, to));
    if (!r.ok()) {
        store.rename(to, from);
        Error e = r.error;
        e.message = QStringLiteral("Profile %1 was not renamed: its keychain entries could not be moved. ").arg(from)
            + e.message;
        return ctx.fail(e);
    }
    QStringList moved;
    for (const QJsonValue &v : r.data.toArray())
        moved << v.toString();
    if (ctx.json) {
        Output::json(QJsonObject { { QStringLiteral("from"), from }, { QStringLiteral("to"), to },
            { QStringLiteral("movedSecrets"), QJsonArray::fromStringList(moved) } });
        return ExitOk;
    }
    Output::out() << "Renamed profile " << from << " to " << to << "; keychain entries moved: "
                  << (moved.isEmpty() ? QStringLiteral("none") : moved.join(QStringLiteral(", "))) << ".\n";
    Output::out().flush();
    return ExitOk;
}

// ---- profile remove ----------------------------------------------------------------------------------------------
int profileRemove(Context &ctx, const QStringList &positional)
{
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return ctx.fail(e);
    QSettings settings;
    ProfileStore store(&settings);
    const std::optional<Profile> p = store.findProfile(positional.first());
    if (!p)
        return ctx.fail(noSuchProfile(positional.first()));
    if (!confirm(ctx,
            QStringLiteral("Remove profile %1 and its keychain entries? Type its name to confirm:").arg(p->name),
            p->name)) {
        return ctx.fail(Error::validation(
            QStringLiteral("yes"), QStringLiteral("Not removed: confirm by typing the profile name, or pass --yes.")));
    }
    // Keychain first: a profile removed while its secrets stay behind would hand them to the next profile of that name.
    SecretStore secrets;
    const Result r = SecretStore::waitFor(secrets.removeAll(p->name));
    if (!r.ok()) {
        Error e = r.error;
        e.message
            = QStringLiteral("Profile %1 was not removed: its keychain entries could not be deleted. ").arg(p->name)
            + e.message;
        return ctx.fail(e);
    }
    if (const Error e = store.remove(p->name))
        return ctx.fail(e);
    if (ctx.json)
        Output::json(QJsonObject { { QStringLiteral("removed"), p->name } });
    else
        Output::out() << "Removed profile " << p->name << " and its keychain entries.\n";
    Output::out().flush();
    return ExitOk;
}

// ---- secret set / clear ------------------------------------------------------------------------------------------
void noteEnvironmentOverride(const QString &profile, const QString &name)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList variables;
    if (name == ConfigResolver::nangoKeyName())
        variables << QStringLiteral("NANGO_SECRET_KEY_") + Profile::envSuffixFor(profile);
    variables << SecretStore::environmentVariable(name);
    for (const QString &v : variables) {
        if (!env.value(v).trimmed().isEmpty()) {
            Output::err() << "note: " << v << " is set in this environment and wins over the keychain.\n";
            Output::err().flush();
            return;
        }
    }
}

int secretSet(Context &ctx, const QStringList &positional)
{
    if (positional.size() > 1)
        return ctx.fail(Error::validation(QStringLiteral("value"),
            QStringLiteral("The value is read from standard input only, never from the command line."),
            QStringLiteral("Pipe it in (e.g. from your password manager) or type it when asked; it is not shown.")));
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return ctx.fail(e);
    const QString name = positional.first();
    if (const Error e = checkSecretName(name))
        return ctx.fail(e);
    QString profile = targetProfile(ctx);
    if (const Error e = checkProfileName(profile))
        return ctx.fail(e);
    QSettings settings;
    ProfileStore store(&settings);
    if (const auto existing = store.findProfile(profile))
        profile = existing->name;

    QString value = readSecretValue(QStringLiteral("%1 for profile %2").arg(SecretStore::displayName(name), profile));
    if (value.isEmpty())
        return ctx.fail(Error::validation(QStringLiteral("value"),
            QStringLiteral("No value on standard input: nothing was stored."),
            QStringLiteral("Pipe the value in, e.g. 'pass show nango | crossline-cli secret set %1', or type it when "
                           "asked. To delete a stored value use 'crossline-cli secret clear %1'.")
                .arg(name)));
    const QString masked = ConfigResolver::maskSecret(value);
    SecretStore secrets;
    const Result r = SecretStore::waitFor(secrets.write(profile, name, value));
    value.fill(u'\0');
    if (!r.ok())
        return ctx.fail(r.error);
    const Ensured ensured = ensureProfile(store, profile);
    if (ensured.error)
        return ctx.fail(ensured.error);
    if (ctx.json) {
        Output::json(QJsonObject { { QStringLiteral("stored"), SecretStore::keyFor(profile, name) },
            { QStringLiteral("value"), masked }, { QStringLiteral("profileCreated"), ensured.created } });
    } else {
        Output::out() << "Stored the " << SecretStore::displayName(name) << " (" << masked << ") in the keychain as "
                      << SecretStore::keyFor(profile, name) << '.';
        if (ensured.created)
            Output::out() << " Profile " << profile << ensuredNote(ensured) << '.';
        else if (ensured.activated)
            Output::out() << " Profile " << profile << " is now the active profile.";
        Output::out() << '\n';
        Output::out().flush();
    }
    noteEnvironmentOverride(profile, name);
    return ExitOk;
}

int secretClear(Context &ctx, const QStringList &positional)
{
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return ctx.fail(e);
    const QString name = positional.first();
    if (const Error e = checkSecretName(name))
        return ctx.fail(e);
    QString profile = targetProfile(ctx);
    if (const Error e = checkProfileName(profile))
        return ctx.fail(e);
    QSettings settings;
    ProfileStore store(&settings);
    if (const auto existing = store.findProfile(profile))
        profile = existing->name;
    SecretStore secrets;
    const Result stored = SecretStore::waitFor(secrets.storedNames(profile));
    if (!stored.ok())
        return ctx.fail(stored.error);
    const bool wasStored = stored.data.toArray().contains(QJsonValue(name));
    if (wasStored) {
        const Result r = SecretStore::waitFor(secrets.remove(profile, name));
        if (!r.ok())
            return ctx.fail(r.error);
    }
    if (ctx.json) {
        Output::json(QJsonObject { { QStringLiteral("cleared"), SecretStore::keyFor(profile, name) },
            { QStringLiteral("wasStored"), wasStored } });
    } else if (wasStored) {
        Output::out() << "Removed the " << SecretStore::displayName(name) << " of profile " << profile
                      << " from the keychain.\n";
    } else {
        Output::out() << "No " << SecretStore::displayName(name) << " was stored for profile " << profile << ".\n";
    }
    Output::out().flush();
    return ExitOk;
}

// ---- env import --------------------------------------------------------------------------------------------------
struct ImportTarget
{
    enum Kind
    {
        NangoBase,
        PanoraUrl,
        Secret
    };
    Kind kind = NangoBase;
    QString secretName; // for Secret
    int priority = 0; // NANGO_API_BASE_<ENV> > NANGO_API_BASE > NANGO_HOST (the seed)
    QString variable;
    int line = 0;
    QString value;
};

struct ProfileImport
{
    QString name;
    QMap<QString, ImportTarget> targets; // "nangoBase", "panoraUrl", "secret:<name>"
};

int envImport(Context &ctx)
{
    const QString path = ctx.isSet(QStringLiteral("file")) ? ctx.value(QStringLiteral("file")) : QStringLiteral(".env");
    DotEnvFile file = DotEnv::read(path);
    if (!file.ok()) {
        Error e = file.error;
        e.message += QStringLiteral(" Nothing was imported.");
        return ctx.fail(e);
    }
    for (const QString &w : file.warnings)
        Output::err() << "warning: " << w << '\n';

    QSettings settings;
    ProfileStore store(&settings);
    const bool profileGiven = !ctx.value(QStringLiteral("profile")).trimmed().isEmpty();
    QString main = ctx.value(QStringLiteral("profile")).trimmed();
    if (main.isEmpty())
        main = file.value(QStringLiteral("NANGO_ENV")).trimmed().toLower();
    if (main.isEmpty())
        main = QStringLiteral("default");
    if (Error e = checkProfileName(main)) {
        e.message += QStringLiteral(" Nothing was imported.");
        return ctx.fail(e);
    }
    auto canonical = [&store](const QString &name) {
        const auto existing = store.findProfile(name);
        return existing ? existing->name : name;
    };
    main = canonical(main);
    const QString mainSuffix = Profile::envSuffixFor(main);

    QMap<QString, ProfileImport> imports; // by profile name
    QStringList ignored;
    auto offer = [&](const QString &profile, const QString &slot, ImportTarget t) {
        ProfileImport &pi = imports[profile];
        pi.name = profile;
        auto it = pi.targets.find(slot);
        if (it == pi.targets.end()) {
            pi.targets.insert(slot, t);
            return;
        }
        if (it->priority >= t.priority) {
            ignored << QStringLiteral("%1 (line %2: %3 wins)").arg(t.variable).arg(t.line).arg(it->variable);
        } else {
            ignored << QStringLiteral("%1 (line %2: %3 wins)").arg(it->variable).arg(it->line).arg(t.variable);
            *it = t;
        }
    };
    // NAME_<ENV>: the profile it belongs to, or "" when it is for another profile and --profile restricts the import.
    auto profileForSuffix = [&](const QString &suffix) -> QString {
        if (suffix == mainSuffix)
            return main;
        if (profileGiven)
            return {};
        for (const QString &n : store.names()) {
            if (Profile::envSuffixFor(n) == suffix)
                return n;
        }
        const QString guess = suffix.toLower();
        return Profile::isValidName(guess) ? guess : QString();
    };

    for (const DotEnvEntry &entry : file.entries) {
        const QString &key = entry.key;
        ImportTarget t;
        t.variable = key;
        t.line = entry.line;
        t.value = entry.value.trimmed();
        if (key == u"NANGO_ENV")
            continue; // chose the profile above
        const bool known = key == u"NANGO_API_BASE" || key == u"NANGO_HOST" || key == u"NANGO_SECRET_KEY"
            || key == u"PANORA_API_URL" || key == u"PANORA_API_KEY" || key == u"PANORA_CONNECTION_TOKEN"
            || key.startsWith(u"NANGO_API_BASE_") || key.startsWith(u"NANGO_SECRET_KEY_");
        if (!known) {
            ignored << QStringLiteral("%1 (line %2: not a Crossline variable)").arg(key).arg(entry.line);
            continue;
        }
        if (t.value.isEmpty()) {
            ignored << QStringLiteral("%1 (line %2: empty)").arg(key).arg(entry.line);
            continue;
        }
        auto suffixed
            = [&](const QString &prefix, const QString &slot, ImportTarget::Kind kind, const QString &secret) {
                  const QString suffix = key.mid(prefix.size());
                  const QString profile = profileForSuffix(suffix);
                  if (profile.isEmpty()) {
                      ignored << QStringLiteral("%1 (line %2: for profile %3, not %4)")
                                     .arg(key)
                                     .arg(entry.line)
                                     .arg(suffix.toLower(), main);
                      return;
                  }
                  t.kind = kind;
                  t.secretName = secret;
                  t.priority = 3;
                  offer(profile, slot, t);
              };
        if (key == u"NANGO_API_BASE" || key == u"NANGO_HOST") {
            t.kind = ImportTarget::NangoBase;
            t.priority = key == u"NANGO_API_BASE" ? 2 : 1;
            offer(main, QStringLiteral("nangoBase"), t);
        } else if (key.startsWith(u"NANGO_API_BASE_")) {
            suffixed(QStringLiteral("NANGO_API_BASE_"), QStringLiteral("nangoBase"), ImportTarget::NangoBase, {});
        } else if (key == u"NANGO_SECRET_KEY") {
            t.kind = ImportTarget::Secret;
            t.secretName = ConfigResolver::nangoKeyName();
            t.priority = 2;
            offer(main, QStringLiteral("secret:nango-key"), t);
        } else if (key.startsWith(u"NANGO_SECRET_KEY_")) {
            suffixed(QStringLiteral("NANGO_SECRET_KEY_"), QStringLiteral("secret:nango-key"), ImportTarget::Secret,
                ConfigResolver::nangoKeyName());
        } else if (key == u"PANORA_API_URL") {
            t.kind = ImportTarget::PanoraUrl;
            offer(main, QStringLiteral("panoraUrl"), t);
        } else if (key == u"PANORA_API_KEY") {
            t.kind = ImportTarget::Secret;
            t.secretName = ConfigResolver::panoraKeyName();
            offer(main, QStringLiteral("secret:panora-key"), t);
        } else if (key == u"PANORA_CONNECTION_TOKEN") {
            t.kind = ImportTarget::Secret;
            t.secretName = ConfigResolver::panoraConnectionTokenName();
            offer(main, QStringLiteral("secret:panora-connection-token"), t);
        }
    }
    if (imports.isEmpty()) {
        return ctx.fail(Error::validation(QStringLiteral("file"),
            QStringLiteral("%1 holds no Crossline variables: nothing was imported.")
                .arg(QDir::toNativeSeparators(path)),
            QStringLiteral("Expected NANGO_API_BASE, NANGO_SECRET_KEY[_<ENV>], PANORA_API_URL, PANORA_API_KEY or "
                           "PANORA_CONNECTION_TOKEN.")));
    }

    // Check every profile before writing anything.
    QMap<QString, Profile> updated;
    for (const ProfileImport &pi : imports) {
        const QString name = canonical(pi.name);
        Profile p = store.profile(name).value_or(Profile {});
        p.name = name;
        for (const ImportTarget &t : pi.targets) {
            if (t.kind == ImportTarget::NangoBase)
                p.nangoBase = Profile::normalizedUrl(QUrl(t.value));
            else if (t.kind == ImportTarget::PanoraUrl)
                p.panoraUrl = Profile::normalizedUrl(QUrl(t.value));
        }
        if (Error e = p.validate()) {
            for (const ImportTarget &t : pi.targets) {
                if ((e.field == u"nangoBase" && t.kind == ImportTarget::NangoBase)
                    || (e.field == u"panoraUrl" && t.kind == ImportTarget::PanoraUrl))
                    e.message = QStringLiteral("%1 (line %2): %3").arg(t.variable).arg(t.line).arg(e.message);
            }
            e.message += QStringLiteral(" Nothing was imported.");
            return ctx.fail(e);
        }
        updated.insert(pi.name, p);
    }

    // Secrets to the keychain first: if it is unavailable, no profile points at secrets that are not there.
    SecretStore secrets;
    for (ProfileImport &pi : imports) {
        for (ImportTarget &t : pi.targets) {
            if (t.kind != ImportTarget::Secret)
                continue;
            const Result r = SecretStore::waitFor(secrets.write(updated.value(pi.name).name, t.secretName, t.value));
            if (!r.ok()) {
                Error e = r.error;
                e.message = QStringLiteral("Could not store %1 in the keychain: %2 The profile settings were not "
                                           "changed.")
                                .arg(t.variable, e.message);
                return ctx.fail(e);
            }
        }
    }
    QJsonArray jsonProfiles;
    QStringList lines;
    for (ProfileImport &pi : imports) {
        const Profile &p = updated[pi.name];
        const bool existed = store.contains(p.name);
        if (const Error e = store.save(p))
            return ctx.fail(e);
        Ensured ensured;
        ensured.name = p.name;
        ensured.created = !existed;
        QJsonArray values;
        QStringList profileLines;
        QList<ImportTarget> inFileOrder = pi.targets.values();
        std::sort(inFileOrder.begin(), inFileOrder.end(),
            [](const ImportTarget &a, const ImportTarget &b) { return a.line < b.line; });
        for (ImportTarget &t : pi.targets) {
            t.value.fill(u'\0');
            t.value.clear();
        }
        for (ImportTarget &t : inFileOrder) {
            QString target;
            QString shown;
            switch (t.kind) {
            case ImportTarget::NangoBase:
                target = QStringLiteral("Nango base URL");
                shown = p.nangoBase.toString();
                break;
            case ImportTarget::PanoraUrl:
                target = QStringLiteral("Panora URL");
                shown = p.panoraUrl.toString();
                break;
            case ImportTarget::Secret:
                target = QStringLiteral("keychain ") + SecretStore::keyFor(p.name, t.secretName);
                shown = ConfigResolver::maskSecret(t.value);
                break;
            }
            t.value.fill(u'\0');
            t.value.clear();
            profileLines << QStringLiteral("  %1 -> %2 = %3").arg(t.variable.leftJustified(24), target, shown);
            values.append(QJsonObject { { QStringLiteral("variable"), t.variable }, { QStringLiteral("line"), t.line },
                { QStringLiteral("target"), target }, { QStringLiteral("value"), shown } });
        }
        pi.name = p.name;
        jsonProfiles.append(QJsonObject { { QStringLiteral("name"), p.name },
            { QStringLiteral("created"), ensured.created }, { QStringLiteral("values"), values } });
        lines
            << QStringLiteral("Profile %1%2:").arg(p.name, ensured.created ? QStringLiteral(" (created)") : QString());
        lines << profileLines;
    }
    // The profile named by --profile / NANGO_ENV / "default" becomes active when none is.
    QString activated;
    if (store.activeName().isEmpty()) {
        const QString target = imports.contains(main) ? updated.value(main).name : updated.first().name;
        if (!store.setActive(target))
            activated = target;
    }
    if (ctx.json) {
        Output::json(QJsonObject { { QStringLiteral("file"), QDir::toNativeSeparators(path) },
            { QStringLiteral("profiles"), jsonProfiles },
            { QStringLiteral("ignored"), QJsonArray::fromStringList(ignored) },
            { QStringLiteral("activated"), activated.isEmpty() ? QJsonValue() : QJsonValue(activated) } });
        return ExitOk;
    }
    QTextStream &out = Output::out();
    out << "Imported " << QDir::toNativeSeparators(path) << ":\n";
    for (const QString &l : lines)
        out << l << '\n';
    if (!ignored.isEmpty()) {
        out << "Ignored:\n";
        for (const QString &i : ignored)
            out << "  " << i << '\n';
    }
    if (!activated.isEmpty())
        out << "Active profile: " << activated << ".\n";
    out << "Secrets are in the keychain only; you can delete " << QDir::toNativeSeparators(path) << " now.\n";
    out.flush();
    return ExitOk;
}

} // namespace

QList<Command> profileCommands()
{
    const QString nameNote = QStringLiteral(
        " A profile name maps to the original backend's named-environment variables: prod → NANGO_SECRET_KEY_PROD, "
        "NANGO_API_BASE_PROD.");
    const QString secretNames = QStringLiteral("NAME is nango-key, panora-key or panora-connection-token.");
    QList<Command> list;
    list.append({ { { QStringLiteral("profile"), QStringLiteral("list") }, QString(),
                      QStringLiteral("List the profiles: which is active, which are production, their URLs and which "
                                     "secrets the keychain holds for them (never the values).") },
        false, [](Context &c, const QStringList &) { return profileList(c); } });
    list.append({ { { QStringLiteral("profile"), QStringLiteral("show") }, QStringLiteral("NAME"),
                      QStringLiteral("Show one profile; its secrets are masked (5f2c…6666).") + nameNote, {},
                      QStringLiteral("NAME") },
        false, [](Context &c, const QStringList &p) { return profileShow(c, p); } });
    list.append(
        { { { QStringLiteral("profile"), QStringLiteral("set") },
              QStringLiteral("NAME [--nango-base=URL] [--panora-url=URL] [--production|--no-production] "
                             "[--allow-insecure-http|--no-allow-insecure-http] "
                             "[--mapping=compatible-paths|records-and-actions]"),
              QStringLiteral("Create a profile or change the given settings of an existing one (secrets go "
                             "in with 'secret set'). The first profile becomes the active one. A production "
                             "profile needs --yes for every send, import and delete.")
                  + nameNote,
              { valueOption({ QStringLiteral("nango-base") },
                    QStringLiteral("Nango base URL (empty to unset; the default is https://api.nango.dev)."),
                    QStringLiteral("URL")),
                  valueOption({ QStringLiteral("panora-url") }, QStringLiteral("Panora base URL (empty to unset)."),
                      QStringLiteral("URL")),
                  QCommandLineOption(QStringLiteral("production"),
                      QStringLiteral("Mark it production: sends need --yes (the app asks).")),
                  QCommandLineOption(QStringLiteral("no-production"), QStringLiteral("Unmark production.")),
                  QCommandLineOption(QStringLiteral("no-allow-insecure-http"),
                      QStringLiteral("Refuse plain http:// to other hosts again (--allow-insecure-http allows it "
                                     "for this profile).")),
                  valueOption({ QStringLiteral("mapping") },
                      QStringLiteral("How contacts/employees map onto Nango: compatible-paths (the original "
                                     "backend's /crm/contacts) or records-and-actions."),
                      QStringLiteral("MAPPING")) },
              QStringLiteral("NAME") },
            false, [](Context &c, const QStringList &p) { return profileSet(c, p); } });
    list.append({ { { QStringLiteral("profile"), QStringLiteral("use") }, QStringLiteral("NAME"),
                      QStringLiteral("Make NAME the active profile (used when --profile and NANGO_ENV are not given)."),
                      {}, QStringLiteral("NAME") },
        false, [](Context &c, const QStringList &p) { return profileUse(c, p); } });
    list.append({ { { QStringLiteral("profile"), QStringLiteral("rename") }, QStringLiteral("OLD NEW"),
                      QStringLiteral("Rename a profile and move its keychain entries. Its NANGO_*_<ENV> variable "
                                     "names change with it."),
                      {}, QStringLiteral("OLD NEW") },
        false, [](Context &c, const QStringList &p) { return profileRename(c, p); } });
    list.append({ { { QStringLiteral("profile"), QStringLiteral("remove") }, QStringLiteral("NAME [--yes]"),
                      QStringLiteral("Remove a profile and delete its keychain entries. Asks you to type its name "
                                     "unless --yes is given."),
                      {}, QStringLiteral("NAME") },
        false, [](Context &c, const QStringList &p) { return profileRemove(c, p); } });
    list.append({ { { QStringLiteral("secret"), QStringLiteral("set") }, QStringLiteral("NAME [--profile=P]"),
                      QStringLiteral("Store a secret in the OS keychain for profile P (default: the active profile, "
                                     "else \"default\", created if needed). The value is read from standard input "
                                     "only — piped, or typed without being shown — never from the command line, "
                                     "where shell history and the process list would keep it. ")
                          + secretNames,
                      {}, QStringLiteral("NAME") },
        false, [](Context &c, const QStringList &p) { return secretSet(c, p); } });
    list.append({ { { QStringLiteral("secret"), QStringLiteral("clear") }, QStringLiteral("NAME [--profile=P]"),
                      QStringLiteral("Delete a secret of profile P from the keychain. ") + secretNames, {},
                      QStringLiteral("NAME") },
        false, [](Context &c, const QStringList &p) { return secretClear(c, p); } });
    list.append(
        { { { QStringLiteral("env"), QStringLiteral("import") }, QStringLiteral("[--file=.env] [--profile=P]"),
              QStringLiteral("Import the original backend's .env: NANGO_API_BASE/NANGO_HOST and PANORA_API_URL "
                             "go to the profile, NANGO_SECRET_KEY, PANORA_API_KEY and PANORA_CONNECTION_TOKEN to "
                             "the keychain. The profile is P, else NANGO_ENV in the file, else \"default\"; "
                             "without --profile, NANGO_SECRET_KEY_<ENV> / NANGO_API_BASE_<ENV> go to the "
                             "profile named <env>. Prints what went where, secrets masked; other variables "
                             "are listed as ignored. A bad line imports nothing."),
              { valueOption({ QStringLiteral("file") }, QStringLiteral("The file to read (default: .env)."),
                  QStringLiteral("PATH")) } },
            false, [](Context &c, const QStringList &) { return envImport(c); } });
    return list;
}

} // namespace crossline::cli
