#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabBar;
class QTableView;
class QTreeWidget;

namespace crossline {

class CreateContactDialog;
class Job;
class JsonTree;
class PagedRecordsModel;
class RecordsProxy;
class Workspace;

// Contacts | Employees from Panora or Nango: rows load as you scroll (a quiet "loading more…" line, never a frozen
// window), search over what is loaded, sortable columns, a detail pane (fields + raw JSON tree), New contact…, and
// Export CSV… of what is loaded or of everything, with progress and Cancel.
class BrowserPage : public QWidget
{
    Q_OBJECT
public:
    explicit BrowserPage(Workspace *workspace, QWidget *parent = nullptr);

    PagedRecordsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QTabBar *kindTabs() const { return m_kind; }
    QComboBox *providerCombo() const { return m_provider; }
    QLineEdit *searchField() const { return m_search; }
    QLabel *footer() const { return m_footer; }
    QPushButton *createButton() const { return m_create; }
    // With Nango's synced records: the sync's state, and "Sync now".
    QLabel *syncLine() const { return m_sync; }
    QPushButton *syncButton() const { return m_syncNow; }
    // With Nango's synced records: the models the integration's syncs save (GET /integrations/{key}/functions), the
    // profile's first; picking one lists its records.
    QComboBox *modelCombo() const { return m_modelChoice; }
    QTreeWidget *fields() const { return m_fields; }
    // Writes the rows to `path` as CSV; everything = page through the whole list first. Progress and Cancel shown.
    // excelFriendly: a UTF-8 byte-order mark first, so Excel on Windows reads "Müller" as UTF-8.
    void exportCsv(const QString &path, bool everything, bool excelFriendly = false);
    void openCreateContact();
    CreateContactDialog *createDialog() const; // the open New contact dialog, if any

Q_SIGNALS:
    void statusMessage(const QString &text);
    void exportFinished(const QString &message);

private:
    void applySource();
    void updateFooter();
    void showDetail();
    void askExport();
    // A contact created from this page: shown and selected at once, even before the page that holds it is loaded.
    void showCreated(const QJsonObject &record);
    void refreshSync(); // asks GET /sync/status when the source is Nango's synced records
    bool mapsNangoRecords() const; // the clients in use map contacts and employees to a deployed Nango's records
    void syncNow();
    // Fills the model list with the models `mapping`'s integration saves (asked once per integration and clients).
    void offerModels(const QString &integration, const QString &model);

    Workspace *m_workspace;
    PagedRecordsModel *m_model;
    RecordsProxy *m_proxy;
    QTabBar *m_kind;
    QComboBox *m_provider;
    QLineEdit *m_search;
    QPushButton *m_create;
    QTableView *m_table;
    QLabel *m_footer;
    QLabel *m_sync;
    QPushButton *m_syncNow;
    QPushButton *m_stopLoading; // "stopWaitingButton": shown while a page is loading
    QPointer<Job> m_syncJob;
    QLabel *m_modelLabel;
    QComboBox *m_modelChoice;
    QPointer<Job> m_functionsJob;
    QString m_modelsOf; // the integration whose models m_modelChoice lists
    QString m_chosenModel; // the model picked in the list ("" = the profile's)
    bool m_nangoRecords = false; // mapsNangoRecords() when last seen
    QPointer<CreateContactDialog> m_createDialog;
    bool m_excelFriendly = false; // the export question's last answer
    QTreeWidget *m_fields;
    JsonTree *m_raw;
};

} // namespace crossline
