#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace crossline {

class EnvironmentBar;
class Workspace;
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
    QWidget *page(Page page) const;
    bool isShowingWelcome() const;
    QListWidget *navigation() const { return m_nav; }

public Q_SLOTS:
    void startSandbox();
    void importEnv();
    void showStatus(const QString &text);
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(Page page, const QString &title, const QString &icon, QWidget *widget);
    void updateWelcome();
    void updateSandboxLabel();
    void manageProfiles();

    Workspace *m_workspace;
    EnvironmentBar *m_environment;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    WelcomePage *m_welcome;
    QLabel *m_sandboxLabel;
    QList<QWidget *> m_pages;
};

} // namespace crossline
