// CsvExporter: exact RFC 4180 bytes, the formula guard (phone numbers excepted), QSaveFile semantics (a cancelled
// or failed export leaves no file), and "export everything" over 5,000 Panora contacts from the sandbox.
#include "models/csvexporter.h"
#include "models/pagedrecordsmodel.h"
#include "models/recordcolumns.h"
#include "recordkinds.h"
#include "sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace crossline;
using test::col;
using test::Contacts;
using test::Employees;
using test::SandboxFixture;
using Provider = RecordSource::Provider;

class TestCsvExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void field_data();
    void field();
    void fieldAsBeforeItsFastPath();
    void exactBytesForTrickyCells();
    void byteOrderMarkWhenAsked();
    void recordsUseTheBrowserColumns();
    void dateCellsAreUtcIso_data();
    void dateCellsAreUtcIso();
    void dateTimeAsBeforeItsFastPath();
    void modelExportWritesVisibleColumnsInOrder();
    void fileAppearsOnlyWhenComplete();
    void cancellationLeavesNoFile();
    void cancellationKeepsAnExistingFile();
    void exportEverythingWritesEveryContact();
    void cancelWhileFetchingEverything();
    void failingPageFailsTheExportWithoutFile();
    void unwritableTargetFails();

private:
    static QList<QStringList> bigTable(int rows);
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestCsvExporter::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestCsvExporter::init()
{
    m_fx->sandbox().clearFaults();
}

QList<QStringList> TestCsvExporter::bigTable(int rows)
{
    QList<QStringList> out;
    for (int i = 0; i < rows; ++i)
        out << QStringList { QString::number(i), QStringLiteral("name %1").arg(i) };
    return out;
}

void TestCsvExporter::field_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("plain") << QStringLiteral("Ada") << QByteArray("Ada");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("comma") << QStringLiteral("Smith, Ada") << QByteArray("\"Smith, Ada\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("line1\nline2") << QByteArray("\"line1\nline2\"");
    QTest::newRow("crlf") << QStringLiteral("a\r\nb") << QByteArray("\"a\r\nb\"");
    QTest::newRow("utf-8") << QStringLiteral("Søren Müller") << QByteArray("S\xc3\xb8ren M\xc3\xbcller");
    QTest::newRow("formula =") << QStringLiteral("=HYPERLINK(\"http://x\")")
                               << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"");
    QTest::newRow("formula @") << QStringLiteral("@SUM(A1)") << QByteArray("'@SUM(A1)");
    QTest::newRow("formula -") << QStringLiteral("-2+3") << QByteArray("'-2+3");
    QTest::newRow("formula +") << QStringLiteral("+cmd|' /C calc'!A0") << QByteArray("'+cmd|' /C calc'!A0");
    QTest::newRow("formula tab") << QStringLiteral("\t=1") << QByteArray("'\t=1");
    QTest::newRow("formula with comma") << QStringLiteral("=A1,B1") << QByteArray("\"'=A1,B1\"");
    QTest::newRow("phone e164") << QStringLiteral("+15551234567") << QByteArray("+15551234567");
    QTest::newRow("phone spaced") << QStringLiteral("+1 (555) 123-4567") << QByteArray("+1 (555) 123-4567");
    QTest::newRow("short plus number") << QStringLiteral("+12") << QByteArray("'+12");
    QTest::newRow("plus in the middle") << QStringLiteral("a+b=c") << QByteArray("a+b=c");
}

void TestCsvExporter::field()
{
    QFETCH(QString, cell);
    QFETCH(QByteArray, bytes);
    QCOMPARE(CsvExporter::field(cell), bytes);
}

// field() as it was written with a regular expression and QString copies, before appendField's one pass: the two
// must agree on every cell, byte for byte.
static QByteArray fieldAsBefore(const QString &value)
{
    static const QRegularExpression phone(QStringLiteral("^\\+[0-9][0-9 ().-]{5,}$"));
    bool guard = false;
    if (!value.isEmpty()) {
        const QChar first = value.at(0);
        guard = (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-')
                    || first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\r'))
            && !phone.match(value).hasMatch();
    }
    QString text = guard ? QLatin1Char('\'') + value : value;
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!quote)
        return text.toUtf8();
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + text.toUtf8() + '"';
}

void TestCsvExporter::fieldAsBeforeItsFastPath()
{
    QStringList cells { QString(), QStringLiteral("+1234567"), QStringLiteral("+123456"), QStringLiteral("+1234567\n"),
        QStringLiteral("+1234567\n\n"), QStringLiteral("+1234567\r"), QStringLiteral("+1 (555) 123-4567"),
        QStringLiteral("+1 (555) 123-4567x"), QStringLiteral("+a234567"), QStringLiteral("++234567"),
        QStringLiteral("+1\u0662\u0663\u0664\u0665\u0666\u0667"), QStringLiteral("+12345.6"), QStringLiteral("-1"),
        QStringLiteral("=1"), QStringLiteral("@a"), QStringLiteral("\tx"), QStringLiteral("\rx"),
        QStringLiteral("a\"b"), QStringLiteral("\""), QStringLiteral("\"\""), QStringLiteral(","), QStringLiteral("\n"),
        QStringLiteral("\r"), QStringLiteral("=\"a\",b"), QStringLiteral("S\u00f8ren, \"M\u00fcller\""),
        QStringLiteral("\u00e9=1"), QStringLiteral("=\u00e9"), QStringLiteral("+1234567\u00e9"),
        QStringLiteral("\U0001F600 \"x\""), QString(QChar(0xD800)) + QStringLiteral("a,b"),
        QString(QChar(0)) + QStringLiteral("x"), QStringLiteral("\x7f") };
    // Every character class the pass tells apart, at the start, inside and at the end of a cell.
    const QStringList pieces { QStringLiteral("a"), QStringLiteral("+"), QStringLiteral("1"), QStringLiteral(" "),
        QStringLiteral("("), QStringLiteral("-"), QStringLiteral("="), QStringLiteral("@"), QStringLiteral("\t"),
        QStringLiteral("\r"), QStringLiteral("\n"), QStringLiteral(","), QStringLiteral("\""), QStringLiteral("'"),
        QStringLiteral("\u00e9"), QStringLiteral("\u20ac") };
    for (const QString &a : pieces) {
        for (const QString &b : pieces) {
            cells << a + b << a + QStringLiteral("123456") + b << a + b + QStringLiteral("1 2 3 4 5 6")
                  << QStringLiteral("+1") + a + QStringLiteral("23456") + b;
        }
    }
    for (const QString &cell : std::as_const(cells)) {
        QCOMPARE(CsvExporter::field(cell), fieldAsBefore(cell));
        QByteArray appended = "x,";
        CsvExporter::appendField(appended, cell);
        QCOMPARE(appended, QByteArray("x," + fieldAsBefore(cell)));
    }
    QCOMPARE(CsvExporter::line(cells), [&] {
        QByteArray out;
        for (qsizetype i = 0; i < cells.size(); ++i)
            out += (i ? "," : "") + fieldAsBefore(cells.at(i));
        out += "\r\n";
        return out;
    }());
}

void TestCsvExporter::exactBytesForTrickyCells()
{
    CsvExporter exporter;
    exporter.setTable({ QStringLiteral("Name"), QStringLiteral("Note"), QStringLiteral("Phone") },
        { { QStringLiteral("Smith, Ada"), QStringLiteral("she said \"hi\""), QStringLiteral("+15551234567") },
            { QStringLiteral("O'Brien"), QStringLiteral("two\nlines"), QStringLiteral("=1+1") },
            { QString(), QStringLiteral("@x"), QStringLiteral("-1") } });
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    QSignalSpy progress(&exporter, &CsvExporter::progress);
    exporter.exportTo(&buffer);
    QCOMPARE(finished.size(), 0); // always from the event loop
    QVERIFY(exporter.isRunning());
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.first().at(0).value<Error>());
    QVERIFY(!exporter.isRunning());
    QCOMPARE(buffer.data(),
        QByteArray("Name,Note,Phone\r\n"
                   "\"Smith, Ada\",\"she said \"\"hi\"\"\",+15551234567\r\n"
                   "O'Brien,\"two\nlines\",'=1+1\r\n"
                   ",'@x,'-1\r\n"));
    QCOMPARE(progress.last().at(0).toLongLong(), 3);
    QCOMPARE(progress.last().at(1).toLongLong(), 3);
    QCOMPARE(
        CsvExporter::toCsv({ QStringLiteral("a") }, { { QStringLiteral("b,c") } }), QByteArray("a\r\n\"b,c\"\r\n"));
}

void TestCsvExporter::byteOrderMarkWhenAsked()
{
    CsvExporter exporter;
    exporter.setByteOrderMark(true);
    exporter.setTable({ QStringLiteral("Name") }, { { QStringLiteral("Léa") } });
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    exporter.exportTo(&buffer);
    QVERIFY(finished.wait(5000));
    QCOMPARE(buffer.data(), QByteArray("\xEF\xBB\xBFName\r\nL\xC3\xA9\x61\r\n"));
}

void TestCsvExporter::recordsUseTheBrowserColumns()
{
    const QJsonObject panora { { QStringLiteral("id"), QStringLiteral("c-1") },
        { QStringLiteral("first_name"), QStringLiteral("Ada") },
        { QStringLiteral("last_name"), QStringLiteral("Lovelace") },
        { QStringLiteral("email_addresses"),
            QJsonArray { QJsonObject { { QStringLiteral("email_address"), QStringLiteral("ada@example.com") } } } },
        { QStringLiteral("phone_numbers"),
            QJsonArray { QJsonObject { { QStringLiteral("phone_number"), QStringLiteral("+15551234567") } } } },
        { QStringLiteral("created_at"), QStringLiteral("2024-01-02T09:00:00.000Z") } };
    const QJsonObject flat { { QStringLiteral("id"), QStringLiteral("contact_7") },
        { QStringLiteral("first_name"), QStringLiteral("=cmd") },
        { QStringLiteral("email"), QStringLiteral("x@example.org") },
        { QStringLiteral("phone"), QStringLiteral("+16465550001") },
        { QStringLiteral("created_at"), QStringLiteral("2024-03-04T05:06:07Z") } };
    CsvExporter exporter;
    exporter.setRecords(Contacts, { panora, flat });
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    exporter.exportTo(&buffer);
    QVERIFY(finished.wait(5000));
    QCOMPARE(buffer.data(),
        QByteArray("Name,Email,Phone,Created,Id\r\n"
                   "Ada Lovelace,ada@example.com,+15551234567,2024-01-02T09:00:00.000Z,c-1\r\n"
                   "'=cmd,x@example.org,+16465550001,2024-03-04T05:06:07.000Z,contact_7\r\n"));
}

void TestCsvExporter::dateCellsAreUtcIso_data()
{
    QTest::addColumn<QJsonValue>("created");
    QTest::addColumn<QString>("cell");
    QTest::newRow("utc with ms") << QJsonValue(QStringLiteral("2024-01-02T09:00:00.123Z"))
                                 << QStringLiteral("2024-01-02T09:00:00.123Z");
    QTest::newRow("utc without ms") << QJsonValue(QStringLiteral("2024-01-02T09:00:00Z"))
                                    << QStringLiteral("2024-01-02T09:00:00.000Z");
    QTest::newRow("offset") << QJsonValue(QStringLiteral("2024-03-01T01:30:05.007+02:00"))
                            << QStringLiteral("2024-02-29T23:30:05.007Z");
    QTest::newRow("date only") << QJsonValue(QStringLiteral("2023-12-31"))
                               << QStringLiteral("2023-12-31T00:00:00.000Z");
    QTest::newRow("epoch ms") << QJsonValue(1704186000000.0) << QStringLiteral("2024-01-02T09:00:00.000Z");
    QTest::newRow("absent") << QJsonValue() << QString();
}

// RecordColumns::dateTime as it was, QDateTime::fromString for every text, before its fast path for the canonical
// "YYYY-MM-DDTHH:MM:SS.mmmZ": the two must agree on every text, in value, validity, time spec and cell text.
static QDateTime dateTimeAsBefore(const QString &text)
{
    QDateTime dt = text.size() > 10 ? QDateTime::fromString(text, Qt::ISODateWithMs) : QDateTime();
    if (!dt.isValid() && text.size() > 10)
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate date = QDate::fromString(text.left(10), Qt::ISODate);
        if (date.isValid())
            dt = QDateTime(date, QTime(0, 0), QTimeZone::utc());
    }
    return dt;
}

void TestCsvExporter::dateTimeAsBeforeItsFastPath()
{
    QStringList texts { QStringLiteral("2024-01-02T09:00:00.000Z"), QStringLiteral("2024-02-29T23:59:59.999Z"),
        QStringLiteral("2023-02-29T00:00:00.000Z"), QStringLiteral("2024-13-01T00:00:00.000Z"),
        QStringLiteral("2024-00-10T00:00:00.000Z"), QStringLiteral("2024-01-00T00:00:00.000Z"),
        QStringLiteral("2024-04-31T00:00:00.000Z"), QStringLiteral("2024-01-02T24:00:00.000Z"),
        QStringLiteral("2024-01-02T23:60:00.000Z"), QStringLiteral("2024-01-02T23:59:60.000Z"),
        QStringLiteral("0000-01-01T00:00:00.000Z"), QStringLiteral("0001-01-01T00:00:00.000Z"),
        QStringLiteral("9999-12-31T23:59:59.999Z"), QStringLiteral("2024-01-02T09:00:00.000z"),
        QStringLiteral("2024-01-02t09:00:00.000Z"), QStringLiteral("2024-01-02 09:00:00.000Z"),
        QStringLiteral("2024-01-02T09:00:00,000Z"), QStringLiteral("2024-01-02T09:00:00.000+"),
        QStringLiteral("2024-01-02T09:00:00.0000"), QStringLiteral("2024-01-02T09:00:00.00Z "),
        QStringLiteral("+024-01-02T09:00:00.000Z"), QStringLiteral("-024-01-02T09:00:00.000Z"),
        QStringLiteral("2024-01-02T09:00:0\u0661.000Z"), QStringLiteral("2024-01-02T09:00:00.123Z"),
        QStringLiteral("1970-01-01T00:00:00.000Z"), QStringLiteral("1900-02-29T00:00:00.000Z"),
        QStringLiteral("2000-02-29T12:34:56.789Z") };
    // Every position of the canonical text with each kind of character in it.
    const QString base = QStringLiteral("2024-06-15T12:34:56.789Z");
    for (int i = 0; i < base.size(); ++i) {
        for (const QChar c : { QChar(u'0'), QChar(u'9'), QChar(u'-'), QChar(u':'), QChar(u'T'), QChar(u'Z'),
                 QChar(u'.'), QChar(u' '), QChar(u'x') }) {
            QString t = base;
            t[i] = c;
            texts << t;
        }
    }
    for (const QString &text : std::as_const(texts)) {
        const QDateTime before = dateTimeAsBefore(text);
        const QDateTime now = RecordColumns::dateTime(QJsonValue(text));
        QVERIFY2(now.isValid() == before.isValid(), qPrintable(text));
        if (!before.isValid())
            continue;
        QVERIFY2(now == before, qPrintable(text));
        QVERIFY2(now.timeSpec() == before.timeSpec(), qPrintable(text));
        QCOMPARE(RecordColumns::valueText(now), RecordColumns::valueText(before));
    }
}

// The Created column of a CSV (and of crossline-cli's output) is ISO 8601 in UTC with milliseconds, whatever form
// the server sent, and whatever the user's time zone (the table shows local time; the cell does not).
void TestCsvExporter::dateCellsAreUtcIso()
{
    QFETCH(QJsonValue, created);
    QFETCH(QString, cell);
    const QByteArray zone = qgetenv("TZ");
    qputenv("TZ", "Asia/Kolkata"); // +05:30, so a local-time slip shows
    const auto restore = qScopeGuard([&zone] { zone.isNull() ? qunsetenv("TZ") : qputenv("TZ", zone); });
    QJsonObject row { { QStringLiteral("id"), QStringLiteral("c-1") } };
    if (!created.isUndefined())
        row.insert(QStringLiteral("created_at"), created);
    const int column = RecordColumns::indexOf(QStringLiteral("crm.contact"), QStringLiteral("created"));
    QVERIFY(column >= 0);
    QCOMPARE(RecordColumns::text(QStringLiteral("crm.contact"), row, column), cell);
    if (!cell.isEmpty()) {
        // What the Browser's table shows: the same instant, in the user's time zone.
        const QDateTime shown = RecordColumns::value(QStringLiteral("crm.contact"), row, column).toDateTime();
        QCOMPARE(shown.timeSpec(), Qt::LocalTime);
        QCOMPARE(shown.toUTC().toString(Qt::ISODateWithMs), cell);
    }
}

void TestCsvExporter::modelExportWritesVisibleColumnsInOrder()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Nango, 3 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    model.fetchMore(QModelIndex());
    QVERIFY(pages.wait(10000));
    QCOMPARE(model.rowCount(), 3);

    CsvExporter exporter;
    exporter.setModel(&model, { col(Contacts, "id"), col(Contacts, "email"), col(Contacts, "created") });
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    exporter.exportTo(&buffer);
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.first().at(0).value<Error>());
    QByteArray expected = "Id,Email,Created\r\n";
    for (int r = 0; r < 3; ++r) {
        const QJsonObject o = model.recordAt(r);
        expected += o.value(QLatin1String("id")).toString().toUtf8() + ','
            + o.value(QLatin1String("email")).toString().toUtf8() + ','
            + QDateTime::fromString(o.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs)
                  .toUTC()
                  .toString(Qt::ISODateWithMs)
                  .toUtf8()
            + "\r\n";
    }
    QCOMPARE(buffer.data(), expected);
    QVERIFY(buffer.data().startsWith("Id,Email,Created\r\ncontact_100,"));
}

void TestCsvExporter::fileAppearsOnlyWhenComplete()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("contacts.csv"));
    CsvExporter exporter;
    exporter.setChunkRows(100);
    exporter.setTable({ QStringLiteral("n"), QStringLiteral("name") }, bigTable(1000));
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    bool existedWhileWriting = false;
    connect(&exporter, &CsvExporter::progress, &exporter, [&](qint64 done, qint64) {
        if (done > 0 && done < 1000)
            existedWhileWriting = existedWhileWriting || QFile::exists(path);
    });
    exporter.exportToFile(path);
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.first().at(0).value<Error>());
    QVERIFY(!existedWhileWriting);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes.count("\r\n"), 1001);
    QVERIFY(bytes.endsWith("999,name 999\r\n"));
}

void TestCsvExporter::cancellationLeavesNoFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("contacts.csv"));
    CsvExporter exporter;
    exporter.setChunkRows(50);
    exporter.setTable({ QStringLiteral("n"), QStringLiteral("name") }, bigTable(20000));
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    connect(&exporter, &CsvExporter::progress, &exporter, [&exporter](qint64 done, qint64) {
        if (done >= 500)
            exporter.cancel();
    });
    exporter.exportToFile(path);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).value<Error>().kind, Error::Kind::Cancelled);
    QVERIFY(!exporter.isRunning());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList()); // no temp file either
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void TestCsvExporter::cancellationKeepsAnExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("contacts.csv"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("previous export\r\n");
    }
    CsvExporter exporter;
    exporter.setChunkRows(50);
    exporter.setTable({ QStringLiteral("n"), QStringLiteral("name") }, bigTable(5000));
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    QSignalSpy progress(&exporter, &CsvExporter::progress);
    exporter.exportToFile(path);
    QVERIFY(progress.wait(5000));
    exporter.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).value<Error>().kind, Error::Kind::Cancelled);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("previous export\r\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList { QStringLiteral("contacts.csv") });
}

void TestCsvExporter::exportEverythingWritesEveryContact()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 500 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("everything.csv"));
    CsvExporter exporter;
    QSignalSpy states(&exporter, &CsvExporter::stateChanged);
    QSignalSpy progress(&exporter, &CsvExporter::progress);
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    exporter.setEverything(&model);
    exporter.exportToFile(path);
    QCOMPARE(exporter.state(), CsvExporter::State::Fetching);
    QVERIFY(finished.wait(60000));
    QVERIFY2(!finished.first().at(0).value<Error>(), qPrintable(finished.first().at(0).value<Error>().summary()));

    const int total = m_fx->sandbox().contactCount();
    QCOMPARE(model.rowCount(), total);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes.count("\r\n"), total + 1);
    QVERIFY(bytes.startsWith("Name,Email,Phone,Created,Id\r\n"));
    // The last line is the last contact, phone number unguarded.
    const QByteArray lastId = model.recordAt(total - 1).value(QLatin1String("id")).toString().toUtf8();
    QVERIFY(bytes.endsWith(QByteArray(',' + lastId + "\r\n")));
    QVERIFY(bytes.contains(",+14155550000,"));
    QVERIFY(!bytes.contains("'+1415"));

    // Fetching first (total unknown: 0), then writing (total known), then idle.
    QCOMPARE(states.at(0).at(0).value<CsvExporter::State>(), CsvExporter::State::Fetching);
    QCOMPARE(states.at(1).at(0).value<CsvExporter::State>(), CsvExporter::State::Writing);
    QCOMPARE(states.last().at(0).value<CsvExporter::State>(), CsvExporter::State::Idle);
    QCOMPARE(progress.first().at(1).toLongLong(), 0);
    QCOMPARE(progress.last().at(0).toLongLong(), total);
    QCOMPARE(progress.last().at(1).toLongLong(), total);
}

void TestCsvExporter::cancelWhileFetchingEverything()
{
    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.service = QStringLiteral("panora");
    slow.pathPrefix = QStringLiteral("/crm/contacts");
    slow.delayMs = 300;
    slow.times = -1;
    m_fx->sandbox().injectFault(slow);

    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 100 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("everything.csv"));
    CsvExporter exporter;
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    QSignalSpy modelFinished(&model, &PagedRecordsModel::fetchAllFinished);
    exporter.setEverything(&model);
    exporter.exportToFile(path);
    QTest::qWait(100);
    QCOMPARE(exporter.state(), CsvExporter::State::Fetching);
    QVERIFY(model.isFetchingAll());
    exporter.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).value<Error>().kind, Error::Kind::Cancelled);
    QVERIFY(!model.isFetchingAll());
    QCOMPARE(modelFinished.size(), 1);
    QTest::qWait(500);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestCsvExporter::failingPageFailsTheExportWithoutFile()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 1000 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    if (model.rowCount() == 0 && !model.isLoading())
        model.fetchMore(QModelIndex());
    QVERIFY(pages.wait(10000)); // page 1 is held
    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ServerError;
    fault.service = QStringLiteral("panora");
    fault.pathPrefix = QStringLiteral("/crm/contacts");
    fault.status = 500;
    fault.times = -1;
    m_fx->sandbox().injectFault(fault);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("everything.csv"));
    CsvExporter exporter;
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    exporter.setEverything(&model);
    exporter.exportToFile(path);
    QVERIFY(finished.wait(10000));
    const Error error = finished.first().at(0).value<Error>();
    QCOMPARE(error.httpStatus, 500);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    QCOMPARE(model.rowCount(), 1000); // the model keeps what it had
}

void TestCsvExporter::unwritableTargetFails()
{
    CsvExporter exporter;
    exporter.setTable({ QStringLiteral("a") }, {});
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    exporter.exportToFile(QStringLiteral("/proc/crossline-does-not-exist/x.csv"));
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.first().at(0).value<Error>().isError());
    QVERIFY(!exporter.isRunning());

    QBuffer closed; // not open
    finished.clear();
    exporter.exportTo(&closed);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).value<Error>().kind, Error::Kind::Validation);
}

QTEST_GUILESS_MAIN(TestCsvExporter)
#include "tst_csvexporter.moc"
