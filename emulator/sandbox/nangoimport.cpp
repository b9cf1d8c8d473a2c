// The two routes that import a connection into the emulated Nango (part of NangoConnections): POST /connections,
// strictly validated, which tests the credentials with the provider first, and the legacy POST /connection.
#include "nangoconnections.h"

#include "httputil.h"
#include "nangocommon.h"
#include "nangoupstreams.h"

namespace crossline::sandbox {

ServiceReply NangoConnections::import(const ServiceRequest &request)
{
    if (!request.query.isEmpty()) {
        QStringList keys;
        for (const auto &item : http::parseQuery(request.query))
            keys.append(item.first);
        return nango::errorWithIssues(
            400, QStringLiteral("invalid_query_params"), QJsonArray { nango::unrecognized(keys) });
    }
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return nango::error(400, QStringLiteral("invalid_json"), parseError.errorString());
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(QJsonValue::Undefined);
    if (!doc.isObject())
        return nango::errorWithIssues(
            400, QStringLiteral("invalid_body"), QJsonArray { nango::expected(QStringLiteral("object"), root, {}) });
    const QJsonObject body = doc.object();

    static const QStringList allowed = { QStringLiteral("provider_config_key"), QStringLiteral("connection_id"),
        QStringLiteral("credentials"), QStringLiteral("metadata"), QStringLiteral("connection_config"),
        QStringLiteral("tags"), QStringLiteral("webhook_url_override"), QStringLiteral("end_user") };
    QJsonArray errors;
    QStringList unknown;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!allowed.contains(it.key()))
            unknown.append(it.key());
    }
    if (!unknown.isEmpty())
        errors.append(nango::unrecognized(unknown));

    const QJsonValue pckValue = body.value(QStringLiteral("provider_config_key"));
    if (!pckValue.isString())
        errors.append(
            nango::expected(QStringLiteral("string"), pckValue, QJsonArray { QStringLiteral("provider_config_key") }));
    else if (!nango::validProviderConfigKey(pckValue.toString()))
        errors.append(
            nango::issue(QStringLiteral("invalid_format"), QStringLiteral("Invalid string: must match pattern"),
                QJsonArray { QStringLiteral("provider_config_key") }));
    const QJsonValue idValue = body.value(QStringLiteral("connection_id"));
    if (!idValue.isUndefined()) {
        if (!idValue.isString())
            errors.append(
                nango::expected(QStringLiteral("string"), idValue, QJsonArray { QStringLiteral("connection_id") }));
        else if (!nango::validConnectionId(idValue.toString()))
            errors.append(nango::issue(QStringLiteral("invalid_format"),
                QStringLiteral("Invalid string: must match pattern"), QJsonArray { QStringLiteral("connection_id") }));
    }
    for (const QString &objectKey :
        { QStringLiteral("metadata"), QStringLiteral("connection_config"), QStringLiteral("end_user") }) {
        const QJsonValue v = body.value(objectKey);
        if (!v.isUndefined() && !v.isObject())
            errors.append(nango::expected(QStringLiteral("object"), v, QJsonArray { objectKey }));
    }
    const QJsonValue tagsValue = body.value(QStringLiteral("tags"));
    QJsonObject tags;
    if (!tagsValue.isUndefined()) {
        if (!tagsValue.isObject()) {
            errors.append(nango::expected(QStringLiteral("record"), tagsValue, QJsonArray { QStringLiteral("tags") }));
        } else if (tagsValue.toObject().size() > 10) {
            errors.append(nango::issue(QStringLiteral("too_big"), QStringLiteral("Too big: expected at most 10 tags"),
                QJsonArray { QStringLiteral("tags") }));
        } else {
            const QJsonObject t = tagsValue.toObject();
            for (auto it = t.begin(); it != t.end(); ++it) {
                if (!it.value().isString() || it.value().toString().size() > 255)
                    errors.append(nango::expected(
                        QStringLiteral("string"), it.value(), QJsonArray { QStringLiteral("tags"), it.key() }));
                else
                    tags.insert(it.key().toLower(), it.value());
            }
        }
    }
    const QJsonValue webhook = body.value(QStringLiteral("webhook_url_override"));
    if (!webhook.isUndefined() && !webhook.isString())
        errors.append(
            nango::expected(QStringLiteral("string"), webhook, QJsonArray { QStringLiteral("webhook_url_override") }));

    const QJsonValue credValue = body.value(QStringLiteral("credentials"));
    QJsonObject credentials;
    QString credType;
    if (!credValue.isObject()) {
        errors.append(
            nango::expected(QStringLiteral("object"), credValue, QJsonArray { QStringLiteral("credentials") }));
    } else {
        const QJsonObject cred = credValue.toObject();
        credType = cred.value(QStringLiteral("type")).toString();
        static const QStringList knownTypes = { QStringLiteral("API_KEY"), QStringLiteral("BASIC"),
            QStringLiteral("OAUTH2"), QStringLiteral("OAUTH2_CC"), QStringLiteral("OAUTH1"), QStringLiteral("TBA"),
            QStringLiteral("APP"), QStringLiteral("CUSTOM"), QStringLiteral("NONE") };
        if (!knownTypes.contains(credType)) {
            errors.append(nango::issue(QStringLiteral("invalid_union"), QStringLiteral("Invalid input"),
                QJsonArray { QStringLiteral("credentials"), QStringLiteral("type") }));
        } else if (credType == QStringLiteral("API_KEY")) {
            const QJsonValue apiKey = cred.value(QStringLiteral("apiKey"));
            QStringList extra;
            for (auto it = cred.begin(); it != cred.end(); ++it) {
                if (it.key() != QStringLiteral("type") && it.key() != QStringLiteral("apiKey"))
                    extra.append(it.key());
            }
            if (!extra.isEmpty()) {
                QJsonObject u = nango::unrecognized(extra);
                u.insert(QStringLiteral("path"), QJsonArray { QStringLiteral("credentials") });
                errors.append(u);
            }
            if (!apiKey.isString())
                errors.append(nango::expected(QStringLiteral("string"), apiKey,
                    QJsonArray { QStringLiteral("credentials"), QStringLiteral("apiKey") }));
            else if (apiKey.toString().isEmpty())
                errors.append(nango::issue(QStringLiteral("too_small"),
                    QStringLiteral("Too small: expected string to have >=1 characters"),
                    QJsonArray { QStringLiteral("credentials"), QStringLiteral("apiKey") }));
            else if (apiKey.toString().size() > 1024)
                errors.append(nango::issue(QStringLiteral("too_big"),
                    QStringLiteral("Too big: expected string to have <=1024 characters"),
                    QJsonArray { QStringLiteral("credentials"), QStringLiteral("apiKey") }));
            credentials
                = QJsonObject { { QStringLiteral("type"), credType }, { QStringLiteral("apiKey"), apiKey.toString() } };
        } else if (credType == QStringLiteral("BASIC")) {
            for (const QString &field : { QStringLiteral("username"), QStringLiteral("password") }) {
                const QJsonValue v = cred.value(field);
                if (!v.isString())
                    errors.append(nango::expected(
                        QStringLiteral("string"), v, QJsonArray { QStringLiteral("credentials"), field }));
                else if (v.toString().size() > 1024)
                    errors.append(nango::issue(QStringLiteral("too_big"),
                        QStringLiteral("Too big: expected string to have <=1024 characters"),
                        QJsonArray { QStringLiteral("credentials"), field }));
            }
            credentials = QJsonObject { { QStringLiteral("type"), credType },
                { QStringLiteral("username"), cred.value(QStringLiteral("username")).toString() },
                { QStringLiteral("password"), cred.value(QStringLiteral("password")).toString() } };
        } else {
            credentials = cred;
        }
    }
    if (!errors.isEmpty())
        return nango::errorWithIssues(400, QStringLiteral("invalid_body"), errors);

    const std::optional<NangoIntegration> integ = integration(pckValue.toString());
    if (!integ)
        return nango::error(404, QStringLiteral("not_found"), QStringLiteral("Integration does not exist"));
    if (credType != integ->authMode) {
        return nango::error(400, QStringLiteral("invalid_body"),
            QStringLiteral("Provider %1 does not support %2 auth").arg(integ->authMode, credType));
    }
    // The credentials are saved only if the provider accepts them.
    if (!m_upstreams.verifyCredentials(integ->provider, credentials)) {
        return nango::error(400, QStringLiteral("connection_test_failed"),
            QStringLiteral("The given credentials were found to be invalid. Please check the credentials "
                           "and try again."));
    }

    std::lock_guard lock(m_mutex);
    const QString connectionId = idValue.isString() ? idValue.toString() : http::randomUuid();
    NangoConnection &c = upsert(connectionId, *integ);
    c.credentials = credentials;
    if (body.contains(QStringLiteral("metadata")))
        c.metadata = body.value(QStringLiteral("metadata"));
    if (body.contains(QStringLiteral("connection_config")))
        c.connectionConfig = body.value(QStringLiteral("connection_config")).toObject();
    if (body.contains(QStringLiteral("tags")))
        c.tags = tags;
    if (body.contains(QStringLiteral("webhook_url_override")))
        c.webhookUrlOverride = webhook.toString().isEmpty() ? QJsonValue(QJsonValue::Null) : webhook;
    c.errors = QJsonArray {};
    return http::json(201, fullItem(c, true, false));
}

ServiceReply NangoConnections::legacyImport(const ServiceRequest &request)
{
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return nango::legacyError(400, QStringLiteral("missing_body"), QStringLiteral("Missing request body."));
    QJsonObject body = doc.object();
    const QString pck = body.value(QStringLiteral("provider_config_key")).toString();
    if (pck.isEmpty()) {
        return nango::legacyError(
            400, QStringLiteral("missing_provider_config"), QStringLiteral("Missing param 'provider_config_key'."));
    }
    const std::optional<NangoIntegration> integ = integration(pck);
    if (!integ) {
        return nango::legacyError(404, QStringLiteral("unknown_provider_config"),
            QStringLiteral("Provider config not found for the given provider config key. Please make "
                           "sure the provider config exists in the Nango dashboard."));
    }
    QJsonObject credentials;
    if (integ->authMode == QStringLiteral("API_KEY")) {
        const QString apiKey = body.value(QStringLiteral("api_key")).toString();
        if (apiKey.isEmpty())
            return nango::legacyError(
                400, QStringLiteral("missing_api_key"), QStringLiteral("Missing param 'api_key'."));
        credentials = QJsonObject { { QStringLiteral("type"), QStringLiteral("API_KEY") },
            { QStringLiteral("apiKey"), apiKey } };
    } else {
        if (!body.value(QStringLiteral("username")).isString())
            return nango::legacyError(
                400, QStringLiteral("missing_basic_username"), QStringLiteral("Missing param 'username'."));
        if (!body.value(QStringLiteral("password")).isString())
            return nango::legacyError(
                400, QStringLiteral("missing_basic_password"), QStringLiteral("Missing param 'password'."));
        credentials = QJsonObject { { QStringLiteral("type"), QStringLiteral("BASIC") },
            { QStringLiteral("username"), body.value(QStringLiteral("username")).toString() },
            { QStringLiteral("password"), body.value(QStringLiteral("password")).toString() } };
    }
    QString connectionId = body.value(QStringLiteral("connection_id")).toString();
    if (connectionId.isEmpty())
        connectionId = http::randomUuid();
    else if (!nango::validConnectionId(connectionId))
        return nango::legacyError(
            400, QStringLiteral("invalid_connection_id"), QStringLiteral("Invalid connection_id."));
    // This legacy route saves the credentials without testing them.
    std::lock_guard lock(m_mutex);
    NangoConnection &c = upsert(connectionId, *integ);
    c.credentials = credentials;
    if (body.value(QStringLiteral("metadata")).isObject())
        c.metadata = body.value(QStringLiteral("metadata"));
    if (body.value(QStringLiteral("connection_config")).isObject())
        c.connectionConfig = body.value(QStringLiteral("connection_config")).toObject();
    body.insert(QStringLiteral("connection_id"), connectionId);
    return http::json(201, body);
}

} // namespace crossline::sandbox
