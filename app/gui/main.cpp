#include "app/workspace.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

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

    // Qt's plural forms ("%n connections") come from a translation, so English has one too; other languages may follow.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("crossline"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral(":/i18n/crossline_en.qm")))
        QApplication::installTranslator(&translator);

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
