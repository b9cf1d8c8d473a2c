#pragma once

#include "error.h"
#include "models/modelroles.h"
#include "models/recordpager.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>

namespace crossline {

class ClientSet;
class Job;
class NangoClient;
class PanoraClient;

// Contacts or employees from Panora or Nango's compatible paths, loaded one page at a time as a view scrolls
// (canFetchMore/fetchMore). One page is in flight at most; a page that arrives after setSource()/reload()/
// setClients() belongs to an older generation and is dropped. A failed page keeps every row already loaded and
// stops automatic fetching until retry() (a view would otherwise re-ask in a loop).
// Columns: RecordColumns (contacts: Name, Email, Phone, Created, Id; employees: Name, Work email, Status,
// Start date, Employee number, Id). Roles: DisplayRole, SortRole, SearchTextRole, RawJsonRole, IdRole.
class PagedRecordsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit PagedRecordsModel(const RecordSource &source = {}, QObject *parent = nullptr);
    PagedRecordsModel(ClientSet *clients, const RecordSource &source, QObject *parent = nullptr);
    ~PagedRecordsModel() override;

    // Switching clients (another profile) or source (kind, provider, page size) clears the rows.
    void setClients(NangoClient *nango, PanoraClient *panora);
    void setClients(ClientSet *clients);
    void setSource(const RecordSource &source);
    RecordSource source() const { return m_pager.source(); }
    void reload(); // clears and starts over (the view's fetchMore, or fetchAll, loads again)

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QJsonObject recordAt(int row) const;
    int rowOfId(const QString &id) const; // -1 when not loaded
    int loadedCount() const { return int(m_rows.size()); }
    bool isLoading() const { return !m_job.isNull(); }
    bool hasMore() const { return m_pager.hasMore(); }
    bool hasFailed() const { return m_failed; }
    Error lastError() const { return m_lastError; }
    bool isFetchingAll() const { return m_fetchingAll; }

public Q_SLOTS:
    void retry(); // after failed(): ask for the page that failed again
    // Keeps fetching pages until the end: progress(loaded) after each page, then fetchAllFinished(error)
    // (error.kind None on success, Cancelled after cancelFetchAll() or a source switch).
    void fetchAll();
    void cancelFetchAll();

Q_SIGNALS:
    void pageLoaded(int rows, qint64 ms);
    void failed(const crossline::Error &error);
    void loadingChanged(bool loading);
    void progress(int loaded);
    void fetchAllFinished(const crossline::Error &error);
    void sourceChanged();

private:
    static QDateTime deletedAt(const QJsonObject &row);
    void startFetch();
    void onPage(quint64 generation, const Job *job, const Result &result);
    void resetTo(const RecordSource &source);
    void setLoading(bool loading);
    void finishFetchAll(const Error &error);
    QString searchText(const QJsonObject &row) const;

    QPointer<NangoClient> m_nango;
    QPointer<PanoraClient> m_panora;
    RecordPager m_pager;
    QList<QJsonObject> m_rows;
    QPointer<Job> m_job;
    quint64 m_generation = 0;
    QElapsedTimer m_clock;
    Error m_lastError;
    bool m_failed = false;
    bool m_loading = false;
    bool m_fetchingAll = false;
};

} // namespace crossline
