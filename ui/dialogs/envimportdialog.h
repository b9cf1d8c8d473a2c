#pragma once

#include "config/envimport.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace crossline {

class Job;
class Workspace;

// Import the original backend's .env: pick the file, see the PLAN before anything is written —
// each variable, its line, where it goes (a profile's URL or a keychain entry) and its value with secrets masked,
// plus what is ignored and why — choose the target profile, then Import writes asynchronously (secrets to the
// keychain first) and says what happened. The planning is EnvImport's, the same as `crossline-cli env import`.
class EnvImportDialog : public QDialog
{
    Q_OBJECT
public:
    // With a path the file is read at once; without one the dialog asks for a file when it opens.
    explicit EnvImportDialog(Workspace *workspace, const QString &path = QString(), QWidget *parent = nullptr);
    ~EnvImportDialog() override;

    // Reads and plans `path` (the target profile goes back to what the file says).
    void setFile(const QString &path);
    // Opens the file chooser (asynchronously; hidden files such as .env are shown).
    void chooseFile();

    const EnvImportPlan &plan() const { return m_plan; }
    bool isImporting() const { return m_running != nullptr; }

    QLineEdit *fileField() const { return m_file; }
    QPushButton *chooseButton() const { return m_choose; }
    QComboBox *profileField() const { return m_profile; }
    QTableWidget *planTable() const { return m_table; }
    QListWidget *ignoredList() const { return m_ignored; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *importButton() const { return m_import; }

    enum Column
    {
        VariableColumn,
        LineColumn,
        TargetColumn,
        ValueColumn,
        ColumnCount
    };

Q_SIGNALS:
    // The import finished; `activated` is the profile made active ("" when the active one stayed).
    void imported(const QString &activated);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void replan();
    void showPlan();
    void startImport();
    void setBusy(bool busy);
    void showError(const Error &error);

    Workspace *m_workspace;
    DotEnvFile m_dotEnv;
    QString m_path;
    QString m_automaticProfile; // what the file itself says (NANGO_ENV, else "default")
    EnvImportPlan m_plan;
    bool m_askForFile = false;
    bool m_done = false;

    QLineEdit *m_file;
    QPushButton *m_choose;
    QComboBox *m_profile;
    QLabel *m_profileNote;
    QTableWidget *m_table;
    QLabel *m_ignoredTitle;
    QListWidget *m_ignored;
    QLabel *m_summary;
    QLabel *m_message;
    QProgressBar *m_progress;
    QPushButton *m_import;
    QPushButton *m_close;
    QPointer<Job> m_running;
};

} // namespace crossline
