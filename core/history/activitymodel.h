#pragma once

#include "history/activityentry.h"
#include "models/modelroles.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>

namespace crossline {

class ActivityLog;

// The activity log as a table, newest first: Time, Operation, Recipient / record, Connection, Outcome, Duration, URL
// (ActivitySummary: what a person scans for, worked out from the redacted record). With a log it loads the newest
// rows (its cap) and follows ActivityLog::activityAdded, so rows appear live as requests finish; without one,
// append() adds records directly. Filters (profile, status class, service, search text) are applied here, so the
// view needs no proxy; search covers the summary, method, URL, status, service and error text (not bodies).
// Rows hold summaries; recordAt() returns the full redacted record (headers, bodies) from the log.
class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Operation,
        Target,
        Connection,
        Outcome,
        Duration,
        Url,
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

    // Only the rows made under `profile` (Workspace::profileKey()) from now on; reloads. Rows of profile '' (written
    // before the log kept profiles) belong to no profile and are shown under none. Until it is called, every
    // profile's rows are shown.
    void setProfile(const QString &profile);
    QString profile() const { return m_profile.value_or(QString()); }

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
    bool inProfile(const ActivityEntry &entry) const { return !m_profile || entry.profile == *m_profile; }
    bool accepts(const ActivityEntry &entry) const;
    void rebuild();
    void updateServices();
    void noteService(const QString &service);

    QPointer<ActivityLog> m_log;
    QList<ActivityEntry> m_all; // newest first
    QList<ActivityEntry> m_visible; // newest first, filtered
    QStringList m_services;
    std::optional<QString> m_profile; // none: every profile's rows
    StatusFilter m_status = StatusFilter::All;
    QString m_service;
    QString m_search;
    int m_limit;
};

} // namespace crossline
