#pragma once

#include "config/profile.h"
#include "error.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

class QSettings;

namespace crossline {

// Non-secret profile data in QSettings: group "profiles/<name>/…" (nangoBase, panoraUrl, nangoMapping, production,
// allowInsecureHttp) and the key "activeProfile". It has no way to store a secret, on purpose (secrets live in the
// keychain only); renaming or removing a profile does not touch its keychain entries — the caller moves those.
class ProfileStore
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)
public:
    explicit ProfileStore(QSettings *settings); // not owned; tests pass a QSettings on a temp INI file

    QStringList names() const; // valid profile names, sorted
    bool contains(const QString &name) const;
    std::optional<Profile> profile(const QString &name) const;
    // The saved profile whose name matches case-insensitively (for NANGO_ENV=PROD → "prod"); exact match first.
    std::optional<Profile> findProfile(const QString &name) const;

    Error save(const Profile &profile); // creates or replaces; validation error for a bad name/URL
    Error remove(const QString &name); // removing the active profile leaves none active
    Error rename(const QString &from, const QString &to);

    QString activeName() const; // "" when none (or when the stored one no longer exists)
    Error setActive(const QString &name); // "" clears it

private:
    Error checkNameFree(const QString &name, const QString &ignoring) const;
    void write(const Profile &profile);
    Error sync();

    QSettings *m_settings;
};

} // namespace crossline
