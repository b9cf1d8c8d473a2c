#pragma once
// Runs the built crossline-cli the way a user does (its own process, a chosen environment, stdin), and scans
// folders for secrets that must never reach a file. Header-only: shared by the CLI tests of profiles and secrets.

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace crossline::test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString all() const { return QString::fromUtf8(out + "\n--- stderr ---\n" + err); }
    QStringList outLines() const
    {
        QStringList lines = QString::fromUtf8(out).split(u'\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        return lines;
    }
};

inline QString cliPath()
{
    return QString::fromLocal8Bit(qgetenv("CROSSLINE_CLI"));
}

// A scrubbed environment under `root`: HOME, XDG_* and TMPDIR all inside it; no NANGO_*/PANORA_* variables.
// The D-Bus session of the test (the throwaway keyring of scripts/test) is passed on only when `withKeychain`.
inline QProcessEnvironment scrubbedEnvironment(const QString &root, bool withKeychain)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    const QDir dir(root);
    for (const auto &[name, sub] : { std::pair { "HOME", "home" }, std::pair { "XDG_CONFIG_HOME", "home/.config" },
             std::pair { "XDG_DATA_HOME", "home/.local/share" }, std::pair { "XDG_CACHE_HOME", "home/.cache" },
             std::pair { "XDG_STATE_HOME", "home/.local/state" }, std::pair { "TMPDIR", "tmp" } }) {
        const QString path = dir.filePath(QLatin1String(sub));
        dir.mkpath(path);
        env.insert(QLatin1String(name), path);
    }
    if (withKeychain) {
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
        if (qEnvironmentVariableIsSet("XDG_RUNTIME_DIR"))
            env.insert(QStringLiteral("XDG_RUNTIME_DIR"), qEnvironmentVariable("XDG_RUNTIME_DIR"));
    }
    return env;
}

inline CliRun runCli(const QStringList &args, const QProcessEnvironment &env, const QByteArray &stdinData = {},
    const QString &workingDirectory = {})
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        p.setWorkingDirectory(workingDirectory);
    p.start(cliPath(), args);
    if (!p.waitForStarted(10000))
        return {};
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

// Every form in which a secret could sit in what a program wrote, each with its name: the bytes of its UTF-8 and
// UTF-16 text, percent-encoded, and base64 in the standard and the URL-safe alphabet at each of the three offsets a
// value can start at inside an encoded text — so the base64 of the value alone (padded or not) and that of
// "user:value" (inside HTTP Basic credentials) are both found. The encodings Redactor::scrub masks, and a few more.
inline QList<QPair<QString, QByteArray>> secretForms(const QString &secret)
{
    const QByteArray utf8 = secret.toUtf8();
    QList<QPair<QString, QByteArray>> forms { { QStringLiteral("UTF-8"), utf8 },
        { QStringLiteral("UTF-16"), QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2) } };
    auto add = [&forms](const QString &name, const QByteArray &needle) {
        if (needle.size() < 8)
            return; // too short to tell from other text
        for (const auto &form : std::as_const(forms)) {
            if (form.second == needle)
                return;
        }
        forms.append({ name, needle });
    };
    add(QStringLiteral("percent-encoded"), QUrl::toPercentEncoding(secret));
    for (const int offset : { 0, 1, 2 }) {
        // From the first byte that starts a 3-byte group, as many whole groups as the value has.
        const QByteArray aligned = utf8.mid(offset, (utf8.size() - offset) / 3 * 3);
        add(QStringLiteral("base64, offset %1").arg(offset), aligned.toBase64());
        add(QStringLiteral("URL-safe base64, offset %1").arg(offset), aligned.toBase64(QByteArray::Base64UrlEncoding));
    }
    return forms;
}

// Where `bytes` hold one of the secrets, in any of its secretForms(): "SECRET (FORM) at OFFSET: …context…" lines,
// empty when clean.
inline QStringList secretsIn(const QByteArray &bytes, const QStringList &secrets)
{
    QStringList hits;
    for (const QString &secret : secrets) {
        for (const auto &[form, needle] : secretForms(secret)) {
            const qsizetype at = needle.isEmpty() ? -1 : bytes.indexOf(needle);
            if (at < 0)
                continue;
            const QByteArray context = bytes.mid(qMax<qsizetype>(0, at - 40), needle.size() + 80);
            hits << QStringLiteral("%1 (%2) at byte %3: %4")
                        .arg(secret, form)
                        .arg(at)
                        .arg(QString::fromUtf8(context.toPercentEncoding(" !\"#$&'()*+,/:;=?@[]{}<>|^~")));
        }
    }
    return hits;
}

// Every file under `root` (hidden ones included, symlinks not followed) whose bytes contain one of the secrets in
// any of its secretForms(). Returns "path: what" lines; empty when clean. `filesScanned` counts what was read.
inline QStringList filesContaining(const QString &root, const QStringList &secrets, int *filesScanned = nullptr)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            hits << path + QStringLiteral(": unreadable");
            continue;
        }
        const QByteArray bytes = f.readAll();
        if (filesScanned)
            ++*filesScanned;
        for (const QString &hit : secretsIn(bytes, secrets))
            hits << path + QStringLiteral(": ") + hit;
    }
    return hits;
}

} // namespace crossline::test
