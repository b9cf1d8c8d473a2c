#pragma once

#include <QPalette>

class QApplication;

namespace crossline {

// Light or dark, as the desktop asks. Qt 6.4 has no colour-scheme API, and on Linux without a platform theme its
// Fusion palette is always light: the app asks the desktop itself and switches to a dark palette when told to.
class ColorScheme
{
public:
    enum Scheme
    {
        Light,
        Dark
    };

    // CROSSLINE_COLOR_SCHEME=dark|light wins (for a user's own choice and for screenshots); then the XDG desktop
    // portal's org.freedesktop.appearance color-scheme (GNOME, KDE and others, on Linux); else the platform
    // palette's own lightness (Windows and macOS give a dark palette in dark mode).
    static Scheme preferred();
    // A dark palette on the Fusion style when the desktop prefers dark and the platform palette is light; nothing
    // otherwise. Call before the first window is built. Returns the scheme in effect.
    static Scheme apply(QApplication &app);
    static QPalette darkPalette();
    static bool isDark(const QPalette &palette); // its window colour is dark
};

} // namespace crossline
