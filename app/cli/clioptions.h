#pragma once

#include <QCommandLineParser>
#include <QStringList>

namespace crossline::cli {

// One command of the CLI: its words ("nango import"), its summary, and its options. Global options are added to
// every command's parser so they work before or after the command words; --flag=value and --flag value both work
// (QCommandLineParser).
struct CommandSpec
{
    QStringList words;
    QString synopsis; // "--providerConfigKey=K --connectionId=ID --apiKey=TOKEN|- [--skip-verification]"
    QString description; // a paragraph
    QList<QCommandLineOption> options;
    QString positional; // e.g. "FILE|-"
    // Valued options an empty value is meaningful for (it unsets a setting); every other one given empty is refused.
    QStringList emptyUnsets;
};

class CliOptions
{
public:
    static QList<QCommandLineOption> globalOptions();
    // The command words found in args (skipping global options and their values).
    // --profile, --timeout, --json, --verbose, --yes, --allow-insecure-http, --help, --version (without the dashes).
    static bool isGlobalOption(const QString &name);
    static QStringList commandWords(const QStringList &args);
    static QString helpFor(const CommandSpec &spec);
    static QString overview(const QList<CommandSpec> &commands);
};

} // namespace crossline::cli
