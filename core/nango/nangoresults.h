#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace crossline {

// The answers of NangoClient's jobs that pages and commands act on, read once here so that no caller digs into
// JSON. Each reader takes the job's Result::data of a successful job.

// importConnection's answer: which connection Nango saved and whether it tested the credential first.
struct ImportedConnection
{
    QString connectionId;
    QString providerConfigKey;
    QString provider; // Nango's provider name ("whatsapp-business"), when its answer gave one
    bool verified = false; // Nango tested the credential with the provider before saving it (POST /connections)
    QString endpoint; // "POST /connections" or the legacy "POST /connection"
    QJsonObject summary; // all of the above as JSON, for --json output; never a credential

    static ImportedConnection fromData(const QJsonValue &data);
};

// One sync of a connection, as GET /sync/status reports it. Times are Nango's ISO 8601 texts, empty when never.
struct SyncState
{
    QString name;
    QString connectionId;
    QString status; // "SUCCESS", "RUNNING", "PAUSED", "ERROR", "STOPPED"
    QString finishedAt;
    QString nextScheduledSyncAt;
    QList<QPair<QString, qint64>> recordCount; // per model, in Nango's order

    static QList<SyncState> listFromData(const QJsonValue &data); // {"syncs": [...]}
};

// One function deployed to an integration, as GET /integrations/{key}/functions lists it (listFunctions).
struct NangoFunction
{
    QString name;
    QString type; // "sync", "action" or "on-event"
    QStringList models; // the models it returns (a sync's records, an action's output)
    QString runs; // a sync's schedule ("every hour"), empty otherwise
    bool enabled = true;

    bool isSync() const { return type == QLatin1String("sync"); }
    bool isAction() const { return type == QLatin1String("action"); }

    static QList<NangoFunction> listFromData(const QJsonValue &data); // {"data": [...]}
    // The models the syncs among `functions` save, each once, in Nango's order.
    static QStringList syncModels(const QList<NangoFunction> &functions);
    // The names of the actions among `functions`.
    static QStringList actionNames(const QList<NangoFunction> &functions);
};

} // namespace crossline
