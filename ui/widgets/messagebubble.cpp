#include "widgets/messagebubble.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace crossline {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(
        a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t, a.blueF() * (1 - t) + b.blueF() * t);
}

} // namespace

MessageBubble::MessageBubble(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_body(new QLabel(this))
    , m_footer(new QLabel(this))
    , m_caption(new QLabel(this))
{
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    for (QLabel *label : { m_header, m_body, m_footer, m_caption }) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->hide();
    }
    m_body->setTextFormat(Qt::PlainText);
    m_body->show();
    m_caption->setAlignment(Qt::AlignRight);
    QFont small = m_caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_caption->setFont(small);
    m_footer->setFont(small);
    m_header->setAccessibleName(tr("Preview header"));
    m_body->setAccessibleName(tr("Preview text"));
    m_footer->setAccessibleName(tr("Preview footer"));

    // Margins in font units, so the bubble keeps its proportions at 150 % and 200 %.
    const int em = fontMetrics().height();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em * 3 / 4, em / 2, em * 3 / 4, em / 3 + em / 2);
    layout->setSpacing(em / 4);
    layout->addWidget(m_header);
    layout->addWidget(m_body);
    layout->addWidget(m_footer);
    layout->addWidget(m_caption);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    updateColours();
}

void MessageBubble::setHeader(const QString &text)
{
    m_header->setText(text);
    m_header->setVisible(!text.isEmpty());
}

void MessageBubble::setBody(const QString &text)
{
    m_body->setTextFormat(Qt::PlainText);
    m_bodyEmpty = text.isEmpty();
    m_body->setText(m_bodyEmpty ? m_placeholder : text);
    updateBodyVisibility();
}

void MessageBubble::setBodyHtml(const QString &html)
{
    m_body->setTextFormat(Qt::RichText);
    m_bodyEmpty = html.isEmpty();
    if (m_bodyEmpty) {
        setBody(QString());
        return;
    }
    m_body->setText(html);
    updateBodyVisibility();
}

QString MessageBubble::headerText() const
{
    return m_header->text();
}

QString MessageBubble::footerText() const
{
    return m_footer->text();
}

void MessageBubble::setFooter(const QString &text)
{
    m_footer->setText(text);
    m_footer->setVisible(!text.isEmpty());
}

void MessageBubble::setCaption(const QString &text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

void MessageBubble::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    if (m_bodyEmpty)
        setBody(QString());
}

QString MessageBubble::bodyText() const
{
    if (m_bodyEmpty)
        return QString();
    if (m_body->textFormat() == Qt::RichText)
        return QTextDocumentFragment::fromHtml(m_body->text()).toPlainText();
    return m_body->text();
}

void MessageBubble::updateBodyVisibility()
{
    updateColours();
}

void MessageBubble::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColours();
    QWidget::changeEvent(event);
}

void MessageBubble::updateColours()
{
    const QPalette base = palette();
    const QColor text = base.color(QPalette::Text);
    const QColor muted = mix(text, base.color(QPalette::Base), 0.45);
    for (QLabel *label : { m_header, m_body, m_footer, m_caption }) {
        QPalette p = label->palette();
        const bool dim = label == m_footer || label == m_caption || (label == m_body && m_bodyEmpty);
        p.setColor(QPalette::WindowText, dim ? muted : text);
        label->setPalette(p);
    }
    update();
}

void MessageBubble::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette p = palette();
    // A tint of the highlight colour over the base: an outgoing message, recognisable without a fixed green.
    const QColor fill = mix(p.color(QPalette::Base), p.color(QPalette::Highlight), 0.14);
    const QColor border = mix(p.color(QPalette::Base), p.color(QPalette::Highlight), 0.45);
    const qreal radius = fontMetrics().height() * 0.6;
    QPainterPath path;
    path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter.fillPath(path, fill);
    painter.setPen(QPen(border, 1));
    painter.drawPath(path);
}

} // namespace crossline
