#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace crossline {

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
    void refresh();
    void openImportDialog();
    void deleteSelected();

Q_SIGNALS:
    void statusMessage(const QString &text);
    void sendTestMessageRequested(const QJsonObject &connection);

private:
    QJsonObject selectedConnection() const;
    void showDetail();
    void updateIntegrations();

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
};

} // namespace crossline
