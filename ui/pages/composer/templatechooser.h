#pragma once

#include "error.h"
#include "expected.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLineEdit;

namespace crossline {

class MessageBubble;
class TemplateParameterForm;

// The template part of the WhatsApp form: the WABA's approved templates to choose from, the name and language
// (which may also be typed by hand), and the parameter fields the chosen template declares. Choosing a template
// fills name and language; typing a name and language that match a listed template chooses it.
class TemplateChooser : public QWidget
{
    Q_OBJECT
public:
    explicit TemplateChooser(QWidget *parent = nullptr);

    QComboBox *combo() const { return m_combo; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *languageEdit() const { return m_language; }
    TemplateParameterForm *parameters() const { return m_parameters; }
    QString name() const; // trimmed
    QString language() const; // trimmed

    // The approved templates to offer (WabaCatalogue::templates(): sorted, approved only), or — `error` set — why
    // they could not be listed.
    void setTemplates(const QJsonArray &templates, const Error &error = Error());

    // The send's `template` object ({name, language: {code}, components}), or what stops it, naming
    // "data.template.name", "data.template.language.code" or "data.template.components".
    Expected<QJsonObject> build() const;
    // The field to fix for an error about "data.template…"; nullptr for other fields.
    QWidget *widgetFor(const QString &field) const;
    // Header, body and footer of the chosen template with its parameters filled in, or a line saying what to do.
    void showPreview(MessageBubble *bubble) const;

    // Name, language and parameter values come back at the next start. The values wait for the templates to be
    // listed again, since their fields come from the template.
    QJsonObject parameterValues() const;
    void restore(const QString &name, const QString &language, const QJsonObject &parameterValues);

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void picked(int index);
    // Builds the fields of `listing` (none when empty) and puts them in the Tab order after the language.
    void showParameters(const QJsonObject &listing);
    // Chooses the listed template that name and language name, if any.
    void syncFromFields();

    QComboBox *m_combo;
    QLineEdit *m_name;
    QLineEdit *m_language;
    TemplateParameterForm *m_parameters;
    QJsonArray m_templates;
    QString m_shownKey; // "name/language" of the template whose fields syncFromFields() built
    QJsonObject m_pendingValues; // a draft's parameter values, until their template is listed
    bool m_listJustClosed = false; // the open list closed in the current event: a choice made there
};

} // namespace crossline
