// SmsStatusTracker against the sandbox, whose Twilio moves a message one step (queued → sent → delivered) per
// fetch: the status followed to a final one through Nango's proxy, the interval between asks, one request at a
// time with the timeout ending a slow one, a failed answer, and stop() ending it all quietly.
#include "sandboxfixture.h"

#include "messaging/smsstatustracker.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace crossline;
using test::SandboxFixture;

class TestSmsStatusTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void followsToFinalStatus();
    void asksAtTheInterval();
    void oneRequestAtATimeUntilTheTimeout();
    void failedAnswerStops();
    void stopEmitsNothing();
    void messageAndStartRules();
    void finalStatuses();

private:
    // Sends an SMS through the sandbox and returns what a tracker needs to follow it.
    TrackedSms sendSms();
    QList<sandbox::RecordedRequest> fetches(const QString &sid) const;
    std::unique_ptr<SandboxFixture> m_fx;
};

void TestSmsStatusTracker::initTestCase()
{
    m_fx = std::make_unique<SandboxFixture>();
    QVERIFY(m_fx->isReady());
}

void TestSmsStatusTracker::init()
{
    m_fx->sandbox().clearFaults();
    m_fx->sandbox().clearRequests();
}

TrackedSms TestSmsStatusTracker::sendSms()
{
    const QString accountSid = sandbox::SandboxCredentials::twilioAccountSid();
    const auto parsed
        = TwilioSms::fromJson(QJsonObject { { QStringLiteral("providerConfigKey"), QStringLiteral("twilio") },
            { QStringLiteral("connectionId"), QStringLiteral("conn_twilio_1") },
            { QStringLiteral("from"), QStringLiteral("+15005550006") },
            { QStringLiteral("to"), QStringLiteral("+15551234567") },
            { QStringLiteral("body"), QStringLiteral("Tracked") }, { QStringLiteral("accountSid"), accountSid } });
    if (!parsed)
        qFatal("bad test sms: %s", qPrintable(parsed.error().summary()));
    const Result r = SandboxFixture::wait(m_fx->clients().messages()->sendSms(*parsed));
    if (!r.ok())
        qFatal("send failed: %s", qPrintable(r.error.summary()));
    const QString sid = r.data.toObject().value(QLatin1String("sid")).toString();
    m_fx->sandbox().clearRequests();
    return { QStringLiteral("twilio"), QStringLiteral("conn_twilio_1"), accountSid, sid };
}

QList<sandbox::RecordedRequest> TestSmsStatusTracker::fetches(const QString &sid) const
{
    QList<sandbox::RecordedRequest> out;
    for (const auto &r : m_fx->sandbox().requests(QStringLiteral("nango"))) {
        if (r.method == "GET" && r.path.endsWith(QStringLiteral("/Messages/%1.json").arg(sid)))
            out.append(r);
    }
    return out;
}

void TestSmsStatusTracker::followsToFinalStatus()
{
    const TrackedSms sms = sendSms();
    SmsStatusTracker tracker;
    tracker.setPollInterval(50);
    tracker.setMessage(sms, QStringLiteral("queued"));
    QCOMPARE(tracker.trail(), QStringList { QStringLiteral("queued") });
    QVERIFY(!tracker.isFinal());
    QSignalSpy fetched(&tracker, &SmsStatusTracker::statusFetched);
    QSignalSpy failed(&tracker, &SmsStatusTracker::failed);
    QVERIFY(tracker.start(m_fx->clients().messages()));
    QVERIFY(tracker.isTracking());
    QTRY_VERIFY_WITH_TIMEOUT(!tracker.isTracking(), 10000);

    QCOMPARE(failed.count(), 0);
    QCOMPARE(fetched.count(), 2);
    QCOMPARE(
        fetched.last().first().toJsonObject().value(QLatin1String("status")).toString(), QStringLiteral("delivered"));
    QCOMPARE(tracker.trail(),
        QStringList({ QStringLiteral("queued"), QStringLiteral("sent"), QStringLiteral("delivered") }));
    QVERIFY(tracker.isFinal());

    // Each ask is one GET of the message through the proxy, with the connection's headers.
    QTest::qWait(150); // a final status is not asked again
    const auto gets = fetches(sms.sid);
    QCOMPARE(gets.size(), 2);
    QCOMPARE(gets.first().path,
        QStringLiteral("/proxy/2010-04-01/Accounts/%1/Messages/%2.json").arg(sms.accountSid, sms.sid));
    QCOMPARE(gets.first().header("Connection-Id"), QByteArray("conn_twilio_1"));
    QCOMPARE(gets.first().header("Provider-Config-Key"), QByteArray("twilio"));
}

void TestSmsStatusTracker::asksAtTheInterval()
{
    const TrackedSms sms = sendSms();
    SmsStatusTracker tracker;
    QCOMPARE(tracker.pollInterval(), 2000);
    QCOMPARE(tracker.timeout(), 120000);
    tracker.setPollInterval(400);
    QCOMPARE(tracker.pollInterval(), 400);
    tracker.setMessage(sms, QStringLiteral("queued"));
    QSignalSpy polling(&tracker, &SmsStatusTracker::polling);
    QList<qint64> answeredAt;
    QElapsedTimer clock;
    connect(&tracker, &SmsStatusTracker::statusFetched, this, [&] { answeredAt << clock.elapsed(); });
    clock.start();
    QVERIFY(tracker.start(m_fx->clients().messages()));
    QCOMPARE(polling.count(), 1); // the first ask is at once
    QVERIFY(polling.first().first().toLongLong() < 400);
    QTRY_COMPARE_WITH_TIMEOUT(answeredAt.size(), 2, 10000);
    QVERIFY2(answeredAt.at(0) < 400, qPrintable(QString::number(answeredAt.at(0))));
    QVERIFY2(answeredAt.at(1) >= 380, qPrintable(QString::number(answeredAt.at(1))));
}

void TestSmsStatusTracker::oneRequestAtATimeUntilTheTimeout()
{
    const TrackedSms sms = sendSms();
    sandbox::Fault hang;
    hang.kind = sandbox::Fault::Kind::Hang;
    hang.method = "GET";
    hang.pathPrefix = QStringLiteral("/proxy/2010-04-01/Accounts/%1/Messages/%2.json").arg(sms.accountSid, sms.sid);
    hang.delayMs = 1500;
    m_fx->sandbox().injectFault(hang);

    SmsStatusTracker tracker;
    tracker.setPollInterval(50);
    tracker.setTimeout(400);
    tracker.setMessage(sms, QStringLiteral("queued"));
    QSignalSpy polling(&tracker, &SmsStatusTracker::polling);
    QSignalSpy fetched(&tracker, &SmsStatusTracker::statusFetched);
    QSignalSpy failed(&tracker, &SmsStatusTracker::failed);
    QSignalSpy timedOut(&tracker, &SmsStatusTracker::timedOut);
    QVERIFY(tracker.start(m_fx->clients().messages()));
    QTRY_COMPARE_WITH_TIMEOUT(timedOut.count(), 1, 5000);
    QVERIFY(!tracker.isTracking());
    QVERIFY(polling.count() > 2); // the ticks went on while the answer was on its way…
    QCOMPARE(fetches(sms.sid).size(), 1); // …but asked nothing more
    QVERIFY(polling.last().first().toLongLong() >= 400);
    QTest::qWait(200);
    QCOMPARE(fetched.count(), 0);
    QCOMPARE(failed.count(), 0); // the request was aborted by the tracker, quietly
    QCOMPARE(tracker.trail(), QStringList { QStringLiteral("queued") });
}

void TestSmsStatusTracker::failedAnswerStops()
{
    TrackedSms sms = sendSms();
    sms.sid = QStringLiteral("SM00000000000000000000000000000000"); // Twilio does not know it: 404
    SmsStatusTracker tracker;
    tracker.setPollInterval(50);
    tracker.setMessage(sms, QStringLiteral("queued"));
    QSignalSpy failed(&tracker, &SmsStatusTracker::failed);
    QVERIFY(tracker.start(m_fx->clients().messages()));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(!tracker.isTracking());
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.httpStatus, 404);
    QCOMPARE(tracker.trail(), QStringList { QStringLiteral("queued") });
    QTest::qWait(150);
    QCOMPARE(fetches(sms.sid).size(), 1);
}

void TestSmsStatusTracker::stopEmitsNothing()
{
    const TrackedSms sms = sendSms();
    SmsStatusTracker tracker;
    tracker.setPollInterval(50);
    tracker.setMessage(sms, QStringLiteral("queued"));
    QSignalSpy fetched(&tracker, &SmsStatusTracker::statusFetched);
    QSignalSpy failed(&tracker, &SmsStatusTracker::failed);
    QSignalSpy timedOut(&tracker, &SmsStatusTracker::timedOut);
    QVERIFY(tracker.start(m_fx->clients().messages()));
    tracker.stop(); // the first request is on its way: aborted, unheard
    QVERIFY(!tracker.isTracking());
    QTest::qWait(300);
    QCOMPARE(fetched.count() + failed.count() + timedOut.count(), 0);
    QVERIFY(tracker.hasMessage()); // stopping keeps the message: Track can ask again
    QVERIFY(tracker.start(m_fx->clients().messages()));
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isFinal(), 10000);
}

void TestSmsStatusTracker::messageAndStartRules()
{
    const TrackedSms sms = sendSms();
    SmsStatusTracker tracker;
    QVERIFY(!tracker.hasMessage());
    QVERIFY(!tracker.start(m_fx->clients().messages())); // nothing to follow
    QVERIFY(!tracker.isTracking());

    tracker.setPollInterval(10000);
    tracker.setMessage(sms, QString());
    QVERIFY(tracker.trail().isEmpty()); // a send that named no status
    QVERIFY(tracker.start(m_fx->clients().messages()));
    QVERIFY(!tracker.start(m_fx->clients().messages())); // already tracking
    // A new message stops following the previous one.
    TrackedSms other = sms;
    other.sid = QStringLiteral("SM11111111111111111111111111111111");
    tracker.setMessage(other, QStringLiteral("accepted"));
    QVERIFY(!tracker.isTracking());
    QCOMPARE(tracker.message().sid, other.sid);
    QCOMPARE(tracker.trail(), QStringList { QStringLiteral("accepted") });

    tracker.clear();
    QVERIFY(!tracker.hasMessage());
    QVERIFY(tracker.trail().isEmpty());
    QVERIFY(tracker.message().sid.isEmpty());
}

void TestSmsStatusTracker::finalStatuses()
{
    for (const char *status : { "delivered", "undelivered", "failed", "read", "canceled" })
        QVERIFY2(SmsStatusTracker::isFinalStatus(QLatin1String(status)), status);
    for (const char *status : { "", "accepted", "scheduled", "queued", "sending", "sent", "receiving", "received" })
        QVERIFY2(!SmsStatusTracker::isFinalStatus(QLatin1String(status)), status);
}

QTEST_GUILESS_MAIN(TestSmsStatusTracker)
#include "tst_smsstatustracker.moc"
