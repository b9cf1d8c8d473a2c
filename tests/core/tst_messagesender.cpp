// WhatsApp and Twilio sends through the sandbox's Nango proxy: the bytes Nango receives, what the upstream
// receives, and the message id or the provider's error the user sees.
#include "messaging/sentmessage.h"
#include "sandboxfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTest>

using namespace crossline;
using test::SandboxFixture;

class TestMessageSender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void whatsAppTextOnTheWire();
    void whatsAppTemplateOnTheWire();
    void whatsAppVersionAndBaseOverride();
    void whatsAppTestNumberRecipientNotAllowed();
    void whatsAppUnknownTemplate();
    void twilioFormOnTheWire();
    void twilioLooksUpAccountSid();
    void twilioMagicNumberError();
    void sendsWhenOverridesAreDisabled();

private:
    static WhatsAppMessage whatsApp(const QJsonObject &extra);
    static TwilioSms sms(const QJsonObject &extra);
    sandbox::RecordedRequest lastUpstream() const;
    std::unique_ptr<SandboxFixture> m_fx;
};

namespace {
bool hasHeader(const sandbox::RecordedRequest &request, const QByteArray &name)
{
    for (const auto &h : request.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

void TestMessageSender::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestMessageSender::init()
{
    m_fx->sandbox().clearRequests();
}

WhatsAppMessage TestMessageSender::whatsApp(const QJsonObject &extra)
{
    QJsonObject data { { QStringLiteral("providerConfigKey"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("connectionId"), QStringLiteral("conn_abc123") },
        { QStringLiteral("phoneNumberId"), QStringLiteral("123456789012345") },
        { QStringLiteral("to"), QStringLiteral("+15551234567") } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        data.insert(it.key(), it.value());
    auto parsed = WhatsAppMessage::fromJson(data);
    if (!parsed)
        qFatal("bad test message: %s", qPrintable(parsed.error().summary()));
    return *parsed;
}

TwilioSms TestMessageSender::sms(const QJsonObject &extra)
{
    QJsonObject data { { QStringLiteral("providerConfigKey"), QStringLiteral("twilio") },
        { QStringLiteral("connectionId"), QStringLiteral("conn_twilio_1") },
        { QStringLiteral("from"), QStringLiteral("+15005550006") },
        { QStringLiteral("to"), QStringLiteral("+15551234567") },
        { QStringLiteral("body"), QStringLiteral("Hello via Twilio!") } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        data.insert(it.key(), it.value());
    auto parsed = TwilioSms::fromJson(data);
    if (!parsed)
        qFatal("bad test sms: %s", qPrintable(parsed.error().summary()));
    return *parsed;
}

sandbox::RecordedRequest TestMessageSender::lastUpstream() const
{
    const auto all = m_fx->sandbox().requests();
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        if (it->upstream)
            return *it;
    return {};
}

void TestMessageSender::whatsAppTextOnTheWire()
{
    const Result r = SandboxFixture::wait(
        m_fx->clients().messages()->sendWhatsApp(whatsApp({ { QStringLiteral("type"), QStringLiteral("text") },
            { QStringLiteral("body"), QStringLiteral("Hello from Nango proxy!") } })));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const SentMessage sent = SentMessage::fromWhatsApp(r.data);
    QVERIFY2(sent.id.startsWith(QLatin1String("wamid.")), qPrintable(sent.id));
    QCOMPARE(sent.recipient, QStringLiteral("+15551234567"));
    QCOMPARE(sent.waId, QStringLiteral("15551234567"));

    const auto nango = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(nango.size(), 1);
    const auto &req = nango.first();
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.path, QStringLiteral("/proxy/v20.0/123456789012345/messages"));
    QCOMPARE(req.header("Provider-Config-Key"), QByteArray("whatsapp-business"));
    QCOMPARE(req.header("Connection-Id"), QByteArray("conn_abc123"));
    // No override asked for, none sent: the integration knows Graph's base URL (Nango counts any value as one).
    QVERIFY(!hasHeader(req, "Base-Url-Override"));
    QCOMPARE(req.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(req.header("Retries"), QByteArray("0"));
    QCOMPARE(req.body,
        QByteArray(
            R"({"messaging_product":"whatsapp","recipient_type":"individual","text":{"body":"Hello from Nango proxy!"},"to":"+15551234567","type":"text"})"));

    const auto up = lastUpstream();
    QCOMPARE(up.service, QStringLiteral("whatsapp"));
    QCOMPARE(up.path, QStringLiteral("/v20.0/123456789012345/messages"));
    QVERIFY(up.header("Authorization").startsWith("Bearer EAA"));
    QVERIFY(up.header("Connection-Id").isEmpty());
    QCOMPARE(QJsonDocument::fromJson(up.body).object(), QJsonDocument::fromJson(req.body).object());
}

void TestMessageSender::whatsAppTemplateOnTheWire()
{
    const Result r = SandboxFixture::wait(
        m_fx->clients().messages()->sendWhatsApp(whatsApp({ { QStringLiteral("type"), QStringLiteral("template") },
            { QStringLiteral("template"),
                QJsonObject { { QStringLiteral("name"), QStringLiteral("hello_world") },
                    { QStringLiteral("language"),
                        QJsonObject { { QStringLiteral("code"), QStringLiteral("en_US") } } } } } })));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).first().body,
        QByteArray(
            R"({"messaging_product":"whatsapp","recipient_type":"individual","template":{"language":{"code":"en_US"},"name":"hello_world"},"to":"+15551234567","type":"template"})"));
}

void TestMessageSender::whatsAppVersionAndBaseOverride()
{
    const Result r = SandboxFixture::wait(m_fx->clients().messages()->sendWhatsApp(whatsApp(
        { { QStringLiteral("body"), QStringLiteral("hi") }, { QStringLiteral("apiVersion"), QStringLiteral("v23.0") },
            { QStringLiteral("baseUrlOverride"), QStringLiteral("https://graph.facebook.com") } })));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).first().path,
        QStringLiteral("/proxy/v23.0/123456789012345/messages"));
    // Given by the user, so sent.
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).first().header("Base-Url-Override"),
        QByteArray("https://graph.facebook.com"));
}

void TestMessageSender::sendsWhenOverridesAreDisabled()
{
    // A Nango started with NANGO_PROXY_BASE_URL_OVERRIDE_ENABLED=false: WhatsApp, the SMS with its Account SID
    // lookup both go through; only an override the user asked for is refused, with a hint
    // that can be followed.
    m_fx->sandbox().setProxyBaseUrlOverrideEnabled(false);
    const auto restore = qScopeGuard([this] { m_fx->sandbox().setProxyBaseUrlOverrideEnabled(true); });
    Result r = SandboxFixture::wait(
        m_fx->clients().messages()->sendWhatsApp(whatsApp({ { QStringLiteral("body"), QStringLiteral("hi") } })));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    r = SandboxFixture::wait(m_fx->clients().messages()->sendSms(sms({})));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).size(), 3); // text, lookup, SMS
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("twilio")).size(), 2);

    m_fx->sandbox().clearRequests();
    r = SandboxFixture::wait(m_fx->clients().messages()->sendSms(
        sms({ { QStringLiteral("baseUrlOverride"), QStringLiteral("https://api.twilio.com") } })));
    QCOMPARE(r.error.code, QStringLiteral("base_url_override_disabled"));
    QVERIFY2(r.error.hint.contains(QLatin1String("leave baseUrlOverride out")), qPrintable(r.error.hint));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("twilio")).size(), 0); // nothing reached Twilio
}

void TestMessageSender::whatsAppTestNumberRecipientNotAllowed()
{
    const Result r = SandboxFixture::wait(m_fx->clients().messages()->sendWhatsApp(
        whatsApp({ { QStringLiteral("phoneNumberId"), QStringLiteral("109876543210987") },
            { QStringLiteral("to"), QStringLiteral("+447700900123") },
            { QStringLiteral("body"), QStringLiteral("hi") } })));
    QCOMPARE(r.error.code, QStringLiteral("131030"));
    QCOMPARE(r.error.httpStatus, 400);
    QVERIFY(r.error.message.contains(QLatin1String("not in allowed list")));
    QVERIFY(r.error.hint.contains(QLatin1String("Meta App Dashboard")));
}

void TestMessageSender::whatsAppUnknownTemplate()
{
    const Result r = SandboxFixture::wait(
        m_fx->clients().messages()->sendWhatsApp(whatsApp({ { QStringLiteral("type"), QStringLiteral("template") },
            { QStringLiteral("template"),
                QJsonObject { { QStringLiteral("name"), QStringLiteral("hello_world") },
                    { QStringLiteral("language"),
                        QJsonObject { { QStringLiteral("code"), QStringLiteral("en") } } } } } })));
    QCOMPARE(r.error.code, QStringLiteral("132001"));
    QVERIFY(r.error.hint.contains(QLatin1String("language code")));
}

void TestMessageSender::twilioFormOnTheWire()
{
    const QString sid = sandbox::SandboxCredentials::twilioAccountSid();
    const Result r
        = SandboxFixture::wait(m_fx->clients().messages()->sendSms(sms({ { QStringLiteral("accountSid"), sid } })));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const SentMessage sent = SentMessage::fromSms(r.data);
    QVERIFY2(sent.id.startsWith(QLatin1String("SM")), qPrintable(sent.id));
    QCOMPARE(sent.status, QStringLiteral("queued"));
    QCOMPARE(sent.recipient, QStringLiteral("+15551234567"));
    QCOMPARE(sent.accountSid, sid);
    QCOMPARE(sent.segments, 1);
    const auto nango = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(nango.size(), 1);
    const auto &req = nango.first();
    QCOMPARE(req.path, QStringLiteral("/proxy/2010-04-01/Accounts/%1/Messages.json").arg(sid));
    QCOMPARE(req.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(req.header("Nango-Proxy-Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(!hasHeader(req, "Base-Url-Override"));
    QCOMPARE(req.body, sms({}).formBody());
    QVERIFY(req.body.startsWith("To=%2B15551234567&From=%2B15005550006&Body=Hello"));
    const auto up = lastUpstream();
    QCOMPARE(up.service, QStringLiteral("twilio"));
    QVERIFY(up.header("Authorization").startsWith("Basic "));
    QVERIFY(up.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
    QVERIFY(up.body.startsWith("To=%2B15551234567")); // '+' survived: Twilio sees +1555…, not " 1555…"
}

void TestMessageSender::twilioLooksUpAccountSid()
{
    // The seed's example carries a placeholder SID: Crossline asks Twilio (through Nango) for the real one.
    const Result r = SandboxFixture::wait(m_fx->clients().messages()->sendSms(
        sms({ { QStringLiteral("accountSid"), QStringLiteral("ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") } })));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto nango = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(nango.size(), 2);
    QCOMPARE(nango.at(0).method, QByteArray("GET"));
    QCOMPARE(nango.at(0).path, QStringLiteral("/proxy/2010-04-01/Accounts.json"));
    QCOMPARE(nango.at(1).path,
        QStringLiteral("/proxy/2010-04-01/Accounts/%1/Messages.json")
            .arg(sandbox::SandboxCredentials::twilioAccountSid()));
}

void TestMessageSender::twilioMagicNumberError()
{
    const Result r = SandboxFixture::wait(
        m_fx->clients().messages()->sendSms(sms({ { QStringLiteral("to"), QStringLiteral("+15005550004") },
            { QStringLiteral("accountSid"), sandbox::SandboxCredentials::twilioAccountSid() } })));
    QCOMPARE(r.error.code, QStringLiteral("21610"));
    QVERIFY(r.error.hint.contains(QLatin1String("START")));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).size(), 1);
}

QTEST_GUILESS_MAIN(TestMessageSender)
#include "tst_messagesender.moc"
