#include "pages/connectionspage.h"

#include "dialogs/importconnectiondialog.h"
#include "models/connectionsmodel.h"
#include "widgets/jsontree.h"
#include "workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace crossline {

namespace {
// Search text and integration filter over the connections model's SearchTextRole / Integration column.
class ConnectionFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setText(const QString &text)
    {
        m_text = text.trimmed().toLower();
        invalidateFilter();
    }
    void setIntegration(const QString &integration)
    {
        m_integration = integration;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex idx = sourceModel()->index(row, ConnectionsModel::Integration, parent);
        if (!m_integration.isEmpty() && idx.data().toString() != m_integration)
            return false;
        return m_text.isEmpty() || idx.data(SearchTextRole).toString().contains(m_text);
    }

private:
    QString m_text;
    QString m_integration;
};
} // namespace

ConnectionsPage::ConnectionsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new ConnectionsModel(nullptr, this))
    , m_proxy(new ConnectionFilter(this))
    , m_search(new QLineEdit(this))
    , m_integration(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_message(new QLabel(this))
    , m_detailTitle(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_detailJson(new JsonTree(this))
    , m_copy(new QPushButton(tr("Copy id"), this))
    , m_send(new QPushButton(tr("Send a test message…"), this))
    , m_delete(new QPushButton(tr("Delete…"), this))
{
    m_search->setPlaceholderText(tr("Search connections (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search connections"));
    m_integration->setAccessibleName(tr("Integration filter"));
    m_integration->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *refreshButton = new QToolButton(this);
    refreshButton->setText(tr("Refresh"));
    refreshButton->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    refreshButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    refreshButton->setToolTip(tr("Reload the connections (F5)"));
    auto *import = new QPushButton(tr("Import…"), this);
    import->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    import->setToolTip(tr("Import an existing token as a connection (Ctrl+I)"));
    m_delete->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_delete->setToolTip(tr("Delete the selected connection (Del)"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 2);
    bar->addWidget(new QLabel(tr("Integration:"), this));
    bar->addWidget(m_integration);
    bar->addWidget(refreshButton);
    bar->addStretch(1);
    bar->addWidget(import);
    bar->addWidget(m_delete);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ConnectionsModel::Created, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // a few dozen rows: cheap
    // Tags take the width that is left and are elided (the tooltip has them all): no horizontal scrolling for them.
    m_table->horizontalHeader()->setSectionResizeMode(ConnectionsModel::Tags, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Connections"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_detailTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_detailTitle->setFont(big);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_copy->setToolTip(tr("Copy the connection id (Ctrl+Shift+C)"));
    m_send->setToolTip(tr("Open the composer with this connection"));
    auto *side = new QWidget(this);
    auto *s = new QVBoxLayout(side);
    s->setContentsMargins(8, 0, 0, 0);
    s->addWidget(m_detailTitle);
    s->addWidget(m_detail);
    s->addWidget(m_detailJson, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_copy);
    actions->addWidget(m_send);
    s->addLayout(actions);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this,
        [this](const QString &t) { static_cast<ConnectionFilter *>(m_proxy)->setText(t); });
    connect(m_integration, &QComboBox::currentIndexChanged, this,
        [this] { static_cast<ConnectionFilter *>(m_proxy)->setIntegration(m_integration->currentData().toString()); });
    connect(refreshButton, &QToolButton::clicked, this, &ConnectionsPage::refresh);
    connect(import, &QPushButton::clicked, this, &ConnectionsPage::openImportDialog);
    connect(m_delete, &QPushButton::clicked, this, &ConnectionsPage::deleteSelected);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        const QString id = selectedConnection().value(QLatin1String("connection_id")).toString();
        if (id.isEmpty())
            return;
        QApplication::clipboard()->setText(id);
        Q_EMIT statusMessage(tr("Copied %1").arg(id));
    });
    connect(m_send, &QPushButton::clicked, this, [this] {
        const QJsonObject c = selectedConnection();
        if (!c.isEmpty())
            Q_EMIT sendTestMessageRequested(c);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ConnectionsPage::showDetail);
    connect(m_model, &ConnectionsModel::integrationsChanged, this, &ConnectionsPage::updateIntegrations);
    connect(m_model, &ConnectionsModel::loaded, this, [this](int count, qint64 ms) {
        m_message->hide();
        Q_EMIT statusMessage(tr("%n connection(s) · loaded in %1 ms", nullptr, count).arg(ms));
    });
    connect(m_model, &ConnectionsModel::failed, this, [this](const Error &e) {
        // Inline, not a dialog: the rows already shown stay (nothing lost).
        m_message->setText(
            QStringLiteral("✗ ") + e.summary() + (e.hint.isEmpty() ? QString() : QLatin1Char('\n') + e.hint));
        m_message->show();
        Q_EMIT statusMessage(e.summary());
    });

    auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *sc = new QShortcut(keys, this);
        sc->setContext(Qt::WidgetWithChildrenShortcut);
        connect(sc, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence::Find, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    shortcut(QKeySequence(Qt::Key_F5), [this] { refresh(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_I), [this] { openImportDialog(); });
    shortcut(QKeySequence(Qt::Key_Delete), [this] { deleteSelected(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] { m_copy->click(); });

    connect(m_workspace, &Workspace::changed, this, [this] {
        m_model->setClient(m_workspace->clients() ? m_workspace->clients()->nango() : nullptr);
        if (m_workspace->isConfigured())
            refresh();
    });
    m_model->setClient(m_workspace->clients() ? m_workspace->clients()->nango() : nullptr);
    updateIntegrations();
    showDetail();
    if (m_workspace->isConfigured())
        refresh();
}

void ConnectionsPage::refresh()
{
    Q_EMIT statusMessage(tr("Loading connections…"));
    m_model->refresh();
}

void ConnectionsPage::updateIntegrations()
{
    const QString current = m_integration->currentData().toString();
    m_integration->blockSignals(true);
    m_integration->clear();
    m_integration->addItem(tr("all"), QString());
    for (const QString &i : m_model->integrations())
        m_integration->addItem(i, i);
    m_integration->setCurrentIndex(qMax(0, m_integration->findData(current)));
    m_integration->blockSignals(false);
}

QJsonObject ConnectionsPage::selectedConnection() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_model->connectionAt(m_proxy->mapToSource(rows.first()).row());
}

void ConnectionsPage::showDetail()
{
    const QJsonObject c = selectedConnection();
    const bool has = !c.isEmpty();
    m_copy->setEnabled(has);
    m_send->setEnabled(has);
    m_delete->setEnabled(has);
    if (!has) {
        m_detailTitle->setText(tr("No connection selected"));
        m_detail->setText(tr("Select a connection to see its details, copy its id or send a test message."));
        m_detailJson->setJson(QJsonValue());
        return;
    }
    m_detailTitle->setText(c.value(QLatin1String("connection_id")).toString());
    const QString errors = ConnectionsModel::errorsText(c);
    m_detail->setText(tr("Integration: %1\nProvider: %2\nCreated: %3\nErrors: %4\nTags: %5")
                          .arg(c.value(QLatin1String("provider_config_key")).toString(),
                              c.value(QLatin1String("provider")).toString(),
                              QLocale().toString(
                                  QDateTime::fromString(c.value(QLatin1String("created")).toString(), Qt::ISODateWithMs)
                                      .toLocalTime(),
                                  QLocale::ShortFormat),
                              errors.isEmpty() ? tr("none") : errors + tr(" ⚠"),
                              ConnectionsModel::tagsText(c).isEmpty() ? tr("none") : ConnectionsModel::tagsText(c)));
    m_detailJson->setJson(c);
}

void ConnectionsPage::openImportDialog()
{
    if (!m_workspace->clients())
        return;
    auto *dialog = new ImportConnectionDialog(m_workspace, m_model->integrations(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportConnectionDialog::imported, this, [this](const QString &, const QString &id) {
        Q_EMIT statusMessage(tr("Imported connection %1").arg(id));
        refresh();
    });
    dialog->open();
}

void ConnectionsPage::deleteSelected()
{
    const QJsonObject c = selectedConnection();
    if (c.isEmpty() || !m_workspace->clients())
        return;
    const QString id = c.value(QLatin1String("connection_id")).toString();
    const QString key = c.value(QLatin1String("provider_config_key")).toString();
    auto *ask = new QInputDialog(this);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    // Typing the id is the confirmation every delete asks for; on a production profile (the production rule,
    // ResolvedConfig::needsConfirmation) the question says so.
    const ResolvedConfig &config = m_workspace->config();
    const bool production = config.needsConfirmation(Effect::Delete);
    ask->setWindowTitle(production ? tr("Delete from production?") : tr("Delete connection"));
    ask->setLabelText((production ? tr("Profile “%1” is a production profile.\n").arg(config.profileName) : QString())
        + tr("Delete connection %1 of %2 from Nango? Its credentials are removed too.\nType the connection id to "
             "confirm:")
              .arg(id, key));
    ask->setOkButtonText(tr("Delete"));
    connect(ask, &QInputDialog::textValueSelected, this, [this, id, key](const QString &typed) {
        if (typed != id) {
            Q_EMIT statusMessage(tr("Not deleted: the id typed did not match."));
            return;
        }
        Job *job = m_workspace->clients()->nango()->deleteConnection(key, id);
        connect(job, &Job::finished, this, [this, id, key](const Result &r) {
            if (!r.ok()) {
                m_message->setText(QStringLiteral("✗ ") + r.error.summary());
                m_message->show();
                return;
            }
            m_model->removeConnection(key, id);
            Q_EMIT statusMessage(tr("Deleted connection %1").arg(id));
        });
    });
    ask->open();
}

} // namespace crossline
