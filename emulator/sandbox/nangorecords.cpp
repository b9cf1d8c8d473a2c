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

#include <tuple>

namespace crossline::sandbox {

namespace {
const QString kContact = QStringLiteral("Contact");
const QString kEmployee = QStringLiteral("Employee");
const QString kCompany = QStringLiteral("Company");

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The syncs deployed in the sandbox, in the order Nango lists them: the integration, the sync, the model it saves.
struct SyncDef
{
    QLatin1String integration;
    QLatin1String sync;
    const QString &model;
};
const SyncDef kSyncs[] = {
    { QLatin1String("hubspot"), QLatin1String("contacts"), kContact },
    { QLatin1String("hubspot"), QLatin1String("companies"), kCompany },
    { QLatin1String("bamboohr-basic"), QLatin1String("employees"), kEmployee },
};

QList<const SyncDef *> syncsOf(const QString &integration)
{
    QList<const SyncDef *> out;
    for (const SyncDef &d : kSyncs) {
        if (integration == d.integration)
            out << &d;
    }
    return out;
}

bool knownIntegration(const QString &integration)
{
    return !syncsOf(integration).isEmpty();
}

bool savesModel(const QString &integration, const QString &model)
{
    for (const SyncDef *d : syncsOf(integration)) {
        if (d->model == model)
            return true;
    }
    return false;
}

// A seeded company: {"id":"company_<i>","name":…,"domain":…,"industry":…} and its _nango_metadata.
void appendCompany(QByteArray &out, int i, const SeedData::RecordMeta &meta)
{
    static const char *const industries[] = { "Software", "Retail", "Logistics", "Health care", "Finance" };
    const QJsonObject company { { QStringLiteral("id"), QStringLiteral("company_%1").arg(100 + i) },
        { QStringLiteral("name"), QStringLiteral("Company %1").arg(i + 1) },
        { QStringLiteral("domain"), QStringLiteral("company%1.example").arg(i + 1) },
        { QStringLiteral("industry"), QLatin1String(industries[i % 5]) } };
    SeedData::appendJson(out, SeedData::withRecordMetadata(company, meta.index, meta.deleted));
}
} // namespace

NangoRecords::NangoRecords(const NangoConnections &connections, int contacts, int employees)
    : m_connections(connections)
    , m_nextContact(100 + std::max(0, contacts))
{
    m_models.insert(kContact, Model { Model::Kind::Contact, std::max(0, contacts), {} });
    m_models.insert(kEmployee, Model { Model::Kind::Employee, std::max(0, employees), {} });
    m_models.insert(kCompany, Model { Model::Kind::Company, SeedData::kNangoCompanies, {} });
}

QString NangoRecords::Model::id(qsizetype i) const
{
    if (i >= seeded)
        return created.at(i - seeded).value(QStringLiteral("id")).toString();
    switch (kind) {
    case Kind::Contact:
        return SeedData::nangoContactId(int(i));
    case Kind::Employee:
        return SeedData::nangoEmployeeId(int(i));
    case Kind::Company:
        break;
    }
    return QStringLiteral("company_%1").arg(100 + i);
}

// Every 50th seeded contact was deleted in HubSpot: Nango keeps it, marked.
static bool seededDeleted(bool contact, qsizetype i)
{
    return contact && i % 50 == 49;
}

QString NangoRecords::Model::lastAction(qsizetype i) const
{
    if (i >= seeded) {
        return created.at(i - seeded)
            .value(QStringLiteral("_nango_metadata"))
            .toObject()
            .value(QStringLiteral("last_action"))
            .toString();
    }
    return seededDeleted(kind == Kind::Contact, i) ? QStringLiteral("DELETED") : QStringLiteral("ADDED");
}

void NangoRecords::Model::append(QByteArray &out, qsizetype i) const
{
    if (i >= seeded) {
        SeedData::appendJson(out, created.at(i - seeded));
        return;
    }
    const SeedData::RecordMeta meta { int(i), seededDeleted(kind == Kind::Contact, i) };
    switch (kind) {
    case Kind::Contact:
        SeedData::appendNangoContact(out, int(i), &meta);
        break;
    case Kind::Employee:
        SeedData::appendNangoEmployee(out, int(i), &meta);
        break;
    case Kind::Company:
        appendCompany(out, int(i), meta);
        break;
    }
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
    // Only the models the integration's syncs save exist for its connections (an unknown model: an empty list, as
    // Nango answers).
    static const Model none;
    const auto found = savesModel(integration, model) ? m_models.constFind(model) : m_models.cend();
    const Model &all = found == m_models.cend() ? none : *found;
    QByteArray items;
    int count = 0;
    qsizetype last = -1;
    for (qsizetype i = std::max(from, 0); i < all.size() && count < std::min(limit, MaxPage); ++i) {
        if (!ids.isEmpty() && !ids.contains(all.id(i)))
            continue;
        if (!filter.isEmpty() && !filter.split(u',').contains(all.lastAction(i)))
            continue;
        if (count++ > 0)
            items += ',';
        all.append(items, i);
        last = i;
    }
    bool more = false;
    for (qsizetype i = last + 1; last >= 0 && i < all.size() && !more; ++i)
        more = ids.isEmpty() || ids.contains(all.id(i));
    // {records, next_cursor} as a QJsonObject writes it (keys sorted); the cursor is the last record's.
    QByteArray body = "{\"next_cursor\":";
    if (more)
        body += '"' + QByteArray("rec:" + QByteArray::number(last)).toBase64() + '"';
    else
        body += "null";
    body += ",\"records\":[" + items + "]}";
    return http::rawJson(200, body);
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
        Model &contacts = m_models[kContact];
        const QString now = http::isoTimestamp(QDateTime::currentDateTimeUtc());
        contact.insert(QStringLiteral("id"), QStringLiteral("contact_%1").arg(m_nextContact++));
        contact.insert(QStringLiteral("created_at"), now);
        contact.insert(QStringLiteral("updated_at"), now);
        // The action writes to HubSpot; the record appears once the sync runs (here: at once, as after a sync).
        contacts.created.append(SeedData::withRecordMetadata(contact, int(contacts.size()), false));
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
    if (!knownIntegration(integration)) {
        return nango::error(404, QStringLiteral("unknown_provider_config"),
            QStringLiteral("Provider config %1 not found").arg(integration));
    }
    const auto query = http::parseQuery(request.query);
    const QString type = http::queryValue(query, QStringLiteral("type"));
    // page (from 0) and limit (1–100, default 20), as Nango pages its functions.
    int page = 0;
    int limit = 20;
    for (auto [name, value, min, max] : { std::tuple { QStringLiteral("page"), &page, 0, 1000000 },
             std::tuple { QStringLiteral("limit"), &limit, 1, 100 } }) {
        if (!http::hasQueryKey(query, name))
            continue;
        bool ok = false;
        *value = http::queryValue(query, name).toInt(&ok);
        if (!ok || *value < min || *value > max) {
            return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"),
                QJsonArray { nango::issue(
                    QStringLiteral("invalid_type"), QStringLiteral("Invalid %1").arg(name), QJsonArray { name }) });
        }
    }
    // DeployedNangoFunction: the function (NangoSyncFunction / NangoActionFunction) plus its deployment
    // (DeployedMeta: id, enabled, last_deployed, source).
    const QString deployed = QStringLiteral("2026-10-01T09:00:00.000Z");
    QJsonArray all;
    int id = 10;
    for (const SyncDef &d : kSyncs) {
        ++id;
        if (integration != d.integration || !(type.isEmpty() || type == QLatin1String("sync")))
            continue;
        all.append(QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("name"), QString(d.sync) },
            { QStringLiteral("type"), QStringLiteral("sync") }, { QStringLiteral("returns"), QJsonArray { d.model } },
            { QStringLiteral("json_schema"), QJsonValue() }, { QStringLiteral("runs"), QStringLiteral("every hour") },
            { QStringLiteral("auto_start"), true }, { QStringLiteral("track_deletes"), true },
            { QStringLiteral("enabled"), true }, { QStringLiteral("last_deployed"), deployed },
            { QStringLiteral("source"), QStringLiteral("catalog") } });
    }
    if ((type.isEmpty() || type == QLatin1String("action")) && integration == QLatin1String("hubspot")) {
        all.append(
            QJsonObject { { QStringLiteral("id"), 20 }, { QStringLiteral("name"), QStringLiteral("create-contact") },
                { QStringLiteral("type"), QStringLiteral("action") },
                { QStringLiteral("returns"), QJsonArray { kContact } }, { QStringLiteral("json_schema"), QJsonValue() },
                { QStringLiteral("enabled"), true }, { QStringLiteral("last_deployed"), deployed },
                { QStringLiteral("source"), QStringLiteral("catalog") } });
    }
    QJsonArray data;
    for (qsizetype i = qsizetype(page) * limit; i < all.size() && data.size() < limit; ++i)
        data.append(all.at(i));
    return http::json(200,
        QJsonObject { { QStringLiteral("data"), data },
            { QStringLiteral("pagination"),
                QJsonObject { { QStringLiteral("total"), all.size() }, { QStringLiteral("page"), page },
                    { QStringLiteral("limit"), limit } } } });
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
    if (!knownIntegration(integration))
        return nango::error(404, QStringLiteral("unknown_provider_config"));
    const QString wanted = http::queryValue(query, QStringLiteral("syncs"));
    QJsonArray syncs;
    std::lock_guard lock(m_mutex);
    for (const SyncDef *d : syncsOf(integration)) {
        const QString sync = d->sync;
        if (wanted != QLatin1String("*") && !wanted.split(u',').contains(sync))
            continue;
        const qint64 finished = m_lastSyncMs.value(
            sync, QDateTime(QDate(2026, 11, 30), QTime(8, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        const bool running = finished > nowMs();
        const QString &model = d->model;
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
    if (!knownIntegration(integration))
        return nango::error(404, QStringLiteral("unknown_provider_config"));
    QStringList named;
    for (const QJsonValue &v : body.value(QStringLiteral("syncs")).toArray())
        named << (v.isObject() ? v.toObject().value(QStringLiteral("name")).toString() : v.toString());
    std::lock_guard lock(m_mutex);
    for (const SyncDef *d : syncsOf(integration)) {
        if (named.isEmpty() || named.contains(QString(d->sync)))
            m_lastSyncMs.insert(d->sync, nowMs() + 1500); // running for a moment, then finished
    }
    return http::json(200, QJsonObject { { QStringLiteral("success"), true } });
}

} // namespace crossline::sandbox
