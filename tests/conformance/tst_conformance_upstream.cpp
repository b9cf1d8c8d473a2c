// Spec conformance of what leaves Nango's Requests Proxy: runs the built crossline-cli (whatsapp test, twilio test,
// unified seed examples) against the embedded sandbox, takes the upstream requests the emulated proxy forwarded to the
// emulated WhatsApp Cloud / Twilio (RecordedRequest, upstream = true) and the responses crossline-cli printed, and has
// tests/conformance/validate-upstream.mjs check them against business-messaging-api_v23.0.yaml and
// twilio-messages-openapi.json. (Prism cannot: its path parameters never match '/', so /proxy/{anyPath} is opaque.)
#include "sandbox/sandbox.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using crossline::sandbox::RecordedRequest;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

namespace {

const QString kSetup = QStringLiteral("npm ci --prefix tests/conformance");

QString conformanceDir()
{
    return QDir(crossline::test::sourceDir()).absoluteFilePath(QStringLiteral("tests/conformance"));
}

QJsonObject toJson(const RecordedRequest &r)
{
    QJsonArray headers;
    for (const auto &h : r.headers)
        headers.append(QJsonArray { QString::fromLatin1(h.first), QString::fromUtf8(h.second) });
    return QJsonObject { { QStringLiteral("service"), r.service }, { QStringLiteral("upstream"), r.upstream },
        { QStringLiteral("method"), QString::fromLatin1(r.method) }, { QStringLiteral("path"), r.path },
        { QStringLiteral("rawPath"), QString::fromUtf8(r.rawPath) },
        { QStringLiteral("query"), QString::fromUtf8(r.query) }, { QStringLiteral("headers"), headers },
        { QStringLiteral("body"), QString::fromUtf8(r.body) }, { QStringLiteral("status"), r.status } };
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestConformanceUpstream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void send_data();
    void send();
    void validateAgainstSpecs();
    void cleanupTestCase();

private:
    CliRun runCli(const QStringList &args, const QByteArray &input = {});

    Sandbox m_sandbox;
    QTemporaryDir m_home;
    QString m_cli;
    QString m_node;
    QString m_specs;
    QJsonArray m_items;
};

void TestConformanceUpstream::initTestCase()
{
    m_cli = qEnvironmentVariable("CROSSLINE_CLI");
    QVERIFY2(!m_cli.isEmpty() && QFile::exists(m_cli), "CROSSLINE_CLI must point at the built crossline-cli");
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_node.isEmpty(), "node (Node.js 18+) is not on PATH: the spec validator runs on Node");
    const QString deps = conformanceDir() + QStringLiteral("/node_modules/ajv/package.json");
    QVERIFY2(QFile::exists(deps),
        qPrintable(QStringLiteral("The conformance tools are not installed (%1 is missing). Run the project's "
                                  "setup, or from the source root: %2")
                       .arg(deps, kSetup)));
    m_specs = crossline::test::specsDir();
    QVERIFY2(!m_specs.isEmpty(),
        "The official specs were not found: set CROSSLINE_SPECS_DIR or put shared/specs beside the checkout");
    QVERIFY(m_home.isValid());
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
}

void TestConformanceUpstream::cleanupTestCase()
{
    m_sandbox.stop();
}

CliRun TestConformanceUpstream::runCli(const QStringList &args, const QByteArray &input)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("disabled:"));
    env.insert(QStringLiteral("NANGO_API_BASE"), m_sandbox.nangoBaseUrl().toString());
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), SandboxCredentials::nangoSecretKey());
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(m_cli, args);
    CliRun run;
    if (!p.waitForStarted(10000))
        return run;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        run.err = "crossline-cli timed out after 30 s";
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err += p.readAllStandardError();
    return run;
}

void TestConformanceUpstream::send_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("unifiedBody"); // when set, `unified -` reads it from stdin
    QTest::addColumn<int>("expectedExit");
    QTest::addColumn<QString>("expectation"); // why a non-zero exit is expected (then only the request is checked)

    const QString sid = SandboxCredentials::twilioAccountSid();
    const QStringList wa { QStringLiteral("--json"), QStringLiteral("whatsapp"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=whatsapp-business"), QStringLiteral("--connectionId=conn_abc123"),
        QStringLiteral("--phoneNumberId=123456789012345"), QStringLiteral("--to=+15551234567") };
    const QStringList tw { QStringLiteral("--json"), QStringLiteral("twilio"), QStringLiteral("test"),
        QStringLiteral("--providerConfigKey=twilio"), QStringLiteral("--connectionId=conn_twilio_1"),
        QStringLiteral("--to=+15551234567") };

    QTest::newRow("whatsapp test text") << QStringLiteral(
        "whatsapp") << (wa + QStringList { QStringLiteral("--body=Hello from the conformance test: +1 & 100% ok") })
                                        << QString() << 0 << QString();
    QTest::newRow("whatsapp test template with components")
        << QStringLiteral("whatsapp")
        << (wa
               + QStringList { QStringLiteral("--template=shipping_update"), QStringLiteral("--language=en_US"),
                   QStringLiteral("--components=[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":"
                                  "\"Ada\"},{\"type\":\"text\",\"text\":\"#1234\"}]}]") })
        << QString() << 0 << QString();
    QTest::newRow("whatsapp test template with image header and URL button")
        << QStringLiteral("whatsapp")
        << (wa
               + QStringList { QStringLiteral("--template=order_receipt"), QStringLiteral("--language=en_US"),
                   QStringLiteral("--components=[{\"type\":\"header\",\"parameters\":[{\"type\":\"image\",\"image\":{"
                                  "\"link\":\"https://example.com/receipt.png\"}}]},"
                                  "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ada\"},{\"type\":"
                                  "\"text\",\"text\":\"A-1042\"}]},"
                                  "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":[{\"type\":"
                                  "\"text\",\"text\":\"A-1042\"}]}]") })
        << QString() << 0 << QString();
    QTest::newRow("whatsapp test template without components")
        << QStringLiteral("whatsapp")
        << (wa + QStringList { QStringLiteral("--template=hello_world"), QStringLiteral("--language=en_US") })
        << QString() << 0 << QString();
    QTest::newRow("twilio test --from --accountSid")
        << QStringLiteral("twilio")
        << (tw
               + QStringList { QStringLiteral("--from=+15005550006"),
                   QStringLiteral("--body=Hello via Twilio: 1+1=2 & more"), QStringLiteral("--accountSid=") + sid })
        << QString() << 0 << QString();
    QTest::newRow("twilio test --messagingServiceSid, AccountSid looked up")
        << QStringLiteral("twilio")
        << (tw
               + QStringList { QStringLiteral("--messagingServiceSid=MG0123456789abcdef0123456789abcdef"),
                   QStringLiteral("--body=Hello from a service") })
        << QString() << 0 << QString();

    // The seed's unified examples that reach WhatsApp/Twilio (resources/examples 04-06).
    const QDir seeds(QDir(crossline::test::sourceDir()).absoluteFilePath(QStringLiteral("resources/examples")));
    const QStringList unified { QStringLiteral("--json"), QStringLiteral("unified"), QStringLiteral("-") };
    struct Seed
    {
        const char *file;
        const char *kind;
    };
    for (const Seed &s : { Seed { "04-nango-whatsapp-text.json", "whatsapp" },
             Seed { "05-nango-whatsapp-template.json", "whatsapp" }, Seed { "06-nango-twilio-sms.json", "twilio" } }) {
        QByteArray body = crossline::test::readFile(seeds.filePath(QLatin1String(s.file)));
        // 06's "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is a placeholder the spec's ^AC[0-9a-fA-F]{32}$ rejects: use the
        // sandbox's.
        body.replace("ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", sid.toUtf8());
        QTest::newRow(qPrintable(QStringLiteral("unified seed %1").arg(QLatin1String(s.file))))
            << QString::fromLatin1(s.kind) << unified << QString::fromUtf8(body) << 0 << QString();
    }
}

void TestConformanceUpstream::send()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, args);
    QFETCH(QString, unifiedBody);
    QFETCH(int, expectedExit);
    QFETCH(QString, expectation);
    if (args.contains(QStringLiteral("unified")))
        QVERIFY2(!unifiedBody.isEmpty(), "seed example missing from resources/examples");

    m_sandbox.clearRequests();
    const CliRun run = runCli(args, unifiedBody.toUtf8());
    QJsonArray upstream;
    for (const RecordedRequest &r : m_sandbox.requests()) {
        if (r.upstream)
            upstream.append(toJson(r));
    }
    QJsonParseError perr;
    const QJsonDocument response = QJsonDocument::fromJson(run.out.trimmed(), &perr);
    m_items.append(QJsonObject { { QStringLiteral("label"), QString::fromUtf8(QTest::currentDataTag()) },
        { QStringLiteral("kind"), kind }, { QStringLiteral("args"), QJsonArray::fromStringList(args) },
        { QStringLiteral("exitCode"), run.exitCode }, { QStringLiteral("expectedExit"), expectedExit },
        { QStringLiteral("expectation"), expectation }, { QStringLiteral("stdout"), QString::fromUtf8(run.out) },
        { QStringLiteral("stderr"), QString::fromUtf8(run.err) },
        { QStringLiteral("response"),
            perr.error == QJsonParseError::NoError && response.isObject() ? QJsonValue(response.object())
                                                                          : QJsonValue() },
        { QStringLiteral("upstream"), upstream } });
    // The specs are checked in validateAgainstSpecs(); here only that something was sent.
    QVERIFY2(run.exitCode == expectedExit,
        qPrintable(QStringLiteral("crossline-cli %1 exited %2 (expected %5)\nstdout: %3\nstderr: %4")
                       .arg(args.join(QLatin1Char(' ')))
                       .arg(run.exitCode)
                       .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err))
                       .arg(expectedExit)));
    QVERIFY2(!upstream.isEmpty(), "the proxy forwarded nothing upstream");
}

void TestConformanceUpstream::validateAgainstSpecs()
{
    QVERIFY2(!m_items.isEmpty(), "nothing was recorded");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("upstream-requests.json"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject { { QStringLiteral("items"), m_items } }).toJson());
    }
    if (!qEnvironmentVariableIsEmpty("CROSSLINE_CONFORMANCE_KEEP"))
        QFile::copy(file, qEnvironmentVariable("CROSSLINE_CONFORMANCE_KEEP"));

    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CROSSLINE_SPECS_DIR"), m_specs);
    node.setProcessEnvironment(env);
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(m_node, { conformanceDir() + QStringLiteral("/validate-upstream.mjs"), file });
    QVERIFY2(node.waitForStarted(10000), qPrintable(node.errorString()));
    if (!node.waitForFinished(60000)) {
        node.kill();
        node.waitForFinished(5000);
        QFAIL("validate-upstream.mjs timed out after 60 s");
    }
    const QString output = QString::fromUtf8(node.readAll());
    for (const QString &line : output.split(QLatin1Char('\n')))
        qInfo().noquote() << line;
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
        "the recorded upstream requests or responses do not conform to the WhatsApp/Twilio specs (see the FAIL lines "
        "above)");
}

QTEST_GUILESS_MAIN(TestConformanceUpstream)
#include "tst_conformance_upstream.moc"
