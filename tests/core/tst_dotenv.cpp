#include "config/dotenv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace crossline;

Q_DECLARE_METATYPE(QList<crossline::DotEnvEntry>)

class TestDotEnv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void duplicateKeepsLineAndWarns();
    void lookup();
    void readFile();
    void readMissingFile();
    void readFolder();
    void readTooLargeFile();
};

namespace {

DotEnvEntry e(const char *key, const QString &value, int line)
{
    return DotEnvEntry { QString::fromLatin1(key), value, line };
}

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

void TestDotEnv::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<DotEnvEntry>>("entries");
    QTest::addColumn<int>("errorLine"); // 0: no error
    QTest::addColumn<QString>("errorMessage");

    using L = QList<DotEnvEntry>;
    // clang-format off
    QTest::newRow("simple") << QByteArray("FOO=bar\n") << L{e("FOO", s("bar"), 1)} << 0 << QString();
    QTest::newRow("empty file") << QByteArray() << L{} << 0 << QString();
    QTest::newRow("comments and blank lines")
        << QByteArray("# comment\n\nFOO=1\n   # indented comment\n  \t\nBAR=2") << L{e("FOO", s("1"), 3), e("BAR", s("2"), 6)} << 0 << QString();
    QTest::newRow("export prefix")
        << QByteArray("export FOO=bar\nexport\tBAR=baz\n") << L{e("FOO", s("bar"), 1), e("BAR", s("baz"), 2)} << 0 << QString();
    QTest::newRow("key named export") << QByteArray("export=1\n") << L{e("export", s("1"), 1)} << 0 << QString();
    QTest::newRow("CRLF") << QByteArray("A=1\r\nB=two words\r\n") << L{e("A", s("1"), 1), e("B", s("two words"), 2)} << 0 << QString();
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF" "A=1\nB=2\n") << L{e("A", s("1"), 1), e("B", s("2"), 2)} << 0 << QString();
    QTest::newRow("whitespace around = and value")
        << QByteArray("  A  =  spaced value  \n") << L{e("A", s("spaced value"), 1)} << 0 << QString();
    QTest::newRow("double quotes") << QByteArray("A=\"hello world\"") << L{e("A", s("hello world"), 1)} << 0 << QString();
    QTest::newRow("double quote escapes")
        << QByteArray(R"(A="l1\nl2\t\"q\" \\ end")") << L{e("A", s("l1\nl2\t\"q\" \\ end"), 1)} << 0 << QString();
    QTest::newRow("unknown escape kept") << QByteArray(R"(A="a\$b")") << L{e("A", s("a\\$b"), 1)} << 0 << QString();
    QTest::newRow("single quotes literal")
        << QByteArray(R"(A='x\ny #z "q"')") << L{e("A", s("x\\ny #z \"q\""), 1)} << 0 << QString();
    QTest::newRow("quotes keep # and spaces")
        << QByteArray("A=\"  a # b  \"\nB='  c  '") << L{e("A", s("  a # b  "), 1), e("B", s("  c  "), 2)} << 0 << QString();
    QTest::newRow("quoted then comment")
        << QByteArray("A=\"x\" # note\nB='y'\t# note") << L{e("A", s("x"), 1), e("B", s("y"), 2)} << 0 << QString();
    QTest::newRow("inline comment") << QByteArray("A=value # comment\nB=v2\t# tab comment")
                                    << L{e("A", s("value"), 1), e("B", s("v2"), 2)} << 0 << QString();
    QTest::newRow("hash without space is data") << QByteArray("A=a#b\nB=#channel")
                                                << L{e("A", s("a#b"), 1), e("B", s("#channel"), 2)} << 0 << QString();
    QTest::newRow("= inside value")
        << QByteArray("URL=https://x.dev/?a=b&c=d\nK=abc==") << L{e("URL", s("https://x.dev/?a=b&c=d"), 1), e("K", s("abc=="), 2)} << 0 << QString();
    QTest::newRow("empty values")
        << QByteArray("A=\nB=''\nC=\"\"\nD= # nothing") << L{e("A", {}, 1), e("B", {}, 2), e("C", {}, 3), e("D", {}, 4)} << 0 << QString();
    QTest::newRow("duplicate key: later wins, first position")
        << QByteArray("A=1\nB=2\nA=3\n") << L{e("A", s("3"), 3), e("B", s("2"), 2)} << 0 << QString();
    QTest::newRow("UTF-8 value") << QByteArray("NAME=Zoë ✓\n") << L{e("NAME", s("Zoë ✓"), 1)} << 0 << QString();
    QTest::newRow("underscore and digits in key")
        << QByteArray("_A1=x\nNANGO_SECRET_KEY_PROD=5f2c") << L{e("_A1", s("x"), 1), e("NANGO_SECRET_KEY_PROD", s("5f2c"), 2)} << 0 << QString();
    QTest::newRow("quote inside unquoted value")
        << QByteArray("A=it's \"ok\"") << L{e("A", s("it's \"ok\""), 1)} << 0 << QString();

    // Bad lines: the error names the line; entries before it are kept.
    QTest::newRow("no = sign") << QByteArray("A=1\n\nJUSTAKEY\nB=2") << L{e("A", s("1"), 1)} << 3 << s("line 3: no '=' sign");
    QTest::newRow("export without assignment") << QByteArray("export FOO") << L{} << 1 << s("line 1: no '=' sign");
    QTest::newRow("invalid key name") << QByteArray("A=1\n# c\n\n\n\n\n1ABC=x\n") << L{e("A", s("1"), 1)} << 7
                                      << s("line 7: invalid key name '1ABC'");
    QTest::newRow("key with space") << QByteArray("MY KEY=1") << L{} << 1 << s("line 1: invalid key name 'MY KEY'");
    QTest::newRow("key with dash") << QByteArray("\nMY-KEY=1") << L{} << 2 << s("line 2: invalid key name 'MY-KEY'");
    QTest::newRow("missing key") << QByteArray("=value") << L{} << 1 << s("line 1: missing key name before '='");
    QTest::newRow("unterminated double quote")
        << QByteArray("A=1\nB=\"open\nC=2\"") << L{e("A", s("1"), 1)} << 2 << s("line 2: unterminated quote");
    QTest::newRow("unterminated single quote after CRLF lines")
        << QByteArray("A=1\r\n\r\n# x\r\nB='oops\r\n") << L{e("A", s("1"), 1)} << 4 << s("line 4: unterminated quote");
    QTest::newRow("escaped closing quote is no closing quote")
        << QByteArray(R"(A="abc\")") << L{} << 1 << s("line 1: unterminated quote");
    QTest::newRow("text after closing quote")
        << QByteArray("A=\"x\" y") << L{} << 1 << s("line 1: unexpected text after the closing quote");
    QTest::newRow("BOM does not shift line numbers")
        << QByteArray("\xEF\xBB\xBF# c\nBAD") << L{} << 2 << s("line 2: no '=' sign");
    QTest::newRow("a Latin-1 byte ending the line") << QByteArray("A=1\nPANORA_API_URL=https://api.panora.dev/caf\xe9\n") << L{e("A", s("1"), 1)} << 2
                                         << s("line 2: not valid UTF-8 text");
    QTest::newRow("invalid UTF-8") << QByteArray("A=1\nB=\xff\xfe\n") << L{e("A", s("1"), 1)} << 2
                                   << s("line 2: not valid UTF-8 text");
    QTest::newRow("NUL inside a secret") << QByteArray("A=1\nNANGO_SECRET_KEY=5f2c\0" "6666\n", 30) << L{e("A", s("1"), 1)} << 2
                                         << s("line 2: contains a control character (U+0000); the file looks damaged");
    QTest::newRow("a 16 KiB line is read") << QByteArray("A=" + QByteArray(16 * 1024 - 2, 'k')) << L{e("A", QString(16 * 1024 - 2, u'k'), 1)} << 0 << QString();
    QTest::newRow("a longer line is refused") << QByteArray("A=1\nNANGO_SECRET_KEY=" + QByteArray(900 * 1024, 'k')) << L{e("A", s("1"), 1)} << 2
                                              << s("line 2: is 900 KiB long; a .env line is at most 16 KiB, so the file looks damaged or is not a .env file");
    QTest::newRow("tab is whitespace") << QByteArray("A=\tx\n") << L{e("A", s("x"), 1)} << 0 << QString();
    // clang-format on
}

void TestDotEnv::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<DotEnvEntry>, entries);
    QFETCH(int, errorLine);
    QFETCH(QString, errorMessage);

    const DotEnvFile file = DotEnv::parse(input);
    QCOMPARE(file.entries.size(), entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QCOMPARE(file.entries.at(i).key, entries.at(i).key);
        QCOMPARE(file.entries.at(i).value, entries.at(i).value);
        QCOMPARE(file.entries.at(i).line, entries.at(i).line);
    }
    if (errorLine == 0) {
        QVERIFY2(!file.error, qPrintable(file.error.message));
        QVERIFY(file.ok());
    } else {
        QCOMPARE(file.error.kind, Error::Kind::Validation);
        QCOMPARE(file.error.field, QStringLiteral("line %1").arg(errorLine));
        QCOMPARE(file.error.message, errorMessage);
        QVERIFY(!file.error.hint.isEmpty());
    }
}

void TestDotEnv::duplicateKeepsLineAndWarns()
{
    const DotEnvFile file = DotEnv::parse("NANGO_SECRET_KEY=a\nX=1\nNANGO_SECRET_KEY=b\n");
    QCOMPARE(file.value(QStringLiteral("NANGO_SECRET_KEY")), QStringLiteral("b"));
    QCOMPARE(file.entry(QStringLiteral("NANGO_SECRET_KEY"))->line, 3);
    QCOMPARE(file.warnings,
        QStringList { QStringLiteral("line 3: NANGO_SECRET_KEY was already set on line 1; the later value wins") });
}

void TestDotEnv::lookup()
{
    const DotEnvFile file = DotEnv::parse("A=1\nEMPTY=\n");
    QVERIFY(file.contains(QStringLiteral("A")));
    QVERIFY(file.contains(QStringLiteral("EMPTY")));
    QVERIFY(!file.contains(QStringLiteral("a"))); // keys are case-sensitive
    QCOMPARE(file.value(QStringLiteral("A")), QStringLiteral("1"));
    QCOMPARE(file.value(QStringLiteral("MISSING")), QString());
    QVERIFY(!file.entry(QStringLiteral("MISSING")));
    QCOMPARE(file.keys(), (QStringList { QStringLiteral("A"), QStringLiteral("EMPTY") }));
}

void TestDotEnv::readFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral(".env"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("\xEF\xBB\xBF# Nango\r\nexport NANGO_API_BASE=https://nango.example.com/\r\nNANGO_SECRET_KEY=\"k 1\"\r\n");
    f.close();

    const DotEnvFile file = DotEnv::read(path);
    QVERIFY2(file.ok(), qPrintable(file.error.message));
    QCOMPARE(file.entries.size(), 2);
    QCOMPARE(file.value(QStringLiteral("NANGO_API_BASE")), QStringLiteral("https://nango.example.com/"));
    QCOMPARE(file.entry(QStringLiteral("NANGO_API_BASE"))->line, 2);
    QCOMPARE(file.value(QStringLiteral("NANGO_SECRET_KEY")), QStringLiteral("k 1"));
}

void TestDotEnv::readMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nope/.env"));
    const DotEnvFile file = DotEnv::read(path);
    QCOMPARE(file.error.kind, Error::Kind::Config);
    QVERIFY2(file.error.message.contains(QDir::toNativeSeparators(path)), qPrintable(file.error.message));
    QVERIFY(file.entries.isEmpty());
}

void TestDotEnv::readFolder()
{
    QTemporaryDir dir;
    const DotEnvFile file = DotEnv::read(dir.path());
    QCOMPARE(file.error.kind, Error::Kind::Config);
    QVERIFY(file.error.message.contains(QDir::toNativeSeparators(dir.path())));
}

// The file exists and can be read: its size is wrong input (exit 2 in the CLI), not a configuration problem.
void TestDotEnv::readTooLargeFile()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral(".env")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("A=" + QByteArray(DotEnv::MaxFileSize, 'k'));
    f.close();
    const DotEnvFile file = DotEnv::read(f.fileName());
    QCOMPARE(file.error.kind, Error::Kind::Validation);
    QVERIFY2(file.error.message.contains(QLatin1String("larger than 1 MiB")), qPrintable(file.error.message));
    QVERIFY(file.entries.isEmpty());
}

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"
