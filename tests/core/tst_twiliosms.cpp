#include "messaging/twiliosms.h"

#include <QJsonDocument>
#include <QTest>

using namespace crossline;

class TestTwilioSms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedExample();
    void realAccountSid();
    void baseUrlOverrideOnlyWhenGiven();
    void messagingService();
    void senders_data();
    void senders();
    void segments();
    void longBodyWarning();
    void longestBody();
    void rejected_data();
    void rejected();
};

namespace {

const QString realSid = QStringLiteral("AC0123456789abcdef0123456789ABCDEF");
const QString serviceSid = QStringLiteral("MG0123456789abcdef0123456789abcdef");

// The original backend's twilio.sms create example, `data` only (the comment after accountSid removed).
QJsonObject seedData()
{
    return QJsonDocument::fromJson("{\n"
                                   "        \"providerConfigKey\": \"twilio\",\n"
                                   "        \"connectionId\": \"conn_twilio_1\",\n"
                                   "        \"from\": \"+15005550006\",\n"
                                   "        \"to\": \"+15551234567\",\n"
                                   "        \"body\": \"Hello via Twilio!\",\n"
                                   "        \"accountSid\": \"ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n"
                                   "    }")
        .object();
}

QJsonObject with(QJsonObject data, const QJsonObject &set, const QStringList &remove = {})
{
    for (const QString &key : remove)
        data.remove(key);
    for (auto it = set.begin(); it != set.end(); ++it)
        data.insert(it.key(), it.value());
    return data;
}

TwilioSms parse(const QJsonObject &data)
{
    auto parsed = TwilioSms::fromJson(data);
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

const QString seedPhoneWarning = QStringLiteral(
    "+1 555-123-4567 is not an assigned number in United States (555 numbers are fictional); it will be sent as is.");

} // namespace

void TestTwilioSms::seedExample()
{
    const TwilioSms sms = parse(seedData());
    QCOMPARE(sms.providerConfigKey, QStringLiteral("twilio"));
    QCOMPARE(sms.connectionId, QStringLiteral("conn_twilio_1"));
    QCOMPARE(sms.from, QStringLiteral("+15005550006"));
    QCOMPARE(sms.to, QStringLiteral("+15551234567"));
    QCOMPARE(sms.body, QStringLiteral("Hello via Twilio!"));
    QVERIFY(sms.messagingServiceSid.isEmpty());
    // The seed's placeholder SID is "not given": it is looked up later through the connection.
    QVERIFY(sms.accountSid.isEmpty());
    QCOMPARE(sms.warnings,
        (QStringList { seedPhoneWarning,
            QStringLiteral("data.accountSid: \"ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" is a placeholder; "
                           "the Account SID will be looked up through the Nango connection.") }));

    QCOMPARE(sms.formBody(), QByteArray("To=%2B15551234567&From=%2B15005550006&Body=Hello%20via%20Twilio%21"));
    QCOMPARE(sms.proxyEndpoint(realSid),
        QStringLiteral("/2010-04-01/Accounts/AC0123456789abcdef0123456789ABCDEF/Messages.json"));
    QCOMPARE(TwilioSms::accountsEndpoint(), QStringLiteral("/2010-04-01/Accounts.json"));
    QCOMPARE(TwilioSms::defaultBaseUrl(), QStringLiteral("https://api.twilio.com"));
}

void TestTwilioSms::baseUrlOverrideOnlyWhenGiven()
{
    QVERIFY(parse(seedData()).baseUrlOverride.isEmpty()); // the integration's own base URL: no header is sent
    const TwilioSms sms
        = parse(with(seedData(), { { QStringLiteral("baseUrlOverride"), QStringLiteral("https://api.twilio.com/") } }));
    QCOMPARE(sms.baseUrlOverride, QStringLiteral("https://api.twilio.com"));
    QCOMPARE(sms.warnings, parse(seedData()).warnings); // a known field, not "ignored"
}

void TestTwilioSms::realAccountSid()
{
    const TwilioSms sms = parse(with(seedData(),
        { { QStringLiteral("accountSid"), realSid }, { QStringLiteral("to"), QStringLiteral("+1 650 555 1234") } }));
    QCOMPARE(sms.accountSid, realSid);
    QVERIFY(sms.warnings.isEmpty());
    QCOMPARE(sms.to, QStringLiteral("+16505551234"));
    QCOMPARE(sms.proxyEndpoint(sms.accountSid),
        QStringLiteral("/2010-04-01/Accounts/AC0123456789abcdef0123456789ABCDEF/Messages.json"));

    // Absent, null and empty all mean "look it up".
    for (const QJsonValue &v : { QJsonValue(QJsonValue::Null), QJsonValue(QString()) }) {
        const TwilioSms other = parse(with(seedData(), { { QStringLiteral("accountSid"), v } }));
        QVERIFY(other.accountSid.isEmpty());
        QCOMPARE(other.warnings, QStringList { seedPhoneWarning });
    }
    QVERIFY(parse(with(seedData(), {}, { QStringLiteral("accountSid") })).accountSid.isEmpty());
}

void TestTwilioSms::messagingService()
{
    const TwilioSms sms = parse(
        with(seedData(), { { QStringLiteral("messagingServiceSid"), serviceSid } }, { QStringLiteral("from") }));
    QVERIFY(sms.from.isEmpty());
    QCOMPARE(sms.messagingServiceSid, serviceSid);
    QCOMPARE(sms.formBody(),
        QByteArray("To=%2B15551234567&MessagingServiceSid=MG0123456789abcdef0123456789abcdef"
                   "&Body=Hello%20via%20Twilio%21"));
}

void TestTwilioSms::senders_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("normalised");
    QTest::addColumn<QByteArray>("formFrom");

    QTest::newRow("e164") << QStringLiteral("+15005550006") << QStringLiteral("+15005550006")
                          << QByteArray("From=%2B15005550006");
    QTest::newRow("formatted e164") << QStringLiteral("+1 (500) 555-0006") << QStringLiteral("+15005550006")
                                    << QByteArray("From=%2B15005550006");
    QTest::newRow("short code") << QStringLiteral("12345") << QStringLiteral("12345") << QByteArray("From=12345");
    QTest::newRow("8-digit short code") << QStringLiteral("12345678") << QStringLiteral("12345678")
                                        << QByteArray("From=12345678");
    QTest::newRow("alphanumeric") << QStringLiteral("Crossline") << QStringLiteral("Crossline")
                                  << QByteArray("From=Crossline");
    QTest::newRow("alphanumeric with space")
        << QStringLiteral("My Shop 24") << QStringLiteral("My Shop 24") << QByteArray("From=My%20Shop%2024");
    QTest::newRow("11 characters") << QStringLiteral("ABCDEFGHIJK") << QStringLiteral("ABCDEFGHIJK")
                                   << QByteArray("From=ABCDEFGHIJK");
}

void TestTwilioSms::senders()
{
    QFETCH(QString, from);
    const TwilioSms sms = parse(with(seedData(), { { QStringLiteral("from"), from } }));
    QTEST(sms.from, "normalised");
    QFETCH(QByteArray, formFrom);
    QVERIFY2(
        sms.formBody().contains(QByteArray(QByteArray("&") + formFrom + QByteArray("&"))), sms.formBody().constData());
}

void TestTwilioSms::segments()
{
    const TwilioSms sms = parse(seedData());
    const SmsSegments s = sms.segments();
    QCOMPARE(s.encoding, SmsSegments::Encoding::Gsm7);
    QCOMPARE(s.segments, 1);
    QCOMPARE(s.summary(), QStringLiteral("GSM-7 \u00b7 1 segment \u00b7 17/160"));

    const TwilioSms emoji = parse(with(seedData(), { { QStringLiteral("body"), QStringLiteral("Hello \U0001F44D") } }));
    QCOMPARE(emoji.segments().summary(), QStringLiteral("UCS-2 \u00b7 1 segment \u00b7 8/70"));
    QCOMPARE(emoji.formBody(), QByteArray("To=%2B15551234567&From=%2B15005550006&Body=Hello%20%F0%9F%91%8D"));
}

void TestTwilioSms::longBodyWarning()
{
    const TwilioSms sms = parse(with(seedData(),
        { { QStringLiteral("body"), QString(321, QLatin1Char('a')) },
            { QStringLiteral("to"), QStringLiteral("+15005550009") } },
        { QStringLiteral("accountSid") }));
    QCOMPARE(sms.warnings,
        QStringList { QStringLiteral("data.body is 321 characters long (GSM-7 \u00b7 3 segments \u00b7 321/459); "
                                     "Twilio recommends at most 320 for deliverability.") });
}

void TestTwilioSms::longestBody()
{
    const QString body(TwilioSms::MaxBodyLength, QLatin1Char('b'));
    const TwilioSms sms = parse(with(seedData(), { { QStringLiteral("body"), body } }));
    QCOMPARE(sms.body, body);
    QCOMPARE(sms.segments().segments, 11);
    // Bodies are sent as given: no trimming.
    QCOMPARE(parse(with(seedData(), { { QStringLiteral("body"), QStringLiteral(" hi \n") } })).body,
        QStringLiteral(" hi \n"));
}

void TestTwilioSms::rejected_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("phrase");

    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    const QJsonObject seed = seedData();

    QTest::newRow("baseUrlOverride ftp") << with(seed, { { s("baseUrlOverride"), s("ftp://api.twilio.com") } })
                                         << s("data.baseUrlOverride") << s("is not an https URL");
    QTest::newRow("baseUrlOverride with a password")
        << with(seed, { { s("baseUrlOverride"), s("https://u:p@api.twilio.com") } }) << s("data.baseUrlOverride")
        << s("must not contain a user name or password");
    QTest::newRow("missing providerConfigKey")
        << with(seed, {}, { s("providerConfigKey") }) << s("data.providerConfigKey")
        << s("data.providerConfigKey is missing: give the Nango integration "
             "key, e.g. \"twilio\".");
    QTest::newRow("connectionId number") << with(seed, { { s("connectionId"), 5 } }) << s("data.connectionId")
                                         << s("data.connectionId must be a string, not a number.");
    QTest::newRow("missing connectionId")
        << with(seed, {}, { s("connectionId") }) << s("data.connectionId") << s("data.connectionId is missing");
    QTest::newRow("both from and service") << with(seed, { { s("messagingServiceSid"), serviceSid } }) << s("data.from")
                                           << s("Both data.from and data.messagingServiceSid are given; give only "
                                                "one");
    QTest::newRow("neither from nor service")
        << with(seed, {}, { s("from") }) << s("data.from") << s("data.from is missing: give the sender");
    QTest::newRow("empty from, no service")
        << with(seed, { { s("from"), s("") } }) << s("data.from") << s("data.from is missing");
    QTest::newRow("body too long") << with(seed, { { s("body"), QString(1601, QLatin1Char('a')) } }) << s("data.body")
                                   << s("data.body is 1601 characters long; Twilio accepts at most 1600.");
    QTest::newRow("body missing") << with(seed, {}, { s("body") }) << s("data.body")
                                  << s("data.body is missing: give the text to send.");
    QTest::newRow("body empty") << with(seed, { { s("body"), s("") } }) << s("data.body") << s("data.body is empty");
    QTest::newRow("body number") << with(seed, { { s("body"), 3 } }) << s("data.body")
                                 << s("data.body must be a string, not a number.");
    QTest::newRow("bad service sid") << with(seed, { { s("messagingServiceSid"), s("MG123") } }, { s("from") })
                                     << s("data.messagingServiceSid")
                                     << s("data.messagingServiceSid: \"MG123\" is not a Messaging Service SID; it is "
                                          "MG followed by 32 hexadecimal characters.");
    QTest::newRow("service sid with account prefix")
        << with(seed, { { s("messagingServiceSid"), realSid } }, { s("from") }) << s("data.messagingServiceSid")
        << s("is not a Messaging Service SID");
    QTest::newRow("bad account sid") << with(seed, { { s("accountSid"), s("AC123") } }) << s("data.accountSid")
                                     << s("data.accountSid: \"AC123\" is not an Account SID; it is AC followed by 32 "
                                          "hexadecimal characters.");
    QTest::newRow("account sid not hex") << with(seed, { { s("accountSid"), s("ACzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz") } })
                                         << s("data.accountSid") << s("is not an Account SID");
    QTest::newRow("account sid number") << with(seed, { { s("accountSid"), 12 } }) << s("data.accountSid")
                                        << s("data.accountSid must be a string, not a number.");
    QTest::newRow("to too short") << with(seed, { { s("to"), s("+1234") } }) << s("data.to")
                                  << s("data.to: \"+1234\" is too short to be a phone number.");
    QTest::newRow("to abc") << with(seed, { { s("to"), s("abc") } }) << s("data.to") << s("is not a phone number");
    QTest::newRow("to missing") << with(seed, {}, { s("to") }) << s("data.to") << s("data.to is missing");
    QTest::newRow("to whatsapp channel") << with(seed, { { s("to"), s("whatsapp:+15551234567") } }) << s("data.to")
                                         << s("has a prefix");
    QTest::newRow("from too short") << with(seed, { { s("from"), s("+1234") } }) << s("data.from")
                                    << s("data.from: \"+1234\" is too short to be a phone number.");
    QTest::newRow("from without plus") << with(seed, { { s("from"), s("15005550006") } }) << s("data.from")
                                       << s("data.from: \"15005550006\" looks like a phone number without its country "
                                            "code; start it with + and the country code, e.g. +15005550006.");
    QTest::newRow("from national format") << with(seed, { { s("from"), s("(500) 555-0006") } }) << s("data.from")
                                          << s("looks like a phone number without its country code");
    QTest::newRow("sender id too long") << with(seed, { { s("from"), s("CrosslineApp1") } }) << s("data.from")
                                        << s("data.from: \"CrosslineApp1\" is 13 characters long; an alphanumeric "
                                             "sender ID has at most 11.");
    QTest::newRow("sender id symbols") << with(seed, { { s("from"), s("Shop!") } }) << s("data.from")
                                       << s("data.from: \"Shop!\" is not a phone number, short code or alphanumeric "
                                            "sender ID.");
    QTest::newRow("from channel address")
        << with(seed, { { s("from"), s("whatsapp:+15005550006") } }) << s("data.from") << s("is a channel address");
    QTest::newRow("from boolean") << with(seed, { { s("from"), false } }) << s("data.from")
                                  << s("data.from must be a string, not a boolean.");
}

void TestTwilioSms::rejected()
{
    QFETCH(QJsonObject, data);
    QFETCH(QString, field);
    QFETCH(QString, phrase);

    const auto parsed = TwilioSms::fromJson(data);
    QVERIFY(!parsed);
    const Error error = parsed.error();
    QCOMPARE(error.kind, Error::Kind::Validation);
    QCOMPARE(error.field, field);
    QVERIFY2(error.message.contains(phrase), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestTwilioSms)
#include "tst_twiliosms.moc"
