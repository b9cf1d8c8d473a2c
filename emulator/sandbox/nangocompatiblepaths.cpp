#include "nangocompatiblepaths.h"

#include "httputil.h"
#include "nangocommon.h"
#include "seeddata.h"

#include <QDateTime>

#include <algorithm>

namespace crossline::sandbox {

NangoCompatiblePaths::NangoCompatiblePaths(int contacts, int employees)
    : m_contacts { std::max(0, contacts), {} }
    , m_employees { std::max(0, employees), {} }
    , m_nextContact(100 + m_contacts.seeded)
    , m_nextEmployee(100 + m_employees.seeded)
{
}

ServiceReply NangoCompatiblePaths::list(const ServiceRequest &request, bool employees)
{
    // Query: limit | page_size (1..1000, default 50), page (1-based; 0 is taken as 1), cursor (opaque, from
    // next_cursor). Other parameters are passed through and ignored, as a thin backend would.
    const auto query = http::parseQuery(request.query);
    int limit = 50;
    for (const QString &key : { QStringLiteral("page_size"), QStringLiteral("limit") }) {
        if (!http::hasQueryKey(query, key))
            continue;
        bool ok = false;
        limit = http::queryValue(query, key).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000) {
            return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"),
                QJsonArray { nango::issue(QStringLiteral("invalid_type"),
                    QStringLiteral("Invalid input: expected an integer between 1 and 1000"), QJsonArray { key }) });
        }
    }
    int offset = 0;
    if (http::hasQueryKey(query, QStringLiteral("cursor"))) {
        const QByteArray decoded = QByteArray::fromBase64(http::queryValue(query, QStringLiteral("cursor")).toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        bool ok = decoded.startsWith("offset:");
        if (ok)
            offset = decoded.mid(7).toInt(&ok);
        if (!ok || offset < 0) {
            return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"),
                QJsonArray { nango::issue(QStringLiteral("custom"), QStringLiteral("Invalid cursor"),
                    QJsonArray { QStringLiteral("cursor") }) });
        }
    } else if (http::hasQueryKey(query, QStringLiteral("page"))) {
        bool ok = false;
        const int page = http::queryValue(query, QStringLiteral("page")).toInt(&ok);
        if (!ok || page < 0) {
            return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"),
                QJsonArray { nango::issue(QStringLiteral("invalid_type"),
                    QStringLiteral("Invalid input: expected a positive integer"),
                    QJsonArray { QStringLiteral("page") }) });
        }
        offset = (std::max(page, 1) - 1) * limit;
    }
    std::lock_guard lock(m_mutex);
    const Table &items = employees ? m_employees : m_contacts;
    const qint64 size = items.seeded + items.created.size();
    QByteArray body = "{\"data\":[";
    for (qint64 i = offset; i < size && i < qint64(offset) + limit; ++i) {
        if (i > offset)
            body += ',';
        if (i >= items.seeded)
            SeedData::appendJson(body, items.created.at(i - items.seeded));
        else if (employees)
            SeedData::appendNangoEmployee(body, int(i));
        else
            SeedData::appendNangoContact(body, int(i));
    }
    const qint64 next = qint64(offset) + limit;
    // {data, next_cursor}, as a QJsonObject writes it.
    body += "],\"next_cursor\":";
    if (next < size)
        body += '"'
            + QByteArray("offset:" + QByteArray::number(next))
                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            + '"';
    else
        body += "null";
    body += '}';
    return http::rawJson(200, body);
}

ServiceReply NangoCompatiblePaths::get(const QString &id, bool employees)
{
    std::lock_guard lock(m_mutex);
    const Table &items = employees ? m_employees : m_contacts;
    if (const std::optional<int> i
        = employees ? SeedData::nangoEmployeeIndex(id, items.seeded) : SeedData::nangoContactIndex(id, items.seeded)) {
        QByteArray body;
        if (employees)
            SeedData::appendNangoEmployee(body, *i);
        else
            SeedData::appendNangoContact(body, *i);
        return http::rawJson(200, body);
    }
    for (const QJsonObject &o : items.created) {
        if (o.value(QStringLiteral("id")).toString() == id)
            return http::json(200, o);
    }
    return nango::error(404, QStringLiteral("not_found"),
        (employees ? QStringLiteral("Employee '%1' not found") : QStringLiteral("Contact '%1' not found")).arg(id));
}

ServiceReply NangoCompatiblePaths::create(const ServiceRequest &request, bool employees)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return nango::error(400, QStringLiteral("invalid_json"), parseError.errorString());
    if (!doc.isObject()) {
        return nango::errorWithIssues(400, QStringLiteral("invalid_body"),
            QJsonArray { nango::expected(QStringLiteral("object"), QJsonValue(QJsonValue::Undefined), {}) });
    }
    QJsonObject item = doc.object();
    const QString now = http::isoTimestamp(QDateTime::currentDateTimeUtc());
    std::lock_guard lock(m_mutex);
    item.insert(QStringLiteral("id"),
        employees ? QStringLiteral("emp_%1").arg(m_nextEmployee++) : QStringLiteral("contact_%1").arg(m_nextContact++));
    item.insert(QStringLiteral("created_at"), now);
    item.insert(QStringLiteral("updated_at"), now);
    (employees ? m_employees : m_contacts).created.append(item);
    return http::json(201, item);
}

} // namespace crossline::sandbox
