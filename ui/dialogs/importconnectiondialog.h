#pragma once

#include "expected.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;

namespace crossline {

class Job;
class Workspace;
struct ConnectionImport;

// Import an existing token into Nango as a connection (Connections page, Import…): integration key (completed from what
// Nango knows), connection id, a masked token field with a show toggle, optional tags/metadata, and the server's
// verdict in plain words. Nothing typed is lost on failure; the token never leaves the field except to Nango.
class ImportConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    // The import goes through the workspace's clients of the moment Import is pressed (never a profile left since).
    ImportConnectionDialog(Workspace *workspace, const QStringList &integrations, QWidget *parent = nullptr);
    ~ImportConnectionDialog() override;

    QComboBox *integrationField() const { return m_integration; }
    QLineEdit *connectionIdField() const { return m_connectionId; }
    QLineEdit *tokenField() const { return m_token; }
    QCheckBox *skipVerificationBox() const { return m_skipVerification; }
    QLabel *verdictLabel() const { return m_verdict; }
    QPushButton *importButton() const { return m_import; }
    // The open question (production, or replacing an existing connection), if any.
    QMessageBox *question() const;

    // A request is on its way: its answer (even "outcome unknown") must stay readable here.
    bool isBusy() const { return !m_running.isNull(); }
    // Cancel, Escape or closing the window: while a request is on its way it stops waiting for the answer (the
    // dialog stays open and says what is known: the connection may have been imported); otherwise it closes.
    void reject() override;

Q_SIGNALS:
    void imported(const QString &providerConfigKey, const QString &connectionId);

private:
    void startImport();
    Expected<ConnectionImport> formImport() const;
    void run(const ConnectionImport &import);
    void askReplaceThenImport(const QString &providerConfigKey, const QString &connectionId);
    void importForm(); // reads the form again (the token is never held outside it) and imports
    void updateButtons();
    void setRunning(Job *job); // the request on its way (nullptr: none); Cancel then stops waiting for it

    Workspace *m_workspace;
    QComboBox *m_integration;
    QLineEdit *m_connectionId;
    QLineEdit *m_token;
    QPlainTextEdit *m_tags;
    QPlainTextEdit *m_metadata;
    QCheckBox *m_skipVerification;
    QLabel *m_verdict;
    QPushButton *m_import;
    QPushButton *m_cancel;
    QPointer<Job> m_running;
    QPointer<QMessageBox> m_confirm;
};

} // namespace crossline
