#pragma once

#include "error.h"
#include "models/modelroles.h"
#include "models/recordpager.h"

#include <QAbstractTableModel>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>
#include <QSet>

#include <vector>

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
// Built for 100,000 rows and more: a row keeps its record as CBOR (a quarter of a QJsonObject's memory; decoded for
// recordAt() and RawJsonRole only) beside what the view reads over and over, worked out once when its page arrives:
// the column values, the lower-cased search text (UTF-8, every row's in one buffer) and the deletion mark.
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

    QJsonObject recordAt(int row) const; // decoded on each call
    // SearchTextRole in UTF-8, for a filter reading every row without a QVariant or a conversion: the visible columns
    // joined with ' ' and lower-cased. A substring of it in UTF-8 is a substring of the text. `row` must be loaded.
    QByteArrayView searchKeyAt(int row) const
    {
        const Row &r = m_rows.at(row);
        return QByteArrayView(m_searchText.constData() + r.searchStart, r.searchSize);
    }
    // DisplayRole/SortRole without copying: a proxy sorting 100,000 rows reads two per comparison. An invalid
    // QVariant for a cell that is not there.
    const QVariant &valueAt(int row, int column) const;
    int rowOfId(const QString &id) const; // -1 when not loaded
    // A record just created here, shown at once as the last row (the provider decides where it would come in its
    // pages, and a later page that brings it again is not shown twice). Its row; -1 when it has no id. The row of
    // the record with that id when it is loaded already.
    int addCreated(const QJsonObject &record);
    int loadedCount() const { return int(m_rows.size()); }
    bool isLoading() const { return !m_job.isNull(); }
    bool hasMore() const { return m_pager.hasMore(); }
    bool hasFailed() const { return m_failed; }
    Error lastError() const { return m_lastError; }
    bool isFetchingAll() const { return m_fetchingAll; }

public Q_SLOTS:
    void retry(); // after failed(): ask for the page that failed again
    // Stops waiting for the page in flight: the rows loaded stay, failed() reports a Cancelled error (automatic
    // fetching stops, as after any failure) and retry() asks for the same page again.
    void cancelLoading();
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
    struct Row
    {
        QByteArray record; // the record as received, CBOR-encoded
        QVariantList values; // RecordColumns::value of each column: DisplayRole and SortRole
        QDateTime deleted; // DeletedAtRole: when the provider deleted it (Nango's synced records), else invalid
        qsizetype searchStart = 0; // SearchTextRole: m_searchText's bytes from searchStart, searchSize of them
        int searchSize = 0;
    };
    static QDateTime deletedAt(const QJsonObject &row);
    Row makeRow(const QJsonObject &record); // appends its search text to m_searchText
    QString idAt(int row) const;
    void dropSlice();
    void startFetch();
    void onPage(quint64 generation, const Job *job, const Result &result);
    void resetTo(const RecordSource &source);
    void setLoading(bool loading);
    void finishFetchAll(const Error &error);

    QPointer<NangoClient> m_nango;
    QPointer<PanoraClient> m_panora;
    RecordPager m_pager;
    QList<Row> m_rows;
    // The rows' search texts, back to back in one buffer: a search reads them in order, rather than 100,000 small
    // blocks spread over the heap (a cache miss each).
    QByteArray m_searchText;
    // Rows of a source left behind (reload, another source or profile), freed a slice per event-loop turn: freeing
    // 100,000 rows at once holds the window for about 100 ms.
    std::vector<QList<Row>> m_dropping;
    int m_columnCount = 0; // RecordColumns::count() of the source's resource (asked on every index())
    int m_idColumn = -1; // the "id" column (IdRole, rowOfId) of the source's resource
    QSet<QString> m_added; // ids of the records addCreated() showed before their page came
    QPointer<Job> m_job;
    quint64 m_generation = 0;
    QElapsedTimer m_clock;
    Error m_lastError;
    bool m_failed = false;
    bool m_loading = false;
    bool m_fetchingAll = false;
};

} // namespace crossline
