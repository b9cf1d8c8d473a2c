#include "cli/commands.h"

#include "cli/commandhelpers.h"
#include "cli/connectioncommands.h"
#include "cli/context.h"
#include "cli/envcommands.h"
#include "cli/messagecommands.h"
#include "cli/nangocommands.h"
#include "cli/output.h"
#include "cli/profilecommands.h"
#include "cli/recordcommands.h"
#include "cli/sandboxcommand.h"
#include "cli/secretcommands.h"

#include <cmath>

namespace crossline::cli {

namespace {

// Every command, in the order --help lists them.
QList<Command> commands()
{
    QList<Command> list;
    list.append(connectionCommands());
    list.append(messageCommands());
    list.append(recordCommands());
    list.append(sandboxCommands());
    list.append(nangoRecordCommands(nangoAuthOptions()));
    list.append(profileCommands());
    list.append(secretCommands());
    list.append(envCommands());
    return list;
}

} // namespace

int run(const QStringList &arguments)
{
    const QList<Command> table = commands();
    const QStringList words = CliOptions::commandWords(arguments);
    const bool wantsHelp = arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"));

    QList<CommandSpec> specs;
    for (const Command &c : table)
        specs << c.spec;

    const Command *command = nullptr;
    for (const Command &c : table) {
        if (words.mid(0, c.spec.words.size()) == c.spec.words) {
            command = &c;
            break;
        }
    }
    if (!command) {
        if (words.isEmpty() && wantsHelp) {
            Output::out() << CliOptions::overview(specs);
            return ExitOk;
        }
        if (words.isEmpty() && arguments.contains(QStringLiteral("--version"))) {
            Output::out() << "crossline-cli " << CROSSLINE_VERSION << '\n';
            return ExitOk;
        }
        // An option commandWords() does not know, before any command word, hid the command: name the option.
        if (words.isEmpty()) {
            for (int i = 1; i < arguments.size(); ++i) {
                const QString &a = arguments.at(i);
                if (!a.startsWith(QLatin1String("--")) || a == QLatin1String("--"))
                    continue;
                const QString name = a.mid(2).section(QLatin1Char('='), 0, 0);
                if (!CliOptions::isGlobalOption(name)) {
                    Output::err() << QStringLiteral("error: Unknown option '%1' before the command.").arg(name)
                                  << "\n\n"
                                  << CliOptions::overview(specs);
                    return ExitUsage;
                }
                break;
            }
        }
        Output::err() << (words.isEmpty()
                ? QStringLiteral("error: no command given.")
                : QStringLiteral("error: unknown command \"%1\".").arg(words.join(QLatin1Char(' '))))
                      << "\n\n"
                      << CliOptions::overview(specs);
        return ExitUsage;
    }

    Context ctx;
    ctx.parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const QCommandLineOption &o : CliOptions::globalOptions())
        ctx.parser.addOption(o);
    for (const QCommandLineOption &o : command->spec.options) {
        ctx.parser.addOption(o);
        ctx.m_optionNames << o.names();
    }
    if (!ctx.parser.parse(arguments)) {
        Output::err() << "error: " << ctx.parser.errorText() << "\n\n" << CliOptions::helpFor(command->spec);
        return ExitUsage;
    }
    if (ctx.parser.isSet(QStringLiteral("help"))) {
        Output::out() << CliOptions::helpFor(command->spec);
        return ExitOk;
    }
    // A flag given twice, or given with no value, is a mistake the parser would hide (it keeps the last value, and
    // an empty one reads as "not set" further on): refuse it before anything is sent.
    QList<QCommandLineOption> given = CliOptions::globalOptions();
    given += command->spec.options;
    for (const QCommandLineOption &o : given) {
        const QString name = o.names().constLast();
        const QStringList values = ctx.parser.values(name);
        const QString shown = QStringLiteral("--") + o.names().join(QStringLiteral("/--")); // aliases too
        if (o.valueName().isEmpty()) {
            continue; // a switch: --yes twice means yes
        } else if (values.size() > 1) {
            return ctx.fail(Error::validation(name,
                // The values are not repeated: some flags carry secrets.
                QStringLiteral("%1 was given %2 times: give it once.").arg(shown).arg(values.size())));
        } else if (values.size() == 1 && values.first().trimmed().isEmpty()
            && !command->spec.emptyUnsets.contains(name)) {
            return ctx.fail(Error::validation(
                name, QStringLiteral("%1 is empty: give a value, or leave the flag out.").arg(shown)));
        }
    }
    ctx.json = ctx.parser.isSet(QStringLiteral("json"));
    ctx.verbose = ctx.parser.isSet(QStringLiteral("verbose"));
    ctx.yes = ctx.parser.isSet(QStringLiteral("yes"));
    if (ctx.parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const double seconds = ctx.parser.value(QStringLiteral("timeout")).toDouble(&ok);
        // NaN passes every comparison and a value below a millisecond becomes 0, which Qt reads as "no timeout".
        if (!ok || !std::isfinite(seconds) || seconds < 0.1 || seconds > 3600)
            return ctx.fail(Error::validation(QStringLiteral("timeout"),
                QStringLiteral("--timeout must be a number of seconds from 0.1 to 3600 (got \"%1\").")
                    .arg(ctx.parser.value(QStringLiteral("timeout")))));
        ctx.policy.timeoutMs = int(seconds * 1000);
    }
    QStringList positional = ctx.parser.positionalArguments().mid(command->spec.words.size());
    if (command->spec.positional.isEmpty() && !positional.isEmpty())
        return ctx.fail(Error::validation(QStringLiteral("arguments"),
            QStringLiteral("Unexpected argument \"%1\" (values go with a flag, e.g. --body=\"…\").")
                .arg(positional.first())));
    if (command->needsConfig) {
        if (const Error e = ctx.setUp())
            return ctx.fail(e);
    }
    return command->run(ctx, positional);
}

} // namespace crossline::cli
