// WhatsAppMessage::fromJson on any object Qt's JSON parser makes of the bytes: the `data` of a whatsapp.message
// create (a unified body, the Composer's form, `crossline-cli whatsapp test`).
//
// Invariants: a refusal is a Validation error under "data"; an accepted message has a valid connection, an all-digit
// phone number ID, a recipient in E.164 that reads as itself, a text body or a template (never both) within Meta's
// lengths, a Graph API version, a safe base URL override, a request body that says the same; and the message written
// back as `data` is read as the same message.
#include "fuzzcheck.h"
#include "messagechecks.h"
#include "messaging/whatsappmessage.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace crossline;
using crossline::fuzz::shown;

namespace {

QJsonObject writtenBack(const WhatsAppMessage &m)
{
    QJsonObject data { { QStringLiteral("providerConfigKey"), m.providerConfigKey },
        { QStringLiteral("connectionId"), m.connectionId }, { QStringLiteral("phoneNumberId"), m.phoneNumberId },
        { QStringLiteral("to"), m.to }, { QStringLiteral("type"), m.typeName() },
        { QStringLiteral("apiVersion"), m.apiVersion } };
    if (!m.baseUrlOverride.isEmpty())
        data.insert(QStringLiteral("baseUrlOverride"), m.baseUrlOverride);
    if (m.type == WhatsAppMessage::Type::Text) {
        data.insert(QStringLiteral("body"), m.body);
        if (m.previewUrl)
            data.insert(QStringLiteral("previewUrl"), true);
    } else {
        QJsonObject templateObject { { QStringLiteral("name"), m.templateName },
            { QStringLiteral("language"), QJsonObject { { QStringLiteral("code"), m.languageCode } } } };
        if (!m.components.isEmpty())
            templateObject.insert(QStringLiteral("components"), m.components);
        data.insert(QStringLiteral("template"), templateObject);
    }
    return data;
}

void checkMessage(const WhatsAppMessage &m, const QJsonObject &given)
{
    fuzz::checkConnection(m.providerConfigKey, m.connectionId);
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    FUZZ_CHECK(digits.match(m.phoneNumberId).hasMatch(), m.phoneNumberId);
    fuzz::checkE164(m.to, QStringLiteral("to"));
    if (m.type == WhatsAppMessage::Type::Text) {
        FUZZ_CHECK(!m.body.trimmed().isEmpty() && m.body.size() <= WhatsAppMessage::MaxTextLength, shown(given));
        FUZZ_CHECK(m.templateName.isEmpty() && m.languageCode.isEmpty() && m.components.isEmpty(), shown(given));
    } else {
        FUZZ_CHECK(m.body.isEmpty() && !m.previewUrl, shown(given));
        FUZZ_CHECK(!m.templateName.isEmpty() && m.templateName.size() <= WhatsAppMessage::MaxTemplateNameLength,
            m.templateName);
        FUZZ_CHECK(!m.languageCode.isEmpty() && !m.languageCode.contains(u'-'), m.languageCode);
        for (const QJsonValue &component : m.components) {
            static const QStringList types { QStringLiteral("header"), QStringLiteral("body"),
                QStringLiteral("button") };
            FUZZ_CHECK(component.isObject(), shown(given));
            FUZZ_CHECK(types.contains(component.toObject().value(QLatin1String("type")).toString()), shown(given));
        }
    }
    static const QRegularExpression version(QStringLiteral("^v[0-9]+\\.[0-9]+$"));
    FUZZ_CHECK(version.match(m.apiVersion).hasMatch(), m.apiVersion);
    fuzz::checkBaseUrlOverride(m.baseUrlOverride);
    FUZZ_CHECK(m.proxyEndpoint()
            == QLatin1Char('/') + m.apiVersion + QLatin1Char('/') + m.phoneNumberId + QStringLiteral("/messages"),
        m.proxyEndpoint());

    const QJsonObject body = m.requestBody();
    FUZZ_CHECK(body.value(QLatin1String("messaging_product")) == QLatin1String("whatsapp"), shown(body));
    FUZZ_CHECK(body.value(QLatin1String("to")) == m.to, shown(body));
    FUZZ_CHECK(body.value(QLatin1String("type")) == m.typeName(), shown(body));
    FUZZ_CHECK(body.contains(m.typeName()), shown(body));

    const QJsonObject data = writtenBack(m);
    const Expected<WhatsAppMessage> again = WhatsAppMessage::fromJson(data);
    FUZZ_CHECK(again.hasValue(), again.error().message + QStringLiteral(" for ") + shown(data));
    FUZZ_CHECK(again->requestBody() == body, shown(again->requestBody()) + QStringLiteral(" != ") + shown(body));
    FUZZ_CHECK(again->proxyEndpoint() == m.proxyEndpoint() && again->baseUrlOverride == m.baseUrlOverride
            && again->providerConfigKey == m.providerConfigKey && again->connectionId == m.connectionId,
        shown(data));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz::fuzzMessage<WhatsAppMessage>(data, size, checkMessage);
}
