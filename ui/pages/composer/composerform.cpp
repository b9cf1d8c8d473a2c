#include "pages/composer/composerform.h"

#include "widgets/phonefield.h"

#include <QList>
#include <QPair>

#include <algorithm>

namespace crossline {

ComposerForm::ComposerForm(QWidget *parent)
    : QWidget(parent)
{
}

QString ComposerForm::describeError(const Error &error)
{
    // The channels' checks name `data` fields ("data.to"); the person sees the form's labels.
    static const QList<QPair<QString, const char *>> labels = {
        { QStringLiteral("data.providerConfigKey"), QT_TR_NOOP("Integration") },
        { QStringLiteral("data.connectionId"), QT_TR_NOOP("Connection") },
        { QStringLiteral("data.phoneNumberId"), QT_TR_NOOP("Phone number id") },
        { QStringLiteral("data.to"), QT_TR_NOOP("Recipient") },
        { QStringLiteral("data.body"), QT_TR_NOOP("Message") },
        { QStringLiteral("data.template.name"), QT_TR_NOOP("Template name") },
        { QStringLiteral("data.template.language.code"), QT_TR_NOOP("Language") },
        { QStringLiteral("data.template.language"), QT_TR_NOOP("Language") },
        { QStringLiteral("data.template.components"), QT_TR_NOOP("Template parameters") },
        { QStringLiteral("data.from"), QT_TR_NOOP("From") },
        { QStringLiteral("data.messagingServiceSid"), QT_TR_NOOP("Messaging Service SID") },
        { QStringLiteral("data.accountSid"), QT_TR_NOOP("Account SID") },
    };
    QString message = error.message;
    QString label;
    for (const auto &[path, text] : labels) {
        if (error.field == path || error.field.startsWith(path + QLatin1Char('.'))) {
            label = tr(text);
            break;
        }
    }
    if (label.isEmpty())
        return error.message;
    // Longest paths first so "data.template.language.code" is not half-replaced by "data.template.language".
    QList<QPair<QString, const char *>> sorted = labels;
    std::sort(
        sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
    bool replaced = false;
    for (const auto &[path, text] : sorted) {
        if (message.contains(path)) {
            message.replace(path, tr(text));
            replaced = true;
        }
    }
    if (!replaced)
        message = tr("%1: %2").arg(label, message);
    if (!error.hint.isEmpty())
        message += QLatin1Char(' ') + error.hint;
    return message;
}

QStringList ComposerForm::warnings(const QJsonObject &data) const
{
    QStringList warnings = messageWarnings(data);
    warnings.removeAll(m_recipient->check().warning);
    for (QString &w : warnings) {
        for (const char *path : { "data.body", "data.to", "data.accountSid", "data.from", "data.template.name" }) {
            Error e;
            e.field = QLatin1String(path);
            e.message = w;
            if (w.contains(QLatin1String(path)))
                w = describeError(e);
        }
    }
    return warnings;
}

} // namespace crossline
