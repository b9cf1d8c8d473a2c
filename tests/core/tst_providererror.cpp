// The four error envelopes become one readable Error with the provider's code and a hint.
#include "net/providererror.h"

#include <QTest>

using namespace crossline;

class TestProviderError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void envelopes_data();
    void envelopes();
    void metaDetailsAreSaidOnce();
};

void TestProviderError::envelopes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("hintPart");

    const QByteArray json = "application/json; charset=utf-8";
    const int http = int(Error::Kind::Http), auth = int(Error::Kind::Auth);
    QTest::newRow("nango connection_test_failed")
        << 400
        << QByteArray(
               R"({"error":{"code":"connection_test_failed","message":"The given credentials were found to be invalid. Please check the credentials and try again."}})")
        << json << "nango" << http << "connection_test_failed"
        << "credentials were found to be invalid"
        << "--skip-verification";
    QTest::newRow("nango missing auth header")
        << 401
        << QByteArray(
               R"({"error":{"message":"Authentication failed. The request is missing the Authorization header.","code":"missing_auth_header","payload":{}}})")
        << json << "nango" << auth << "missing_auth_header"
        << "missing the Authorization header"
        << "NANGO_SECRET_KEY";
    QTest::newRow("nango invalid_body with paths")
        << 400
        << QByteArray(
               R"({"error":{"code":"invalid_body","errors":[{"code":"invalid_type","message":"Invalid input: expected string, received undefined","path":["credentials","apiKey"]}]}})")
        << json << "nango" << http << "invalid_body"
        << "credentials.apiKey: Invalid input"
        << "name the field";
    QTest::newRow("nango 429 without message")
        << 429 << QByteArray(R"({"error":{"code":"too_many_request","method":"GET","path":"/connections"}})") << json
        << "nango" << http << "too_many_request"
        << "too_many_request"
        << "rate limit";
    QTest::newRow("nango unknown integration")
        << 404
        << QByteArray(
               R"({"error":{"code":"unknown_provider_config","message":"Provider config not found for the given provider config key."}})")
        << json << "nango" << http << "unknown_provider_config"
        << "Provider config not found"
        << "providerConfigKey";
    QTest::newRow("meta 131030")
        << 400
        << QByteArray(
               R"({"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException","code":131030,"error_subcode":2655007,"error_data":{"messaging_product":"whatsapp","details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."},"fbtrace_id":"AFXVb2PxwDZXqmWDadIFvld"}})")
        << json << "nango" << http << "131030"
        << "Recipient phone number not in allowed list"
        << "AFXVb2PxwDZXqmWDadIFvld";
    QTest::newRow("meta 132001")
        << 404
        << QByteArray(
               R"({"error":{"message":"(#132001) Template name does not exist in the translation","type":"OAuthException","code":132001,"error_data":{"messaging_product":"whatsapp","details":"template name (hello_world) does not exist in en"},"fbtrace_id":"x"}})")
        << json << "nango" << http << "132001"
        << "does not exist in en"
        << "en_US is not en";
    QTest::newRow("meta 190 expired token")
        << 401
        << QByteArray(
               R"({"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"y"}})")
        << json << "nango" << auth << "190"
        << "Session has expired"
        << "token expired";
    // 190 is every refused token: one Meta cannot parse is not "expired".
    QTest::newRow("meta 190 unparseable token")
        << 401
        << QByteArray(
               R"({"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"z"}})")
        << json << "nango" << auth << "190"
        << "Cannot parse access token"
        << "not a valid, current token";
    QTest::newRow("twilio 21211")
        << 400
        << QByteArray(
               R"({"code":21211,"message":"The 'To' number 5551234567 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400})")
        << json << "nango" << http << "21211"
        << "not a valid phone number"
        << "https://www.twilio.com/docs/errors/21211";
    QTest::newRow("twilio 21604 json trap")
        << 400
        << QByteArray(
               R"({"code":21604,"message":"A 'To' phone number is required.","more_info":"https://www.twilio.com/docs/errors/21604","status":400})")
        << json << "nango" << http << "21604"
        << "'To' phone number is required"
        << "Nango-Proxy-Content-Type";
    QTest::newRow("twilio 20003")
        << 401
        << QByteArray(
               R"({"code":20003,"message":"Authenticate","more_info":"http://www.twilio.com/docs/errors/20003","status":401})")
        << json << "nango" << auth << "20003"
        << "Authenticate"
        << "Account SID";
    QTest::newRow("panora bad api key is a 500")
        << 500
        << QByteArray(
               R"({"statusCode":500,"timestamp":"2024-12-01T10:00:00.000Z","path":"/crm/contacts","message":"API Key not found."})")
        << json << "panora" << auth << "500"
        << "API Key not found"
        << "PANORA_API_KEY";
    QTest::newRow("panora hris removed")
        << 404 << QByteArray(R"({"statusCode":404,"message":"Cannot GET /hris/employees","error":"Not Found"})") << json
        << "panora" << http << "404"
        << "Cannot GET /hris/employees"
        << "removed from Panora";
    QTest::newRow("panora unknown connection token")
        << 500
        << QByteArray(
               R"({"statusCode":500,"timestamp":"t","path":"/crm/contacts","message":"ReferenceError: Connection undefined for token abc"})")
        << json << "panora" << auth << "500"
        << "Connection undefined"
        << "PANORA_CONNECTION_TOKEN";
    // Panora's 500s, as a running Panora answered them: each gets a hint a support person can act on.
    const auto panora500 = [](const char *message) -> QByteArray {
        return QByteArray(R"({"statusCode":500,"timestamp":"t","path":"/crm/contacts/x","message":")") + message
            + R"("})";
    };
    QTest::newRow("panora unknown contact id")
        << 500 << panora500("Cannot read properties of null (reading 'id_crm_contact')") << json << "panora" << http
        << "500"
        << "id_crm_contact"
        << "may not exist";
    QTest::newRow("panora CRM refusal") << 500 << panora500("Request failed with status code 409") << json << "panora"
                                        << http << "500"
                                        << "status code 409"
                                        << "The CRM refused the request with HTTP 409";
    QTest::newRow("panora remote_data without remote data")
        << 500 << panora500("Cannot read properties of null (reading 'data')") << json << "panora" << http << "500"
        << "reading 'data'"
        << "leave remote_data out";
    QTest::newRow("panora bad request") << 400 << QByteArray(R"({"statusCode":400,"message":"Bad Request Exception"})")
                                        << json << "panora" << http << "400"
                                        << "Bad Request Exception"
                                        << "limit (a number), cursor";
    QTest::newRow("html error page") << 502 << QByteArray("<html><body>Bad gateway</body></html>")
                                     << QByteArray("text/html") << "nango" << http << ""
                                     << "HTML page"
                                     << "base URL";
    QTest::newRow("plain text") << 503 << QByteArray("upstream connect error") << QByteArray("text/plain") << "panora"
                                << http << ""
                                << "503 Service Unavailable: upstream connect error"
                                << "";
    QTest::newRow("empty body") << 500 << QByteArray() << QByteArray() << "nango" << http << ""
                                << "HTTP 500 Internal Server Error"
                                << "";
}

void TestProviderError::envelopes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, service);
    const Error e = ProviderError::fromHttp(status, body, contentType, service);
    QTEST(int(e.kind), "kind");
    QCOMPARE(e.httpStatus, status);
    QTEST(e.code, "code");
    QFETCH(QString, messagePart);
    QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
    QFETCH(QString, hintPart);
    QVERIFY2(e.hint.contains(hintPart), qPrintable(e.hint));
}

void TestProviderError::metaDetailsAreSaidOnce()
{
    // 131030's details repeat its message; 21211's hint must not tell someone with a well-formed number to use E.164.
    const Error allowed = ProviderError::fromHttp(400,
        R"({"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException","code":131030,"error_data":{"messaging_product":"whatsapp","details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."}}})",
        "application/json", QStringLiteral("nango"));
    QCOMPARE(allowed.message,
        QStringLiteral("WhatsApp: (#131030) Recipient phone number not in allowed list: Add recipient phone number to "
                       "recipient list and try again."));
    const Error invalid = ProviderError::fromHttp(400,
        R"({"code":21211,"message":"The 'To' number +15005550001 is not a valid phone number.","status":400})",
        "application/json", QStringLiteral("nango"));
    QVERIFY2(
        invalid.hint.startsWith(QStringLiteral("Twilio does not accept this 'To' number")), qPrintable(invalid.hint));
}

QTEST_GUILESS_MAIN(TestProviderError)
#include "tst_providererror.moc"
