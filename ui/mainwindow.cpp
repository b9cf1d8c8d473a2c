#include "mainwindow.h"

#include "dialogs/envimportdialog.h"
#include "dialogs/profilesdialog.h"
#include "pages/activitypage.h"
#include "pages/browserpage.h"
#include "pages/composerpage.h"
#include "pages/connectionspage.h"
#include "pages/unifiedpage.h"
#include "pages/welcomepage.h"
#include "widgets/environmentbar.h"
#include "workspace.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace crossline {

Q_LOGGING_CATEGORY(lcStartup, "crossline.startup", QtWarningMsg)

MainWindow::MainWindow(Workspace *workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_environment(new EnvironmentBar(workspace, this))
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_sandboxLabel(new QLabel(this))
    , m_pages(PageCount, nullptr)
{
    setWindowTitle(tr("Crossline"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/crossline.svg")));

    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setIconSize(QSize(20, 20));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    m_nav->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Connections")) + 64);
    m_nav->setMaximumWidth(m_nav->minimumWidth());

    // The navigation lists every page; a page itself is built when first shown (start-up pays for one page only).
    addNavigationItem(Connections, tr("Connections"), QStringLiteral("nav-connections"));
    addNavigationItem(Browser, tr("Browser"), QStringLiteral("nav-browser"));
    addNavigationItem(Composer, tr("Composer"), QStringLiteral("nav-composer"));
    addNavigationItem(Unified, tr("Unified"), QStringLiteral("nav-unified"));
    addNavigationItem(Activity, tr("Activity"), QStringLiteral("nav-activity"));

    auto *body = new QWidget(this);
    auto *row = new QHBoxLayout(body);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    auto *side = new QWidget(this);
    auto *sideColumn = new QVBoxLayout(side);
    sideColumn->setContentsMargins(0, 0, 0, 4);
    sideColumn->setSpacing(0);
    sideColumn->addWidget(m_nav, 1);
    m_about = new QToolButton(side);
    m_about->setText(tr("About Crossline"));
    m_about->setToolTip(tr("Version, Qt version and licence (F1)"));
    m_about->setAutoRaise(true);
    sideColumn->addWidget(m_about, 0, Qt::AlignLeft);
    connect(m_about, &QToolButton::clicked, this, &MainWindow::showAbout);
    auto *aboutShortcut = new QShortcut(QKeySequence(Qt::Key_F1), this);
    connect(aboutShortcut, &QShortcut::activated, this, &MainWindow::showAbout);
    row->addWidget(side);
    row->addWidget(m_stack, 1);
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_environment);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    column->addWidget(line);
    column->addWidget(body, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_sandboxLabel);

    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && !isShowingWelcome())
            m_stack->setCurrentWidget(page(Page(row)));
    });
    for (int i = 0; i < PageCount; ++i) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this);
        connect(shortcut, &QShortcut::activated, this, [this, i] { showPage(Page(i)); });
    }
    connect(m_environment, &EnvironmentBar::profileChosen, this, [this](const QString &name) {
        if (name.isEmpty())
            return;
        if (name == QLatin1String("sandbox")) {
            if (!m_workspace->isSandbox())
                startSandbox(); // after a profile switch the sandbox is one choice away, not a restart
            return;
        }
        m_workspace->useProfile(name);
        showStatus(tr("Using profile %1").arg(name));
    });
    connect(m_environment, &EnvironmentBar::manageProfilesRequested, this, &MainWindow::manageProfiles);
    connect(m_workspace, &Workspace::changed, this, [this] {
        updateWelcome();
        updateSandboxLabel();
    });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);
    {
        // Which page shows (that page, or the welcome page) is updateWelcome's to decide, not the row's signal.
        const QSignalBlocker quiet(m_nav);
        m_nav->setCurrentRow(qBound(0, settings.value(QStringLiteral("window/page"), 0).toInt(), PageCount - 1));
    }
    updateWelcome();
    updateSandboxLabel();
}

MainWindow::~MainWindow() = default;

void MainWindow::addNavigationItem(Page page, const QString &title, const QString &icon)
{
    Q_ASSERT(m_nav->count() == page);
    // Our own icons: the names are not freedesktop theme names, so no theme lookup (it costs start-up time).
    auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), title, m_nav);
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(int(page) + 1));
    item->setSizeHint(QSize(0, fontMetrics().height() * 2 + 4));
}

QWidget *MainWindow::createPage(Page page)
{
    // A page's news reaches the status bar while it is the page on screen (a page loading in the background must
    // not overwrite what the user just did).
    auto forward = [this](QWidget *page) {
        return [this, page](const QString &text) {
            if (m_stack->currentWidget() == page)
                showStatus(text);
        };
    };
    switch (page) {
    case Connections: {
        auto *connections = new ConnectionsPage(m_workspace, this);
        connect(connections, &ConnectionsPage::sendTestMessageRequested, this, [this](const QJsonObject &connection) {
            static_cast<ComposerPage *>(this->page(Composer))->prefill(connection);
            showPage(Composer);
        });
        connect(connections, &ConnectionsPage::statusMessage, this, forward(connections));
        connect(connections, &ConnectionsPage::loaded, this, &MainWindow::markFirstContent);
        return connections;
    }
    case Browser: {
        auto *browser = new BrowserPage(m_workspace, this);
        connect(browser, &BrowserPage::statusMessage, this, forward(browser));
        return browser;
    }
    case Composer: {
        auto *composer = new ComposerPage(m_workspace, this);
        connect(composer, &ComposerPage::statusMessage, this, forward(composer));
        return composer;
    }
    case Unified: {
        auto *unified = new UnifiedPage(m_workspace, this);
        connect(unified, &UnifiedPage::statusMessage, this, forward(unified));
        return unified;
    }
    case Activity: {
        auto *activity = new ActivityPage(m_workspace, this);
        connect(activity, &ActivityPage::openInUnifiedRequested, this, [this](const QString &body) {
            static_cast<UnifiedPage *>(this->page(Unified))->setBody(body);
            showPage(Unified);
        });
        connect(activity, &ActivityPage::openInComposerRequested, this,
            [this](OutboxItem::Kind kind, const QJsonObject &data) {
                static_cast<ComposerPage *>(this->page(Composer))
                    ->openDraft(kind == OutboxItem::Kind::Sms ? ComposerPage::Sms : ComposerPage::WhatsApp, data);
                showPage(Composer);
            });
        connect(activity, &ActivityPage::statusMessage, this, forward(activity));
        return activity;
    }
    case PageCount:
        break;
    }
    Q_UNREACHABLE();
    return nullptr;
}

QWidget *MainWindow::page(Page page)
{
    Q_ASSERT(page >= 0 && page < PageCount);
    if (!m_pages[page]) {
        QWidget *widget = createPage(page);
        m_pages[page] = widget;
        m_stack->addWidget(widget);
        keepAboutLastInTabOrder(widget);
    }
    return m_pages[page];
}

void MainWindow::keepAboutLastInTabOrder(QWidget *page)
{
    // A page built after the frame joins the end of the Tab order, after About Crossline: About moves behind it, so
    // Tab goes from the navigation through the page (in the page's own order) and then to About.
    QWidget *last = nullptr;
    for (QWidget *w = page->nextInFocusChain(); page->isAncestorOf(w); w = w->nextInFocusChain()) {
        if (w->focusPolicy() & Qt::TabFocus)
            last = w;
    }
    if (last)
        QWidget::setTabOrder(last, m_about);
}

void MainWindow::showPage(Page page)
{
    if (isShowingWelcome())
        return;
    m_nav->setCurrentRow(page);
    m_stack->setCurrentWidget(this->page(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(qMax(0, m_nav->currentRow()));
}

bool MainWindow::isShowingWelcome() const
{
    return m_welcome && m_stack->currentWidget() == m_welcome;
}

void MainWindow::updateWelcome()
{
    // While the keychain answers, the profile's keys are unknown: no welcome-page flash for a configured profile;
    // nor while `--sandbox` waits for its module.
    if (m_workspace->isReadingSecrets() || m_workspace->isAwaitingSandbox())
        return;
    const bool welcome = !m_workspace->isConfigured();
    m_nav->setEnabled(!welcome);
    if (welcome) {
        if (!m_welcome) {
            m_welcome = new WelcomePage(this);
            connect(m_welcome, &WelcomePage::sandboxRequested, this, &MainWindow::startSandbox);
            connect(m_welcome, &WelcomePage::importEnvRequested, this, &MainWindow::importEnv);
            connect(m_welcome, &WelcomePage::createProfileRequested, this, &MainWindow::manageProfiles);
            m_stack->addWidget(m_welcome);
            keepAboutLastInTabOrder(m_welcome);
        }
        m_stack->setCurrentWidget(m_welcome);
    } else {
        m_stack->setCurrentWidget(page(currentPage()));
    }
}

void MainWindow::markFirstContent()
{
    if (m_firstContentMarked)
        return;
    m_firstContentMarked = true;
    // bench/startup times "connections listed" by this line (QT_LOGGING_RULES="crossline.startup.info=true").
    qCInfo(lcStartup, "first content at %lld ms since the epoch", QDateTime::currentMSecsSinceEpoch());
}

void MainWindow::updateSandboxLabel()
{
    if (auto *s = m_workspace->sandbox()) {
        m_sandboxLabel->setText(tr("sandbox ● %1").arg(s->nangoBaseUrl().authority()));
        m_sandboxLabel->setToolTip(tr("Embedded sandbox — Nango %1, Panora %2")
                                       .arg(s->nangoBaseUrl().toString(), s->panoraBaseUrl().toString()));
        m_sandboxLabel->show();
    } else {
        m_sandboxLabel->hide();
    }
}

void MainWindow::startSandbox()
{
    startSandboxOf(Workspace::SandboxKind::CompatiblePaths);
}

void MainWindow::startRealNangoSandbox()
{
    startSandboxOf(Workspace::SandboxKind::RealNango);
}

void MainWindow::startSandboxOf(Workspace::SandboxKind kind)
{
    const bool running = m_workspace->isSandbox();
    QString error;
    if (!m_workspace->startSandbox(&error, kind)) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Sandbox"),
            tr("The sandbox could not start: %1").arg(error), QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    if (running)
        showStatus(tr("The sandbox is already running."));
    else if (kind == Workspace::SandboxKind::RealNango)
        showStatus(tr("Sandbox started as a deployed Nango: contacts are hubspot-acme's synced Contact records, "
                      "employees bamboohr-acme's Employee records"));
    else
        showStatus(tr("Sandbox started: %1 contacts, %2 employees, 4 connections")
                       .arg(m_workspace->sandbox()->contactCount())
                       .arg(m_workspace->sandbox()->employeeCount()));
}

void MainWindow::importEnv()
{
    auto *dialog = new EnvImportDialog(m_workspace, QString(), this); // asks for the file when it opens
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EnvImportDialog::imported, this, [this](const QString &activated) {
        showStatus(activated.isEmpty() ? tr("Imported the .env file; the secrets are in the keychain.")
                                       : tr("Imported the .env file; using profile %1.").arg(activated));
    });
    dialog->open();
}

void MainWindow::manageProfiles()
{
    auto *dialog = new ProfilesDialog(m_workspace, this); // it reloads the Workspace after each change
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Crossline"));
    box->setIconPixmap(QIcon(QStringLiteral(":/icons/crossline.svg")).pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    // Copyright holder, licence (SPDX identifier) and homepage: the top-level CMakeLists.txt's, as in the packages.
    const QString homepage = QStringLiteral(CROSSLINE_HOMEPAGE).toHtmlEscaped();
    box->setText(tr("<h3>Crossline %1</h3><p>A desktop console for Nango and Panora integrations.</p>"
                    "<p>Copyright %2.<br>Licensed under the %3 licence.<br><a href=\"%4\">%4</a></p>"
                    "<p>Built with Qt %5 (running on Qt %6), QtKeychain, libphonenumber and cpp-httplib.</p>"
                    "<p>The third-party notices and the licence's full text are under <b>Show Details</b>.</p>")
                     .arg(QStringLiteral(CROSSLINE_VERSION), QStringLiteral(CROSSLINE_COPYRIGHT).toHtmlEscaped(),
                         QStringLiteral(CROSSLINE_LICENSE), homepage, QStringLiteral(QT_VERSION_STR),
                         QString::fromLatin1(qVersion())));
    // Show Details: what the programs contain under other licences, then LICENSE itself (compiled in: the text the
    // installers show on their licence page).
    QString details = tr("Crossline contains cpp-httplib (Copyright (c) 2022 Yuji Hirose, MIT licence) and, in the "
                         "Windows and macOS installers, the Qt libraries (LGPL-3.0; https://www.qt.io/licensing/), "
                         "QtKeychain (BSD-3-Clause) and libphonenumber (Apache-2.0) with their dependencies, each "
                         "under its own licence.");
    QFile licence(QStringLiteral(":/legal/LICENSE"));
    if (licence.open(QIODevice::ReadOnly | QIODevice::Text))
        details += QStringLiteral("\n\n") + QString::fromUtf8(licence.readAll());
    box->setDetailedText(details);
    box->open();
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text, 15000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/page"), m_nav->currentRow());
    QMainWindow::closeEvent(event);
}

} // namespace crossline
