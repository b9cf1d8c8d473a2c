#include "mainwindow.h"
#include "translations.h"
#include "workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // The same names as crossline-cli: both read the same profiles and keychain entries.
    QApplication::setOrganizationName(QStringLiteral("Crossline"));
    QApplication::setApplicationName(QStringLiteral("Crossline"));
    QApplication::setApplicationDisplayName(QStringLiteral("Crossline"));
    QApplication::setApplicationVersion(QStringLiteral(CROSSLINE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("dev.crossline.Crossline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/crossline.svg")));

    crossline::installTranslations(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Crossline — a desktop console for Nango and Panora."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(QStringLiteral("sandbox"), QStringLiteral("Start on the embedded sandbox."));
    parser.addOption(sandbox);
    parser.process(app);

    crossline::Workspace workspace;
    crossline::MainWindow window(&workspace);
    window.show();
    // Map the window first; seeding the sandbox's thousands of records then happens behind the first paint.
    if (parser.isSet(sandbox))
        QTimer::singleShot(0, &window, &crossline::MainWindow::startSandbox);
    return app.exec();
}
