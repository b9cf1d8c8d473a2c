#include "history/activitymodel.h"

#include "history/activitylog.h"

#include <QJsonObject>

namespace crossline {

namespace {
ActivityEntry summaryOf(const ActivityEntry &entry)
{
    ActivityEntry s = entry;
    if (s.summary.isEmpty())
        s.summary = ActivitySummary::describe(s.record); // while the request's headers and body are at hand
    // Stored rows keep their headers and bodies in the file, not in memory.
    if (entry.id <= 0)
        return s;
    s.record.requestHeaders.clear();
    s.record.responseHeaders.clear();
    s.record.requestBody.clear();
    s.record.responseBody.clear();
    return s;
}

QString statusText(const RequestRecord &r)
{
    return r.status > 0 ? QString::number(r.status) : ActivityModel::tr("failed");
}

// What the search looks through: the summary and the request's line, not its bodies.
QStringList searchFields(const ActivityEntry &e)
{
    const RequestRecord &r = e.record;
    return { e.summary.operation, e.summary.target, e.summary.connection, e.summary.outcome,
        QString::fromLatin1(r.method), r.url, statusText(r), r.service, r.error };
}
} // namespace

ActivityModel::ActivityModel(ActivityLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_limit(ActivityLog::DefaultCap)
{
    setLog(log);
}

void ActivityModel::setLog(ActivityLog *log)
{
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    if (log) {
        connect(log, &ActivityLog::activityAdded, this, &ActivityModel::appendEntry);
        connect(log, &ActivityLog::activityCleared, this, &ActivityModel::clear);
    }
    reload();
}

void ActivityModel::reload()
{
    if (m_log)
        m_log->flush(); // its activityAdded come before the reset, not inside it
    beginResetModel();
    m_all.clear();
    if (m_log)
        m_all = m_profile ? m_log->recent(*m_profile, m_limit) : m_log->recent(m_limit);
    m_visible.clear();
    for (const ActivityEntry &e : std::as_const(m_all)) {
        if (accepts(e))
            m_visible.append(e);
    }
    endResetModel();
    updateServices();
}

void ActivityModel::updateServices()
{
    const QStringList before = m_services;
    m_services.clear();
    for (const ActivityEntry &e : std::as_const(m_all)) {
        if (inProfile(e) && !e.record.service.isEmpty() && !m_services.contains(e.record.service))
            m_services.append(e.record.service);
    }
    m_services.sort();
    if (before != m_services)
        Q_EMIT servicesChanged();
}

void ActivityModel::setProfile(const QString &profile)
{
    if (m_profile == profile)
        return;
    m_profile = profile;
    if (m_log) {
        reload(); // the log holds every profile's rows: ask it for this one's newest
    } else {
        rebuild(); // without a log, the rows of this session are all held
        updateServices();
    }
}

void ActivityModel::setLimit(int rows)
{
    m_limit = qMax(1, rows);
    reload();
}

void ActivityModel::clear()
{
    beginResetModel();
    m_all.clear();
    m_visible.clear();
    endResetModel();
    if (!m_services.isEmpty()) {
        m_services.clear();
        Q_EMIT servicesChanged();
    }
}

bool ActivityModel::matchesStatus(const RequestRecord &r, StatusFilter filter)
{
    switch (filter) {
    case StatusFilter::All:
        return true;
    case StatusFilter::Success:
        return r.status >= 200 && r.status < 300;
    case StatusFilter::Redirect:
        return r.status >= 300 && r.status < 400;
    case StatusFilter::ClientError:
        return r.status >= 400 && r.status < 500;
    case StatusFilter::ServerError:
        return r.status >= 500 && r.status < 600;
    case StatusFilter::Failed:
        return r.status <= 0; // no answer: network error, timeout, reset, cancelled
    }
    return true;
}

bool ActivityModel::accepts(const ActivityEntry &entry) const
{
    const RequestRecord &r = entry.record;
    if (!inProfile(entry))
        return false;
    if (!matchesStatus(r, m_status))
        return false;
    if (!m_service.isEmpty() && r.service.compare(m_service, Qt::CaseInsensitive) != 0)
        return false;
    if (m_search.isEmpty())
        return true;
    for (const QString &field : searchFields(entry)) {
        if (field.contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void ActivityModel::rebuild()
{
    beginResetModel();
    m_visible.clear();
    for (const ActivityEntry &e : std::as_const(m_all)) {
        if (accepts(e))
            m_visible.append(e);
    }
    endResetModel();
}

void ActivityModel::setStatusFilter(StatusFilter filter)
{
    if (m_status == filter)
        return;
    m_status = filter;
    rebuild();
}

void ActivityModel::setServiceFilter(const QString &service)
{
    if (m_service == service)
        return;
    m_service = service;
    rebuild();
}

void ActivityModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_search == trimmed)
        return;
    m_search = trimmed;
    rebuild();
}

void ActivityModel::noteService(const QString &service)
{
    if (service.isEmpty() || m_services.contains(service))
        return;
    m_services.append(service);
    m_services.sort();
    Q_EMIT servicesChanged();
}

void ActivityModel::append(const RequestRecord &record)
{
    appendEntry(ActivityEntry { 0, record });
}

void ActivityModel::appendEntry(const ActivityEntry &entry)
{
    // With a log, the rows held are its rows of the profile shown (as reload() reads them); without one they are
    // all held, and the filter shows the profile's.
    if (m_log && !inProfile(entry))
        return;
    const ActivityEntry e = summaryOf(entry);
    m_all.prepend(e);
    if (accepts(e)) {
        beginInsertRows(QModelIndex(), 0, 0);
        m_visible.prepend(e);
        endInsertRows();
    }
    while (m_all.size() > m_limit) {
        const ActivityEntry dropped = m_all.takeLast();
        // m_visible keeps m_all's order, so a dropped row that is visible is its last row.
        if (!m_visible.isEmpty() && accepts(dropped)) {
            const int last = int(m_visible.size()) - 1;
            beginRemoveRows(QModelIndex(), last, last);
            m_visible.removeLast();
            endRemoveRows();
        }
    }
    if (inProfile(e))
        noteService(e.record.service);
}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActivityEntry &e = m_visible.at(index.row());
    const RequestRecord &r = e.record;
    const ActivitySummary &s = e.summary;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return r.started.toLocalTime();
        case Operation:
            return s.operation;
        case Target:
            return s.target;
        case Connection:
            return s.connection;
        case Outcome:
            return s.outcome;
        case Duration:
            return tr("%1 ms").arg(r.durationMs);
        case Url:
            return r.url;
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case Time:
            return r.started;
        case Outcome:
            return r.status;
        case Duration:
            return r.durationMs;
        default:
            return data(index, Qt::DisplayRole); // the text shown
        }
    case Qt::ToolTipRole:
        // The outcome cell is cut to the column's width: its tooltip has the whole error.
        return index.column() == Outcome && !r.error.isEmpty() ? s.outcome + QLatin1Char('\n') + r.error : r.line();
    case Qt::TextAlignmentRole:
        if (index.column() == Duration)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SearchTextRole:
        return searchFields(e).join(QLatin1Char(' ')).toLower();
    case RawJsonRole:
        return QJsonObject { { QStringLiteral("id"), e.id },
            { QStringLiteral("time"), r.started.toUTC().toString(Qt::ISODateWithMs) },
            { QStringLiteral("service"), r.service }, { QStringLiteral("method"), QString::fromLatin1(r.method) },
            { QStringLiteral("url"), r.url }, { QStringLiteral("status"), r.status },
            { QStringLiteral("duration_ms"), r.durationMs }, { QStringLiteral("attempt"), r.attempt },
            { QStringLiteral("error"), r.error }, { QStringLiteral("profile"), e.profile },
            { QStringLiteral("operation"), s.operation }, { QStringLiteral("target"), s.target },
            { QStringLiteral("connection"), s.connection }, { QStringLiteral("outcome"), s.outcome } };
    case IdRole:
        return QString::number(e.id);
    default:
        return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Operation:
        return tr("Operation");
    case Target:
        return tr("Recipient / record");
    case Connection:
        return tr("Connection");
    case Outcome:
        return tr("Outcome");
    case Duration:
        return tr("Duration");
    case Url:
        return tr("URL");
    default:
        return {};
    }
}

Qt::ItemFlags ActivityModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ActivityModel::roleNames() const
{
    return withModelRoleNames(QAbstractTableModel::roleNames());
}

RequestRecord ActivityModel::recordAt(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return {};
    const ActivityEntry &e = m_visible.at(row);
    if (e.id > 0 && m_log) {
        if (auto full = m_log->record(e.id))
            return *full;
    }
    return e.record;
}

qint64 ActivityModel::idAt(int row) const
{
    return row >= 0 && row < m_visible.size() ? m_visible.at(row).id : 0;
}

} // namespace crossline
