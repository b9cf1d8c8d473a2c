#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace crossline {

// The input fields a WhatsApp template declares, generated from one item of GET /{WABA}/message_templates:
// {{1}}… positional or {{name}} NAMED placeholders in the HEADER and BODY text, a link for media
// headers, a suffix per dynamic URL button. Builds the send's `components` in the shapes Meta's send API takes
// (listing uses HEADER/BODY/BUTTONS; sending uses lowercase header/body/button with one component per button).
class TemplateParameterForm : public QWidget
{
    Q_OBJECT
public:
    explicit TemplateParameterForm(QWidget *parent = nullptr);

    // An empty object means "a template we know nothing about" (typed by hand): no fields, no components.
    void setTemplate(const QJsonObject &listing);
    bool hasTemplate() const { return !m_template.isEmpty(); }
    bool isNamed() const { return m_named; }
    int fieldCount() const { return int(m_fields.size()); }
    QList<QLineEdit *> fieldEdits() const;

    QJsonArray components() const;
    // The label of the first field left empty ("Body {{2}}"), or an empty string when everything is filled.
    QString firstMissing() const;
    QLineEdit *firstMissingEdit() const;
    // The first media header (image/video/document URL) whose value is not a full http(s) link, or nullptr.
    QLineEdit *firstBadLinkEdit() const;
    QString labelOf(const QLineEdit *edit) const;

    // The template with the parameters put in: header, body (HTML with the filled values in bold) and footer.
    QString previewHeader() const;
    QString previewBodyHtml() const;
    QString previewBodyText() const;
    QString previewFooter() const;

    // Values by field key ("body:1", "header:customer_name", "button:0"), for drafts.
    QJsonObject values() const;
    void setValues(const QJsonObject &values);

Q_SIGNALS:
    void changed();

private:
    enum class Part
    {
        Header,
        Body,
        Button
    };
    struct Field
    {
        Part part;
        QString name; // placeholder name ("1", "customer_name"); empty for media headers and buttons
        QString kind; // "text", "image", "video", "document"
        int buttonIndex = -1;
        QString label;
        QLineEdit *edit = nullptr;
        QString key() const;
    };

    void addField(Field field, const QString &example);
    void clearFields();
    QString substitute(const QString &text, Part part, bool html) const;

    QFormLayout *m_form;
    QLabel *m_note;
    QJsonObject m_template;
    bool m_named = false;
    QString m_headerText;
    QString m_bodyText;
    QString m_footerText;
    QJsonArray m_buttons; // the listing's BUTTONS, for the preview
    QList<Field> m_fields;
};

} // namespace crossline
