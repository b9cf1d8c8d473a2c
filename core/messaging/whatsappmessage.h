#pragma once

#include "expected.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace crossline {

// A WhatsApp Cloud API message sent through Nango's Requests Proxy: the original backend's `whatsapp.message`
// create, posted as JSON to POST /proxy/{apiVersion}/{phoneNumberId}/messages.
struct WhatsAppMessage
{
    enum class Type
    {
        Text,
        Template
    };

    QString providerConfigKey;
    QString connectionId;
    QString phoneNumberId;
    QString to; // E.164 with '+' after fromJson (without it Meta prepends the sender's country code)
    Type type = Type::Text;
    QString body; // text messages
    bool previewUrl = false;
    QString templateName;
    QString languageCode;
    QJsonArray components; // template components, passed through as given
    QString apiVersion = QStringLiteral("v20.0");
    QString baseUrlOverride; // empty: the integration's own base URL (https://graph.facebook.com); no header
    QStringList warnings; // things worth telling the user that do not stop the send

    static constexpr int MaxTextLength = 4096; // text.body maxLength in Meta's spec
    static constexpr int MaxTemplateNameLength = 512;

    static QString defaultBaseUrl() { return QStringLiteral("https://graph.facebook.com"); }

    // Parses the seed's `data` object of a whatsapp.message create. Errors are Validation errors whose field is
    // the offending path under `fieldPrefix` ("data.phoneNumberId", "data.template.language.code").
    static Expected<WhatsAppMessage> fromJson(
        const QJsonObject &data, const QString &fieldPrefix = QStringLiteral("data"));

    QString typeName() const; // "text" / "template"
    // The path after Nango's /proxy: "/v20.0/123456789012345/messages".
    QString proxyEndpoint() const;
    // Where the message goes upstream: baseUrlOverride, else https://graph.facebook.com (shown, not sent: the
    // Base-Url-Override header carries only an override the user gave).
    QString upstreamBaseUrl() const;
    // The Graph API request body: {messaging_product, recipient_type, to, type, text | template}.
    QJsonObject requestBody() const;

    Q_DECLARE_TR_FUNCTIONS(WhatsAppMessage)
};

} // namespace crossline
