#include "messaging/whatsappmessage.h"

#include "messaging/payloadfield.h"
#include "net/httpclient.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QUrl>

namespace crossline {

namespace {

const QStringList knownFields = {
    QStringLiteral("providerConfigKey"),
    QStringLiteral("connectionId"),
    QStringLiteral("phoneNumberId"),
    QStringLiteral("type"),
    QStringLiteral("to"),
    QStringLiteral("body"),
    QStringLiteral("previewUrl"),
    QStringLiteral("template"),
    QStringLiteral("apiVersion"),
    QStringLiteral("baseUrlOverride"),
};

Error readTemplate(const QJsonValue &value, const QString &path, WhatsAppMessage *message)
{
    if (!value.isObject())
        return Error::validation(
            path, WhatsAppMessage::tr("%1 must be an object, not %2.").arg(path, PayloadField::typeName(value)));
    const QJsonObject object = value.toObject();

    if (Error e = PayloadField::readString(object, path, QStringLiteral("name"), true,
            WhatsAppMessage::tr("the approved template's name, e.g. \"hello_world\""))
                      .into(message->templateName))
        return e;
    const QString namePath = PayloadField::path(path, QStringLiteral("name"));
    if (message->templateName.size() > WhatsAppMessage::MaxTemplateNameLength)
        return Error::validation(namePath,
            WhatsAppMessage::tr("%1 is %2 characters long; template names have at most %3.")
                .arg(namePath)
                .arg(message->templateName.size())
                .arg(WhatsAppMessage::MaxTemplateNameLength));
    // Meta's names are lowercase letters, digits and underscores (from third-party schemas, not Meta's text): warn
    // rather than refuse, Meta has the last word.
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9_]+$"));
    if (!namePattern.match(message->templateName).hasMatch())
        message->warnings << WhatsAppMessage::tr(
            "%1: \"%2\" is not the usual form of a template name (lowercase letters, "
            "digits and underscores); it will be sent as is.")
                                 .arg(namePath, message->templateName);

    const QString languagePath = PayloadField::path(path, QStringLiteral("language"));
    const QJsonValue language = object.value(QStringLiteral("language"));
    if (PayloadField::isAbsent(language))
        return Error::validation(languagePath,
            WhatsAppMessage::tr("%1 is missing: give the template's language, e.g. "
                                "{\"code\": \"en_US\"}.")
                .arg(languagePath));
    if (language.isString())
        return Error::validation(languagePath,
            WhatsAppMessage::tr("%1 must be an object like {\"code\": \"%2\"}, not a string.")
                .arg(languagePath, language.toString()));
    if (!language.isObject())
        return Error::validation(languagePath,
            WhatsAppMessage::tr("%1 must be an object, not %2.").arg(languagePath, PayloadField::typeName(language)));
    if (Error e = PayloadField::readString(language.toObject(), languagePath, QStringLiteral("code"), true,
            WhatsAppMessage::tr("the template's language code, e.g. \"en_US\""))
                      .into(message->languageCode))
        return e;
    const QString codePath = PayloadField::path(languagePath, QStringLiteral("code"));
    // Codes must match the approved template exactly and use an underscore: zh_CN, not zh-CN.
    if (message->languageCode.contains(QLatin1Char('-')))
        return Error::validation(codePath,
            WhatsAppMessage::tr("%1: \"%2\" uses a hyphen; WhatsApp language codes use an underscore, "
                                "e.g. \"%3\".")
                .arg(codePath, message->languageCode,
                    QString(message->languageCode).replace(QLatin1Char('-'), QLatin1Char('_'))));
    static const QRegularExpression codePattern(QStringLiteral("^[A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})?$"));
    if (!codePattern.match(message->languageCode).hasMatch())
        return Error::validation(codePath,
            WhatsAppMessage::tr("%1: \"%2\" is not a language code; use the template's code, "
                                "e.g. \"en_US\" or \"en\".")
                .arg(codePath, message->languageCode));

    const QString componentsPath = PayloadField::path(path, QStringLiteral("components"));
    const QJsonValue components = object.value(QStringLiteral("components"));
    if (!PayloadField::isAbsent(components)) {
        if (!components.isArray())
            return Error::validation(componentsPath,
                WhatsAppMessage::tr("%1 must be an array, not %2.")
                    .arg(componentsPath, PayloadField::typeName(components)));
        const QJsonArray array = components.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString itemPath = componentsPath + QStringLiteral("[%1]").arg(i);
            if (!array.at(i).isObject()) {
                return Error::validation(itemPath,
                    WhatsAppMessage::tr("%1 must be an object, not %2.")
                        .arg(itemPath, PayloadField::typeName(array.at(i))));
            }
            // Meta's TemplateComponent: type header, body or button (a button also has sub_type and index), and
            // parameters a list. Anything else Meta refuses after the message was counted as an attempt.
            const QJsonObject component = array.at(i).toObject();
            const QString type = component.value(QStringLiteral("type")).toString();
            static const QStringList types { QStringLiteral("header"), QStringLiteral("body"),
                QStringLiteral("button") };
            if (!types.contains(type))
                return Error::validation(itemPath + QStringLiteral(".type"),
                    WhatsAppMessage::tr("%1.type must be header, body or button, not %2.")
                        .arg(itemPath,
                            component.value(QStringLiteral("type")).isString()
                                ? QLatin1Char('"') + type + QLatin1Char('"')
                                : PayloadField::typeName(component.value(QStringLiteral("type")))));
            const QJsonValue parameters = component.value(QStringLiteral("parameters"));
            if (!PayloadField::isAbsent(parameters) && !parameters.isArray())
                return Error::validation(itemPath + QStringLiteral(".parameters"),
                    WhatsAppMessage::tr("%1.parameters must be a list, not %2.")
                        .arg(itemPath, PayloadField::typeName(parameters)));
            if (type == QLatin1String("button")
                && (!component.value(QStringLiteral("sub_type")).isString()
                    || !component.value(QStringLiteral("index")).isString()))
                return Error::validation(itemPath,
                    WhatsAppMessage::tr("%1 is a button: it needs sub_type (quick_reply, url or catalog) and index "
                                        "(\"0\", \"1\"…).")
                        .arg(itemPath));
            // The button kinds Meta documents (its spec lists three; its examples and guides use the others).
            static const QStringList subTypes { QStringLiteral("quick_reply"), QStringLiteral("url"),
                QStringLiteral("catalog"), QStringLiteral("copy_code"), QStringLiteral("flow"), QStringLiteral("mpm"),
                QStringLiteral("order_details"), QStringLiteral("voice_call") };
            const QString subType = component.value(QStringLiteral("sub_type")).toString();
            if (type == QLatin1String("button") && !subTypes.contains(subType.toLower()))
                return Error::validation(itemPath + QStringLiteral(".sub_type"),
                    WhatsAppMessage::tr("%1.sub_type \"%2\" is not a kind of button Meta knows (quick_reply, url, "
                                        "catalog, copy_code, flow…).")
                        .arg(itemPath, subType));
            // Meta's ParameterObject: an object with a lower-case type; a header's or body's are these six (and a
            // location header), a button's payload or text (and coupon_code, action).
            static const QStringList parameterTypes { QStringLiteral("text"), QStringLiteral("currency"),
                QStringLiteral("date_time"), QStringLiteral("image"), QStringLiteral("document"),
                QStringLiteral("video"), QStringLiteral("location") };
            static const QStringList buttonParameterTypes { QStringLiteral("payload"), QStringLiteral("text"),
                QStringLiteral("coupon_code"), QStringLiteral("action") };
            const QJsonArray list = parameters.toArray();
            for (qsizetype p = 0; p < list.size(); ++p) {
                const QString parameterPath = itemPath + QStringLiteral(".parameters[%1]").arg(p);
                if (!list.at(p).isObject())
                    return Error::validation(parameterPath,
                        WhatsAppMessage::tr("%1 must be an object such as {\"type\": \"text\", \"text\": \"…\"}, not "
                                            "%2.")
                            .arg(parameterPath, PayloadField::typeName(list.at(p))));
                const QJsonValue kind = list.at(p).toObject().value(QStringLiteral("type"));
                const QStringList &allowed = type == QLatin1String("button") ? buttonParameterTypes : parameterTypes;
                if (!kind.isString() || !allowed.contains(kind.toString()))
                    return Error::validation(parameterPath + QStringLiteral(".type"),
                        WhatsAppMessage::tr("%1.type must be one of %2 (in lower case), not %3.")
                            .arg(parameterPath, allowed.join(QStringLiteral(", ")),
                                kind.isString() ? QLatin1Char('"') + kind.toString() + QLatin1Char('"')
                                                : PayloadField::typeName(kind)));
            }
        }
        message->components = array;
    }
    return {};
}

} // namespace

Expected<WhatsAppMessage> WhatsAppMessage::fromJson(const QJsonObject &data, const QString &fieldPrefix)
{
    WhatsAppMessage m;
    const auto path = [&](const char *key) { return PayloadField::path(fieldPrefix, QLatin1String(key)); };

    const Expected<ConnectionRef> connection = PayloadField::readConnection(
        data, fieldPrefix, QStringLiteral("whatsapp-business"), QStringLiteral("conn_abc123"));
    if (!connection)
        return connection.error();
    m.providerConfigKey = connection->providerConfigKey;
    m.connectionId = connection->connectionId;

    const QJsonValue phoneNumberIdValue = data.value(QStringLiteral("phoneNumberId"));
    const QString phoneNumberIdExample = QStringLiteral("\"123456789012345\"");
    if (phoneNumberIdValue.isDouble())
        return Error::validation(path("phoneNumberId"),
            tr("%1 must be a string, not a number.").arg(path("phoneNumberId")),
            tr("Write it in quotes, e.g. %1: a JSON number can lose digits.").arg(phoneNumberIdExample));
    if (Error e = PayloadField::readString(data, fieldPrefix, QStringLiteral("phoneNumberId"), true,
            tr("the WhatsApp Business phone number ID, e.g. %1").arg(phoneNumberIdExample))
                      .into(m.phoneNumberId))
        return e;
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (!digits.match(m.phoneNumberId).hasMatch())
        return Error::validation(path("phoneNumberId"),
            tr("%1: \"%2\" is not a phone number ID; it is all digits, e.g. %3.")
                .arg(path("phoneNumberId"), m.phoneNumberId, phoneNumberIdExample),
            tr("It is the ID WhatsApp Manager shows for the business number, not the phone "
               "number itself."));

    const QJsonValue bodyValue = data.value(QStringLiteral("body"));
    const QJsonValue templateValue = data.value(QStringLiteral("template"));
    QString typeText;
    if (Error e = PayloadField::readString(data, fieldPrefix, QStringLiteral("type"), false, QString()).into(typeText))
        return e;
    if (typeText.isEmpty()) {
        // The seed defaults to text; a lone template object can only mean a template.
        m.type = (PayloadField::isAbsent(bodyValue) && !PayloadField::isAbsent(templateValue)) ? Type::Template
                                                                                               : Type::Text;
    } else if (typeText == QLatin1String("text")) {
        m.type = Type::Text;
    } else if (typeText == QLatin1String("template")) {
        m.type = Type::Template;
    } else {
        return Error::validation(path("type"),
            tr("%1: \"%2\" is not a supported message type; use \"text\" or \"template\".")
                .arg(path("type"), typeText));
    }

    const Expected<Recipient> recipient = PayloadField::readRecipient(data, fieldPrefix);
    if (!recipient)
        return recipient.error();
    m.to = recipient->e164;
    if (!recipient->warning.isEmpty())
        m.warnings << recipient->warning;

    if (m.type == Type::Text) {
        if (!PayloadField::isAbsent(templateValue))
            return Error::validation(path("template"),
                tr("%1 is only used by template messages; remove it or set %2 to \"template\".")
                    .arg(path("template"), path("type")));
        if (Error e
            = PayloadField::readString(data, fieldPrefix, QStringLiteral("body"), true, tr("the text to send"), false)
                  .into(m.body))
            return e;
        // UTF-16 units, as the seed (JavaScript) counted: the stricter reading of Meta's "4096 characters".
        if (m.body.size() > MaxTextLength)
            return Error::validation(path("body"),
                tr("%1 is %2 characters long; WhatsApp accepts at most %3.")
                    .arg(path("body"))
                    .arg(m.body.size())
                    .arg(MaxTextLength));
        const QJsonValue preview = data.value(QStringLiteral("previewUrl"));
        if (!PayloadField::isAbsent(preview)) {
            if (!preview.isBool())
                return Error::validation(path("previewUrl"),
                    tr("%1 must be true or false, not %2.").arg(path("previewUrl"), PayloadField::typeName(preview)));
            m.previewUrl = preview.toBool();
        }
    } else {
        if (!PayloadField::isAbsent(bodyValue))
            return Error::validation(path("body"),
                tr("%1 is not used by template messages; remove it or set %2 to \"text\".")
                    .arg(path("body"), path("type")));
        if (PayloadField::isAbsent(templateValue))
            return Error::validation(path("template"),
                tr("%1 is missing: give the template to send, e.g. {\"name\": \"hello_world\", "
                   "\"language\": {\"code\": \"en_US\"}}.")
                    .arg(path("template")));
        if (Error e = readTemplate(templateValue, path("template"), &m))
            return e;
        if (!PayloadField::isAbsent(data.value(QStringLiteral("previewUrl"))))
            m.warnings << tr("%1 only applies to text messages and was ignored.").arg(path("previewUrl"));
    }

    QString version;
    if (Error e
        = PayloadField::readString(data, fieldPrefix, QStringLiteral("apiVersion"), false, QString()).into(version))
        return e;
    if (!version.isEmpty()) {
        static const QRegularExpression versionPattern(QStringLiteral("^v[0-9]+\\.[0-9]+$"));
        if (!versionPattern.match(version).hasMatch())
            return Error::validation(path("apiVersion"),
                tr("%1: \"%2\" is not a Graph API version; write it like \"v20.0\".").arg(path("apiVersion"), version));
        m.apiVersion = version;
    }

    if (Error e = PayloadField::readBaseUrlOverride(data, fieldPrefix, defaultBaseUrl()).into(m.baseUrlOverride))
        return e;

    for (auto it = data.begin(); it != data.end(); ++it) {
        if (!knownFields.contains(it.key()))
            m.warnings << tr("%1 is not a field of a WhatsApp message and was ignored.")
                              .arg(PayloadField::path(fieldPrefix, it.key()));
    }
    return m;
}

QString WhatsAppMessage::typeName() const
{
    return type == Type::Template ? QStringLiteral("template") : QStringLiteral("text");
}

QString WhatsAppMessage::proxyEndpoint() const
{
    return QLatin1Char('/') + apiVersion + QLatin1Char('/')
        + QString::fromLatin1(QUrl::toPercentEncoding(phoneNumberId)) + QStringLiteral("/messages");
}

QString WhatsAppMessage::upstreamBaseUrl() const
{
    return baseUrlOverride.isEmpty() ? defaultBaseUrl() : baseUrlOverride;
}

QJsonObject WhatsAppMessage::requestBody() const
{
    // All four base properties always, though Meta's own examples sometimes leave two out.
    QJsonObject body {
        { QStringLiteral("messaging_product"), QStringLiteral("whatsapp") },
        { QStringLiteral("recipient_type"), QStringLiteral("individual") },
        { QStringLiteral("to"), to },
        { QStringLiteral("type"), typeName() },
    };
    if (type == Type::Text) {
        QJsonObject text { { QStringLiteral("body"), this->body } };
        if (previewUrl)
            text.insert(QStringLiteral("preview_url"), true);
        body.insert(QStringLiteral("text"), text);
    } else {
        QJsonObject templateObject {
            { QStringLiteral("name"), templateName },
            { QStringLiteral("language"), QJsonObject { { QStringLiteral("code"), languageCode } } },
        };
        // A template without variables is sent with no components at all (like Meta's hello_world).
        if (!components.isEmpty())
            templateObject.insert(QStringLiteral("components"), components);
        body.insert(QStringLiteral("template"), templateObject);
    }
    return body;
}

} // namespace crossline
