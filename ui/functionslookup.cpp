#include "functionslookup.h"

#include "clientset.h"
#include "workspace.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace crossline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("crossline::FunctionsLookup", text);
}

} // namespace

Job *lookUpFunctions(Workspace *workspace, const QString &profile, const QString &integration, QObject *parent)
{
    if (!workspace->isSandbox() && !workspace->isReadingSecrets() && workspace->clients()
        && workspace->config().profileName == profile && workspace->config().nangoKey.isSet()) {
        return workspace->clients()->nango()->listFunctions(integration);
    }

    ConfigFlags flags;
    flags.profile = profile;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString keyName = ConfigResolver::nangoKeyName();
    // The keychain is asked only when no environment variable supplies the key (the resolver's own rule).
    bool fromKeychain = false;
    ConfigResolver::resolve(flags, env, &workspace->profiles(), [&](const QString &, const QString &name) {
        fromKeychain = fromKeychain || name == keyName;
        return QString();
    });
    Job *read = fromKeychain ? workspace->secrets()->read(profile, keyName)
                             : Job::finishedJob(Result::success(QString()), parent);
    ProfileStore *profiles = &workspace->profiles();
    const HttpPolicy policy = workspace->policy();
    return Job::chain(
        read,
        [=](const Result &secret) -> Job * {
            if (!secret.ok() && !SecretStore::isNotFound(secret.error))
                return nullptr; // the keychain could not be read: its error says why
            const QString key = secret.ok() ? secret.data.toString() : QString();
            const ResolvedConfig config = ConfigResolver::resolve(flags, env, profiles,
                [&](const QString &, const QString &name) { return name == keyName ? key : QString(); });
            if (config.error)
                return Job::finishedJob(Result::failure(config.error), parent);
            if (!config.nangoKey.isSet()) {
                return Job::finishedJob(
                    Result::failure(Error::config(tr("The profile '%1' has no Nango secret key.").arg(profile),
                        tr("Store it under Secrets (Set…) first, then look up again."))),
                    parent);
            }
            auto *clients = new ClientSet(config, policy);
            Job *job = clients->nango()->listFunctions(integration);
            QObject::connect(job, &Job::finished, clients, &QObject::deleteLater);
            return job;
        },
        parent);
}

} // namespace crossline
