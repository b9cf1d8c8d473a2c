#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace crossline {

class ImportConnectionDialog;
class Job;

class ConnectionsModel;
class JsonTree;
class Workspace;

// Nango connections: search (Ctrl+F), integration filter, refresh (F5), Import… (Ctrl+I), Delete (with the id typed),
// and a side panel for the selected connection with "Copy id" and "Send a test message".
class ConnectionsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionsPage(Workspace *workspace, QWidget *parent = nullptr);

    ConnectionsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *integrationFilter() const { return m_integration; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *detailTitle() const { return m_detailTitle; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *deleteButton() const { return m_delete; }
    // Shown while a delete waits for Nango's answer: ends the wait (the delete is not sent again).
    QPushButton *stopWaitingButton() const { return m_stopWaiting; }
    // The open "Delete connection" question (the id to type), if any.
    QDialog *deleteDialog() const { return m_deleteDialog; }
    void refresh();
    void openImportDialog();
    void deleteSelected();

Q_SIGNALS:
    void statusMessage(const QString &text);
    void sendTestMessageRequested(const QJsonObject &connection);
    void loaded(int count); // a list arrived and is on screen

private:
    QJsonObject selectedConnection() const;
    void showDetail();
    void updateIntegrations();
    // Another profile (or its secrets) took over: nothing of the previous one stays on screen or actionable.
    void workspaceChanged();

    Workspace *m_workspace;
    ConnectionsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QComboBox *m_integration;
    QTableView *m_table;
    QLabel *m_message;
    QLabel *m_detailTitle;
    QLabel *m_detail;
    JsonTree *m_detailJson;
    QPushButton *m_copy;
    QPushButton *m_send;
    QPushButton *m_delete;
    QToolButton *m_refresh;
    QPushButton *m_import;
    QPushButton *m_stopWaiting;
    QPointer<Job> m_deleteJob;
    QPointer<QDialog> m_deleteDialog;
    QPointer<ImportConnectionDialog> m_importDialog;
};

} // namespace crossline
