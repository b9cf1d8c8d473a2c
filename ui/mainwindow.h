#pragma once

#include "workspace.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;
class QToolButton;

namespace crossline {

class EnvironmentBar;
class WelcomePage;

// The frame: environment bar on top, navigation on the left (Ctrl+1…Ctrl+5), pages in the middle,
// a status bar that says what just happened and where the sandbox listens. Geometry and last page are restored.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page
    {
        Connections,
        Browser,
        Composer,
        Unified,
        Activity,
        PageCount
    };

    explicit MainWindow(Workspace *workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;
    // The page, built now if it was not yet (pages are built when first shown).
    QWidget *page(Page page);
    bool isShowingWelcome() const;
    QListWidget *navigation() const { return m_nav; }

public Q_SLOTS:
    void startSandbox();
    void startRealNangoSandbox(); // the emulator as a deployed Nango: synced records and actions
    void importEnv();
    void showStatus(const QString &text);
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void startSandboxOf(Workspace::SandboxKind kind);
    void addNavigationItem(Page page, const QString &title, const QString &icon);
    QWidget *createPage(Page page);
    void keepAboutLastInTabOrder(QWidget *page);
    void markFirstContent();
    void updateWelcome();
    void updateSandboxLabel();
    void manageProfiles();

    Workspace *m_workspace;
    EnvironmentBar *m_environment;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    QLabel *m_sandboxLabel;
    QToolButton *m_about = nullptr;
    QList<QWidget *> m_pages; // by Page; null until first shown
    WelcomePage *m_welcome = nullptr; // built when first needed
    bool m_firstContentMarked = false;
};

} // namespace crossline
