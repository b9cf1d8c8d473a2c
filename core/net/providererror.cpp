#include "net/providererror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace crossline {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crossline::ProviderError", text);
}

QString snippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(200)).simplified();
    if (body.size() > 200)
        text += QStringLiteral("…");
    return text;
}

QString statusText(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 409:
        return QStringLiteral("Conflict");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 422:
        return QStringLiteral("Unprocessable Entity");
    case 424:
        return QStringLiteral("Failed Dependency");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return QStringLiteral("HTTP error");
    }
}
} // namespace

QString ProviderError::hintFor(const QString &envelope, const QString &code)
{
    if (envelope == QLatin1String("nango")) {
        if (code == QLatin1String("connection_test_failed"))
            return tr("Nango could not verify this token with the provider. Check the token, or — if your Nango server "
                      "cannot reach the provider — import it without verification (--skip-verification).");
        if (code == QLatin1String("missing_auth_header") || code == QLatin1String("malformed_auth_header"))
            return tr("Set the Nango secret key (NANGO_SECRET_KEY, --key, or the profile's keychain entry).");
        if (code == QLatin1String("invalid_secret_key_format"))
            return tr("A Nango secret key is a UUID (xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx). Copy it again from the "
                      "Nango dashboard's environment settings.");
        if (code == QLatin1String("unknown_account"))
            return tr("Nango does not know this secret key. Check that it belongs to this environment and server.");
        if (code == QLatin1String("unknown_provider_config"))
            return tr("No integration with this key exists in this Nango environment. Create it in Nango first, or "
                      "check --providerConfigKey.");
        if (code == QLatin1String("not_found"))
            return tr("Check the integration key / connection id, and that the base URL points at Nango.");
        if (code == QLatin1String("unknown_connection") || code == QLatin1String("server_error"))
            return tr("Check that the connection exists for this integration (nango connections).");
        if (code == QLatin1String("base_url_override_disabled"))
            return tr("This Nango server has base URL overrides turned off: leave baseUrlOverride out (the "
                      "integration's own base URL is used), or start Nango with "
                      "NANGO_PROXY_BASE_URL_OVERRIDE_ENABLED=true.");
        if (code == QLatin1String("base_url_override_not_allowed"))
            return tr("Nango refuses this Base-Url-Override host (loopback, private and unresolvable hosts are "
                      "denied): use a public https host, or leave baseUrlOverride out.");
        if (code == QLatin1String("too_many_request"))
            return tr("Nango's rate limit was reached; wait a minute and retry.");
        if (code == QLatin1String("forbidden"))
            return tr("The Nango key lacks the scope this call needs.");
        if (code == QLatin1String("invalid_body") || code == QLatin1String("invalid_query_params")
            || code == QLatin1String("invalid_headers"))
            return tr("Nango rejected the request's shape; the details above name the field.");
        return {};
    }
    if (envelope == QLatin1String("meta")) {
        const int c = code.toInt();
        switch (c) {
        case 131030:
            return tr("The sender is a test number: add and verify the recipient in the Meta App Dashboard "
                      "(WhatsApp > API Setup > To), or send from a registered production number.");
        case 131047:
            return tr("More than 24 hours since the user last wrote: send a template message instead.");
        case 131026:
            return tr("The recipient cannot receive this message (not on WhatsApp or an outdated client).");
        case 132000:
            return tr("The number of template parameters does not match the template.");
        case 132001:
            return tr("No approved template with this name and language: check the name and the exact "
                      "language code (en_US is not en).");
        case 132012:
            return tr("A template parameter has the wrong format.");
        case 132015:
        case 132016:
            return tr("The template is paused or disabled for quality reasons.");
        case 190:
            return tr(
                "The WhatsApp access token expired: replace it in the Nango connection (use a system-user token).");
        case 130429:
        case 80007:
        case 4:
            return tr("Meta's rate limit was reached: wait and retry.");
        case 131056:
            return tr("Too many messages to the same recipient in a short time: wait a few seconds.");
        case 100:
        case 131008:
        case 131009:
            return tr("A parameter is missing or invalid: the details name it.");
        case 10:
        case 200:
            return tr("The token lacks the whatsapp_business_messaging permission or asset access.");
        case 133010:
            return tr("Register the business phone number first.");
        default:
            return {};
        }
    }
    if (envelope == QLatin1String("twilio")) {
        const int c = code.toInt();
        switch (c) {
        case 21211:
            return tr("Twilio does not accept this 'To' number: it is not a valid, reachable phone number for this "
                      "account or its region. If it is not in E.164 (+ and the country code), write it so; if it "
                      "already is, check the number itself with the recipient.");
        case 21604:
            return tr("Twilio did not receive a form body: the request must be application/x-www-form-urlencoded "
                      "(through Nango, with Nango-Proxy-Content-Type).");
        case 21608:
            return tr("Trial account: verify the recipient in the Twilio Console, or upgrade the account.");
        case 21610:
            return tr("The recipient replied STOP to this sender; they must text START first.");
        case 21614:
            return tr("The 'To' number is not a mobile number.");
        case 21612:
        case 21408:
            return tr("Sending to this region is not enabled: check the geo permissions.");
        case 21606:
        case 21212:
        case 21659:
            return tr("The 'From' number is not an SMS-capable number of this account.");
        case 20003:
            return tr("Twilio refused the credentials stored in the Nango connection (Account SID / Auth Token).");
        case 20404:
            return tr("Twilio does not know this resource: check the Account SID.");
        case 20429:
            return tr("Too many concurrent requests to Twilio: retry shortly.");
        default:
            return {};
        }
    }
    if (envelope == QLatin1String("panora")) {
        if (code == QLatin1String("404"))
            return tr("This Panora server does not have this route. Employees (/hris) were removed from Panora in "
                      "November 2024: use a deployment that still has them.");
        if (code == QLatin1String("401"))
            return tr("Set the Panora API key (PANORA_API_KEY) and connection token (PANORA_CONNECTION_TOKEN).");
        return {};
    }
    return {};
}

// Panora answers almost every failure with HTTP 500 and a bare message; these are the ones seen on a running server.
QString ProviderError::panoraServerErrorHint(const QString &message)
{
    static const QRegularExpression upstream(QStringLiteral("Request failed with status code (\\d{3})"));
    if (const QRegularExpressionMatch m = upstream.match(message); m.hasMatch())
        return tr("The CRM refused the request with HTTP %1 (Panora does not pass on its words; 409 usually means the "
                  "record already exists). Check the record in the CRM itself.")
            .arg(m.captured(1));
    if (message.contains(QLatin1String("reading 'id_crm_contact'")) || message.contains(QLatin1String("reading 'id_")))
        return tr("The record may not exist: Panora answers an unknown id with this error. Check the id (list the "
                  "records to find it).");
    if (message.contains(QLatin1String("reading 'data'")))
        return tr("This record has no remote data in Panora: leave remote_data out.");
    return tr("Panora failed without saying why (it answers most errors with HTTP 500); its server log has the "
              "cause.");
}

Error ProviderError::fromHttp(int status, const QByteArray &body, const QByteArray &contentType, const QString &service)
{
    Error e;
    e.kind = (status == 401 || status == 403) ? Error::Kind::Auth : Error::Kind::Http;
    e.httpStatus = status;

    const QByteArray type = contentType.toLower();
    if (type.contains("text/html")) {
        e.message = tr("%1 answered HTTP %2 with an HTML page instead of JSON.").arg(service, QString::number(status));
        e.hint = tr("Check the base URL: it should point at the API, not at a web page.");
        return e;
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = doc.object();

    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        // Twilio: flat {code:int, message, more_info, status}
        if (root.value(QLatin1String("code")).isDouble()
            && (root.contains(QLatin1String("more_info")) || root.contains(QLatin1String("status")))) {
            e.code = QString::number(root.value(QLatin1String("code")).toInt());
            e.message = tr("Twilio: %1").arg(root.value(QLatin1String("message")).toString());
            e.hint = hintFor(QStringLiteral("twilio"), e.code);
            const QString more = root.value(QLatin1String("more_info")).toString();
            if (!more.isEmpty())
                e.hint = e.hint.isEmpty() ? more : e.hint + QLatin1Char(' ') + more;
            return e;
        }
        const QJsonValue errorValue = root.value(QLatin1String("error"));
        if (errorValue.isObject()) {
            const QJsonObject err = errorValue.toObject();
            const QJsonValue codeValue = err.value(QLatin1String("code"));
            if (codeValue.isDouble()) { // Meta Graph error
                e.code = QString::number(codeValue.toInt());
                QString msg = err.value(QLatin1String("message")).toString();
                const QString details
                    = err.value(QLatin1String("error_data")).toObject().value(QLatin1String("details")).toString();
                if (!details.isEmpty() && !msg.contains(details)) {
                    // Meta's details often repeat the message ("…not in allowed list: Add recipient…"): say it once.
                    static const QRegularExpression codePrefix(QStringLiteral("^\\(#\\d+\\)\\s*"));
                    static const QRegularExpression separator(QStringLiteral("^[:.\\s]+"));
                    const QString bare = QString(msg).remove(codePrefix).trimmed();
                    QString extra = details;
                    if (!bare.isEmpty() && extra.startsWith(bare))
                        extra = extra.mid(bare.size()).remove(separator);
                    if (!extra.isEmpty())
                        msg += QStringLiteral(": ") + extra;
                }
                e.message = tr("WhatsApp: %1").arg(msg);
                e.hint = hintFor(QStringLiteral("meta"), e.code);
                if (e.code == QLatin1String("190") && !msg.contains(QLatin1String("expired"), Qt::CaseInsensitive))
                    // Meta's 190 is every refused token, not only an expired one ("Cannot parse access token").
                    e.hint = tr("Meta refused the WhatsApp access token (it is not a valid, current token): copy the "
                                "whole token again into the Nango connection (use a system-user token).");
                const QString trace = err.value(QLatin1String("fbtrace_id")).toString();
                if (!trace.isEmpty())
                    e.hint += (e.hint.isEmpty() ? QString() : QStringLiteral(" "))
                        + tr("(fbtrace_id %1 for Meta support)").arg(trace);
                return e;
            }
            // Nango: {error:{code:string, message?, errors?[]}}
            e.code = codeValue.toString();
            QString msg = err.value(QLatin1String("message")).toString();
            const QJsonArray details = err.value(QLatin1String("errors")).toArray();
            QStringList parts;
            for (const QJsonValue &d : details) {
                const QJsonObject o = d.toObject();
                QStringList path;
                for (const QJsonValue &p : o.value(QLatin1String("path")).toArray())
                    path << (p.isDouble() ? QString::number(p.toInt()) : p.toString());
                const QString where = path.join(QLatin1Char('.'));
                const QString text = o.value(QLatin1String("message")).toString();
                parts << (where.isEmpty() ? text : where + QStringLiteral(": ") + text);
            }
            if (msg.isEmpty())
                msg = parts.isEmpty() ? e.code : parts.join(QStringLiteral("; "));
            else if (!parts.isEmpty())
                msg += QStringLiteral(" (") + parts.join(QStringLiteral("; ")) + QLatin1Char(')');
            e.message = tr("Nango: %1").arg(msg.isEmpty() ? statusText(status) : msg);
            e.hint = hintFor(QStringLiteral("nango"), e.code);
            // An action's call to the provider failed (424 script_http_error): the provider's own status and words
            // are what a support person needs.
            const QJsonObject upstream = err.value(QLatin1String("upstream")).toObject();
            if (!upstream.isEmpty()) {
                const QJsonValue body = upstream.value(QLatin1String("body"));
                QString said
                    = body.isObject() ? body.toObject().value(QLatin1String("message")).toString() : body.toString();
                if (said.isEmpty() && body.isObject())
                    said = QString::fromUtf8(QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact));
                e.message = tr("Nango: the action's call to the provider failed: HTTP %1%2")
                                .arg(upstream.value(QLatin1String("status")).toInt())
                                .arg(said.isEmpty() ? QString() : QStringLiteral(" — ") + said.left(300));
                e.hint = tr("The provider refused what the action asked for; its words above say why (e.g. the "
                            "record already exists).");
            }
            return e;
        }
        // Panora / NestJS: {statusCode, message}
        if (root.contains(QLatin1String("statusCode"))) {
            const QJsonValue m = root.value(QLatin1String("message"));
            QString msg = m.isArray() ? m.toVariant().toStringList().join(QStringLiteral("; ")) : m.toString();
            e.code = QString::number(root.value(QLatin1String("statusCode")).toInt(status));
            e.message = tr("Panora: %1").arg(msg.isEmpty() ? statusText(status) : msg);
            e.hint = hintFor(QStringLiteral("panora"), e.code);
            if (msg.contains(QLatin1String("API Key not found")))
                e.kind = Error::Kind::Auth, e.hint = tr("Panora does not know this API key: check PANORA_API_KEY.");
            else if (msg.contains(QLatin1String("Connection undefined for token")))
                e.kind = Error::Kind::Auth,
                e.hint = tr("Panora does not know this connection token: check PANORA_CONNECTION_TOKEN.");
            else if (status == 500)
                e.hint = panoraServerErrorHint(msg);
            else if (status == 400 && msg == QLatin1String("Bad Request Exception"))
                e.hint = tr("Panora refused a query parameter without naming it: it takes limit (a number), cursor "
                            "(next_cursor of a previous answer, as given) and remote_data (true) only.");
            return e;
        }
        if (errorValue.isString()) { // some gateways: {"error":"text"}
            e.message = tr("%1: %2").arg(service, errorValue.toString());
            return e;
        }
    }
    const QString text = snippet(body);
    e.message = text.isEmpty()
        ? tr("%1 answered HTTP %2 %3.").arg(service, QString::number(status), statusText(status))
        : tr("%1 answered HTTP %2 %3: %4").arg(service, QString::number(status), statusText(status), text);
    if (status == 404 && service == QLatin1String("panora"))
        e.hint = hintFor(QStringLiteral("panora"), QStringLiteral("404"));
    return e;
}

} // namespace crossline
