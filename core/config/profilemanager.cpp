#include "config/profilemanager.h"

#include "secrets/secretstore.h"

namespace crossline {

ProfileManager::ProfileManager(ProfileStore *profiles, SecretStore *secrets)
    : m_profiles(profiles)
    , m_secrets(secrets)
{
}

Expected<ProfileManager::Saved> ProfileManager::save(const Profile &profile)
{
    Saved out;
    out.profile = profile;
    out.created = !m_profiles->contains(profile.name);
    if (const Error e = m_profiles->save(profile))
        return e;
    if (m_profiles->activeName().isEmpty()) {
        if (const Error e = m_profiles->setActive(profile.name))
            return e;
        out.activated = true;
    }
    return out;
}

Expected<ProfileManager::Saved> ProfileManager::ensure(const QString &name)
{
    if (const std::optional<Profile> existing = m_profiles->findProfile(name)) {
        Saved out;
        out.profile = *existing;
        if (m_profiles->activeName().isEmpty()) {
            if (const Error e = m_profiles->setActive(existing->name))
                return e;
            out.activated = true;
        }
        return out;
    }
    Profile fresh;
    fresh.name = name;
    return save(fresh);
}

Job *ProfileManager::rename(const QString &from, const QString &to, QObject *parent)
{
    if (const Error e = m_profiles->rename(from, to))
        return Job::finishedJob(Result::failure(e), parent);
    SecretStore *secrets = m_secrets;
    Job *moved = Job::chain(
        secrets->removeAll(to), // no stale entries of an older profile with that name
        [secrets, from, to](const Result &r) -> Job * { return r.ok() ? secrets->move(from, to) : nullptr; }, parent);
    ProfileStore *profiles = m_profiles;
    return Job::map(
        moved,
        [profiles, from, to](const Result &r) {
            Result out = r;
            if (!r.ok()) {
                profiles->rename(to, from);
                out.error.message
                    = tr("Profile %1 was not renamed: its keychain entries could not be moved. ").arg(from)
                    + r.error.message;
            }
            return out;
        },
        parent);
}

Job *ProfileManager::remove(const QString &name, QObject *parent)
{
    ProfileStore *profiles = m_profiles;
    return Job::map(
        m_secrets->removeAll(name),
        [profiles, name](const Result &r) {
            Result out = r;
            if (!r.ok()) {
                out.error.message
                    = tr("Profile %1 was not removed: its keychain entries could not be deleted. ").arg(name)
                    + r.error.message;
            } else if (const Error e = profiles->remove(name)) {
                out = Result::failure(e);
            }
            return out;
        },
        parent);
}

} // namespace crossline
