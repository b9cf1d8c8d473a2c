#include "nangoconnections.h"

#include "httputil.h"
#include "nangocommon.h"
#include "sandbox.h"
#include "whatsappupstream.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace crossline::sandbox {

NangoConnections::NangoConnections(NangoUpstreams &upstreams)
    : m_upstreams(upstreams)
    , m_integrations {
        { QStringLiteral("whatsapp-business"), QStringLiteral("whatsapp-business"), QStringLiteral("API_KEY"),
            QStringLiteral("https://graph.facebook.com") },
        { QStringLiteral("twilio"), QStringLiteral("twilio"), QStringLiteral("BASIC"),
            QStringLiteral("https://api.twilio.com") },
        // Integrations with deployed syncs and actions (nangorecords.h); connections only in the real-Nango mode.
        { QStringLiteral("hubspot"), QStringLiteral("hubspot"), QStringLiteral("OAUTH2"),
            QStringLiteral("https://api.hubapi.com") },
        { QStringLiteral("bamboohr-basic"), QStringLiteral("bamboohr-basic"), QStringLiteral("BASIC"),
            QStringLiteral("https://api.bamboohr.com") },
    }
{
    auto add = [this](const QString &id, const QString &key, const QDateTime &created, const QJsonObject &credentials,
                   const QJsonValue &metadata, const QJsonObject &tags, const QJsonArray &errors) {
        NangoConnection c;
        c.id = m_nextId++;
        c.connectionId = id;
        c.providerConfigKey = key;
        c.provider = key;
        c.created = created;
        c.updated = created;
        c.credentials = credentials;
        c.metadata = metadata;
        c.tags = tags;
        c.errors = errors;
        c.webhookUrlOverride = QJsonValue::Null;
        m_connections.append(c);
    };
    const QDateTime base(QDate(2025, 1, 6), QTime(10, 0), QTimeZone::utc());
    const QJsonObject waMeta { { QStringLiteral("phone_number_id"), WhatsAppUpstream::livePhoneNumberId() },
        { QStringLiteral("waba_id"), WhatsAppUpstream::wabaId() } };
    add(QStringLiteral("conn_abc123"), QStringLiteral("whatsapp-business"), base.addDays(1),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") },
            { QStringLiteral("apiKey"), QStringLiteral("EAAGsandboxConnAbc123Token4f7Qx9Lm2Vb8Rt") } },
        waMeta,
        QJsonObject { { QStringLiteral("end_user_id"), QStringLiteral("acme") },
            { QStringLiteral("organization_id"), QStringLiteral("acme-org") } },
        {});
    add(QStringLiteral("whatsapp-prod-1"), QStringLiteral("whatsapp-business"), base.addDays(3),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") },
            { QStringLiteral("apiKey"), QStringLiteral("EAAGsandboxProdOneTokenZk83Hd72Pq1Wn5") } },
        waMeta, QJsonObject { { QStringLiteral("end_user_id"), QStringLiteral("support-team") } }, {});
    add(QStringLiteral("conn_twilio_1"), QStringLiteral("twilio"), base.addDays(5),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("BASIC") },
            { QStringLiteral("username"), SandboxCredentials::twilioAccountSid() },
            { QStringLiteral("password"), QStringLiteral("sandboxauthtoken0123456789abcdef01") } },
        QJsonValue::Null, QJsonObject { { QStringLiteral("end_user_id"), QStringLiteral("acme") } }, {});
    add(QStringLiteral("whatsapp-expired"), QStringLiteral("whatsapp-business"), base.addDays(7),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") },
            { QStringLiteral("apiKey"),
                QString(WhatsAppUpstream::expiredTokenPrefix() + QStringLiteral("Token9x8y7z")) } },
        waMeta, QJsonObject {},
        QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("auth") },
            { QStringLiteral("log_id"), QStringLiteral("VrnbtykXJFckCm3HP93t") } } });
}

void NangoConnections::addSyncedConnections()
{
    std::lock_guard lock(m_mutex);
    const QDateTime created(QDate(2026, 10, 1), QTime(9, 0), QTimeZone::utc());
    for (const auto &[id, key] : { std::pair { QStringLiteral("hubspot-acme"), QStringLiteral("hubspot") },
             std::pair { QStringLiteral("bamboohr-acme"), QStringLiteral("bamboohr-basic") } }) {
        if (find(id, key))
            continue;
        NangoConnection c;
        c.id = m_nextId++;
        c.connectionId = id;
        c.providerConfigKey = key;
        c.provider = key;
        c.created = created;
        c.updated = created;
        c.credentials = key == QLatin1String("hubspot")
            ? QJsonObject { { QStringLiteral("type"), QStringLiteral("OAUTH2") },
                  { QStringLiteral("access_token"), QStringLiteral("sandbox-hubspot-access-token-7Hq2") } }
            : QJsonObject { { QStringLiteral("type"), QStringLiteral("BASIC") },
                  { QStringLiteral("username"), QStringLiteral("sandbox-bamboo-key-41Xz") },
                  { QStringLiteral("password"), QStringLiteral("x") } };
        c.metadata = QJsonValue::Null;
        c.tags = QJsonObject { { QStringLiteral("end_user_id"), QStringLiteral("acme") } };
        c.webhookUrlOverride = QJsonValue::Null;
        m_connections.append(c);
    }
}

std::optional<NangoIntegration> NangoConnections::integration(const QString &key) const
{
    for (const NangoIntegration &i : m_integrations) {
        if (i.key == key)
            return i;
    }
    return std::nullopt;
}

std::optional<NangoConnection> NangoConnections::connection(
    const QString &connectionId, const QString &providerConfigKey) const
{
    std::lock_guard lock(m_mutex);
    for (const NangoConnection &c : m_connections) {
        if (c.connectionId == connectionId && c.providerConfigKey == providerConfigKey)
            return c;
    }
    return std::nullopt;
}

NangoConnection *NangoConnections::find(const QString &connectionId, const QString &providerConfigKey)
{
    for (NangoConnection &c : m_connections) {
        if (c.connectionId == connectionId && c.providerConfigKey == providerConfigKey)
            return &c;
    }
    return nullptr;
}

NangoConnection &NangoConnections::upsert(const QString &connectionId, const NangoIntegration &integration)
{
    if (NangoConnection *existing = find(connectionId, integration.key)) {
        existing->updated = QDateTime::currentDateTimeUtc();
        return *existing;
    }
    NangoConnection c;
    c.id = m_nextId++;
    c.connectionId = connectionId;
    c.providerConfigKey = integration.key;
    c.provider = integration.provider;
    c.created = QDateTime::currentDateTimeUtc();
    c.updated = c.created;
    c.metadata = QJsonValue::Null;
    c.webhookUrlOverride = QJsonValue::Null;
    m_connections.append(c);
    return m_connections.last();
}

QJsonObject NangoConnections::listItem(const NangoConnection &c)
{
    return QJsonObject { { QStringLiteral("id"), c.id }, { QStringLiteral("connection_id"), c.connectionId },
        { QStringLiteral("provider"), c.provider }, { QStringLiteral("provider_config_key"), c.providerConfigKey },
        { QStringLiteral("created"), http::isoTimestamp(c.created) }, { QStringLiteral("metadata"), c.metadata },
        { QStringLiteral("tags"), c.tags }, { QStringLiteral("errors"), c.errors },
        { QStringLiteral("end_user"), QJsonValue::Null } };
}

QJsonObject NangoConnections::fullItem(const NangoConnection &c, bool withCredentials, bool offsetTimestamps)
{
    auto ts = [offsetTimestamps](const QDateTime &dt) {
        return offsetTimestamps ? http::isoTimestampOffset(dt) : http::isoTimestamp(dt);
    };
    return QJsonObject { { QStringLiteral("id"), c.id }, { QStringLiteral("connection_id"), c.connectionId },
        { QStringLiteral("provider_config_key"), c.providerConfigKey }, { QStringLiteral("provider"), c.provider },
        { QStringLiteral("errors"), c.errors }, { QStringLiteral("end_user"), QJsonValue::Null },
        { QStringLiteral("tags"), c.tags }, { QStringLiteral("metadata"), c.metadata },
        { QStringLiteral("connection_config"), c.connectionConfig },
        { QStringLiteral("webhook_url_override"), c.webhookUrlOverride },
        { QStringLiteral("created_at"), ts(c.created) }, { QStringLiteral("updated_at"), ts(c.updated) },
        { QStringLiteral("last_fetched_at"), ts(c.updated) },
        { QStringLiteral("credentials"), withCredentials ? c.credentials : QJsonObject {} } };
}

ServiceReply NangoConnections::list(const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    QJsonArray errors;
    QStringList unknown;
    QString connectionId, search;
    QStringList integrationIds;
    QList<QPair<QString, QString>> tags;
    int limit = 10000;
    int page = 0;
    static const QRegularExpression tagKey(QStringLiteral("^tags\\[([^\\]]+)\\]$"));
    for (const auto &[key, value] : query) {
        const auto tagMatch = tagKey.match(key);
        const bool known = key == QStringLiteral("connectionId") || key == QStringLiteral("search")
            || key == QStringLiteral("integrationId") || key == QStringLiteral("limit") || key == QStringLiteral("page")
            || key == QStringLiteral("endUserId") || key == QStringLiteral("endUserOrganizationId")
            || tagMatch.hasMatch();
        if (!known) {
            unknown.append(key);
            continue;
        }
        const QJsonArray path { tagMatch.hasMatch() ? QStringLiteral("tags") : key };
        if (value.isEmpty()) {
            errors.append(nango::issue(QStringLiteral("too_small"),
                QStringLiteral("Too small: expected string to have >=1 characters"), path));
            continue;
        }
        if (value.size() > 255) {
            errors.append(nango::issue(
                QStringLiteral("too_big"), QStringLiteral("Too big: expected string to have <=255 characters"), path));
            continue;
        }
        bool ok = false;
        if (key == QStringLiteral("connectionId")) {
            connectionId = value;
        } else if (key == QStringLiteral("search")) {
            search = value;
        } else if (key == QStringLiteral("integrationId")) {
            integrationIds = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        } else if (key == QStringLiteral("limit")) {
            limit = value.toInt(&ok);
            if (!ok || limit < 1 || limit > 2000) {
                errors.append(nango::issue(ok ? QStringLiteral("too_big") : QStringLiteral("invalid_type"),
                    QStringLiteral("Invalid input: expected an integer between 1 and 2000"), path));
            }
        } else if (key == QStringLiteral("page")) {
            page = value.toInt(&ok);
            if (!ok || page < 0) {
                errors.append(nango::issue(QStringLiteral("invalid_type"),
                    QStringLiteral("Invalid input: expected a non-negative integer"), path));
            }
        } else if (tagMatch.hasMatch()) {
            tags.append({ tagMatch.captured(1).toLower(), value });
        } else if (key == QStringLiteral("endUserId")) {
            tags.append({ QStringLiteral("end_user_id"), value });
        } else if (key == QStringLiteral("endUserOrganizationId")) {
            tags.append({ QStringLiteral("organization_id"), value });
        }
    }
    if (!unknown.isEmpty())
        errors.prepend(nango::unrecognized(unknown));
    if (!errors.isEmpty())
        return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"), errors);

    std::lock_guard lock(m_mutex);
    QList<const NangoConnection *> matching;
    for (const NangoConnection &c : m_connections) {
        if (!connectionId.isEmpty() && c.connectionId != connectionId)
            continue;
        if (!search.isEmpty() && !c.connectionId.contains(search, Qt::CaseInsensitive))
            continue;
        if (!integrationIds.isEmpty() && !integrationIds.contains(c.providerConfigKey))
            continue;
        bool tagsOk = true;
        for (const auto &[k, v] : tags)
            tagsOk = tagsOk && c.tags.value(k).toString() == v;
        if (tagsOk)
            matching.append(&c);
    }
    std::sort(matching.begin(), matching.end(), [](const NangoConnection *a, const NangoConnection *b) {
        return a->created != b->created ? a->created > b->created : a->id > b->id;
    });
    QJsonArray out;
    const qint64 start = qint64(page) * limit;
    for (qint64 i = start; i < matching.size() && i < start + limit; ++i)
        out.append(listItem(*matching[i]));
    return http::json(200, QJsonObject { { QStringLiteral("connections"), out } });
}

ServiceReply NangoConnections::get(const QString &connectionId, const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    QStringList unknown;
    QJsonArray errors;
    bool wantsSecrets = false;
    for (const auto &[key, value] : query) {
        if (key == QStringLiteral("provider_config_key"))
            continue;
        if (key == QStringLiteral("force_refresh") || key == QStringLiteral("refresh_token")
            || key == QStringLiteral("refresh_github_app_jwt_token")) {
            if (value != QStringLiteral("true") && value != QStringLiteral("false")) {
                errors.append(nango::issue(QStringLiteral("invalid_value"),
                    QStringLiteral("Invalid option: expected one of \"true\"|\"false\""), QJsonArray { key }));
            }
            wantsSecrets = wantsSecrets || value == QStringLiteral("true");
            continue;
        }
        unknown.append(key);
    }
    const QString pck = http::queryValue(query, QStringLiteral("provider_config_key"));
    if (pck.isEmpty()) {
        errors.prepend(nango::expected(
            QStringLiteral("string"), QJsonValue::Undefined, QJsonArray { QStringLiteral("provider_config_key") }));
    }
    if (!unknown.isEmpty())
        errors.prepend(nango::unrecognized(unknown));
    if (!errors.isEmpty())
        return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"), errors);
    if (wantsSecrets) {
        return nango::error(403, QStringLiteral("forbidden"),
            QStringLiteral("Credential and refresh options require the "
                           "environment:connections:read_credentials scope"));
    }
    if (!integration(pck))
        return nango::error(400, QStringLiteral("unknown_provider_config"), QStringLiteral("Provider does not exists"));
    std::lock_guard lock(m_mutex);
    const NangoConnection *c = find(connectionId, pck);
    if (!c)
        return nango::error(404, QStringLiteral("not_found"), QStringLiteral("Failed to find connection"));
    return http::json(200, fullItem(*c, false, true));
}

ServiceReply NangoConnections::remove(const QString &connectionId, const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    QStringList unknown;
    for (const auto &item : query) {
        if (item.first != QStringLiteral("provider_config_key"))
            unknown.append(item.first);
    }
    QJsonArray errors;
    const QString pck = http::queryValue(query, QStringLiteral("provider_config_key"));
    if (!unknown.isEmpty())
        errors.append(nango::unrecognized(unknown));
    if (pck.isEmpty())
        errors.append(nango::expected(
            QStringLiteral("string"), QJsonValue::Undefined, QJsonArray { QStringLiteral("provider_config_key") }));
    if (!errors.isEmpty())
        return nango::errorWithIssues(400, QStringLiteral("invalid_query_params"), errors);
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < m_connections.size(); ++i) {
        if (m_connections[i].connectionId == connectionId && m_connections[i].providerConfigKey == pck) {
            m_connections.removeAt(i);
            return http::json(200, QJsonObject { { QStringLiteral("success"), true } });
        }
    }
    return nango::error(400, QStringLiteral("unknown_connection"));
}

} // namespace crossline::sandbox
