#include "widgets/templateparameterform.h"

#include "widgets/formhelpers.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QUrl>

namespace crossline {

namespace {

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_]+)\\s*\\}\\}"));
    return re;
}

// Distinct placeholder names in `text`: positional ones in numeric order (Meta wants them in order),
// named ones in order of appearance.
QStringList placeholders(const QString &text, bool named)
{
    QStringList out;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!out.contains(name))
            out.append(name);
    }
    if (!named) {
        std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    }
    return out;
}

bool hasNamedPlaceholder(const QString &text)
{
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        bool numeric = false;
        it.next().captured(1).toInt(&numeric);
        if (!numeric)
            return true;
    }
    return false;
}

// Example values from the listing: example.body_text[0][i] / example.body_text_named_params[{param_name, example}].
QString exampleFor(const QJsonObject &component, const QString &prefix, const QString &name, bool named)
{
    const QJsonObject example = component.value(QLatin1String("example")).toObject();
    if (named) {
        const QJsonArray list = example.value(prefix + QStringLiteral("_text_named_params")).toArray();
        for (const QJsonValue &v : list) {
            if (v.toObject().value(QLatin1String("param_name")).toString() == name)
                return v.toObject().value(QLatin1String("example")).toString();
        }
        return {};
    }
    const int index = name.toInt() - 1;
    QJsonValue values = example.value(prefix + QStringLiteral("_text"));
    if (values.toArray().at(0).isArray())
        values = values.toArray().at(0);
    return values.toArray().at(index).toString();
}

} // namespace

QString TemplateParameterForm::Field::key() const
{
    switch (part) {
    case Part::Header:
        return QStringLiteral("header:") + (name.isEmpty() ? kind : name);
    case Part::Body:
        return QStringLiteral("body:") + name;
    case Part::Button:
        return QStringLiteral("button:%1").arg(buttonIndex);
    }
    return {};
}

TemplateParameterForm::TemplateParameterForm(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
    , m_note(new QLabel(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_form->addRow(m_note);
    setTemplate({});
}

QList<QLineEdit *> TemplateParameterForm::fieldEdits() const
{
    QList<QLineEdit *> out;
    for (const Field &f : m_fields)
        out.append(f.edit);
    return out;
}

void TemplateParameterForm::clearFields()
{
    for (const Field &f : m_fields)
        m_form->removeRow(f.edit);
    m_fields.clear();
}

void TemplateParameterForm::setTemplate(const QJsonObject &listing)
{
    const QJsonObject before = values();
    clearFields();
    m_template = listing;
    m_headerText.clear();
    m_bodyText.clear();
    m_footerText.clear();
    m_buttons = {};
    m_named = listing.value(QLatin1String("parameter_format"))
                  .toString()
                  .compare(QLatin1String("NAMED"), Qt::CaseInsensitive)
        == 0;

    const QJsonArray components = listing.value(QLatin1String("components")).toArray();
    for (const QJsonValue &v : components) {
        const QJsonObject c = v.toObject();
        const QString type = c.value(QLatin1String("type")).toString().toUpper();
        if (type == QLatin1String("HEADER")) {
            const QString format = c.value(QLatin1String("format")).toString().toUpper();
            if (format.isEmpty() || format == QLatin1String("TEXT"))
                m_headerText = c.value(QLatin1String("text")).toString();
        } else if (type == QLatin1String("BODY")) {
            m_bodyText = c.value(QLatin1String("text")).toString();
        } else if (type == QLatin1String("FOOTER")) {
            m_footerText = c.value(QLatin1String("text")).toString();
        } else if (type == QLatin1String("BUTTONS")) {
            m_buttons = c.value(QLatin1String("buttons")).toArray();
        }
    }
    // Some listings omit parameter_format; a {{name}} placeholder can only mean NAMED.
    m_named = m_named || hasNamedPlaceholder(m_headerText) || hasNamedPlaceholder(m_bodyText);

    QStringList unsupported;
    for (const QJsonValue &v : components) {
        const QJsonObject c = v.toObject();
        const QString type = c.value(QLatin1String("type")).toString().toUpper();
        if (type == QLatin1String("HEADER")) {
            const QString format = c.value(QLatin1String("format")).toString().toUpper();
            if (format.isEmpty() || format == QLatin1String("TEXT")) {
                for (const QString &name : placeholders(m_headerText, m_named))
                    addField({ Part::Header, name, QStringLiteral("text"), -1, tr("Header {{%1}}").arg(name), nullptr },
                        exampleFor(c, QStringLiteral("header"), name, m_named));
            } else if (format == QLatin1String("IMAGE") || format == QLatin1String("VIDEO")
                || format == QLatin1String("DOCUMENT")) {
                const QString kind = format.toLower();
                const QString label = kind == QLatin1String("image") ? tr("Header image URL")
                    : kind == QLatin1String("video")                 ? tr("Header video URL")
                                                                     : tr("Header document URL (PDF)");
                addField({ Part::Header, QString(), kind, -1, label, nullptr },
                    c.value(QLatin1String("example"))
                        .toObject()
                        .value(QLatin1String("header_handle"))
                        .toArray()
                        .at(0)
                        .toString());
            } else {
                unsupported << tr("a %1 header").arg(format.toLower());
            }
        } else if (type == QLatin1String("BODY")) {
            for (const QString &name : placeholders(m_bodyText, m_named))
                addField({ Part::Body, name, QStringLiteral("text"), -1, tr("Body {{%1}}").arg(name), nullptr },
                    exampleFor(c, QStringLiteral("body"), name, m_named));
        } else if (type == QLatin1String("BUTTONS")) {
            const QJsonArray buttons = c.value(QLatin1String("buttons")).toArray();
            for (int i = 0; i < buttons.size(); ++i) {
                const QJsonObject b = buttons.at(i).toObject();
                const QString url = b.value(QLatin1String("url")).toString();
                const auto placeholder = placeholderPattern().match(url);
                if (b.value(QLatin1String("type")).toString().toUpper() == QLatin1String("URL")
                    && placeholder.hasMatch()) {
                    // The listing's example is a whole URL; the field takes only what replaces {{1}}.
                    QString example = b.value(QLatin1String("example")).toArray().at(0).toString();
                    const QString prefix = url.left(placeholder.capturedStart());
                    if (example.startsWith(prefix))
                        example = example.mid(prefix.size());
                    addField({ Part::Button, QString(), QStringLiteral("text"), i,
                                 tr("Button “%1” URL suffix").arg(b.value(QLatin1String("text")).toString()), nullptr },
                        example);
                }
            }
        }
    }

    if (listing.isEmpty())
        m_note->setText(tr("Load the WABA's templates and pick one to fill its parameters; a template typed by "
                           "hand is sent without parameters."));
    else if (m_fields.isEmpty())
        m_note->setText(tr("This template takes no parameters."));
    else
        m_note->setText(
            m_named ? tr("Named parameters (sent with parameter_name):") : tr("Positional parameters, sent in order:"));
    if (!unsupported.isEmpty())
        m_note->setText(m_note->text() + QLatin1Char(' ')
            + tr("The composer cannot fill %1; the send may be refused.").arg(unsupported.join(QStringLiteral(", "))));

    setValues(before);
    Q_EMIT changed();
}

void TemplateParameterForm::addField(Field field, const QString &example)
{
    field.edit = new QLineEdit(this);
    field.edit->setObjectName(QStringLiteral("templateParameter_") + field.key());
    field.edit->setAccessibleName(tr("Template parameter %1").arg(field.label));
    field.edit->setPlaceholderText(example.isEmpty() ? QString() : tr("e.g. %1").arg(example));
    forms::enableClearButton(field.edit);
    connect(field.edit, &QLineEdit::textChanged, this, &TemplateParameterForm::changed);
    auto *label = new QLabel(field.label, this);
    label->setBuddy(field.edit);
    m_form->addRow(label, field.edit);
    m_fields.append(field);
}

QJsonArray TemplateParameterForm::components() const
{
    QJsonArray header, body, out;
    QList<QJsonObject> buttons;
    for (const Field &f : m_fields) {
        const QString value = f.edit->text();
        QJsonObject p;
        if (f.kind == QLatin1String("text")) {
            p = { { QStringLiteral("type"), QStringLiteral("text") } };
            if (m_named && !f.name.isEmpty())
                p.insert(QStringLiteral("parameter_name"), f.name);
            p.insert(QStringLiteral("text"), value);
        } else {
            p = { { QStringLiteral("type"), f.kind },
                { f.kind, QJsonObject { { QStringLiteral("link"), value.trimmed() } } } };
        }
        switch (f.part) {
        case Part::Header:
            header.append(p);
            break;
        case Part::Body:
            body.append(p);
            break;
        case Part::Button:
            buttons.append({ { QStringLiteral("type"), QStringLiteral("button") },
                { QStringLiteral("sub_type"), QStringLiteral("url") },
                { QStringLiteral("index"), QString::number(f.buttonIndex) },
                { QStringLiteral("parameters"), QJsonArray { p } } });
            break;
        }
    }
    if (!header.isEmpty())
        out.append(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("header") }, { QStringLiteral("parameters"), header } });
    if (!body.isEmpty())
        out.append(
            QJsonObject { { QStringLiteral("type"), QStringLiteral("body") }, { QStringLiteral("parameters"), body } });
    for (const QJsonObject &b : buttons)
        out.append(b);
    return out;
}

QString TemplateParameterForm::firstMissing() const
{
    return labelOf(firstMissingEdit());
}

QString TemplateParameterForm::labelOf(const QLineEdit *edit) const
{
    for (const Field &f : m_fields) {
        if (edit && f.edit == edit)
            return f.label;
    }
    return {};
}

QLineEdit *TemplateParameterForm::firstBadLinkEdit() const
{
    for (const Field &f : m_fields) {
        if (f.kind == QLatin1String("text"))
            continue;
        const QUrl link(f.edit->text().trimmed(), QUrl::StrictMode);
        const bool ok = link.isValid() && !link.host().isEmpty()
            && (link.scheme() == QLatin1String("https") || link.scheme() == QLatin1String("http"));
        if (!ok)
            return f.edit;
    }
    return nullptr;
}

QLineEdit *TemplateParameterForm::firstMissingEdit() const
{
    for (const Field &f : m_fields) {
        if (f.edit->text().trimmed().isEmpty())
            return f.edit;
    }
    return nullptr;
}

QString TemplateParameterForm::substitute(const QString &text, Part part, bool html) const
{
    QString out;
    qsizetype last = 0;
    auto it = placeholderPattern().globalMatch(text);
    auto plain = [html](const QString &s) { return html ? s.toHtmlEscaped() : s; };
    while (it.hasNext()) {
        const auto match = it.next();
        out += plain(text.mid(last, match.capturedStart() - last));
        QString value;
        for (const Field &f : m_fields) {
            if (f.part == part && f.name == match.captured(1))
                value = f.edit->text();
        }
        if (value.isEmpty())
            out += plain(match.captured(0));
        else
            out += html ? QStringLiteral("<b>") + value.toHtmlEscaped() + QStringLiteral("</b>") : value;
        last = match.capturedEnd();
    }
    out += plain(text.mid(last));
    if (html)
        out.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return out;
}

QString TemplateParameterForm::previewHeader() const
{
    for (const Field &f : m_fields) {
        if (f.part != Part::Header || f.kind == QLatin1String("text"))
            continue;
        const QString link = f.edit->text().trimmed();
        const QString what = f.kind == QLatin1String("image") ? tr("Image")
            : f.kind == QLatin1String("video")                ? tr("Video")
                                                              : tr("Document");
        return link.isEmpty() ? tr("%1 header — its link is still missing").arg(what) : tr("%1: %2").arg(what, link);
    }
    return substitute(m_headerText, Part::Header, false);
}

QString TemplateParameterForm::previewBodyHtml() const
{
    return substitute(m_bodyText, Part::Body, true);
}

QString TemplateParameterForm::previewBodyText() const
{
    return substitute(m_bodyText, Part::Body, false);
}

QString TemplateParameterForm::previewFooter() const
{
    // The footer, then one line per button as the phone shows them: "↗ Track order: https://…/A-1042".
    QStringList lines;
    if (!m_footerText.isEmpty())
        lines << m_footerText;
    for (int i = 0; i < m_buttons.size(); ++i) {
        const QJsonObject b = m_buttons.at(i).toObject();
        const QString text = b.value(QLatin1String("text")).toString();
        if (b.value(QLatin1String("type")).toString().toUpper() != QLatin1String("URL")) {
            lines << tr("↩ %1").arg(text);
            continue;
        }
        QString url = b.value(QLatin1String("url")).toString();
        for (const Field &f : m_fields) {
            if (f.part == Part::Button && f.buttonIndex == i && !f.edit->text().isEmpty())
                url.replace(placeholderPattern(), f.edit->text());
        }
        lines << tr("↗ %1: %2").arg(text, url);
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonObject TemplateParameterForm::values() const
{
    QJsonObject out;
    for (const Field &f : m_fields) {
        if (!f.edit->text().isEmpty())
            out.insert(f.key(), f.edit->text());
    }
    return out;
}

void TemplateParameterForm::setValues(const QJsonObject &values)
{
    for (const Field &f : m_fields) {
        if (values.contains(f.key()))
            f.edit->setText(values.value(f.key()).toString());
    }
}

} // namespace crossline
