// FocusStyle: the widget the keyboard focus is on carries a ring in the highlight colour a person can see (all
// around), where the platform's own style shows little or nothing; a click leaves buttons without one, a line edit
// has one while it is being typed in.
#include "widgets/focusstyle.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLinkButton>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QVBoxLayout>

using namespace crossline;

namespace {

// How much of the widget's outermost pixels are (nearly) the highlight colour, from 0 to 1.
double ringShare(QWidget *w)
{
    const QImage image = w->grab().toImage();
    const QColor highlight = w->palette().color(QPalette::Active, QPalette::Highlight);
    auto near = [&](const QColor &c) {
        return qAbs(c.red() - highlight.red()) + qAbs(c.green() - highlight.green()) + qAbs(c.blue() - highlight.blue())
            < 60;
    };
    int band = 0;
    int hits = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const bool edge = x == 0 || y == 0 || x == image.width() - 1 || y == image.height() - 1;
            if (!edge)
                continue;
            ++band;
            hits += near(image.pixelColor(x, y)) ? 1 : 0;
        }
    }
    return band ? double(hits) / band : 0;
}

} // namespace

class TestFocusStyle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tabShowsARing();
    void clickShowsNoRingOnAButton();
    void commandLinksUseTheAppsArrow();

private:
    std::unique_ptr<QWidget> m_window;
    QLineEdit *m_edit = nullptr;
    QPushButton *m_button = nullptr;
    QTableWidget *m_table = nullptr;
};

void TestFocusStyle::initTestCase()
{
    Q_INIT_RESOURCE(crossline); // the icons of the static crossline_ui library
    FocusStyle::install();
    QVERIFY(qobject_cast<FocusStyle *>(QApplication::style()));
    m_window = std::make_unique<QWidget>();
    auto *layout = new QVBoxLayout(m_window.get());
    m_edit = new QLineEdit(QStringLiteral("text"));
    m_button = new QPushButton(QStringLiteral("Button"));
    m_table = new QTableWidget(3, 2);
    for (QWidget *w :
        { static_cast<QWidget *>(m_edit), static_cast<QWidget *>(m_button), static_cast<QWidget *>(m_table) })
        layout->addWidget(w);
    m_window->resize(300, 300);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestFocusStyle::tabShowsARing()
{
    m_edit->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(m_edit->hasFocus());
    QVERIFY2(ringShare(m_edit) > 0.6, qPrintable(QString::number(ringShare(m_edit))));
    QVERIFY2(ringShare(m_button) < 0.1, qPrintable(QString::number(ringShare(m_button))));

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QTRY_VERIFY(m_button->hasFocus());
    QVERIFY2(ringShare(m_button) > 0.6, qPrintable(QString::number(ringShare(m_button))));
    QVERIFY2(ringShare(m_edit) < 0.1, qPrintable(QString::number(ringShare(m_edit))));

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QTRY_VERIFY(m_table->hasFocus());
    QVERIFY2(ringShare(m_table) > 0.6, qPrintable(QString::number(ringShare(m_table))));
}

void TestFocusStyle::clickShowsNoRingOnAButton()
{
    QTest::mouseClick(m_button, Qt::LeftButton);
    QTRY_VERIFY(m_button->hasFocus());
    QVERIFY2(ringShare(m_button) < 0.1, qPrintable(QString::number(ringShare(m_button))));
}

QTEST_MAIN(TestFocusStyle)
// A command link's arrow is Crossline's own on Linux, not an icon-theme lookup (which initialised Qt's icon loader
// before the welcome page could show); other platforms keep their style's.
void TestFocusStyle::commandLinksUseTheAppsArrow()
{
    QCommandLinkButton link(QStringLiteral("Try the sandbox"), QStringLiteral("Start the emulator."));
    const QImage shown = link.icon().pixmap(20, 20).toImage();
    QVERIFY(!shown.isNull());
#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
    const QImage ours = QIcon(QStringLiteral(":/icons/command-link.svg")).pixmap(20, 20).toImage();
    QVERIFY(!ours.isNull());
    QCOMPARE(shown, ours);
#endif
}

#include "tst_focusstyle.moc"
