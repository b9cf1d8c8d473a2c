#include "cli/profilecommands.h"

#include "cli/output.h"
#include "cli/profilehelpers.h"
#include "config/profilemanager.h"
#include "config/profilestore.h"
#include "secrets/secretstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSettings>

namespace crossline::cli {

namespace {

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

// The saved profile the one positional NAME names (case-insensitive match first).
Expected<Profile> savedProfile(const QStringList &positional, const ProfileStore &store)
{
    if (const Error e = requireOnePositional(positional, QStringLiteral("NAME")))
        return e;
    if (const Error e = checkProfileName(positional.first()))
        return e;
    const std::optional<Profile> p = store.findProfile(positional.first());
    if (!p)
        return noSuchProfile(positional.first());
    return *p;
}

void printHint(const Error &e)
{
    Output::err() << "warning: " << e.message << '\n';
    if (!e.hint.isEmpty())
        Output::err() << "hint: " << e.hint << '\n';
    Output::err().flush();
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
    QSettings settings;
    ProfileStore store(&settings);
    const Expected<Profile> p = savedProfile(positional, store);
    if (!p)
        return ctx.fail(p.error());
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
        << "Nango mapping: " << Profile::mappingKey(p->nangoMapping) << '\n';
    if (p->nangoMapping == Profile::NangoMapping::RecordsAndActions) {
        const auto where = [](const RecordsMapping &m) {
            return m.integration.isEmpty()
                ? QStringLiteral("(not set)")
                : QStringLiteral("%1 / %2, model %3").arg(m.integration, m.connectionId, m.model);
        };
        out << "  contacts: " << where(p->crmRecords)
            << (p->crmRecords.createAction.isEmpty()
                       ? QString()
                       : QStringLiteral(", created by action ") + p->crmRecords.createAction)
            << '\n'
            << "  employees: " << where(p->hrRecords) << '\n';
    }
    out << "Production: " << (p->production ? "yes (sends need --yes)" : "no") << '\n'
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
    if (const Error e = both(QStringLiteral("panora-bearer-auth"), QStringLiteral("no-panora-bearer-auth")))
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
    if (ctx.isSet(QStringLiteral("panora-bearer-auth")))
        p.panoraBearerAuth = true;
    if (ctx.isSet(QStringLiteral("no-panora-bearer-auth")))
        p.panoraBearerAuth = false;
    if (ctx.isSet(QStringLiteral("mapping"))) {
        const auto mapping = Profile::mappingFromKey(ctx.value(QStringLiteral("mapping")));
        if (!mapping)
            return ctx.fail(Error::validation(QStringLiteral("mapping"),
                QStringLiteral("--mapping must be compatible-paths or records-and-actions.")));
        p.nangoMapping = *mapping;
    }
    // Where contacts and employees live on a real Nango (used with --mapping=records-and-actions).
    for (const auto &[flag, field] : { std::pair { "crm-integration", &p.crmRecords.integration },
             std::pair { "crm-connection", &p.crmRecords.connectionId },
             std::pair { "contact-model", &p.crmRecords.model },
             std::pair { "create-contact-action", &p.crmRecords.createAction },
             std::pair { "hr-integration", &p.hrRecords.integration },
             std::pair { "hr-connection", &p.hrRecords.connectionId },
             std::pair { "employee-model", &p.hrRecords.model } }) {
        if (ctx.isSet(QLatin1String(flag)))
            *field = ctx.value(QLatin1String(flag)).trimmed();
    }
    if (p.nangoMapping == Profile::NangoMapping::RecordsAndActions && !p.crmRecords.isComplete()
        && !p.hrRecords.isComplete())
        Output::err() << "note: with records-and-actions, name where contacts live (--crm-integration and "
                         "--crm-connection) or employees (--hr-integration and --hr-connection); "
                         "crossline-cli nango functions --providerConfigKey=KEY lists an integration's syncs.\n";
    if (existing && p == *existing) {
        Output::out() << "Profile " << p.name << " is unchanged.\n";
        Output::out().flush();
        return ExitOk;
    }
    SecretStore secrets;
    const Expected<ProfileManager::Saved> saved = ProfileManager(&store, &secrets).save(p);
    if (!saved)
        return ctx.fail(saved.error());
    const bool activated = saved->activated;
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
    QSettings settings;
    ProfileStore store(&settings);
    const Expected<Profile> p = savedProfile(positional, store);
    if (!p)
        return ctx.fail(p.error());
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
    SecretStore secrets;
    const Result r = Context::wait(ProfileManager(&store, &secrets).rename(from, to));
    if (!r.ok())
        return ctx.fail(r.error);
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
    QSettings settings;
    ProfileStore store(&settings);
    const Expected<Profile> p = savedProfile(positional, store);
    if (!p)
        return ctx.fail(p.error());
    if (!confirm(ctx,
            QStringLiteral("Remove profile %1 and its keychain entries? Type its name to confirm:").arg(p->name),
            p->name)) {
        return ctx.fail(Error::validation(
            QStringLiteral("yes"), QStringLiteral("Not removed: confirm by typing the profile name, or pass --yes.")));
    }
    SecretStore secrets;
    const Result r = Context::wait(ProfileManager(&store, &secrets).remove(p->name));
    if (!r.ok())
        return ctx.fail(r.error);
    if (ctx.json)
        Output::json(QJsonObject { { QStringLiteral("removed"), p->name } });
    else
        Output::out() << "Removed profile " << p->name << " and its keychain entries.\n";
    Output::out().flush();
    return ExitOk;
}

} // namespace

QList<Command> profileCommands()
{
    const QString nameNote = QStringLiteral(
        " A profile name maps to the original backend's named-environment variables: prod → NANGO_SECRET_KEY_PROD, "
        "NANGO_API_BASE_PROD.");
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
                             "[--panora-bearer-auth|--no-panora-bearer-auth] "
                             "[--mapping=compatible-paths|records-and-actions] [--crm-integration=KEY "
                             "--crm-connection=ID --contact-model=M --create-contact-action=A] [--hr-integration=KEY "
                             "--hr-connection=ID --employee-model=M]"),
              QStringLiteral("Create a profile or change the given settings of an existing one (secrets go "
                             "in with 'secret set'). The first profile becomes the active one. A production "
                             "profile needs --yes for every send, import and delete.")
                  + nameNote,
              { QCommandLineOption({ QStringLiteral("nango-base") },
                    QStringLiteral("Nango base URL (empty to unset; the default is https://api.nango.dev)."),
                    QStringLiteral("URL")),
                  QCommandLineOption({ QStringLiteral("panora-url") },
                      QStringLiteral("Panora base URL (empty to unset)."), QStringLiteral("URL")),
                  QCommandLineOption(QStringLiteral("production"),
                      QStringLiteral("Mark it production: sends need --yes (the app asks).")),
                  QCommandLineOption(QStringLiteral("no-production"), QStringLiteral("Unmark production.")),
                  QCommandLineOption(QStringLiteral("no-allow-insecure-http"),
                      QStringLiteral("Refuse plain http:// to other hosts again (--allow-insecure-http allows it "
                                     "for this profile).")),
                  QCommandLineOption(QStringLiteral("panora-bearer-auth"),
                      QStringLiteral("Also send Panora's key as Authorization: Bearer (Panora builds before August "
                                     "2024 read only that).")),
                  QCommandLineOption(QStringLiteral("no-panora-bearer-auth"),
                      QStringLiteral("Send Panora's key in x-api-key only (the default).")),
                  QCommandLineOption({ QStringLiteral("mapping") },
                      QStringLiteral("How contacts/employees map onto Nango: compatible-paths (the original "
                                     "backend's /crm/contacts) or records-and-actions (a real Nango's synced "
                                     "records and actions)."),
                      QStringLiteral("MAPPING")),
                  QCommandLineOption({ QStringLiteral("crm-integration") },
                      QStringLiteral("records-and-actions: the integration whose sync saves contacts."),
                      QStringLiteral("KEY")),
                  QCommandLineOption({ QStringLiteral("crm-connection") },
                      QStringLiteral("records-and-actions: its connection."), QStringLiteral("ID")),
                  QCommandLineOption({ QStringLiteral("contact-model") },
                      QStringLiteral("The sync's contact model (default Contact)."), QStringLiteral("M")),
                  QCommandLineOption({ QStringLiteral("create-contact-action") },
                      QStringLiteral("The action that creates a contact (default create-contact)."),
                      QStringLiteral("A")),
                  QCommandLineOption({ QStringLiteral("hr-integration") },
                      QStringLiteral("records-and-actions: the integration whose sync saves employees."),
                      QStringLiteral("KEY")),
                  QCommandLineOption({ QStringLiteral("hr-connection") },
                      QStringLiteral("records-and-actions: its connection."), QStringLiteral("ID")),
                  QCommandLineOption({ QStringLiteral("employee-model") },
                      QStringLiteral("The sync's employee model (default Employee)."), QStringLiteral("M")) },
              QStringLiteral("NAME"),
              { QStringLiteral("nango-base"), QStringLiteral("panora-url"), QStringLiteral("crm-integration"),
                  QStringLiteral("crm-connection"), QStringLiteral("contact-model"),
                  QStringLiteral("create-contact-action"), QStringLiteral("hr-integration"),
                  QStringLiteral("hr-connection"), QStringLiteral("employee-model") } },
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
    return list;
}

} // namespace crossline::cli
