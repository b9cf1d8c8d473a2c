#include "messaging/smssegments.h"

#include <QTest>

using namespace crossline;

Q_DECLARE_METATYPE(crossline::SmsSegments::Encoding)

class TestSmsSegments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void count_data();
    void count();
    void summary_data();
    void summary();
    void gsm7Tables();
    void nonGsm7Characters();
};

namespace {

QString repeat(const QString &s, int n)
{
    return s.repeated(n);
}

const QString a = QStringLiteral("a");
const QString euro = QStringLiteral("\u20ac");
const QString cyrillic = QStringLiteral("\u044f"); // я: not GSM-7, one UTF-16 unit
const QString grinning = QStringLiteral("\U0001F600"); // 😀: a surrogate pair

} // namespace

void TestSmsSegments::count_data()
{
    using E = SmsSegments::Encoding;
    QTest::addColumn<QString>("text");
    QTest::addColumn<E>("encoding");
    QTest::addColumn<int>("characters");
    QTest::addColumn<int>("units");
    QTest::addColumn<int>("segments");
    QTest::addColumn<int>("unitsPerSegment");
    QTest::addColumn<int>("capacity");

    QTest::newRow("empty") << QString() << E::Gsm7 << 0 << 0 << 0 << 160 << 0;
    QTest::newRow("hello") << QStringLiteral("Hello via Twilio!") << E::Gsm7 << 17 << 17 << 1 << 160 << 160;
    QTest::newRow("160 gsm") << repeat(a, 160) << E::Gsm7 << 160 << 160 << 1 << 160 << 160;
    QTest::newRow("161 gsm") << repeat(a, 161) << E::Gsm7 << 161 << 161 << 2 << 153 << 306;
    QTest::newRow("306 gsm") << repeat(a, 306) << E::Gsm7 << 306 << 306 << 2 << 153 << 306;
    QTest::newRow("307 gsm") << repeat(a, 307) << E::Gsm7 << 307 << 307 << 3 << 153 << 459;
    QTest::newRow("1600 gsm") << repeat(a, 1600) << E::Gsm7 << 1600 << 1600 << 11 << 153 << 1683;
    // Extension characters cost ESC + char.
    QTest::newRow("euro alone") << euro << E::Gsm7 << 1 << 2 << 1 << 160 << 160;
    QTest::newRow("80 braces") << repeat(QStringLiteral("{"), 80) << E::Gsm7 << 80 << 160 << 1 << 160 << 160;
    QTest::newRow("81 braces") << repeat(QStringLiteral("{"), 81) << E::Gsm7 << 81 << 162 << 2 << 153 << 306;
    QTest::newRow("extension set") << QStringLiteral("^{}\\[~]|\u20ac\f") << E::Gsm7 << 10 << 20 << 1 << 160 << 160;
    QTest::newRow("159 + escape") << repeat(a, 159) + euro << E::Gsm7 << 160 << 161 << 2 << 153 << 306;
    // 152 + ESC pair does not fit in 153: the pair moves whole to segment 2, which then overflows by one septet,
    // so 306 septets need 3 segments, not ceil(306 / 153) = 2.
    QTest::newRow("escape pair moves") << repeat(a, 152) + euro + repeat(a, 152) << E::Gsm7 << 305 << 306 << 3 << 153
                                       << 459;
    QTest::newRow("escape pair fits") << repeat(a, 151) + euro + repeat(a, 153) << E::Gsm7 << 305 << 306 << 2 << 153
                                      << 306;
    QTest::newRow("crlf") << QStringLiteral("a\r\nb") << E::Gsm7 << 3 << 4 << 1 << 160 << 160;
    QTest::newRow("gsm accents") << QStringLiteral("\u00e9\u00e0\u00c7\u00d1\u00df\u0394\u00a3\u00a5") << E::Gsm7 << 8
                                 << 8 << 1 << 160 << 160;
    // Any non-GSM-7 character makes the whole message UCS-2.
    QTest::newRow("one emoji") << grinning << E::Ucs2 << 1 << 2 << 1 << 70 << 70;
    QTest::newRow("hello emoji") << QStringLiteral("Hello ") + grinning << E::Ucs2 << 7 << 8 << 1 << 70 << 70;
    QTest::newRow("backtick") << QStringLiteral("`") << E::Ucs2 << 1 << 1 << 1 << 70 << 70;
    QTest::newRow("c cedilla lowercase") << QStringLiteral("\u00e7") << E::Ucs2 << 1 << 1 << 1 << 70 << 70;
    QTest::newRow("70 ucs2") << repeat(cyrillic, 70) << E::Ucs2 << 70 << 70 << 1 << 70 << 70;
    QTest::newRow("71 ucs2") << repeat(cyrillic, 71) << E::Ucs2 << 71 << 71 << 2 << 67 << 134;
    QTest::newRow("134 ucs2") << repeat(cyrillic, 134) << E::Ucs2 << 134 << 134 << 2 << 67 << 134;
    QTest::newRow("135 ucs2") << repeat(cyrillic, 135) << E::Ucs2 << 135 << 135 << 3 << 67 << 201;
    QTest::newRow("35 emoji") << repeat(grinning, 35) << E::Ucs2 << 35 << 70 << 1 << 70 << 70;
    QTest::newRow("36 emoji") << repeat(grinning, 36) << E::Ucs2 << 36 << 72 << 2 << 67 << 134;
    // 66 units + a surrogate pair does not fit in 67: the pair moves whole to segment 2, which overflows by one.
    QTest::newRow("surrogate pair moves")
        << repeat(cyrillic, 66) + grinning + repeat(cyrillic, 66) << E::Ucs2 << 133 << 134 << 3 << 67 << 201;
    QTest::newRow("surrogate pair fits") << repeat(cyrillic, 65) + grinning + repeat(cyrillic, 67) << E::Ucs2 << 133
                                         << 134 << 2 << 67 << 134;
    // Grapheme clusters: one user-perceived character, several UTF-16 units.
    QTest::newRow("combining accent") << QStringLiteral("e\u0301") << E::Ucs2 << 1 << 2 << 1 << 70 << 70;
    QTest::newRow("flag") << QStringLiteral("\U0001F1FA\U0001F1F8") << E::Ucs2 << 1 << 4 << 1 << 70 << 70;
    QTest::newRow("thumbs up skin tone") << QStringLiteral("\U0001F44D\U0001F3FD") << E::Ucs2 << 1 << 4 << 1 << 70
                                         << 70;
    // A flag (4 units) is kept whole like the calculator keeps graphemes: 65 + 4 > 67 moves it.
    QTest::newRow("flag moves") << repeat(cyrillic, 65) + QStringLiteral("\U0001F1FA\U0001F1F8") + repeat(cyrillic, 65)
                                << E::Ucs2 << 131 << 134 << 3 << 67 << 201;
}

void TestSmsSegments::count()
{
    QFETCH(QString, text);
    const SmsSegments s = SmsSegments::count(text);
    QTEST(s.encoding, "encoding");
    QTEST(s.characters, "characters");
    QTEST(s.units, "units");
    QTEST(s.segments, "segments");
    QTEST(s.unitsPerSegment, "unitsPerSegment");
    QTEST(s.capacity, "capacity");
    QVERIFY(s.units <= s.capacity || s.segments == 0);
}

void TestSmsSegments::summary_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("encodingName");

    QTest::newRow("empty") << QString() << QStringLiteral("GSM-7 \u00b7 0 segments \u00b7 0/160")
                           << QStringLiteral("GSM-7");
    QTest::newRow("one") << QStringLiteral("Hello") << QStringLiteral("GSM-7 \u00b7 1 segment \u00b7 5/160")
                         << QStringLiteral("GSM-7");
    QTest::newRow("two") << repeat(a, 170) << QStringLiteral("GSM-7 \u00b7 2 segments \u00b7 170/306")
                         << QStringLiteral("GSM-7");
    QTest::newRow("ucs2") << grinning << QStringLiteral("UCS-2 \u00b7 1 segment \u00b7 2/70")
                          << QStringLiteral("UCS-2");
    QTest::newRow("ucs2 three") << repeat(cyrillic, 135) << QStringLiteral("UCS-2 \u00b7 3 segments \u00b7 135/201")
                                << QStringLiteral("UCS-2");
}

void TestSmsSegments::summary()
{
    QFETCH(QString, text);
    const SmsSegments s = SmsSegments::count(text);
    QTEST(s.summary(), "summary");
    QTEST(s.encodingName(), "encodingName");
}

void TestSmsSegments::gsm7Tables()
{
    // GSM 03.38 basic table (128 positions, ESC excluded) in table order.
    const QString basic
        = QStringLiteral("@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
                         "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e"
                         "\u00c6\u00e6\u00df\u00c9"
                         " !\"#\u00a4%&'()*+,-./0123456789:;<=>?"
                         "\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
                         "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0");
    QCOMPARE(basic.size(), 127);
    for (const QChar c : basic)
        QVERIFY2(SmsSegments::gsm7Septets(c) == 1, qPrintable(QString(c)));
    const SmsSegments all = SmsSegments::count(basic);
    QCOMPARE(all.encoding, SmsSegments::Encoding::Gsm7);
    QCOMPARE(all.units, 127);

    for (const QChar c : QStringLiteral("\f^{}\\[~]|\u20ac"))
        QVERIFY2(SmsSegments::gsm7Septets(c) == 2, qPrintable(QString(c)));

    // Look-alikes that are not GSM-7.
    for (const QChar c : QStringLiteral("`\u00e7\u00e1\u00ed\u00f3\u00fa\u2019\u201c\u00a0\t\u03b1\u20ac\u00ff")) {
        if (c == QChar(0x20ac))
            continue;
        QVERIFY2(SmsSegments::gsm7Septets(c) == 0, qPrintable(QString::number(c.unicode(), 16)));
    }
}

void TestSmsSegments::nonGsm7Characters()
{
    const SmsSegments s = SmsSegments::count(QStringLiteral("Caf\u00e1 \u2019ok\u2019 ") + grinning);
    QCOMPARE(s.encoding, SmsSegments::Encoding::Ucs2);
    QCOMPARE(s.nonGsm7, (QStringList { QStringLiteral("\u00e1"), QStringLiteral("\u2019"), grinning }));
    QVERIFY(SmsSegments::count(QStringLiteral("plain")).nonGsm7.isEmpty());
}

QTEST_GUILESS_MAIN(TestSmsSegments)
#include "tst_smssegments.moc"
