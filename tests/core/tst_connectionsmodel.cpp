// ConnectionsModel against the sandbox's seeded Nango connections: rows, cells, refresh failures that keep rows.
#include "models/connectionsmodel.h"
#include "sandboxfixture.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace crossline;
using test::SandboxFixture;

class TestConnectionsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void rowsAppearWithSeededIds();
    void failedRefreshKeepsRowsAndSaysWhy();
    void unchangedRefreshUpdatesInPlace();
    void newerRefreshDropsTheOlderReply();
    void removeConnectionDropsTheRow();
    void withoutClientFailsWithConfigError();

private:
    bool load(ConnectionsModel &model);
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestConnectionsModel::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestConnectionsModel::init()
{
    m_fx->sandbox().clearFaults();
    m_fx->sandbox().clearRequests();
}

bool TestConnectionsModel::load(ConnectionsModel &model)
{
    QSignalSpy loaded(&model, &ConnectionsModel::loaded);
    model.refresh();
    return loaded.wait(10000);
}

void TestConnectionsModel::rowsAppearWithSeededIds()
{
    ConnectionsModel model(m_fx->clients().nango());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loading(&model, &ConnectionsModel::loadingChanged);
    QSignalSpy loaded(&model, &ConnectionsModel::loaded);
    QSignalSpy integrationsChanged(&model, &ConnectionsModel::integrationsChanged);

    model.refresh();
    QVERIFY(model.isLoading());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.first().at(0).toInt(), 4);
    QVERIFY(loaded.first().at(1).toLongLong() >= 0);
    QCOMPARE(loading.size(), 2);
    QCOMPARE(loading.at(0).at(0).toBool(), true);
    QCOMPARE(loading.at(1).at(0).toBool(), false);
    QVERIFY(!model.isLoading());

    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(ConnectionsModel::ColumnCount));
    QSet<QString> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids << model.index(r, ConnectionsModel::ConnectionId).data().toString();
    QCOMPARE(ids,
        (QSet<QString> { QStringLiteral("conn_abc123"), QStringLiteral("whatsapp-prod-1"),
            QStringLiteral("conn_twilio_1"), QStringLiteral("whatsapp-expired") }));
    QCOMPARE(model.headerData(ConnectionsModel::Created, Qt::Horizontal).toString(), QStringLiteral("Created"));

    const int abc = model.rowOf(QStringLiteral("whatsapp-business"), QStringLiteral("conn_abc123"));
    QVERIFY(abc >= 0);
    QCOMPARE(model.index(abc, ConnectionsModel::Integration).data().toString(), QStringLiteral("whatsapp-business"));
    QCOMPARE(model.index(abc, ConnectionsModel::Provider).data().toString(), QStringLiteral("whatsapp-business"));
    const QVariant created = model.index(abc, ConnectionsModel::Created).data();
    QCOMPARE(created.typeId(), int(QMetaType::QDateTime));
    QCOMPARE(created.toDateTime().toUTC(), QDateTime(QDate(2025, 1, 7), QTime(10, 0), QTimeZone::utc()));
    QCOMPARE(model.index(abc, ConnectionsModel::Created).data(SortRole).toDateTime(), created.toDateTime());
    QCOMPARE(model.index(abc, ConnectionsModel::Errors).data().toString(), QString());
    QCOMPARE(model.index(abc, ConnectionsModel::Tags).data().toString(),
        QStringLiteral("end_user_id=acme, organization_id=acme-org"));
    QCOMPARE(model.index(abc, 0).data(IdRole).toString(), QStringLiteral("conn_abc123"));
    QVERIFY(model.index(abc, 0).data(SearchTextRole).toString().contains(QStringLiteral("organization_id=acme-org")));
    QCOMPARE(model.connectionAt(abc).value(QLatin1String("connection_id")).toString(), QStringLiteral("conn_abc123"));
    QCOMPARE(model.index(abc, 0).data(RawJsonRole).toJsonObject(), model.connectionAt(abc));
    // Credentials never come with the list.
    QVERIFY(!model.connectionAt(abc).contains(QLatin1String("credentials")));

    const int expired = model.rowOf(QStringLiteral("whatsapp-business"), QStringLiteral("whatsapp-expired"));
    QVERIFY(expired >= 0);
    QCOMPARE(model.index(expired, ConnectionsModel::Errors).data().toString(), QStringLiteral("auth"));
    QCOMPARE(model.index(expired, ConnectionsModel::Tags).data().toString(), QString());

    // Nango lists newest first; the model keeps the server's order.
    QCOMPARE(model.index(0, ConnectionsModel::ConnectionId).data().toString(), QStringLiteral("whatsapp-expired"));

    QCOMPARE(model.integrations(), (QStringList { QStringLiteral("twilio"), QStringLiteral("whatsapp-business") }));
    QCOMPARE(integrationsChanged.size(), 1);
    QVERIFY(!model.lastError());
    QVERIFY(model.lastLoaded().isValid());
}

void TestConnectionsModel::failedRefreshKeepsRowsAndSaysWhy()
{
    ConnectionsModel model(m_fx->clients().nango());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 4);
    const QJsonObject before = model.connectionAt(0);

    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ServerError;
    fault.service = QStringLiteral("nango");
    fault.method = "GET";
    fault.pathPrefix = QStringLiteral("/connections");
    fault.status = 500;
    fault.times = -1;
    m_fx->sandbox().injectFault(fault);

    QSignalSpy failed(&model, &ConnectionsModel::failed);
    QSignalSpy loaded(&model, &ConnectionsModel::loaded);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.refresh();
    QVERIFY(failed.wait(10000));
    const Error error = failed.first().at(0).value<Error>();
    QCOMPARE(error.httpStatus, 500);
    QCOMPARE(error.code, QStringLiteral("generic_error_support"));
    QVERIFY2(error.summary().contains(QStringLiteral("An error occurred")), qPrintable(error.summary()));
    QCOMPARE(model.lastError().code, error.code);
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(reset.size(), 0);
    QVERIFY(!model.isLoading());
    // Nothing the user saw is lost.
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.connectionAt(0), before);

    m_fx->sandbox().clearFaults();
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(!model.lastError());
}

void TestConnectionsModel::unchangedRefreshUpdatesInPlace()
{
    ConnectionsModel model(m_fx->clients().nango());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(load(model));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(load(model));
    QCOMPARE(reset.size(), 0); // same connections in the same order: no reset, a view keeps its selection
    QCOMPARE(model.rowCount(), 4);
}

void TestConnectionsModel::newerRefreshDropsTheOlderReply()
{
    ConnectionsModel model(m_fx->clients().nango());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.service = QStringLiteral("nango");
    slow.pathPrefix = QStringLiteral("/connections");
    slow.delayMs = 800;
    slow.times = 1;
    m_fx->sandbox().injectFault(slow);

    QSignalSpy loaded(&model, &ConnectionsModel::loaded);
    QSignalSpy failed(&model, &ConnectionsModel::failed);
    model.refresh(); // slow
    QTest::qWait(200); // the request is on the wire, waiting for its answer
    QVERIFY(model.isLoading());
    model.refresh(); // supersedes it
    QVERIFY(loaded.wait(10000));
    QTest::qWait(1000); // the slow reply's time has passed
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(failed.size(), 0); // the superseded job's Cancelled result is not reported as a failure
    QCOMPARE(model.rowCount(), 4);
}

void TestConnectionsModel::removeConnectionDropsTheRow()
{
    ConnectionsModel model(m_fx->clients().nango());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(load(model));
    QSignalSpy integrationsChanged(&model, &ConnectionsModel::integrationsChanged);
    QVERIFY(model.removeConnection(QStringLiteral("twilio"), QStringLiteral("conn_twilio_1")));
    QVERIFY(!model.removeConnection(QStringLiteral("twilio"), QStringLiteral("conn_twilio_1")));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(QStringLiteral("twilio"), QStringLiteral("conn_twilio_1")), -1);
    QCOMPARE(model.integrations(), QStringList { QStringLiteral("whatsapp-business") });
    QCOMPARE(integrationsChanged.size(), 1);
}

void TestConnectionsModel::withoutClientFailsWithConfigError()
{
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy failed(&model, &ConnectionsModel::failed);
    model.refresh();
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).value<Error>().kind, Error::Kind::Config);
    QCOMPARE(model.rowCount(), 0);

    // A client arrives (profile chosen): rows load; switching clients clears them.
    model.setClient(m_fx->clients().nango());
    QVERIFY(load(model));
    QCOMPARE(model.rowCount(), 4);
    model.setClient(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.integrations().isEmpty());
}

QTEST_GUILESS_MAIN(TestConnectionsModel)
#include "tst_connectionsmodel.moc"
