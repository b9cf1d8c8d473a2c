// Secrets never reach a log line: headers, JSON/form fields and registered literal values are masked.
#include "net/redactor.h"

#include <QTest>

using namespace crossline;

class TestRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headers();
    void jsonBodies_data();
    void jsonBodies();
    void formBody();
    void urlAndLiteralSecrets();
    void everyEncodingOfASecret();
    void masksChosenOnTheGivenText();
};

void TestRedactor::headers()
{
    const HeaderList in { { "Authorization", "Bearer 5f2c9a1e-3b7d-4c8e-9f10-2a6b4c8d6666" },
        { "x-api-key", "sk_live_1" }, { "X-Connection-Token", "tok" }, { "Connection-Id", "conn_abc123" },
        { "Nango-Proxy-Authorization", "Basic x" } };
    const HeaderList out = Redactor::headers(in);
    QCOMPARE(out.at(0).second, QByteArray("[redacted]"));
    QCOMPARE(out.at(1).second, QByteArray("[redacted]"));
    QCOMPARE(out.at(2).second, QByteArray("[redacted]"));
    QCOMPARE(out.at(3).second, QByteArray("conn_abc123"));
    QCOMPARE(out.at(4).second, QByteArray("[redacted]"));
}

void TestRedactor::jsonBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("nango import") << QByteArray(
        R"({"provider_config_key":"wa","credentials":{"type":"API_KEY","apiKey":"EAAGsecret"}})")
                                  << QByteArray(R"({"credentials":"[redacted]","provider_config_key":"wa"})");
    QTest::newRow("legacy import echo") << QByteArray(R"({"api_key":"EAAGsecret","connection_id":"c"})")
                                        << QByteArray(R"({"api_key":"[redacted]","connection_id":"c"})");
    QTest::newRow("nested token in array")
        << QByteArray(R"([{"access_token":"a","refresh_token":"b","id":1}])")
        << QByteArray(R"([{"access_token":"[redacted]","id":1,"refresh_token":"[redacted]"}])");
    QTest::newRow("basic password") << QByteArray(R"({"username":"AC1","password":"pw"})")
                                    << QByteArray(R"({"password":"[redacted]","username":"AC1"})");
    QTest::newRow("no secrets unchanged")
        << QByteArray(R"({"to":"+15551234567"})") << QByteArray(R"({"to":"+15551234567"})");
}

void TestRedactor::jsonBodies()
{
    QFETCH(QByteArray, body);
    QTEST(Redactor::body(body, "application/json"), "expected");
}

void TestRedactor::formBody()
{
    QCOMPARE(Redactor::body("To=%2B1555&Password=abc&Body=hi", "application/x-www-form-urlencoded"),
        QByteArray("To=%2B1555&Password=[redacted]&Body=hi"));
}

void TestRedactor::urlAndLiteralSecrets()
{
    const QStringList secrets { QStringLiteral("EAAGsupersecrettoken") };
    QCOMPARE(Redactor::url(QUrl(QStringLiteral("https://h/x?apiKey=abc&limit=5")), {}),
        QStringLiteral("https://h/x?apiKey=[redacted]&limit=5"));
    // A registered secret is caught anywhere: in a URL, a plain-text body, percent-encoded.
    QCOMPARE(Redactor::url(QUrl(QStringLiteral("https://h/EAAGsupersecrettoken/y")), secrets),
        QStringLiteral("https://h/[redacted]/y"));
    QCOMPARE(
        Redactor::body("token is EAAGsupersecrettoken.", "text/plain", secrets), QByteArray("token is [redacted]."));
    QCOMPARE(Redactor::scrub(QByteArray("a=EAG%2Bx"), { QStringLiteral("EAG+x") }),
        QByteArray("a=EAG%2Bx")); // too short to scrub
    QCOMPARE(Redactor::scrub(QByteArray("a=EAAG%2Bxyz"), { QStringLiteral("EAAG+xyz") }), QByteArray("a=[redacted]"));
}

void TestRedactor::everyEncodingOfASecret()
{
    const QString key = QStringLiteral("EAAG+super/secret?token");
    const QByteArray raw = key.toUtf8();
    const QStringList secrets { key };
    const QByteArray texts[] = {
        "raw " + raw,
        "url " + QUrl::toPercentEncoding(key),
        "b64 " + raw.toBase64(),
        "b64url " + raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        "Authorization: Bearer " + raw,
        "Authorization: Basic " + QByteArray("AC0123:" + raw).toBase64(),
        "basic " + QByteArray(raw + ":x").toBase64(),
    };
    for (const QByteArray &text : texts) {
        const QByteArray out = Redactor::scrub(text, secrets);
        QVERIFY2(out.contains("[redacted]"), out.constData());
        QVERIFY2(!out.contains(raw) && !out.contains(QUrl::toPercentEncoding(key)) && !out.contains(raw.toBase64()),
            out.constData());
    }
    // Found by fuzz_redactor and fuzz_provider_error: "Basic" in mixed case, and a short token inside a longer one
    // (masking every copy of the short token's text left the rest of the long one, itself a credential, readable).
    const QByteArray shortOne = QByteArray("AC1:" + raw).toBase64();
    // "user12:" + raw is 30 bytes, a multiple of 3: the short token's text stands inside the long one's.
    const QByteArray longOne = QByteArray("user12:" + raw + "AC1:" + raw).toBase64();
    QVERIFY(longOne.contains(shortOne));
    const QByteArray both = "Basic " + shortOne + ", Basic " + longOne;
    QCOMPARE(Redactor::scrub(both, secrets), QByteArray("Basic [redacted], Basic [redacted]"));
    const QByteArray mixed = "bAsic " + QByteArray("AC1:" + raw).toBase64();
    QVERIFY2(Redactor::scrub(mixed, secrets) == "bAsic [redacted]", Redactor::scrub(mixed, secrets).constData());
    // A long s (U+017F) for the s: a caseless regular expression reads that as "basic" too.
    const QByteArray longS = "ba\xc5\xbfic " + QByteArray("AC1:" + raw).toBase64();
    QCOMPARE(Redactor::scrub(longS, secrets), QByteArray("ba\xc5\xbfic [redacted]"));
    // Basic credentials that hold no known secret stay readable (they are someone else's business to mask).
    const QByteArray other = "Basic " + QByteArray("user:other-password").toBase64();
    QCOMPARE(Redactor::scrub(other, secrets), other);
}

void TestRedactor::masksChosenOnTheGivenText()
{
    // Found by fuzz_redactor: a Basic token holding two secrets, whose whole does not decode (base64's '/' of one
    // alphabet with the '-' of the other), where masking the raw second secret on its own cut the token in two and
    // left "Basic <base64 of AC?:key>" before the mask, itself a credential. All masks are chosen on the text as given.
    const QString key = QStringLiteral("EAAG+super/secret?token");
    const QString second = QStringLiteral("tok-0123456789");
    const QStringList secrets { key, second };
    const QByteArray credential = QByteArray("AC?:" + key.toUtf8()).toBase64();
    QVERIFY(credential.contains('/'));
    const QByteArray header = "Authorization: Basic " + credential + second.toUtf8();
    QCOMPARE(Redactor::scrub(header, secrets), QByteArray("Authorization: Basic [redacted]"));
    QCOMPARE(Redactor::scrub(QString::fromUtf8(header), secrets), QStringLiteral("Authorization: Basic [redacted]"));

    // The fuzzer's input as it found it, with its secrets: "xoxb-17" raw inside a token that, up to there, is the
    // base64 of a text holding "xoxb-17" too.
    const QStringList fuzzSecrets { QStringLiteral("sk-test-0123456789abcdef"), QStringLiteral("xoxb-17") };
    const QByteArray found = "basic dToE2Zi0yZ0ZjFjd+VzdC0wMTIzNdXN4b3hiLTE3xoxb-17test-abcdeHN{\"eho\"";
    QCOMPARE(Redactor::scrub(found, fuzzSecrets), QByteArray("basic [redacted]{\"eho\""));

    // What is not masked is left byte for byte, even where it is not UTF-8.
    const QByteArray binary = "\xff\xfe Basic " + QByteArray("AC1:" + key.toUtf8()).toBase64() + " \xc3(";
    QCOMPARE(Redactor::scrub(binary, secrets), QByteArray("\xff\xfe Basic [redacted] \xc3("));
    // Forms of two secrets that overlap become one mask.
    QCOMPARE(Redactor::scrub(QByteArray("x " + key.toUtf8().chopped(3) + "tok-0123456789 y"),
                 { key.chopped(3) + QStringLiteral("tok"), second }),
        QByteArray("x [redacted] y"));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
