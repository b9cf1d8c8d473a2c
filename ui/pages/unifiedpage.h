#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QMessageBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace crossline {

class Job;
class JsonTree;
class Workspace;
struct Result;
struct UnifiedRequest;

// The original backend's unified request, by hand: a JSON editor with the seed's examples as templates, inline
// validation naming the field, Send (Ctrl+Enter), the response as status, headers and a JSON tree, Copy as curl.
class UnifiedPage : public QWidget
{
    Q_OBJECT
public:
    explicit UnifiedPage(Workspace *workspace, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *validationLabel() const { return m_validation; }
    QLabel *statusLabel() const { return m_status; }
    JsonTree *responseTree() const { return m_tree; }
    void setBody(const QString &json);
    // Sends the editor's request; on a production profile only after the user said yes.
    void send();
    // What Send would send, as curl commands (several, numbered, when the operation takes several requests).
    QString curlCommand();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void validate();
    void start(const UnifiedRequest &request);
    void showResult(const Result &result);
    void copyCurl();
    // Another profile took over: the response shown was the previous one's, and a question about it is void.
    void workspaceChanged();

    Workspace *m_workspace;
    QComboBox *m_examples;
    QPlainTextEdit *m_editor;
    QLabel *m_validation;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QLabel *m_status;
    QTabWidget *m_responseTabs;
    JsonTree *m_tree;
    QTableWidget *m_headers;
    QPlainTextEdit *m_raw;
    QTimer *m_validateTimer;
    QPointer<Job> m_running; // finishes as Cancelled when the workspace's clients are replaced
    QPointer<QMessageBox> m_confirm;
    QString m_profile; // Workspace::profileKey() of the response shown
};

} // namespace crossline
