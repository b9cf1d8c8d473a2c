#include "models/pagedrecordsmodel.h"

#include "clientset.h"
#include "job.h"
#include "models/recordcolumns.h"

#include <QCborMap>
#include <QCborValue>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace crossline {

PagedRecordsModel::PagedRecordsModel(const RecordSource &source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_pager(source)
    , m_columnCount(RecordColumns::count(source.resource))
    , m_idColumn(RecordColumns::indexOf(source.resource, QStringLiteral("id")))
{
}

PagedRecordsModel::PagedRecordsModel(ClientSet *clients, const RecordSource &source, QObject *parent)
    : PagedRecordsModel(source, parent)
{
    if (clients) {
        m_nango = clients->nango();
        m_panora = clients->panora();
    }
}

PagedRecordsModel::~PagedRecordsModel()
{
    ++m_generation; // an abort below finishes synchronously: its result must not touch a dying model
    if (m_job)
        m_job->abort();
}

void PagedRecordsModel::setClients(NangoClient *nango, PanoraClient *panora)
{
    m_nango = nango;
    m_panora = panora;
    resetTo(m_pager.source());
}

void PagedRecordsModel::setClients(ClientSet *clients)
{
    setClients(clients ? clients->nango() : nullptr, clients ? clients->panora() : nullptr);
}

void PagedRecordsModel::setSource(const RecordSource &source)
{
    resetTo(source);
}

void PagedRecordsModel::reload()
{
    resetTo(m_pager.source());
}

void PagedRecordsModel::resetTo(const RecordSource &source)
{
    ++m_generation; // whatever is in flight now is stale
    if (Job *job = m_job.data()) {
        m_job = nullptr;
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
    beginResetModel();
    if (!m_rows.isEmpty()) {
        m_dropping.push_back(std::exchange(m_rows, {}));
        if (m_dropping.size() == 1)
            QTimer::singleShot(0, this, &PagedRecordsModel::dropSlice);
    }
    m_searchText = QByteArray();
    m_added.clear();
    m_pager = RecordPager(source);
    m_columnCount = RecordColumns::count(source.resource);
    m_idColumn = RecordColumns::indexOf(source.resource, QStringLiteral("id"));
    m_failed = false;
    m_lastError = Error();
    endResetModel();
    setLoading(false);
    if (m_fetchingAll)
        finishFetchAll(Error::make(Error::Kind::Cancelled, tr("The list was reloaded before every page had arrived.")));
    Q_EMIT sourceChanged();
}

void PagedRecordsModel::dropSlice()
{
    if (m_dropping.empty())
        return;
    constexpr qsizetype slice = 5000; // a few milliseconds
    QList<Row> &rows = m_dropping.back();
    rows.resize(std::max<qsizetype>(0, rows.size() - slice));
    if (rows.isEmpty())
        m_dropping.pop_back();
    if (!m_dropping.empty())
        QTimer::singleShot(0, this, &PagedRecordsModel::dropSlice);
}

int PagedRecordsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PagedRecordsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columnCount;
}

PagedRecordsModel::Row PagedRecordsModel::makeRow(const QJsonObject &record)
{
    const QString &resource = m_pager.source().resource;
    const int columns = m_columnCount;
    Row row;
    // QCborMap::fromJsonObject shares the object's data: only the encoding costs (a few microseconds a row).
    row.record = QCborValue(QCborMap::fromJsonObject(record)).toCbor();
    row.record.squeeze(); // the encoder grows its buffer as it writes; the slack would stay with every row
    row.values.reserve(columns);
    QString search;
    for (int c = 0; c < columns; ++c) {
        row.values.append(RecordColumns::value(resource, record, c));
        if (c > 0)
            search += QLatin1Char(' ');
        search += RecordColumns::valueText(row.values.constLast());
    }
    const QByteArray key = std::move(search).toLower().toUtf8();
    row.searchStart = m_searchText.size();
    row.searchSize = int(key.size());
    m_searchText += key;
    row.deleted = deletedAt(record);
    return row;
}

QDateTime PagedRecordsModel::deletedAt(const QJsonObject &row)
{
    return RecordColumns::dateTime(
        row.value(QLatin1String("_nango_metadata")).toObject().value(QLatin1String("deleted_at")));
}

QVariant PagedRecordsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        return row.values.value(index.column());
    case Qt::ToolTipRole: {
        // A synced record the provider deleted is kept by Nango, marked: say so where the row is read.
        const QString text = RecordColumns::valueText(row.values.value(index.column()));
        if (!row.deleted.isValid())
            return text;
        const QString note = tr("Deleted in the provider on %1")
                                 .arg(QLocale().toString(row.deleted.toLocalTime(), QLocale::ShortFormat));
        return text.isEmpty() ? note : QString(note + QLatin1Char('\n') + text);
    }
    case DeletedAtRole:
        return row.deleted;
    case SearchTextRole:
        return QString::fromUtf8(searchKeyAt(index.row()));
    case RawJsonRole:
        return recordAt(index.row());
    case IdRole:
        return idAt(index.row());
    default:
        return {};
    }
}

QVariant PagedRecordsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return RecordColumns::header(m_pager.source().resource, section);
}

Qt::ItemFlags PagedRecordsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> PagedRecordsModel::roleNames() const
{
    return withModelRoleNames(QAbstractTableModel::roleNames());
}

bool PagedRecordsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_job.isNull() && !m_failed && m_pager.hasMore();
}

void PagedRecordsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startFetch();
}

void PagedRecordsModel::retry()
{
    m_failed = false;
    if (canFetchMore(QModelIndex()))
        startFetch();
}

void PagedRecordsModel::startFetch()
{
    if (!m_job.isNull())
        return; // one page in flight at most: two requests with the same cursor would duplicate rows
    Job *job = m_pager.requestNext(m_nango, m_panora);
    m_job = job;
    m_clock.start();
    const quint64 generation = m_generation;
    connect(
        job, &Job::finished, this, [this, generation, job](const Result &result) { onPage(generation, job, result); });
    setLoading(true);
}

void PagedRecordsModel::onPage(quint64 generation, const Job *job, const Result &result)
{
    if (generation != m_generation || job != m_job.data())
        return; // a reply for a source we no longer show
    m_job = nullptr;
    if (result.error.kind == Error::Kind::Cancelled) {
        setLoading(false);
        return; // cancelFetchAll(): the page is asked for again next time
    }
    const RecordPager::Page page = m_pager.accept(result);
    if (page.error) {
        m_failed = true;
        m_lastError = page.error;
        setLoading(false);
        Q_EMIT failed(page.error);
        if (m_fetchingAll)
            finishFetchAll(page.error);
        return;
    }
    if (!page.rows.isEmpty()) {
        QList<Row> rows;
        rows.reserve(page.rows.size());
        for (const QJsonObject &record : std::as_const(page.rows)) {
            if (!m_added.isEmpty() && m_added.remove(RecordColumns::id(record)))
                continue; // shown already, when it was created
            rows.append(makeRow(record));
        }
        if (!rows.isEmpty()) {
            const int first = int(m_rows.size());
            beginInsertRows(QModelIndex(), first, first + int(rows.size()) - 1);
            m_rows.append(std::move(rows));
            endInsertRows();
        }
    }
    // (A view, reacting to the inserted rows, may already have asked for the next page.)
    const qint64 ms = m_clock.elapsed();
    if (m_fetchingAll && m_pager.hasMore())
        startFetch(); // stays loading: no loadingChanged flicker between pages
    else if (m_job.isNull())
        setLoading(false);
    Q_EMIT pageLoaded(int(page.rows.size()), ms);
    if (m_fetchingAll && generation == m_generation) {
        Q_EMIT progress(int(m_rows.size()));
        if (m_fetchingAll && generation == m_generation && !m_pager.hasMore())
            finishFetchAll(Error());
    }
}

void PagedRecordsModel::cancelLoading()
{
    Job *job = m_job.data();
    if (!job)
        return;
    if (m_fetchingAll)
        cancelFetchAll(); // aborts the job: onPage() leaves the cursor where it was
    else
        job->abort();
    m_failed = true;
    m_lastError = Error::make(Error::Kind::Cancelled, tr("Cancelled: the rows shown are unchanged."));
    Q_EMIT failed(m_lastError);
}

void PagedRecordsModel::fetchAll()
{
    if (m_fetchingAll)
        return;
    m_fetchingAll = true;
    m_failed = false;
    Q_EMIT progress(int(m_rows.size()));
    if (!m_job.isNull())
        return; // the page in flight continues the run
    if (m_pager.hasMore()) {
        startFetch();
        return;
    }
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation && m_fetchingAll)
            finishFetchAll(Error());
    });
}

void PagedRecordsModel::cancelFetchAll()
{
    if (!m_fetchingAll)
        return;
    m_fetchingAll = false;
    if (Job *job = m_job.data())
        job->abort(); // onPage() sees Cancelled and leaves the cursor where it was
    Q_EMIT fetchAllFinished(Error::make(Error::Kind::Cancelled, tr("Loading every page was cancelled.")));
}

void PagedRecordsModel::finishFetchAll(const Error &error)
{
    m_fetchingAll = false;
    Q_EMIT fetchAllFinished(error);
}

void PagedRecordsModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

QJsonObject PagedRecordsModel::recordAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return QJsonObject();
    return QCborValue::fromCbor(m_rows.at(row).record).toMap().toJsonObject();
}

const QVariant &PagedRecordsModel::valueAt(int row, int column) const
{
    static const QVariant none;
    if (row < 0 || row >= m_rows.size())
        return none;
    const QVariantList &values = m_rows.at(row).values;
    return column >= 0 && column < values.size() ? values.at(column) : none;
}

QString PagedRecordsModel::idAt(int row) const
{
    // The "id" column reads RecordColumns::id(); a resource without one decodes the record.
    return m_idColumn >= 0 ? m_rows.at(row).values.value(m_idColumn).toString() : RecordColumns::id(recordAt(row));
}

int PagedRecordsModel::addCreated(const QJsonObject &record)
{
    const QString id = RecordColumns::id(record);
    if (id.isEmpty())
        return -1;
    if (const int row = rowOfId(id); row >= 0)
        return row;
    const int row = int(m_rows.size());
    beginInsertRows(QModelIndex(), row, row);
    m_rows.append(makeRow(record));
    endInsertRows();
    m_added.insert(id);
    return row;
}

int PagedRecordsModel::rowOfId(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (idAt(i) == id)
            return i;
    }
    return -1;
}

} // namespace crossline
