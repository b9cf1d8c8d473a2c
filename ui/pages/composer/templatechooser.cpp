#include "pages/composer/templatechooser.h"

#include "widgets/formhelpers.h"
#include "widgets/messagebubble.h"
#include "widgets/templateparameterform.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTimer>

namespace crossline {

TemplateChooser::TemplateChooser(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("templateCombo"));
    m_combo->setAccessibleName(tr("Approved templates"));
    m_combo->setToolTip(tr("The WABA's approved templates; load them with the WABA id"));
    m_combo->addItem(tr("No templates loaded — enter the WABA id and press Load"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("templateName"));
    m_name->setAccessibleName(tr("Template name"));
    m_name->setPlaceholderText(QStringLiteral("hello_world"));
    m_language = new QLineEdit(this);
    m_language->setObjectName(QStringLiteral("templateLanguage"));
    m_language->setAccessibleName(tr("Template language code"));
    m_language->setPlaceholderText(QStringLiteral("en_US"));
    m_language->setToolTip(tr("Must match the approved template exactly: en_US is not en"));
    m_language->setMaximumWidth(m_language->fontMetrics().horizontalAdvance(QStringLiteral("en_US_XXXX")) * 2);
    auto *languageLabel = forms::buddyLabel(tr("&Language:"), m_language, this);
    m_parameters = new TemplateParameterForm(this);
    m_parameters->setObjectName(QStringLiteral("templateParameters"));
    form->addRow(forms::buddyLabel(tr("T&emplate:"), m_combo, this), m_combo);
    form->addRow(
        forms::buddyLabel(tr("&Name:"), m_name, this), forms::row(this, { m_name, languageLabel, m_language }, 0));
    form->addRow(m_parameters);

    connect(m_combo, &QComboBox::activated, this, &TemplateChooser::picked);
    // The arrow keys on the closed box activate each item they pass; only a choice made in the open list moves the
    // focus on to the template's fields, so the list can be walked. The list's popup closes just before it
    // activates the choice, in the same event.
    m_combo->view()->window()->installEventFilter(this);
    connect(m_name, &QLineEdit::textEdited, this, &TemplateChooser::syncFromFields);
    connect(m_language, &QLineEdit::textEdited, this, &TemplateChooser::syncFromFields);
    connect(m_name, &QLineEdit::textChanged, this, &TemplateChooser::changed);
    connect(m_language, &QLineEdit::textChanged, this, &TemplateChooser::changed);
    connect(m_parameters, &TemplateParameterForm::changed, this, &TemplateChooser::changed);
}

QString TemplateChooser::name() const
{
    return m_name->text().trimmed();
}

QString TemplateChooser::language() const
{
    return m_language->text().trimmed();
}

void TemplateChooser::setTemplates(const QJsonArray &templates, const Error &error)
{
    m_templates = templates;
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    // A list that could not be loaded is not an empty list: say so, and why.
    if (error && m_templates.isEmpty()) {
        m_combo->addItem(tr("✗ The templates could not be loaded: %1").arg(error.summary()), -1);
        m_combo->setItemData(
            0, error.hint.isEmpty() ? error.summary() : error.summary() + u'\n' + error.hint, Qt::ToolTipRole);
    } else {
        m_combo->addItem(
            m_templates.isEmpty() ? tr("The WABA has no approved templates") : tr("Choose a template…"), -1);
    }
    for (int i = 0; i < m_templates.size(); ++i) {
        const QJsonObject t = m_templates.at(i).toObject();
        m_combo->addItem(
            tr("%1 · %2").arg(t.value(QLatin1String("name")).toString(), t.value(QLatin1String("language")).toString()),
            i);
        m_combo->setItemData(i + 1, t.value(QLatin1String("category")).toString(), Qt::ToolTipRole);
    }
    syncFromFields();
}

void TemplateChooser::picked(int index)
{
    const int i = m_combo->itemData(index).toInt();
    if (i < 0 || i >= m_templates.size())
        return;
    const QJsonObject t = m_templates.at(i).toObject();
    m_name->setText(t.value(QLatin1String("name")).toString());
    m_language->setText(t.value(QLatin1String("language")).toString());
    showParameters(t);
    if (!m_listJustClosed)
        return;
    if (QLineEdit *first = m_parameters->firstMissingEdit())
        first->setFocus(Qt::OtherFocusReason);
}

bool TemplateChooser::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Hide) {
        m_listJustClosed = true;
        QTimer::singleShot(0, this, [this] { m_listJustClosed = false; });
    }
    return QWidget::eventFilter(watched, event);
}

void TemplateChooser::showParameters(const QJsonObject &listing)
{
    m_parameters->setTemplate(listing);
    // New fields join the end of the window's Tab chain; they belong right after the language, where they are shown.
    QWidget *previous = m_language;
    for (QLineEdit *edit : m_parameters->fieldEdits()) {
        QWidget::setTabOrder(previous, edit);
        previous = edit;
    }
}

void TemplateChooser::syncFromFields()
{
    const QString name = this->name();
    const QString language = this->language();
    for (int i = 0; i < m_templates.size(); ++i) {
        const QJsonObject t = m_templates.at(i).toObject();
        if (t.value(QLatin1String("name")).toString() == name
            && t.value(QLatin1String("language")).toString() == language) {
            const QSignalBlocker blocker(m_combo);
            m_combo->setCurrentIndex(i + 1);
            if (m_shownKey != name + QLatin1Char('/') + language) {
                const QJsonObject pending = m_pendingValues;
                showParameters(t);
                m_parameters->setValues(pending);
                m_pendingValues = {};
                m_shownKey = name + QLatin1Char('/') + language;
            }
            return;
        }
    }
    const QSignalBlocker blocker(m_combo);
    m_combo->setCurrentIndex(0);
    if (m_parameters->hasTemplate()) {
        showParameters({});
        m_shownKey.clear();
    }
}

Expected<QJsonObject> TemplateChooser::build() const
{
    const QString name = this->name();
    const QString language = this->language();
    if (name.isEmpty())
        return Error::validation(
            QStringLiteral("data.template.name"), tr("Template name: pick a loaded template or type its name."));
    if (language.isEmpty())
        return Error::validation(QStringLiteral("data.template.language.code"),
            tr("Language: type the template's language code, e.g. en_US."));
    if (!m_parameters->firstMissing().isEmpty())
        return Error::validation(QStringLiteral("data.template.components"),
            tr("Template parameter %1: fill it in.").arg(m_parameters->firstMissing()));
    if (QLineEdit *bad = m_parameters->firstBadLinkEdit())
        return Error::validation(QStringLiteral("data.template.components"),
            tr("Template parameter %1: give a full http(s) link, e.g. https://example.com/receipt.png.")
                .arg(m_parameters->labelOf(bad)));
    QJsonObject templ { { QStringLiteral("name"), name },
        { QStringLiteral("language"), QJsonObject { { QStringLiteral("code"), language } } } };
    const QJsonArray components = m_parameters->components();
    if (!components.isEmpty())
        templ.insert(QStringLiteral("components"), components);
    return templ;
}

QWidget *TemplateChooser::widgetFor(const QString &field) const
{
    if (field.startsWith(QLatin1String("data.template.components"))) {
        // The parameter build() complained about; an error from elsewhere about the components goes to the name.
        if (QLineEdit *missing = m_parameters->firstMissingEdit())
            return missing;
        if (QLineEdit *bad = m_parameters->firstBadLinkEdit())
            return bad;
        return m_name;
    }
    if (field.startsWith(QLatin1String("data.template.language")))
        return m_language;
    if (field.startsWith(QLatin1String("data.template")))
        return m_name;
    return nullptr;
}

void TemplateChooser::showPreview(MessageBubble *bubble) const
{
    const QString name = this->name();
    if (m_parameters->hasTemplate()) {
        bubble->setHeader(m_parameters->previewHeader());
        bubble->setBodyHtml(m_parameters->previewBodyHtml());
        bubble->setFooter(m_parameters->previewFooter());
    } else if (!name.isEmpty()) {
        bubble->setBody(tr("Template “%1” (%2) — load the WABA's templates to preview its text.")
                            .arg(name, m_language->text().trimmed()));
    } else {
        bubble->setBody(QString());
    }
}

QJsonObject TemplateChooser::parameterValues() const
{
    return m_parameters->values();
}

void TemplateChooser::restore(const QString &name, const QString &language, const QJsonObject &parameterValues)
{
    m_name->setText(name);
    m_language->setText(language);
    // Parameter fields exist once the templates are listed; their values wait until then.
    m_pendingValues = parameterValues;
    syncFromFields();
}

} // namespace crossline
