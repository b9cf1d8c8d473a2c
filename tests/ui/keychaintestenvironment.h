#pragma once

// For the widget tests that use the real keychain: a throwaway HOME/XDG/TMPDIR tree set up before QApplication
// (so everything the app writes lands there and the secret scan covers it), no NANGO_*/PANORA_* variables, and
// small helpers to wait for keychain jobs and to look for secrets in files.
#include "job.h"
#include "secrets/secretstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

namespace crossline::test {

inline QString &scratchRoot()
{
    static QString root;
    return root;
}

// Call first thing in main(); keep the returned folder alive for the whole run.
inline std::unique_ptr<QTemporaryDir> makeScratchHome()
{
    auto root = std::make_unique<QTemporaryDir>();
    if (!root->isValid())
        return root;
    const QDir dir(root->path());
    for (const auto &[name, sub] : { std::pair { "HOME", "home" }, std::pair { "XDG_CONFIG_HOME", "home/.config" },
             std::pair { "XDG_DATA_HOME", "home/.local/share" }, std::pair { "XDG_CACHE_HOME", "home/.cache" },
             std::pair { "XDG_STATE_HOME", "home/.local/state" }, std::pair { "TMPDIR", "tmp" } }) {
        const QString path = dir.filePath(QLatin1String(sub));
        dir.mkpath(path);
        qputenv(name, QFile::encodeName(path));
    }
    // The secrets must come from the keychain, never from the test's own environment.
    const QStringList keys = QProcessEnvironment::systemEnvironment().keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("NANGO_")) || key.startsWith(QLatin1String("PANORA_")))
            qunsetenv(key.toLocal8Bit().constData());
    }
    scratchRoot() = root->path();
    return root;
}

inline Result waitForJob(Job *job, int timeoutMs = 20000)
{
    QSignalSpy spy(job, &Job::finished);
    if (!spy.wait(timeoutMs))
        return Result::failure(Error::make(Error::Kind::Timeout, QStringLiteral("test: the job did not finish")));
    return spy.first().first().value<Result>();
}

// Why the keychain cannot be used here, "" when it can: a read that neither answers nor says "not stored" within a
// few seconds. scripts/test provides a Secret Service; an ad-hoc `ctest -L ui` from a shell without one would
// otherwise wait for QtKeychain's D-Bus timeouts and fail. Asked once per process.
inline QString keychainProblem()
{
    static const QString problem = [] {
        // A write, not only a read: an activatable Secret Service without an unlocked keyring answers reads with
        // "not stored" and then blocks every write on a prompt nobody can answer.
        SecretStore store;
        const QString profile = QStringLiteral("crossline-probe");
        const QString name = QStringLiteral("nango-key");
        Result r = SecretStore::waitFor(store.write(profile, name, QStringLiteral("probe-value-0000")), 5000);
        if (r.ok())
            r = SecretStore::waitFor(store.remove(profile, name), 5000);
        if (r.ok())
            return QString();
        return QStringLiteral("no usable Secret Service (%1); scripts/test starts one for the keychain tests")
            .arg(r.error.message);
    }();
    return problem;
}

// For a test function that needs the keychain: skips it, by name, when there is none.
#define CROSSLINE_REQUIRE_KEYCHAIN()                                                                                   \
    do {                                                                                                               \
        if (const QString problem = crossline::test::keychainProblem(); !problem.isEmpty())                            \
            QSKIP(qPrintable(problem));                                                                                \
    } while (false)

// Files under `root` that contain any of `needles` (as UTF-8 bytes).
inline QStringList filesContaining(const QString &root, const QStringList &needles, int *scanned = nullptr)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.readAll();
        if (scanned)
            ++*scanned;
        for (const QString &needle : needles) {
            if (data.contains(needle.toUtf8()))
                hits << path;
        }
    }
    return hits;
}

} // namespace crossline::test

#define CROSSLINE_KEYCHAIN_TEST_MAIN(TestObject)                                                                       \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        const auto scratch = crossline::test::makeScratchHome();                                                       \
        if (!scratch->isValid())                                                                                       \
            return 1;                                                                                                  \
        QApplication app(argc, argv);                                                                                  \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                                       \
        /* A test's own child process without a keychain (CROSSLINE_TEST_NO_KEYCHAIN_CHILD) is not skipped. */         \
        const bool child = qEnvironmentVariableIsSet("CROSSLINE_TEST_NO_KEYCHAIN_CHILD");                              \
        if (const QString problem = child ? QString() : crossline::test::keychainProblem(); !problem.isEmpty()) {      \
            std::fprintf(stderr, "SKIP: %s\n", qPrintable(problem));                                                   \
            return 77; /* CTest: skipped (SKIP_RETURN_CODE) */                                                         \
        }                                                                                                              \
        TestObject tc;                                                                                                 \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&tc, argc, argv);                                                                          \
    }
