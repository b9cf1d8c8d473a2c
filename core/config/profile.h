#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace crossline {

// Where one resource lives on a real Nango: the integration and connection whose sync saves it, the sync's model,
// and (for resources that can be created) the action that creates one. Empty model/action: the defaults.
struct RecordsMapping
{
    QString integration; // provider config key, e.g. "hubspot"
    QString connectionId;
    QString model; // e.g. "Contact"
    QString createAction; // e.g. "create-contact"; empty where nothing can be created

    bool isComplete() const { return !integration.isEmpty() && !connectionId.isEmpty() && !model.isEmpty(); }
    friend bool operator==(const RecordsMapping &, const RecordsMapping &) = default;
};

// The non-secret half of a named environment ("dev", "prod"). Its secrets live in the keychain under
// "<name>/nango-key" etc. (SecretStore), never here.
struct Profile
{
    Q_DECLARE_TR_FUNCTIONS(Profile)
public:
    QString name; // "default", "dev", "prod" … ([A-Za-z0-9_-]{1,40})
    QUrl nangoBase; // empty = not set
    QUrl panoraUrl; // empty = not set
    // Where contacts and employees come from on Nango: the original backend's compatible paths (/crm/contacts,
    // /hris/employees on the Nango base URL), or real Nango's syncs and actions (GET /records, POST /action/trigger).
    enum class NangoMapping
    {
        CompatiblePaths,
        RecordsAndActions
    };
    NangoMapping nangoMapping = NangoMapping::CompatiblePaths;
    // With RecordsAndActions: contacts (model Contact, action create-contact by default) and employees (model
    // Employee).
    RecordsMapping crmRecords { {}, {}, QStringLiteral("Contact"), QStringLiteral("create-contact") };
    RecordsMapping hrRecords { {}, {}, QStringLiteral("Employee"), {} };
    bool production = false; // sends through it need confirmation / --yes
    bool allowInsecureHttp = false; // plain http:// to non-loopback hosts allowed
    bool panoraBearerAuth = false; // send Panora's key as Authorization: Bearer too (builds before August 2024)

    // Name upper-cased with '-' → '_': "prod" → "PROD" (for NANGO_SECRET_KEY_PROD).
    QString envSuffix() const { return envSuffixFor(name); }
    static QString envSuffixFor(const QString &name);
    static bool isValidName(const QString &name);

    // Checks the name and both URLs (see validateUrl). Field names: "name", "nangoBase", "panoraUrl".
    Error validate() const;
    // An http(s) URL with a host and no user info (credentials would end up in the settings file), query or
    // fragment. Empty is fine (not set).
    static Error validateUrl(const QUrl &url, const QString &field);
    // The same for a URL as typed (a flag, a variable): the message shows what was typed, user info hidden, even when
    // it does not parse (a parsed invalid URL has no text left to show).
    static Error validateUrl(const QString &typed, const QString &field);
    // Trims and removes trailing '/' from the path: "https://x.dev/" → "https://x.dev".
    static QString normalizedUrl(const QString &url);
    static QUrl normalizedUrl(const QUrl &url);

    // Stable spelling for settings and the CLI: "compatible-paths", "records-and-actions".
    static QString mappingKey(NangoMapping mapping);
    static std::optional<NangoMapping> mappingFromKey(const QString &key);

    friend bool operator==(const Profile &, const Profile &) = default;
};

} // namespace crossline
