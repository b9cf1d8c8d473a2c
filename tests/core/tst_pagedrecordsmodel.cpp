// PagedRecordsModel against the sandbox: scrolling to the end of 5,000 Panora contacts, employees, Nango's
// compatible paths, stale replies after a source switch, failing pages, fetchAll and its cancellation, rows kept
// compactly yet read back as received; and the RecordPager's handling of old Panora's raw-UUID cursors.
#include "job.h"
#include "models/pagedrecordsmodel.h"
#include "models/recordcolumns.h"
#include "panora/panoraclient.h"
#include "recordkinds.h"
#include "sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace crossline;
using test::col;
using test::Contacts;
using test::Employees;
using test::SandboxFixture;
using Provider = RecordSource::Provider;

class TestPagedRecordsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void scrollsToTheEndOfPanoraContacts();
    void pagesPanoraEmployees();
    void pagesNangoCompatiblePaths_data();
    void pagesNangoCompatiblePaths();
    void switchingSourceDropsTheStaleReply();
    void failingPageKeepsRowsUntilRetry();
    void fetchAllThenCancel();
    void fetchAllReportsProgressToTheEnd();
    void pagerReencodesRawUuidCursorAndDropsTheRepeatedRow();
    void pagerStopsOnARepeatedCursor();
    void withoutClientsFailsWithConfigError();
    void keepsTheRecordAsReceivedBesideItsCells();

private:
    // What a view does: fetchMore whenever canFetchMore, until there is nothing more. Returns the pages loaded.
    static int scrollToEnd(PagedRecordsModel &model);
    static QStringList ids(const PagedRecordsModel &model);
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestPagedRecordsModel::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestPagedRecordsModel::init()
{
    m_fx->sandbox().clearFaults();
    m_fx->sandbox().clearRequests();
    m_fx->sandbox().setPanoraHasHris(true);
}

int TestPagedRecordsModel::scrollToEnd(PagedRecordsModel &model)
{
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    QSignalSpy failed(&model, &PagedRecordsModel::failed);
    for (int guard = 0; guard < 10000; ++guard) {
        if (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        if (!model.isLoading())
            break;
        const qsizetype before = pages.size() + failed.size();
        while (pages.size() + failed.size() == before) {
            if (!pages.wait(10000) && pages.size() + failed.size() == before)
                return -1;
        }
        if (!failed.isEmpty())
            return -1;
    }
    return int(pages.size());
}

QStringList TestPagedRecordsModel::ids(const PagedRecordsModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, 0).data(IdRole).toString();
    return out;
}

void TestPagedRecordsModel::scrollsToTheEndOfPanoraContacts()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 100 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Email"));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Phone"));
    QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("Created"));
    QCOMPARE(model.headerData(4, Qt::Horizontal).toString(), QStringLiteral("Id"));

    const int total = m_fx->sandbox().contactCount();
    QVERIFY(total >= 5000);
    const int pages = scrollToEnd(model);
    QVERIFY2(pages > 0, qPrintable(model.lastError().summary()));

    QCOMPARE(model.rowCount(), total);
    QCOMPARE(model.loadedCount(), total);
    const QStringList all = ids(model);
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), total); // no duplicates
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QVERIFY(!model.hasMore());
    QVERIFY(!model.isLoading());
    // One request per page of 100, plus the first one the tester triggered (counted in `pages` as well).
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("panora")).size(), (total + 99) / 100);

    // Cells come from Panora's unified shape.
    const QJsonObject first = model.recordAt(0);
    QCOMPARE(model.index(0, col(Contacts, "name")).data().toString(),
        first.value(QLatin1String("first_name")).toString() + QLatin1Char(' ')
            + first.value(QLatin1String("last_name")).toString());
    const QString email = first.value(QLatin1String("email_addresses"))
                              .toArray()
                              .at(0)
                              .toObject()
                              .value(QLatin1String("email_address"))
                              .toString();
    QVERIFY(email.endsWith(QLatin1String("@example.com")));
    QCOMPARE(model.index(0, col(Contacts, "email")).data().toString(), email);
    QCOMPARE(model.index(0, col(Contacts, "phone")).data().toString(), QStringLiteral("+14155550000"));
    const QVariant created = model.index(0, col(Contacts, "created")).data();
    QCOMPARE(created.typeId(), int(QMetaType::QDateTime));
    QCOMPARE(created.toDateTime().toUTC(), QDateTime(QDate(2024, 1, 2), QTime(9, 0), QTimeZone::utc()));
    QCOMPARE(model.index(0, col(Contacts, "created")).data(SortRole).toDateTime(), created.toDateTime());
    QCOMPARE(model.index(0, col(Contacts, "id")).data().toString(), first.value(QLatin1String("id")).toString());
    const QString search = model.index(0, 0).data(SearchTextRole).toString();
    QVERIFY(search.contains(email.toLower()));
    QVERIFY(search.contains(QStringLiteral("+14155550000")));
    QCOMPARE(search, search.toLower());
    QCOMPARE(model.index(0, 0).data(RawJsonRole).toJsonObject(), first);
    QCOMPARE(model.rowOfId(all.last()), total - 1);
    QVERIFY(model.recordAt(total).isEmpty());
}

void TestPagedRecordsModel::pagesPanoraEmployees()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Employees, Provider::Panora, 300 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Work email"));
    QCOMPARE(model.headerData(4, Qt::Horizontal).toString(), QStringLiteral("Employee number"));
    QCOMPARE(scrollToEnd(model), 4); // 300 + 300 + 300 + 100
    const int total = m_fx->sandbox().employeeCount();
    QCOMPARE(model.rowCount(), total);
    const QStringList all = ids(model);
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), total);

    const QJsonObject first = model.recordAt(0);
    QCOMPARE(model.index(0, col(Employees, "name")).data().toString(),
        first.value(QLatin1String("display_full_name")).toString());
    QCOMPARE(model.index(0, col(Employees, "work_email")).data().toString(),
        first.value(QLatin1String("work_email")).toString());
    QCOMPARE(model.index(0, col(Employees, "status")).data().toString(), QStringLiteral("ACTIVE"));
    QCOMPARE(model.index(0, col(Employees, "start_date")).data().toDate(), QDate(2015, 1, 1));
    QCOMPARE(model.index(0, col(Employees, "employee_number")).data().toString(), QStringLiteral("EMP0001"));
    QCOMPARE(model.index(total - 1, col(Employees, "employee_number")).data().toString(), QStringLiteral("EMP1000"));
}

void TestPagedRecordsModel::pagesNangoCompatiblePaths_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("expected");
    QTest::addColumn<int>("pages");
    QTest::addColumn<QString>("idPrefix");
    QTest::newRow("contacts") << Contacts << 250 << 3 << QStringLiteral("contact_");
    QTest::newRow("employees") << Employees << 150 << 2 << QStringLiteral("emp_");
}

void TestPagedRecordsModel::pagesNangoCompatiblePaths()
{
    QFETCH(QString, kind);
    QFETCH(int, expected);
    QFETCH(int, pages);
    QFETCH(QString, idPrefix);
    PagedRecordsModel model(&m_fx->clients(), RecordSource { kind, Provider::Nango, 100 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(scrollToEnd(model), pages);
    QCOMPARE(model.rowCount(), expected);
    const QStringList all = ids(model);
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), expected);
    QVERIFY(all.first().startsWith(idPrefix));
    QVERIFY(!model.canFetchMore(QModelIndex()));

    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(requests.size(), pages);
    QCOMPARE(requests.first().query, QByteArray("limit=100"));
    QVERIFY(requests.at(1).query.startsWith("limit=100&cursor="));

    // Flat rows: email / phone / first_name.
    const QJsonObject first = model.recordAt(0);
    if (kind == Contacts) {
        QCOMPARE(
            model.index(0, col(Contacts, "email")).data().toString(), first.value(QLatin1String("email")).toString());
        QCOMPARE(
            model.index(0, col(Contacts, "phone")).data().toString(), first.value(QLatin1String("phone")).toString());
        QVERIFY(model.index(0, col(Contacts, "created")).data().toDateTime().isValid());
    } else {
        QCOMPARE(model.index(0, col(Employees, "work_email")).data().toString(),
            first.value(QLatin1String("email")).toString());
        QCOMPARE(model.index(0, col(Employees, "start_date")).data().toDate(), QDate(2018, 3, 1));
    }
    QCOMPARE(model.index(0, 0).data().toString(),
        first.value(QLatin1String("first_name")).toString() + QLatin1Char(' ')
            + first.value(QLatin1String("last_name")).toString());
}

void TestPagedRecordsModel::switchingSourceDropsTheStaleReply()
{
    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.service = QStringLiteral("panora");
    slow.pathPrefix = QStringLiteral("/crm/contacts");
    slow.delayMs = 1000;
    slow.times = 1;
    m_fx->sandbox().injectFault(slow);

    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 100 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    QSignalSpy failed(&model, &PagedRecordsModel::failed);
    QSignalSpy sourceChanged(&model, &PagedRecordsModel::sourceChanged);
    model.fetchMore(QModelIndex()); // (the tester may already have started it)
    QVERIFY(model.isLoading());
    QTest::qWait(200); // the Panora request is on the wire, its answer delayed

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSource(RecordSource { Contacts, Provider::Nango, 100 });
    QCOMPARE(sourceChanged.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.hasMore());
    // A view (here the tester) asks for the first page of the new source as soon as the model resets.
    model.fetchMore(QModelIndex());
    QVERIFY(model.isLoading());
    QVERIFY(pages.wait(10000));
    QTest::qWait(1200); // well past the Panora page's delay

    QCOMPARE(failed.size(), 0);
    QCOMPARE(model.rowCount(), 250); // the tester, like a view with room left, pages to the end
    for (const QString &id : ids(model))
        QVERIFY2(id.startsWith(QLatin1String("contact_")), qPrintable(id)); // only Nango's rows
    QCOMPARE(model.source().provider, Provider::Nango);
}

void TestPagedRecordsModel::failingPageKeepsRowsUntilRetry()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 100 });
    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ServerError;
    fault.service = QStringLiteral("panora");
    fault.pathPrefix = QStringLiteral("/crm/contacts");
    fault.status = 500;
    fault.times = -1;
    // The server breaks right after the first page (before the request for the second one leaves).
    connect(
        &model, &PagedRecordsModel::pageLoaded, this, [this, fault] { m_fx->sandbox().injectFault(fault); },
        Qt::SingleShotConnection);
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    QSignalSpy failed(&model, &PagedRecordsModel::failed);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.fetchMore(QModelIndex());
    QVERIFY(pages.wait(10000));
    QCOMPARE(model.rowCount(), 100);
    const QStringList before = ids(model);

    model.fetchMore(QModelIndex()); // scrolling on (the tester may have asked already)
    QVERIFY(failed.wait(10000));
    const Error error = failed.first().at(0).value<Error>();
    QCOMPARE(error.httpStatus, 500);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(ids(model), before);
    QVERIFY(model.hasFailed());
    QCOMPARE(model.lastError().httpStatus, 500);
    QVERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore(QModelIndex())); // a view does not hammer a failing server
    model.fetchMore(QModelIndex());
    QVERIFY(!model.isLoading());

    m_fx->sandbox().clearFaults();
    model.retry();
    QVERIFY(model.isLoading());
    QVERIFY(pages.wait(10000));
    QVERIFY(model.rowCount() >= 200);
    QVERIFY(!model.hasFailed());
    const QStringList after = ids(model);
    QCOMPARE(after.mid(0, 100), before);
    QCOMPARE(QSet<QString>(after.cbegin(), after.cend()).size(), after.size());
}

void TestPagedRecordsModel::fetchAllThenCancel()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 100 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&model, &PagedRecordsModel::fetchAllFinished);
    QSignalSpy loading(&model, &PagedRecordsModel::loadingChanged);
    // Cancel from inside a progress handler, as a progress dialog's Cancel would land between pages.
    connect(&model, &PagedRecordsModel::progress, &model, [&model](int loaded) {
        if (loaded >= 300)
            model.cancelFetchAll();
    });
    model.fetchAll();
    QVERIFY(model.isFetchingAll());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).value<Error>().kind, Error::Kind::Cancelled);
    QVERIFY(!model.isFetchingAll());
    QVERIFY(!model.isLoading());
    QCOMPARE(loading.last().at(0).toBool(), false);
    QCOMPARE(model.rowCount(), 300);
    QTest::qWait(300);
    QCOMPARE(model.rowCount(), 300); // no page arrives after the cancel
    QCOMPARE(finished.size(), 1);
    QVERIFY(model.canFetchMore(QModelIndex()));

    // Scrolling on continues where it stopped.
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    model.fetchMore(QModelIndex());
    QVERIFY(pages.wait(10000));
    QVERIFY(model.rowCount() >= 400);
    const QStringList all = ids(model);
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), all.size());
}

void TestPagedRecordsModel::fetchAllReportsProgressToTheEnd()
{
    PagedRecordsModel model(&m_fx->clients(), RecordSource { Employees, Provider::Nango, 40 });
    QSignalSpy progress(&model, &PagedRecordsModel::progress);
    QSignalSpy finished(&model, &PagedRecordsModel::fetchAllFinished);
    QSignalSpy loading(&model, &PagedRecordsModel::loadingChanged);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.fetchAll();
    QVERIFY(finished.wait(20000));
    QVERIFY(!finished.first().at(0).value<Error>());
    QCOMPARE(model.rowCount(), 150);
    QCOMPARE(progress.last().at(0).toInt(), 150);
    QVERIFY(progress.size() >= 4); // 40, 80, 120, 150 (plus the start)
    QCOMPARE(loading.size(), 2); // loading stays on between pages: no flicker
    QVERIFY(!model.hasMore());

    // Everything loaded: fetchAll() finishes at once (from the event loop).
    finished.clear();
    model.fetchAll();
    QCOMPARE(finished.size(), 0);
    QVERIFY(finished.wait(2000));
    QVERIFY(!finished.first().at(0).value<Error>());
}

void TestPagedRecordsModel::pagerReencodesRawUuidCursorAndDropsTheRepeatedRow()
{
    const QString a = QStringLiteral("0b6d4f7e-9a53-4c2e-8f2a-2f0c1d3e4a01");
    const QString b = QStringLiteral("0b6d4f7e-9a53-4c2e-8f2a-2f0c1d3e4a02");
    const QString c = QStringLiteral("0b6d4f7e-9a53-4c2e-8f2a-2f0c1d3e4a03");
    auto row = [](const QString &id) { return QJsonObject { { QStringLiteral("id"), id } }; };
    auto page = [](const QJsonArray &data, const QJsonValue &next) {
        return Result::success(QJsonObject { { QStringLiteral("data"), data }, { QStringLiteral("next_cursor"), next },
            { QStringLiteral("previous_cursor"), QJsonValue::Null } });
    };

    RecordPager pager(RecordSource { Employees, Provider::Panora, 2 });
    QVERIFY(pager.hasMore());
    QCOMPARE(pager.cursor(), QString());
    // Old Panora HRIS: next_cursor is the raw UUID of the last row, and the next page starts with that row again.
    RecordPager::Page p1 = pager.accept(page(QJsonArray { row(a), row(b) }, b));
    QVERIFY(!p1.error);
    QCOMPARE(p1.rows.size(), 2);
    QVERIFY(pager.hasMore());
    QCOMPARE(pager.cursor(), QString::fromLatin1(b.toLatin1().toBase64()));
    RecordPager::Page p2 = pager.accept(page(QJsonArray { row(b), row(c) }, QJsonValue::Null));
    QCOMPARE(p2.rows.size(), 1);
    QCOMPARE(p2.rows.first().value(QLatin1String("id")).toString(), c);
    QVERIFY(!pager.hasMore());
    QCOMPARE(pager.pagesLoaded(), 2);

    // A base64 cursor is sent back exactly as received.
    RecordPager modern(RecordSource { Contacts, Provider::Panora, 2 });
    modern.accept(page(QJsonArray { row(a), row(b) }, QStringLiteral("YmFzZTY0")));
    QCOMPARE(modern.cursor(), QStringLiteral("YmFzZTY0"));
    // Nango's compatible paths are not Panora: a UUID-looking cursor is theirs to interpret.
    RecordPager nango(RecordSource { Contacts, Provider::Nango, 2 });
    nango.accept(page(QJsonArray { row(a), row(b) }, c));
    QCOMPARE(nango.cursor(), c);

    // A body without a data list is a decode error and leaves the state alone.
    RecordPager broken(RecordSource { Contacts, Provider::Panora, 2 });
    const RecordPager::Page bad
        = broken.accept(Result::success(QJsonObject { { QStringLiteral("items"), QJsonArray {} } }));
    QCOMPARE(bad.error.kind, Error::Kind::Decode);
    QCOMPARE(broken.cursor(), QString());
    QVERIFY(broken.hasMore());
    // A list item that is not an object is named, with what it was, instead of becoming an empty row.
    const RecordPager::Page notRows
        = broken.accept(page(QJsonArray { row(a), QStringLiteral("b"), row(c) }, QStringLiteral("YmFzZTY0")));
    QCOMPARE(notRows.error.kind, Error::Kind::Decode);
    QCOMPARE(notRows.error.message,
        QStringLiteral("Item 2 of the answer's \"data\" list is a string, not a record: this answer is not a page of "
                       "contacts."));
    QVERIFY(notRows.rows.isEmpty());
    QCOMPARE(broken.cursor(), QString());
    RecordPager records(RecordSource { Contacts, Provider::Nango, 2 });
    const RecordPager::Page notRecords = records.accept(Result::success(QJsonObject {
        { QStringLiteral("records"), QJsonArray { 42 } }, { QStringLiteral("next_cursor"), QJsonValue::Null } }));
    QVERIFY2(notRecords.error.message.startsWith(QLatin1String("Item 1 of the answer's \"records\" list is a number")),
        qPrintable(notRecords.error.message));
    // A failed result hands its error on.
    const RecordPager::Page failed
        = broken.accept(Result::failure(Error::make(Error::Kind::Network, QStringLiteral("down"))));
    QCOMPARE(failed.error.kind, Error::Kind::Network);
}

void TestPagedRecordsModel::pagerStopsOnARepeatedCursor()
{
    RecordPager pager(RecordSource { Contacts, Provider::Nango, 1 });
    auto page = [](const QString &id, const QString &next) {
        return Result::success(
            QJsonObject { { QStringLiteral("data"), QJsonArray { QJsonObject { { QStringLiteral("id"), id } } } },
                { QStringLiteral("next_cursor"), next } });
    };
    pager.accept(page(QStringLiteral("x"), QStringLiteral("c1")));
    QVERIFY(pager.hasMore());
    pager.accept(page(QStringLiteral("y"), QStringLiteral("c1"))); // the server hands the same cursor again
    QVERIFY(!pager.hasMore());
    RecordPager empty(RecordSource { Contacts, Provider::Nango, 1 });
    empty.accept(Result::success(QJsonObject {
        { QStringLiteral("data"), QJsonArray {} }, { QStringLiteral("next_cursor"), QStringLiteral("c9") } }));
    QVERIFY(!empty.hasMore()); // an empty page ends the listing
    // A bare array (no envelope) is a complete listing.
    RecordPager bare(RecordSource { Contacts, Provider::Nango, 1 });
    QCOMPARE(bare.accept(Result::success(QJsonArray { QJsonObject { { QStringLiteral("id"), 1 } } })).rows.size(), 1);
    QVERIFY(!bare.hasMore());
}

void TestPagedRecordsModel::withoutClientsFailsWithConfigError()
{
    PagedRecordsModel model(RecordSource { Contacts, Provider::Panora, 10 });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy failed(&model, &PagedRecordsModel::failed);
    model.fetchMore(QModelIndex());
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).value<Error>().kind, Error::Kind::Config);
    QCOMPARE(model.rowCount(), 0);

    QVERIFY(model.hasFailed());
    QVERIFY(!model.canFetchMore(QModelIndex()));

    // Clients arrive: a reset (the failure is forgotten), then rows.
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    model.setClients(&m_fx->clients());
    QVERIFY(!model.hasFailed());
    model.fetchMore(QModelIndex()); // (the tester may have asked already)
    QVERIFY(model.isLoading());
    QVERIFY(pages.wait(10000));
    QVERIFY(model.rowCount() >= 10);
    QCOMPARE(
        model.recordAt(0).value(QLatin1String("id")).toString(), model.index(0, col(Contacts, "id")).data().toString());
}

void TestPagedRecordsModel::keepsTheRecordAsReceivedBesideItsCells()
{
    // A row keeps its record encoded and its cells and search text worked out when the page arrives: what comes
    // back out is what the server sent, and the cells are what RecordColumns reads from it.
    const Result page
        = SandboxFixture::wait(m_fx->clients().panora()->listPage(QStringLiteral("/crm/contacts"), 100, QString()));
    QVERIFY2(page.ok(), qPrintable(page.error.summary()));
    const QJsonArray sent = page.data.toObject().value(QLatin1String("data")).toArray();
    QCOMPARE(sent.size(), 100);

    PagedRecordsModel model(&m_fx->clients(), RecordSource { Contacts, Provider::Panora, 100 });
    QSignalSpy pages(&model, &PagedRecordsModel::pageLoaded);
    model.fetchMore(QModelIndex());
    QVERIFY(pages.wait(10000));
    QCOMPARE(model.rowCount(), 100);
    for (int r = 0; r < model.rowCount(); ++r) {
        const QJsonObject record = sent.at(r).toObject();
        QCOMPARE(model.recordAt(r), record);
        QCOMPARE(model.index(r, 0).data(RawJsonRole).toJsonObject(), record);
        QStringList texts;
        for (int c = 0; c < model.columnCount(); ++c) {
            const QVariant value = RecordColumns::value(Contacts, record, c);
            QCOMPARE(model.index(r, c).data(), value);
            QCOMPARE(model.index(r, c).data(SortRole), value);
            QCOMPARE(model.valueAt(r, c), value);
            texts << RecordColumns::text(Contacts, record, c);
        }
        const QString search = texts.join(QLatin1Char(' ')).toLower();
        QCOMPARE(model.index(r, 0).data(SearchTextRole).toString(), search);
        QCOMPARE(model.searchKeyAt(r).toByteArray(), search.toUtf8());
        const QString id = record.value(QLatin1String("id")).toString();
        QCOMPARE(model.index(r, 0).data(IdRole).toString(), id);
        QCOMPARE(model.rowOfId(id), r);
    }
    QVERIFY(!model.valueAt(0, model.columnCount()).isValid());
    QVERIFY(!model.valueAt(model.rowCount(), 0).isValid());
    QCOMPARE(model.rowOfId(QStringLiteral("no-such-id")), -1);

    // Reload: the rows go at once (their memory is given back a slice per event-loop turn), the same ones come again.
    model.reload();
    QCOMPARE(model.rowCount(), 0);
    model.fetchMore(QModelIndex());
    QVERIFY(pages.wait(10000));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.recordAt(99), sent.at(99).toObject());
    QCOMPARE(model.searchKeyAt(99).toByteArray(), model.index(99, 0).data(SearchTextRole).toString().toUtf8());
}

QTEST_GUILESS_MAIN(TestPagedRecordsModel)
#include "tst_pagedrecordsmodel.moc"
