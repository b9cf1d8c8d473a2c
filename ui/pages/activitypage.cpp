#include "pages/activitypage.h"

#include "unified/resourceregistry.h"

#include "history/activitymodel.h"
#include "widgets/formhelpers.h"
#include "workspace.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace crossline {

ActivityPage::ActivityPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new ActivityModel(workspace->history()->isOpen() ? &workspace->history()->activity() : nullptr, this))
    , m_status(new QComboBox(this))
    , m_service(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("Open in Unified"), this))
{
    m_status->addItem(tr("All statuses"), int(ActivityModel::StatusFilter::All));
    m_status->addItem(tr("2xx success"), int(ActivityModel::StatusFilter::Success));
    m_status->addItem(tr("3xx redirect"), int(ActivityModel::StatusFilter::Redirect));
    m_status->addItem(tr("4xx client error"), int(ActivityModel::StatusFilter::ClientError));
    m_status->addItem(tr("5xx server error"), int(ActivityModel::StatusFilter::ServerError));
    m_status->addItem(tr("No answer"), int(ActivityModel::StatusFilter::Failed));
    m_status->setAccessibleName(tr("Status filter"));
    m_service->setAccessibleName(tr("Provider filter"));
    m_search->setPlaceholderText(tr("Search URL, method, status (Ctrl+F)"));
    forms::clearButtonOnFirstEdit(m_search);
    m_search->setAccessibleName(tr("Search activity"));
    m_open->setToolTip(tr("Replay this read as a unified request"));
    m_open->setEnabled(false);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ActivityModel::Url, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Requests"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setAccessibleName(tr("Request detail (secrets redacted)"));
    m_detail->setPlaceholderText(tr("Select a request to see its headers and bodies. Secrets are redacted."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 2);
    bar->addWidget(m_status);
    bar->addWidget(m_service);
    bar->addStretch(1);
    bar->addWidget(m_open);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    if (!m_workspace->history()->isOpen()) {
        auto *warning = new QLabel(tr("History is not saved: %1").arg(m_workspace->historyError().message), this);
        warning->setWordWrap(true);
        layout->insertWidget(1, warning);
        // Still show this session's requests.
        connect(m_workspace, &Workspace::requestRecorded, m_model, &ActivityModel::append);
    }

    auto updateServices = [this] {
        const QString current = m_service->currentData().toString();
        m_service->blockSignals(true);
        m_service->clear();
        m_service->addItem(tr("All providers"), QString());
        for (const QString &s : m_model->services())
            m_service->addItem(s, s);
        m_service->setCurrentIndex(qMax(0, m_service->findData(current)));
        m_service->blockSignals(false);
    };
    updateServices();
    connect(m_model, &ActivityModel::servicesChanged, this, updateServices);
    connect(m_status, &QComboBox::currentIndexChanged, this,
        [this] { m_model->setStatusFilter(ActivityModel::StatusFilter(m_status->currentData().toInt())); });
    connect(m_service, &QComboBox::currentIndexChanged, this,
        [this] { m_model->setServiceFilter(m_service->currentData().toString()); });
    connect(m_search, &QLineEdit::textChanged, m_model, &ActivityModel::setSearchText);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ActivityPage::showDetail);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ActivityPage::showDetail);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        const RequestRecord r = m_model->recordAt(rows.first().row());
        const QString body = unifiedBodyFor(r.service, r.method, r.url);
        if (!body.isEmpty())
            Q_EMIT openInUnifiedRequested(body);
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
}

static QString headerBlock(const HeaderList &headers)
{
    QString text;
    for (const auto &h : headers)
        text += QString::fromLatin1(h.first) + QStringLiteral(": ") + QString::fromUtf8(h.second) + QLatin1Char('\n');
    return text;
}

static QString bodyBlock(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

void ActivityPage::showDetail()
{
    const QModelIndexList rows
        = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty()) {
        m_detail->clear();
        m_open->setEnabled(false);
        return;
    }
    const RequestRecord r = m_model->recordAt(rows.first().row());
    QString text = r.line() + QStringLiteral("\n\n");
    text += tr("── Request headers\n") + headerBlock(r.requestHeaders);
    if (!r.requestBody.isEmpty())
        text += tr("\n── Request body\n") + bodyBlock(r.requestBody) + QLatin1Char('\n');
    text += tr("\n── Response headers\n") + headerBlock(r.responseHeaders);
    if (!r.responseBody.isEmpty())
        text += tr("\n── Response body\n") + bodyBlock(r.responseBody);
    m_detail->setPlainText(text);
    m_open->setEnabled(!unifiedBodyFor(r.service, r.method, r.url).isEmpty());
}

QString ActivityPage::unifiedBodyFor(const QString &service, const QByteArray &method, const QString &url)
{
    const Expected<UnifiedRequest> request = ResourceRegistry::requestFor(service, method, QUrl(url));
    if (!request)
        return {};
    return QString::fromUtf8(QJsonDocument(request->toJson()).toJson(QJsonDocument::Indented));
}

} // namespace crossline
