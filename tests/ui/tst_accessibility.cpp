// Every page and dialog, walked as a screen reader would: each widget Tab can reach has a name the accessibility
// interface reports (what Orca reads out), and each label that names a field ("Integration:") is that field's buddy
// with a mnemonic (Alt+letter), so the field can be reached and announced by its label.
#include "keychaintestenvironment.h"

#include "dialogs/createcontactdialog.h"
#include "dialogs/envimportdialog.h"
#include "dialogs/importconnectiondialog.h"
#include "dialogs/profilesdialog.h"
#include "dialogs/secretdialog.h"
#include "mainwindow.h"
#include "workspace.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace crossline;
using namespace crossline::test;

namespace {

QString describe(const QWidget *w)
{
    QString name = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        name += QLatin1Char('/') + w->objectName();
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        if (!p->objectName().isEmpty() && !p->objectName().startsWith(QLatin1String("qt_"))) {
            name += QStringLiteral(" in ") + p->objectName();
            break;
        }
    }
    return name;
}

// What a screen reader finds wrong in `root` as it is shown now.
QStringList problems(QWidget *root)
{
    QStringList out;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (w->window() != root || !w->isVisibleTo(root))
            continue; // another window (a file chooser the dialog opened) is walked as its own

        // What Tab reaches, and every button (a line edit's clear button is reached by a screen reader's own keys).
        const bool reachable = (w->focusPolicy() & Qt::TabFocus) == Qt::TabFocus || qobject_cast<QAbstractButton *>(w);
        if (reachable && !w->focusProxy()) {
            QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
            if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
                out << QStringLiteral("no accessible name: ") + describe(w);
        }
        if (const auto *label = qobject_cast<const QLabel *>(w)) {
            const QString text = label->text();
            const bool namesAField = text.endsWith(QLatin1Char(':')) && !text.contains(QLatin1Char('\n'))
                && text.size() < 40 && label->textFormat() != Qt::RichText;
            if (namesAField && !label->buddy())
                out << QStringLiteral("label without a buddy: \"%1\"").arg(text);
            else if (namesAField && QKeySequence::mnemonic(text).isEmpty())
                out << QStringLiteral("label without a mnemonic: \"%1\"").arg(text);
        }
    }
    return out;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pages_data();
    void pages();
    void dialogs();

private:
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
};

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CrosslineTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
    m_workspace = std::make_unique<Workspace>();
    m_window = std::make_unique<MainWindow>(m_workspace.get());
    m_window->resize(1400, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->startSandbox();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isShowingWelcome(), 20000);
}

void TestAccessibility::pages_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("state"); // what to do on the page first
    QTest::newRow("Connections, searching") << int(MainWindow::Connections) << QStringLiteral("search");
    QTest::newRow("Browser, searching") << int(MainWindow::Browser) << QStringLiteral("search");
    QTest::newRow("Composer, WhatsApp text") << int(MainWindow::Composer) << QString();
    QTest::newRow("Composer, WhatsApp template") << int(MainWindow::Composer) << QStringLiteral("template");
    QTest::newRow("Composer, SMS") << int(MainWindow::Composer) << QStringLiteral("sms");
    QTest::newRow("Unified") << int(MainWindow::Unified) << QString();
    QTest::newRow("Activity, searching") << int(MainWindow::Activity) << QStringLiteral("search");
}

void TestAccessibility::pages()
{
    QFETCH(int, page);
    QFETCH(QString, state);
    m_window->showPage(MainWindow::Page(page));
    QWidget *shown = m_window->page(MainWindow::Page(page));
    if (state == QLatin1String("search")) {
        bool typed = false;
        // The clear button shows once something is typed.
        for (QLineEdit *edit : shown->findChildren<QLineEdit *>()) {
            if (edit->isVisibleTo(shown) && edit->placeholderText().startsWith(QLatin1String("Search"))) {
                edit->setFocus();
                QTest::keyClicks(edit, QStringLiteral("a"));
                typed = true;
            }
        }
        QVERIFY(typed);
    } else if (state == QLatin1String("template")) {
        QRadioButton *templ = shown->findChild<QRadioButton *>(QStringLiteral("whatsappTypeTemplate"));
        QVERIFY(templ);
        templ->click();
    } else if (state == QLatin1String("sms")) {
        QTabWidget *tabs = shown->findChild<QTabWidget *>(QStringLiteral("channelTabs"));
        QVERIFY(tabs);
        tabs->setCurrentIndex(1);
    }
    QCoreApplication::processEvents();
    const QStringList found = problems(m_window.get());
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void TestAccessibility::dialogs()
{
    QStringList found;
    auto walk = [&](QWidget *dialog, const QString &name) {
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        for (const QString &p : problems(dialog))
            found << name + QStringLiteral(": ") + p;
        dialog->close();
    };
    {
        ImportConnectionDialog d(m_workspace.get(), { QStringLiteral("whatsapp-business") }, m_window.get());
        walk(&d, QStringLiteral("Import connection"));
    }
    {
        CreateContactDialog d(m_workspace.get(), QStringLiteral("panora"), m_window.get());
        walk(&d, QStringLiteral("New contact"));
    }
    {
        ProfilesDialog d(m_workspace.get(), m_window.get());
        walk(&d, QStringLiteral("Profiles"));
    }
    {
        EnvImportDialog d(m_workspace.get(), QString(), m_window.get());
        walk(&d, QStringLiteral("Import .env"));
    }
    {
        SecretStore secrets;
        SecretDialog d(&secrets, QStringLiteral("default"), QStringLiteral("nango-key"), m_window.get());
        walk(&d, QStringLiteral("Set secret"));
    }
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

CROSSLINE_KEYCHAIN_TEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
