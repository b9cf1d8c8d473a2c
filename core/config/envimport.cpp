#include "config/envimport.h"

#include "config/configresolver.h"
#include "config/profilestore.h"
#include "job.h"
#include "secrets/secretstore.h"

#include <QDir>
#include <QJsonArray>
#include <QMap>
#include <QPointer>
#include <QTimer>

#include <algorithm>

namespace crossline {

namespace {

struct Candidate
{
    EnvImportItem item;
    int priority = 0; // NANGO_API_BASE_<ENV> > NANGO_API_BASE > NANGO_HOST (the seed)
};

struct ProfileCandidates
{
    QString name;
    QMap<QString, Candidate> targets; // "nangoBase", "panoraUrl", "secret:<name>"
};

// `nothingNote`: the message does not already say that nothing was imported.
EnvImportPlan failed(EnvImportPlan plan, Error e, bool nothingNote = true)
{
    if (nothingNote)
        e.message += u' ' + EnvImport::tr("Nothing was imported.");
    plan.clearSecretValues();
    plan.error = e;
    plan.profiles.clear();
    plan.ignored.clear();
    plan.activate.clear();
    return plan;
}

void overwrite(QString &value)
{
    value.fill(u'\0');
    value.clear();
}

// Writes the secrets one after another, then saves the profiles (EnvImport::apply).
class EnvImportJob : public Job
{
public:
    EnvImportJob(const EnvImportPlan &plan, ProfileStore *profiles, SecretStore *secrets, QObject *parent)
        : Job(parent)
        , m_plan(plan)
        , m_secretItems(plan.secrets())
        , m_profiles(profiles)
        , m_secrets(secrets)
    {
        QTimer::singleShot(0, this, [this] { next(); });
    }

    ~EnvImportJob() override { forgetSecrets(); }

    void abort() override
    {
        if (m_current)
            m_current->abort(); // its Cancelled result finishes this job
        else
            Job::abort();
    }

private:
    void forgetSecrets()
    {
        for (EnvImportItem &item : m_secretItems)
            overwrite(item.value);
        m_plan.clearSecretValues();
    }

    void fail(const Error &e)
    {
        forgetSecrets();
        finish(Result::failure(e));
    }

    void next()
    {
        if (isFinished())
            return;
        if (!m_plan.ok()) {
            fail(m_plan.error);
            return;
        }
        if (m_index < m_secretItems.size()) {
            if (!m_secrets) {
                fail(Error::make(
                    Error::Kind::Keychain, EnvImport::tr("No keychain is available."), SecretStore::noBackendHint()));
                return;
            }
            const EnvImportItem &item = m_secretItems.at(m_index);
            Job *job = m_secrets->write(item.profile, item.secretName, item.value);
            m_current = job;
            const QString variable = item.variable;
            connect(job, &Job::finished, this, [this, variable](const Result &r) {
                m_current = nullptr;
                if (r.error.kind == Error::Kind::Cancelled) {
                    forgetSecrets();
                    finish(r);
                    return;
                }
                if (!r.ok()) {
                    Error e = r.error;
                    e.message = EnvImport::tr("Could not store %1 in the keychain: %2 The profile settings were not "
                                              "changed.")
                                    .arg(variable, e.message);
                    fail(e);
                    return;
                }
                overwrite(m_secretItems[m_index].value);
                ++m_index;
                next();
            });
            return;
        }
        forgetSecrets();
        // Secrets are stored: now the settings (synchronous QSettings writes).
        QJsonArray created;
        for (const EnvImportProfile &p : std::as_const(m_plan.profiles)) {
            const bool existed = m_profiles->contains(p.profile.name);
            if (const Error e = m_profiles->save(p.profile)) {
                fail(e);
                return;
            }
            if (!existed)
                created.append(p.profile.name);
        }
        QJsonValue activated;
        if (!m_plan.activate.isEmpty() && m_profiles->activeName().isEmpty() && !m_profiles->setActive(m_plan.activate))
            activated = m_plan.activate;
        finish(Result::success(
            QJsonObject { { QStringLiteral("activated"), activated }, { QStringLiteral("created"), created } }));
    }

    EnvImportPlan m_plan;
    QList<EnvImportItem> m_secretItems;
    ProfileStore *m_profiles;
    QPointer<SecretStore> m_secrets;
    QPointer<Job> m_current;
    qsizetype m_index = 0;
};

} // namespace

QString EnvImportItem::targetText() const
{
    switch (target) {
    case Target::NangoBase:
        return tr("Nango base URL");
    case Target::PanoraUrl:
        return tr("Panora URL");
    case Target::Secret:
        return tr("keychain %1").arg(SecretStore::keyFor(profile, secretName));
    }
    return {};
}

QString EnvImportItem::shownValue() const
{
    if (isSecret())
        return ConfigResolver::maskSecret(value);
    return Profile::normalizedUrl(QUrl(value)).toString();
}

QList<EnvImportItem> EnvImportPlan::items() const
{
    QList<EnvImportItem> out;
    for (const EnvImportProfile &p : profiles)
        out << p.items;
    return out;
}

QList<EnvImportItem> EnvImportPlan::secrets() const
{
    QList<EnvImportItem> out;
    for (const EnvImportProfile &p : profiles) {
        for (const EnvImportItem &item : p.items) {
            if (item.isSecret())
                out << item;
        }
    }
    return out;
}

void EnvImportPlan::clearSecretValues()
{
    for (EnvImportProfile &p : profiles) {
        for (EnvImportItem &item : p.items) {
            if (item.isSecret())
                overwrite(item.value);
        }
    }
}

QJsonObject EnvImportPlan::toJson() const
{
    QJsonArray jsonProfiles;
    for (const EnvImportProfile &p : profiles) {
        QJsonArray values;
        for (const EnvImportItem &item : p.items) {
            values.append(
                QJsonObject { { QStringLiteral("variable"), item.variable }, { QStringLiteral("line"), item.line },
                    { QStringLiteral("target"), item.targetText() }, { QStringLiteral("value"), item.shownValue() } });
        }
        jsonProfiles.append(QJsonObject { { QStringLiteral("name"), p.profile.name },
            { QStringLiteral("created"), p.created }, { QStringLiteral("values"), values } });
    }
    return QJsonObject { { QStringLiteral("file"), file }, { QStringLiteral("profiles"), jsonProfiles },
        { QStringLiteral("ignored"), QJsonArray::fromStringList(ignored) } };
}

EnvImportPlan EnvImport::planFile(const QString &path, const ProfileStore &profiles, const QString &profileGiven)
{
    return plan(DotEnv::read(path), profiles, profileGiven, QDir::toNativeSeparators(path));
}

EnvImportPlan EnvImport::plan(
    const DotEnvFile &file, const ProfileStore &store, const QString &profileGivenRaw, const QString &fileName)
{
    EnvImportPlan plan;
    plan.file = fileName;
    if (!file.ok())
        return failed(plan, file.error);
    plan.warnings = file.warnings;

    const QString profileGiven = profileGivenRaw.trimmed();
    QString main = profileGiven;
    if (main.isEmpty())
        main = file.value(QStringLiteral("NANGO_ENV")).trimmed().toLower();
    if (main.isEmpty())
        main = QStringLiteral("default");
    if (!Profile::isValidName(main)) {
        return failed(plan,
            Error::validation(QStringLiteral("name"), tr("Invalid profile name '%1'.").arg(main),
                tr("Use 1 to 40 letters, digits, '-' or '_' (for example dev or prod).")));
    }
    auto canonical = [&store](const QString &name) {
        const auto existing = store.findProfile(name);
        return existing ? existing->name : name;
    };
    main = canonical(main);
    plan.mainProfile = main;
    const QString mainSuffix = Profile::envSuffixFor(main);

    QMap<QString, ProfileCandidates> imports; // by profile name
    QStringList &ignored = plan.ignored;
    auto offer = [&](const QString &profile, const QString &slot, const Candidate &c) {
        ProfileCandidates &pc = imports[profile];
        pc.name = profile;
        auto it = pc.targets.find(slot);
        if (it == pc.targets.end()) {
            pc.targets.insert(slot, c);
            return;
        }
        if (it->priority >= c.priority) {
            ignored << tr("%1 (line %2: %3 wins)").arg(c.item.variable).arg(c.item.line).arg(it->item.variable);
        } else {
            ignored << tr("%1 (line %2: %3 wins)").arg(it->item.variable).arg(it->item.line).arg(c.item.variable);
            *it = c;
        }
    };
    // NAME_<ENV>: the profile it belongs to, or "" when it is for another profile and a given profile restricts
    // the import.
    auto profileForSuffix = [&](const QString &suffix) -> QString {
        if (suffix == mainSuffix)
            return main;
        if (!profileGiven.isEmpty())
            return {};
        for (const QString &n : store.names()) {
            if (Profile::envSuffixFor(n) == suffix)
                return n;
        }
        const QString guess = suffix.toLower();
        return Profile::isValidName(guess) ? guess : QString();
    };

    using Target = EnvImportItem::Target;
    for (const DotEnvEntry &entry : file.entries) {
        const QString &key = entry.key;
        Candidate c;
        c.item.variable = key;
        c.item.line = entry.line;
        c.item.value = entry.value.trimmed();
        if (key == u"NANGO_ENV")
            continue; // chose the profile above
        const bool known = key == u"NANGO_API_BASE" || key == u"NANGO_HOST" || key == u"NANGO_SECRET_KEY"
            || key == u"PANORA_API_URL" || key == u"PANORA_API_KEY" || key == u"PANORA_CONNECTION_TOKEN"
            || key.startsWith(u"NANGO_API_BASE_") || key.startsWith(u"NANGO_SECRET_KEY_");
        if (!known) {
            ignored << tr("%1 (line %2: not a Crossline variable)").arg(key).arg(entry.line);
            continue;
        }
        if (c.item.value.isEmpty()) {
            ignored << tr("%1 (line %2: empty)").arg(key).arg(entry.line);
            continue;
        }
        auto suffixed = [&](const QString &prefix, const QString &slot, Target target, const QString &secret) {
            const QString suffix = key.mid(prefix.size());
            const QString profile = profileForSuffix(suffix);
            if (profile.isEmpty()) {
                ignored
                    << tr("%1 (line %2: for profile %3, not %4)").arg(key).arg(entry.line).arg(suffix.toLower(), main);
                return;
            }
            c.item.target = target;
            c.item.secretName = secret;
            c.priority = 3;
            offer(profile, slot, c);
        };
        if (key == u"NANGO_API_BASE" || key == u"NANGO_HOST") {
            c.item.target = Target::NangoBase;
            c.priority = key == u"NANGO_API_BASE" ? 2 : 1;
            offer(main, QStringLiteral("nangoBase"), c);
        } else if (key.startsWith(u"NANGO_API_BASE_")) {
            suffixed(QStringLiteral("NANGO_API_BASE_"), QStringLiteral("nangoBase"), Target::NangoBase, {});
        } else if (key == u"NANGO_SECRET_KEY") {
            c.item.target = Target::Secret;
            c.item.secretName = ConfigResolver::nangoKeyName();
            c.priority = 2;
            offer(main, QStringLiteral("secret:nango-key"), c);
        } else if (key.startsWith(u"NANGO_SECRET_KEY_")) {
            suffixed(QStringLiteral("NANGO_SECRET_KEY_"), QStringLiteral("secret:nango-key"), Target::Secret,
                ConfigResolver::nangoKeyName());
        } else if (key == u"PANORA_API_URL") {
            c.item.target = Target::PanoraUrl;
            offer(main, QStringLiteral("panoraUrl"), c);
        } else if (key == u"PANORA_API_KEY") {
            c.item.target = Target::Secret;
            c.item.secretName = ConfigResolver::panoraKeyName();
            offer(main, QStringLiteral("secret:panora-key"), c);
        } else if (key == u"PANORA_CONNECTION_TOKEN") {
            c.item.target = Target::Secret;
            c.item.secretName = ConfigResolver::panoraConnectionTokenName();
            offer(main, QStringLiteral("secret:panora-connection-token"), c);
        }
    }
    if (imports.isEmpty()) {
        return failed(plan,
            Error::validation(QStringLiteral("file"),
                (fileName.isEmpty() ? tr("The file holds no Crossline variables:")
                                    : tr("%1 holds no Crossline variables:").arg(fileName))
                    + u' ' + tr("nothing was imported."),
                tr("Expected NANGO_API_BASE, NANGO_SECRET_KEY[_<ENV>], PANORA_API_URL, PANORA_API_KEY or "
                   "PANORA_CONNECTION_TOKEN.")),
            false);
    }

    // Check every profile before anything is written.
    for (const ProfileCandidates &pc : std::as_const(imports)) {
        EnvImportProfile out;
        const QString name = canonical(pc.name);
        const std::optional<Profile> existing = store.profile(name);
        out.created = !existing;
        out.profile = existing.value_or(Profile {});
        out.profile.name = name;
        for (const Candidate &c : pc.targets) {
            if (c.item.target == Target::NangoBase)
                out.profile.nangoBase = Profile::normalizedUrl(QUrl(c.item.value));
            else if (c.item.target == Target::PanoraUrl)
                out.profile.panoraUrl = Profile::normalizedUrl(QUrl(c.item.value));
            out.items << c.item;
            out.items.last().profile = name;
        }
        if (Error e = out.profile.validate()) {
            for (const Candidate &c : pc.targets) {
                if ((e.field == u"nangoBase" && c.item.target == Target::NangoBase)
                    || (e.field == u"panoraUrl" && c.item.target == Target::PanoraUrl))
                    e.message = tr("%1 (line %2): %3").arg(c.item.variable).arg(c.item.line).arg(e.message);
            }
            plan.profiles << out; // dropped by failed(), which also drops the values
            return failed(plan, e);
        }
        std::sort(out.items.begin(), out.items.end(),
            [](const EnvImportItem &a, const EnvImportItem &b) { return a.line < b.line; });
        plan.profiles << out;
    }

    // The main profile (--profile / NANGO_ENV / "default") becomes active when none is.
    if (store.activeName().isEmpty()) {
        const QString target = canonical(imports.contains(main) ? main : imports.firstKey());
        plan.activate = target;
    }
    return plan;
}

Job *EnvImport::apply(const EnvImportPlan &plan, ProfileStore *profiles, SecretStore *secrets, QObject *parent)
{
    Q_ASSERT(profiles);
    return new EnvImportJob(plan, profiles, secrets, parent);
}

EnvImportApplied EnvImportApplied::fromData(const QJsonValue &data)
{
    const QJsonObject o = data.toObject();
    EnvImportApplied applied;
    applied.activated = o.value(QLatin1String("activated")).toString();
    for (const QJsonValue &name : o.value(QLatin1String("created")).toArray())
        applied.created << name.toString();
    return applied;
}

} // namespace crossline
