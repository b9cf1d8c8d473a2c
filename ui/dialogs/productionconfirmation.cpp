#include "dialogs/productionconfirmation.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace crossline {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crossline::ProductionConfirmation", text);
}

QString actionLabel(Effect effect)
{
    switch (effect) {
    case Effect::Send:
        return tr("Send");
    case Effect::Create:
        return tr("Create");
    case Effect::Import:
        return tr("Import");
    case Effect::Delete:
        return tr("Delete");
    case Effect::Read:
        break;
    }
    return tr("Continue");
}

QString title(Effect effect)
{
    switch (effect) {
    case Effect::Send:
        return tr("Send through production?");
    case Effect::Create:
        return tr("Create in production?");
    case Effect::Import:
        return tr("Import into production?");
    case Effect::Delete:
        return tr("Delete from production?");
    case Effect::Read:
        break;
    }
    return tr("Production profile");
}
} // namespace

QMessageBox *confirmProduction(QWidget *parent, const ResolvedConfig &config, Effect effect, const QString &what,
    const std::function<void()> &proceed, const std::function<void()> &declined)
{
    if (!config.needsConfirmation(effect)) {
        proceed();
        return nullptr;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, title(effect),
        tr("Profile “%1” is a production profile. %2").arg(config.profileName, what),
        QMessageBox::Yes | QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("productionConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(actionLabel(effect));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QObject::connect(box, &QMessageBox::buttonClicked, box, [box, proceed, declined](QAbstractButton *button) {
        if (box->standardButton(button) == QMessageBox::Yes)
            proceed();
        else if (declined)
            declined();
    });
    box->open();
    return box;
}

} // namespace crossline
