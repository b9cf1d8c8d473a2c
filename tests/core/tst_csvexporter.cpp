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
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
    void exactBytesForTrickyCells();
    void byteOrderMarkWhenAsked();
    void recordsUseTheBrowserColumns();
    void dateCellsAreUtcIso_data();
    void dateCellsAreUtcIso();
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
