#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace crossline::test {

QString sourceDir()
{
    const QByteArray env = qgetenv("CROSSLINE_SOURCE_DIR");
    return env.isEmpty() ? QDir::currentPath() : QString::fromLocal8Bit(env);
}

QString specsDir()
{
    const QByteArray env = qgetenv("CROSSLINE_SPECS_DIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    const QString beside = QDir(sourceDir()).absoluteFilePath(QStringLiteral("../shared/specs"));
    return QFileInfo::exists(beside) ? QDir::cleanPath(beside) : QString();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace crossline::test
