// crossline-cli sandbox --contacts/--employees/--records: a bad size is refused with exit 2 before anything starts;
// a good one is what the started sandbox serves, through crossline-cli itself.
#include "../cli/clirunner.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using crossline::test::cliPath;
using crossline::test::runCli;
using crossline::test::scrubbedEnvironment;

class TestSandboxCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refusesBadSizes_data();
    void refusesBadSizes();
    void helpNamesTheSizes();
    void servesTheAskedSize();

private:
    QTemporaryDir m_root;
};

void TestSandboxCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY(m_root.isValid());
}

void TestSandboxCli::refusesBadSizes_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("value");
    for (const QString &flag : { QStringLiteral("contacts"), QStringLiteral("employees"), QStringLiteral("records") }) {
        for (const char *value : { "abc", "-1", "1.5", "1e3", "+5", " 5", "1000001", "99999999999", "0x10", "5k" })
            QTest::addRow("--%s=%s", qPrintable(flag), value) << flag << QString::fromLatin1(value);
    }
}

void TestSandboxCli::refusesBadSizes()
{
    QFETCH(QString, flag);
    QFETCH(QString, value);
    const auto r = runCli({ QStringLiteral("sandbox"), QStringLiteral("--%1=%2").arg(flag, value) },
        scrubbedEnvironment(m_root.path(), false));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.out.isEmpty(), qPrintable(r.all())); // nothing started, no variables printed
    QVERIFY2(r.err.contains(QByteArray("--" + flag.toLatin1() + " must be a whole number from 0 to 1000000")),
        qPrintable(r.all()));
}

void TestSandboxCli::helpNamesTheSizes()
{
    const auto r
        = runCli({ QStringLiteral("sandbox"), QStringLiteral("--help") }, scrubbedEnvironment(m_root.path(), false));
    QCOMPARE(r.exitCode, 0);
    for (const char *flag : { "--contacts", "--employees", "--records" })
        QVERIFY2(r.out.contains(flag), qPrintable(r.all()));
}

void TestSandboxCli::servesTheAskedSize()
{
    QProcess sandbox;
    sandbox.setProcessEnvironment(scrubbedEnvironment(m_root.path(), false));
    sandbox.start(cliPath(),
        { QStringLiteral("sandbox"), QStringLiteral("--contacts=1234"), QStringLiteral("--employees=0"),
            QStringLiteral("--records=0") });
    QVERIFY(sandbox.waitForStarted());
    QByteArray out;
    for (int i = 0; i < 100 && out.count('\n') < 5; ++i) {
        sandbox.waitForReadyRead(200);
        out += sandbox.readAllStandardOutput();
    }
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QProcessEnvironment env = scrubbedEnvironment(m_root.path(), false);
    for (const QByteArray &line : lines) {
        const int eq = line.indexOf('=');
        env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    QByteArray banner = sandbox.readAllStandardError();
    for (int i = 0; i < 50 && !banner.contains('\n'); ++i) {
        sandbox.waitForReadyRead(100);
        banner += sandbox.readAllStandardError();
    }
    QVERIFY2(banner.contains("(1234 contacts, 0 employees;"), banner.constData());

    // Every contact, through the pager: the CSV has a header and one line per contact.
    const auto contacts
        = runCli({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
                     QStringLiteral("--all"), QStringLiteral("--format=csv") },
            env);
    QCOMPARE(contacts.exitCode, 0);
    QCOMPARE(contacts.out.count("\r\n"), 1234 + 1);
    const auto nangoContacts
        = runCli({ QStringLiteral("contacts"), QStringLiteral("list"), QStringLiteral("--provider=nango"),
                     QStringLiteral("--all"), QStringLiteral("--format=csv") },
            env);
    QCOMPARE(nangoContacts.exitCode, 0);
    QCOMPARE(nangoContacts.out.count("\r\n"), 1234 + 1);
    const auto employees
        = runCli({ QStringLiteral("employees"), QStringLiteral("list"), QStringLiteral("--provider=panora"),
                     QStringLiteral("--all"), QStringLiteral("--format=csv") },
            env);
    QCOMPARE(employees.exitCode, 0);
    QCOMPARE(employees.out.count("\r\n"), 1); // the header only

#ifdef Q_OS_WIN
    sandbox.kill();
    QVERIFY(sandbox.waitForFinished(10000));
#else
    sandbox.terminate();
    QVERIFY(sandbox.waitForFinished(10000));
    QCOMPARE(sandbox.exitCode(), 0);
#endif
}

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "tst_sandbox_cli.moc"
