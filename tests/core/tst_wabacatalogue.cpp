// WabaCatalogue against the sandbox: the two lists of a WABA through Nango's proxy (the requests Nango receives),
// templates followed page by page, only approved templates kept and sorted, a failing list reported with what did
// arrive, and a load started while another runs leaving only the later one to report.
#include "sandboxfixture.h"

#include "messaging/wabacatalogue.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace crossline;
using test::SandboxFixture;

namespace {
const QString kWaba = QStringLiteral("102290129340398"); // the sandbox's WABA
const QString kIntegration = QStringLiteral("whatsapp-business");
const QString kConnection = QStringLiteral("conn_abc123");
} // namespace

class TestWabaCatalogue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void loadsBothListsThroughTheProxy();
    void followsTemplatePages();
    void keepsApprovedTemplatesSorted();
    void failedListIsReportedWithWhatArrived();
    void newLoadCancelsTheRunningOne();
    void cancelReportsNothing();

private:
    QList<sandbox::RecordedRequest> proxyGets() const;
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestWabaCatalogue::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestWabaCatalogue::init()
{
    m_fx->sandbox().clearFaults();
    m_fx->sandbox().clearRequests();
}

QList<sandbox::RecordedRequest> TestWabaCatalogue::proxyGets() const
{
    QList<sandbox::RecordedRequest> out;
    for (const auto &r : m_fx->sandbox().requests(QStringLiteral("nango"))) {
        if (r.method == "GET" && r.path.startsWith(QLatin1String("/proxy/")))
            out.append(r);
    }
    return out;
}

void TestWabaCatalogue::loadsBothListsThroughTheProxy()
{
    WabaCatalogue catalogue;
    QSignalSpy loaded(&catalogue, &WabaCatalogue::loaded);
    QSignalSpy failed(&catalogue, &WabaCatalogue::failed);
    catalogue.load(m_fx->clients().nango(), kIntegration, kConnection, kWaba);
    QVERIFY(catalogue.isLoading());
    QCOMPARE(catalogue.wabaId(), kWaba);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 20000);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loaded.first().first().toString(), kWaba);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!catalogue.isLoading());
    QVERIFY(!catalogue.phoneNumbersError());
    QVERIFY(!catalogue.templatesError());

    QCOMPARE(catalogue.phoneNumbers().size(), 2);
    QStringList ids;
    for (const QJsonValue &n : catalogue.phoneNumbers())
        ids << n.toObject().value(QLatin1String("id")).toString();
    QVERIFY2(ids.contains(QStringLiteral("123456789012345")), qPrintable(ids.join(QLatin1Char(' '))));
    QVERIFY2(ids.contains(QStringLiteral("109876543210987")), qPrintable(ids.join(QLatin1Char(' '))));
    QCOMPARE(catalogue.templates().size(), 6);

    // Two GETs through the proxy, with the connection's headers and no Base-Url-Override (the integration's own
    // base URL is Graph's; a Nango with overrides disabled would refuse the header).
    const auto gets = proxyGets();
    QCOMPARE(gets.size(), 2);
    QStringList paths;
    for (const auto &r : gets) {
        paths << r.path;
        QCOMPARE(r.header("Connection-Id"), kConnection.toUtf8());
        QCOMPARE(r.header("Provider-Config-Key"), kIntegration.toUtf8());
        QVERIFY(r.header("Base-Url-Override").isEmpty());
    }
    paths.sort();
    QCOMPARE(paths,
        QStringList({ QStringLiteral("/proxy/v20.0/102290129340398/message_templates"),
            QStringLiteral("/proxy/v20.0/102290129340398/phone_numbers") }));
    for (const auto &r : gets) {
        const QUrlQuery query(QString::fromLatin1(r.query));
        QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
        QVERIFY(
            query.queryItemValue(QStringLiteral("fields"))
                .startsWith(QLatin1String(r.path.endsWith(QLatin1String("phone_numbers")) ? "id,display_phone_number"
                                                                                          : "name,language,status")));
    }
}

void TestWabaCatalogue::followsTemplatePages()
{
    WabaCatalogue catalogue;
    catalogue.setTemplatePageSize(4);
    QSignalSpy loaded(&catalogue, &WabaCatalogue::loaded);
    QSignalSpy failed(&catalogue, &WabaCatalogue::failed);
    catalogue.load(m_fx->clients().nango(), kIntegration, kConnection, kWaba);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 20000);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(catalogue.templates().size(), 6);

    QList<sandbox::RecordedRequest> pages;
    for (const auto &r : proxyGets()) {
        if (r.path.endsWith(QLatin1String("/message_templates")))
            pages.append(r);
    }
    QCOMPARE(pages.size(), 2); // 4 + 2
    const QUrlQuery first(QString::fromLatin1(pages.at(0).query));
    const QUrlQuery second(QString::fromLatin1(pages.at(1).query));
    QCOMPARE(first.queryItemValue(QStringLiteral("limit")), QStringLiteral("4"));
    QVERIFY(!first.hasQueryItem(QStringLiteral("after")));
    QVERIFY2(!second.queryItemValue(QStringLiteral("after")).isEmpty(), pages.at(1).query.constData());
}

void TestWabaCatalogue::keepsApprovedTemplatesSorted()
{
    const auto t = [](const char *name, const char *language, const char *status) {
        return QJsonObject { { QStringLiteral("name"), QLatin1String(name) },
            { QStringLiteral("language"), QLatin1String(language) },
            { QStringLiteral("status"), QLatin1String(status) } };
    };
    const QJsonArray listed { t("zeta", "en_US", "APPROVED"), t("alpha", "fr", "approved"), t("beta", "en", "PENDING"),
        t("alpha", "en_US", "APPROVED"), t("gamma", "de", "REJECTED") };
    const QJsonArray approved = WabaCatalogue::approvedTemplates(listed);
    QCOMPARE(approved.size(), 3);
    QCOMPARE(approved.at(0).toObject(), t("alpha", "en_US", "APPROVED"));
    QCOMPARE(approved.at(1).toObject(), t("alpha", "fr", "approved"));
    QCOMPARE(approved.at(2).toObject(), t("zeta", "en_US", "APPROVED"));
}

void TestWabaCatalogue::failedListIsReportedWithWhatArrived()
{
    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ServerError;
    fault.status = 500; // not retried
    fault.method = "GET";
    fault.pathPrefix = QStringLiteral("/proxy/v20.0/102290129340398/phone_numbers");
    fault.times = -1;
    m_fx->sandbox().injectFault(fault);

    WabaCatalogue catalogue;
    QSignalSpy loaded(&catalogue, &WabaCatalogue::loaded);
    QSignalSpy failed(&catalogue, &WabaCatalogue::failed);
    catalogue.load(m_fx->clients().nango(), kIntegration, kConnection, kWaba);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 20000);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(failed.first().first().toString(), kWaba);
    QCOMPARE(catalogue.phoneNumbersError().httpStatus, 500);
    QVERIFY(catalogue.phoneNumbers().isEmpty());
    // The other list arrived and is kept.
    QVERIFY(!catalogue.templatesError());
    QCOMPARE(catalogue.templates().size(), 6);
}

void TestWabaCatalogue::newLoadCancelsTheRunningOne()
{
    WabaCatalogue catalogue;
    QSignalSpy loaded(&catalogue, &WabaCatalogue::loaded);
    QSignalSpy failed(&catalogue, &WabaCatalogue::failed);
    // A WABA the sandbox does not know would fail; it is replaced before it can answer.
    catalogue.load(m_fx->clients().nango(), kIntegration, kConnection, QStringLiteral("111111111111111"));
    catalogue.load(m_fx->clients().nango(), kIntegration, kConnection, kWaba);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 20000);
    QTest::qWait(200); // nothing of the first load arrives late
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(loaded.first().first().toString(), kWaba);
    QCOMPARE(catalogue.wabaId(), kWaba);
    QCOMPARE(catalogue.templates().size(), 6);
}

void TestWabaCatalogue::cancelReportsNothing()
{
    WabaCatalogue catalogue;
    QSignalSpy loaded(&catalogue, &WabaCatalogue::loaded);
    QSignalSpy failed(&catalogue, &WabaCatalogue::failed);
    catalogue.load(m_fx->clients().nango(), kIntegration, kConnection, kWaba);
    catalogue.cancel();
    QVERIFY(!catalogue.isLoading());
    QTest::qWait(300);
    QCOMPARE(loaded.count() + failed.count(), 0);
}

QTEST_GUILESS_MAIN(TestWabaCatalogue)
#include "tst_wabacatalogue.moc"
