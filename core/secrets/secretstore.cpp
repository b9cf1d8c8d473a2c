#include "secrets/secretstore.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QSettings>
#include <QTimer>

#ifdef CROSSLINE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <memory>
#include <optional>

namespace crossline {

namespace {

Q_LOGGING_CATEGORY(lcSecrets, "crossline.secrets", QtInfoMsg)

// Mirrors QKeychain::Error, so errorFor() also works in a build without QtKeychain.
enum KeychainCode
{
    NoError = 0,
    EntryNotFound,
    CouldNotDeleteEntry,
    AccessDeniedByUser,
    AccessDenied,
    NoBackendAvailable,
    NotImplemented,
    OtherError
};

// What D-Bus / libsecret say when there is no session bus or no Secret Service on it. QtKeychain reports these as
// OtherError with the D-Bus text (QtKeychain 0.13 libsecret backend: any non-secret GError is OtherError).
bool looksLikeNoBackend(const QString &detail)
{
    static const char *const markers[] = {
        "autolaunch", // "Cannot autolaunch D-Bus without X11 $DISPLAY"
        "org.freedesktop.secrets", // "The name org.freedesktop.secrets was not provided by any .service files"
        "DBUS_SESSION_BUS_ADDRESS",
        "D-Bus is not running",
        "session bus",
        "No keychain service",
        "No keyring daemon",
        "ServiceUnknown",
        "Could not connect",
        "Failed to connect",
        "No such file or directory", // a stale DBUS_SESSION_BUS_ADDRESS socket
        "Connection refused",
    };
    for (const char *m : markers) {
        if (detail.contains(QLatin1String(m), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString environmentNote()
{
    return SecretStore::tr("Environment variables still work meanwhile: NANGO_SECRET_KEY (or NANGO_SECRET_KEY_<ENV>), "
                           "PANORA_API_KEY and PANORA_CONNECTION_TOKEN.");
}

Error keychainError(const QString &code, const QString &message, const QString &hint)
{
    Error e = Error::make(Error::Kind::Keychain, message, hint);
    e.code = code;
    return e;
}

// A job over one QtKeychain job. QtKeychain may finish synchronously inside start() (e.g. its KWallet path without
// D-Bus), so it is started from the event loop, after the caller had a chance to connect.
class KeychainJob : public Job
{
public:
#ifdef CROSSLINE_HAVE_KEYCHAIN
    using OnSuccess = std::function<Result(QKeychain::Job *)>;

    KeychainJob(QKeychain::Job *job, const QString &profile, const QString &name, OnSuccess onSuccess, QObject *parent)
        : Job(parent)
        , m_job(job)
        , m_onSuccess(std::move(onSuccess))
    {
        job->setInsecureFallback(false); // never QtKeychain's plaintext QSettings fallback
        job->setAutoDelete(true);
        job->setKey(SecretStore::keyFor(profile, name));
        connect(job, &QKeychain::Job::finished, this, [this, profile, name](QKeychain::Job *j) {
            m_job = nullptr;
            if (j->error() == QKeychain::NoError) {
                finish(m_onSuccess ? m_onSuccess(j) : Result::success(QJsonValue()));
            } else {
                qCDebug(lcSecrets) << "keychain" << SecretStore::keyFor(profile, name) << "failed:" << j->error()
                                   << j->errorString();
                finish(Result::failure(SecretStore::errorFor(int(j->error()), j->errorString(), profile, name)));
            }
        });
        QTimer::singleShot(0, this, [this] {
            if (m_job) {
                m_started = true;
                m_job->start();
            }
        });
    }

    void abort() override
    {
        if (m_job) {
            disconnect(m_job, nullptr, this, nullptr);
            if (!m_started)
                m_job->deleteLater(); // never started, so it would never delete itself
            m_job = nullptr;
        }
        Job::abort();
    }

private:
    QPointer<QKeychain::Job> m_job;
    OnSuccess m_onSuccess;
    bool m_started = false;
#endif
};

// Runs steps one after another. After each step `after` decides: a Result stops the sequence with it, nullopt goes
// on. When every step ran, `end` gives the result.
class SequenceJob : public Job
{
public:
    using Step = std::function<Job *()>;
    using After = std::function<std::optional<Result>(int index, const Result &)>;

    SequenceJob(QList<Step> steps, After after, std::function<Result()> end, QObject *parent)
        : Job(parent)
        , m_steps(std::move(steps))
        , m_after(std::move(after))
        , m_end(std::move(end))
    {
        QTimer::singleShot(0, this, [this] { next(); });
    }

    void abort() override
    {
        if (m_current)
            m_current->abort();
        else
            Job::abort();
    }

private:
    void next()
    {
        if (isFinished())
            return;
        if (m_index >= m_steps.size()) {
            finish(m_end());
            return;
        }
        Job *job = m_steps.at(m_index)();
        m_current = job;
        connect(job, &Job::finished, this, [this](const Result &r) {
            m_current = nullptr;
            if (r.error.kind == Error::Kind::Cancelled) {
                finish(r);
                return;
            }
            if (std::optional<Result> stop = m_after(m_index, r)) {
                finish(*stop);
                return;
            }
            ++m_index;
            next();
        });
    }

    QList<Step> m_steps;
    After m_after;
    std::function<Result()> m_end;
    QPointer<Job> m_current;
    int m_index = 0;
};

// The record behind SecretStore::isKnownAbsent: "keychain-index/<profile>/<name>" = stored (true: may be stored).
QString indexKey(const QString &profile, const QString &name)
{
    return QStringLiteral("keychain-index/") + SecretStore::keyFor(profile, name);
}

[[maybe_unused]] void recordStored(const QString &profile, const QString &name, bool stored)
{
    QSettings settings;
    const QString key = indexKey(profile, name);
    if (settings.value(key) != QVariant(stored)) // the settings file is rewritten only when this changes
        settings.setValue(key, stored);
}

// Records what a finished job taught: found / not found for a read, gone for a successful remove.
[[maybe_unused]] Job *recording(Job *job, const QString &profile, const QString &name, std::optional<bool> onSuccess)
{
    QObject::connect(job, &Job::finished, job, [profile, name, onSuccess](const Result &r) {
        if (r.ok() && onSuccess)
            recordStored(profile, name, *onSuccess);
        else if (SecretStore::isNotFound(r.error))
            recordStored(profile, name, false);
    });
    return job;
}

[[maybe_unused]] Job *unavailableJob(const QString &profile, const QString &name, QObject *parent)
{
    return Job::finishedJob(
        Result::failure(SecretStore::errorFor(NoBackendAvailable,
            SecretStore::tr("this build of Crossline has no keychain support (QtKeychain)"), profile, name)),
        parent);
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
}

QStringList SecretStore::secretNames()
{
    return { ConfigResolver::nangoKeyName(), ConfigResolver::panoraKeyName(),
        ConfigResolver::panoraConnectionTokenName() };
}

bool SecretStore::isSecretName(const QString &name)
{
    return secretNames().contains(name);
}

QString SecretStore::displayName(const QString &name)
{
    if (name == ConfigResolver::nangoKeyName())
        return tr("Nango secret key");
    if (name == ConfigResolver::panoraKeyName())
        return tr("Panora API key");
    if (name == ConfigResolver::panoraConnectionTokenName())
        return tr("Panora connection token");
    return name;
}

QString SecretStore::environmentVariable(const QString &name)
{
    return ConfigResolver::secretVariables(QString(), name).value(0);
}

bool SecretStore::isKnownAbsent(const QString &profile, const QString &name)
{
    const QVariant stored = QSettings().value(indexKey(profile, name));
    return stored.isValid() && !stored.toBool();
}

QString SecretStore::noBackendHint()
{
#if defined(Q_OS_MACOS)
    const QString fix = tr("Crossline uses the macOS Keychain: unlock the login keychain (Keychain Access) and allow "
                           "Crossline when asked.");
#elif defined(Q_OS_WIN)
    const QString fix = tr("Crossline uses the Windows Credential Manager: check that the Credential Manager service "
                           "is running.");
#else
    const QString fix = tr("Start a Secret Service in your desktop session and unlock it: GNOME Keyring "
                           "(gnome-keyring-daemon --start --components=secrets) or KeePassXC with its Secret Service "
                           "integration enabled. Over SSH or in a container there is usually no D-Bus session: run "
                           "the command inside dbus-run-session with an unlocked keyring.");
#endif
    return fix + u' ' + environmentNote();
}

Error SecretStore::errorFor(int code, const QString &detail, const QString &profile, const QString &name)
{
    const QString entry = keyFor(profile, name);
    switch (code) {
    case NoError:
        return {};
    case EntryNotFound:
        return keychainError(QStringLiteral("not_found"),
            tr("No %1 is stored in the keychain for profile %2.").arg(displayName(name), profile),
            tr("Store it with 'crossline-cli secret set %1 --profile=%2' (the value is read from standard input).")
                .arg(name, profile));
    case AccessDeniedByUser:
        return keychainError(QStringLiteral("access_denied"),
            tr("Access to the keychain entry %1 was refused.").arg(entry),
            tr("Allow Crossline when the keychain asks, then run the command again. ") + environmentNote());
    case AccessDenied:
        return keychainError(QStringLiteral("access_denied"),
            tr("The keychain refused access to %1: %2").arg(entry, detail),
            tr("Unlock your keyring (for example the login keyring in Passwords and Keys, or KeePassXC's database) "
               "and run the command again. ")
                + environmentNote());
    case CouldNotDeleteEntry:
        return keychainError(QStringLiteral("keychain_error"),
            tr("The keychain could not delete %1: %2").arg(entry, detail),
            tr("Delete the entry in your keychain application (service Crossline, %1).").arg(entry));
    case NoBackendAvailable:
    case NotImplemented:
        return keychainError(
            QStringLiteral("no_backend"), tr("No keychain is available: %1").arg(detail), noBackendHint());
    default:
        break;
    }
    if (looksLikeNoBackend(detail))
        return keychainError(
            QStringLiteral("no_backend"), tr("No keychain is available: %1").arg(detail), noBackendHint());
    if (detail.contains(QLatin1String("locked"), Qt::CaseInsensitive)) {
        return keychainError(QStringLiteral("access_denied"), tr("The keychain is locked: %1").arg(detail),
            tr("Unlock your keyring and run the command again. ") + environmentNote());
    }
    return keychainError(QStringLiteral("keychain_error"),
        tr("The keychain failed for %1: %2").arg(entry, detail.isEmpty() ? tr("unknown error") : detail),
        environmentNote());
}

Job *SecretStore::read(const QString &profile, const QString &name)
{
#ifdef CROSSLINE_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    return recording(new KeychainJob(
                         job, profile, name,
                         [](QKeychain::Job *j) {
                             const QString value = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                             return Result::success(QJsonValue(value));
                         },
                         this),
        profile, name, true);
#else
    return unavailableJob(profile, name, this);
#endif
}

Job *SecretStore::write(const QString &profile, const QString &name, const QString &value)
{
    if (value.isEmpty()) {
        return Job::finishedJob(Result::failure(Error::validation(QStringLiteral("value"),
                                    tr("The %1 is empty; nothing was stored.").arg(displayName(name)),
                                    tr("To delete it use 'crossline-cli secret clear %1'.").arg(name))),
            this);
    }
#ifdef CROSSLINE_HAVE_KEYCHAIN
    recordStored(profile, name, true); // before the write: a failed settings write must not hide the secret
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setTextData(value);
    return new KeychainJob(job, profile, name, {}, this);
#else
    return unavailableJob(profile, name, this);
#endif
}

Job *SecretStore::remove(const QString &profile, const QString &name)
{
#ifdef CROSSLINE_HAVE_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    auto *wrapped = recording(new KeychainJob(job, profile, name, {}, this), profile, name, false);
    // Some backends report a missing entry as an error; removing what is not there is not a failure.
    return Job::map(
        wrapped, [](const Result &r) { return isNotFound(r.error) ? Result::success(QJsonValue()) : r; }, this);
#else
    return unavailableJob(profile, name, this);
#endif
}

Job *SecretStore::removeAll(const QString &profile)
{
    QList<SequenceJob::Step> steps;
    for (const QString &name : secretNames())
        steps << [this, profile, name] { return remove(profile, name); };
    return new SequenceJob(
        steps, [](int, const Result &r) -> std::optional<Result> { return r.ok() ? std::nullopt : std::optional(r); },
        [] { return Result::success(QJsonValue()); }, this);
}

Job *SecretStore::storedNames(const QString &profile)
{
    auto names = std::make_shared<QJsonArray>();
    const QStringList all = secretNames();
    QList<SequenceJob::Step> steps;
    for (const QString &name : all)
        steps << [this, profile, name] { return read(profile, name); };
    return new SequenceJob(
        steps,
        [names, all](int index, const Result &r) -> std::optional<Result> {
            if (r.ok())
                names->append(all.at(index)); // the value itself is dropped with r
            else if (!isNotFound(r.error))
                return r;
            return std::nullopt;
        },
        [names] { return Result::success(*names); }, this);
}

Job *SecretStore::move(const QString &from, const QString &to)
{
    // Copy everything first, then delete: a failure half-way leaves the secrets under the old name, not nowhere.
    struct State
    {
        QStringList names;
        QStringList values;
        QStringList moved;
    };
    auto state = std::make_shared<State>();
    const QStringList all = secretNames();
    QList<SequenceJob::Step> steps;
    for (const QString &name : all)
        steps << [this, from, name] { return read(from, name); };
    for (int i = 0; i < all.size(); ++i) {
        steps << [this, state, to, i] {
            if (i >= state->names.size())
                return Job::finishedJob(Result::success(QJsonValue()), this);
            return write(to, state->names.at(i), state->values.at(i));
        };
    }
    for (int i = 0; i < all.size(); ++i) {
        steps << [this, state, from, i] {
            if (i >= state->names.size())
                return Job::finishedJob(Result::success(QJsonValue()), this);
            return remove(from, state->names.at(i));
        };
    }
    const int reads = int(all.size());
    return new SequenceJob(
        steps,
        [state, all, reads](int index, const Result &r) -> std::optional<Result> {
            if (index < reads) {
                if (r.ok()) {
                    state->names << all.at(index);
                    state->values << r.data.toString();
                } else if (!isNotFound(r.error)) {
                    return r;
                }
                return std::nullopt;
            }
            if (!r.ok()) {
                for (QString &v : state->values)
                    v.fill(u'\0');
                return r;
            }
            if (index == 2 * reads - 1) { // the last write: the values are no longer needed
                for (QString &v : state->values)
                    v.fill(u'\0');
                state->values.clear();
            }
            return std::nullopt;
        },
        [state] { return Result::success(QJsonArray::fromStringList(state->names)); }, this);
}

Result SecretStore::waitFor(Job *job, int timeoutMs)
{
    Result result;
    bool done = false;
    QEventLoop loop;
    QObject::connect(job, &Job::finished, &loop, [&](const Result &r) {
        result = r;
        done = true;
        loop.quit();
    });
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        job->abort();
        result = Result::failure(keychainError(QStringLiteral("timeout"),
            tr("The keychain did not answer within %1 seconds.").arg(timeoutMs / 1000),
            tr("It may be waiting for you to unlock it: unlock your keyring and run the command again. ")
                + environmentNote()));
        done = true;
        loop.quit();
    });
    timer.start(timeoutMs);
    if (!done)
        loop.exec();
    return result;
}

SecretLookup SecretStore::blockingLookup(QList<Error> *problems, int timeoutMs)
{
    auto unavailable = std::make_shared<bool>(false);
    QPointer<SecretStore> self(this);
    return [self, problems, timeoutMs, unavailable](const QString &profile, const QString &name) -> QString {
        if (!self || *unavailable)
            return {};
        const Result r = waitFor(self->read(profile, name), timeoutMs);
        if (r.ok())
            return r.data.toString();
        if (isNotFound(r.error))
            return {};
        if (r.error.code == u"no_backend" || r.error.code == u"timeout")
            *unavailable = true;
        if (problems)
            problems->append(r.error);
        return {};
    };
}

} // namespace crossline
