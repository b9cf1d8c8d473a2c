#pragma once

#include <QProxyStyle>

namespace crossline {

// The platform's style with a focus ring people can see: a 2 px outline in the highlight colour around the widget
// that has the keyboard focus (line edits always, while they have it; buttons, check boxes, combo boxes and tables
// once the focus has moved by keyboard, as browsers do). The styles' own cues are a faint tint or none at all
// (Fusion shows nothing on a focused push button), and every task must be possible without a mouse.
//
// It also gives command links (the welcome page's choices) Crossline's own arrow where the platform's style would
// look one up in the desktop's icon theme: on Linux that first lookup initialises Qt's icon loader, 66 M
// instructions before the welcome page, and so the window, can show (docs/PERFORMANCE.md).
class FocusStyle : public QProxyStyle
{
    Q_OBJECT
public:
    using QProxyStyle::QProxyStyle;

    // Makes a FocusStyle over the application's current style the application's style.
    static void install();

    void drawPrimitive(
        PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option, QPainter *painter,
        const QWidget *widget) const override;
    void drawControl(
        ControlElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override;

    QIcon standardIcon(
        StandardPixmap icon, const QStyleOption *option = nullptr, const QWidget *widget = nullptr) const override;

    static constexpr int RingWidth = 2;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool byKeyboard(const QStyleOption *option) const;
    static void drawRing(const QStyleOption *option, QPainter *painter, const QRect &rect);

    // How the focus last moved: by Tab, Backtab or a shortcut (true), or by a click (false). Qt's own
    // State_KeyboardFocusChange is not cleared by a click, so a button clicked after a Tab would keep a ring.
    bool m_keyboardFocus = false;
};

} // namespace crossline
