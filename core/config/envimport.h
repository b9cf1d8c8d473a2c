#pragma once

#include "config/dotenv.h"
#include "config/profile.h"
#include "error.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QObject;

namespace crossline {

class Job;
class ProfileStore;
class SecretStore;

// One variable of the .env and where it goes: a URL of a profile, or a keychain entry.
struct EnvImportItem
{
    Q_DECLARE_TR_FUNCTIONS(EnvImportItem)
public:
    enum class Target
    {
        NangoBase,
        PanoraUrl,
        Secret
    };
    Target target = Target::NangoBase;
    QString profile; // the profile it goes to (canonical spelling)
    QString secretName; // for Secret: nango-key, panora-key, panora-connection-token
    QString variable; // "NANGO_SECRET_KEY_PROD"
    int line = 0; // 1-based line in the file
    QString value; // trimmed as in the file; a secret until applied, so never shown as is

    bool isSecret() const { return target == Target::Secret; }
    // "Nango base URL", "Panora URL", "keychain prod/nango-key".
    QString targetText() const;
    // The URL as it will be saved, or the secret masked (5f2c…6666).
    QString shownValue() const;
};

// The non-secret half of what one profile gets.
struct EnvImportProfile
{
    Profile profile; // as it will be saved: its current settings with the imported URLs
    bool created = false; // no profile of that name exists yet
    QList<EnvImportItem> items; // in file order
};

// What importing a .env would do, decided before anything is written (the original backend's variables, NANGO_ENV
// and the _<ENV> forms, read as ConfigResolver reads them). When `error` is set nothing is planned and nothing may
// be written.
struct EnvImportPlan
{
    QString file; // as shown in messages (native separators), may be empty
    QString mainProfile; // --profile / the dialog's choice, else NANGO_ENV in the file, else "default"
    QList<EnvImportProfile> profiles; // sorted by name
    QStringList ignored; // "PORT (line 8: not a Crossline variable)", in the order they were decided
    QStringList warnings; // from the file ("line 9: FOO was already set on line 2; …")
    // Made active after the import when no profile is active then (the main profile when it gets values).
    QString activate;
    Error error;

    bool ok() const { return !error.isError(); }
    bool isEmpty() const { return profiles.isEmpty(); }
    QList<EnvImportItem> items() const; // every item of every profile, profile by profile
    QList<EnvImportItem> secrets() const; // only the keychain ones
    // Overwrites the secret values held by the plan (after applying, or when the user cancels).
    void clearSecretValues();
    // Masked: {file, profiles: [{name, created, values: [{variable, line, target, value}]}], ignored}.
    QJsonObject toJson() const;
};

// What applying a plan did: the profiles it created and the one it made active (empty when another already was).
struct EnvImportApplied
{
    QString activated;
    QStringList created;

    static EnvImportApplied fromData(const QJsonValue &data);
};

class EnvImport
{
    Q_DECLARE_TR_FUNCTIONS(EnvImport)
public:
    // Plans the import of `file` into the profiles of `profiles`. `profileGiven` (trimmed; "" = not given) is the
    // target profile: it restricts the import to that profile (the _<ENV> forms of other profiles are ignored).
    // `fileName` is only used in messages.
    static EnvImportPlan plan(const DotEnvFile &file, const ProfileStore &profiles, const QString &profileGiven,
        const QString &fileName = QString());
    // Reads the file (DotEnv::read), then plans. A file error becomes the plan's error.
    static EnvImportPlan planFile(const QString &path, const ProfileStore &profiles, const QString &profileGiven);

    // Applies a plan without blocking: the secrets go to the keychain first (one after another, through
    // `secrets`), and only when all are stored are the profiles saved and — when none is active — `plan.activate`
    // made active. A keychain failure leaves the settings unchanged. The job finishes with data
    // {"activated": name|null, "created": [names]} (read by EnvImportApplied) or the first error. It keeps its own copy
    // of the secret values and overwrites them when it finishes. `profiles` and `secrets` must outlive the job.
    static Job *apply(
        const EnvImportPlan &plan, ProfileStore *profiles, SecretStore *secrets, QObject *parent = nullptr);
};

} // namespace crossline
