#include "cli/context.h"

#include "cli/output.h"
#include "cli/terminal.h"
#include "config/profilestore.h"
#include "secrets/secretstore.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QSettings>

#include <cstdio>

namespace crossline::cli {

Error Context::setUp()
{
    ConfigFlags flags;
    flags.profile = parser.value(QStringLiteral("profile"));
    flags.allowInsecureHttp = parser.isSet(QStringLiteral("allow-insecure-http"));
    auto optional = [this](const QString &name) { return hasOption(name) ? parser.value(name) : QString(); };
    flags.nangoBase = optional(QStringLiteral("base"));
    flags.nangoKey = optional(QStringLiteral("key"));
    flags.panoraUrl = optional(QStringLiteral("panora-url"));
    flags.panoraKey = optional(QStringLiteral("panora-key"));
    flags.panoraConnectionToken = optional(QStringLiteral("panora-connection-token"));
    if (flags.nangoKey == QLatin1String("-"))
        flags.nangoKey = readSecretFromStdin();
    // A base URL given on the command line is input: checked here, before anything else, as a usage error.
    for (const auto &[name, value] : { std::pair { QStringLiteral("base"), flags.nangoBase },
             std::pair { QStringLiteral("panora-url"), flags.panoraUrl } }) {
        if (value.isEmpty())
            continue;
        if (Error e = Profile::validateUrl(value, name)) {
            e.message = QStringLiteral("--%1: %2").arg(name, e.message);
            return e;
        }
    }

    QSettings settings;
    ProfileStore profiles(&settings);
    SecretStore secrets;
    QList<Error> problems;
    // The keychain is asked only for a secret that no flag or environment variable gives (ConfigResolver).
    const SecretLookup lookup = secrets.blockingLookup(&problems);
    config = ConfigResolver::resolve(flags, QProcessEnvironment::systemEnvironment(), &profiles, lookup);
    if (!problems.isEmpty())
        keychainProblem = problems.first();
    if (verbose) {
        for (const QString &line : config.describe())
            Output::err() << "config: " << line << '\n';
        for (const QString &w : config.warnings)
            Output::err() << "warning: " << w << '\n';
        for (const Error &p : problems)
            Output::err() << "warning: keychain: " << p.message << '\n';
        Output::err().flush();
    }
    if (config.error)
        return config.error;
    clients = std::make_unique<ClientSet>(config, policy);
    if (verbose) {
        QObject::connect(clients->http(), &HttpClient::requestRecorded, clients.get(), [](const RequestRecord &r) {
            Output::err() << "http: " << r.line() << '\n';
            Output::err().flush();
        });
    }
    return {};
}

Error Context::productionGuard(Effect effect) const
{
    if (!config.needsConfirmation(effect) || yes)
        return {};
    return Error::validation(QStringLiteral("yes"),
        QStringLiteral("Profile %1 is a production profile: add --yes to %2.")
            .arg(config.profileName, effectVerb(effect)),
        QStringLiteral("Nothing was sent. Production profiles need an explicit --yes for anything that sends, "
                       "creates, imports or deletes."));
}

int Context::fail(const Error &e) const
{
    const bool secretMissing
        = !config.nangoKey.isSet() || !config.panoraKey.isSet() || !config.panoraConnectionToken.isSet();
    if (e.kind == Error::Kind::Config && keychainProblem && secretMissing) {
        // "No Nango secret key is set" is true but unhelpful when the keychain that should hold it cannot be read.
        Error combined = keychainProblem;
        combined.message = e.message + QStringLiteral(" The keychain could not be read: ") + keychainProblem.message;
        return Output::error(combined, json);
    }
    return Output::error(e, json);
}

QString Context::readSecretFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray data = in.readAll();
    while (data.endsWith('\n') || data.endsWith('\r'))
        data.chop(1);
    const QString value = QString::fromUtf8(data);
    data.fill('\0');
    return value;
}

Expected<QString> Context::listFormat() const
{
    const QString format = isSet(QStringLiteral("format")) ? value(QStringLiteral("format"))
        : json                                             ? QStringLiteral("json")
                                                           : QStringLiteral("table");
    if (format != QLatin1String("table") && format != QLatin1String("json") && format != QLatin1String("csv"))
        return Error::validation(QStringLiteral("format"), QStringLiteral("--format must be table, json or csv."));
    return format;
}

Result Context::wait(Job *job)
{
    return Job::wait(job);
}

QString defaultProfileName()
{
    QSettings settings;
    const ProfileStore profiles(&settings);
    const QString active = profiles.activeName();
    return active.isEmpty() ? QStringLiteral("default") : active;
}

bool confirm(Context &ctx, const QString &question, const QString &expected)
{
    if (ctx.yes)
        return true;
    if (!Terminal::stdinIsTerminal())
        return false;
    Output::err() << question << ' ';
    Output::err().flush();
    char buffer[512] = {};
    if (!std::fgets(buffer, sizeof buffer, stdin))
        return false;
    return QString::fromUtf8(buffer).trimmed() == expected;
}

} // namespace crossline::cli
