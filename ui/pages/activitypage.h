#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace crossline {

class ActivityModel;
class Workspace;

// Every request Crossline made: time, method, URL, status, duration; filters; the redacted headers and bodies of the
// selected one; persisted across restarts (ActivityLog); "Open in Unified" turns a read back into a unified body.
class ActivityPage : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityPage(Workspace *workspace, QWidget *parent = nullptr);

    ActivityModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *detail() const { return m_detail; }
    // The unified body that replays a read request (GET of /crm/contacts or /hris/employees), or "" when it is not one.
    static QString unifiedBodyFor(const QString &service, const QByteArray &method, const QString &url);

Q_SIGNALS:
    void statusMessage(const QString &text);
    void openInUnifiedRequested(const QString &body);

private:
    void showDetail();

    Workspace *m_workspace;
    ActivityModel *m_model;
    QComboBox *m_status;
    QComboBox *m_service;
    QLineEdit *m_search;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QPushButton *m_open;
};

} // namespace crossline
