#pragma once

#include <QByteArray>
#include <QHash>
#include <QtCore/qnamespace.h>

namespace crossline {

// Item roles shared by every core model, so one proxy (search, sort) in the UI works on all of them.
enum ModelRole : int
{
    SortRole = Qt::UserRole + 1, // raw value to sort on (QDateTime, qint64, QString)
    SearchTextRole, // all visible columns of the row joined with ' ' and lower-cased
    RawJsonRole, // the row as received (QJsonObject), for a detail pane / JSON tree
    IdRole, // the row's identifier (QString)
    DeletedAtRole, // when the provider deleted the record (QDateTime; invalid when it is not deleted)
};

// The shared roles' names added to a model's own (for QML and for debugging output).
inline QHash<int, QByteArray> withModelRoleNames(QHash<int, QByteArray> names)
{
    names.insert(SortRole, "sort");
    names.insert(SearchTextRole, "searchText");
    names.insert(RawJsonRole, "rawJson");
    names.insert(IdRole, "id");
    names.insert(DeletedAtRole, "deletedAt");
    return names;
}

} // namespace crossline
