#pragma once

#include "history/activityentry.h"
#include "models/modelroles.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace crossline {

class ActivityLog;

// The activity log as a table, newest first: Time, Method, URL, Status, Duration. With a log it loads the newest
// rows (its cap) and follows ActivityLog::activityAdded, so rows appear live as requests finish; without one,
// append() adds records directly. Filters (status class, service, search text) are applied here, so the view needs
// no proxy; search covers method, URL, status, service and error text (not bodies).
// Rows hold summaries; recordAt() returns the full redacted record (headers, bodies) from the log.
class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Method,
        Url,
        Status,
        Duration,
        ColumnCount
    };
    enum class StatusFilter
    {
        All,
        Success,
        Redirect,
        ClientError,
        ServerError,
        Failed
    }; // 2xx 3xx 4xx 5xx no-answer

    explicit ActivityModel(ActivityLog *log = nullptr, QObject *parent = nullptr);

    void setLog(ActivityLog *log); // reloads
    void reload();
    void setLimit(int rows); // most rows held (default ActivityLog::DefaultCap)

    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_status; }
    void setServiceFilter(const QString &service); // "nango", "panora"…; empty: every service
    QString serviceFilter() const { return m_service; }
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    QStringList services() const { return m_services; } // distinct services held, sorted: for the filter combo

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    RequestRecord recordAt(int row) const; // full record (headers and bodies), redacted
    qint64 idAt(int row) const; // the log's id, 0 when not stored
    int heldCount() const { return int(m_all.size()); } // before filters

    static bool matchesStatus(const RequestRecord &record, StatusFilter filter);

public Q_SLOTS:
    void append(const crossline::RequestRecord &record); // log-less use: a record as HttpClient emitted it
    void appendEntry(const crossline::ActivityEntry &entry);
    void clear();

Q_SIGNALS:
    void servicesChanged();

private:
    bool accepts(const ActivityEntry &entry) const;
    void rebuild();
    void noteService(const QString &service);

    QPointer<ActivityLog> m_log;
    QList<ActivityEntry> m_all; // newest first
    QList<ActivityEntry> m_visible; // newest first, filtered
    QStringList m_services;
    StatusFilter m_status = StatusFilter::All;
    QString m_service;
    QString m_search;
    int m_limit;
};

} // namespace crossline
