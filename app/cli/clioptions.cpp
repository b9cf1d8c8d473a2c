#include "cli/clioptions.h"

namespace crossline::cli {

QList<QCommandLineOption> CliOptions::globalOptions()
{
    return {
        QCommandLineOption(QStringLiteral("profile"), QStringLiteral("Use this profile instead of the active one."),
            QStringLiteral("NAME")),
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")),
        QCommandLineOption(QStringLiteral("timeout"),
            QStringLiteral("Deadline for each exchange with a server, answer included, in seconds (0.1 to 3600; "
                           "default 30). A server silent for 15 s is given up on sooner."),
            QStringLiteral("SECONDS")),
        QCommandLineOption(QStringLiteral("verbose"),
            QStringLiteral("Say where each setting came from and log every request (secrets masked) to stderr.")),
        QCommandLineOption(QStringLiteral("allow-insecure-http"),
            QStringLiteral("Allow plain http:// to hosts other than this machine.")),
        QCommandLineOption(QStringLiteral("yes"), QStringLiteral("Do not ask for confirmation.")),
        QCommandLineOption(
            { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show help for the command.")),
    };
}

bool CliOptions::isGlobalOption(const QString &name)
{
    static const QStringList names { QStringLiteral("profile"), QStringLiteral("timeout"), QStringLiteral("json"),
        QStringLiteral("verbose"), QStringLiteral("yes"), QStringLiteral("allow-insecure-http"), QStringLiteral("help"),
        QStringLiteral("version") };
    return names.contains(name);
}

QStringList CliOptions::commandWords(const QStringList &args)
{
    static const QStringList valueOptions { QStringLiteral("--profile"), QStringLiteral("--timeout") };
    QStringList words;
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--"))
            break;
        if (a.startsWith(QLatin1Char('-')) && a != QLatin1String("-")) {
            if (valueOptions.contains(a))
                ++i;
            // Command words come first; once an option that is not global appears, stop looking.
            else if (a != QLatin1String("-h")
                && (!a.startsWith(QLatin1String("--")) || a == QLatin1String("--version")
                    || !isGlobalOption(a.mid(2).section(QLatin1Char('='), 0, 0))))
                break;
            continue;
        }
        words << a;
    }
    return words;
}

QString CliOptions::helpFor(const CommandSpec &spec)
{
    QString text = QStringLiteral("Usage: crossline-cli [global options] %1 %2\n\n%3\n")
                       .arg(spec.words.join(QLatin1Char(' ')), spec.synopsis, spec.description);
    auto describe = [](const QList<QCommandLineOption> &options) {
        QString block;
        for (const QCommandLineOption &o : options) {
            QStringList names;
            for (const QString &n : o.names())
                names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n
                        + (o.valueName().isEmpty() || n.size() == 1 ? QString() : QLatin1Char('=') + o.valueName());
            block += QStringLiteral("  %1\n      %2\n").arg(names.join(QStringLiteral(", ")), o.description());
        }
        return block;
    };
    if (!spec.options.isEmpty())
        text += QStringLiteral("\nOptions:\n") + describe(spec.options);
    text += QStringLiteral("\nGlobal options:\n") + describe(globalOptions());
    text += QStringLiteral("\nExit codes: 0 ok; 1 the remote side failed; 2 invalid input or usage (nothing was sent); "
                           "3 configuration or keychain problem.\n");
    return text;
}

QString CliOptions::overview(const QList<CommandSpec> &commands)
{
    QString text = QStringLiteral(
        "crossline-cli — Nango and Panora from the command line (the same core as the Crossline desktop app).\n\n"
        "Usage: crossline-cli [--profile=NAME] [--json] [--timeout=SECONDS] [--verbose] COMMAND ...\n\nCommands:\n");
    for (const CommandSpec &c : commands)
        text += QStringLiteral("  %1 %2\n").arg(c.words.join(QLatin1Char(' ')), c.synopsis);
    text += QStringLiteral(
        "\nConfiguration: flags beat environment variables (NANGO_API_BASE/NANGO_HOST, NANGO_SECRET_KEY[_<ENV>],\n"
        "PANORA_API_URL, PANORA_API_KEY, PANORA_CONNECTION_TOKEN), which beat the profile.\n"
        "Run 'crossline-cli COMMAND --help' for a command's options.\n");
    return text;
}

} // namespace crossline::cli
