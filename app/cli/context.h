#pragma once

#include "cli/clioptions.h"
#include "clientset.h"
#include "config/configresolver.h"
#include "expected.h"
#include "job.h"
#include "net/httpclient.h"

#include <QCommandLineParser>

#include <functional>
#include <memory>

namespace crossline::cli {

// Everything a command needs: its parsed options and the resolved configuration.
class Context
{
public:
    QCommandLineParser parser;
    bool json = false;
    bool verbose = false;
    bool yes = false;
    HttpPolicy policy;
    ResolvedConfig config;
    std::unique_ptr<ClientSet> clients;
    QStringList m_optionNames;
    // The first keychain failure met while resolving (not "not found"): it explains a missing secret better than
    // "no key is set" does.
    Error keychainProblem;

    QString value(const QString &name) const { return parser.value(name); }
    bool isSet(const QString &name) const { return parser.isSet(name); }
    bool hasOption(const QString &name) const { return m_optionNames.contains(name); }

    // A listing's --format: table (the default), json (also the default with --json) or csv.
    Expected<QString> listFormat() const;

    // Resolves flags > environment > profile (its secrets from the keychain) and builds the clients.
    Error setUp();
    // ResolvedConfig::needsConfirmation: on a production profile, --yes is the explicit yes (the app asks instead).
    Error productionGuard(Effect effect) const;

    static QString readSecretFromStdin();
    static Result wait(Job *job);

    // Prints the error (a missing secret becomes the keychain problem behind it) and returns the exit code.
    int fail(const Error &e) const;
};

// One entry of the command table.
struct Command
{
    CommandSpec spec;
    bool needsConfig = true;
    std::function<int(Context &, const QStringList &positional)> run;
};

// The profile a profile/secret/env command works on when --profile is not given: the active one, else "default".
QString defaultProfileName();
// Asks the user to type `expected` (on a terminal); false without a terminal. True at once with --yes.
bool confirm(Context &ctx, const QString &question, const QString &expected);

} // namespace crossline::cli
