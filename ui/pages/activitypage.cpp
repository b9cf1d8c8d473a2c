#include "pages/activitypage.h"

#include "unified/resourceregistry.h"

#include "history/activitymodel.h"
#include "history/activitysummary.h"
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
#include <QStyledItemDelegate>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace crossline {

namespace {
// Today's requests by their time of day, older ones with their date too: the column stays narrow enough for what
// comes after it at 1024 px.
class TimeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant &value, const QLocale &locale) const override
    {
        if (value.typeId() != QMetaType::QDateTime)
            return QStyledItemDelegate::displayText(value, locale);
        const QDateTime time = value.toDateTime().toLocalTime();
        if (time.date() == QDate::currentDate())
            return locale.toString(time.time(), QStringLiteral("HH:mm:ss"));
        return locale.toString(time, QLocale::ShortFormat);
    }
};
} // namespace

ActivityPage::ActivityPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new ActivityModel(nullptr, this))
    , m_status(new QComboBox(this))
    , m_service(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("Open in Unified"), this))
    , m_composer(new QPushButton(tr("Open in Composer"), this))
{
    // Only the profile in effect's requests; rows from before the log kept profiles belong to none (as drafts do).
    m_model->setProfile(m_workspace->profileKey());
    if (m_workspace->history()->isOpen())
        m_model->setLog(&m_workspace->history()->activity()); // reads that profile's rows
    m_status->addItem(tr("All statuses"), int(ActivityModel::StatusFilter::All));
    m_status->addItem(tr("2xx success"), int(ActivityModel::StatusFilter::Success));
    m_status->addItem(tr("3xx redirect"), int(ActivityModel::StatusFilter::Redirect));
    m_status->addItem(tr("4xx client error"), int(ActivityModel::StatusFilter::ClientError));
    m_status->addItem(tr("5xx server error"), int(ActivityModel::StatusFilter::ServerError));
    m_status->addItem(tr("No answer"), int(ActivityModel::StatusFilter::Failed));
    m_status->setAccessibleName(tr("Status filter"));
    m_service->setAccessibleName(tr("Provider filter"));
    m_search->setObjectName(QStringLiteral("activitySearch"));
    m_search->setPlaceholderText(tr("Search recipient, URL, status… (Ctrl+F)"));
    forms::clearButtonOnFirstEdit(m_search);
    m_search->setAccessibleName(tr("Search activity"));
    m_open->setObjectName(QStringLiteral("openInUnified"));
    m_open->setToolTip(tr("Replay this read as a unified request"));
    m_open->setEnabled(false);
    m_composer->setObjectName(QStringLiteral("openInComposer"));
    m_composer->setToolTip(tr("Fill the Composer with this WhatsApp or SMS send, to check it and send it again"));
    m_composer->setEnabled(false);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    // What a person scans comes first, shown whole; the outcome has a width of its own (its tooltip has the whole
    // error), and the URL, also the detail's first line, goes last and takes what is left (scrolled to when narrow).
    m_table->setItemDelegateForColumn(ActivityModel::Time, new TimeDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ActivityModel::Outcome, QHeaderView::Interactive);
    header->resizeSection(ActivityModel::Outcome,
        fontMetrics().horizontalAdvance(ActivitySummary::tr("⚠ no answer — may have been delivered")) + 8);
    header->setSectionResizeMode(ActivityModel::Url, QHeaderView::Interactive);
    header->resizeSection(ActivityModel::Url, fontMetrics().averageCharWidth() * 40);
    header->setStretchLastSection(true);
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
    bar->addWidget(m_composer);
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
        // Still show this session's requests, under the profile they were made in.
        connect(m_workspace, &Workspace::requestRecorded, m_model, [this](const RequestRecord &record) {
            m_model->appendEntry(ActivityEntry { 0, record, m_workspace->profileKey(), {} });
        });
    }
    connect(m_workspace, &Workspace::changed, this, [this] { m_model->setProfile(m_workspace->profileKey()); });

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
    connect(m_composer, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        if (const std::optional<RecordedSend> send = ActivitySummary::sendOf(m_model->recordAt(rows.first().row())))
            Q_EMIT openInComposerRequested(send->kind, send->data);
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
        m_composer->setEnabled(false);
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
    m_composer->setEnabled(ActivitySummary::sendOf(r).has_value());
}

QString ActivityPage::unifiedBodyFor(const QString &service, const QByteArray &method, const QString &url)
{
    const Expected<UnifiedRequest> request = ResourceRegistry::requestFor(service, method, QUrl(url));
    if (!request)
        return {};
    return QString::fromUtf8(QJsonDocument(request->toJson()).toJson(QJsonDocument::Indented));
}

} // namespace crossline
