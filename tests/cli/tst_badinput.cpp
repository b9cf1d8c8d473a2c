// The bad-input corpus (tests/data/bad-input/*.jsonl; docs/RELIABILITY.md, "The bad-input corpus"): every case run
// through the built crossline-cli the way a user meets it, against one embedded sandbox. Each case must end with its
// exit code, say its message (and name its field) on stderr, print nothing on stdout, and send nothing: the sandbox
// counts every request it receives. A case marked "known" is wrong today: it is expected to fail (QEXPECT_FAIL), so
// it stays in sight, and it fails the test once it passes, until its mark is removed.
//
// One JSON object a line: {"name", <input>, "exit", "field" (optional), "message", "known" (optional)}. The input,
// by family (the file's name):
//   unified    "body": the request body (an object or a list), or "text": its exact text; on `unified -`'s stdin
//   ids        "id" and "via"; phones: "number" and "via" — where the value goes (vias() below): a flag of a command
//              ("nango delete", "nango functions", "whatsapp --connectionId", "twilio --from"…) or a field of a
//              unified body ("unified panora crm.contact" as its id, "whatsapp.message to", "twilio.sms from"…)
//   templates  "template": data.template of a unified WhatsApp message ("data": more of its data), or "args": the
//              template flags of whatsapp test
//   dotenv     "file": the .env's text, or "base64": its bytes; "args": more flags of env import
//   cli        "args", "stdin" (optional), "env" (optional: variables to set, or null to unset)
// {"$repeat": TEXT, "times": N, "prefix": P, "suffix": S} anywhere in an input stands for a long string.
#include "clirunner.h"
#include "sandbox/sandbox.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

using namespace crossline::test;
using crossline::sandbox::Sandbox;
using crossline::sandbox::SandboxCredentials;

namespace {

// One case of the corpus, as crossline-cli is run for it.
struct BadInput
{
    QString family; // the file's name without .jsonl
    QString name;
    QString where; // file:line
    QStringList args;
    QByteArray stdinData;
    bool hasEnvFile = false; // dotenv: the bytes go to a .env file of their own, and --file=PATH is added
    QByteArray envFile;
    QJsonObject environment; // variables set (a string) or unset (null) on top of the sandbox's
    int exitCode = 2;
    QString field;
    QString message;
    QString known;
    QString corpusError; // what is wrong with the case itself
};

} // namespace

Q_DECLARE_METATYPE(BadInput)

namespace {

QString corpusDir()
{
    return QDir(sourceDir()).absoluteFilePath(QStringLiteral("tests/data/bad-input"));
}

// {"$repeat": TEXT, "times": N, "prefix": P, "suffix": S} anywhere in a case's input stands for P + TEXT×N + S: a
// 10 KB id or a 1 MiB file stays one short line of the corpus.
QJsonValue expand(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(expand(item));
        return out;
    }
    if (!value.isObject())
        return value;
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("$repeat")))
        return QString(object.value(QLatin1String("prefix")).toString()
            + object.value(QLatin1String("$repeat")).toString().repeated(object.value(QLatin1String("times")).toInt())
            + object.value(QLatin1String("suffix")).toString());
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), expand(it.value()));
    return out;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// What the sends are checked against: the sandbox's seeded connections and a fictional recipient.
QJsonObject messageData(const QString &resource)
{
    if (resource == QLatin1String("twilio.sms"))
        return { { QStringLiteral("providerConfigKey"), QStringLiteral("twilio") },
            { QStringLiteral("connectionId"), QStringLiteral("conn_twilio_1") },
            { QStringLiteral("from"), QStringLiteral("+15005550006") },
            { QStringLiteral("to"), QStringLiteral("+15551234567") },
            { QStringLiteral("body"), QStringLiteral("Hello") } };
    return { { QStringLiteral("providerConfigKey"), QStringLiteral("whatsapp-business") },
        { QStringLiteral("connectionId"), QStringLiteral("conn_abc123") },
        { QStringLiteral("phoneNumberId"), QStringLiteral("123456789012345") },
        { QStringLiteral("to"), QStringLiteral("+15551234567") }, { QStringLiteral("body"), QStringLiteral("Hello") } };
}

QByteArray unifiedBody(
    const QString &provider, const QString &resource, const QString &operation, const QJsonObject &more = {})
{
    QJsonObject body { { QStringLiteral("provider"), provider }, { QStringLiteral("resource"), resource },
        { QStringLiteral("operation"), operation } };
    for (auto it = more.begin(); it != more.end(); ++it)
        body.insert(it.key(), it.value());
    return compact(body);
}

// A unified create of a message whose data field `key` is `value`.
QByteArray messageCreate(const QString &resource, const QString &key, const QJsonValue &value)
{
    QJsonObject data = messageData(resource);
    data.insert(key, value);
    return unifiedBody(
        QStringLiteral("nango"), resource, QStringLiteral("create"), { { QStringLiteral("data"), data } });
}

// whatsapp test or twilio test of a valid message through the sandbox's connection, but with `flag` given `value`
// instead (or left out: nullopt).
QStringList messageCommand(const QString &command, const QString &flag, const std::optional<QString> &value)
{
    const bool sms = command == QLatin1String("twilio");
    const QJsonObject data = messageData(sms ? QStringLiteral("twilio.sms") : QStringLiteral("whatsapp.message"));
    QStringList args { command, QStringLiteral("test") };
    for (const char *key : { "providerConfigKey", "connectionId", "phoneNumberId", "from", "to", "body" }) {
        const QString k = QLatin1String(key);
        if (k != flag && data.contains(k))
            args << QStringLiteral("--%1=%2").arg(k, data.value(k).toString());
        else if (k == flag && value)
            args << QStringLiteral("--%1=%2").arg(k, *value);
    }
    return args;
}

// The ways into the CLI a value of the ids and phones families takes ("via"): the value goes where a user would
// type or paste it.
struct Invocation
{
    QStringList args;
    QByteArray stdinData;
};
using Via = std::function<Invocation(const QJsonValue &)>;

const QMap<QString, Via> &vias()
{
    static const QMap<QString, Via> table = [] {
        QMap<QString, Via> t;
        t.insert(QStringLiteral("nango delete"), [](const QJsonValue &v) {
            return Invocation { { QStringLiteral("nango"), QStringLiteral("delete"),
                QStringLiteral("--providerConfigKey=whatsapp-business"),
                QStringLiteral("--connectionId=") + v.toString(), QStringLiteral("--yes") } };
        });
        t.insert(QStringLiteral("nango functions"), [](const QJsonValue &v) {
            return Invocation { { QStringLiteral("nango"), QStringLiteral("functions"),
                QStringLiteral("--providerConfigKey=") + v.toString() } };
        });
        for (const char *provider : { "nango", "panora" }) {
            for (const char *resource : { "crm.contact", "hr.employee" }) {
                const QString p = QLatin1String(provider);
                const QString r = QLatin1String(resource);
                t.insert(QStringLiteral("unified %1 %2").arg(p, r), [p, r](const QJsonValue &v) {
                    return Invocation { { QStringLiteral("unified"), QStringLiteral("-") },
                        unifiedBody(p, r, QStringLiteral("get"), { { QStringLiteral("id"), v } }) };
                });
            }
        }
        for (const char *command : { "whatsapp", "twilio" }) {
            for (const char *flag : { "providerConfigKey", "connectionId", "phoneNumberId", "to", "from" }) {
                const QString c = QLatin1String(command);
                const QString f = QLatin1String(flag);
                if ((c == QLatin1String("whatsapp") && f == QLatin1String("from"))
                    || (c == QLatin1String("twilio") && f == QLatin1String("phoneNumberId")))
                    continue;
                t.insert(QStringLiteral("%1 --%2").arg(c, f),
                    [c, f](const QJsonValue &v) { return Invocation { messageCommand(c, f, v.toString()) }; });
                const QString resource
                    = c == QLatin1String("twilio") ? QStringLiteral("twilio.sms") : QStringLiteral("whatsapp.message");
                t.insert(QStringLiteral("%1 %2").arg(resource, f), [resource, f](const QJsonValue &v) {
                    return Invocation { { QStringLiteral("unified"), QStringLiteral("-") },
                        messageCreate(resource, f, v) };
                });
            }
        }
        return t;
    }();
    return table;
}

// Reads one case's input into `c`; returns what is wrong with it, or "".
QString readInput(const QJsonObject &json, BadInput &c)
{
    const auto strings = [](const QJsonValue &v, QStringList *out) {
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                return false;
            *out << item.toString();
        }
        return v.isArray();
    };
    const QString &family = c.family;
    if (family == QLatin1String("unified")) {
        // The body as given (any JSON), or its exact text when it is not JSON at all.
        if (json.contains(QLatin1String("text")))
            c.stdinData = json.value(QLatin1String("text")).toString().toUtf8();
        else if (json.value(QLatin1String("body")).isObject())
            c.stdinData = compact(json.value(QLatin1String("body")).toObject());
        else if (json.value(QLatin1String("body")).isArray())
            c.stdinData = QJsonDocument(json.value(QLatin1String("body")).toArray()).toJson(QJsonDocument::Compact);
        else
            return QStringLiteral("a unified case has a \"body\" (an object or a list) or a \"text\"");
        c.args = QStringList { QStringLiteral("unified"), QStringLiteral("-") };
    } else if (family == QLatin1String("ids") || family == QLatin1String("phones")) {
        const QString key = family == QLatin1String("ids") ? QStringLiteral("id") : QStringLiteral("number");
        const QString via = json.value(QLatin1String("via")).toString();
        if (!vias().contains(via))
            return QStringLiteral("\"via\" must be one of: %1").arg(vias().keys().join(QStringLiteral(", ")));
        if (!json.contains(key))
            return QStringLiteral("no \"%1\"").arg(key);
        const QJsonValue value = json.value(key);
        const Invocation in = vias().value(via)(value);
        if (!value.isString() && in.args.first() != QLatin1String("unified"))
            return QStringLiteral("a value on the command line is a string");
        c.args = in.args;
        c.stdinData = in.stdinData;
    } else if (family == QLatin1String("templates")) {
        // "template": the data.template of a unified WhatsApp message ("data" merged over the rest of its data);
        // or "args": the template flags of whatsapp test.
        if (json.contains(QLatin1String("args"))) {
            QStringList flags;
            if (!strings(json.value(QLatin1String("args")), &flags))
                return QStringLiteral("\"args\" is a list of strings");
            c.args = messageCommand(QStringLiteral("whatsapp"), QStringLiteral("body"), std::nullopt) + flags;
        } else if (json.contains(QLatin1String("template"))) {
            QJsonObject data = messageData(QStringLiteral("whatsapp.message"));
            data.remove(QStringLiteral("body"));
            data.insert(QStringLiteral("type"), QStringLiteral("template"));
            data.insert(QStringLiteral("template"), json.value(QLatin1String("template")));
            const QJsonObject more = json.value(QLatin1String("data")).toObject();
            for (auto it = more.begin(); it != more.end(); ++it)
                data.insert(it.key(), it.value());
            c.args = QStringList { QStringLiteral("unified"), QStringLiteral("-") };
            c.stdinData = unifiedBody(QStringLiteral("nango"), QStringLiteral("whatsapp.message"),
                QStringLiteral("create"), { { QStringLiteral("data"), data } });
        } else {
            return QStringLiteral("a template case has a \"template\" or \"args\"");
        }
    } else if (family == QLatin1String("dotenv")) {
        c.hasEnvFile = true;
        if (json.contains(QLatin1String("base64")))
            c.envFile = QByteArray::fromBase64(json.value(QLatin1String("base64")).toString().toLatin1());
        else if (json.value(QLatin1String("file")).isString())
            c.envFile = json.value(QLatin1String("file")).toString().toUtf8();
        else
            return QStringLiteral("a dotenv case has a \"file\" (its text) or \"base64\" (its bytes)");
        c.args = QStringList { QStringLiteral("env"), QStringLiteral("import") };
        if (json.contains(QLatin1String("args")) && !strings(json.value(QLatin1String("args")), &c.args))
            return QStringLiteral("\"args\" is a list of strings");
    } else if (family == QLatin1String("cli")) {
        if (!strings(json.value(QLatin1String("args")), &c.args))
            return QStringLiteral("a cli case has \"args\", a list of strings");
        c.stdinData = json.value(QLatin1String("stdin")).toString().toUtf8();
        c.environment = json.value(QLatin1String("env")).toObject();
    } else {
        return QStringLiteral("no family \"%1\": the test knows unified, ids, phones, templates, dotenv and cli")
            .arg(family);
    }
    return {};
}

QList<BadInput> loadCorpus()
{
    QList<BadInput> cases;
    const QDir dir(corpusDir());
    const QStringList files = dir.entryList({ QStringLiteral("*.jsonl") }, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        BadInput missing;
        missing.name = QStringLiteral("missing");
        missing.corpusError = QStringLiteral("no *.jsonl in ") + dir.path();
        cases << missing;
    }
    for (const QString &file : files) {
        const QList<QByteArray> lines = readFile(dir.filePath(file)).split('\n');
        QHash<QString, int> names;
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).trimmed().isEmpty())
                continue;
            BadInput c;
            c.family = file.chopped(6);
            c.where = QStringLiteral("%1:%2").arg(file).arg(i + 1);
            QJsonParseError error;
            const QJsonObject json = QJsonDocument::fromJson(lines.at(i), &error).object();
            c.name = json.value(QLatin1String("name")).toString();
            c.exitCode = json.value(QLatin1String("exit")).toInt(-1);
            c.field = json.value(QLatin1String("field")).toString();
            c.message = json.value(QLatin1String("message")).toString();
            c.known = json.value(QLatin1String("known")).toString();
            if (error.error != QJsonParseError::NoError)
                c.corpusError = QStringLiteral("not a JSON object: ") + error.errorString();
            else if (c.name.isEmpty() || c.message.isEmpty() || c.exitCode < 0)
                c.corpusError = QStringLiteral("every case has a \"name\", an \"exit\" code and a \"message\"");
            else if (names.contains(c.name))
                c.corpusError = QStringLiteral("the name is used on line %1 too").arg(names.value(c.name));
            else
                c.corpusError = readInput(expand(json).toObject(), c);
            if (c.name.isEmpty() || names.contains(c.name)) // a row's tag is unique, whatever the corpus says
                c.name += QStringLiteral(" (line %1)").arg(i + 1);
            names.insert(c.name, i + 1);
            cases << c;
        }
    }
    return cases;
}

// One word of a shell command (bash): plain, '…', or $'…' with escapes when it holds control characters or bytes
// that are not UTF-8. Values longer than 1000 characters are shortened (the corpus line has them in full).
QString shellWord(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    if (text.size() > 1000)
        return shellWord(text.left(60).toUtf8()) + QStringLiteral("…(%1 characters)").arg(text.size());
    static const QRegularExpression plain(QStringLiteral("\\A[A-Za-z0-9_./=:+@,%-]+\\z"));
    if (plain.match(text).hasMatch())
        return text;
    const bool utf8 = text.toUtf8() == bytes;
    bool control = false;
    for (const char b : bytes)
        control = control || uchar(b) < 0x20 || uchar(b) == 0x7f;
    if (utf8 && !control)
        return QLatin1Char('\'') + QString(text).replace(u'\'', QStringLiteral("'\\''")) + u'\'';
    QByteArray out = "$'";
    for (const char b : bytes) {
        const uchar u = uchar(b);
        if (b == '\\' || b == '\'')
            out += QByteArray("\\") + b;
        else if (b == '\n')
            out += "\\n";
        else if (b == '\r')
            out += "\\r";
        else if (b == '\t')
            out += "\\t";
        else if (u < 0x20 || u == 0x7f || (u >= 0x80 && !utf8))
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
        else
            out += b;
    }
    return QString::fromUtf8(out + '\'');
}

// The command a person would run to see what the case sees, for the failure and known-row messages.
QString commandLine(const BadInput &c, QStringList args)
{
    QStringList words { QStringLiteral("crossline-cli") };
    if (c.hasEnvFile)
        args.last() = QStringLiteral("--file=.env");
    for (const QString &a : std::as_const(args))
        words << shellWord(a.toUtf8());
    QString line = words.join(u' ');
    for (auto it = c.environment.begin(); it != c.environment.end(); ++it)
        line.prepend(it.value().isNull()
                ? QStringLiteral("env -u %1 ").arg(it.key())
                : QStringLiteral("%1=%2 ").arg(it.key(), shellWord(it.value().toString().toUtf8())));
    if (!c.stdinData.isEmpty())
        line.prepend(QStringLiteral("printf '%s' %1 | ").arg(shellWord(c.stdinData)));
    if (c.hasEnvFile)
        line.prepend(QStringLiteral("printf '%s' %1 > .env && ").arg(shellWord(c.envFile)));
    return line;
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void theSandboxCountsWhatIsSent();
    void theCorpusCoversEveryFamily();
    void badInputIsRefusedAndNothingIsSent_data();
    void badInputIsRefusedAndNothingIsSent();

private:
    QProcessEnvironment environment(const QString &root, const QJsonObject &changes = {}) const;

    Sandbox m_sandbox;
    QTemporaryDir m_root;
};

void TestBadInput::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), "CROSSLINE_CLI must point at the built crossline-cli");
    QVERIFY(m_root.isValid());
    QString error;
    QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
    // Two profiles for the production rule: dev (the first, so the active one) and prod (production).
    for (const QStringList &args :
        { QStringList { QStringLiteral("profile"), QStringLiteral("set"), QStringLiteral("dev") },
            QStringList { QStringLiteral("profile"), QStringLiteral("set"), QStringLiteral("prod"),
                QStringLiteral("--production") } }) {
        const CliRun r = runCli(args, environment(m_root.path()));
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    }
    const CliRun list = runCli(
        { QStringLiteral("--json"), QStringLiteral("profile"), QStringLiteral("list") }, environment(m_root.path()));
    const QJsonArray profiles = QJsonDocument::fromJson(list.out).array();
    QCOMPARE(profiles.size(), 2);
    for (const QJsonValue &p : profiles) {
        const bool dev = p[QLatin1String("name")].toString() == QLatin1String("dev");
        QCOMPARE(p[QLatin1String("active")].toBool(), dev);
        QCOMPARE(p[QLatin1String("production")].toBool(), !dev);
    }
}

void TestBadInput::init()
{
    m_sandbox.clearRequests();
}

// The sandbox's variables in a scrubbed environment under `root` (no keychain: every secret is a variable).
QProcessEnvironment TestBadInput::environment(const QString &root, const QJsonObject &changes) const
{
    QProcessEnvironment env = scrubbedEnvironment(root, false);
    env.insert(QStringLiteral("NANGO_API_BASE"), m_sandbox.nangoBaseUrl().toString());
    env.insert(QStringLiteral("NANGO_SECRET_KEY"), SandboxCredentials::nangoSecretKey());
    env.insert(QStringLiteral("PANORA_API_URL"), m_sandbox.panoraBaseUrl().toString());
    env.insert(QStringLiteral("PANORA_API_KEY"), SandboxCredentials::panoraApiKey());
    env.insert(QStringLiteral("PANORA_CONNECTION_TOKEN"), SandboxCredentials::panoraConnectionToken());
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            env.remove(it.key());
        else
            env.insert(it.key(), it.value().toString());
    }
    return env;
}

// "Nothing was sent" means something only if a request that is sent is counted.
void TestBadInput::theSandboxCountsWhatIsSent()
{
    const CliRun r = runCli({ QStringLiteral("unified"), QStringLiteral("-") }, environment(m_root.path()),
        unifiedBody(QStringLiteral("nango"), QStringLiteral("hr.employee"), QStringLiteral("get"),
            { { QStringLiteral("id"), QStringLiteral("emp_123") } }));
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(m_sandbox.requests().size(), 1);
}

void TestBadInput::theCorpusCoversEveryFamily()
{
    QMap<QString, int> perFamily;
    for (const BadInput &c : loadCorpus())
        ++perFamily[c.family];
    int total = 0;
    for (const char *family : { "unified", "ids", "phones", "templates", "dotenv", "cli" }) {
        QVERIFY2(perFamily.value(QLatin1String(family)) >= 20, family);
        total += perFamily.value(QLatin1String(family));
    }
    QVERIFY2(total >= 300, qPrintable(QString::number(total)));
}

void TestBadInput::badInputIsRefusedAndNothingIsSent_data()
{
    QTest::addColumn<BadInput>("input");
    for (const BadInput &c : loadCorpus())
        QTest::newRow(qPrintable(c.family + u'/' + c.name)) << c;
}

void TestBadInput::badInputIsRefusedAndNothingIsSent()
{
    QFETCH(BadInput, input);
    if (!input.corpusError.isEmpty())
        QFAIL(qPrintable(QStringLiteral("%1: %2").arg(input.where, input.corpusError)));

    // A .env case gets a HOME of its own: an import that went through cannot change the settings the others use.
    QTemporaryDir own;
    QVERIFY(own.isValid());
    const QString root = input.hasEnvFile ? own.path() : m_root.path();
    QStringList args = input.args;
    if (input.hasEnvFile) {
        const QString path = QDir(root).filePath(QStringLiteral(".env"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(input.envFile) == input.envFile.size());
        file.close();
        args << QStringLiteral("--file=") + path;
    }
    const CliRun r = runCli(args, environment(root, input.environment), input.stdinData);
    const qsizetype sent = m_sandbox.requests().size();
    const QString err = QString::fromUtf8(r.err);

    const QString got = QStringLiteral("exit %1, %2 request(s) sent, %3 bytes on stdout; stderr: %4")
                            .arg(r.exitCode)
                            .arg(sent)
                            .arg(r.out.size())
                            .arg(err.trimmed().left(600));
    const QString report = QStringLiteral("%1\n   $ %2\n   %3").arg(input.where, commandLine(input, args), got);
    const bool ok = sent == 0 && r.exitCode == input.exitCode && err.contains(input.message)
        && err.contains(input.field) && r.out.isEmpty();
    if (!input.known.isEmpty()) {
        QEXPECT_FAIL("", qPrintable(QStringLiteral("known: %1\n   %2").arg(input.known, report)), Abort);
        QVERIFY2(ok, qPrintable(report));
        return;
    }
    QVERIFY2(sent == 0, qPrintable(QStringLiteral("something was sent: ") + report));
    QVERIFY2(r.exitCode == input.exitCode,
        qPrintable(QStringLiteral("exit code %1, expected %2: ").arg(r.exitCode).arg(input.exitCode) + report));
    QVERIFY2(err.contains(input.message),
        qPrintable(QStringLiteral("stderr does not say \"%1\": ").arg(input.message) + report));
    QVERIFY2(err.contains(input.field),
        qPrintable(QStringLiteral("stderr does not name the field \"%1\": ").arg(input.field) + report));
    QVERIFY2(r.out.isEmpty(), qPrintable(QStringLiteral("stdout is not empty: ") + report));
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
