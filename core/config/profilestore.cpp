#include "config/profilestore.h"

#include <QLoggingCategory>
#include <QSettings>

namespace crossline {

namespace {

Q_LOGGING_CATEGORY(lcConfig, "crossline.config", QtInfoMsg)

const QString ProfilesGroup = QStringLiteral("profiles");
const QString ActiveKey = QStringLiteral("activeProfile");

QString keyFor(const QString &name, const QString &field)
{
    return ProfilesGroup + u'/' + name + u'/' + field;
}

} // namespace

ProfileStore::ProfileStore(QSettings *settings)
    : m_settings(settings)
{
    Q_ASSERT(m_settings);
}

QStringList ProfileStore::names() const
{
    m_settings->beginGroup(ProfilesGroup);
    const QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    QStringList out;
    for (const QString &g : groups) {
        if (Profile::isValidName(g))
            out << g;
        else
            qCDebug(lcConfig) << "ignoring settings group with an invalid profile name:" << g;
    }
    out.sort();
    return out;
}

bool ProfileStore::contains(const QString &name) const
{
    return Profile::isValidName(name) && names().contains(name);
}

std::optional<Profile> ProfileStore::profile(const QString &name) const
{
    if (!contains(name))
        return std::nullopt;
    Profile p;
    p.name = name;
    p.nangoBase = QUrl(m_settings->value(keyFor(name, QStringLiteral("nangoBase"))).toString());
    p.panoraUrl = QUrl(m_settings->value(keyFor(name, QStringLiteral("panoraUrl"))).toString());
    const QString mapping = m_settings->value(keyFor(name, QStringLiteral("nangoMapping"))).toString();
    if (const auto m = Profile::mappingFromKey(mapping))
        p.nangoMapping = *m;
    else if (!mapping.isEmpty())
        qCWarning(lcConfig) << "profile" << name << "has an unknown nangoMapping" << mapping
                            << "- using compatible paths";
    const auto read = [&](const char *field, QString *out) {
        const QVariant v = m_settings->value(keyFor(name, QLatin1String(field)));
        if (v.isValid())
            *out = v.toString();
    };
    read("crmIntegration", &p.crmRecords.integration);
    read("crmConnection", &p.crmRecords.connectionId);
    read("contactModel", &p.crmRecords.model);
    read("createContactAction", &p.crmRecords.createAction);
    read("hrIntegration", &p.hrRecords.integration);
    read("hrConnection", &p.hrRecords.connectionId);
    read("employeeModel", &p.hrRecords.model);
    p.panoraBearerAuth = m_settings->value(keyFor(name, QStringLiteral("panoraBearerAuth")), false).toBool();
    p.production = m_settings->value(keyFor(name, QStringLiteral("production")), false).toBool();
    p.allowInsecureHttp = m_settings->value(keyFor(name, QStringLiteral("allowInsecureHttp")), false).toBool();
    return p;
}

std::optional<Profile> ProfileStore::findProfile(const QString &name) const
{
    if (auto exact = profile(name))
        return exact;
    for (const QString &candidate : names()) {
        if (candidate.compare(name, Qt::CaseInsensitive) == 0)
            return profile(candidate);
    }
    return std::nullopt;
}

Error ProfileStore::checkNameFree(const QString &name, const QString &ignoring) const
{
    // "Dev" and "dev" (or "a-b" and "a_b") would share NANGO_SECRET_KEY_DEV and collide in case-insensitive stores.
    const QString suffix = Profile::envSuffixFor(name);
    for (const QString &other : names()) {
        if (other == ignoring)
            continue;
        if (other == name) {
            return Error::validation(QStringLiteral("name"), tr("A profile named '%1' already exists.").arg(name));
        }
        if (Profile::envSuffixFor(other) == suffix) {
            return Error::validation(QStringLiteral("name"),
                tr("The name '%1' is too close to the existing profile '%2'.").arg(name, other),
                tr("Both would use the environment variables ending in _%1.").arg(suffix));
        }
    }
    return {};
}

void ProfileStore::write(const Profile &p)
{
    // Every key is written, so a profile with only defaults still exists as a group.
    m_settings->setValue(
        keyFor(p.name, QStringLiteral("nangoBase")), Profile::normalizedUrl(p.nangoBase).toString(QUrl::FullyEncoded));
    m_settings->setValue(
        keyFor(p.name, QStringLiteral("panoraUrl")), Profile::normalizedUrl(p.panoraUrl).toString(QUrl::FullyEncoded));
    m_settings->setValue(keyFor(p.name, QStringLiteral("nangoMapping")), Profile::mappingKey(p.nangoMapping));
    // The records mapping only where it differs from the defaults: most profiles never use it.
    const Profile defaults;
    for (const auto &[field, value, fallback] :
        { std::tuple { "crmIntegration", p.crmRecords.integration, defaults.crmRecords.integration },
            std::tuple { "crmConnection", p.crmRecords.connectionId, defaults.crmRecords.connectionId },
            std::tuple { "contactModel", p.crmRecords.model, defaults.crmRecords.model },
            std::tuple { "createContactAction", p.crmRecords.createAction, defaults.crmRecords.createAction },
            std::tuple { "hrIntegration", p.hrRecords.integration, defaults.hrRecords.integration },
            std::tuple { "hrConnection", p.hrRecords.connectionId, defaults.hrRecords.connectionId },
            std::tuple { "employeeModel", p.hrRecords.model, defaults.hrRecords.model } }) {
        if (value == fallback)
            m_settings->remove(keyFor(p.name, QLatin1String(field)));
        else
            m_settings->setValue(keyFor(p.name, QLatin1String(field)), value);
    }
    if (p.panoraBearerAuth) // only where a deployment needs it
        m_settings->setValue(keyFor(p.name, QStringLiteral("panoraBearerAuth")), true);
    else
        m_settings->remove(keyFor(p.name, QStringLiteral("panoraBearerAuth")));
    m_settings->setValue(keyFor(p.name, QStringLiteral("production")), p.production);
    m_settings->setValue(keyFor(p.name, QStringLiteral("allowInsecureHttp")), p.allowInsecureHttp);
}

Error ProfileStore::sync()
{
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        return Error::config(tr("Cannot write the settings file %1.").arg(m_settings->fileName()),
            tr("Check that the folder exists and is writable."));
    }
    return {};
}

Error ProfileStore::save(const Profile &profile)
{
    if (Error e = profile.validate())
        return e;
    if (Error e = checkNameFree(profile.name, profile.name))
        return e;
    m_settings->remove(ProfilesGroup + u'/' + profile.name); // drop keys an older version may have left
    write(profile);
    return sync();
}

Error ProfileStore::remove(const QString &name)
{
    if (!contains(name))
        return Error::validation(QStringLiteral("name"), tr("There is no profile named '%1'.").arg(name));
    if (m_settings->value(ActiveKey).toString() == name)
        m_settings->remove(ActiveKey);
    m_settings->remove(ProfilesGroup + u'/' + name);
    return sync();
}

Error ProfileStore::rename(const QString &from, const QString &to)
{
    std::optional<Profile> p = profile(from);
    if (!p)
        return Error::validation(QStringLiteral("from"), tr("There is no profile named '%1'.").arg(from));
    if (from == to)
        return {};
    if (!Profile::isValidName(to)) {
        return Error::validation(QStringLiteral("to"), tr("Invalid profile name '%1'.").arg(to),
            tr("Use 1 to 40 letters, digits, '-' or '_' (for example dev or prod)."));
    }
    if (Error e = checkNameFree(to, from)) {
        e.field = QStringLiteral("to");
        return e;
    }
    const bool wasActive = m_settings->value(ActiveKey).toString() == from;
    m_settings->remove(ProfilesGroup + u'/' + from);
    p->name = to;
    write(*p);
    if (wasActive)
        m_settings->setValue(ActiveKey, to);
    return sync();
}

QString ProfileStore::activeName() const
{
    const QString name = m_settings->value(ActiveKey).toString();
    return contains(name) ? name : QString();
}

Error ProfileStore::setActive(const QString &name)
{
    if (name.isEmpty()) {
        m_settings->remove(ActiveKey);
        return sync();
    }
    if (!contains(name))
        return Error::validation(QStringLiteral("name"), tr("There is no profile named '%1'.").arg(name));
    m_settings->setValue(ActiveKey, name);
    return sync();
}

} // namespace crossline
