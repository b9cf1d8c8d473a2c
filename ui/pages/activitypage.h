#pragma once

#include "history/outboxitem.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace crossline {

class ActivityModel;
class Workspace;

// The requests Crossline made under the profile in effect (Workspace::profileKey(); it follows a profile switch):
// what each was — operation, recipient or record, connection, outcome — with its time, duration and URL; filters;
// the redacted headers and bodies of the selected one; persisted across restarts (ActivityLog). "Open in Unified"
// turns a read back into a unified body, "Open in Composer" a WhatsApp or SMS send back into the Composer's form.
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
    // The send's message (RecordedSend::data: connection, recipient, text or template), redacted as it was stored.
    void openInComposerRequested(crossline::OutboxItem::Kind kind, const QJsonObject &data);

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
    QPushButton *m_composer;
};

} // namespace crossline
