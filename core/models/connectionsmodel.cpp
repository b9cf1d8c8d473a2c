#include "models/connectionsmodel.h"

#include "job.h"
#include "models/recordcolumns.h"
#include "nango/nangoclient.h"

#include <QJsonArray>

namespace crossline {

namespace {
QString keyOf(const QJsonObject &c)
{
    return c.value(QLatin1String("provider_config_key")).toString() + QLatin1Char('\n')
        + c.value(QLatin1String("connection_id")).toString();
}
} // namespace

ConnectionsModel::ConnectionsModel(NangoClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
}

ConnectionsModel::~ConnectionsModel()
{
    ++m_generation;
    if (m_job)
        m_job->abort();
}

void ConnectionsModel::setClient(NangoClient *client)
{
    ++m_generation;
    if (Job *job = m_job.data()) {
        m_job = nullptr;
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
    m_client = client;
    m_lastError = Error();
    m_lastLoaded = QDateTime();
    setLoading(false);
    replaceRows({});
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectionsModel::errorsText(const QJsonObject &connection)
{
    // Nango lists problems as [{type:"auth"|"sync", log_id}].
    QStringList types;
    for (const QJsonValue &e : connection.value(QLatin1String("errors")).toArray()) {
        const QString type = e.isObject() ? e.toObject().value(QLatin1String("type")).toString() : e.toString();
        if (!type.isEmpty() && !types.contains(type))
            types << type;
    }
    return types.join(QStringLiteral(", "));
}

QString ConnectionsModel::tagsText(const QJsonObject &connection)
{
    const QJsonObject tags = connection.value(QLatin1String("tags")).toObject();
    QStringList parts;
    for (auto it = tags.begin(); it != tags.end(); ++it) { // QJsonObject iterates keys in sorted order
        const QJsonValue v = it.value();
        const QString value = v.isString() ? v.toString()
            : v.isDouble()                 ? QString::number(v.toDouble(), 'g', 15)
            : v.isBool()                   ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                           : QString();
        parts << it.key() + QLatin1Char('=') + value;
    }
    return parts.join(QStringLiteral(", "));
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &c = m_rows.at(index.row());
    auto cell = [&c](int column) -> QVariant {
        switch (column) {
        case ConnectionId:
            return c.value(QLatin1String("connection_id")).toString();
        case Integration:
            return c.value(QLatin1String("provider_config_key")).toString();
        case Provider:
            return c.value(QLatin1String("provider")).toString();
        case Created: {
            QJsonValue v = c.value(QLatin1String("created"));
            if (v.isUndefined())
                v = c.value(QLatin1String("created_at"));
            const QDateTime dt = RecordColumns::dateTime(v);
            return dt.isValid() ? QVariant(dt.toLocalTime()) : QVariant();
        }
        case Errors:
            return errorsText(c);
        case Tags:
            return tagsText(c);
        default:
            return {};
        }
    };
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        return cell(index.column());
    case Qt::ToolTipRole:
        return RecordColumns::valueText(cell(index.column()));
    case SearchTextRole: {
        QStringList parts;
        for (int col = 0; col < ColumnCount; ++col)
            parts << RecordColumns::valueText(cell(col));
        return parts.join(QLatin1Char(' ')).toLower();
    }
    case RawJsonRole:
        return c;
    case IdRole:
        return c.value(QLatin1String("connection_id")).toString();
    default:
        return {};
    }
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ConnectionId:
        return tr("Connection id");
    case Integration:
        return tr("Integration");
    case Provider:
        return tr("Provider");
    case Created:
        return tr("Created");
    case Errors:
        return tr("Errors");
    case Tags:
        return tr("Tags");
    default:
        return {};
    }
}

Qt::ItemFlags ConnectionsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConnectionsModel::roleNames() const
{
    return withModelRoleNames(QAbstractTableModel::roleNames());
}

void ConnectionsModel::refresh()
{
    ++m_generation;
    if (Job *old = m_job.data()) {
        m_job = nullptr;
        disconnect(old, nullptr, this, nullptr);
        old->abort();
    }
    const quint64 generation = m_generation;
    Job *job = m_client ? m_client->listConnections()
                        : Job::finishedJob(Result::failure(Error::config(tr("Nango is not configured."),
                            tr("Set a Nango base URL and secret key in the profile."))));
    m_job = job;
    m_clock.start();
    connect(job, &Job::finished, this, [this, generation](const Result &r) { onFinished(generation, r); });
    setLoading(true);
}

void ConnectionsModel::cancel()
{
    if (Job *job = m_job.data())
        job->abort(); // finishes at once through onFinished(): failed(Cancelled), the rows stay
}

void ConnectionsModel::onFinished(quint64 generation, const Result &result)
{
    if (generation != m_generation)
        return;
    m_job = nullptr;
    setLoading(false);
    if (!result.ok()) {
        m_lastError = result.error;
        Q_EMIT failed(result.error); // the rows stay: nothing the user saw is lost
        return;
    }
    QList<QJsonObject> rows;
    for (const QJsonValue &v : result.data.toArray()) {
        if (v.isObject())
            rows.append(v.toObject());
    }
    m_lastError = Error();
    m_lastLoaded = QDateTime::currentDateTimeUtc();
    replaceRows(rows);
    Q_EMIT loaded(int(m_rows.size()), m_clock.elapsed());
}

void ConnectionsModel::replaceRows(const QList<QJsonObject> &rows)
{
    bool sameKeys = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameKeys && i < rows.size(); ++i)
        sameKeys = keyOf(rows.at(i)) == keyOf(m_rows.at(i));
    if (sameKeys) {
        if (rows != m_rows) {
            m_rows = rows;
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        }
    } else {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }
    QStringList integrations;
    for (const QJsonObject &c : std::as_const(m_rows)) {
        const QString key = c.value(QLatin1String("provider_config_key")).toString();
        if (!key.isEmpty() && !integrations.contains(key))
            integrations << key;
    }
    integrations.sort(Qt::CaseInsensitive);
    if (integrations != m_integrations) {
        m_integrations = integrations;
        Q_EMIT integrationsChanged();
    }
}

QJsonObject ConnectionsModel::connectionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QJsonObject();
}

int ConnectionsModel::rowOf(const QString &providerConfigKey, const QString &connectionId) const
{
    const QString key = providerConfigKey + QLatin1Char('\n') + connectionId;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (keyOf(m_rows.at(i)) == key)
            return i;
    }
    return -1;
}

QStringList ConnectionsModel::integrations() const
{
    return m_integrations;
}

bool ConnectionsModel::removeConnection(const QString &providerConfigKey, const QString &connectionId)
{
    const int row = rowOf(providerConfigKey, connectionId);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    replaceRows(QList<QJsonObject>(m_rows)); // refreshes integrations(); the keys match, so no reset
    return true;
}

void ConnectionsModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace crossline
