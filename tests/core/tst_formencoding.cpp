#include "messaging/formencoding.h"

#include <QTest>

using namespace crossline;

using Fields = QList<QPair<QString, QString>>;
Q_DECLARE_METATYPE(Fields)

class TestFormEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encode_data();
    void encode();
    void roundTrip_data();
    void roundTrip();
};

namespace {

QPair<QString, QString> field(const char *key, const QString &value)
{
    return { QString::fromLatin1(key), value };
}

} // namespace

void TestFormEncoding::encode_data()
{
    QTest::addColumn<Fields>("fields");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("none") << Fields {} << QByteArray();
    // The QUrlQuery trap: '+' must be %2B or "+1555…" arrives as " 1555…".
    QTest::newRow("plus") << Fields { field("To", QStringLiteral("+15551234567")) } << QByteArray("To=%2B15551234567");
    QTest::newRow("ampersand") << Fields { field("Body", QStringLiteral("a&b")) } << QByteArray("Body=a%26b");
    QTest::newRow("equals") << Fields { field("Body", QStringLiteral("a=b")) } << QByteArray("Body=a%3Db");
    QTest::newRow("space") << Fields { field("Body", QStringLiteral("a b")) } << QByteArray("Body=a%20b");
    QTest::newRow("emoji") << Fields { field("Body", QStringLiteral("\U0001F44D")) } << QByteArray("Body=%F0%9F%91%8D");
    QTest::newRow("latin1 accent") << Fields { field("Body", QStringLiteral("\u00e9")) } << QByteArray("Body=%C3%A9");
    QTest::newRow("euro") << Fields { field("Body", QStringLiteral("\u20ac5")) } << QByteArray("Body=%E2%82%AC5");
    QTest::newRow("reserved") << Fields { field("Body", QStringLiteral("%/?#;:@,")) }
                              << QByteArray("Body=%25%2F%3F%23%3B%3A%40%2C");
    QTest::newRow("unreserved kept") << Fields { field("Body", QStringLiteral("AZaz09-._~")) }
                                     << QByteArray("Body=AZaz09-._~");
    QTest::newRow("newline") << Fields { field("Body", QStringLiteral("a\r\nb")) } << QByteArray("Body=a%0D%0Ab");
    QTest::newRow("empty value") << Fields { field("Body", QString()) } << QByteArray("Body=");
    QTest::newRow("key encoded") << Fields { field("a b+c", QStringLiteral("1")) } << QByteArray("a%20b%2Bc=1");
    QTest::newRow("order kept") << Fields { field("b", QStringLiteral("1")), field("a", QStringLiteral("2")) }
                                << QByteArray("b=1&a=2");
    // The original backend's Twilio example, as Crossline sends it.
    QTest::newRow("seed sms") << Fields { field("To", QStringLiteral("+15551234567")),
        field("From", QStringLiteral("+15005550006")), field("Body", QStringLiteral("Hello via Twilio!")) }
                              << QByteArray("To=%2B15551234567&From=%2B15005550006&Body=Hello%20via%20Twilio%21");
    QTest::newRow("reference sms") << Fields { field("To", QStringLiteral("+15551234567")),
        field("From", QStringLiteral("+15557654321")), field("Body", QStringLiteral("Hello \U0001F44D & more")) }
                                   << QByteArray(
                                          "To=%2B15551234567&From=%2B15557654321&Body=Hello%20%F0%9F%91%8D%20%26%"
                                          "20more");
}

void TestFormEncoding::encode()
{
    QFETCH(Fields, fields);
    QTEST(FormEncoding::encode(fields), "body");
}

void TestFormEncoding::roundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("e164") << QStringLiteral("+15551234567");
    QTest::newRow("symbols") << QStringLiteral("1+1=2 & 50% off? #tag");
    QTest::newRow("unicode") << QStringLiteral("\u00a1Hola! \u4f60\u597d \U0001F600");
}

void TestFormEncoding::roundTrip()
{
    // What a form decoder does: split on '&' and '=', then percent-decode (a '+' would become a space, so none may
    // be left unencoded).
    QFETCH(QString, value);
    const QByteArray body = FormEncoding::encode({ field("k", value), field("k2", value) });
    QVERIFY(!body.contains(' '));
    QVERIFY(!body.contains('+'));
    const QList<QByteArray> pairs = body.split('&');
    QCOMPARE(pairs.size(), 2);
    for (const QByteArray &pair : pairs) {
        const QList<QByteArray> kv = pair.split('=');
        QCOMPARE(kv.size(), 2);
        QCOMPARE(QString::fromUtf8(QByteArray::fromPercentEncoding(kv.at(1))), value);
    }
}

QTEST_GUILESS_MAIN(TestFormEncoding)
#include "tst_formencoding.moc"
