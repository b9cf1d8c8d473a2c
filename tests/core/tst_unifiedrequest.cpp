// The unified request: the original backend's six README examples pass; bad bodies are refused with the field named.
#include "models/recordcolumns.h"
#include "models/recordsource.h"
#include "testsupport.h"
#include "unified/repeatedkeys.h"
#include "unified/resourceregistry.h"
#include "unified/unifiedrequest.h"

#include <QJsonArray>
#include <QSet>

#include <QDir>
#include <QJsonDocument>
#include <QTest>

using namespace crossline;

class TestUnifiedRequest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedExamples_data();
    void seedExamples();
    void rejects_data();
    void rejects();
    void paramsBecomeQueryItems();
    void repeatedKeys_data();
    void repeatedKeys();
    void registryCoversEveryAdvertisedCombination();
    void recordKindsAreBrowsableEverywhere();
};

static QString examplesDir()
{
    return QDir(test::sourceDir()).absoluteFilePath(QStringLiteral("resources/examples"));
}

void TestUnifiedRequest::seedExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("operation");
    const QStringList files = QDir(examplesDir()).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 7); // the original backend's six, then a deployed Nango's synced records
    const QStringList expected[] = {
        { QStringLiteral("panora"), QStringLiteral("crm.contact"), QStringLiteral("list") },
        { QStringLiteral("nango"), QStringLiteral("hr.employee"), QStringLiteral("get") },
        { QStringLiteral("nango"), QStringLiteral("crm.contact"), QStringLiteral("create") },
        { QStringLiteral("nango"), QStringLiteral("whatsapp.message"), QStringLiteral("create") },
        { QStringLiteral("nango"), QStringLiteral("whatsapp.message"), QStringLiteral("create") },
        { QStringLiteral("nango"), QStringLiteral("twilio.sms"), QStringLiteral("create") },
        { QStringLiteral("nango"), QStringLiteral("crm.contact"), QStringLiteral("list") },
    };
    for (int i = 0; i < files.size(); ++i)
        QTest::newRow(qPrintable(files.at(i))) << files.at(i) << expected[i][0] << expected[i][1] << expected[i][2];
}

void TestUnifiedRequest::seedExamples()
{
    QFETCH(QString, file);
    const QByteArray body = test::readFile(examplesDir() + QLatin1Char('/') + file);
    QVERIFY(!body.isEmpty());
    auto parsed = UnifiedRequest::fromBytes(body);
    if (!parsed)
        QFAIL(qPrintable(parsed.error().summary()));
    const UnifiedRequest r = *parsed;
    QTEST(r.provider, "provider");
    QTEST(r.resource, "resource");
    QTEST(r.operation, "operation");
    const Error e = ResourceRegistry::check(r);
    QVERIFY2(!e.isError(), qPrintable(e.summary()));
}

void TestUnifiedRequest::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("phrase");

    const QByteArray wa = R"("provider":"nango","resource":"whatsapp.message","operation":"create")";
    const QByteArray waData
        = R"("providerConfigKey":"whatsapp-business","connectionId":"conn_abc123","phoneNumberId":"123456789012345")";
    const QByteArray sms = R"("provider":"nango","resource":"twilio.sms","operation":"create")";
    const QByteArray smsData = R"("providerConfigKey":"twilio","connectionId":"conn_twilio_1")";

    QTest::newRow("empty body") << QByteArray("") << "body"
                                << "empty";
    QTest::newRow("not json") << QByteArray("{provider: nango}") << "body"
                              << "not valid JSON";
    QTest::newRow("json array") << QByteArray("[]") << "body"
                                << "JSON object";
    QTest::newRow("missing provider") << QByteArray(R"({"resource":"crm.contact","operation":"list"})") << "provider"
                                      << "required";
    QTest::newRow("unknown provider") << QByteArray(
        R"({"provider":"merge","resource":"crm.contact","operation":"list"})")
                                      << "provider"
                                      << "\"merge\" is not supported";
    QTest::newRow("provider not string") << QByteArray(R"({"provider":1,"resource":"crm.contact","operation":"list"})")
                                         << "provider"
                                         << "must be a string";
    QTest::newRow("missing resource") << QByteArray(R"({"provider":"nango","operation":"list"})") << "resource"
                                      << "required";
    QTest::newRow("unknown resource") << QByteArray(R"({"provider":"nango","resource":"crm.deal","operation":"list"})")
                                      << "resource"
                                      << "\"crm.deal\"";
    QTest::newRow("missing operation") << QByteArray(R"({"provider":"nango","resource":"crm.contact"})") << "operation"
                                       << "required";
    QTest::newRow("unknown operation") << QByteArray(
        R"({"provider":"nango","resource":"crm.contact","operation":"delete"})")
                                       << "operation"
                                       << "\"delete\"";
    QTest::newRow("unknown top-level field")
        << QByteArray(R"({"provider":"nango","resource":"crm.contact","operation":"list","param":{}})") << "param"
        << "Unknown field";
    QTest::newRow("get without id") << QByteArray(R"({"provider":"nango","resource":"hr.employee","operation":"get"})")
                                    << "id"
                                    << "required for get";
    QTest::newRow("get with empty id") << QByteArray(
        R"({"provider":"nango","resource":"hr.employee","operation":"get","id":"  "})")
                                       << "id"
                                       << "empty";
    QTest::newRow("id as object") << QByteArray(
        R"({"provider":"nango","resource":"hr.employee","operation":"get","id":{}})")
                                  << "id"
                                  << "must be a string";
    QTest::newRow("id on list") << QByteArray(
        R"({"provider":"nango","resource":"crm.contact","operation":"list","id":"x"})")
                                << "id"
                                << "only used by get";
    QTest::newRow("params not object") << QByteArray(
        R"({"provider":"panora","resource":"crm.contact","operation":"list","params":[1]})")
                                       << "params"
                                       << "must be an object";
    QTest::newRow("nested params") << QByteArray(
        R"({"provider":"panora","resource":"crm.contact","operation":"list","params":{"filter":{"a":1}}})")
                                   << "params.filter"
                                   << "string, number, boolean";
    QTest::newRow("params on create") << QByteArray(
        R"({"provider":"nango","resource":"crm.contact","operation":"create","params":{"a":1},"data":{"email":"a@b.co"}})")
                                      << "params"
                                      << "create takes its payload in data";
    QTest::newRow("data on list") << QByteArray(
        R"({"provider":"nango","resource":"crm.contact","operation":"list","data":{"a":1}})")
                                  << "data"
                                  << "payload of create";
    QTest::newRow("create without data") << QByteArray(
        R"({"provider":"nango","resource":"crm.contact","operation":"create"})")
                                         << "data"
                                         << "required for create";
    QTest::newRow("create with empty data")
        << QByteArray(R"({"provider":"nango","resource":"crm.contact","operation":"create","data":{}})") << "data"
        << "empty";
    QTest::newRow("data not object") << QByteArray(
        R"({"provider":"nango","resource":"crm.contact","operation":"create","data":"x"})")
                                     << "data"
                                     << "must be an object";
    QTest::newRow("nango contact bad email") << QByteArray(
        R"({"provider":"nango","resource":"crm.contact","operation":"create","data":{"email":"test-at-example"}})")
                                             << "data.email"
                                             << "not an email";
    QTest::newRow("panora contact flat email") << QByteArray(
        R"({"provider":"panora","resource":"crm.contact","operation":"create","data":{"email":"a@b.co","first_name":"A","last_name":"B"}})")
                                               << "data.email"
                                               << "email_addresses";
    QTest::newRow("panora contact without last_name") << QByteArray(
        R"({"provider":"panora","resource":"crm.contact","operation":"create","data":{"first_name":"A"}})")
                                                      << "data.last_name"
                                                      << "required";
    QTest::newRow("panora contact bad email type") << QByteArray(
        R"({"provider":"panora","resource":"crm.contact","operation":"create","data":{"first_name":"A","last_name":"B","email_addresses":[{"email_address":"a@b.co","email_address_type":"HOME"}]}})")
                                                   << "data.email_addresses[0].email_address_type"
                                                   << "PERSONAL or WORK";
    QTest::newRow("panora employee create") << QByteArray(
        R"({"provider":"panora","resource":"hr.employee","operation":"create","data":{"first_name":"A"}})")
                                            << "operation"
                                            << "cannot create employees";
    QTest::newRow("whatsapp through panora") << QByteArray(
        R"({"provider":"panora","resource":"whatsapp.message","operation":"create","data":{"to":"+15551234567"}})")
                                             << "provider"
                                             << "Panora has no messaging";
    QTest::newRow("twilio through panora") << QByteArray(
        R"({"provider":"panora","resource":"twilio.sms","operation":"create","data":{"to":"+15551234567"}})")
                                           << "provider"
                                           << "Panora has no messaging";
    QTest::newRow("whatsapp list") << QByteArray(
        R"({"provider":"nango","resource":"whatsapp.message","operation":"list"})")
                                   << "operation"
                                   << "only supports create";
    QTest::newRow("whatsapp get") << QByteArray(
        R"({"provider":"nango","resource":"whatsapp.message","operation":"get","id":"wamid.1"})")
                                  << "operation"
                                  << "only supports create";
    QTest::newRow("whatsapp missing connectionId") << QByteArray("{" + wa
        + R"(,"data":{"providerConfigKey":"whatsapp-business","phoneNumberId":"1","to":"+15551234567","body":"x"}})")
                                                   << "data.connectionId"
                                                   << "connectionId";
    QTest::newRow("whatsapp bad to") << QByteArray("{" + wa + ",\"data\":{" + waData + R"(,"to":"abc","body":"x"}})")
                                     << "data.to"
                                     << "abc";
    QTest::newRow("whatsapp short to") << QByteArray(
        "{" + wa + ",\"data\":{" + waData + R"(,"to":"+1234","body":"x"}})")
                                       << "data.to"
                                       << "+1234";
    QTest::newRow("whatsapp body too long") << QByteArray(
        "{" + wa + ",\"data\":{" + waData + R"(,"to":"+15551234567","body":")" + QByteArray(4097, 'a') + R"("}})")
                                            << "data.body"
                                            << "4096";
    QTest::newRow("whatsapp template without name") << QByteArray("{" + wa + ",\"data\":{" + waData
        + R"(,"to":"+15551234567","type":"template","template":{"language":{"code":"en_US"}}}})")
                                                    << "data.template.name"
                                                    << "name";
    QTest::newRow("whatsapp bad phoneNumberId") << QByteArray("{" + wa
        + R"(,"data":{"providerConfigKey":"whatsapp-business","connectionId":"c","phoneNumberId":"12ab","to":"+15551234567","body":"x"}})")
                                                << "data.phoneNumberId"
                                                << "phoneNumberId";
    QTest::newRow("sms neither from nor service")
        << QByteArray("{" + sms + ",\"data\":{" + smsData + R"(,"to":"+15551234567","body":"x"}})") << "data.from"
        << "from";
    QTest::newRow("sms body too long") << QByteArray("{" + sms + ",\"data\":{" + smsData
        + R"(,"from":"+15005550006","to":"+15551234567","body":")" + QByteArray(1601, 'a') + R"("}})")
                                       << "data.body"
                                       << "1600";
    QTest::newRow("sms bad account sid") << QByteArray("{" + sms + ",\"data\":{" + smsData
        + R"(,"from":"+15005550006","to":"+15551234567","body":"x","accountSid":"AC123"}})")
                                         << "data.accountSid"
                                         << "AC";
    QTest::newRow("sms to not a number") << QByteArray(
        "{" + sms + ",\"data\":{" + smsData + R"(,"from":"+15005550006","to":"hello","body":"x"}})")
                                         << "data.to"
                                         << "hello";
}

void TestUnifiedRequest::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, phrase);
    Error error;
    auto parsed = UnifiedRequest::fromBytes(body);
    if (!parsed)
        error = parsed.error();
    else
        error = ResourceRegistry::check(*parsed);
    QVERIFY2(error.isError(), "the body was accepted");
    QCOMPARE(error.kind, Error::Kind::Validation);
    QCOMPARE(error.field, field);
    QVERIFY2(error.message.contains(phrase, Qt::CaseInsensitive) || error.hint.contains(phrase, Qt::CaseInsensitive),
        qPrintable(QStringLiteral("message \"%1\" lacks \"%2\"").arg(error.message, phrase)));
}

void TestUnifiedRequest::paramsBecomeQueryItems()
{
    auto parsed = UnifiedRequest::fromBytes(R"({"provider":"panora","resource":"crm.contact","operation":"list",
        "params":{"page":1,"page_size":50,"remote_data":true,"q":"a+b","ids":["x","y"],"ratio":0.5}})");
    QVERIFY(parsed.hasValue());
    const QueryItems items = parsed->queryItems();
    // QJsonObject iterates keys in sorted order.
    const QueryItems expected { { QStringLiteral("ids"), QStringLiteral("x") },
        { QStringLiteral("ids"), QStringLiteral("y") }, { QStringLiteral("page"), QStringLiteral("1") },
        { QStringLiteral("page_size"), QStringLiteral("50") }, { QStringLiteral("q"), QStringLiteral("a+b") },
        { QStringLiteral("ratio"), QStringLiteral("0.5") }, { QStringLiteral("remote_data"), QStringLiteral("true") } };
    QCOMPARE(items, expected);
    QCOMPARE(UrlBuilder::encodeQuery(items),
        QByteArray("ids=x&ids=y&page=1&page_size=50&q=a%2Bb&ratio=0.5&remote_data=true"));
}

void TestUnifiedRequest::registryCoversEveryAdvertisedCombination()
{
    // Every provider × resource × operation either runs or is refused with its own sentence (never a generic one).
    for (const QString &provider : { QStringLiteral("nango"), QStringLiteral("panora") }) {
        for (const QString &resource : { QStringLiteral("crm.contact"), QStringLiteral("hr.employee"),
                 QStringLiteral("whatsapp.message"), QStringLiteral("twilio.sms") }) {
            const auto *entry = ResourceRegistry::find(provider, resource);
            QVERIFY2(entry, qPrintable(provider + QLatin1Char(' ') + resource));
            for (const QString &op : { QStringLiteral("list"), QStringLiteral("get"), QStringLiteral("create") }) {
                const bool runs = entry->operations.contains(op);
                QVERIFY2(runs || !entry->refusals.value(op).isEmpty(),
                    qPrintable(QStringLiteral("%1 %2 %3 has no specific refusal").arg(provider, resource, op)));
                if (runs)
                    QVERIFY(entry->run);
            }
        }
    }
}

void TestUnifiedRequest::recordKindsAreBrowsableEverywhere()
{
    // A kind the Browser and the CLI list has columns with unique keys, an id column, and a list path on every
    // provider that serves it: the registry is the one place that says so.
    QStringList resources;
    for (const ResourceRegistry::RecordKind &kind : ResourceRegistry::recordKinds()) {
        resources << kind.resource;
        QVERIFY(!kind.plural.isEmpty());
        QVERIFY(!kind.columns.isEmpty());
        QSet<QString> keys;
        for (int c = 0; c < kind.columns.size(); ++c) {
            QVERIFY(!keys.contains(kind.columns.at(c).key));
            keys.insert(kind.columns.at(c).key);
            QCOMPARE(RecordColumns::indexOf(kind.resource, kind.columns.at(c).key), c);
            QVERIFY(!RecordColumns::header(kind.resource, c).isEmpty());
        }
        QVERIFY(keys.contains(QStringLiteral("id")));
        for (const QString &provider : ResourceRegistry::providerNames()) {
            const auto *entry = ResourceRegistry::find(provider, kind.resource);
            QVERIFY2(entry && entry->operations.contains(QStringLiteral("list")) && !entry->path.isEmpty(),
                qPrintable(provider + QLatin1Char(' ') + kind.resource));
            RecordSource source;
            source.resource = kind.resource;
            QVERIFY(!RecordSource::providerNamed(provider).into(source.provider));
            QCOMPARE(source.path(), entry->path);
            QCOMPARE(source.kindName(), kind.plural);
        }
    }
    QCOMPARE(resources, QStringList({ QStringLiteral("crm.contact"), QStringLiteral("hr.employee") }));
    // Messages are sent, not browsed; unknown names have no columns.
    QVERIFY(!ResourceRegistry::recordKind(QStringLiteral("whatsapp.message")));
    QCOMPARE(RecordColumns::count(QStringLiteral("twilio.sms")), 0);
    QCOMPARE(RecordColumns::indexOf(QStringLiteral("crm.contact"), QStringLiteral("nope")), -1);

    // The columns read both shapes a contact comes in.
    const QJsonObject panora { { QStringLiteral("first_name"), QStringLiteral("Ada") },
        { QStringLiteral("last_name"), QStringLiteral("Lovelace") },
        { QStringLiteral("email_addresses"),
            QJsonArray { QJsonObject { { QStringLiteral("email_address"), QStringLiteral("ada@example.com") } } } } };
    const QJsonObject flat { { QStringLiteral("name"), QStringLiteral("Grace") },
        { QStringLiteral("email"), QStringLiteral("grace@example.com") } };
    const QString contact = QStringLiteral("crm.contact");
    const int name = RecordColumns::indexOf(contact, QStringLiteral("name"));
    const int email = RecordColumns::indexOf(contact, QStringLiteral("email"));
    QCOMPARE(RecordColumns::text(contact, panora, name), QStringLiteral("Ada Lovelace"));
    QCOMPARE(RecordColumns::text(contact, panora, email), QStringLiteral("ada@example.com"));
    QCOMPARE(RecordColumns::text(contact, flat, name), QStringLiteral("Grace"));
    QCOMPARE(RecordColumns::text(contact, flat, email), QStringLiteral("grace@example.com"));
}

void TestUnifiedRequest::repeatedKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("times");
    // clang-format off
    QTest::newRow("none") << QByteArray(R"({"id":"a","data":{"id":"b"},"params":[{"id":1},{"id":2}]})") << QString() << 0;
    QTest::newRow("top level") << QByteArray(R"({"id":"emp_123","id":"emp_456"})") << QStringLiteral("id") << 2;
    QTest::newRow("nested") << QByteArray(R"({"data":{"to":"+1","body":"x","to":"+2"}})") << QStringLiteral("data.to") << 2;
    QTest::newRow("three times") << QByteArray(R"({"a":1,"a":2,"a":3})") << QStringLiteral("a") << 3;
    QTest::newRow("in a list") << QByteArray(R"({"c":[{"type":"body"},{"type":"body","type":"button"}]})") << QStringLiteral("c[1].type") << 2;
    QTest::newRow("escaped spelling") << QByteArray(R"({"to":"+1","t\u006f":"+2"})") << QStringLiteral("to") << 2;
    QTest::newRow("the empty key") << QByteArray(R"({"":1,"":2})") << QStringLiteral("\"\"") << 2;
    QTest::newRow("under the empty key") << QByteArray(R"({"":{"a":1,"a":2}})") << QStringLiteral("\"\".a") << 2;
    QTest::newRow("text that looks like keys") << QByteArray(R"({"body":"{\"to\": 1, \"to\": 2}","to":"+1"})") << QString() << 0;
    // Found by fuzz_repeated_key: Qt 6.4's JSON parser drops a U+FEFF (raw, a byte-order mark's bytes) opening a
    // key, so for it these objects hold one key twice; they are refused as such, not passed on to be read either way.
    QTest::newRow("a key that is a byte-order mark") << QByteArray("{\"\xef\xbb\xbf\":1,\"\":2}") << QStringLiteral("\"\"") << 2;
    QTest::newRow("one opening with it") << QByteArray("{\"\xef\xbb\xbfid\":1,\"id\":2}") << QStringLiteral("id") << 2;
    // clang-format on
}

// JSON parsers keep the last of a repeated key without a word: the body must not go to the second "to".
void TestUnifiedRequest::repeatedKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(int, times);
    const RepeatedKey found = RepeatedKey::find(json);
    QCOMPARE(found.path, path);
    QCOMPARE(found.times, times);
    if (!path.isEmpty()) {
        const Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(json);
        QCOMPARE(parsed.error().field, path);
        QVERIFY2(parsed.error().message.contains(QStringLiteral("given %1 times").arg(times)),
            qPrintable(parsed.error().message));
    }
}

QTEST_GUILESS_MAIN(TestUnifiedRequest)
#include "tst_unifiedrequest.moc"
