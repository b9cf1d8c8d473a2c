// Renders each page of Crossline, running on the sandbox, to PNG files (scripts/screenshots runs it under Xvfb).
// Usage: crossline-screenshots OUTPUT_DIR
#include "colorscheme.h"
#include "dialogs/importconnectiondialog.h"
#include "dialogs/profilesdialog.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "models/pagedrecordsmodel.h"
#include "pages/browserpage.h"
#include "pages/connectionspage.h"
#include "pages/unifiedpage.h"
#include "translations.h"
#include "widgets/focusstyle.h"
#include "workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

using namespace crossline;

static void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

static bool waitFor(const std::function<bool()> &done, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    ColorScheme::apply(app); // CROSSLINE_COLOR_SCHEME=dark for the dark set
    FocusStyle::install(); // as the app looks
    QStandardPaths::setTestModeEnabled(true); // never the user's own history
    QApplication::setOrganizationName(QStringLiteral("CrosslineScreenshots"));
    QApplication::setApplicationName(QStringLiteral("Crossline"));
    crossline::installTranslations(&app); // as main() does: "4 connections", not "4 connection(s)"
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(out);
    auto save = [&](QWidget *w, const QString &name) {
        const QString path = QDir(out).filePath(name + QStringLiteral(".png"));
        if (!w->grab().save(path))
            qWarning("could not write %s", qPrintable(path));
        else
            qInfo("wrote %s", qPrintable(path));
    };

    Workspace workspace;
    MainWindow window(&workspace);
    window.resize(1400, 860);
    window.show();
    settle(300);
    if (window.isShowingWelcome())
        save(&window, QStringLiteral("00-welcome"));
    window.startSandbox();
    settle(200);

    window.showPage(MainWindow::Connections);
    auto *connections = static_cast<ConnectionsPage *>(window.page(MainWindow::Connections));
    waitFor([&] { return connections->model()->rowCount() > 0 && !connections->model()->isLoading(); });
    connections->table()->selectRow(0);
    settle(200);
    save(&window, QStringLiteral("01-connections"));
    // The smallest window the layout is made for, with a long status message beside the sandbox label.
    window.resize(1024, 700);
    window.statusBar()->showMessage(
        QStringLiteral("4 connections loaded in 12 ms · whatsapp-business, twilio, hubspot, bamboohr-basic"));
    settle(300);
    save(&window, QStringLiteral("07-connections-1024x700"));
    window.statusBar()->clearMessage();
    window.resize(1400, 860);
    {
        ImportConnectionDialog import(&workspace, { QStringLiteral("whatsapp-business") }, &window);
        import.show();
        settle(300);
        save(&import, QStringLiteral("08-import"));
    }

    window.showPage(MainWindow::Browser);
    auto *browser = static_cast<BrowserPage *>(window.page(MainWindow::Browser));
    waitFor([&] { return browser->model()->loadedCount() > 0 && !browser->model()->isLoading(); });
    browser->table()->selectRow(2);
    settle(200);
    save(&window, QStringLiteral("02-browser"));

    window.showPage(MainWindow::Composer);
    settle(1500);
    save(&window, QStringLiteral("03-composer"));

    window.showPage(MainWindow::Unified);
    auto *unified = static_cast<UnifiedPage *>(window.page(MainWindow::Unified));
    unified->setBody(QStringLiteral(
        "{\n  \"provider\": \"nango\",\n  \"resource\": \"whatsapp.message\",\n  \"operation\": \"create\",\n"
        "  \"data\": {\n    \"providerConfigKey\": \"whatsapp-business\",\n    \"connectionId\": \"conn_abc123\",\n"
        "    \"phoneNumberId\": \"123456789012345\",\n    \"type\": \"text\",\n    \"to\": \"+15551234567\",\n"
        "    \"body\": \"Hello from Nango proxy!\"\n  }\n}\n"));
    unified->send();
    settle(1500);
    save(&window, QStringLiteral("04-unified"));

    window.showPage(MainWindow::Activity);
    settle(500);
    save(&window, QStringLiteral("05-activity"));

    // A profile mapped to a real Nango's synced records.
    ProfilesDialog profiles(&workspace, &window);
    profiles.selectProfile(QString());
    profiles.nameField()->setText(QStringLiteral("prod"));
    profiles.nangoBaseField()->setText(QStringLiteral("https://nango.example.com"));
    profiles.mappingField()->setCurrentIndex(1);
    profiles.recordsField(QStringLiteral("crmIntegration"))->setText(QStringLiteral("hubspot"));
    profiles.recordsField(QStringLiteral("crmConnection"))->setText(QStringLiteral("acme"));
    profiles.resize(900, 760);
    profiles.show();
    settle(300);
    save(&profiles, QStringLiteral("06-profiles-records"));
    profiles.close();

    // The sandbox as a deployed Nango (crossline --sandbox --real-nango): the Browser on synced records, a deleted
    // one selected, its _nango_metadata in the fields, the Model list beside the sync's state.
    window.close();
    Workspace realNango;
    MainWindow second(&realNango);
    second.resize(1400, 860);
    second.show();
    second.startRealNangoSandbox();
    settle(300);
    second.showPage(MainWindow::Browser);
    auto *records = static_cast<BrowserPage *>(second.page(MainWindow::Browser));
    waitFor([&] { return records->model()->loadedCount() > 0 && !records->model()->isLoading(); });
    records->model()->fetchMore(QModelIndex());
    waitFor([&] { return records->model()->loadedCount() >= 50 && !records->model()->isLoading(); });
    waitFor([&] { return records->modelCombo()->count() > 1; });
    records->table()->selectRow(49);
    settle(300);
    save(&second, QStringLiteral("09-browser-real-nango"));
    return 0;
}
