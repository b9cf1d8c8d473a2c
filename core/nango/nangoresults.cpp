#include "nango/nangoresults.h"

#include <QJsonArray>

namespace crossline {

namespace {

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace

ImportedConnection ImportedConnection::fromData(const QJsonValue &data)
{
    ImportedConnection c;
    c.summary = data.toObject();
    c.connectionId = text(c.summary, "connection_id");
    c.providerConfigKey = text(c.summary, "provider_config_key");
    c.provider = text(c.summary, "provider");
    c.verified = c.summary.value(QLatin1String("verified")).toBool();
    c.endpoint = text(c.summary, "endpoint");
    return c;
}

QList<SyncState> SyncState::listFromData(const QJsonValue &data)
{
    QList<SyncState> out;
    for (const QJsonValue &v : data.toObject().value(QLatin1String("syncs")).toArray()) {
        const QJsonObject o = v.toObject();
        SyncState s;
        s.name = text(o, "name");
        s.connectionId = text(o, "connection_id");
        s.status = text(o, "status");
        s.finishedAt = text(o, "finishedAt");
        s.nextScheduledSyncAt = text(o, "nextScheduledSyncAt");
        const QJsonObject counts = o.value(QLatin1String("recordCount")).toObject();
        for (auto it = counts.begin(); it != counts.end(); ++it)
            s.recordCount.append({ it.key(), it.value().toInteger() });
        out.append(s);
    }
    return out;
}

QList<NangoFunction> NangoFunction::listFromData(const QJsonValue &data)
{
    QList<NangoFunction> out;
    for (const QJsonValue &v : data.toObject().value(QLatin1String("data")).toArray()) {
        const QJsonObject o = v.toObject();
        NangoFunction f;
        f.name = text(o, "name");
        f.type = text(o, "type");
        for (const QJsonValue &m : o.value(QLatin1String("returns")).toArray()) {
            if (m.isString() && !m.toString().isEmpty())
                f.models << m.toString();
        }
        f.runs = text(o, "runs");
        f.enabled = o.value(QLatin1String("enabled")).toBool(true);
        if (!f.name.isEmpty())
            out.append(f);
    }
    return out;
}

QStringList NangoFunction::syncModels(const QList<NangoFunction> &functions)
{
    QStringList models;
    for (const NangoFunction &f : functions) {
        if (!f.isSync())
            continue;
        for (const QString &m : f.models) {
            if (!models.contains(m))
                models << m;
        }
    }
    return models;
}

QStringList NangoFunction::actionNames(const QList<NangoFunction> &functions)
{
    QStringList names;
    for (const NangoFunction &f : functions) {
        if (f.isAction())
            names << f.name;
    }
    return names;
}

} // namespace crossline
