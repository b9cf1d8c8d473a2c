#include "pages/connectionspage.h"

#include "dialogs/importconnectiondialog.h"
#include "models/connectionsmodel.h"
#include "widgets/formhelpers.h"
#include "widgets/jsontree.h"
#include "workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
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
    , m_refresh(new QToolButton(this))
    , m_import(new QPushButton(tr("Import…"), this))
    , m_stopWaiting(new QPushButton(tr("Stop &waiting"), this))
{
    m_search->setPlaceholderText(tr("Search connections (Ctrl+F)"));
    forms::clearButtonOnFirstEdit(m_search);
    m_search->setAccessibleName(tr("Search connections"));
    m_integration->setAccessibleName(tr("Integration filter"));
    m_integration->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh->setToolTip(tr("Reload the connections (F5)"));
    m_refresh->setAccessibleName(tr("Refresh connections"));
    m_import->setToolTip(tr("Import an existing token as a connection (Ctrl+I)"));
    m_import->setAccessibleName(tr("Import a connection"));
    m_delete->setToolTip(tr("Delete the selected connection (Del)"));
    m_delete->setAccessibleName(tr("Delete connection"));
    // The icons come from the desktop's theme once the first list is on screen, or after a second: the first theme
    // lookup initialises Qt's icon loader, some 40 M instructions that would otherwise delay the first rows
    // (docs/PERFORMANCE.md). Setting them twice costs next to nothing.
    auto themeIcons = [this] {
        m_refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
        m_import->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
        m_delete->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    };
    QTimer::singleShot(1000, this, themeIcons);
    connect(
        m_model, &ConnectionsModel::loaded, this, [this, themeIcons] { QTimer::singleShot(0, this, themeIcons); },
        Qt::SingleShotConnection);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 2);
    bar->addWidget(forms::buddyLabel(tr("&Integration:"), m_integration, this));
    bar->addWidget(m_integration);
    bar->addWidget(m_refresh);
    bar->addStretch(1);
    bar->addWidget(m_import);
    bar->addWidget(m_delete);
    bar->addWidget(m_stopWaiting);
    m_stopWaiting->setObjectName(QStringLiteral("stopWaitingButton"));
    m_stopWaiting->setAccessibleName(tr("Stop waiting for Nango"));
    m_stopWaiting->setToolTip(tr("Stop waiting for Nango's answer. A list keeps the rows shown; a delete is not sent "
                                 "again, and the connection may already have been deleted."));
    m_stopWaiting->hide();

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
    // Errors ("auth ⚠") is what a support person scans for: shown right after the id, so it stays in view when the
    // window is narrow (at 1024 px the columns after Created were cut off).
    m_table->horizontalHeader()->moveSection(ConnectionsModel::Errors, ConnectionsModel::ConnectionId + 1);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Connections"));
    m_table->setTabKeyNavigation(false); // one Tab stop; the arrow keys move inside
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
    m_copy->setAccessibleName(tr("Copy connection id"));
    m_send->setToolTip(tr("Open the composer with this connection"));
    m_send->setAccessibleName(tr("Send a test message"));
    m_detailJson->setAccessibleName(tr("Connection details"));
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

    // Tab follows the page as it reads: the bar from left to right, the table, then the selected connection's panel.
    QWidget *order[]
        = { m_search, m_integration, m_refresh, m_import, m_delete, m_table, m_detailJson, m_copy, m_send };
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_search, &QLineEdit::textChanged, this,
        [this](const QString &t) { static_cast<ConnectionFilter *>(m_proxy)->setText(t); });
    connect(m_integration, &QComboBox::currentIndexChanged, this,
        [this] { static_cast<ConnectionFilter *>(m_proxy)->setIntegration(m_integration->currentData().toString()); });
    connect(m_refresh, &QToolButton::clicked, this, &ConnectionsPage::refresh);
    connect(m_import, &QPushButton::clicked, this, &ConnectionsPage::openImportDialog);
    connect(m_delete, &QPushButton::clicked, this, &ConnectionsPage::deleteSelected);
    connect(m_stopWaiting, &QPushButton::clicked, this, [this] {
        if (m_deleteJob)
            m_deleteJob->abort(); // finishes at once, as "outcome unknown" once the DELETE has left
        else
            m_model->cancel(); // the list: the rows stay, the message says "Cancelled."
    });
    connect(m_model, &ConnectionsModel::loadingChanged, this,
        [this](bool loading) { m_stopWaiting->setVisible(loading || m_deleteJob); });
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
    // A reset drops the selection without selectionChanged: the panel and its buttons follow it all the same.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ConnectionsPage::showDetail);
    connect(m_model, &ConnectionsModel::integrationsChanged, this, &ConnectionsPage::updateIntegrations);
    connect(m_model, &ConnectionsModel::loaded, this, [this](int count, qint64 ms) {
        m_message->hide();
        Q_EMIT statusMessage(tr("%n connection(s) · loaded in %1 ms", nullptr, count).arg(ms));
        Q_EMIT loaded(count);
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

    connect(m_workspace, &Workspace::changed, this, &ConnectionsPage::workspaceChanged);
    m_model->setClient(m_workspace->clients() ? m_workspace->clients()->nango() : nullptr);
    updateIntegrations();
    showDetail();
    if (m_workspace->isConfigured())
        refresh();
}

void ConnectionsPage::workspaceChanged()
{
    // The question was about a connection of the clients just replaced: it goes, and deletes nothing.
    if (m_deleteDialog) {
        m_deleteDialog->disconnect(this);
        m_deleteDialog->reject();
    }
    // An Import dialog left open would import into the new profile: it closes, unless its request is on its way
    // (then its answer, whatever it is, stays readable there).
    if (m_importDialog && !m_importDialog->isBusy()) {
        m_importDialog->reject();
        Q_EMIT statusMessage(tr("Import closed: the profile changed before anything was imported."));
    }
    m_table->clearSelection();
    m_message->hide();
    m_model->setClient(m_workspace->clients() ? m_workspace->clients()->nango() : nullptr);
    showDetail(); // nothing selected: Copy, Send and Delete wait for a row of the new data
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
    m_delete->setEnabled(has && !m_deleteJob);
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
    m_importDialog = dialog;
    connect(dialog, &ImportConnectionDialog::imported, this, [this](const QString &, const QString &id) {
        Q_EMIT statusMessage(tr("Imported connection %1").arg(id));
        refresh();
    });
    dialog->open();
}

void ConnectionsPage::deleteSelected()
{
    const QJsonObject c = selectedConnection();
    if (c.isEmpty() || !m_workspace->clients() || m_deleteDialog || m_deleteJob)
        return;
    const QString id = c.value(QLatin1String("connection_id")).toString();
    const QString key = c.value(QLatin1String("provider_config_key")).toString();
    auto *ask = new QDialog(this);
    ask->setObjectName(QStringLiteral("deleteConfirmation"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setWindowModality(Qt::WindowModal);
    // Typing the id is the confirmation every delete asks for; on a production profile (the production rule,
    // ResolvedConfig::needsConfirmation) the question says so.
    const ResolvedConfig &config = m_workspace->config();
    const bool production = config.needsConfirmation(Effect::Delete);
    ask->setWindowTitle(production ? tr("Delete from production?") : tr("Delete connection"));
    auto *question
        = new QLabel((production ? tr("Profile “%1” is a production profile.\n").arg(config.profileName) : QString())
                + tr("Delete connection %1 of %2 from Nango? Its credentials are removed too.").arg(id, key),
            ask);
    question->setWordWrap(true);
    question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *typed = new QLineEdit(ask);
    typed->setObjectName(QStringLiteral("deleteConfirmationId"));
    typed->setAccessibleName(tr("Connection id to confirm"));
    typed->setPlaceholderText(id);
    auto *label = new QLabel(tr("&Type the connection id to confirm:"), ask);
    label->setBuddy(typed);
    auto *check = new QLabel(ask);
    check->setObjectName(QStringLiteral("deleteConfirmationCheck"));
    check->setAccessibleName(tr("Confirmation check"));
    check->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, ask);
    auto *remove = buttons->addButton(tr("&Delete"), QDialogButtonBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("deleteConfirmationButton"));
    remove->setAccessibleName(tr("Delete connection %1").arg(id));
    remove->setEnabled(false);
    // Return deletes only once the id matches (Delete becomes the default); before that it does nothing.
    remove->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    auto *layout = new QVBoxLayout(ask);
    layout->addWidget(question);
    layout->addWidget(label);
    layout->addWidget(typed);
    layout->addWidget(check);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetMinimumSize); // grows when the check below the field says something
    question->setMinimumWidth(question->fontMetrics().averageCharWidth() * 56);

    // Delete is offered only once the id typed is the connection's; until then the dialog says what is missing.
    connect(typed, &QLineEdit::textChanged, ask, [remove, check, id](const QString &text) {
        const bool matches = text.trimmed() == id;
        remove->setEnabled(matches);
        remove->setDefault(matches);
        // Said once the text cannot become the id any more, not at every keystroke on the way.
        check->setText(id.startsWith(text.trimmed()) ? QString() : tr("✗ This is not the connection id (%1).").arg(id));
    });
    connect(buttons, &QDialogButtonBox::rejected, ask, &QDialog::reject);
    connect(remove, &QPushButton::clicked, ask, [ask, typed, id] {
        if (typed->text().trimmed() == id)
            ask->accept();
    });
    connect(ask, &QDialog::rejected, this, [this] { Q_EMIT statusMessage(tr("Not deleted.")); });
    connect(ask, &QDialog::accepted, this, [this, id, key] {
        ClientSet *clients = m_workspace->clients();
        if (!clients)
            return;
        Job *job = clients->nango()->deleteConnection(key, id);
        m_deleteJob = job;
        m_delete->setEnabled(false); // one delete at a time
        m_stopWaiting->show();
        m_message->setText(tr("Deleting connection %1…").arg(id));
        m_message->show();
        Q_EMIT statusMessage(tr("Deleting connection %1…").arg(id));
        connect(job, &Job::finished, this, [this, id, key](const Result &r) {
            m_deleteJob = nullptr;
            m_stopWaiting->hide();
            showDetail();
            if (!r.ok()) {
                // The hint matters most when no answer came: the connection may be gone already.
                m_message->setText(QStringLiteral("✗ ") + r.error.summary()
                    + (r.error.hint.isEmpty() ? QString() : QLatin1Char('\n') + r.error.hint));
                m_message->show();
                Q_EMIT statusMessage(r.error.summary());
                return;
            }
            m_message->hide();
            m_model->removeConnection(key, id);
            Q_EMIT statusMessage(tr("Deleted connection %1").arg(id));
        });
    });
    m_deleteDialog = ask;
    ask->open();
    typed->setFocus(Qt::OtherFocusReason);
}

} // namespace crossline
