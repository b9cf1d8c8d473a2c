#include "whatsappupstream.h"

#include "httputil.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace crossline::sandbox {

namespace {

QString fbtraceId()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    QString out = QStringLiteral("A");
    for (int i = 0; i < 22; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(64)]));
    return out;
}

// A Graph API error (GraphAPIError in the spec).
ServiceReply metaError(int status, int code, const QString &message, const QString &details = {}, int subcode = 0,
    const QString &type = QStringLiteral("OAuthException"))
{
    QJsonObject error { { QStringLiteral("message"), message }, { QStringLiteral("type"), type },
        { QStringLiteral("code"), code }, { QStringLiteral("fbtrace_id"), fbtraceId() } };
    if (subcode)
        error.insert(QStringLiteral("error_subcode"), subcode);
    if (!details.isEmpty()) {
        error.insert(QStringLiteral("error_data"),
            QJsonObject { { QStringLiteral("messaging_product"), QStringLiteral("whatsapp") },
                { QStringLiteral("details"), details } });
    }
    return http::json(status, QJsonObject { { QStringLiteral("error"), error } });
}

ServiceReply invalidParameter(const QString &message, const QString &details = {})
{
    return metaError(400, 100, message, details);
}

ServiceReply unsupportedRequest(const QByteArray &method, const QString &objectId)
{
    return metaError(400, 100,
        QStringLiteral("Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due "
                       "to missing permissions, or does not support this operation. Please read the "
                       "Graph API documentation at https://developers.facebook.com/docs/graph-api")
            .arg(QString::fromLatin1(method).toLower(), objectId),
        {}, 33, QStringLiteral("GraphMethodException"));
}

struct PhoneNumber
{
    const char *id;
    const char *display;
    const char *verifiedName;
    const char *mode; // LIVE or SANDBOX
    const char *quality;
    const char *tier;
};

const PhoneNumber kPhoneNumbers[] = {
    { "123456789012345", "+1 555-010-0001", "Crossline Sandbox", "LIVE", "GREEN", "TIER_1K" },
    { "109876543210987", "+1 555-010-0002", "Test Number", "SANDBOX", "UNKNOWN", "TIER_50" },
};

const PhoneNumber *findPhone(const QString &id)
{
    for (const auto &p : kPhoneNumbers) {
        if (id == QLatin1String(p.id))
            return &p;
    }
    return nullptr;
}

const char *const kAllowedTestRecipients[] = { "15551234567", "15005550006" };

// Seeded message templates. bodyParams: positional count, or the names for a NAMED template.
struct Template
{
    const char *name;
    const char *language;
    const char *category;
    const char *format; // POSITIONAL or NAMED
    const char *header; // text header or nullptr
    const char *body;
    QStringList namedParams;
    int positionalParams;
    const char *id;
    const char *mediaHeader = nullptr; // IMAGE, VIDEO or DOCUMENT: one header parameter of that type
    const char *urlButton = nullptr; // a URL button (index 0) whose URL ends in {{1}}: one text parameter
};

const QList<Template> &templates()
{
    static const QList<Template> list = {
        { "hello_world", "en_US", "UTILITY", "POSITIONAL", "Hello World",
            "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message "
            "notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.",
            {}, 0, "1192339204654487" },
        // The original backend's README sends order_update with "components": [] — so here it takes no parameters.
        { "order_update", "en_US", "UTILITY", "POSITIONAL", nullptr,
            "Your order has been updated. Reply to this message to see its status.", {}, 0, "920070352646139" },
        { "appointment_reminder", "en_US", "UTILITY", "NAMED", nullptr,
            "Hello {{customer_name}}, this is a reminder of your appointment on {{appointment_time}}.",
            { QStringLiteral("customer_name"), QStringLiteral("appointment_time") }, 0, "1473688840035974" },
        { "shipping_update", "en_US", "UTILITY", "POSITIONAL", nullptr,
            "Hi {{1}}, your order {{2}} has shipped and is on its way.", {}, 2, "920070352646140" },
        { "shipping_update", "es", "UTILITY", "POSITIONAL", nullptr, "Hola {{1}}, tu pedido {{2}} ya fue enviado.", {},
            2, "920070352646141" },
        // A media header and a dynamic URL button: header, body and button parameters in one send.
        { "order_receipt", "en_US", "UTILITY", "POSITIONAL", nullptr,
            "Thanks {{1}}, your receipt for order {{2}} is attached.", {}, 2, "920070352646142", "IMAGE",
            "https://shop.example.com/track/{{1}}" },
    };
    return list;
}

QString digitsOf(const QString &to)
{
    QString digits;
    for (const QChar c : to) {
        if (c.isDigit())
            digits.append(c);
    }
    return digits;
}

} // namespace

QString WhatsAppUpstream::wabaId()
{
    return QStringLiteral("102290129340398");
}

QString WhatsAppUpstream::livePhoneNumberId()
{
    return QString::fromLatin1(kPhoneNumbers[0].id);
}

QString WhatsAppUpstream::expiredTokenPrefix()
{
    return QStringLiteral("EAAGsandboxExpired");
}

bool WhatsAppUpstream::isValidToken(const QString &token)
{
    static const QRegularExpression re(QStringLiteral("^EAA[A-Za-z0-9]{17,}$"));
    return re.match(token).hasMatch() && !token.startsWith(expiredTokenPrefix());
}

ServiceReply WhatsAppUpstream::handle(const ServiceRequest &request)
{
    // Auth: Authorization: Bearer <token> (case-insensitive scheme, as Graph accepts; also ?access_token=).
    QString token;
    const QByteArray auth = request.header("authorization");
    if (auth.size() > 7 && auth.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        token = QString::fromUtf8(auth.mid(7)).trimmed();
    else
        token = http::queryValue(http::parseQuery(request.query), QStringLiteral("access_token"));
    if (token.isEmpty())
        return metaError(400, 2500,
            QStringLiteral("An active access token must be used to query information about "
                           "the current user."));
    if (token.startsWith(expiredTokenPrefix())) {
        return metaError(401, 190,
            QStringLiteral("Error validating access token: Session has expired on Friday, 01-Nov-24 "
                           "08:00:00 PDT. The current time is Monday, 02-Dec-24 10:00:00 PST."),
            {}, 463);
    }
    if (!isValidToken(token))
        return metaError(401, 190, QStringLiteral("Invalid OAuth access token - Cannot parse access token"));

    static const QRegularExpression version(QStringLiteral("^v\\d+\\.\\d+$"));
    QStringList segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty() || !version.match(segments.first()).hasMatch()) {
        return metaError(400, 2500, QStringLiteral("Unknown path components: ") + request.path);
    }
    segments.removeFirst();

    if (request.method == "GET" && segments.size() == 1 && segments[0] == QStringLiteral("me")) {
        return http::json(200,
            QJsonObject { { QStringLiteral("id"), QStringLiteral("122100000000000001") },
                { QStringLiteral("name"), QStringLiteral("Sandbox System User") } });
    }
    if (request.method == "POST" && segments.size() == 2 && segments[1] == QStringLiteral("messages"))
        return sendMessage(segments[0], request);
    if (request.method == "GET" && segments.size() == 2 && segments[0] == wabaId()) {
        if (segments[1] == QStringLiteral("phone_numbers"))
            return listPhoneNumbers();
        if (segments[1] == QStringLiteral("message_templates"))
            return listTemplates(request);
    }
    return unsupportedRequest(request.method, segments.isEmpty() ? QString() : segments.first());
}

ServiceReply WhatsAppUpstream::sendMessage(const QString &phoneNumberId, const ServiceRequest &request)
{
    const PhoneNumber *phone = findPhone(phoneNumberId);
    if (!phone)
        return unsupportedRequest(request.method, phoneNumberId);

    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // Graph reads parameters from the form or JSON body; without them messaging_product is missing.
        return invalidParameter(QStringLiteral("(#100) The parameter messaging_product is required."));
    }
    const QJsonObject body = doc.object();
    if (!body.contains(QStringLiteral("messaging_product")))
        return invalidParameter(QStringLiteral("(#100) The parameter messaging_product is required."));
    const QString product = body.value(QStringLiteral("messaging_product")).toString();
    if (product != QStringLiteral("whatsapp")) {
        return invalidParameter(
            QStringLiteral("(#100) Param messaging_product must be one of {WHATSAPP} - got \"%1\".").arg(product));
    }
    if (body.contains(QStringLiteral("recipient_type"))) {
        const QString rt = body.value(QStringLiteral("recipient_type")).toString();
        if (rt != QStringLiteral("individual") && rt != QStringLiteral("group")) {
            return invalidParameter(
                QStringLiteral("(#100) Param recipient_type must be one of {GROUP, INDIVIDUAL} - got \"%1\".").arg(rt));
        }
    }
    const QJsonValue toValue = body.value(QStringLiteral("to"));
    if (!toValue.isString() || toValue.toString().trimmed().isEmpty())
        return invalidParameter(QStringLiteral("(#100) The parameter to is required."));
    const QString to = toValue.toString();
    static const QRegularExpression toShape(QStringLiteral("^\\+?[0-9 ()\\-]+$"));
    const QString digits = digitsOf(to);
    if (!toShape.match(to).hasMatch() || digits.size() < 7 || digits.size() > 15) {
        return invalidParameter(
            QStringLiteral("(#100) Invalid parameter"), QStringLiteral("Invalid WhatsApp ID (to): ") + to);
    }

    const QString type = body.contains(QStringLiteral("type")) ? body.value(QStringLiteral("type")).toString()
                                                               : QStringLiteral("text");
    if (type != QStringLiteral("text") && type != QStringLiteral("template")) {
        return metaError(400, 131051, QStringLiteral("(#131051) Unsupported message type"),
            QStringLiteral("Message type %1 is not supported by the sandbox.").arg(type));
    }

    if (QString::fromLatin1(phone->mode) == QStringLiteral("SANDBOX")) {
        bool allowed = false;
        for (const char *ok : kAllowedTestRecipients)
            allowed = allowed || digits == QLatin1String(ok);
        if (!allowed) {
            return metaError(400, 131030, QStringLiteral("(#131030) Recipient phone number not in allowed list"),
                QStringLiteral("Recipient phone number not in allowed list: Add recipient phone number "
                               "to recipient list and try again."),
                2655007);
        }
    }

    if (type == QStringLiteral("template")) {
        const QJsonValue templ = body.value(QStringLiteral("template"));
        if (!templ.isObject())
            return invalidParameter(QStringLiteral("(#100) The parameter template is required."));
        return sendTemplate(to, templ.toObject());
    }

    const QJsonValue text = body.value(QStringLiteral("text"));
    if (!text.isObject())
        return invalidParameter(QStringLiteral("(#100) The parameter text is required."));
    const QJsonValue textBody = text.toObject().value(QStringLiteral("body"));
    if (!textBody.isString() || textBody.toString().isEmpty())
        return invalidParameter(QStringLiteral("(#100) The parameter text['body'] is required."));
    if (textBody.toString().size() > 4096)
        return invalidParameter(QStringLiteral("(#100) Param text['body'] must be at most 4096 characters long."));

    return http::json(200,
        QJsonObject { { QStringLiteral("messaging_product"), QStringLiteral("whatsapp") },
            { QStringLiteral("contacts"),
                QJsonArray { QJsonObject { { QStringLiteral("input"), to }, { QStringLiteral("wa_id"), digits } } } },
            { QStringLiteral("messages"),
                QJsonArray { QJsonObject { { QStringLiteral("id"), nextMessageId(digits) } } } } });
}

ServiceReply WhatsAppUpstream::sendTemplate(const QString &to, const QJsonObject &templ)
{
    const QString name = templ.value(QStringLiteral("name")).toString();
    if (name.isEmpty())
        return invalidParameter(QStringLiteral("(#100) The parameter template['name'] is required."));
    const QJsonValue language = templ.value(QStringLiteral("language"));
    const QString code = language.toObject().value(QStringLiteral("code")).toString();
    if (code.isEmpty())
        return invalidParameter(QStringLiteral("(#100) The parameter template['language']['code'] is required."));

    const Template *found = nullptr;
    for (const Template &t : templates()) {
        if (name == QLatin1String(t.name) && code == QLatin1String(t.language))
            found = &t;
    }
    if (!found) {
        return metaError(400, 132001, QStringLiteral("(#132001) Template name does not exist in the translation"),
            QStringLiteral("template name (%1) does not exist in %2").arg(name, code), 2388040);
    }

    // Collect the parameters per component (and refuse parameters for components the template does not have).
    QJsonArray bodyParams;
    QJsonArray headerParams;
    QList<QJsonObject> buttons;
    for (const QJsonValue &c : templ.value(QStringLiteral("components")).toArray()) {
        const QJsonObject comp = c.toObject();
        const QString ctype = comp.value(QStringLiteral("type")).toString().toLower();
        const QJsonArray params = comp.value(QStringLiteral("parameters")).toArray();
        if (ctype == QStringLiteral("body")) {
            for (const QJsonValue &p : params)
                bodyParams.append(p);
        } else if (ctype == QStringLiteral("header")) {
            for (const QJsonValue &p : params)
                headerParams.append(p);
        } else if (ctype == QStringLiteral("button")) {
            buttons.append(comp);
        }
    }
    const auto countMismatch = [](const QString &part, qsizetype got, int expected) {
        return metaError(400, 132000,
            QStringLiteral("(#132000) Number of parameters does not match the expected number of params"),
            QStringLiteral("%1: number of localizable_params (%2) does not match the expected number of "
                           "params (%3)")
                .arg(part)
                .arg(got)
                .arg(expected));
    };
    const bool named = QLatin1String(found->format) == QLatin1String("NAMED");
    const int expected = named ? int(found->namedParams.size()) : found->positionalParams;
    const int expectedHeader = found->mediaHeader ? 1 : 0;
    if (headerParams.size() != expectedHeader)
        return countMismatch(QStringLiteral("header"), headerParams.size(), expectedHeader);
    if (found->mediaHeader) {
        const QString kind = QString::fromLatin1(found->mediaHeader).toLower();
        const QJsonObject param = headerParams.first().toObject();
        if (param.value(QStringLiteral("type")).toString() != kind) {
            return metaError(400, 132012,
                QStringLiteral("(#132012) Parameter format does not match format in the "
                               "created template"),
                QStringLiteral("header: the template's header format is %1")
                    .arg(QString::fromLatin1(found->mediaHeader)));
        }
        const QJsonObject media = param.value(kind).toObject();
        const QUrl link(media.value(QStringLiteral("link")).toString());
        const bool linkOk = (link.scheme() == QLatin1String("https") || link.scheme() == QLatin1String("http"))
            && !link.host().isEmpty();
        if (!linkOk && media.value(QStringLiteral("id")).toString().isEmpty()) {
            return metaError(400, 131009, QStringLiteral("(#131009) Parameter value is not valid"),
                QStringLiteral("header: %1.link must be an http(s) URL (or give %1.id)").arg(kind));
        }
    }
    const int expectedButtons = found->urlButton ? 1 : 0;
    if (buttons.size() != expectedButtons)
        return countMismatch(QStringLiteral("buttons"), buttons.size(), expectedButtons);
    if (found->urlButton) {
        const QJsonObject button = buttons.first();
        const QJsonArray params = button.value(QStringLiteral("parameters")).toArray();
        if (button.value(QStringLiteral("sub_type")).toString().toLower() != QStringLiteral("url")
            || button.value(QStringLiteral("index")).toVariant().toString() != QStringLiteral("0")) {
            return metaError(400, 131009, QStringLiteral("(#131009) Parameter value is not valid"),
                QStringLiteral("button: the template's button at index 0 is a url button"));
        }
        if (params.size() != 1
            || params.first().toObject().value(QStringLiteral("type")).toString() != QStringLiteral("text")
            || params.first().toObject().value(QStringLiteral("text")).toString().isEmpty()) {
            return metaError(400, 131008, QStringLiteral("(#131008) Required parameter is missing"),
                QStringLiteral("button 0: one text parameter, the URL's suffix, is required"));
        }
    }
    if (bodyParams.size() != expected) {
        return metaError(400, 132000,
            QStringLiteral("(#132000) Number of parameters does not match the expected number of params"),
            QStringLiteral("body: number of localizable_params (%1) does not match the expected number of "
                           "params (%2)")
                .arg(bodyParams.size())
                .arg(expected));
    }
    for (const QJsonValue &p : bodyParams) {
        const QJsonObject param = p.toObject();
        const QString ptype = param.value(QStringLiteral("type")).toString();
        if (ptype != QStringLiteral("text") && ptype != QStringLiteral("currency")
            && ptype != QStringLiteral("date_time")) {
            return invalidParameter(QStringLiteral("(#100) Invalid parameter"),
                QStringLiteral("Unsupported body parameter type: ") + ptype);
        }
        const QString pname = param.value(QStringLiteral("parameter_name")).toString();
        if (named ? !found->namedParams.contains(pname) : !pname.isEmpty()) {
            return metaError(400, 132012,
                QStringLiteral("(#132012) Parameter format does not match format in the "
                               "created template"),
                named ? QStringLiteral("body: parameter_name (%1) is not a parameter of the template").arg(pname)
                      : QStringLiteral("body: the template uses positional parameters"));
        }
    }

    const QString digits = digitsOf(to);
    return http::json(200,
        QJsonObject { { QStringLiteral("messaging_product"), QStringLiteral("whatsapp") },
            { QStringLiteral("contacts"),
                QJsonArray { QJsonObject { { QStringLiteral("input"), to }, { QStringLiteral("wa_id"), digits } } } },
            { QStringLiteral("messages"),
                QJsonArray { QJsonObject { { QStringLiteral("id"), nextMessageId(digits) },
                    { QStringLiteral("message_status"), QStringLiteral("accepted") } } } } });
}

ServiceReply WhatsAppUpstream::listPhoneNumbers()
{
    QJsonArray data;
    for (const auto &p : kPhoneNumbers) {
        data.append(QJsonObject { { QStringLiteral("id"), QString::fromLatin1(p.id) },
            { QStringLiteral("display_phone_number"), QString::fromLatin1(p.display) },
            { QStringLiteral("verified_name"), QString::fromLatin1(p.verifiedName) },
            { QStringLiteral("status"), QStringLiteral("CONNECTED") },
            { QStringLiteral("quality_rating"), QString::fromLatin1(p.quality) },
            { QStringLiteral("code_verification_status"), QStringLiteral("VERIFIED") },
            { QStringLiteral("account_mode"), QString::fromLatin1(p.mode) },
            { QStringLiteral("messaging_limit_tier"), QString::fromLatin1(p.tier) },
            { QStringLiteral("country_code"), QStringLiteral("US") },
            { QStringLiteral("country_dial_code"), QStringLiteral("1") },
            { QStringLiteral("host_platform"), QStringLiteral("CLOUD_API") } });
    }
    const QString first = QString::fromLatin1(QByteArray(kPhoneNumbers[0].id).toBase64());
    const QString last = QString::fromLatin1(QByteArray(kPhoneNumbers[1].id).toBase64());
    return http::json(200,
        QJsonObject { { QStringLiteral("data"), data },
            { QStringLiteral("paging"),
                QJsonObject { { QStringLiteral("cursors"),
                    QJsonObject { { QStringLiteral("before"), first }, { QStringLiteral("after"), last } } } } } });
}

ServiceReply WhatsAppUpstream::listTemplates(const ServiceRequest &request)
{
    const auto query = http::parseQuery(request.query);
    bool ok = false;
    int limit = http::queryValue(query, QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0)
        limit = 25;
    int start = 0;
    const QString after = http::queryValue(query, QStringLiteral("after"));
    if (!after.isEmpty())
        start = QByteArray::fromBase64(after.toLatin1()).toInt() + 1;
    const QString nameFilter = http::queryValue(query, QStringLiteral("name"));

    QList<const Template *> matching;
    for (const Template &t : templates()) {
        if (nameFilter.isEmpty() || QString::fromLatin1(t.name).contains(nameFilter))
            matching.append(&t);
    }
    QJsonArray data;
    int end = std::min<int>(int(matching.size()), start + limit);
    for (int i = start; i < end; ++i) {
        const Template &t = *matching[i];
        QJsonArray components;
        if (t.header)
            components.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("HEADER") },
                { QStringLiteral("format"), QStringLiteral("TEXT") },
                { QStringLiteral("text"), QString::fromUtf8(t.header) } });
        QJsonObject bodyComp { { QStringLiteral("type"), QStringLiteral("BODY") },
            { QStringLiteral("text"), QString::fromUtf8(t.body) } };
        if (!t.namedParams.isEmpty()) {
            QJsonArray examples;
            for (const QString &p : t.namedParams)
                examples.append(QJsonObject {
                    { QStringLiteral("param_name"), p }, { QStringLiteral("example"), QStringLiteral("Jasper") } });
            bodyComp.insert(
                QStringLiteral("example"), QJsonObject { { QStringLiteral("body_text_named_params"), examples } });
        } else if (t.positionalParams > 0) {
            QJsonArray row;
            for (int k = 0; k < t.positionalParams; ++k)
                row.append(QStringLiteral("Example%1").arg(k + 1));
            bodyComp.insert(
                QStringLiteral("example"), QJsonObject { { QStringLiteral("body_text"), QJsonArray { row } } });
        }
        if (t.mediaHeader) {
            components.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("HEADER") },
                { QStringLiteral("format"), QString::fromLatin1(t.mediaHeader) },
                { QStringLiteral("example"),
                    QJsonObject { { QStringLiteral("header_handle"),
                        QJsonArray { QStringLiteral("https://scontent.example.net/receipt.png") } } } } });
        }
        components.append(bodyComp);
        components.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("FOOTER") },
            { QStringLiteral("text"), QStringLiteral("Crossline sandbox") } });
        if (t.urlButton) {
            const QJsonObject button { { QStringLiteral("type"), QStringLiteral("URL") },
                { QStringLiteral("text"), QStringLiteral("Track order") },
                { QStringLiteral("url"), QString::fromLatin1(t.urlButton) },
                { QStringLiteral("example"), QJsonArray { QStringLiteral("https://shop.example.com/track/A-1042") } } };
            components.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("BUTTONS") },
                { QStringLiteral("buttons"), QJsonArray { button } } });
        }
        data.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(t.name) },
            { QStringLiteral("language"), QString::fromLatin1(t.language) },
            { QStringLiteral("status"), QStringLiteral("APPROVED") },
            { QStringLiteral("category"), QString::fromLatin1(t.category) },
            { QStringLiteral("parameter_format"), QString::fromLatin1(t.format) },
            { QStringLiteral("id"), QString::fromLatin1(t.id) }, { QStringLiteral("components"), components } });
    }
    QJsonObject cursors { { QStringLiteral("before"), QString::fromLatin1(QByteArray::number(start).toBase64()) },
        { QStringLiteral("after"), QString::fromLatin1(QByteArray::number(std::max(start, end - 1)).toBase64()) } };
    QJsonObject paging { { QStringLiteral("cursors"), cursors } };
    if (end < matching.size()) {
        paging.insert(QStringLiteral("next"),
            QStringLiteral("https://graph.facebook.com/v23.0/%1/message_templates?limit=%2&after=%3")
                .arg(wabaId())
                .arg(limit)
                .arg(cursors.value(QStringLiteral("after")).toString()));
    }
    return http::json(200, QJsonObject { { QStringLiteral("data"), data }, { QStringLiteral("paging"), paging } });
}

QString WhatsAppUpstream::nextMessageId(const QString &digits)
{
    quint64 n = 0;
    {
        std::lock_guard lock(m_mutex);
        n = ++m_counter;
    }
    QByteArray raw("\x15\x02\x00\x11\x18\x12", 6);
    raw.append(digits.toLatin1());
    raw.append(QByteArray::number(n, 16).rightJustified(8, '0'));
    raw.append(QByteArray::number(QRandomGenerator::global()->generate64(), 16).toUpper());
    return QStringLiteral("wamid.") + QString::fromLatin1(raw.toBase64());
}

} // namespace crossline::sandbox
