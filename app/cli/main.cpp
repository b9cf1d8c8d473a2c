#include "cli/commands.h"

#include <QCoreApplication>

#ifdef Q_OS_WIN
#include <fcntl.h>
#include <io.h>
#endif

int main(int argc, char *argv[])
{
#ifdef Q_OS_WIN
    // The bytes as written, as on Linux and macOS: in text mode "\n" would become "\r\n", and the CSV's own "\r\n"
    // "\r\r\n".
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
#endif
    QCoreApplication app(argc, argv);
    // The same organisation/application names as the GUI: both read the same profiles.
    QCoreApplication::setOrganizationName(QStringLiteral("Crossline"));
    QCoreApplication::setApplicationName(QStringLiteral("Crossline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROSSLINE_VERSION));
    return crossline::cli::run(QCoreApplication::arguments());
}
