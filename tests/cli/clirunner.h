#pragma once
// Runs the built crossline-cli the way a user does (its own process, a chosen environment, stdin), and scans
// folders for secrets that must never reach a file. Header-only: shared by the CLI tests of profiles and secrets.

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

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

// Every file under `root` (hidden ones included, symlinks not followed) whose bytes contain one of the secrets —
// as UTF-8, UTF-16 or base64. Returns "path: which" lines; empty when clean. `filesScanned` counts what was read.
inline QStringList filesContaining(const QString &root, const QStringList &secrets, int *filesScanned = nullptr)
{
    QList<QPair<QString, QByteArray>> needles;
    for (const QString &s : secrets) {
        needles.append({ s, s.toUtf8() });
        needles.append(
            { s + QStringLiteral(" (UTF-16)"), QByteArray(reinterpret_cast<const char *>(s.utf16()), s.size() * 2) });
        needles.append({ s + QStringLiteral(" (base64)"), s.toUtf8().toBase64() });
    }
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
        for (const auto &[name, needle] : needles) {
            if (!needle.isEmpty() && bytes.contains(needle))
                hits << path + QStringLiteral(": ") + name;
        }
    }
    return hits;
}

} // namespace crossline::test
