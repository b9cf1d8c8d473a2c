// ColorScheme: the app follows the desktop's light or dark preference (CROSSLINE_COLOR_SCHEME forces one), and both
// palettes keep every pair of text and background colours readable (WCAG AA: a contrast ratio of 4.5 or more).
#include "colorscheme.h"

#include <QApplication>
#include <QStyle>
#include <QTest>

#include <cmath>

using namespace crossline;

namespace {

double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The text/background pairs the widgets draw with, and the smallest contrast among them.
QString weakestPair(const QPalette &p, double *ratio)
{
    const QList<std::tuple<const char *, QPalette::ColorRole, QPalette::ColorRole>> pairs {
        { "Text on Base", QPalette::Text, QPalette::Base },
        { "WindowText on Window", QPalette::WindowText, QPalette::Window },
        { "ButtonText on Button", QPalette::ButtonText, QPalette::Button },
        { "HighlightedText on Highlight", QPalette::HighlightedText, QPalette::Highlight },
        { "ToolTipText on ToolTipBase", QPalette::ToolTipText, QPalette::ToolTipBase },
        { "PlaceholderText on Base", QPalette::PlaceholderText, QPalette::Base },
        { "Link on Base", QPalette::Link, QPalette::Base },
    };
    QString weakest;
    *ratio = 100;
    for (const auto &[name, fg, bg] : pairs) {
        const double r = contrast(p.color(QPalette::Active, fg), p.color(QPalette::Active, bg));
        if (r < *ratio) {
            *ratio = r;
            weakest = QString::fromLatin1(name);
        }
    }
    return weakest;
}

} // namespace

class TestColorScheme : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forcedByTheVariable();
    void darkPaletteIsReadable();
    void darkIsAppliedOverALightPlatform();
};

void TestColorScheme::forcedByTheVariable()
{
    qputenv("CROSSLINE_COLOR_SCHEME", "dark");
    QCOMPARE(ColorScheme::preferred(), ColorScheme::Dark);
    qputenv("CROSSLINE_COLOR_SCHEME", "Light");
    QCOMPARE(ColorScheme::preferred(), ColorScheme::Light);
    qunsetenv("CROSSLINE_COLOR_SCHEME");
}

void TestColorScheme::darkPaletteIsReadable()
{
    const QPalette dark = ColorScheme::darkPalette();
    QVERIFY(ColorScheme::isDark(dark));
    double ratio = 0;
    const QString weakest = weakestPair(dark, &ratio);
    QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2").arg(weakest).arg(ratio)));
}

void TestColorScheme::darkIsAppliedOverALightPlatform()
{
    QVERIFY(!ColorScheme::isDark(QApplication::palette())); // offscreen: Fusion's light palette
    qputenv("CROSSLINE_COLOR_SCHEME", "light");
    QCOMPARE(ColorScheme::apply(*qApp), ColorScheme::Light);
    QVERIFY(!ColorScheme::isDark(QApplication::palette()));
    qputenv("CROSSLINE_COLOR_SCHEME", "dark");
    QCOMPARE(ColorScheme::apply(*qApp), ColorScheme::Dark);
    QVERIFY(ColorScheme::isDark(QApplication::palette()));
    QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
    QWidget w;
    QVERIFY(ColorScheme::isDark(w.palette())); // what a widget built now draws with
    qunsetenv("CROSSLINE_COLOR_SCHEME");
}

QTEST_MAIN(TestColorScheme)
#include "tst_colorscheme.moc"
