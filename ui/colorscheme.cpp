#include "colorscheme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#ifdef CROSSLINE_HAS_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#endif

namespace crossline {

namespace {

#ifdef CROSSLINE_HAS_DBUS
// The portal's setting: 0 no preference, 1 prefer dark, 2 prefer light; -1 when there is no portal to ask. Asked with
// a short deadline: a desktop without a portal must not delay the start.
int portalColorScheme()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return -1;
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.portal.Desktop"),
        QStringLiteral("/org/freedesktop/portal/desktop"), QStringLiteral("org.freedesktop.portal.Settings"),
        QStringLiteral("Read"));
    call << QStringLiteral("org.freedesktop.appearance") << QStringLiteral("color-scheme");
    const QDBusMessage reply = bus.call(call, QDBus::Block, 300);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return -1;
    // A variant inside a variant (the portal's Read wraps the value once more).
    QVariant value = reply.arguments().first();
    while (value.canConvert<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    bool ok = false;
    const int scheme = value.toInt(&ok);
    return ok ? scheme : -1;
}
#endif

} // namespace

bool ColorScheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

ColorScheme::Scheme ColorScheme::preferred()
{
    const QByteArray forced = qgetenv("CROSSLINE_COLOR_SCHEME").trimmed().toLower();
    if (forced == "dark")
        return Dark;
    if (forced == "light")
        return Light;
#ifdef CROSSLINE_HAS_DBUS
    switch (portalColorScheme()) {
    case 1:
        return Dark;
    case 2:
        return Light;
    default:
        break;
    }
#endif
    return isDark(QApplication::palette()) ? Dark : Light;
}

ColorScheme::Scheme ColorScheme::apply(QApplication &app)
{
    const Scheme scheme = preferred();
    if (scheme == Dark && !isDark(QApplication::palette())) {
        // A palette is the style's to draw: Fusion draws any palette well, a native style may not.
        if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
            QApplication::setStyle(fusion);
        app.setPalette(darkPalette());
    }
    return scheme;
}

QPalette ColorScheme::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor highlight(0x1f, 0x6f, 0xeb); // white text on it: 4.6:1; as a focus ring on the window: 3:1
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa2));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    const QColor disabled(0x7a, 0x7d, 0x82);
    for (const QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4c, 0x50));
    return p;
}

} // namespace crossline
