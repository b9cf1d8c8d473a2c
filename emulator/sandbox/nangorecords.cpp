#include "nangorecords.h"

#include "httputil.h"
#include "nangocommon.h"
#include "nangoconnections.h"
#include "seeddata.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUuid>

namespace crossline::sandbox {

namespace {
const QString kContact = QStringLiteral("Contact");
const QString kEmployee = QStringLiteral("Employee");

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A record as GET /records returns it: the model's fields plus _nango_metadata, whose cursor pages past it.
QJsonObject withMetadata(QJsonObject record, int index, const QString &action, const QString &deletedAt = QString())
{
    const QString modified = record.value(QStringLiteral("updated_at")).toString();
    record.insert(QStringLiteral("_nango_metadata"),
        QJsonObject { { QStringLiteral("deleted_at"), deletedAt.isEmpty() ? QJsonValue() : QJsonValue(deletedAt) },
            { QStringLiteral("last_action"), action },
            { QStringLiteral("first_seen_at"), record.value(QStringLiteral("created_at")) },
            { QStringLiteral("last_modified_at"), modified },
            { QStringLiteral("cursor"),
                QString::fromLatin1(QByteArray("rec:" + QByteArray::number(index)).toBase64()) },
            { QStringLiteral("pruned_at"), QJsonValue() } });
    return record;
}

QString modelOf(const QString &integration)
{
    if (integration == QLatin1String("hubspot"))
        return kContact;
    if (integration == QLatin1String("bamboohr-basic"))
        return kEmployee;
    return QString();
}

QString syncOf(const QString &integration)
{
    return integration == QLatin1String("hubspot") ? QStringLiteral("contacts") : QStringLiteral("employees");
}
} // namespace

NangoRecords::NangoRecords(const NangoConnections &connections)
    : m_connections(connections)
{
    QList<QJsonObject> contacts = SeedData::nangoContacts(SeedData::kNangoRecords);
    for (int i = 0; i < contacts.size(); ++i) {
        // Every 50th contact was deleted in HubSpot: Nango keeps it, marked.
        const bool deleted = i % 50 == 49;
        contacts[i] = withMetadata(contacts[i], i, deleted ? QStringLiteral("DELETED") : QStringLiteral("ADDED"),
            deleted ? contacts[i].value(QStringLiteral("updated_at")).toString() : QString());
    }
    QList<QJsonObject> employees = SeedData::nangoEmployees(SeedData::kNangoEmployees);
    for (int i = 0; i < employees.size(); ++i)
        employees[i] = withMetadata(employees[i], i, QStringLiteral("ADDED"));
    m_models.insert(kContact, contacts);
    m_models.insert(kEmployee, employees);
    m_nextContact = 100 + int(contacts.size());
}

std::optional<ServiceReply> NangoRecords::handle(const ServiceRequest &request)
{
    const QString &path = request.path;
    const QByteArray &m = request.method;
    if (m == "GET" && path == QLatin1String("/records"))
        return records(request);
    if (m == "POST" && path == QLatin1String("/action/trigger"))
        return trigger(request);
    if (m == "GET" && path.startsWith(QLatin1String("/action/")))
        return actionResult(path.mid(int(qstrlen("/action/"))));
    static const QString integrations = QStringLiteral("/integrations/");
    if (m == "GET" && path.startsWith(integrations) && path.endsWith(QLatin1String("/functions")))
        return functions(
            path.mid(integrations.size(), path.size() - integrations.size() - int(qstrlen("/functions"))), request);
    if (m == "GET" && path == QLatin1String("/sync/status"))
        return syncStatus(request);
    if (m == "POST" && path == QLatin1String("/sync/trigger"))
        return syncTrigger(request);
    return std::nullopt;
}

std::optional<ServiceReply> NangoRecords::checkConnection(const ServiceRequest &request, QString *integration)
{
    const QString connectionId = QString::fromUtf8(request.header("connection-id"));
    const QString key = QString::fromUtf8(request.header("provider-config-key"));
    QJsonArray issues;
    for (const auto &[name, value] : { std::pair { QStringLiteral("connection-id"), connectionId },
             std::pair { QStringLiteral("provider-config-key"), key } }) {
        if (value.isEmpty())
            issues.append(nango::expected(QStringLiteral("string"), QJsonValue::Undefined, QJsonArray { name }));
    }
    if (!issues.isEmpty())
        return nango::errorWithIssues(400, QStringLiteral("invalid_headers"), issues);
    if (!m_connections.connection(connectionId, key)) {
        return nango::error(400, QStringLiteral("unknown_connection"),
            QStringLiteral("Provided ConnectionId and ProviderConfigKey does not match a valid connection"));
    }
    *integration = key;
    return std::nullopt;
}

ServiceReply NangoRecords::records(const ServiceRequest &request)
{
    QString integration;
    if (const auto refused = checkConnection(request, &integration))
        return *refused;
    const auto query = http::parseQuery(request.query);
    static const QStringList known { QStringLiteral("model"), QStringLiteral("variant"), QStringLiteral("cursor"),
        QStringLiteral("limit"), QStringLiteral("filter"), QStringLiteral("modified_after"), QStringLiteral("delta"),
        QStringLiteral("ids") };
    QStringList unknown;
    for (const auto &item : query) {
        if (!known.contains(item.first) && !unknown.contains(item.first))
            unknown << item.first;
    }
    if (!unknown.isEmpty())
        return nango::errorWithIssues(
            400, QStringLiteral("invalid_query_params"), QJsonArray { nango::unrecognized(unknown) });
    const QString model = http::queryValue(query, QStringLiteral("model"));
    if (model.isEmpty()) {
        return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"),
            QJsonArray { nango::expected(
                QStringLiteral("string"), QJsonValue::Undefined, QJsonArray { QStringLiteral("model") }) });
    }
    int limit = 100;
    if (http::hasQueryKey(query, QStringLiteral("limit"))) {
        bool ok = false;
        limit = http::queryValue(query, QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 10000) {
            return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"),
                QJsonArray { nango::issue(QStringLiteral("too_big"), QStringLiteral("Invalid limit"),
                    QJsonArray { QStringLiteral("limit") }) });
        }
    }
    int from = 0;
    if (http::hasQueryKey(query, QStringLiteral("cursor"))) {
        const QByteArray decoded = QByteArray::fromBase64(http::queryValue(query, QStringLiteral("cursor")).toLatin1());
        bool ok = decoded.startsWith("rec:");
        if (ok)
            from = decoded.mid(4).toInt(&ok) + 1;
        if (!ok)
            return nango::error(400, QStringLiteral("invalid_cursor_value"), QStringLiteral("Invalid cursor"));
    }
    QStringList ids;
    for (const auto &item : query) {
        if (item.first == QLatin1String("ids"))
            ids << item.second;
    }
    const QString filter = http::queryValue(query, QStringLiteral("filter")).toUpper();

    std::lock_guard lock(m_mutex);
    // Only the model the integration's sync saves exists for its connections (an unknown model: an empty list, as
    // Nango answers).
    const QList<QJsonObject> all = model == modelOf(integration) ? m_models.value(model) : QList<QJsonObject>();
    QJsonArray page;
    int last = -1;
    for (int i = from; i < all.size() && page.size() < std::min(limit, MaxPage); ++i) {
        const QJsonObject &r = all.at(i);
        const QJsonObject meta = r.value(QStringLiteral("_nango_metadata")).toObject();
        if (!ids.isEmpty() && !ids.contains(r.value(QStringLiteral("id")).toString()))
            continue;
        if (!filter.isEmpty() && !filter.split(u',').contains(meta.value(QStringLiteral("last_action")).toString()))
            continue;
        page.append(r);
        last = i;
    }
    bool more = false;
    for (int i = last + 1; last >= 0 && i < all.size() && !more; ++i)
        more = ids.isEmpty() || ids.contains(all.at(i).value(QStringLiteral("id")).toString());
    const QJsonValue next = more
        ? QJsonValue(
            page.last().toObject().value(QStringLiteral("_nango_metadata")).toObject().value(QStringLiteral("cursor")))
        : QJsonValue();
    return http::json(
        200, QJsonObject { { QStringLiteral("records"), page }, { QStringLiteral("next_cursor"), next } });
}

ServiceReply NangoRecords::trigger(const ServiceRequest &request)
{
    QString integration;
    if (const auto refused = checkConnection(request, &integration))
        return *refused;
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString name = body.value(QStringLiteral("action_name")).toString();
    if (name.isEmpty()) {
        return nango::errorWithIssues(400, QStringLiteral("invalid_body"),
            QJsonArray { nango::expected(
                QStringLiteral("string"), QJsonValue::Undefined, QJsonArray { QStringLiteral("action_name") }) });
    }
    if (integration != QLatin1String("hubspot") || name != QLatin1String("create-contact"))
        return nango::error(404, QStringLiteral("not_found"), QStringLiteral("Action '%1' not found").arg(name));
    const QJsonObject input = body.value(QStringLiteral("input")).toObject();
    const QString email = input.value(QStringLiteral("email")).toString();
    if (email.startsWith(QLatin1String("exists@"))) {
        // The provider call inside the action failed: Nango passes HubSpot's own status and body along.
        return http::json(424,
            QJsonObject { { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), QStringLiteral("script_http_error") },
                    { QStringLiteral("message"), QStringLiteral("An error occurred during an HTTP call") },
                    { QStringLiteral("payload"), QJsonObject {} },
                    { QStringLiteral("upstream"),
                        QJsonObject { { QStringLiteral("status"), 409 },
                            { QStringLiteral("body"),
                                QJsonObject { { QStringLiteral("status"), QStringLiteral("error") },
                                    { QStringLiteral("message"),
                                        QStringLiteral("Contact already exists. Existing ID: 51") },
                                    { QStringLiteral("category"), QStringLiteral("CONFLICT") } } } } } } } });
    }
    QJsonObject contact = input;
    {
        std::lock_guard lock(m_mutex);
        QList<QJsonObject> &contacts = m_models[kContact];
        const QString now = http::isoTimestamp(QDateTime::currentDateTimeUtc());
        contact.insert(QStringLiteral("id"), QStringLiteral("contact_%1").arg(m_nextContact++));
        contact.insert(QStringLiteral("created_at"), now);
        contact.insert(QStringLiteral("updated_at"), now);
        // The action writes to HubSpot; the record appears once the sync runs (here: at once, as after a sync).
        contacts.append(withMetadata(contact, int(contacts.size()), QStringLiteral("ADDED")));
    }
    if (request.header("x-async").trimmed().toLower() == "true") {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        std::lock_guard lock(m_mutex);
        m_actions.insert(id, Pending { nowMs() + 300, contact });
        ServiceReply reply = http::json(202,
            QJsonObject { { QStringLiteral("id"), id },
                { QStringLiteral("statusUrl"), QString(QStringLiteral("/action/") + id) } });
        reply.headers.append({ QByteArrayLiteral("Location"), QByteArray("/action/" + id.toLatin1()) });
        return reply;
    }
    return http::json(200, contact);
}

ServiceReply NangoRecords::actionResult(const QString &id)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_actions.constFind(id);
    if (it == m_actions.cend() || it->readyAtMs > nowMs())
        return nango::error(404, QStringLiteral("not_found"), QStringLiteral("No action '%1' found").arg(id));
    return http::json(200, it->output);
}

ServiceReply NangoRecords::functions(const QString &integration, const ServiceRequest &request)
{
    const QString model = modelOf(integration);
    if (model.isEmpty()) {
        return nango::error(404, QStringLiteral("unknown_provider_config"),
            QStringLiteral("Provider config %1 not found").arg(integration));
    }
    const QString type = http::queryValue(http::parseQuery(request.query), QStringLiteral("type"));
    // DeployedNangoFunction: the function (NangoSyncFunction / NangoActionFunction) plus its deployment
    // (DeployedMeta: id, enabled, last_deployed, source).
    const QString deployed = QStringLiteral("2026-10-01T09:00:00.000Z");
    QJsonArray data;
    if (type.isEmpty() || type == QLatin1String("sync")) {
        data.append(QJsonObject { { QStringLiteral("id"), integration == QLatin1String("hubspot") ? 11 : 21 },
            { QStringLiteral("name"), syncOf(integration) }, { QStringLiteral("type"), QStringLiteral("sync") },
            { QStringLiteral("returns"), QJsonArray { model } }, { QStringLiteral("json_schema"), QJsonValue() },
            { QStringLiteral("runs"), QStringLiteral("every hour") }, { QStringLiteral("auto_start"), true },
            { QStringLiteral("track_deletes"), true }, { QStringLiteral("enabled"), true },
            { QStringLiteral("last_deployed"), deployed }, { QStringLiteral("source"), QStringLiteral("catalog") } });
    }
    if ((type.isEmpty() || type == QLatin1String("action")) && integration == QLatin1String("hubspot")) {
        data.append(QJsonObject { { QStringLiteral("id"), 12 },
            { QStringLiteral("name"), QStringLiteral("create-contact") },
            { QStringLiteral("type"), QStringLiteral("action") }, { QStringLiteral("returns"), QJsonArray { model } },
            { QStringLiteral("json_schema"), QJsonValue() }, { QStringLiteral("enabled"), true },
            { QStringLiteral("last_deployed"), deployed }, { QStringLiteral("source"), QStringLiteral("catalog") } });
    }
    return http::json(200,
        QJsonObject { { QStringLiteral("data"), data },
            { QStringLiteral("pagination"),
                QJsonObject { { QStringLiteral("total"), data.size() }, { QStringLiteral("page"), 0 },
                    { QStringLiteral("limit"), 20 } } } });
}

ServiceReply NangoRecords::syncStatus(const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    const QString integration = http::queryValue(query, QStringLiteral("provider_config_key"));
    const QString connectionId = http::queryValue(query, QStringLiteral("connection_id"));
    if (integration.isEmpty() || !http::hasQueryKey(query, QStringLiteral("syncs"))) {
        return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"),
            QJsonArray { nango::expected(QStringLiteral("string"), QJsonValue::Undefined,
                QJsonArray {
                    integration.isEmpty() ? QStringLiteral("provider_config_key") : QStringLiteral("syncs") }) });
    }
    if (modelOf(integration).isEmpty())
        return nango::error(404, QStringLiteral("unknown_provider_config"));
    const QString sync = syncOf(integration);
    const QString wanted = http::queryValue(query, QStringLiteral("syncs"));
    QJsonArray syncs;
    if (wanted == QLatin1String("*") || wanted.split(u',').contains(sync)) {
        std::lock_guard lock(m_mutex);
        const qint64 finished = m_lastSyncMs.value(
            sync, QDateTime(QDate(2026, 11, 30), QTime(8, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        const bool running = finished > nowMs();
        const QString model = modelOf(integration);
        syncs.append(QJsonObject { { QStringLiteral("id"), QString(QStringLiteral("sync-") + sync) },
            { QStringLiteral("connection_id"), connectionId.isEmpty() ? QStringLiteral("hubspot-acme") : connectionId },
            { QStringLiteral("name"), sync }, { QStringLiteral("variant"), QStringLiteral("base") },
            { QStringLiteral("status"), running ? QStringLiteral("RUNNING") : QStringLiteral("SUCCESS") },
            { QStringLiteral("finishedAt"),
                http::isoTimestamp(QDateTime::fromMSecsSinceEpoch(std::min(finished, nowMs()), QTimeZone::utc())) },
            { QStringLiteral("nextScheduledSyncAt"),
                http::isoTimestamp(
                    QDateTime::fromMSecsSinceEpoch(std::max(finished, nowMs()), QTimeZone::utc()).addSecs(3600)) },
            { QStringLiteral("frequency"), QStringLiteral("every hour") },
            { QStringLiteral("latestResult"),
                QJsonObject { { model,
                    QJsonObject { { QStringLiteral("added"), 0 }, { QStringLiteral("updated"), 0 },
                        { QStringLiteral("deleted"), 0 } } } } },
            { QStringLiteral("recordCount"), QJsonObject { { model, int(m_models.value(model).size()) } } },
            { QStringLiteral("checkpoint"), QJsonValue() } });
    }
    return http::json(200, QJsonObject { { QStringLiteral("syncs"), syncs } });
}

ServiceReply NangoRecords::syncTrigger(const ServiceRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString integration = body.value(QStringLiteral("provider_config_key")).toString();
    if (integration.isEmpty() || !body.value(QStringLiteral("syncs")).isArray()) {
        return nango::errorWithIssues(400, QStringLiteral("invalid_body"),
            QJsonArray { nango::expected(QStringLiteral("string"), QJsonValue::Undefined,
                QJsonArray {
                    integration.isEmpty() ? QStringLiteral("provider_config_key") : QStringLiteral("syncs") }) });
    }
    if (modelOf(integration).isEmpty())
        return nango::error(404, QStringLiteral("unknown_provider_config"));
    std::lock_guard lock(m_mutex);
    m_lastSyncMs.insert(syncOf(integration), nowMs() + 1500); // running for a moment, then finished
    return http::json(200, QJsonObject { { QStringLiteral("success"), true } });
}

} // namespace crossline::sandbox
