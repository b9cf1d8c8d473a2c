#include "panoraservice.h"

#include "httputil.h"
#include "sandbox.h"
#include "seeddata.h"

#include <QDateTime>
#include <QJsonArray>

namespace crossline::sandbox {

namespace {

// AllExceptionsFilter: {statusCode, timestamp, path (with the query), message}.
ServiceReply panoraError(int status, const ServiceRequest &request, const QString &message)
{
    return http::json(status,
        QJsonObject { { QStringLiteral("statusCode"), status },
            { QStringLiteral("timestamp"), http::isoTimestamp(QDateTime::currentDateTimeUtc()) },
            { QStringLiteral("path"), QString::fromUtf8(request.target()) }, { QStringLiteral("message"), message } });
}

QString cursorFor(const QString &id)
{
    return QString::fromLatin1(id.toLatin1().toBase64());
}

struct PageQuery
{
    int limit = 50;
    QString cursorId; // decoded UUID, empty on the first page
    QString rawCursor;
    bool remoteData = false;
    bool ok = true;
};

// QueryDto: remote_data "true"/"false"; limit a number (we also require a positive integer); cursor base64(UUID).
PageQuery parsePageQuery(const ServiceRequest &request)
{
    PageQuery q;
    const auto items = http::parseQuery(request.query);
    if (http::hasQueryKey(items, QStringLiteral("remote_data"))) {
        const QString v = http::queryValue(items, QStringLiteral("remote_data"));
        if (v != QStringLiteral("true") && v != QStringLiteral("false"))
            q.ok = false;
        q.remoteData = v == QStringLiteral("true");
    }
    if (http::hasQueryKey(items, QStringLiteral("limit"))) {
        bool ok = false;
        q.limit = http::queryValue(items, QStringLiteral("limit")).toInt(&ok);
        if (!ok || q.limit < 1)
            q.ok = false;
    }
    if (http::hasQueryKey(items, QStringLiteral("cursor"))) {
        q.rawCursor = http::queryValue(items, QStringLiteral("cursor"));
        const auto decoded
            = QByteArray::fromBase64Encoding(q.rawCursor.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        q.cursorId = QString::fromUtf8(decoded.decoded);
        if (!decoded || !http::isUuid(q.cursorId))
            q.ok = false;
    }
    return q;
}

} // namespace

PanoraService::PanoraService(int contacts, int employees)
    : m_seededContacts(std::max(0, contacts))
    , m_seededContactIds(&SeedData::panoraContactId, m_seededContacts)
    , m_employees(std::max(0, employees))
    , m_employeeIds(&SeedData::panoraEmployeeId, m_employees)
    , m_nextRemoteId(1000 + m_seededContacts)
{
}

int PanoraService::contactCount() const
{
    std::lock_guard lock(m_mutex);
    return m_seededContacts + int(m_createdContacts.size());
}

int PanoraService::employeeCount() const
{
    return m_employees;
}

void PanoraService::appendContact(QByteArray &out, qsizetype index, bool remoteData) const
{
    if (index < m_seededContacts) {
        SeedData::appendPanoraContact(out, int(index), remoteData);
        return;
    }
    const QJsonObject &created = m_createdContacts.at(index - m_seededContacts);
    SeedData::appendJson(out, remoteData ? SeedData::withRemoteData(created) : created);
}

QString PanoraService::contactId(qsizetype index) const
{
    return index < m_seededContacts
        ? SeedData::panoraContactId(int(index))
        : m_createdContacts.at(index - m_seededContacts).value(QStringLiteral("id")).toString();
}

std::optional<qsizetype> PanoraService::contactIndex(const QString &id)
{
    if (const std::optional<int> seeded = m_seededContactIds.find(id))
        return *seeded;
    const auto it = m_createdContactIndex.constFind(id);
    if (it == m_createdContactIndex.cend())
        return std::nullopt;
    return *it;
}

void PanoraService::setHrisEnabled(bool enabled)
{
    m_hris = enabled;
}

ServiceReply PanoraService::handle(const ServiceRequest &request)
{
    const QString &path = request.path;
    const QByteArray &m = request.method;

    // Routes that do not exist answer NestJS's 404 before any guard runs (HRIS was removed in Nov 2024).
    const bool known = (path == QStringLiteral("/crm/contacts") && (m == "GET" || m == "POST"))
        || (path.startsWith(QStringLiteral("/crm/contacts/")) && m == "GET")
        || (m_hris && path == QStringLiteral("/hris/employees") && (m == "GET" || m == "POST"))
        || (m_hris && path.startsWith(QStringLiteral("/hris/employees/")) && m == "GET");
    if (!known) {
        return http::json(404,
            QJsonObject { { QStringLiteral("statusCode"), 404 },
                { QStringLiteral("timestamp"), http::isoTimestamp(QDateTime::currentDateTimeUtc()) },
                { QStringLiteral("path"), QString::fromUtf8(request.target()) },
                { QStringLiteral("message"), QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(m), path) } });
    }

    // Auth: x-api-key (raw), or Authorization: Bearer <key> for deployments older than Aug 2024.
    QByteArray key = request.header("x-api-key");
    if (key.isEmpty()) {
        const QByteArray auth = request.header("authorization");
        if (auth.startsWith("Bearer "))
            key = auth.mid(7).trimmed();
    }
    if (key.isEmpty())
        return panoraError(401, request, QStringLiteral("Unauthorized"));
    if (QString::fromUtf8(key) != SandboxCredentials::panoraApiKey())
        return panoraError(500, request, QStringLiteral("API Key not found."));

    // A missing token makes real Panora fall back to the first connection in its database;
    // the sandbox refuses instead (401), so a client that forgets the header notices.
    const QByteArray token = request.header("x-connection-token");
    if (token.isEmpty())
        return panoraError(401, request, QStringLiteral("Unauthorized"));
    if (QString::fromUtf8(token) != SandboxCredentials::panoraConnectionToken()) {
        const bool list = path == QStringLiteral("/crm/contacts") || path == QStringLiteral("/hris/employees");
        return panoraError(500, request,
            (list ? QStringLiteral("ReferenceError: ") : QString()) + QStringLiteral("Connection undefined for token ")
                + QString::fromUtf8(token));
    }
    if (path == QStringLiteral("/crm/contacts"))
        return m == "POST" ? createContact(request) : listContacts(request);
    if (path.startsWith(QStringLiteral("/crm/contacts/")))
        return getContact(path.mid(14), request);
    if (path == QStringLiteral("/hris/employees")) {
        if (m == "POST") {
            // No HRIS connector ever implemented addEmployee.
            return panoraError(500, request, QStringLiteral("TypeError: service.addEmployee is not a function"));
        }
        return listEmployees(request);
    }
    return getEmployee(path.mid(16), request);
}

ServiceReply PanoraService::listContacts(const ServiceRequest &request)
{
    const PageQuery q = parsePageQuery(request);
    if (!q.ok)
        return panoraError(400, request, QStringLiteral("Bad Request Exception"));
    std::lock_guard lock(m_mutex);
    qsizetype start = 0;
    if (!q.cursorId.isEmpty()) {
        const std::optional<qsizetype> at = contactIndex(q.cursorId);
        if (!at)
            return panoraError(500, request, QStringLiteral("ReferenceError: The provided cursor does not exist!"));
        start = *at; // Prisma cursors are inclusive: the page starts at the cursor row
    }
    // take: limit + 1; when that many come back the extra row is the next cursor and is dropped from the page.
    const qsizetype size = m_seededContacts + m_createdContacts.size();
    const qsizetype end = std::min<qint64>(size, qint64(start) + q.limit);
    const QJsonValue next = end < size ? QJsonValue(cursorFor(contactId(end))) : QJsonValue(QJsonValue::Null);
    const QJsonValue prev = q.cursorId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(cursorFor(q.cursorId));
    // {data, prev_cursor, next_cursor} as a QJsonObject writes it (keys sorted), the rows written in place.
    QByteArray body;
    body.reserve((end - start) * (q.remoteData ? 1100 : 1000) + 256);
    body += "{\"data\":[";
    for (qsizetype i = start; i < end; ++i) {
        if (i > start)
            body += ',';
        appendContact(body, i, q.remoteData);
    }
    body += "],\"next_cursor\":" + http::compactJson(next) + ",\"prev_cursor\":" + http::compactJson(prev) + '}';
    return http::rawJson(200, body);
}

ServiceReply PanoraService::getContact(const QString &id, const ServiceRequest &request)
{
    const PageQuery q = parsePageQuery(request);
    std::lock_guard lock(m_mutex);
    const std::optional<qsizetype> at = contactIndex(id);
    if (!at)
        return panoraError(500, request, QStringLiteral("Cannot read properties of null (reading 'id_crm_contact')"));
    if (q.remoteData && *at >= m_seededContacts) // created here: as a running Panora answers for a contact it created
        return panoraError(500, request, QStringLiteral("Cannot read properties of null (reading 'data')"));
    QByteArray body;
    appendContact(body, *at, q.remoteData);
    return http::rawJson(200, body);
}

ServiceReply PanoraService::createContact(const ServiceRequest &request)
{
    // Real Panora does not validate this body (no ValidationPipe on addContact); a non-object cannot be mapped.
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return panoraError(400, request, QStringLiteral("Bad Request Exception"));
    const QJsonObject input = doc.object();
    // The CRM behind Panora refuses a contact it already has (HubSpot's 409); Panora passes on only the status.
    for (const QJsonValue &e : input.value(QStringLiteral("email_addresses")).toArray()) {
        if (e.toObject().value(QStringLiteral("email_address")).toString().startsWith(QLatin1String("exists@")))
            return panoraError(500, request, QStringLiteral("Request failed with status code 409"));
    }
    const QString now = http::isoTimestamp(QDateTime::currentDateTimeUtc());
    std::lock_guard lock(m_mutex);
    const QString id = http::randomUuid();
    QJsonObject contact { { QStringLiteral("id"), id },
        { QStringLiteral("first_name"),
            input.value(QStringLiteral("first_name")).isUndefined() ? QJsonValue(QJsonValue::Null)
                                                                    : input.value(QStringLiteral("first_name")) },
        { QStringLiteral("last_name"),
            input.value(QStringLiteral("last_name")).isUndefined() ? QJsonValue(QJsonValue::Null)
                                                                   : input.value(QStringLiteral("last_name")) },
        { QStringLiteral("email_addresses"), input.value(QStringLiteral("email_addresses")).toArray() },
        { QStringLiteral("phone_numbers"), input.value(QStringLiteral("phone_numbers")).toArray() },
        { QStringLiteral("user_id"),
            input.value(QStringLiteral("user_id")).isString() ? input.value(QStringLiteral("user_id"))
                                                              : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("field_mappings"), input.value(QStringLiteral("field_mappings")).toObject() },
        { QStringLiteral("remote_id"), QString::number(m_nextRemoteId++) }, { QStringLiteral("created_at"), now },
        { QStringLiteral("modified_at"), now } };
    QJsonArray addresses;
    for (const QJsonValue &a : input.value(QStringLiteral("addresses")).toArray()) {
        QJsonObject address = a.toObject();
        address.insert(QStringLiteral("id_crm_address"), http::randomUuid());
        address.insert(QStringLiteral("id_crm_contact"), id);
        address.insert(QStringLiteral("id_crm_company"), QJsonValue::Null);
        address.insert(QStringLiteral("id_connection"), http::stableUuid("panora-connection"));
        address.insert(QStringLiteral("created_at"), now);
        address.insert(QStringLiteral("modified_at"), now);
        addresses.append(address);
    }
    contact.insert(QStringLiteral("addresses"), addresses);
    m_createdContactIndex.insert(id, m_seededContacts + m_createdContacts.size());
    m_createdContacts.append(contact);
    return http::json(201, contact);
}

ServiceReply PanoraService::listEmployees(const ServiceRequest &request)
{
    // Cursor semantics (deliberately simpler than the original's raw-UUID next_cursor): the same base64(UUID)
    // cursor as contacts, inclusive; next_cursor is base64(id of the first row of the next page), so a client can
    // echo it back exactly as received; previous_cursor is the cursor that was sent (or null).
    const PageQuery q = parsePageQuery(request);
    if (!q.ok)
        return panoraError(400, request, QStringLiteral("Bad Request"));
    std::lock_guard lock(m_mutex);
    int start = 0;
    if (!q.cursorId.isEmpty()) {
        const std::optional<int> at = m_employeeIds.find(q.cursorId);
        if (!at)
            return panoraError(500, request, QStringLiteral("ReferenceError: The provided cursor does not exist!"));
        start = *at;
    }
    const int end = int(std::min<qint64>(m_employees, qint64(start) + q.limit));
    const QJsonValue next
        = end < m_employees ? QJsonValue(cursorFor(SeedData::panoraEmployeeId(end))) : QJsonValue(QJsonValue::Null);
    const QJsonValue prev = q.cursorId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.rawCursor);
    // {data, next_cursor, previous_cursor}, keys sorted.
    QByteArray body;
    body.reserve(qsizetype(end - start) * 1400 + 256);
    body += "{\"data\":[";
    for (int i = start; i < end; ++i) {
        if (i > start)
            body += ',';
        // The list leaves out created_at, modified_at and remote_was_deleted; GET /{id} has them.
        SeedData::appendPanoraEmployee(body, i, q.remoteData, true);
    }
    body += "],\"next_cursor\":" + http::compactJson(next) + ",\"previous_cursor\":" + http::compactJson(prev) + '}';
    return http::rawJson(200, body);
}

ServiceReply PanoraService::getEmployee(const QString &id, const ServiceRequest &request)
{
    const PageQuery q = parsePageQuery(request);
    std::lock_guard lock(m_mutex);
    const std::optional<int> at = m_employeeIds.find(id);
    if (!at)
        return panoraError(500, request, QStringLiteral("Employee with ID %1 not found.").arg(id));
    QByteArray body;
    SeedData::appendPanoraEmployee(body, *at, q.remoteData, false);
    return http::rawJson(200, body);
}

} // namespace crossline::sandbox
