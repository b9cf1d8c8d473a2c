// NangoClient's side of a real Nango deployment: synced records (GET /records), actions (POST /action/trigger and
// GET /action/{id}), the functions an integration has deployed, and sync status/trigger.
#include "nango/nangoclient.h"

#include <algorithm>
#include <functional>
#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace crossline {

HttpRequest NangoClient::connectionRequest(const QByteArray &method, const QByteArray &encodedPath,
    const QString &providerConfigKey, const QString &connectionId, const QueryItems &query) const
{
    HttpRequest r = request(method, encodedPath, query); // with the secret key
    r.setHeader(QByteArrayLiteral("Connection-Id"), connectionId.toUtf8());
    r.setHeader(QByteArrayLiteral("Provider-Config-Key"), providerConfigKey.toUtf8());
    return r;
}

Expected<RecordsMapping> NangoClient::recordsMapping(const QString &resource, const RecordsMapping &given) const
{
    RecordsMapping m = m_config.records.value(resource);
    for (auto [field, value] :
        { std::pair { &m.integration, given.integration }, std::pair { &m.connectionId, given.connectionId },
            std::pair { &m.model, given.model }, std::pair { &m.createAction, given.createAction } }) {
        if (!value.isEmpty())
            *field = value;
    }
    if (m.model.isEmpty())
        m.model = resource == QLatin1String("hr.employee") ? QStringLiteral("Employee") : QStringLiteral("Contact");
    if (m.integration.isEmpty() || m.connectionId.isEmpty()) {
        const bool hr = resource == QLatin1String("hr.employee");
        return Error::config(tr("The profile maps %1 to Nango's synced records but names no %2.")
                                 .arg(resource, m.integration.isEmpty() ? tr("integration") : tr("connection")),
            hr ? tr("Set it: crossline-cli profile set NAME --hr-integration=KEY --hr-connection=ID (nango functions "
                    "--providerConfigKey=KEY lists the models its syncs save).")
               : tr("Set it: crossline-cli profile set NAME --crm-integration=KEY --crm-connection=ID (nango functions "
                    "--providerConfigKey=KEY lists the models its syncs save)."));
    }
    return m;
}

Expected<HttpRequest> NangoClient::planRecords(const RecordsQuery &q) const
{
    if (q.providerConfigKey.isEmpty() || q.connectionId.isEmpty())
        return Error::validation(QStringLiteral("providerConfigKey"),
            tr("Synced records belong to a connection: give both providerConfigKey and connectionId."));
    if (const Error e = checkConnectionRef(q.providerConfigKey, q.connectionId))
        return e;
    if (q.model.isEmpty())
        return Error::validation(QStringLiteral("model"),
            tr("Give the sync's model, e.g. Contact (nango functions lists what each sync returns)."));
    if (q.limit < 1 || q.limit > 10000)
        return Error::validation(QStringLiteral("limit"), tr("limit must be from 1 to 10000 for Nango's records."));
    if (q.ids.size() > 100)
        return Error::validation(QStringLiteral("ids"), tr("Nango takes at most 100 ids at once."));
    for (const QString &f : q.filter.split(u',', Qt::SkipEmptyParts)) {
        const QString v = f.trimmed().toLower();
        if (v != QLatin1String("added") && v != QLatin1String("updated") && v != QLatin1String("deleted"))
            return Error::validation(QStringLiteral("filter"),
                tr("filter takes added, updated or deleted (comma-separated), not \"%1\".").arg(f));
    }
    QueryItems query { { QStringLiteral("model"), q.model }, { QStringLiteral("limit"), QString::number(q.limit) } };
    if (!q.cursor.isEmpty())
        query.append({ QStringLiteral("cursor"), q.cursor });
    for (const QString &id : q.ids)
        query.append({ QStringLiteral("ids"), id });
    if (!q.filter.isEmpty())
        query.append({ QStringLiteral("filter"), q.filter.toLower() });
    if (!q.modifiedAfter.isEmpty())
        query.append({ QStringLiteral("modified_after"), q.modifiedAfter });
    return checked(connectionRequest("GET", "/records", q.providerConfigKey, q.connectionId, query));
}

Job *NangoClient::listRecords(const RecordsQuery &query)
{
    return m_http->send(planRecords(query));
}

Expected<HttpRequest> NangoClient::planAction(const ActionCall &call) const
{
    if (call.providerConfigKey.isEmpty() || call.connectionId.isEmpty())
        return Error::validation(QStringLiteral("providerConfigKey"),
            tr("An action runs for a connection: give both providerConfigKey and connectionId."));
    if (const Error e = checkConnectionRef(call.providerConfigKey, call.connectionId))
        return e;
    if (call.name.isEmpty())
        return Error::validation(QStringLiteral("name"), tr("Give the action's name, e.g. create-contact."));
    HttpRequest r = connectionRequest("POST", "/action/trigger", call.providerConfigKey, call.connectionId);
    r.setJsonBody(QJsonDocument(
        QJsonObject { { QStringLiteral("action_name"), call.name }, { QStringLiteral("input"), call.input } }));
    if (call.async)
        r.setHeader(QByteArrayLiteral("X-Async"), QByteArrayLiteral("true"));
    r.idempotent = false;
    r.unknownOutcomeHint
        = tr("The action may have run: check its effect (e.g. search for the record) before triggering it again.");
    return checked(r);
}

// Triggers an action; when Nango runs it asynchronously (202 + id), asks GET /action/{id} until the output is there
// (404 not_found means "not finished yet"), at most NangoClient::actionWaitMs().
class ActionJob : public Job
{
public:
    ActionJob(NangoClient *client, const ActionCall &call)
        : Job(client)
        , m_client(client)
    {
        m_clock.start();
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ActionJob::poll);
        follow(client->m_http->send(client->planAction(call)), true);
    }

    void abort() override
    {
        m_timer.stop();
        if (m_inner)
            m_inner->abort(); // finishes through follow()
        else
            finish(Result::failure(Error::make(Error::Kind::Cancelled, tr("Cancelled."))));
    }

private:
    void follow(Job *job, bool trigger)
    {
        m_inner = job;
        connect(job, &Job::finished, this, [this, trigger](const Result &r) {
            m_inner = nullptr;
            if (trigger)
                triggered(r);
            else
                polled(r);
        });
    }

    void triggered(const Result &r)
    {
        m_id = r.data.toObject().value(QLatin1String("id")).toString();
        if (!r.ok() || r.httpStatus != 202 || m_id.isEmpty()) {
            finish(r);
            return;
        }
        m_timer.start(500);
    }

    void poll()
    {
        HttpRequest get = m_client->request("GET", "/action/" + UrlBuilder::segment(m_id));
        follow(m_client->m_http->send(m_client->checked(get)), false);
    }

    void polled(const Result &r)
    {
        const bool notYet = r.httpStatus == 404 && r.error.code == QLatin1String("not_found");
        if (!notYet) {
            finish(r);
            return;
        }
        if (m_clock.elapsed() + 500 > NangoClient::actionWaitMs()) {
            Result late = r;
            late.error = Error::make(Error::Kind::Timeout,
                tr("The action %1 was accepted but had not finished after %2 s.")
                    .arg(m_id)
                    .arg(NangoClient::actionWaitMs() / 1000),
                tr("It may still finish: check its effect later before triggering it again."));
            late.error.code = QLatin1String(Error::OutcomeUnknown);
            finish(late);
            return;
        }
        m_timer.start(500);
    }

    QPointer<NangoClient> m_client;
    QPointer<Job> m_inner;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QString m_id;
};

Job *NangoClient::triggerAction(const ActionCall &call)
{
    return new ActionJob(this, call);
}

namespace {

// listFunctions' pages, one after the other, into one list. A failed page fails the whole: a partial list would hide
// functions without saying so.
struct GatheredFunctions
{
    QJsonArray data;
    int page = 0;
};

Job *gatherFunctions(
    NangoClient *client, const std::function<Job *(int)> &page, const std::shared_ptr<GatheredFunctions> &gathered)
{
    return Job::chain(
        page(gathered->page),
        [client, page, gathered](const Result &r) -> Job * {
            if (!r.ok())
                return nullptr;
            const QJsonObject answer = r.data.toObject();
            const QJsonArray items = answer.value(QLatin1String("data")).toArray();
            for (const QJsonValue &v : items)
                gathered->data.append(v);
            const qint64 total
                = answer.value(QLatin1String("pagination")).toObject().value(QLatin1String("total")).toInteger(-1);
            // Another page while the total says some are missing; never on an empty page (a server whose total
            // is wrong would loop), never past 100 pages.
            constexpr int MaxPages = 100;
            if (total > gathered->data.size() && !items.isEmpty() && gathered->page + 1 < MaxPages) {
                ++gathered->page;
                return gatherFunctions(client, page, gathered);
            }
            return Job::finishedJob(
                Result::success(QJsonObject { { QStringLiteral("data"), gathered->data },
                                    { QStringLiteral("pagination"),
                                        QJsonObject { { QStringLiteral("total"), std::max<qint64>(total, 0) },
                                            { QStringLiteral("pages"), gathered->page + 1 } } } },
                    r.httpStatus),
                client);
        },
        client);
}

} // namespace

Job *NangoClient::listFunctions(const QString &providerConfigKey, const QString &type, int pageSize)
{
    const Expected<QByteArray> key = UrlBuilder::idSegment(QStringLiteral("providerConfigKey"), providerConfigKey);
    if (!key)
        return Job::finishedJob(Result::failure(key.error()), this);
    if (const Error e = checkProviderConfigKey(providerConfigKey))
        return Job::finishedJob(Result::failure(e), this);
    pageSize = std::clamp(pageSize, 1, 100);
    const QByteArray path = "/integrations/" + *key + "/functions";
    const auto page = [this, path, type, pageSize](int n) {
        QueryItems query;
        if (!type.isEmpty())
            query.append({ QStringLiteral("type"), type });
        query.append({ QStringLiteral("page"), QString::number(n) });
        query.append({ QStringLiteral("limit"), QString::number(pageSize) });
        return send(request("GET", path, query));
    };
    return gatherFunctions(this, page, std::make_shared<GatheredFunctions>());
}

Job *NangoClient::syncStatus(const QString &providerConfigKey, const QString &connectionId, const QStringList &syncs)
{
    if (providerConfigKey.isEmpty())
        return Job::finishedJob(Result::failure(Error::validation(QStringLiteral("providerConfigKey"),
                                    tr("Give the integration (providerConfigKey) whose syncs to show."))),
            this);
    if (const Error e = connectionId.isEmpty() ? checkProviderConfigKey(providerConfigKey)
                                               : checkConnectionRef(providerConfigKey, connectionId))
        return Job::finishedJob(Result::failure(e), this);
    QueryItems query { { QStringLiteral("provider_config_key"), providerConfigKey },
        { QStringLiteral("syncs"), syncs.isEmpty() ? QStringLiteral("*") : syncs.join(u',') } };
    if (!connectionId.isEmpty())
        query.append({ QStringLiteral("connection_id"), connectionId });
    HttpRequest r = request("GET", "/sync/status", query);
    return send(r);
}

Job *NangoClient::triggerSync(const QString &providerConfigKey, const QString &connectionId, const QStringList &syncs)
{
    if (providerConfigKey.isEmpty())
        return Job::finishedJob(Result::failure(Error::validation(QStringLiteral("providerConfigKey"),
                                    tr("Give the integration (providerConfigKey) whose syncs to run."))),
            this);
    if (const Error e = connectionId.isEmpty() ? checkProviderConfigKey(providerConfigKey)
                                               : checkConnectionRef(providerConfigKey, connectionId))
        return Job::finishedJob(Result::failure(e), this);
    if (syncs.isEmpty()) {
        // Nango's text says an empty list runs every sync, but its schema (a oneOf of a list of names and a list of
        // {name, variant}) cannot tell which list an empty one is: name them, from the sync status.
        return Job::chain(
            syncStatus(providerConfigKey, connectionId, {}),
            [this, providerConfigKey, connectionId](const Result &status) -> Job * {
                if (!status.ok())
                    return nullptr;
                QStringList names;
                for (const QJsonValue &s : status.data.toObject().value(QLatin1String("syncs")).toArray()) {
                    const QString name = s.toObject().value(QLatin1String("name")).toString();
                    if (!name.isEmpty() && !names.contains(name))
                        names << name;
                }
                if (names.isEmpty()) {
                    Result none = status;
                    none.error = Error::validation(QStringLiteral("sync"),
                        tr("%1 has no sync for this connection: nothing to run.").arg(providerConfigKey));
                    return Job::finishedJob(none, this);
                }
                return triggerSync(providerConfigKey, connectionId, names);
            },
            this);
    }
    QJsonObject body { { QStringLiteral("provider_config_key"), providerConfigKey },
        { QStringLiteral("syncs"), QJsonArray::fromStringList(syncs) } };
    if (!connectionId.isEmpty())
        body.insert(QStringLiteral("connection_id"), connectionId);
    HttpRequest r = request("POST", "/sync/trigger");
    r.setJsonBody(QJsonDocument(body));
    return send(r);
}

} // namespace crossline
