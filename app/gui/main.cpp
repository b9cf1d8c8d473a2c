#include "colorscheme.h"
#include "mainwindow.h"
#include "modules.h"
#include "translations.h"
#include "widgets/focusstyle.h"
#include "workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPointer>

namespace {
// The options, for the window and for --help/--version (which must work without a display: a QApplication cannot
// start without one, so those are answered by a QCoreApplication first).
void describe(QCommandLineParser &parser, const QCommandLineOption &sandbox, const QCommandLineOption &realNango)
{
    parser.setApplicationDescription(QStringLiteral("Crossline — a desktop console for Nango and Panora."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(sandbox);
    parser.addOption(realNango);
}

bool asksOnlyForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    const QCommandLineOption sandbox(QStringLiteral("sandbox"), QStringLiteral("Start on the embedded sandbox."));
    const QCommandLineOption realNango(QStringLiteral("real-nango"),
        QStringLiteral("With --sandbox: the sandbox behaves like a deployed Nango (synced records and actions, no "
                       "/crm/contacts or /hris/employees), and contacts and employees are its synced records."));
    if (asksOnlyForText(argc, argv)) {
        QCoreApplication text(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("Crossline"));
        QCoreApplication::setApplicationVersion(QStringLiteral(CROSSLINE_VERSION));
        QCommandLineParser parser;
        describe(parser, sandbox, realNango);
        parser.process(text); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    crossline::ColorScheme::apply(app);
    crossline::FocusStyle::install(); // over the style the scheme chose
    // The same names as crossline-cli: both read the same profiles and keychain entries.
    QApplication::setOrganizationName(QStringLiteral("Crossline"));
    QApplication::setApplicationName(QStringLiteral("Crossline"));
    QApplication::setApplicationDisplayName(QStringLiteral("Crossline"));
    QApplication::setApplicationVersion(QStringLiteral(CROSSLINE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("dev.crossline.Crossline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/crossline.svg")));

    crossline::installTranslations(&app);

    QCommandLineParser parser;
    describe(parser, sandbox, realNango);
    parser.process(app);

    crossline::Workspace workspace(
        parser.isSet(sandbox) ? crossline::Workspace::Start::Sandbox : crossline::Workspace::Start::Configured);
    crossline::MainWindow window(&workspace);
    window.show();
    // Map the window first; the sandbox module loads on another thread meanwhile, and the sandbox starts once it is in.
    if (parser.isSet(sandbox)) {
        const auto start = parser.isSet(realNango) ? &crossline::MainWindow::startRealNangoSandbox
                                                   : &crossline::MainWindow::startSandbox;
        crossline::preloadSandboxModule([target = QPointer<crossline::MainWindow>(&window), start] {
            if (target)
                (target->*start)();
        });
    }
    return app.exec();
}
