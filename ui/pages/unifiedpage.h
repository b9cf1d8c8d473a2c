#pragma once

#include <QWidget>

class QComboBox;
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
    void send();
    QString curlCommand();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void validate();
    void showResult(const Result &result);
    void copyCurl();

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
    Job *m_running = nullptr;
};

} // namespace crossline
