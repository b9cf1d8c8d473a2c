#include "cli/envcommands.h"

#include "cli/output.h"
#include "config/dotenv.h"
#include "config/envimport.h"
#include "config/profilestore.h"
#include "secrets/secretstore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSettings>

namespace crossline::cli {

namespace {

// ---- env import --------------------------------------------------------------------------------------------------
// The planning (which variable goes where) is EnvImport's, shared with the app's import dialog.
int envImport(Context &ctx)
{
    const QString path = ctx.isSet(QStringLiteral("file")) ? ctx.value(QStringLiteral("file")) : QStringLiteral(".env");
    const DotEnvFile file = DotEnv::read(path);
    if (file.ok()) {
        for (const QString &w : file.warnings)
            Output::err() << "warning: " << w << '\n';
    }

    QSettings settings;
    ProfileStore store(&settings);
    EnvImportPlan plan
        = EnvImport::plan(file, store, ctx.value(QStringLiteral("profile")).trimmed(), QDir::toNativeSeparators(path));
    if (!plan.ok())
        return ctx.fail(plan.error);
    const auto forget = qScopeGuard([&plan] { plan.clearSecretValues(); }); // after the masked forms are printed

    // Secrets to the keychain first: if it is unavailable, no profile points at secrets that are not there.
    SecretStore secrets;
    const int timeoutMs = SecretStore::DefaultTimeoutMs * int(plan.secrets().size() + 1);
    const Result r = SecretStore::waitFor(EnvImport::apply(plan, &store, &secrets), timeoutMs);
    if (!r.ok())
        return ctx.fail(r.error);
    const EnvImportApplied applied = EnvImportApplied::fromData(r.data);
    const QString &activated = applied.activated;
    for (EnvImportProfile &p : plan.profiles)
        p.created = applied.created.contains(p.profile.name);

    if (ctx.json) {
        QJsonObject json = plan.toJson();
        json.insert(QStringLiteral("activated"), activated.isEmpty() ? QJsonValue() : QJsonValue(activated));
        Output::json(json);
        return ExitOk;
    }
    QTextStream &out = Output::out();
    out << "Imported " << plan.file << ":\n";
    for (const EnvImportProfile &p : std::as_const(plan.profiles)) {
        out << QStringLiteral("Profile %1%2:").arg(p.profile.name, p.created ? QStringLiteral(" (created)") : QString())
            << '\n';
        for (const EnvImportItem &item : p.items)
            out << QStringLiteral("  %1 -> %2 = %3")
                       .arg(item.variable.leftJustified(24), item.targetText(), item.shownValue())
                << '\n';
    }
    if (!plan.ignored.isEmpty()) {
        out << "Ignored:\n";
        for (const QString &i : std::as_const(plan.ignored))
            out << "  " << i << '\n';
    }
    if (!activated.isEmpty())
        out << "Active profile: " << activated << ".\n";
    out << "Secrets are in the keychain only; you can delete " << plan.file << " now.\n";
    out.flush();
    return ExitOk;
}

} // namespace

QList<Command> envCommands()
{
    QList<Command> list;
    list.append(
        { { { QStringLiteral("env"), QStringLiteral("import") }, QStringLiteral("[--file=.env] [--profile=P]"),
              QStringLiteral("Import the original backend's .env: NANGO_API_BASE/NANGO_HOST and PANORA_API_URL "
                             "go to the profile, NANGO_SECRET_KEY, PANORA_API_KEY and PANORA_CONNECTION_TOKEN to "
                             "the keychain. The profile is P, else NANGO_ENV in the file, else \"default\"; "
                             "without --profile, NANGO_SECRET_KEY_<ENV> / NANGO_API_BASE_<ENV> go to the "
                             "profile named <env>. Prints what went where, secrets masked; other variables "
                             "are listed as ignored. A bad line imports nothing."),
              { QCommandLineOption({ QStringLiteral("file") }, QStringLiteral("The file to read (default: .env)."),
                  QStringLiteral("PATH")) } },
            false, [](Context &c, const QStringList &) { return envImport(c); } });
    return list;
}

} // namespace crossline::cli
