#include "clientset.h"
#include "models/pagedrecordsmodel.h"
#include "models/recordcolumns.h"
#include "nango/nangoclient.h"
#include "nango/nangoresults.h"
#include "sandboxfixture.h"
#include "unified/resourceregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace crossline;
using test::SandboxFixture;

// A real Nango's synced records and actions, through the profile's records-and-actions mapping, against the sandbox
// in its real-Nango mode (no compatible paths; hubspot-acme syncs Contact, bamboohr-acme syncs Employee).
class TestNangoRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void recordsRequestOnTheWire();
    void browserModelPagesEveryShortPage();
    void unifiedGetFindsOneRecord();
    void unifiedListRefusesParametersNangoIgnores();
    void createThroughTheActionSyncAndAsync();
    void failingActionShowsTheProvidersAnswer();
    void incompleteMappingSaysWhatIsMissing();
    void functionsAndSyncs();
    void compatiblePathsOnARealNangoAreDiagnosed();
    void importThatOutlivesTheTimeoutIsOutcomeUnknown();

private:
    std::unique_ptr<ClientSet> mapped() const;
    Result unified(ClientSet &clients, const QJsonObject &body) const;
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestNangoRecords::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
    m_fx->sandbox().setRealNango(true);
}

void TestNangoRecords::init()
{
    m_fx->sandbox().clearRequests();
}

std::unique_ptr<ClientSet> TestNangoRecords::mapped() const
{
    ResolvedConfig c = m_fx->config();
    c.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    Profile p;
    p.name = QStringLiteral("real");
    p.nangoMapping = c.nangoMapping;
    p.crmRecords.integration = QStringLiteral("hubspot");
    p.crmRecords.connectionId = QStringLiteral("hubspot-acme");
    p.hrRecords.integration = QStringLiteral("bamboohr-basic");
    p.hrRecords.connectionId = QStringLiteral("bamboohr-acme");
    c.profile = p;
    return std::make_unique<ClientSet>(c, SandboxFixture::fastPolicy());
}

Result TestNangoRecords::unified(ClientSet &clients, const QJsonObject &body) const
{
    const Expected<UnifiedRequest> r = UnifiedRequest::fromJson(body);
    if (!r)
        return Result::failure(r.error());
    if (const Error e = ResourceRegistry::check(*r))
        return Result::failure(e);
    return SandboxFixture::wait(clients.run(*r));
}

void TestNangoRecords::recordsRequestOnTheWire()
{
    auto clients = mapped();
    RecordsQuery q { QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), QStringLiteral("Contact") };
    q.limit = 10;
    q.filter = QStringLiteral("deleted");
    const Result r = SandboxFixture::wait(clients->nango()->listRecords(q));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto sent = m_fx->sandbox().requests(QStringLiteral("nango")).last();
    QCOMPARE(sent.method, QByteArray("GET"));
    QCOMPARE(sent.path, QStringLiteral("/records"));
    QCOMPARE(sent.query, QByteArray("model=Contact&limit=10&filter=deleted"));
    QCOMPARE(sent.header("Connection-Id"), QByteArray("hubspot-acme"));
    QCOMPARE(sent.header("Provider-Config-Key"), QByteArray("hubspot"));
    QVERIFY(sent.header("Authorization").startsWith("Bearer "));
    // Deleted records are kept by Nango, and marked.
    const QJsonArray records = r.data.toObject().value(QLatin1String("records")).toArray();
    QVERIFY(!records.isEmpty());
    for (const QJsonValue &v : records) {
        const QJsonObject meta = v.toObject().value(QLatin1String("_nango_metadata")).toObject();
        QCOMPARE(meta.value(QLatin1String("last_action")).toString(), QStringLiteral("DELETED"));
        QVERIFY(meta.value(QLatin1String("deleted_at")).isString());
    }
}

void TestNangoRecords::browserModelPagesEveryShortPage()
{
    // Pages of 100 asked, 37 answered at most: the model keeps going until next_cursor is null.
    auto clients = mapped();
    RecordSource source;
    source.provider = RecordSource::Provider::Nango;
    source.resource = QStringLiteral("crm.contact");
    source.pageSize = 100;
    PagedRecordsModel model(clients.get(), source);
    QSignalSpy finished(&model, &PagedRecordsModel::fetchAllFinished);
    model.fetchAll();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).value<Error>().kind, Error::Kind::None);
    QVERIFY2(model.rowCount() >= 3000, qPrintable(QString::number(model.rowCount())));
    const int pages = int(m_fx->sandbox().requests(QStringLiteral("nango")).size());
    QCOMPARE(pages, (model.rowCount() + 36) / 37);
    // The browser's columns read a synced contact.
    const int email = RecordColumns::indexOf(QStringLiteral("crm.contact"), QStringLiteral("email"));
    QCOMPARE(model.index(0, email).data().toString(), QStringLiteral("patricia.perez0@example.org"));
}

void TestNangoRecords::unifiedGetFindsOneRecord()
{
    auto clients = mapped();
    Result r = unified(*clients,
        QJsonObject { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("crm.contact") },
            { QStringLiteral("operation"), QStringLiteral("get") },
            { QStringLiteral("id"), QStringLiteral("contact_101") } });
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(r.data.toObject().value(QLatin1String("id")).toString(), QStringLiteral("contact_101"));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).last().query,
        QByteArray("model=Contact&limit=1&ids=contact_101"));
    r = unified(*clients,
        QJsonObject { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("hr.employee") },
            { QStringLiteral("operation"), QStringLiteral("get") },
            { QStringLiteral("id"), QStringLiteral("emp_nope") } });
    QCOMPARE(r.error.code, QStringLiteral("not_found"));
    QCOMPARE(
        r.error.message, QStringLiteral("No Employee record with id \"emp_nope\" was synced for this connection."));
}

void TestNangoRecords::unifiedListRefusesParametersNangoIgnores()
{
    // The seed's page/page_size mean nothing to /records: refused with how to page instead, nothing sent.
    auto clients = mapped();
    const Result r = unified(*clients,
        QJsonObject { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("crm.contact") },
            { QStringLiteral("operation"), QStringLiteral("list") },
            { QStringLiteral("params"),
                QJsonObject { { QStringLiteral("page"), 2 }, { QStringLiteral("page_size"), 50 } } } });
    QCOMPARE(r.error.kind, Error::Kind::Validation);
    QVERIFY2(r.error.message.contains(QLatin1String("take no \"page")), qPrintable(r.error.message));
    QVERIFY(r.error.hint.contains(QLatin1String("next_cursor")));
    QCOMPARE(m_fx->sandbox().requests().size(), 0);
}

void TestNangoRecords::createThroughTheActionSyncAndAsync()
{
    auto clients = mapped();
    const QJsonObject data { { QStringLiteral("first_name"), QStringLiteral("Ada") },
        { QStringLiteral("last_name"), QStringLiteral("Lovelace") },
        { QStringLiteral("email"), QStringLiteral("ada@example.com") } };
    Result r = unified(*clients,
        QJsonObject { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("crm.contact") },
            { QStringLiteral("operation"), QStringLiteral("create") }, { QStringLiteral("data"), data } });
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const QString id = r.data.toObject().value(QLatin1String("id")).toString();
    QVERIFY(id.startsWith(QLatin1String("contact_")));
    const auto sent = m_fx->sandbox().requests(QStringLiteral("nango")).last();
    QCOMPARE(sent.path, QStringLiteral("/action/trigger"));
    QCOMPARE(QJsonDocument::fromJson(sent.body).object(),
        (QJsonObject {
            { QStringLiteral("action_name"), QStringLiteral("create-contact") }, { QStringLiteral("input"), data } }));
    QVERIFY(sent.header("X-Async").isEmpty());

    // Asynchronous: 202 + id, then GET /action/{id} until the output is there (404 not_found meanwhile).
    m_fx->sandbox().clearRequests();
    ActionCall call { QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), QStringLiteral("create-contact"),
        QJsonObject { { QStringLiteral("first_name"), QStringLiteral("Bo") } }, true };
    r = SandboxFixture::wait(clients->nango()->triggerAction(call));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(r.data.toObject().value(QLatin1String("first_name")).toString(), QStringLiteral("Bo"));
    const auto requests = m_fx->sandbox().requests(QStringLiteral("nango"));
    QVERIFY(requests.size() >= 2);
    QCOMPARE(requests.first().header("X-Async"), QByteArray("true"));
    QCOMPARE(requests.first().status, 202);
    QVERIFY(requests.last().path.startsWith(QLatin1String("/action/")));
    QCOMPARE(requests.last().status, 200);
    int triggers = 0;
    for (const auto &req : requests)
        triggers += req.path == QLatin1String("/action/trigger");
    QCOMPARE(triggers, 1); // polled, never triggered twice
}

void TestNangoRecords::failingActionShowsTheProvidersAnswer()
{
    auto clients = mapped();
    const Result r = unified(*clients,
        QJsonObject { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("crm.contact") },
            { QStringLiteral("operation"), QStringLiteral("create") },
            { QStringLiteral("data"),
                QJsonObject { { QStringLiteral("email"), QStringLiteral("exists@example.com") } } } });
    QCOMPARE(r.error.httpStatus, 424);
    QCOMPARE(r.error.code, QStringLiteral("script_http_error"));
    QCOMPARE(r.error.message,
        QStringLiteral("Nango: the action's call to the provider failed: HTTP 409 — Contact already exists. Existing "
                       "ID: 51"));
}

void TestNangoRecords::incompleteMappingSaysWhatIsMissing()
{
    ResolvedConfig c = m_fx->config();
    c.nangoMapping = Profile::NangoMapping::RecordsAndActions;
    c.profile = Profile {};
    ClientSet clients(c, SandboxFixture::fastPolicy());
    const Result r = unified(clients,
        QJsonObject { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("hr.employee") },
            { QStringLiteral("operation"), QStringLiteral("list") } });
    QCOMPARE(r.error.kind, Error::Kind::Config);
    QCOMPARE(r.error.message,
        QStringLiteral("The profile maps hr.employee to Nango's synced records but names no integration."));
    QVERIFY(r.error.hint.contains(QLatin1String("--hr-integration")));
    QCOMPARE(m_fx->sandbox().requests().size(), 0);
    // params name the connection for one call.
    const Result given = unified(clients,
        QJsonObject { { QStringLiteral("provider"), QStringLiteral("nango") },
            { QStringLiteral("resource"), QStringLiteral("hr.employee") },
            { QStringLiteral("operation"), QStringLiteral("list") },
            { QStringLiteral("params"),
                QJsonObject { { QStringLiteral("providerConfigKey"), QStringLiteral("bamboohr-basic") },
                    { QStringLiteral("connectionId"), QStringLiteral("bamboohr-acme") },
                    { QStringLiteral("limit"), 5 } } } });
    QVERIFY2(given.ok(), qPrintable(given.error.summary()));
    QCOMPARE(given.data.toObject().value(QLatin1String("records")).toArray().size(), 5);
}

void TestNangoRecords::functionsAndSyncs()
{
    auto clients = mapped();
    Result r = SandboxFixture::wait(clients->nango()->listFunctions(QStringLiteral("hubspot")));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const QJsonArray functions = r.data.toObject().value(QLatin1String("data")).toArray();
    QCOMPARE(functions.size(), 3);
    const QList<NangoFunction> read = NangoFunction::listFromData(r.data);
    QCOMPARE(read.size(), 3);
    QCOMPARE(read.at(0).name, QStringLiteral("contacts"));
    QCOMPARE(read.at(0).models, QStringList { QStringLiteral("Contact") });
    QCOMPARE(read.at(0).runs, QStringLiteral("every hour"));
    QCOMPARE(read.at(1).name, QStringLiteral("companies"));
    QCOMPARE(read.at(2).name, QStringLiteral("create-contact"));
    QVERIFY(read.at(2).isAction() && read.at(2).runs.isEmpty());
    QCOMPARE(NangoFunction::syncModels(read), (QStringList { QStringLiteral("Contact"), QStringLiteral("Company") }));
    QCOMPARE(NangoFunction::actionNames(read), QStringList { QStringLiteral("create-contact") });

    // Nango pages its functions (20 by default): every page is fetched, in order, into one list.
    m_fx->sandbox().clearRequests();
    r = SandboxFixture::wait(clients->nango()->listFunctions(QStringLiteral("hubspot"), QString(), 1));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(r.data.toObject().value(QLatin1String("data")).toArray(), functions);
    QStringList queries;
    for (const auto &sent : m_fx->sandbox().requests(QStringLiteral("nango")))
        queries << QString::fromLatin1(sent.query);
    QCOMPARE(queries,
        (QStringList {
            QStringLiteral("page=0&limit=1"), QStringLiteral("page=1&limit=1"), QStringLiteral("page=2&limit=1") }));

    // No sync named: they are named from the status (the spec's schema cannot take an empty list).
    m_fx->sandbox().clearRequests();
    r = SandboxFixture::wait(
        clients->nango()->triggerSync(QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), {}));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    const auto sent = m_fx->sandbox().requests(QStringLiteral("nango"));
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.first().path, QStringLiteral("/sync/status"));
    QCOMPARE(QJsonDocument::fromJson(sent.last().body).object(),
        (QJsonObject { { QStringLiteral("provider_config_key"), QStringLiteral("hubspot") },
            { QStringLiteral("syncs"), QJsonArray { QStringLiteral("contacts"), QStringLiteral("companies") } },
            { QStringLiteral("connection_id"), QStringLiteral("hubspot-acme") } }));
    r = SandboxFixture::wait(
        clients->nango()->syncStatus(QStringLiteral("hubspot"), QStringLiteral("hubspot-acme"), {}));
    QVERIFY2(r.ok(), qPrintable(r.error.summary()));
    QCOMPARE(m_fx->sandbox().requests(QStringLiteral("nango")).last().query,
        QByteArray("provider_config_key=hubspot&syncs=%2A&connection_id=hubspot-acme"));
    const QJsonObject sync = r.data.toObject().value(QLatin1String("syncs")).toArray().at(0).toObject();
    QCOMPARE(sync.value(QLatin1String("name")).toString(), QStringLiteral("contacts"));
    QCOMPARE(sync.value(QLatin1String("status")).toString(), QStringLiteral("RUNNING")); // just triggered
}

void TestNangoRecords::compatiblePathsOnARealNangoAreDiagnosed()
{
    // A profile left on compatible paths against a deployed Nango: its web app's page, not "check the base URL".
    const Result r = SandboxFixture::wait(m_fx->clients().nango()->listResource(QStringLiteral("/crm/contacts"), {}));
    QCOMPARE(r.error.code, QStringLiteral("no_compatible_paths"));
    QCOMPARE(
        r.error.message, QStringLiteral("This Nango has no /crm/contacts: it answered with its web app's HTML page."));
    QVERIFY(r.error.hint.contains(QLatin1String("--mapping=records-and-actions")));
    QVERIFY(!r.error.hint.contains(QLatin1String("base URL")));
    const Result post = SandboxFixture::wait(m_fx->clients().nango()->createResource(
        QStringLiteral("/crm/contacts"), QJsonObject { { QStringLiteral("a"), 1 } }));
    QCOMPARE(post.error.code, QStringLiteral("no_compatible_paths"));
    QCOMPARE(post.error.message, QStringLiteral("This Nango has no /crm/contacts: it answered with 404."));
}

// A deployed Nango tests the credential with the provider before it answers; when that outlasts the client's
// deadline, the import is not "failed": it went through, and the message says to check before importing again.
void TestNangoRecords::importThatOutlivesTheTimeoutIsOutcomeUnknown()
{
    HttpPolicy impatient = SandboxFixture::fastPolicy();
    impatient.timeoutMs = 300;
    const auto clients = m_fx->makeClients(impatient);
    ConnectionImport imp;
    imp.providerConfigKey = QStringLiteral("whatsapp-business");
    imp.connectionId = QStringLiteral("slow-test-import");
    imp.apiKey = QStringLiteral("EAAGm0PX4ZCpsBAKZAZBvalidtoken123");
    const Result r = SandboxFixture::wait(clients->nango()->importConnection(imp));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.isOutcomeUnknown(), qPrintable(r.error.summary()));

    // Nango finishes the test and saves the connection after the client stopped waiting.
    bool created = false;
    for (int i = 0; i < 40 && !created; ++i) {
        QTest::qWait(100);
        const Result listed = SandboxFixture::wait(m_fx->clients().nango()->listConnections());
        for (const QJsonValue &c : listed.data.toArray())
            created = created || c.toObject().value(QLatin1String("connection_id")).toString() == imp.connectionId;
    }
    QVERIFY(created);
    int imports = 0; // the sandbox logs a request once it has answered it
    for (const auto &r : m_fx->sandbox().requests(QStringLiteral("nango")))
        imports += r.method == "POST" && r.path == QLatin1String("/connections");
    QCOMPARE(imports, 1); // sent once, never again by itself
}

QTEST_GUILESS_MAIN(TestNangoRecords)
#include "tst_nangorecords.moc"
