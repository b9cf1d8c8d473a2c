#include "messaging/whatsappmessage.h"

#include <QJsonDocument>
#include <QTest>

using namespace crossline;

class TestWhatsAppMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedText();
    void seedTemplate();
    void templateWithComponents();
    void typeInferred_data();
    void typeInferred();
    void previewUrl();
    void overrides_data();
    void overrides();
    void longestText();
    void warnings();
    void fieldPrefix();
    void rejected_data();
    void rejected();
};

namespace {

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// The original backend's whatsapp.message create examples, `data` only.
QJsonObject seedText()
{
    return object(
        R"({ "providerConfigKey": "whatsapp-business", "connectionId": "conn_abc123", "phoneNumberId": "123456789012345", "type": "text", "to": "+15551234567", "body": "Hello from Nango proxy!" })");
}

QJsonObject seedTemplate()
{
    return object(
        R"({ "providerConfigKey": "whatsapp-business", "connectionId": "conn_abc123", "phoneNumberId": "123456789012345", "type": "template", "to": "+15551234567", "template": { "name": "order_update", "language": { "code": "en_US" }, "components": [] } })");
}

WhatsAppMessage parse(const QJsonObject &data)
{
    auto parsed = WhatsAppMessage::fromJson(data);
    if (!parsed) {
        const Error err = parsed.error();
        const Error *e = &err;
        // Records the failure; the caller's comparisons against the empty result then fail too.
        QTest::qFail(
            qPrintable(QStringLiteral("unexpected error: %1: %2").arg(e->field, e->message)), __FILE__, __LINE__);
        return {};
    }
    return *parsed;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const QString seedPhoneWarning = QStringLiteral(
    "+1 555-123-4567 is not an assigned number in United States (555 numbers are fictional); it will be sent as is.");

} // namespace

void TestWhatsAppMessage::seedText()
{
    const WhatsAppMessage m = parse(::seedText());
    QCOMPARE(m.providerConfigKey, QStringLiteral("whatsapp-business"));
    QCOMPARE(m.connectionId, QStringLiteral("conn_abc123"));
    QCOMPARE(m.phoneNumberId, QStringLiteral("123456789012345"));
    QCOMPARE(m.type, WhatsAppMessage::Type::Text);
    QCOMPARE(m.to, QStringLiteral("+15551234567"));
    QCOMPARE(m.body, QStringLiteral("Hello from Nango proxy!"));
    QCOMPARE(m.apiVersion, QStringLiteral("v20.0"));
    QCOMPARE(m.warnings, QStringList { seedPhoneWarning });

    QCOMPARE(m.proxyEndpoint(), QStringLiteral("/v20.0/123456789012345/messages"));
    QCOMPARE(m.upstreamBaseUrl(), QStringLiteral("https://graph.facebook.com"));
    const QByteArray expected
        = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
          "\"text\":{\"body\":\"Hello from Nango proxy!\"},\"to\":\"+15551234567\",\"type\":\"text\"}";
    QCOMPARE(compact(m.requestBody()), expected);
    QCOMPARE(m.requestBody(), QJsonDocument::fromJson(expected).object());
}

void TestWhatsAppMessage::seedTemplate()
{
    const WhatsAppMessage m = parse(::seedTemplate());
    QCOMPARE(m.type, WhatsAppMessage::Type::Template);
    QCOMPARE(m.templateName, QStringLiteral("order_update"));
    QCOMPARE(m.languageCode, QStringLiteral("en_US"));
    QVERIFY(m.components.isEmpty());
    QVERIFY(m.body.isEmpty());
    QCOMPARE(m.warnings, QStringList { seedPhoneWarning });

    QCOMPARE(m.proxyEndpoint(), QStringLiteral("/v20.0/123456789012345/messages"));
    // Empty components are left out: the form of Meta's hello_world.
    const QByteArray expected = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                                "\"template\":{\"language\":{\"code\":\"en_US\"},\"name\":\"order_update\"},"
                                "\"to\":\"+15551234567\",\"type\":\"template\"}";
    QCOMPARE(compact(m.requestBody()), expected);
    QCOMPARE(m.requestBody(), QJsonDocument::fromJson(expected).object());
}

void TestWhatsAppMessage::templateWithComponents()
{
    // Meta's component shapes (media header, currency, date_time, quick-reply button) pass through untouched.
    const QJsonArray components = QJsonDocument::fromJson(
        R"([ { "type": "header", "parameters": [ { "type": "image", "image": { "link": "https://example.com/header.jpg" } } ] }, { "type": "body", "parameters": [ { "type": "text", "text": "Jasper" }, { "type": "currency", "currency": { "fallback_value": "$100.99", "code": "USD", "amount_1000": 100990 } }, { "type": "date_time", "date_time": { "fallback_value": "February 25, 1977" } } ] }, { "type": "button", "sub_type": "quick_reply", "index": "0", "parameters": [ { "type": "payload", "payload": "ORDER_DETAILS_CLICKED" } ] } ])")
                                      .array();
    QJsonObject data = ::seedTemplate();
    QJsonObject tmpl = data.value(QStringLiteral("template")).toObject();
    tmpl.insert(QStringLiteral("components"), components);
    data.insert(QStringLiteral("template"), tmpl);
    data.insert(QStringLiteral("to"), QStringLiteral("+1 (650) 555-1234"));

    const WhatsAppMessage m = parse(data);
    QCOMPARE(m.to, QStringLiteral("+16505551234"));
    QVERIFY(m.warnings.isEmpty());
    QCOMPARE(m.components, components);
    const QJsonObject body = m.requestBody();
    QCOMPARE(body.value(QStringLiteral("to")).toString(), QStringLiteral("+16505551234"));
    const QJsonObject sent = body.value(QStringLiteral("template")).toObject();
    QCOMPARE(sent.value(QStringLiteral("components")).toArray(), components);
    QCOMPARE(sent.keys(),
        (QStringList { QStringLiteral("components"), QStringLiteral("language"), QStringLiteral("name") }));
}

void TestWhatsAppMessage::typeInferred_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("type");

    QJsonObject text = ::seedText();
    text.remove(QStringLiteral("type"));
    QTest::newRow("body without type") << text << QStringLiteral("text");
    QJsonObject tmpl = ::seedTemplate();
    tmpl.remove(QStringLiteral("type"));
    QTest::newRow("template without type") << tmpl << QStringLiteral("template");
    text.insert(QStringLiteral("type"), QJsonValue::Null);
    QTest::newRow("null type") << text << QStringLiteral("text");
}

void TestWhatsAppMessage::typeInferred()
{
    QFETCH(QJsonObject, data);
    const WhatsAppMessage m = parse(data);
    QTEST(m.typeName(), "type");
    QTEST(m.requestBody().value(QStringLiteral("type")).toString(), "type");
}

void TestWhatsAppMessage::previewUrl()
{
    QJsonObject data = ::seedText();
    data.insert(QStringLiteral("previewUrl"), true);
    data.insert(QStringLiteral("body"), QStringLiteral("See https://example.com"));
    const WhatsAppMessage m = parse(data);
    QVERIFY(m.previewUrl);
    QCOMPARE(compact(m.requestBody().value(QStringLiteral("text")).toObject()),
        QByteArray("{\"body\":\"See https://example.com\",\"preview_url\":true}"));

    data.insert(QStringLiteral("previewUrl"), false);
    QCOMPARE(compact(parse(data).requestBody().value(QStringLiteral("text")).toObject()),
        QByteArray("{\"body\":\"See https://example.com\"}"));
}

void TestWhatsAppMessage::overrides_data()
{
    QTest::addColumn<QJsonObject>("set");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("baseUrl");

    const QString graph = QStringLiteral("https://graph.facebook.com");
    QTest::newRow("defaults") << QJsonObject {} << QStringLiteral("/v20.0/123456789012345/messages") << graph;
    QTest::newRow("api version") << QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("v23.0") } }
                                 << QStringLiteral("/v23.0/123456789012345/messages") << graph;
    QTest::newRow("empty api version") << QJsonObject { { QStringLiteral("apiVersion"), QString() } }
                                       << QStringLiteral("/v20.0/123456789012345/messages") << graph;
    QTest::newRow("base url") << QJsonObject { { QStringLiteral("baseUrlOverride"),
        QStringLiteral("https://graph.example.com") } }
                              << QStringLiteral("/v20.0/123456789012345/messages")
                              << QStringLiteral("https://graph.example.com");
    QTest::newRow("base url trailing slash")
        << QJsonObject { { QStringLiteral("baseUrlOverride"), QStringLiteral("https://graph.example.com/") } }
        << QStringLiteral("/v20.0/123456789012345/messages") << QStringLiteral("https://graph.example.com");
    QTest::newRow("loopback http") << QJsonObject { { QStringLiteral("baseUrlOverride"),
                                                        QStringLiteral("http://127.0.0.1:8080") },
        { QStringLiteral("apiVersion"), QStringLiteral("v21.0") } }
                                   << QStringLiteral("/v21.0/123456789012345/messages")
                                   << QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("localhost http") << QJsonObject { { QStringLiteral("baseUrlOverride"),
        QStringLiteral("http://localhost:9000") } }
                                    << QStringLiteral("/v20.0/123456789012345/messages")
                                    << QStringLiteral("http://localhost:9000");
    QTest::newRow("ipv6 loopback http") << QJsonObject { { QStringLiteral("baseUrlOverride"),
        QStringLiteral("http://[::1]:9000") } }
                                        << QStringLiteral("/v20.0/123456789012345/messages")
                                        << QStringLiteral("http://[::1]:9000");
}

void TestWhatsAppMessage::overrides()
{
    QFETCH(QJsonObject, set);
    QJsonObject data = ::seedText();
    for (auto it = set.begin(); it != set.end(); ++it)
        data.insert(it.key(), it.value());
    const WhatsAppMessage m = parse(data);
    QTEST(m.proxyEndpoint(), "endpoint");
    QTEST(m.upstreamBaseUrl(), "baseUrl");
}

void TestWhatsAppMessage::longestText()
{
    QJsonObject data = ::seedText();
    const QString body(WhatsAppMessage::MaxTextLength, QLatin1Char('a'));
    data.insert(QStringLiteral("body"), body);
    const WhatsAppMessage m = parse(data);
    QCOMPARE(m.body.size(), 4096);
    QCOMPARE(m.requestBody().value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString(), body);
}

void TestWhatsAppMessage::warnings()
{
    QJsonObject data = ::seedTemplate();
    data.insert(QStringLiteral("to"), QStringLiteral("+15005550006"));
    data.insert(QStringLiteral("preview_url"), true);
    data.insert(QStringLiteral("previewUrl"), true);
    QJsonObject tmpl = data.value(QStringLiteral("template")).toObject();
    tmpl.insert(QStringLiteral("name"), QStringLiteral("Order Update"));
    data.insert(QStringLiteral("template"), tmpl);

    const WhatsAppMessage m = parse(data);
    QCOMPARE(m.templateName, QStringLiteral("Order Update"));
    QCOMPARE(m.warnings,
        (QStringList {
            QStringLiteral("data.template.name: \"Order Update\" is not the usual form of a template name "
                           "(lowercase letters, digits and underscores); it will be sent as is."),
            QStringLiteral("data.previewUrl only applies to text messages and was ignored."),
            QStringLiteral("data.preview_url is not a field of a WhatsApp message and was ignored."),
        }));
}

void TestWhatsAppMessage::fieldPrefix()
{
    QJsonObject data = ::seedText();
    data.insert(QStringLiteral("to"), QStringLiteral("abc"));
    auto parsed = WhatsAppMessage::fromJson(data, QStringLiteral("message"));
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().field, QStringLiteral("message.to"));

    data.remove(QStringLiteral("connectionId"));
    parsed = WhatsAppMessage::fromJson(data, QString());
    QCOMPARE(parsed.error().field, QStringLiteral("connectionId"));
    QCOMPARE(parsed.error().message,
        QStringLiteral("connectionId is missing: give the id of the Nango connection, e.g. \"conn_abc123\"."));
}

void TestWhatsAppMessage::rejected_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("phrase");

    auto text = [](const QJsonObject &set, const QStringList &remove = {}) {
        QJsonObject data = ::seedText();
        for (const QString &key : remove)
            data.remove(key);
        for (auto it = set.begin(); it != set.end(); ++it)
            data.insert(it.key(), it.value());
        return data;
    };
    auto tmpl = [](const QJsonObject &set, const QStringList &remove = {}) {
        QJsonObject data = ::seedTemplate();
        QJsonObject t = data.value(QStringLiteral("template")).toObject();
        for (const QString &key : remove)
            t.remove(key);
        for (auto it = set.begin(); it != set.end(); ++it)
            t.insert(it.key(), it.value());
        data.insert(QStringLiteral("template"), t);
        return data;
    };
    const auto s = [](const char *text) { return QString::fromUtf8(text); };

    QTest::newRow("missing providerConfigKey")
        << text({}, { s("providerConfigKey") }) << s("data.providerConfigKey")
        << s("data.providerConfigKey is missing: give the Nango integration key, e.g. \"whatsapp-business\".");
    QTest::newRow("providerConfigKey not a string")
        << text({ { s("providerConfigKey"), true } }) << s("data.providerConfigKey")
        << s("data.providerConfigKey must be a string, not a boolean.");
    QTest::newRow("blank providerConfigKey") << text({ { s("providerConfigKey"), s("  ") } })
                                             << s("data.providerConfigKey") << s("data.providerConfigKey is empty");
    QTest::newRow("missing connectionId")
        << text({}, { s("connectionId") }) << s("data.connectionId") << s("data.connectionId is missing");
    QTest::newRow("null connectionId") << text({ { s("connectionId"), QJsonValue::Null } }) << s("data.connectionId")
                                       << s("data.connectionId is missing");
    QTest::newRow("connectionId number") << text({ { s("connectionId"), 42 } }) << s("data.connectionId")
                                         << s("data.connectionId must be a string, not a number.");
    QTest::newRow("connectionId object") << text({ { s("connectionId"), QJsonObject {} } }) << s("data.connectionId")
                                         << s("must be a string, not an object");
    QTest::newRow("missing phoneNumberId")
        << text({}, { s("phoneNumberId") }) << s("data.phoneNumberId") << s("data.phoneNumberId is missing");
    QTest::newRow("phoneNumberId letters") << text({ { s("phoneNumberId"), s("12ab") } }) << s("data.phoneNumberId")
                                           << s("data.phoneNumberId: \"12ab\" is not a phone number ID");
    QTest::newRow("phoneNumberId is a phone number") << text({ { s("phoneNumberId"), s("+15551234567") } })
                                                     << s("data.phoneNumberId") << s("is not a phone number ID");
    QTest::newRow("phoneNumberId number")
        << text({ { s("phoneNumberId"), 123456789012345.0 } }) << s("data.phoneNumberId")
        << s("data.phoneNumberId must be a string, not a number.");
    QTest::newRow("type image") << text({ { s("type"), s("image") } }) << s("data.type")
                                << s("data.type: \"image\" is not a supported message type; use \"text\" or "
                                     "\"template\".");
    QTest::newRow("type number") << text({ { s("type"), 1 } }) << s("data.type") << s("data.type must be a string");
    QTest::newRow("missing to") << text({}, { s("to") }) << s("data.to") << s("data.to is missing");
    QTest::newRow("to abc") << text({ { s("to"), s("abc") } }) << s("data.to")
                            << s("data.to: \"abc\" is not a phone number; use the international format");
    QTest::newRow("to too short") << text({ { s("to"), s("+1234") } }) << s("data.to")
                                  << s("data.to: \"+1234\" is too short to be a phone number.");
    QTest::newRow("to without country code")
        << text({ { s("to"), s("5551234567") } }) << s("data.to") << s("has no country code");
    QTest::newRow("to with whatsapp prefix")
        << text({ { s("to"), s("whatsapp:+15551234567") } }) << s("data.to") << s("has a prefix");
    QTest::newRow("to number") << text({ { s("to"), 15551234567.0 } }) << s("data.to")
                               << s("data.to must be a string, not a number.");
    QTest::newRow("body too long") << text({ { s("body"), QString(4097, QLatin1Char('a')) } }) << s("data.body")
                                   << s("data.body is 4097 characters long; WhatsApp accepts at most 4096.");
    QTest::newRow("empty body") << text({ { s("body"), s("") } }) << s("data.body") << s("data.body is empty");
    QTest::newRow("blank body") << text({ { s("body"), s(" \n ") } }) << s("data.body") << s("data.body is empty");
    QTest::newRow("no body, no template")
        << text({}, { s("body"), s("type") }) << s("data.body") << s("data.body is missing: give the text to send.");
    QTest::newRow("body array") << text({ { s("body"), QJsonArray {} } }) << s("data.body")
                                << s("data.body must be a string, not an array.");
    QTest::newRow("previewUrl string") << text({ { s("previewUrl"), s("yes") } }) << s("data.previewUrl")
                                       << s("data.previewUrl must be true or false, not a string.");
    QTest::newRow("text with template") << text({ { s("template"), QJsonObject { { s("name"), s("x") } } } })
                                        << s("data.template") << s("only used by template messages");
    QTest::newRow("apiVersion without v") << text({ { s("apiVersion"), s("20") } }) << s("data.apiVersion")
                                          << s("data.apiVersion: \"20\" is not a Graph API version; write it like "
                                               "\"v20.0\".");
    QTest::newRow("apiVersion no minor") << text({ { s("apiVersion"), s("v20") } }) << s("data.apiVersion")
                                         << s("is not a Graph API version");
    QTest::newRow("apiVersion path") << text({ { s("apiVersion"), s("v20.0/../x") } }) << s("data.apiVersion")
                                     << s("is not a Graph API version");
    QTest::newRow("apiVersion number") << text({ { s("apiVersion"), 20 } }) << s("data.apiVersion")
                                       << s("data.apiVersion must be a string, not a number.");
    QTest::newRow("baseUrlOverride ftp") << text({ { s("baseUrlOverride"), s("ftp://graph.facebook.com") } })
                                         << s("data.baseUrlOverride") << s("is not an https URL");
    QTest::newRow("baseUrlOverride plain http") << text({ { s("baseUrlOverride"), s("http://graph.facebook.com") } })
                                                << s("data.baseUrlOverride") << s("uses http");
    QTest::newRow("baseUrlOverride relative") << text({ { s("baseUrlOverride"), s("graph.facebook.com") } })
                                              << s("data.baseUrlOverride") << s("is not an absolute URL");
    QTest::newRow("baseUrlOverride query") << text({ { s("baseUrlOverride"), s("https://graph.facebook.com/?a=1") } })
                                           << s("data.baseUrlOverride") << s("must not have a query");
    QTest::newRow("baseUrlOverride credentials")
        << text({ { s("baseUrlOverride"), s("https://user:pw@graph.facebook.com") } }) << s("data.baseUrlOverride")
        << s("must not contain a user name or password");
    QTest::newRow("baseUrlOverride number")
        << text({ { s("baseUrlOverride"), 1 } }) << s("data.baseUrlOverride") << s("must be a string, not a number");

    QTest::newRow("template without name") << tmpl({}, { s("name") }) << s("data.template.name")
                                           << s("data.template.name is missing: give the approved template's name");
    QTest::newRow("template name number") << tmpl({ { s("name"), 7 } }) << s("data.template.name")
                                          << s("data.template.name must be a string, not a number.");
    QTest::newRow("template name too long")
        << tmpl({ { s("name"), QString(513, QLatin1Char('a')) } }) << s("data.template.name")
        << s("data.template.name is 513 characters long; template names have at "
             "most 512.");
    QTest::newRow("language missing") << tmpl({}, { s("language") }) << s("data.template.language")
                                      << s("data.template.language is missing: give the template's language");
    QTest::newRow("language as string") << tmpl({ { s("language"), s("en_US") } }) << s("data.template.language")
                                        << s("data.template.language must be an object like {\"code\": \"en_US\"}, "
                                             "not a string.");
    QTest::newRow("language array") << tmpl({ { s("language"), QJsonArray {} } }) << s("data.template.language")
                                    << s("must be an object, not an array");
    QTest::newRow("language code missing")
        << tmpl({ { s("language"), QJsonObject {} } }) << s("data.template.language.code")
        << s("data.template.language.code is missing");
    QTest::newRow("language code hyphen")
        << tmpl({ { s("language"), QJsonObject { { s("code"), s("en-US") } } } }) << s("data.template.language.code")
        << s("data.template.language.code: \"en-US\" uses a hyphen; WhatsApp "
             "language codes use an underscore, e.g. \"en_US\".");
    QTest::newRow("language code junk") << tmpl(
        { { s("language"), QJsonObject { { s("code"), s("english please") } } } })
                                        << s("data.template.language.code") << s("is not a language code");
    QTest::newRow("components object") << tmpl({ { s("components"), QJsonObject {} } }) << s("data.template.components")
                                       << s("data.template.components must be an array, not an object.");
    QTest::newRow("components string") << tmpl({ { s("components"), s("[]") } }) << s("data.template.components")
                                       << s("must be an array, not a string");
    const QJsonObject body { { s("type"), s("body") }, { s("parameters"), QJsonArray {} } };
    QTest::newRow("component not object")
        << tmpl({ { s("components"), QJsonArray { body, 1 } } }) << s("data.template.components[1]")
        << s("data.template.components[1] must be an object, not a number.");
    // Meta's TemplateComponent: type header|body|button, parameters a list, a button's sub_type and index.
    QTest::newRow("component type nonsense")
        << tmpl({ { s("components"),
               QJsonArray { QJsonObject { { s("type"), s("nonsense") }, { s("parameters"), s("x") } } } } })
        << s("data.template.components[0].type")
        << s("data.template.components[0].type must be header, body or button, not \"nonsense\".");
    QTest::newRow("component without type") << tmpl({ { s("components"), QJsonArray { QJsonObject {} } } })
                                            << s("data.template.components[0].type") << s("not missing");
    QTest::newRow("component parameters string")
        << tmpl({ { s("components"),
               QJsonArray { QJsonObject { { s("type"), s("body") }, { s("parameters"), s("x") } } } } })
        << s("data.template.components[0].parameters")
        << s("data.template.components[0].parameters must be a list, not a string.");
    QTest::newRow("button without sub_type")
        << tmpl({ { s("components"), QJsonArray { QJsonObject { { s("type"), s("button") } } } } })
        << s("data.template.components[0]") << s("it needs sub_type");

    QJsonObject data = ::seedTemplate();
    data.insert(s("template"), s("order_update"));
    QTest::newRow("template string") << data << s("data.template")
                                     << s("data.template must be an object, not a string.");
    data = ::seedTemplate();
    data.remove(s("template"));
    QTest::newRow("template type without template") << data << s("data.template") << s("data.template is missing");
    data = ::seedTemplate();
    data.insert(s("body"), s("hi"));
    QTest::newRow("template with body") << data << s("data.body")
                                        << s("data.body is not used by template messages; remove it or set data.type "
                                             "to \"text\".");
}

void TestWhatsAppMessage::rejected()
{
    QFETCH(QJsonObject, data);
    QFETCH(QString, field);
    QFETCH(QString, phrase);

    const auto parsed = WhatsAppMessage::fromJson(data);
    QVERIFY(!parsed);
    const Error error = parsed.error();
    QCOMPARE(error.kind, Error::Kind::Validation);
    QCOMPARE(error.field, field);
    QVERIFY2(error.message.contains(phrase), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestWhatsAppMessage)
#include "tst_whatsappmessage.moc"
