#include "pages/recordsproxy.h"

#include "models/modelroles.h"
#include "models/pagedrecordsmodel.h"

#include <QFont>

#include <algorithm>
#include <string_view>
#include <vector>

namespace crossline {

RecordsProxy::RecordsProxy(PagedRecordsModel *model, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_model(model)
{
    setSourceModel(model);
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { rankBy(-1); });
}

void RecordsProxy::setSearch(const QString &text)
{
    const QByteArray needle = text.toLower().toUtf8();
    if (needle == m_needle)
        return;
    m_needle = needle;
    // One layout change: removing thousands of scattered rows one range at a time (invalidateRowsFilter) costs
    // the view seconds on 100,000 rows.
    invalidate();
}

bool RecordsProxy::canFetchMore(const QModelIndex &parent) const
{
    return !isSearching() && QSortFilterProxyModel::canFetchMore(parent);
}

QVariant RecordsProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::FontRole && QSortFilterProxyModel::data(index, DeletedAtRole).toDateTime().isValid()) {
        QFont font;
        font.setStrikeOut(true);
        return font;
    }
    return QSortFilterProxyModel::data(index, role);
}

void RecordsProxy::sort(int column, Qt::SortOrder order)
{
    // (QTableView::sortByColumn asks twice; the ranks do not depend on the order.)
    if (column != m_rankColumn || m_rank.size() != size_t(m_model->loadedCount()) || m_rankCase != sortCaseSensitivity()
        || m_rankLocale != isSortLocaleAware())
        rankBy(column);
    QSortFilterProxyModel::sort(column, order);
}

bool RecordsProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.model() != m_model || right.model() != m_model || left.column() != right.column()
        || sortRole() != SortRole)
        return QSortFilterProxyModel::lessThan(left, right);
    const int column = left.column();
    if (column == m_rankColumn && m_rankCase == sortCaseSensitivity() && m_rankLocale == isSortLocaleAware()
        && size_t(left.row()) < m_rank.size() && size_t(right.row()) < m_rank.size())
        return m_rank[size_t(left.row())] < m_rank[size_t(right.row())];
    return valueLess(left.row(), right.row(), column); // a row that arrived after the ranking
}

bool RecordsProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_needle.isEmpty() || sourceParent.isValid())
        return true;
    const QByteArrayView key = m_model->searchKeyAt(sourceRow);
    return std::string_view(key.data(), size_t(key.size()))
               .find(std::string_view(m_needle.constData(), size_t(m_needle.size())))
        != std::string_view::npos;
}

// QSortFilterProxyModel::lessThan for the values the model holds (text, date and time, date; an empty cell sorts
// after every other), without copying them; anything else is left to it.
bool RecordsProxy::valueLess(int leftRow, int rightRow, int column) const
{
    const QVariant &l = m_model->valueAt(leftRow, column);
    const QVariant &r = m_model->valueAt(rightRow, column);
    if (!l.isValid())
        return false;
    if (!r.isValid())
        return true;
    if (l.typeId() == QMetaType::QString && r.typeId() == QMetaType::QString) {
        const QString &a = *static_cast<const QString *>(l.constData());
        const QString &b = *static_cast<const QString *>(r.constData());
        return isSortLocaleAware() ? a.localeAwareCompare(b) < 0 : a.compare(b, sortCaseSensitivity()) < 0;
    }
    if (l.typeId() == QMetaType::QDateTime && r.typeId() == QMetaType::QDateTime)
        return *static_cast<const QDateTime *>(l.constData()) < *static_cast<const QDateTime *>(r.constData());
    if (l.typeId() == QMetaType::QDate && r.typeId() == QMetaType::QDate)
        return *static_cast<const QDate *>(l.constData()) < *static_cast<const QDate *>(r.constData());
    return QSortFilterProxyModel::lessThan(m_model->index(leftRow, column), m_model->index(rightRow, column));
}

// Orders the loaded rows by `column` as valueLess() does and keeps each row's rank (equal values, equal ranks).
// What is compared is first copied into one array, read in row order: the sort then seldom reaches into the
// rows, scattered over the heap (three pointers deep per cell otherwise). -1: no ranks.
void RecordsProxy::rankBy(int column)
{
    m_rank.clear();
    m_rankColumn = -1;
    const int rows = m_model->loadedCount();
    if (column < 0 || column >= m_model->columnCount() || rows == 0)
        return;
    enum Kind : quint8
    {
        Empty, // sorts after every other
        Text,
        DateTime,
        Date,
        Other, // valueLess() alone
    };
    // A column holding one kind of value (and empty cells) is compared from the copies; a mixed one is not.
    Kind columnKind = Empty;
    for (int row = 0; row < rows && columnKind != Other; ++row) {
        const QVariant &v = m_model->valueAt(row, column);
        const Kind kind = !v.isValid()           ? Empty
            : v.typeId() == QMetaType::QString   ? Text
            : v.typeId() == QMetaType::QDateTime ? DateTime
            : v.typeId() == QMetaType::QDate     ? Date
                                                 : Other;
        if (kind != Empty)
            columnKind = columnKind == Empty || columnKind == kind ? kind : Other;
    }
    const Qt::CaseSensitivity cs = sortCaseSensitivity();
    const bool localeAware = isSortLocaleAware();
    const bool textPrefix = cs == Qt::CaseSensitive && !localeAware;
    struct Key
    {
        quint64 prefix; // Text: the first four UTF-16 units (case-sensitive order); Date: the Julian day
        QStringView text;
        QDateTime when;
        int row;
        Kind kind;
    };
    std::vector<Key> keys(static_cast<size_t>(rows));
    for (int row = 0; row < rows; ++row) {
        const QVariant &v = m_model->valueAt(row, column);
        Key &key = keys[size_t(row)];
        key.row = row;
        key.prefix = 0;
        key.kind = !v.isValid() ? Empty : columnKind;
        if (key.kind == Text) {
            key.text = *static_cast<const QString *>(v.constData());
            if (textPrefix) {
                for (qsizetype i = 0; i < 4; ++i)
                    key.prefix = (key.prefix << 16) | (i < key.text.size() ? key.text.at(i).unicode() : 0u);
            }
        } else if (key.kind == DateTime) {
            key.when = *static_cast<const QDateTime *>(v.constData());
        } else if (key.kind == Date) {
            key.prefix = quint64(static_cast<const QDate *>(v.constData())->toJulianDay()) ^ (quint64(1) << 63);
        }
    }
    const auto less = [&](const Key &a, const Key &b) {
        if (a.kind == Empty || b.kind == Empty)
            return a.kind != Empty && b.kind == Empty;
        if (a.prefix != b.prefix)
            return a.prefix < b.prefix;
        switch (a.kind) {
        case Text:
            return localeAware ? a.text.toString().localeAwareCompare(b.text.toString()) < 0
                               : a.text.compare(b.text, cs) < 0;
        case DateTime:
            return a.when < b.when;
        case Date:
            return false; // the same day
        default:
            return valueLess(a.row, b.row, column);
        }
    };
    std::stable_sort(keys.begin(), keys.end(), less);
    m_rank.resize(size_t(rows));
    int rank = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i > 0 && less(keys[i - 1], keys[i]))
            ++rank;
        m_rank[size_t(keys[i].row)] = rank;
    }
    m_rankColumn = column;
    m_rankCase = cs;
    m_rankLocale = localeAware;
}

} // namespace crossline
