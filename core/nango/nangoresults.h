#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

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

} // namespace crossline
