#include "messaging/phonenumber.h"

#include <QTest>

using namespace crossline;

class TestPhoneNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void errorNamesField();
    void display();
    void countryName();
};

void TestPhoneNumber::accepted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("international");
    QTest::addColumn<QString>("regionCode");
    QTest::addColumn<QString>("countryName");
    QTest::addColumn<QString>("warning");

    const QString us555Warning = QStringLiteral("+1 555-123-4567 is not an assigned number in United States (555 "
                                                "numbers are fictional); it will be sent as is.");
    // The original backend's own example recipient: possible, not valid (555 numbers are fictional).
    QTest::newRow("seed 555") << QStringLiteral("+15551234567") << QString() << false << QStringLiteral("+15551234567")
                              << QStringLiteral("+1 555-123-4567") << QStringLiteral("US")
                              << QStringLiteral("United States") << us555Warning;
    QTest::newRow("punctuated") << QStringLiteral("+1 (555) 123-4567") << QString() << false
                                << QStringLiteral("+15551234567") << QStringLiteral("+1 555-123-4567")
                                << QStringLiteral("US") << QStringLiteral("United States") << us555Warning;
    QTest::newRow("dots") << QStringLiteral("+1.555.123.4567") << QString() << false << QStringLiteral("+15551234567")
                          << QStringLiteral("+1 555-123-4567") << QStringLiteral("US")
                          << QStringLiteral("United States") << us555Warning;
    QTest::newRow("surrounding spaces") << QStringLiteral("  +15551234567 \n") << QString() << false
                                        << QStringLiteral("+15551234567") << QStringLiteral("+1 555-123-4567")
                                        << QStringLiteral("US") << QStringLiteral("United States") << us555Warning;
    QTest::newRow("twilio magic from") << QStringLiteral("+15005550006") << QString() << true
                                       << QStringLiteral("+15005550006") << QStringLiteral("+1 500-555-0006")
                                       << QStringLiteral("US") << QStringLiteral("United States") << QString();
    QTest::newRow("twilio magic to") << QStringLiteral("+15005550009") << QString() << true
                                     << QStringLiteral("+15005550009") << QStringLiteral("+1 500-555-0009")
                                     << QStringLiteral("US") << QStringLiteral("United States") << QString();
    QTest::newRow("valid us") << QStringLiteral("+16505551234") << QString() << true << QStringLiteral("+16505551234")
                              << QStringLiteral("+1 650-555-1234") << QStringLiteral("US")
                              << QStringLiteral("United States") << QString();
    // Ofcom's drama range: possible but not assigned.
    QTest::newRow("uk drama") << QStringLiteral("+447700900123") << QString() << false
                              << QStringLiteral("+447700900123") << QStringLiteral("+44 7700 900123")
                              << QStringLiteral("GB") << QStringLiteral("United Kingdom")
                              << QStringLiteral("+44 7700 900123 is not an assigned number in United Kingdom; it will "
                                                "be sent as is.");
    QTest::newRow("national with region")
        << QStringLiteral("(650) 555-1234") << QStringLiteral("US") << true << QStringLiteral("+16505551234")
        << QStringLiteral("+1 650-555-1234") << QStringLiteral("US") << QStringLiteral("United States") << QString();
    QTest::newRow("national 555 with region")
        << QStringLiteral("5551234567") << QStringLiteral("US") << false << QStringLiteral("+15551234567")
        << QStringLiteral("+1 555-123-4567") << QStringLiteral("US") << QStringLiteral("United States") << us555Warning;
    QTest::newRow("lowercase region") << QStringLiteral("650-555-1234") << QStringLiteral("us") << true
                                      << QStringLiteral("+16505551234") << QStringLiteral("+1 650-555-1234")
                                      << QStringLiteral("US") << QStringLiteral("United States") << QString();
    QTest::newRow("region ignored with +")
        << QStringLiteral("+16505551234") << QStringLiteral("GB") << true << QStringLiteral("+16505551234")
        << QStringLiteral("+1 650-555-1234") << QStringLiteral("US") << QStringLiteral("United States") << QString();
    QTest::newRow("non-geographic") << QStringLiteral("+800 1234 5678") << QString() << true
                                    << QStringLiteral("+80012345678") << QStringLiteral("+800 1234 5678")
                                    << QStringLiteral("001") << QStringLiteral("non-geographic") << QString();
}

void TestPhoneNumber::accepted()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(bool, valid);

    const PhoneCheck check = PhoneNumber::check(input, region);
    QVERIFY2(!check.error.isError(), qPrintable(check.error.message));
    QVERIFY(check.ok());
    QVERIFY(check.possible);
    QCOMPARE(check.valid, valid);
    QTEST(check.e164, "e164");
    QTEST(check.international, "international");
    QTEST(check.regionCode, "regionCode");
    QTEST(check.countryName, "countryName");
    QTEST(check.warning, "warning");
    // A warning exactly when the number is possible but not valid.
    QCOMPARE(check.warning.isEmpty(), valid);
}

void TestPhoneNumber::rejected_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("message");

    QTest::newRow("letters") << QStringLiteral("abc") << QString()
                             << QStringLiteral("to: \"abc\" is not a phone number; use the international format, e.g. "
                                               "+15551234567.");
    // Found by fuzz_phone_number.
    QTest::newRow("a tab inside") << QStringLiteral("+1 555\t123 4567") << QString()
                                  << QStringLiteral("to contains a tab or a line break: give the number on one line, "
                                                    "e.g. +15551234567.");
    QTest::newRow("24 digits and an unknown code")
        << QStringLiteral("+9 1299 1 069 1299 1 06.1.123777  89") << QString()
        << QStringLiteral("to: \"+9 1299 1 069 1299 1 06.1.123777  89\" is too "
                          "long to be a phone number.");
    QTest::newRow("16 digits") << QStringLiteral("+49 9582 5729958213") << QString()
                               << QStringLiteral("to: \"+49 9582 5729958213\" has 16 digits; a number in the "
                                                 "international format has at most 15.");
    QTest::newRow("reads back as another")
        << QStringLiteral("+600 061785678") << QString()
        << QStringLiteral("to: \"+600 061785678\" is not a number in Malaysia: written as "
                          "+60061785678 it would read back as +6061785678.");
    QTest::newRow("too short") << QStringLiteral("+1234") << QString()
                               << QStringLiteral("to: \"+1234\" is too short to be a phone number.");
    QTest::newRow("empty") << QString() << QString()
                           << QStringLiteral("to is empty; give a phone number in the international format, e.g. "
                                             "+15551234567.");
    QTest::newRow("blank") << QStringLiteral("   ") << QString()
                           << QStringLiteral("to is empty; give a phone number in the international format, e.g. "
                                             "+15551234567.");
    QTest::newRow("no plus, no region")
        << QStringLiteral("5551234567") << QString()
        << QStringLiteral("to: \"5551234567\" has no country code; start it with + and the country code, e.g. "
                          "+15551234567.");
    QTest::newRow("unknown region")
        << QStringLiteral("5551234567") << QStringLiteral("XX")
        << QStringLiteral("to: \"5551234567\" has no country code and \"XX\" is not a known region; start it with + "
                          "and the country code, e.g. +15551234567.");
    QTest::newRow("whatsapp prefix")
        << QStringLiteral("whatsapp:+15551234567") << QString()
        << QStringLiteral("to: \"whatsapp:+15551234567\" has a prefix; give the bare phone number in the international "
                          "format, e.g. +15551234567.");
    QTest::newRow("only plus") << QStringLiteral("+") << QString()
                               << QStringLiteral("to: \"+\" is not a phone number; use the international format, "
                                                 "e.g. +15551234567.");
    QTest::newRow("plus inside") << QStringLiteral("1+5551234567") << QString()
                                 << QStringLiteral("to: \"1+5551234567\" is not a phone number; use the international "
                                                   "format, e.g. +15551234567.");
    QTest::newRow("vanity letters") << QStringLiteral("+1 800 FLOWERS") << QString()
                                    << QStringLiteral("to: \"+1 800 FLOWERS\" is not a phone number; use the "
                                                      "international format, e.g. +15551234567.");
    QTest::newRow("extension") << QStringLiteral("+15551234567 ext 1") << QString()
                               << QStringLiteral("to: \"+15551234567 ext 1\" is not a phone number; use the "
                                                 "international format, e.g. +15551234567.");
    QTest::newRow("local only") << QStringLiteral("+1 555 1234") << QString()
                                << QStringLiteral(
                                       "to: \"+1 555 1234\" is too short to be a phone number (it looks like "
                                       "a local number without its area code).");
    QTest::newRow("too long") << QStringLiteral("+4915112345678901234") << QString()
                              << QStringLiteral("to: \"+4915112345678901234\" is too long to be a phone number.");
    QTest::newRow("unknown country code")
        << QStringLiteral("+999123456") << QString()
        << QStringLiteral("to: \"+999123456\" does not start with a known country calling code.");
    QTest::newRow("two digits") << QStringLiteral("+12") << QString()
                                << QStringLiteral("to: \"+12\" is too short to be a phone number.");
}

void TestPhoneNumber::rejected()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(QString, message);

    const PhoneCheck check = PhoneNumber::check(input, region);
    QVERIFY(!check.ok());
    QCOMPARE(check.error.kind, Error::Kind::Validation);
    QCOMPARE(check.error.field, QStringLiteral("to"));
    QCOMPARE(check.error.message, message);
    QCOMPARE(check.error.hint,
        QStringLiteral("Use the international format: + then the country code and the number, e.g. "
                       "+15551234567."));
    QVERIFY(!check.possible);
    QVERIFY(!check.valid);
    QVERIFY(check.e164.isEmpty());
    QVERIFY(check.warning.isEmpty());
}

void TestPhoneNumber::errorNamesField()
{
    const PhoneCheck check = PhoneNumber::check(QStringLiteral("+1234"), QString(), QStringLiteral("data.to"));
    QCOMPARE(check.error.field, QStringLiteral("data.to"));
    QCOMPARE(check.error.message, QStringLiteral("data.to: \"+1234\" is too short to be a phone number."));
}

void TestPhoneNumber::display()
{
    QCOMPARE(PhoneNumber::check(QStringLiteral("+15005550006")).display(),
        QStringLiteral("\u2713 +1 500-555-0006, United States"));
    QCOMPARE(PhoneNumber::check(QStringLiteral("+15551234567")).display(),
        QStringLiteral("\u26a0 +1 555-123-4567, United States \u2014 not an assigned number"));
    QCOMPARE(PhoneNumber::check(QStringLiteral("+1234")).display(),
        QStringLiteral("\u2717 to: \"+1234\" is too short to be a phone number."));
    QCOMPARE(PhoneCheck().display(), QString());
}

void TestPhoneNumber::countryName()
{
    QCOMPARE(PhoneNumber::countryName(QStringLiteral("US")), QStringLiteral("United States"));
    QCOMPARE(PhoneNumber::countryName(QStringLiteral("DE")), QStringLiteral("Germany"));
    QCOMPARE(PhoneNumber::countryName(QStringLiteral("001")), QStringLiteral("non-geographic"));
    QCOMPARE(PhoneNumber::countryName(QStringLiteral("ZZ")), QString());
}

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
