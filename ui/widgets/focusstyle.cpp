#include "widgets/focusstyle.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QFocusEvent>
#include <QIcon>
#include <QPainter>
#include <QStyleOption>

namespace crossline {

namespace {

bool focused(const QStyleOption *option)
{
    return option->state.testFlag(QStyle::State_HasFocus);
}

} // namespace

void FocusStyle::install()
{
    auto *style = new FocusStyle(QApplication::style()->name());
    QApplication::setStyle(style); // the application owns it from here
    qApp->installEventFilter(style);
}

QIcon FocusStyle::standardIcon(StandardPixmap icon, const QStyleOption *option, const QWidget *widget) const
{
#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
    if (icon == SP_CommandLink)
        return QIcon(QStringLiteral(":/icons/command-link.svg"));
#endif
    return QProxyStyle::standardIcon(icon, option, widget);
}

bool FocusStyle::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn) {
        switch (static_cast<QFocusEvent *>(event)->reason()) {
        case Qt::TabFocusReason:
        case Qt::BacktabFocusReason:
        case Qt::ShortcutFocusReason:
            m_keyboardFocus = true;
            break;
        case Qt::MouseFocusReason:
            m_keyboardFocus = false;
            break;
        default:
            break; // a window coming back, a popup closing: the focus moves as it did before
        }
    }
    return QProxyStyle::eventFilter(watched, event);
}

// Only a focus that arrived by keyboard gives buttons, boxes and lists a ring.
bool FocusStyle::byKeyboard(const QStyleOption *option) const
{
    return focused(option) && m_keyboardFocus;
}

void FocusStyle::drawRing(const QStyleOption *option, QPainter *painter, const QRect &rect)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(option->palette.color(QPalette::Active, QPalette::Highlight), RingWidth));
    painter->setBrush(Qt::NoBrush);
    const qreal inset = RingWidth / 2.0;
    painter->drawRoundedRect(QRectF(rect).adjusted(inset, inset, -inset, -inset), 3, 3);
    painter->restore();
}

void FocusStyle::drawPrimitive(
    PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    switch (element) {
    case PE_PanelLineEdit:
        // A line edit inside a combo box or spin box is ringed with its box.
        if (focused(option) && !(widget && widget->parentWidget() && widget->parentWidget()->focusProxy() == widget))
            drawRing(option, painter, option->rect);
        break;
    case PE_PanelButtonCommand:
    case PE_PanelButtonTool:
        if (byKeyboard(option))
            drawRing(option, painter, option->rect);
        break;
    default:
        break;
    }
}

void FocusStyle::drawControl(
    ControlElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawControl(element, option, painter, widget);
    switch (element) {
    case CE_CheckBox:
    case CE_RadioButton:
        // Around the box and its text, not the whole width the layout gave the widget.
        if (byKeyboard(option)) {
            const bool check = element == CE_CheckBox;
            const QRect text = subElementRect(check ? SE_CheckBoxFocusRect : SE_RadioButtonFocusRect, option, widget);
            const QRect box = subElementRect(check ? SE_CheckBoxIndicator : SE_RadioButtonIndicator, option, widget);
            drawRing(option, painter, text.united(box).adjusted(-3, -2, 3, 2) & option->rect);
        }
        break;
    case CE_ShapedFrame:
        // A table or list is one Tab stop: ring the whole view, whatever its current cell.
        if (byKeyboard(option) && qobject_cast<const QAbstractItemView *>(widget))
            drawRing(option, painter, option->rect);
        break;
    default:
        break;
    }
}

void FocusStyle::drawComplexControl(
    ComplexControl control, const QStyleOptionComplex *option, QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawComplexControl(control, option, painter, widget);
    if ((control == CC_ComboBox || control == CC_SpinBox) && byKeyboard(option))
        drawRing(option, painter, option->rect);
}

} // namespace crossline
