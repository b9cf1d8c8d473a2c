#pragma once

#include <QByteArray>
#include <QSortFilterProxyModel>

#include <vector>

namespace crossline {

class PagedRecordsModel;

// Records the provider deleted (Nango keeps them, marked) are shown struck through, not hidden. The search keeps the
// rows whose search text contains the typed text, case-insensitively; it reads PagedRecordsModel::searchKeyAt (the
// visible columns, lower-cased, in UTF-8, worked out once per row, in one buffer), since every row is read on each
// keystroke.
// Sorting orders rows as QSortFilterProxyModel::lessThan does on SortRole, reading the model's values in place; when
// the user sorts, each row's rank in that column is worked out once, so the sorts that follow (a search re-sorts what
// it keeps) compare two integers.
class RecordsProxy : public QSortFilterProxyModel
{
public:
    RecordsProxy(PagedRecordsModel *model, QObject *parent = nullptr);

    void setSearch(const QString &text); // lower-cased substring of each row's search text; empty: every row
    bool isSearching() const { return !m_needle.isEmpty(); }

    // While a search narrows the rows, the view would ask for page after page to fill itself (hundreds of rows
    // loaded without a word); more is loaded only when asked for then.
    bool canFetchMore(const QModelIndex &parent) const override;

    QVariant data(const QModelIndex &index, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool valueLess(int leftRow, int rightRow, int column) const;
    void rankBy(int column);

    PagedRecordsModel *m_model;
    QByteArray m_needle; // lower-cased, UTF-8
    std::vector<int> m_rank; // by source row
    int m_rankColumn = -1;
    Qt::CaseSensitivity m_rankCase = Qt::CaseSensitive;
    bool m_rankLocale = false;
};

} // namespace crossline
