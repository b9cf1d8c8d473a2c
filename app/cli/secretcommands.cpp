#include "cli/secretcommands.h"

#include "cli/output.h"
#include "cli/profilehelpers.h"
#include "cli/terminal.h"
#include "config/profilemanager.h"
#include "config/profilestore.h"
#include "secrets/secretstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSettings>

#include <cstdio>
#include <cstring>

namespace crossline::cli {

namespace {

Error checkSecretName(const QString &name)
{
    if (SecretStore::isSecretName(name))
        return {};
    return Error::validation(QStringLiteral("NAME"),
        QStringLiteral("Unknown secret '%1': use nango-key, panora-key or panora-connection-token.").arg(name));
}

// The profile a secret command works on: --profile, else the active one, else "default".
QString targetProfile(const Context &ctx)
{
    const QString given = ctx.value(QStringLiteral("profile")).trimmed();
    return given.isEmpty() ? defaultProfileName() : given;
}

// The secret a command names (its NAME argument) and the profile it belongs to: the one given or active, in the
// spelling it was saved with.
struct SecretTarget
{
    QString name;
    QString profile;
};

Expected<SecretTarget> secretTarget(const Context &ctx, const QStringList &positional, const ProfileStore &store)
{
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return e;
    SecretTarget target { positional.first(), targetProfile(ctx) };
    if (const Error e = checkSecretName(target.name))
        return e;
    if (const Error e = checkProfileName(target.profile))
        return e;
    if (const auto existing = store.findProfile(target.profile))
        target.profile = existing->name;
    return target;
}

QString ensuredNote(const ProfileManager::Saved &e)
{
    QStringList notes;
    if (e.created)
        notes << QStringLiteral("created");
    if (e.activated)
        notes << QStringLiteral("now the active profile");
    return notes.isEmpty() ? QString() : QStringLiteral(" (") + notes.join(QStringLiteral(", ")) + u')';
}

// ---- reading a secret without echo ------------------------------------------------------------------------------
// Standard input only (a value on the command line ends up in shell history and the process list). On a terminal
// the typed characters are not echoed; from a pipe the whole input is the value (trailing newlines dropped).
QString readSecretValue(const QString &prompt)
{
    if (!Terminal::stdinIsTerminal())
        return Context::readSecretFromStdin().trimmed();
    Output::err() << prompt << " (typing is not shown): ";
    Output::err().flush();
    Terminal::disableEcho();
    char buffer[4096];
    std::memset(buffer, 0, sizeof buffer);
    const bool ok = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
    Terminal::restoreEcho();
    QString value = ok ? QString::fromUtf8(buffer).trimmed() : QString();
    std::memset(buffer, 0, sizeof buffer);
    return value;
}

// ---- secret set / clear ------------------------------------------------------------------------------------------
void noteEnvironmentOverride(const QString &profile, const QString &name)
{
    const QString v = ConfigResolver::overridingVariable(profile, name, QProcessEnvironment::systemEnvironment());
    if (v.isEmpty())
        return;
    Output::err() << "note: " << v << " is set in this environment and wins over the keychain.\n";
    Output::err().flush();
}

int secretSet(Context &ctx, const QStringList &positional)
{
    if (positional.size() > 1)
        return ctx.fail(Error::validation(QStringLiteral("value"),
            QStringLiteral("The value is read from standard input only, never from the command line."),
            QStringLiteral("Pipe it in (e.g. from your password manager) or type it when asked; it is not shown.")));
    QSettings settings;
    ProfileStore store(&settings);
    const Expected<SecretTarget> target = secretTarget(ctx, positional, store);
    if (!target)
        return ctx.fail(target.error());
    const QString &name = target->name;
    const QString &profile = target->profile;

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
    const Expected<ProfileManager::Saved> result = ProfileManager(&store, &secrets).ensure(profile);
    if (!result)
        return ctx.fail(result.error());
    const ProfileManager::Saved &ensured = *result;
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
    QSettings settings;
    ProfileStore store(&settings);
    const Expected<SecretTarget> target = secretTarget(ctx, positional, store);
    if (!target)
        return ctx.fail(target.error());
    const QString &name = target->name;
    const QString &profile = target->profile;
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

} // namespace

QList<Command> secretCommands()
{
    const QString secretNames = QStringLiteral("NAME is nango-key, panora-key or panora-connection-token.");
    QList<Command> list;
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
    return list;
}

} // namespace crossline::cli
