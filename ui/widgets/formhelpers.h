#pragma once

#include <QCoreApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QScrollArea>
#include <QToolButton>
#include <QWidget>

#include <initializer_list>

// Small layout helpers for forms built by hand (the Composer's tabs and panels).
namespace crossline::forms {

// A search field's clear button, enabled at the first edit (it shows only while there is text anyway). Enabling it
// is what first asks the icon theme for `edit-clear`, which initialises Qt's icon loader: on the page shown at
// start-up that was a third of the work before the first list.
// The line edit's clear button, with a name a screen reader can say (Qt gives it none).
inline void enableClearButton(QLineEdit *edit)
{
    edit->setClearButtonEnabled(true);
    for (QToolButton *button : edit->findChildren<QToolButton *>(Qt::FindDirectChildrenOnly)) {
        if (button->accessibleName().isEmpty()) {
            button->setAccessibleName(QCoreApplication::translate("crossline::forms", "Clear"));
            button->setToolTip(button->accessibleName());
        }
    }
}

inline void clearButtonOnFirstEdit(QLineEdit *edit)
{
    QObject::connect(
        edit, &QLineEdit::textEdited, edit, [edit] { enableClearButton(edit); }, Qt::SingleShotConnection);
}

// A label whose mnemonic focuses `buddy`.
inline QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

// `widgets` side by side without margins; the one at `stretchIndex` takes the spare width (-1: none does).
inline QWidget *row(QWidget *parent, std::initializer_list<QWidget *> widgets, int stretchIndex = 0)
{
    auto *w = new QWidget(parent);
    auto *layout = new QHBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    int i = 0;
    for (QWidget *child : widgets)
        layout->addWidget(child, i++ == stretchIndex ? 1 : 0);
    return w;
}

// `content` in a frameless area that scrolls vertically and fits its width.
inline QWidget *scrollable(QWidget *content, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Its fields take the focus (and it scrolls to them); the area itself would be a Tab stop with nothing to say.
    area->setFocusPolicy(Qt::NoFocus);
    return area;
}

// Secondary text: the palette's placeholder colour.
inline void setMuted(QLabel *label)
{
    label->setForegroundRole(QPalette::PlaceholderText);
}

// `palette` with its text in the colour of errors, a red readable on the palette's window (light or dark).
inline QPalette errorPalette(QPalette palette)
{
    const bool dark = palette.color(QPalette::Window).lightnessF() < 0.5;
    palette.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x23, 0x18));
    return palette;
}

} // namespace crossline::forms
