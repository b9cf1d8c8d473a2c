#pragma once

#include "error.h"
#include "models/modelroles.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>

namespace crossline {

class Job;
class NangoClient;
struct Result;

// Nango connections (GET /connections) as a table: Connection id, Integration, Provider, Created, Errors, Tags.
// refresh() replaces the rows when the answer arrives; a failed refresh keeps the rows the user was looking at
// and reports failed(error). A refresh started while another runs supersedes it (the older reply is dropped).
// Rows whose (integration, connection id) sequence did not change are updated in place (selection survives).
class ConnectionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ConnectionId,
        Integration,
        Provider,
        Created,
        Errors,
        Tags,
        ColumnCount
    };

    explicit ConnectionsModel(NangoClient *client = nullptr, QObject *parent = nullptr);
    ~ConnectionsModel() override;

    void setClient(NangoClient *client); // another profile: clears the rows (call refresh() after)

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QJsonObject connectionAt(int row) const;
    int rowOf(const QString &providerConfigKey, const QString &connectionId) const; // -1 when absent
    QStringList integrations() const; // distinct provider_config_keys, sorted: for the filter combo
    bool removeConnection(const QString &providerConfigKey, const QString &connectionId); // after a delete
    bool isLoading() const { return !m_job.isNull(); }
    Error lastError() const { return m_lastError; }
    QDateTime lastLoaded() const { return m_lastLoaded; }

    // Cell helpers, also for the detail pane.
    static QString errorsText(const QJsonObject &connection); // "auth" or "auth, sync"; empty when none
    static QString tagsText(const QJsonObject &connection); // "k=v, k2=v2" sorted by key

public Q_SLOTS:
    void refresh();
    // Stops waiting for the list in flight: the rows stay, failed() reports a Cancelled error.
    void cancel();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loaded(int count, qint64 ms);
    void failed(const crossline::Error &error);
    void integrationsChanged();

private:
    void onFinished(quint64 generation, const Result &result);
    void replaceRows(const QList<QJsonObject> &rows);
    void setLoading(bool loading);

    QPointer<NangoClient> m_client;
    QList<QJsonObject> m_rows;
    QPointer<Job> m_job;
    quint64 m_generation = 0;
    QElapsedTimer m_clock;
    Error m_lastError;
    QDateTime m_lastLoaded;
    QStringList m_integrations;
    bool m_loading = false;
};

} // namespace crossline
