#include "translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace crossline {

bool installTranslations(QCoreApplication *app)
{
    auto *translator = new QTranslator(app);
    if (translator->load(QLocale(), QStringLiteral("crossline"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral(":/i18n/crossline_en.qm"))) {
        return QCoreApplication::installTranslator(translator);
    }
    delete translator;
    return false;
}

} // namespace crossline
