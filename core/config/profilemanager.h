#pragma once

#include "config/profilestore.h"
#include "expected.h"
#include "job.h"

#include <QCoreApplication>

namespace crossline {

class SecretStore;

// The rules for creating, renaming and removing profiles, shared by crossline-cli and the app's Profiles dialog.
// A profile and its keychain entries always share a name: a rename moves the entries (and is undone when the
// keychain refuses), a removal deletes them first. The first profile saved becomes the active one.
class ProfileManager
{
    Q_DECLARE_TR_FUNCTIONS(ProfileManager)
public:
    // Neither is owned; both must outlive the jobs this starts.
    ProfileManager(ProfileStore *profiles, SecretStore *secrets);

    struct Saved
    {
        Profile profile;
        bool created = false; // it did not exist before
        bool activated = false; // it became the active profile (none was)
    };

    // Creates or replaces the profile; it becomes active when none is.
    Expected<Saved> save(const Profile &profile);
    // The profile named `name` (case-insensitive match first), created empty when missing; active when none is.
    // For commands that store into a profile (secret set, env import).
    Expected<Saved> ensure(const QString &name);

    // Renames `from` to `to`: the settings first (they check the new name), then the keychain entries (stale ones of
    // `to` removed, those of `from` moved). When the keychain fails the settings are renamed back. Data: the names
    // of the entries moved (a JSON array).
    Job *rename(const QString &from, const QString &to, QObject *parent = nullptr);
    // Deletes the profile's keychain entries, then the profile: secrets never outlive their profile (the next profile
    // of that name would inherit them).
    Job *remove(const QString &name, QObject *parent = nullptr);

private:
    ProfileStore *m_profiles;
    SecretStore *m_secrets;
};

} // namespace crossline
