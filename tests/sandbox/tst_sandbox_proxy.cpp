// Tests of the emulated Nango Requests Proxy in front of the emulated WhatsApp Cloud and Twilio upstreams: what the
// upstream receives (recorded), what comes back, and the providers' own validation and magic numbers.
#include "rawhttp.h"
#include "sandbox/sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

using crossline::sandbox::Fault;
using crossline::sandbox::RecordedRequest;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

using crossline::test::Headers;
using crossline::test::HttpResult;
using crossline::test::nangoAuth;
using crossline::test::send;
using crossline::test::urlOf;

} // namespace

namespace {

const QByteArray kLivePhone = "123456789012345";
const QByteArray kTestPhone = "109876543210987";
const QByteArray kConnAbcToken = "EAAGsandboxConnAbc123Token4f7Qx9Lm2Vb8Rt";

QJsonObject textMessage(const QString &to, const QString &body)
{
    return QJsonObject { { QStringLiteral("messaging_product"), QStringLiteral("whatsapp") },
        { QStringLiteral("recipient_type"), QStringLiteral("individual") }, { QStringLiteral("to"), to },
        { QStringLiteral("type"), QStringLiteral("text") },
        { QStringLiteral("text"),
            QJsonObject { { QStringLiteral("preview_url"), false }, { QStringLiteral("body"), body } } } };
}

QJsonObject templateMessage(
    const QString &to, const QString &name, const QString &language, const QJsonArray &components = {})
{
    QJsonObject templ { { QStringLiteral("name"), name },
        { QStringLiteral("language"), QJsonObject { { QStringLiteral("code"), language } } } };
    if (!components.isEmpty())
        templ.insert(QStringLiteral("components"), components);
    return QJsonObject { { QStringLiteral("messaging_product"), QStringLiteral("whatsapp") },
        { QStringLiteral("recipient_type"), QStringLiteral("individual") }, { QStringLiteral("to"), to },
        { QStringLiteral("type"), QStringLiteral("template") }, { QStringLiteral("template"), templ } };
}

QJsonArray bodyParams(const QList<QPair<QString, QString>> &params)
{
    QJsonArray list;
    for (const auto &[name, text] : params) {
        QJsonObject p { { QStringLiteral("type"), QStringLiteral("text") }, { QStringLiteral("text"), text } };
        if (!name.isEmpty())
            p.insert(QStringLiteral("parameter_name"), name);
        list.append(p);
    }
    return QJsonArray { QJsonObject {
        { QStringLiteral("type"), QStringLiteral("body") }, { QStringLiteral("parameters"), list } } };
}

} // namespace

class TestSandboxProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void whatsAppTextForwardedAsNangoDoes();
    void whatsApp_data();
    void whatsApp();
    void whatsAppExpiredTokenIsPassedThrough();
    void whatsAppListings();
    void twilioFormWithProxyContentType();
    void twilioFormWithoutProxyContentTypeBecomesJson();
    void twilioUnencodedPlusBecomesSpace();
    void twilio_data();
    void twilio();
    void twilioAccountsAndStatusProgression();
    void proxyErrors_data();
    void proxyErrors();
    void customHeadersForwarded();

private:
    HttpResult proxy(
        const QByteArray &method, const QByteArray &path, const Headers &headers, const QByteArray &body = {});
    HttpResult whatsApp(
        const QByteArray &phoneId, const QJsonObject &message, const QByteArray &connection = "conn_abc123");
    HttpResult twilioSms(const QByteArray &form, bool proxyContentType = true);

    Sandbox m_sandbox;
    QNetworkAccessManager m_nam;
};

HttpResult TestSandboxProxy::proxy(
    const QByteArray &method, const QByteArray &path, const Headers &headers, const QByteArray &body)
{
    Headers all { { "Authorization", nangoAuth() } };
    all.append(headers);
    return send(m_nam, method, urlOf(m_sandbox.nangoBaseUrl(), "/proxy" + path), all, body);
}

HttpResult TestSandboxProxy::whatsApp(
    const QByteArray &phoneId, const QJsonObject &message, const QByteArray &connection)
{
    return proxy("POST", "/v20.0/" + phoneId + "/messages",
        { { "Connection-Id", connection }, { "Provider-Config-Key", "whatsapp-business" },
            { "Base-Url-Override", "https://graph.facebook.com" }, { "Content-Type", "application/json" },
            { "Retries", "0" } },
        QJsonDocument(message).toJson(QJsonDocument::Compact));
}

HttpResult TestSandboxProxy::twilioSms(const QByteArray &form, bool proxyContentType)
{
    Headers headers { { "Connection-Id", "conn_twilio_1" }, { "Provider-Config-Key", "twilio" },
        { "Base-Url-Override", "https://api.twilio.com" }, { "Content-Type", "application/x-www-form-urlencoded" } };
    if (proxyContentType)
        headers.append(
            { QByteArrayLiteral("Nango-Proxy-Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded") });
    return proxy("POST", "/2010-04-01/Accounts/" + SandboxCredentials::twilioAccountSid().toUtf8() + "/Messages.json",
        headers, form);
}

void TestSandboxProxy::initTestCase()
{
    QVERIFY(m_sandbox.start());
}

void TestSandboxProxy::init()
{
    m_sandbox.clearRequests();
}

void TestSandboxProxy::whatsAppTextForwardedAsNangoDoes()
{
    const QJsonObject message = textMessage(QStringLiteral("+15551234567"), QStringLiteral("Hello from Nango proxy!"));
    const HttpResult r = whatsApp(kLivePhone, message);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    const QJsonObject body = r.json();
    QCOMPARE(body.value(QStringLiteral("messaging_product")).toString(), QStringLiteral("whatsapp"));
    const QJsonObject contact = body.value(QStringLiteral("contacts")).toArray().at(0).toObject();
    QCOMPARE(contact.value(QStringLiteral("input")).toString(), QStringLiteral("+15551234567"));
    QCOMPARE(contact.value(QStringLiteral("wa_id")).toString(), QStringLiteral("15551234567"));
    const QString wamid
        = body.value(QStringLiteral("messages")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    QVERIFY2(wamid.startsWith(QStringLiteral("wamid.")), qPrintable(wamid));
    QVERIFY(
        !body.value(QStringLiteral("messages")).toArray().at(0).toObject().contains(QStringLiteral("message_status")));

    // A second send gets a different wamid.
    const HttpResult again = whatsApp(kLivePhone, message);
    QVERIFY(
        again.json().value(QStringLiteral("messages")).toArray().at(0).toObject().value(QStringLiteral("id")).toString()
        != wamid);

    const auto upstream = m_sandbox.requests(QStringLiteral("whatsapp"));
    QCOMPARE(upstream.size(), 2);
    const RecordedRequest &u = upstream[0];
    QVERIFY(u.upstream);
    QCOMPARE(u.method, QByteArray("POST"));
    QCOMPARE(u.path, QStringLiteral("/v20.0/123456789012345/messages"));
    QCOMPARE(u.status, 200);
    QCOMPARE(u.header("authorization"), QByteArray("Bearer " + kConnAbcToken));
    QCOMPARE(u.header("content-type"), QByteArray("application/json"));
    QCOMPARE(u.header("host"), QByteArray("graph.facebook.com"));
    QCOMPARE(QJsonDocument::fromJson(u.body).object(), message);
    for (const char *control : { "connection-id", "provider-config-key", "base-url-override", "retries" })
        QVERIFY2(u.header(control).isEmpty(), control);
    QVERIFY(!u.header("authorization").contains(SandboxCredentials::nangoSecretKey().toUtf8()));

    const auto nango = m_sandbox.requests(QStringLiteral("nango"));
    QCOMPARE(nango.size(), 2);
    QCOMPARE(nango[0].path, QStringLiteral("/proxy/v20.0/123456789012345/messages"));
    QCOMPARE(nango[0].header("Connection-Id"), QByteArray("conn_abc123"));
    QCOMPARE(nango[0].status, 200);
}

void TestSandboxProxy::whatsApp_data()
{
    QTest::addColumn<QByteArray>("phone");
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code"); // Meta error code; 0 on success
    QTest::addColumn<int>("subcode");
    QTest::addColumn<QString>("details"); // error_data.details, or message_status on success

    const QString to = QStringLiteral("+15551234567");
    QTest::newRow("test number, allowed recipient")
        << kTestPhone << textMessage(to, QStringLiteral("hi")) << 200 << 0 << 0 << QString();
    QTest::newRow("test number, magic allowed")
        << kTestPhone << textMessage(QStringLiteral("+15005550006"), QStringLiteral("hi")) << 200 << 0 << 0
        << QString();
    QTest::newRow("test number, 131030") << kTestPhone
                                         << textMessage(QStringLiteral("+16505551234"), QStringLiteral("hi")) << 400
                                         << 131030 << 2655007
                                         << QStringLiteral("Recipient phone number not in allowed list: Add recipient "
                                                           "phone number to recipient list and try again.");
    QTest::newRow("hello_world") << kLivePhone
                                 << templateMessage(to, QStringLiteral("hello_world"), QStringLiteral("en_US")) << 200
                                 << 0 << 0 << QStringLiteral("accepted");
    QTest::newRow("132001 unknown name") << kLivePhone
                                         << templateMessage(to, QStringLiteral("nope"), QStringLiteral("en_US")) << 400
                                         << 132001 << 2388040
                                         << QStringLiteral("template name (nope) does not exist in en_US");
    QTest::newRow("132001 wrong language")
        << kLivePhone << templateMessage(to, QStringLiteral("hello_world"), QStringLiteral("en")) << 400 << 132001
        << 2388040 << QStringLiteral("template name (hello_world) does not exist in en");
    QTest::newRow("shipping_update 2 params")
        << kLivePhone
        << templateMessage(to, QStringLiteral("shipping_update"), QStringLiteral("en_US"),
               bodyParams({ { QString(), QStringLiteral("Jasper") }, { QString(), QStringLiteral("#1234") } }))
        << 200 << 0 << 0 << QStringLiteral("accepted");
    QTest::newRow("132000 shipping_update 1 param")
        << kLivePhone
        << templateMessage(to, QStringLiteral("shipping_update"), QStringLiteral("en_US"),
               bodyParams({ { QString(), QStringLiteral("Jasper") } }))
        << 400 << 132000 << 0
        << QStringLiteral("body: number of localizable_params (1) does not match the expected number of params (2)");
    QTest::newRow("132000 hello_world with params")
        << kLivePhone
        << templateMessage(to, QStringLiteral("hello_world"), QStringLiteral("en_US"),
               bodyParams({ { QString(), QStringLiteral("x") } }))
        << 400 << 132000 << 0 << QString();
    QTest::newRow("named template") << kLivePhone
                                    << templateMessage(to, QStringLiteral("appointment_reminder"),
                                           QStringLiteral("en_US"),
                                           bodyParams({ { QStringLiteral("customer_name"), QStringLiteral("Jasper") },
                                               { QStringLiteral("appointment_time"), QStringLiteral("9am") } }))
                                    << 200 << 0 << 0 << QStringLiteral("accepted");
    QTest::newRow("132012 named template, positional params")
        << kLivePhone
        << templateMessage(to, QStringLiteral("appointment_reminder"), QStringLiteral("en_US"),
               bodyParams({ { QString(), QStringLiteral("Jasper") }, { QString(), QStringLiteral("9am") } }))
        << 400 << 132012 << 0 << QString();
    // order_receipt: an IMAGE header, two body parameters, a URL button with a dynamic suffix.
    const auto receipt = [&](const QJsonValue &header, const QJsonValue &button) {
        QJsonArray components;
        if (!header.isNull())
            components.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("header") },
                { QStringLiteral("parameters"), QJsonArray { header } } });
        components.append(
            bodyParams({ { QString(), QStringLiteral("Ada") }, { QString(), QStringLiteral("A-1042") } }).first());
        if (!button.isNull())
            components.append(button);
        return templateMessage(to, QStringLiteral("order_receipt"), QStringLiteral("en_US"), components);
    };
    const auto media = [](const QString &type, const QString &link) {
        return QJsonObject { { QStringLiteral("type"), type },
            { type, QJsonObject { { QStringLiteral("link"), link } } } };
    };
    const auto urlButton = [](const QString &index, const QJsonArray &params) {
        return QJsonObject { { QStringLiteral("type"), QStringLiteral("button") },
            { QStringLiteral("sub_type"), QStringLiteral("url") }, { QStringLiteral("index"), index },
            { QStringLiteral("parameters"), params } };
    };
    const QJsonArray suffix { QJsonObject {
        { QStringLiteral("type"), QStringLiteral("text") }, { QStringLiteral("text"), QStringLiteral("A-1042") } } };
    const QJsonObject receiptImage = media(QStringLiteral("image"), QStringLiteral("https://example.com/receipt.png"));
    QTest::newRow("order_receipt header, body, button")
        << kLivePhone << receipt(receiptImage, urlButton(QStringLiteral("0"), suffix)) << 200 << 0 << 0
        << QStringLiteral("accepted");
    QTest::newRow("132000 order_receipt without header")
        << kLivePhone << receipt(QJsonValue(), urlButton(QStringLiteral("0"), suffix)) << 400 << 132000 << 0
        << QStringLiteral("header: number of localizable_params (0) does not match the expected number of params (1)");
    QTest::newRow("132012 order_receipt video header")
        << kLivePhone
        << receipt(media(QStringLiteral("video"), QStringLiteral("https://example.com/r.mp4")),
               urlButton(QStringLiteral("0"), suffix))
        << 400 << 132012 << 0 << QStringLiteral("header: the template's header format is IMAGE");
    QTest::newRow("131009 order_receipt header link not a URL")
        << kLivePhone
        << receipt(
               media(QStringLiteral("image"), QStringLiteral("receipt.png")), urlButton(QStringLiteral("0"), suffix))
        << 400 << 131009 << 0 << QStringLiteral("header: image.link must be an http(s) URL (or give image.id)");
    QTest::newRow("132000 order_receipt without button")
        << kLivePhone << receipt(receiptImage, QJsonValue()) << 400 << 132000 << 0
        << QStringLiteral("buttons: number of localizable_params (0) does not match the expected number of params (1)");
    QTest::newRow("131008 order_receipt empty suffix")
        << kLivePhone << receipt(receiptImage, urlButton(QStringLiteral("0"), QJsonArray {})) << 400 << 131008 << 0
        << QStringLiteral("button 0: one text parameter, the URL's suffix, is required");
    QTest::newRow("131009 order_receipt button index 1")
        << kLivePhone << receipt(receiptImage, urlButton(QStringLiteral("1"), suffix)) << 400 << 131009 << 0
        << QStringLiteral("button: the template's button at index 0 is a url button");
    QTest::newRow("132000 shipping_update with an image header")
        << kLivePhone
        << templateMessage(to, QStringLiteral("shipping_update"), QStringLiteral("en_US"),
               QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("header") },
                                { QStringLiteral("parameters"), QJsonArray { receiptImage } } },
                   bodyParams({ { QString(), QStringLiteral("Jasper") }, { QString(), QStringLiteral("#1234") } })
                       .first() })
        << 400 << 132000 << 0
        << QStringLiteral("header: number of localizable_params (1) does not match the expected number of params (0)");
    QTest::newRow("text too long") << kLivePhone << textMessage(to, QString(4097, QLatin1Char('a'))) << 400 << 100 << 0
                                   << QString();
    QTest::newRow("text at limit") << kLivePhone << textMessage(to, QString(4096, QLatin1Char('a'))) << 200 << 0 << 0
                                   << QString();
    QJsonObject noProduct = textMessage(to, QStringLiteral("hi"));
    noProduct.remove(QStringLiteral("messaging_product"));
    QTest::newRow("no messaging_product") << kLivePhone << noProduct << 400 << 100 << 0 << QString();
    QJsonObject wrongProduct = textMessage(to, QStringLiteral("hi"));
    wrongProduct.insert(QStringLiteral("messaging_product"), QStringLiteral("sms"));
    QTest::newRow("wrong messaging_product") << kLivePhone << wrongProduct << 400 << 100 << 0 << QString();
    QJsonObject noTo = textMessage(to, QStringLiteral("hi"));
    noTo.remove(QStringLiteral("to"));
    QTest::newRow("no to") << kLivePhone << noTo << 400 << 100 << 0 << QString();
    QJsonObject image = textMessage(to, QStringLiteral("hi"));
    image.insert(QStringLiteral("type"), QStringLiteral("image"));
    QTest::newRow("unsupported type") << kLivePhone << image << 400 << 131051 << 0 << QString();
    QTest::newRow("unknown phone number id")
        << QByteArray("999") << textMessage(to, QStringLiteral("hi")) << 400 << 100 << 33 << QString();
}

void TestSandboxProxy::whatsApp()
{
    QFETCH(QByteArray, phone);
    QFETCH(QJsonObject, message);
    QFETCH(int, status);
    QFETCH(int, code);
    QFETCH(int, subcode);
    QFETCH(QString, details);
    const HttpResult r = whatsApp(phone, message);
    QCOMPARE(r.status, status);
    const QJsonObject body = r.json();
    if (code == 0) {
        const QJsonObject sent = body.value(QStringLiteral("messages")).toArray().at(0).toObject();
        QVERIFY(sent.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("wamid.")));
        QCOMPARE(sent.value(QStringLiteral("message_status")).toString(), details);
    } else {
        // Meta's own error, unwrapped by the proxy.
        const QJsonObject error = body.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), code);
        QVERIFY(error.value(QStringLiteral("code")).isDouble());
        QVERIFY(!error.value(QStringLiteral("fbtrace_id")).toString().isEmpty());
        QVERIFY(!error.value(QStringLiteral("type")).toString().isEmpty());
        QVERIFY(error.value(QStringLiteral("message")).toString().size() > 5);
        if (subcode)
            QCOMPARE(error.value(QStringLiteral("error_subcode")).toInt(), subcode);
        if (!details.isEmpty()) {
            QCOMPARE(error.value(QStringLiteral("error_data")).toObject().value(QStringLiteral("details")).toString(),
                details);
            QCOMPARE(error.value(QStringLiteral("error_data"))
                         .toObject()
                         .value(QStringLiteral("messaging_product"))
                         .toString(),
                QStringLiteral("whatsapp"));
        }
        if (code == 131030)
            QCOMPARE(error.value(QStringLiteral("message")).toString(),
                QStringLiteral("(#131030) Recipient phone number not in allowed list"));
    }
    const auto upstream = m_sandbox.requests(QStringLiteral("whatsapp"));
    QCOMPARE(upstream.size(), 1);
    QCOMPARE(upstream[0].status, status);
}

void TestSandboxProxy::whatsAppExpiredTokenIsPassedThrough()
{
    const HttpResult r
        = whatsApp(kLivePhone, textMessage(QStringLiteral("+15551234567"), QStringLiteral("hi")), "whatsapp-expired");
    QCOMPARE(r.status, 401);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 190);
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("OAuthException"));
}

void TestSandboxProxy::whatsAppListings()
{
    const Headers headers { { "Connection-Id", "whatsapp-prod-1" }, { "Provider-Config-Key", "whatsapp-business" } };
    HttpResult r = proxy("GET", "/v23.0/me", headers);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("name")).toString(), QStringLiteral("Sandbox System User"));

    r = proxy(
        "GET", "/v23.0/102290129340398/phone_numbers?fields=id,display_phone_number,account_mode&limit=100", headers);
    QCOMPARE(r.status, 200);
    const QJsonArray phones = r.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(phones.size(), 2);
    QCOMPARE(phones[0].toObject().value(QStringLiteral("display_phone_number")).toString(),
        QStringLiteral("+1 555-010-0001"));
    QCOMPARE(phones[1].toObject().value(QStringLiteral("account_mode")).toString(), QStringLiteral("SANDBOX"));
    QVERIFY(r.json()
                .value(QStringLiteral("paging"))
                .toObject()
                .value(QStringLiteral("cursors"))
                .toObject()
                .contains(QStringLiteral("after")));
    // The query string reaches the upstream unchanged.
    QCOMPARE(m_sandbox.requests(QStringLiteral("whatsapp")).last().query,
        QByteArray("fields=id,display_phone_number,account_mode&limit=100"));

    r = proxy("GET", "/v23.0/102290129340398/message_templates?limit=2", headers);
    QCOMPARE(r.status, 200);
    const QJsonArray templates = r.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(templates.size(), 2);
    QCOMPARE(templates[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("hello_world"));
    QCOMPARE(templates[0].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("APPROVED"));
    const QJsonObject paging = r.json().value(QStringLiteral("paging")).toObject();
    QVERIFY(paging.contains(QStringLiteral("next")));
    const QByteArray after = QUrl::toPercentEncoding(
        paging.value(QStringLiteral("cursors")).toObject().value(QStringLiteral("after")).toString());
    r = proxy("GET", "/v23.0/102290129340398/message_templates?limit=2&after=" + after, headers);
    QCOMPARE(r.json().value(QStringLiteral("data")).toArray().at(0).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("appointment_reminder"));
    QCOMPARE(r.json()
                 .value(QStringLiteral("data"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("parameter_format"))
                 .toString(),
        QStringLiteral("NAMED"));
}

void TestSandboxProxy::twilioFormWithProxyContentType()
{
    const HttpResult r = twilioSms("To=%2B15551234567&From=%2B15005550006&Body=Hello+via+Twilio%21");
    QCOMPARE(r.status, 201);
    const QJsonObject msg = r.json();
    QVERIFY(msg.value(QStringLiteral("sid")).toString().startsWith(QStringLiteral("SM")));
    QCOMPARE(msg.value(QStringLiteral("sid")).toString().size(), 34);
    QCOMPARE(msg.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QCOMPARE(msg.value(QStringLiteral("to")).toString(), QStringLiteral("+15551234567"));
    QCOMPARE(msg.value(QStringLiteral("from")).toString(), QStringLiteral("+15005550006"));
    QCOMPARE(msg.value(QStringLiteral("body")).toString(), QStringLiteral("Hello via Twilio!"));
    QCOMPARE(msg.value(QStringLiteral("num_segments")).toString(), QStringLiteral("1"));
    QCOMPARE(msg.value(QStringLiteral("num_media")).toString(), QStringLiteral("0"));
    QCOMPARE(msg.value(QStringLiteral("account_sid")).toString(), SandboxCredentials::twilioAccountSid());
    QCOMPARE(msg.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound-api"));
    QCOMPARE(msg.value(QStringLiteral("api_version")).toString(), QStringLiteral("2010-04-01"));
    QVERIFY(msg.value(QStringLiteral("error_code")).isNull());
    QVERIFY(msg.value(QStringLiteral("date_created")).toString().endsWith(QStringLiteral("+0000")));
    for (const char *key : { "date_sent", "date_updated", "error_message", "messaging_service_sid", "price",
             "price_unit", "subresource_uris", "uri" })
        QVERIFY2(msg.contains(QLatin1String(key)), key);

    const auto upstream = m_sandbox.requests(QStringLiteral("twilio"));
    QCOMPARE(upstream.size(), 1);
    const RecordedRequest &u = upstream[0];
    QVERIFY(u.upstream);
    QCOMPARE(
        u.path, QStringLiteral("/2010-04-01/Accounts/%1/Messages.json").arg(SandboxCredentials::twilioAccountSid()));
    QCOMPARE(u.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(u.body, QByteArray("To=%2B15551234567&From=%2B15005550006&Body=Hello+via+Twilio%21"));
    const QByteArray basic = QByteArray::fromBase64(u.header("authorization").mid(6));
    QVERIFY(u.header("authorization").startsWith("Basic "));
    QVERIFY(basic.startsWith(QByteArray(SandboxCredentials::twilioAccountSid().toUtf8() + ':')));
    for (const char *control :
        { "connection-id", "provider-config-key", "base-url-override", "nango-proxy-content-type" })
        QVERIFY2(u.header(control).isEmpty(), control);
    QCOMPARE(u.status, 201);
}

void TestSandboxProxy::twilioFormWithoutProxyContentTypeBecomesJson()
{
    const HttpResult r = twilioSms("To=%2B15551234567&From=%2B15005550006&Body=Hello", false);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json(),
        QJsonObject({ { QStringLiteral("code"), 21604 },
            { QStringLiteral("message"), QStringLiteral("A 'To' phone number is required.") },
            { QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/21604") },
            { QStringLiteral("status"), 400 } }));
    const RecordedRequest u = m_sandbox.requests(QStringLiteral("twilio")).last();
    QCOMPARE(u.header("content-type"), QByteArray("application/json"));
    QCOMPARE(QJsonDocument::fromJson(u.body).object(),
        QJsonObject({ { QStringLiteral("To"), QStringLiteral("+15551234567") },
            { QStringLiteral("From"), QStringLiteral("+15005550006") },
            { QStringLiteral("Body"), QStringLiteral("Hello") } }));
}

void TestSandboxProxy::twilioUnencodedPlusBecomesSpace()
{
    // QUrlQuery's trap: '+' left unencoded is a space once form-decoded.
    const HttpResult r = twilioSms("To=+15551234567&From=%2B15005550006&Body=Hi");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QStringLiteral("code")).toInt(), 21211);
    QCOMPARE(r.json().value(QStringLiteral("message")).toString(),
        QStringLiteral("The 'To' number  15551234567 is not a valid phone number."));
    // The re-encoded form the upstream saw: the space travels as '+'.
    QCOMPARE(m_sandbox.requests(QStringLiteral("twilio")).last().body,
        QByteArray("To=+15551234567&From=%2B15005550006&Body=Hi"));
}

void TestSandboxProxy::twilio_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("segments");
    const QByteArray ok = "From=%2B15005550006&Body=Hi&To=";
    QTest::newRow("ok") << QByteArray(ok + "%2B15551234567") << 201 << 0 << QStringLiteral("1");
    QTest::newRow("To 21211") << QByteArray(ok + "%2B15005550001") << 400 << 21211 << QString();
    QTest::newRow("To 21612") << QByteArray(ok + "%2B15005550002") << 400 << 21612 << QString();
    QTest::newRow("To 21408") << QByteArray(ok + "%2B15005550003") << 400 << 21408 << QString();
    QTest::newRow("To 21610") << QByteArray(ok + "%2B15005550004") << 400 << 21610 << QString();
    QTest::newRow("To 21614") << QByteArray(ok + "%2B15005550009") << 400 << 21614 << QString();
    QTest::newRow("From 21212") << QByteArray("From=%2B15005550001&Body=Hi&To=%2B15551234567") << 400 << 21212
                                << QString();
    QTest::newRow("From 21606") << QByteArray("From=%2B15005550007&Body=Hi&To=%2B15551234567") << 400 << 21606
                                << QString();
    QTest::newRow("From 21611") << QByteArray("From=%2B15005550008&Body=Hi&To=%2B15551234567") << 400 << 21611
                                << QString();
    QTest::newRow("no To") << QByteArray("From=%2B15005550006&Body=Hi") << 400 << 21604 << QString();
    QTest::newRow("no From") << QByteArray("To=%2B15551234567&Body=Hi") << 400 << 21603 << QString();
    QTest::newRow("no Body") << QByteArray("To=%2B15551234567&From=%2B15005550006") << 400 << 21602 << QString();
    QTest::newRow("service instead of From")
        << QByteArray("To=%2B15551234567&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&Body=Hi") << 201 << 0
        << QStringLiteral("1");
    QTest::newRow("media only") << QByteArray(
        "To=%2B15551234567&From=%2B15005550006&MediaUrl=https%3A%2F%2Fexample.com%2Fa.png")
                                << 201 << 0 << QStringLiteral("1");
    QTest::newRow("161 GSM chars") << QByteArray("To=%2B15551234567&From=%2B15005550006&Body=" + QByteArray(161, 'a'))
                                   << 201 << 0 << QStringLiteral("2");
    QTest::newRow("160 GSM chars") << QByteArray("To=%2B15551234567&From=%2B15005550006&Body=" + QByteArray(160, 'a'))
                                   << 201 << 0 << QStringLiteral("1");
    QTest::newRow("UCS-2 71 units") << QByteArray(
        "To=%2B15551234567&From=%2B15005550006&Body=" + QByteArray(69, 'a') + "%F0%9F%91%8D")
                                    << 201 << 0 << QStringLiteral("2");
    QTest::newRow("1600 chars") << QByteArray("To=%2B15551234567&From=%2B15005550006&Body=" + QByteArray(1600, 'a'))
                                << 201 << 0 << QStringLiteral("11");
    QTest::newRow("1601 chars") << QByteArray("To=%2B15551234567&From=%2B15005550006&Body=" + QByteArray(1601, 'a'))
                                << 400 << 21617 << QString();
}

void TestSandboxProxy::twilio()
{
    QFETCH(QByteArray, form);
    QFETCH(int, status);
    QFETCH(int, code);
    QFETCH(QString, segments);
    const HttpResult r = twilioSms(form);
    QCOMPARE(r.status, status);
    const QJsonObject body = r.json();
    if (code) {
        QCOMPARE(body.value(QStringLiteral("code")).toInt(), code);
        QCOMPARE(body.value(QStringLiteral("status")).toInt(), status);
        QCOMPARE(body.value(QStringLiteral("more_info")).toString(),
            QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code));
        QVERIFY(!body.value(QStringLiteral("message")).toString().isEmpty());
    } else {
        QCOMPARE(body.value(QStringLiteral("num_segments")).toString(), segments);
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    }
}

void TestSandboxProxy::twilioAccountsAndStatusProgression()
{
    const Headers headers { { "Connection-Id", "conn_twilio_1" }, { "Provider-Config-Key", "twilio" } };
    HttpResult r = proxy("GET", "/2010-04-01/Accounts.json", headers);
    QCOMPARE(r.status, 200);
    const QJsonObject account = r.json().value(QStringLiteral("accounts")).toArray().at(0).toObject();
    QCOMPARE(account.value(QStringLiteral("sid")).toString(), SandboxCredentials::twilioAccountSid());
    QCOMPARE(account.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QVERIFY(!account.value(QStringLiteral("friendly_name")).toString().isEmpty());
    QVERIFY(r.json().contains(QStringLiteral("next_page_uri")));
    // Without Base-Url-Override the integration's base_url (api.twilio.com) is used.
    QCOMPARE(m_sandbox.requests(QStringLiteral("twilio")).last().header("host"), QByteArray("api.twilio.com"));

    r = twilioSms("To=%2B15551234567&From=%2B15005550006&Body=status");
    QCOMPARE(r.status, 201);
    const QByteArray sid = r.json().value(QStringLiteral("sid")).toString().toUtf8();
    const QByteArray messagePath
        = "/2010-04-01/Accounts/" + SandboxCredentials::twilioAccountSid().toUtf8() + "/Messages/" + sid + ".json";
    QStringList statuses;
    for (int i = 0; i < 3; ++i) {
        r = proxy("GET", messagePath, headers);
        QCOMPARE(r.status, 200);
        statuses.append(r.json().value(QStringLiteral("status")).toString());
    }
    QCOMPARE(
        statuses, (QStringList { QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("delivered") }));
    QVERIFY(!r.json().value(QStringLiteral("date_sent")).isNull());

    r = proxy("GET",
        "/2010-04-01/Accounts/" + SandboxCredentials::twilioAccountSid().toUtf8()
            + "/Messages/SM00000000000000000000000000000000.json",
        headers);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("code")).toInt(), 20404);

    r = proxy("GET",
        "/2010-04-01/Accounts/" + SandboxCredentials::twilioAccountSid().toUtf8() + "/Messages.json?PageSize=1",
        headers);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("messages")).toArray().size(), 1);
    QCOMPARE(r.json().value(QStringLiteral("page_size")).toInt(), 1);
    QVERIFY(r.json().value(QStringLiteral("next_page_uri")).isString());

    // Another account's SID in the path: Twilio's 20003.
    r = proxy("GET", "/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json", headers);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json(),
        QJsonObject({ { QStringLiteral("code"), 20003 }, { QStringLiteral("message"), QStringLiteral("Authenticate") },
            { QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/20003") },
            { QStringLiteral("status"), 401 } }));
}

void TestSandboxProxy::proxyErrors_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no connection headers") << Headers {} << 400 << QStringLiteral("invalid_headers") << QString();
    QTest::newRow("no provider config key")
        << Headers { { "Connection-Id", "conn_abc123" } } << 400 << QStringLiteral("invalid_headers") << QString();
    QTest::newRow("unknown integration") << Headers { { "Connection-Id", "conn_abc123" },
        { "Provider-Config-Key", "salesforce" } }
                                         << 404 << QStringLiteral("unknown_provider_config")
                                         << QStringLiteral(
                                                "Provider config not found for the given provider config key. Please "
                                                "make sure the provider config exists in the Nango dashboard.");
    QTest::newRow("unknown connection") << Headers { { "Connection-Id", "ghost" },
        { "Provider-Config-Key", "whatsapp-business" } }
                                        << 400 << QStringLiteral("server_error")
                                        << QStringLiteral("Failed to get connection");
    QTest::newRow("loopback override") << Headers { { "Connection-Id", "conn_abc123" },
        { "Provider-Config-Key", "whatsapp-business" }, { "Base-Url-Override", "http://127.0.0.1:3003" } }
                                       << 400 << QStringLiteral("base_url_override_not_allowed") << QString();
    QTest::newRow("localhost override") << Headers { { "Connection-Id", "conn_abc123" },
        { "Provider-Config-Key", "whatsapp-business" }, { "Base-Url-Override", "http://localhost" } }
                                        << 400 << QStringLiteral("base_url_override_not_allowed") << QString();
    QTest::newRow("private override") << Headers { { "Connection-Id", "conn_abc123" },
        { "Provider-Config-Key", "whatsapp-business" }, { "Base-Url-Override", "https://192.168.1.10" } }
                                      << 400 << QStringLiteral("base_url_override_not_allowed") << QString();
    QTest::newRow("unresolvable override") << Headers { { "Connection-Id", "conn_abc123" },
        { "Provider-Config-Key", "whatsapp-business" }, { "Base-Url-Override", "https://example.com" } }
                                           << 400 << QStringLiteral("base_url_override_not_allowed") << QString();
    QTest::newRow("override not a url") << Headers { { "Connection-Id", "conn_abc123" },
        { "Provider-Config-Key", "whatsapp-business" }, { "Base-Url-Override", "graph.facebook.com" } }
                                        << 400 << QStringLiteral("invalid_headers") << QString();
}

void TestSandboxProxy::proxyErrors()
{
    QFETCH(Headers, headers);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const HttpResult r = proxy("GET", "/v21.0/me", headers);
    QCOMPARE(r.status, status);
    const QJsonObject error = r.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    if (!message.isEmpty())
        QCOMPARE(error.value(QStringLiteral("message")).toString(), message);
    if (code == QStringLiteral("invalid_headers"))
        QVERIFY(!error.value(QStringLiteral("errors")).toArray().isEmpty());
    QVERIFY(m_sandbox.requests(QStringLiteral("whatsapp")).isEmpty()); // nothing reached the upstream
}

void TestSandboxProxy::customHeadersForwarded()
{
    const HttpResult r = proxy("GET", "/v21.0/me",
        { { "Connection-Id", "conn_abc123" }, { "Provider-Config-Key", "whatsapp-business" },
            { "Nango-Proxy-X-Request-Tag", "abc" }, { "X-Not-Forwarded", "1" } });
    QCOMPARE(r.status, 200);
    const RecordedRequest u = m_sandbox.requests(QStringLiteral("whatsapp")).last();
    QCOMPARE(u.header("x-request-tag"), QByteArray("abc"));
    QVERIFY(u.header("x-not-forwarded").isEmpty());
    QVERIFY(u.header("nango-proxy-x-request-tag").isEmpty());

    // Nango-Proxy-Authorization replaces the injected credentials: Meta then rejects the token (190).
    const HttpResult replaced = proxy("GET", "/v21.0/me",
        { { "Connection-Id", "conn_abc123" }, { "Provider-Config-Key", "whatsapp-business" },
            { "Nango-Proxy-Authorization", "Bearer junk" } });
    QCOMPARE(replaced.status, 401);
    QCOMPARE(replaced.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 190);
}

QTEST_GUILESS_MAIN(TestSandboxProxy)
#include "tst_sandbox_proxy.moc"
