#include "pages/browserpage.h"

#include "dialogs/createcontactdialog.h"
#include "models/csvexporter.h"
#include "models/modelroles.h"
#include "models/pagedrecordsmodel.h"
#include "models/recordcolumns.h"
#include "nango/nangoclient.h"
#include "nango/nangoresults.h"
#include "pages/recordsproxy.h"
#include "unified/resourceregistry.h"
#include "widgets/formhelpers.h"
#include "widgets/jsontree.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace crossline {

BrowserPage::BrowserPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new PagedRecordsModel(RecordSource(), this))
    , m_proxy(new RecordsProxy(m_model, this))
    , m_kind(new QTabBar(this))
    , m_provider(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_create(new QPushButton(tr("New contact…"), this))
    , m_table(new QTableView(this))
    , m_footer(new QLabel(this))
    , m_sync(new QLabel(this))
    , m_syncNow(new QPushButton(tr("S&ync now"), this))
    , m_stopLoading(new QPushButton(tr("Stop &waiting"), this))
    , m_modelLabel(new QLabel(tr("&Model:"), this))
    , m_modelChoice(new QComboBox(this))
    , m_fields(new QTreeWidget(this))
    , m_raw(new JsonTree(this))
{
    for (const ResourceRegistry::RecordKind &kind : ResourceRegistry::recordKinds())
        m_kind->setTabData(
            m_kind->addTab(QCoreApplication::translate("crossline::ResourceRegistry", kind.title)), kind.resource);
    m_kind->setAccessibleName(tr("Record kind"));
    m_provider->addItem(QStringLiteral("Panora"), int(RecordSource::Provider::Panora));
    m_provider->addItem(QStringLiteral("Nango"), int(RecordSource::Provider::Nango));
    m_provider->setAccessibleName(tr("Provider"));
    m_search->setPlaceholderText(tr("Search loaded rows (Ctrl+F)"));
    forms::clearButtonOnFirstEdit(m_search);
    m_search->setAccessibleName(tr("Search records"));
    m_create->setToolTip(tr("Create a contact (Ctrl+N)"));
    auto *exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setToolTip(tr("Export what is loaded, or everything (Ctrl+Shift+E)"));
    auto *reload = new QToolButton(this);
    reload->setText(tr("Reload"));
    reload->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    reload->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    reload->setToolTip(tr("Reload from the first page (F5)"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_kind);
    bar->addWidget(new QLabel(tr("from"), this));
    bar->addWidget(m_provider);
    bar->addWidget(m_search, 1);
    bar->addWidget(reload);
    bar->addWidget(m_create);
    bar->addWidget(exportButton);

    m_proxy->setSortRole(SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // server order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Records"));
    m_footer->setAccessibleName(tr("Loading state"));
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_fields->setColumnCount(2);
    m_fields->setHeaderLabels({ tr("Field"), tr("Value") });
    m_fields->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_fields->setAccessibleName(tr("Record fields"));
    auto *detail = new QTabWidget(this);
    detail->addTab(m_fields, tr("Fields"));
    detail->addTab(m_raw, tr("Raw JSON"));

    auto *left = new QWidget(this);
    auto *l = new QVBoxLayout(left);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_table, 1);
    auto *syncRow = new QHBoxLayout;
    m_modelLabel->setBuddy(m_modelChoice);
    syncRow->addWidget(m_modelLabel);
    syncRow->addWidget(m_modelChoice);
    syncRow->addWidget(m_sync, 1);
    syncRow->addWidget(m_syncNow);
    l->addLayout(syncRow);
    auto *footerRow = new QHBoxLayout;
    footerRow->addWidget(m_footer, 1);
    footerRow->addWidget(m_stopLoading);
    l->addLayout(footerRow);
    m_stopLoading->setObjectName(QStringLiteral("stopWaitingButton"));
    m_stopLoading->setAccessibleName(tr("Stop loading"));
    m_stopLoading->setToolTip(tr("Stop waiting for the page: the rows loaded stay"));
    m_stopLoading->hide();
    connect(m_stopLoading, &QPushButton::clicked, m_model, &PagedRecordsModel::cancelLoading);
    connect(m_model, &PagedRecordsModel::loadingChanged, m_stopLoading, &QWidget::setVisible);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    m_sync->setAccessibleName(tr("Sync state"));
    m_sync->setWordWrap(true);
    m_syncNow->setToolTip(tr("Run the sync now, once (Nango's POST /sync/trigger); the records update when it has "
                             "finished"));
    connect(m_syncNow, &QPushButton::clicked, this, &BrowserPage::syncNow);
    m_modelChoice->setAccessibleName(tr("Model"));
    m_modelChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_modelChoice->setToolTip(tr("The models the integration's syncs save; the profile's is first"));
    connect(m_modelChoice, &QComboBox::activated, this, [this] {
        // The first is the profile's own: picking it goes back to the profile's mapping.
        const QString picked = m_modelChoice->currentIndex() == 0 ? QString() : m_modelChoice->currentData().toString();
        if (picked == m_chosenModel)
            return;
        m_chosenModel = picked;
        applySource();
    });
    // Another kind or provider starts from the profile's model again.
    const auto otherSource = [this] {
        m_chosenModel.clear();
        applySource();
    };
    connect(m_kind, &QTabBar::currentChanged, this, otherSource);
    connect(m_provider, &QComboBox::currentIndexChanged, this, otherSource);
    connect(m_search, &QLineEdit::textChanged, m_proxy, [this](const QString &text) {
        m_proxy->setSearch(text);
        showDetail(); // a selected record the search hides leaves the detail pane with its row
        updateFooter();
    });
    connect(reload, &QToolButton::clicked, m_model, &PagedRecordsModel::reload);
    connect(m_create, &QPushButton::clicked, this, &BrowserPage::openCreateContact);
    connect(exportButton, &QPushButton::clicked, this, &BrowserPage::askExport);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BrowserPage::showDetail);
    connect(m_model, &PagedRecordsModel::loadingChanged, this, &BrowserPage::updateFooter);
    connect(m_model, &PagedRecordsModel::pageLoaded, this, [this](int rows, qint64 ms) {
        // Size the columns to the first page only: measuring thousands of rows on every page would stall the view.
        if (m_model->loadedCount() == rows)
            m_table->resizeColumnsToContents();
        updateFooter();
        Q_EMIT statusMessage(tr("%n row(s) loaded in %1 ms", nullptr, rows).arg(ms));
    });
    connect(m_model, &PagedRecordsModel::failed, this, [this](const Error &e) {
        updateFooter();
        if (m_workspace->isConfigured())
            Q_EMIT statusMessage(e.summary());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &BrowserPage::updateFooter);
    connect(m_footer, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("retry"))
            m_model->retry();
        else if (link == QLatin1String("more"))
            m_model->fetchMore(QModelIndex());
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
    shortcut(QKeySequence(Qt::Key_F5), [this] { m_model->reload(); });
    shortcut(QKeySequence::New, [this] { openCreateContact(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { askExport(); });

    // Nothing is fetched before something is configured (the welcome page is showing then).
    connect(m_workspace, &Workspace::changed, this, [this] {
        // A New contact dialog left open would create the contact through the new profile: it closes, unless its
        // request is on its way (its answer stays readable there).
        if (m_createDialog && !m_createDialog->isBusy()) {
            m_createDialog->reject();
            Q_EMIT statusMessage(tr("New contact closed: the profile changed before anything was created."));
        }
        // Another profile (or its clients rebuilt): its models are asked again, the profile's model first. A switch
        // to a profile mapped to a deployed Nango's records shows them, as opening the page on it would.
        m_modelsOf.clear();
        m_model->setClients(m_workspace->isConfigured() ? m_workspace->clients() : nullptr);
        const bool toRecords = !m_nangoRecords && mapsNangoRecords();
        m_nangoRecords = mapsNangoRecords();
        if (!m_chosenModel.isEmpty() || toRecords) {
            m_chosenModel.clear();
            const QSignalBlocker block(m_provider); // applySource() follows once
            if (toRecords)
                m_provider->setCurrentIndex(m_provider->findData(int(RecordSource::Provider::Nango)));
            applySource();
            return;
        }
        showDetail(); // the old profile's record leaves the detail pane with its rows
        updateFooter();
        refreshSync();
    });
    m_model->setClients(m_workspace->isConfigured() ? m_workspace->clients() : nullptr);
    // A profile mapped to a deployed Nango's records was set up to browse them: the page opens on Nango.
    m_nangoRecords = mapsNangoRecords();
    if (m_nangoRecords) {
        const QSignalBlocker block(m_provider); // applySource() follows once
        m_provider->setCurrentIndex(m_provider->findData(int(RecordSource::Provider::Nango)));
    }
    applySource();
}

bool BrowserPage::mapsNangoRecords() const
{
    return m_workspace->isConfigured() && m_workspace->clients()
        && !m_workspace->clients()->nango()->config().compatiblePaths;
}

void BrowserPage::applySource()
{
    RecordSource source;
    source.resource = m_kind->tabData(m_kind->currentIndex()).toString();
    source.provider = RecordSource::Provider(m_provider->currentData().toInt());
    source.pageSize = 100;
    source.records.model = m_chosenModel;
    // The New contact dialog's resource; its action creates a contact, which another model's list would not hold.
    m_create->setEnabled(source.resource == QLatin1String("crm.contact") && m_chosenModel.isEmpty());
    m_model->setSource(source);
    showDetail();
    updateFooter();
    refreshSync();
}

void BrowserPage::refreshSync()
{
    if (m_syncJob)
        m_syncJob->abort();
    ClientSet *clients = m_workspace->isConfigured() ? m_workspace->clients() : nullptr;
    const bool records = clients && m_model->source().provider == RecordSource::Provider::Nango
        && !clients->nango()->config().compatiblePaths;
    m_sync->setVisible(records);
    m_syncNow->setVisible(records);
    m_modelChoice->setVisible(records);
    m_modelLabel->setVisible(records);
    if (!records)
        return;
    const Expected<RecordsMapping> mapping
        = clients->nango()->recordsMapping(m_model->source().resource, m_model->source().records);
    if (!mapping) {
        m_sync->setText(tr("✗ %1").arg(mapping.error().summary()));
        m_syncNow->setEnabled(false);
        m_modelChoice->setEnabled(false);
        return;
    }
    m_modelChoice->setEnabled(true);
    offerModels(mapping->integration, mapping->model);
    m_sync->setText(tr("Synced records of %1 / %2 (model %3) · asking for the sync's state…")
                        .arg(mapping->integration, mapping->connectionId, mapping->model));
    m_syncNow->setEnabled(true);
    m_syncJob = clients->nango()->syncStatus(mapping->integration, mapping->connectionId, {});
    connect(m_syncJob, &Job::finished, this, [this, m = *mapping](const Result &r) {
        if (!r.ok()) {
            m_sync->setText(tr("Synced records of %1 / %2 (model %3) · sync state unknown: %4")
                                .arg(m.integration, m.connectionId, m.model, r.error.summary()));
            return;
        }
        // The syncs that save this model (their record counts name it); all of them when none says so.
        QList<SyncState> syncs = SyncState::listFromData(r.data);
        const QList<SyncState> saving = [&] {
            QList<SyncState> out;
            for (const SyncState &s : syncs) {
                for (const auto &count : s.recordCount) {
                    if (count.first == m.model) {
                        out << s;
                        break;
                    }
                }
            }
            return out;
        }();
        if (!saving.isEmpty())
            syncs = saving;
        QStringList parts;
        for (const SyncState &s : std::as_const(syncs)) {
            const QDateTime finished = RecordColumns::dateTime(s.finishedAt);
            parts << tr("sync %1: %2, last finished %3")
                         .arg(s.name, s.status,
                             finished.isValid() ? QLocale().toString(finished.toLocalTime(), QLocale::ShortFormat)
                                                : tr("never"));
        }
        m_sync->setText(
            tr("Synced records of %1 / %2 (model %3) · %4")
                .arg(m.integration, m.connectionId, m.model,
                    parts.isEmpty() ? tr("no sync found for this connection") : parts.join(QStringLiteral("; "))));
    });
}

void BrowserPage::offerModels(const QString &integration, const QString &model)
{
    // The profile's model (or the one picked) is always there, even when the lookup fails or does not list it.
    const auto select = [this, model] {
        int i = m_modelChoice->findData(model);
        if (i < 0) {
            m_modelChoice->addItem(model, model);
            i = m_modelChoice->count() - 1;
        }
        m_modelChoice->setCurrentIndex(i);
    };
    if (m_modelsOf == integration) {
        select();
        return;
    }
    m_modelsOf = integration;
    m_modelChoice->clear();
    select();
    if (m_functionsJob)
        m_functionsJob->abort();
    m_functionsJob = m_workspace->clients()->nango()->listFunctions(integration);
    connect(m_functionsJob, &Job::finished, this, [this, integration, select](const Result &r) {
        if (m_modelsOf != integration)
            return;
        if (!r.ok()) {
            m_modelChoice->setToolTip(tr("Could not list the models of %1: %2").arg(integration, r.error.summary()));
            return;
        }
        // The profile's model first, as the default; then the others in Nango's order.
        const QString profiles = m_modelChoice->itemData(0).toString();
        m_modelChoice->clear();
        m_modelChoice->addItem(profiles, profiles);
        for (const QString &m : NangoFunction::syncModels(NangoFunction::listFromData(r.data))) {
            if (m != profiles)
                m_modelChoice->addItem(m, m);
        }
        m_modelChoice->setToolTip(tr("The models the syncs of %1 save; the profile's is first").arg(integration));
        select();
    });
}

void BrowserPage::syncNow()
{
    ClientSet *clients = m_workspace->isConfigured() ? m_workspace->clients() : nullptr;
    if (!clients)
        return;
    const Expected<RecordsMapping> mapping
        = clients->nango()->recordsMapping(m_model->source().resource, m_model->source().records);
    if (!mapping)
        return;
    m_syncNow->setEnabled(false);
    Job *job = clients->nango()->triggerSync(mapping->integration, mapping->connectionId, {});
    connect(job, &Job::finished, this, [this](const Result &r) {
        m_syncNow->setEnabled(true);
        Q_EMIT statusMessage(r.ok() ? tr("Sync started: it runs in the background; reload (F5) when it has finished.")
                                    : r.error.summary());
        refreshSync();
    });
}

void BrowserPage::updateFooter()
{
    const QString kind = m_model->source().kindName();
    const int n = m_model->loadedCount();
    const QLocale locale;
    QString text;
    if (m_model->isLoading()) {
        text = n ? tr("%1 %2 loaded · loading more…").arg(locale.toString(n), kind) : tr("Loading %1…").arg(kind);
    } else if (m_model->hasFailed()) {
        const Error e = m_model->lastError();
        text = tr("✗ %1 %2 · <a href=\"retry\">Retry</a>")
                   .arg(e.summary().toHtmlEscaped(),
                       e.hint.isEmpty() ? QString() : QStringLiteral("— ") + e.hint.toHtmlEscaped());
    } else if (m_proxy->isSearching()) {
        // Neither Panora nor Nango's records can search on the server: say that only what is loaded is searched.
        const QString matches = tr("%n match(es)", nullptr, m_proxy->rowCount());
        text = m_model->hasMore()
            ? tr("%1 among the %2 %3 loaded · the search covers loaded rows only (<a href=\"more\">load more</a>)")
                  .arg(matches, locale.toString(n), kind)
            : tr("%1 among all %2 %3").arg(matches, locale.toString(n), kind);
    } else if (m_model->hasMore()) {
        text = tr("%1 %2 loaded · more as you scroll (<a href=\"more\">load more</a>)").arg(locale.toString(n), kind);
    } else {
        text = tr("All %1 %2 loaded").arg(locale.toString(n), kind);
    }
    m_footer->setText(text);
    m_footer->setTextFormat(Qt::RichText);
}

namespace {

// One field of a record in the Fields tree; an object or array holds its members as children (a few levels, the
// first 50 items), so a synced record's _nango_metadata reads in place: last action, deleted at.
void addField(QTreeWidget *tree, QTreeWidgetItem *parent, const QString &key, const QJsonValue &v, int depth)
{
    constexpr int MaxDepth = 4;
    constexpr int MaxItems = 50;
    QString value;
    if (v.isString())
        value = v.toString();
    else if (v.isDouble())
        value = QString::number(v.toDouble(), 'g', 15);
    else if (v.isBool())
        value = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (v.isArray())
        value = BrowserPage::tr("[%n item(s)]", nullptr, int(v.toArray().size()));
    else if (v.isObject())
        value = BrowserPage::tr("{%n field(s)}", nullptr, int(v.toObject().size()));
    else if (depth == 0)
        return; // nulls say nothing at the top
    else
        value = QStringLiteral("—");
    auto *item = parent ? new QTreeWidgetItem(parent, { key, value }) : new QTreeWidgetItem(tree, { key, value });
    item->setToolTip(1, value);
    if (!v.isArray() && !v.isObject())
        return;
    if (depth + 1 >= MaxDepth) {
        item->setText(1, value + BrowserPage::tr(" — see Raw JSON"));
        return;
    }
    int shown = 0;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end() && shown < MaxItems; ++it, ++shown)
            addField(tree, item, it.key(), it.value(), depth + 1);
    } else {
        const QJsonArray a = v.toArray();
        for (; shown < a.size() && shown < MaxItems; ++shown)
            addField(tree, item, QString::number(shown), a.at(shown), depth + 1);
    }
    const qsizetype total = v.isObject() ? v.toObject().size() : v.toArray().size();
    if (total > shown)
        new QTreeWidgetItem(
            item, { QString(), BrowserPage::tr("%n more — see Raw JSON", nullptr, int(total - shown)) });
    // What Nango says of a synced record is worth seeing at once.
    item->setExpanded(key == QLatin1String("_nango_metadata"));
}

} // namespace

void BrowserPage::showDetail()
{
    m_fields->clear();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_raw->setJson(QJsonValue());
        return;
    }
    const QJsonObject record = m_model->recordAt(m_proxy->mapToSource(rows.first()).row());
    for (auto it = record.begin(); it != record.end(); ++it)
        addField(m_fields, nullptr, it.key(), it.value(), 0);
    m_raw->setJson(record);
}

void BrowserPage::openCreateContact()
{
    if (m_model->source().resource != QLatin1String("crm.contact"))
        return;
    auto *dialog = new CreateContactDialog(m_workspace, m_model->source().providerName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_createDialog = dialog;
    connect(dialog, &CreateContactDialog::created, this, &BrowserPage::showCreated);
    dialog->open();
}

CreateContactDialog *BrowserPage::createDialog() const
{
    return m_createDialog;
}

void BrowserPage::showCreated(const QJsonObject &record)
{
    const QString id = RecordColumns::id(record);
    const int row = m_model->addCreated(record);
    if (row < 0) {
        Q_EMIT statusMessage(tr("Created the contact (the answer gave no id, so it is not shown until you reload)."));
        return;
    }
    QModelIndex shown = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!shown.isValid()) { // the search hides it: the new record matters more than the search
        m_search->clear();
        shown = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(shown);
    updateFooter();
    Q_EMIT statusMessage(tr("Created contact %1; it is selected in the list.").arg(id));
}

void BrowserPage::askExport()
{
    // Window-modal dialogs opened with open(): no nested event loop while the user decides.
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("Export CSV"));
    box->setText(tr("Export the %1 rows loaded so far, or page through everything first?").arg(m_model->loadedCount()));
    auto *loaded = box->addButton(tr("What is loaded"), QMessageBox::AcceptRole);
    auto *all = box->addButton(tr("Everything"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(all);
    auto *excel
        = new QCheckBox(tr("E&xcel-friendly (UTF-8 with a byte-order mark, so names like “Müller” open right)"));
    excel->setChecked(m_excelFriendly);
    box->setCheckBox(excel);
    connect(box, &QMessageBox::buttonClicked, this, [this, loaded, all, excel](QAbstractButton *button) {
        if (button != loaded && button != all)
            return;
        const bool everything = button == all;
        m_excelFriendly = excel->isChecked();
        auto *files = new QFileDialog(
            this, tr("Export CSV"), m_model->source().kindName() + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
        files->setAttribute(Qt::WA_DeleteOnClose);
        files->setAcceptMode(QFileDialog::AcceptSave);
        files->setDefaultSuffix(QStringLiteral("csv"));
        connect(files, &QFileDialog::fileSelected, this, [this, everything](const QString &path) {
            if (!path.isEmpty())
                exportCsv(path, everything, m_excelFriendly);
        });
        files->open();
    });
    box->open();
}

void BrowserPage::exportCsv(const QString &path, bool everything, bool excelFriendly)
{
    auto *exporter = new CsvExporter(this);
    exporter->setByteOrderMark(excelFriendly);
    auto *progress
        = new QProgressDialog(tr("Exporting %1…").arg(m_model->source().kindName()), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, exporter, &CsvExporter::cancel);
    connect(exporter, &CsvExporter::progress, progress, [progress](qint64 done, qint64 total) {
        progress->setMaximum(int(qMax<qint64>(0, total)));
        progress->setValue(int(done));
        if (total == 0)
            progress->setLabelText(tr("Loading every page… %1 rows so far").arg(done));
        else
            progress->setLabelText(tr("Writing %1 of %2 rows…").arg(done).arg(total));
    });
    connect(exporter, &CsvExporter::finished, this, [this, exporter, progress, path](const Error &error) {
        progress->close();
        exporter->deleteLater();
        const QString message = error
            ? (error.kind == Error::Kind::Cancelled ? tr("Export cancelled; no file was written.")
                                                    : tr("Export failed: %1").arg(error.summary()))
            : tr("Exported to %1").arg(path);
        Q_EMIT statusMessage(message);
        Q_EMIT exportFinished(message);
    });
    if (everything)
        exporter->setEverything(m_model);
    else
        exporter->setModel(m_proxy); // what is loaded, in the order and filter the user sees
    exporter->exportToFile(path);
}

} // namespace crossline
