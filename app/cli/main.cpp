#include "cli/commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The same organisation/application names as the GUI: both read the same profiles.
    QCoreApplication::setOrganizationName(QStringLiteral("Crossline"));
    QCoreApplication::setApplicationName(QStringLiteral("Crossline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROSSLINE_VERSION));
    return crossline::cli::run(QCoreApplication::arguments());
}
