#include "pages/unifiedpage.h"

#include "dialogs/productionconfirmation.h"
#include "net/curlcommand.h"
#include "net/redactor.h"
#include "unified/resourceregistry.h"
#include "widgets/jsonhighlighter.h"
#include "widgets/jsontree.h"
#include "workspace.h"
#include <QMessageBox>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace crossline {

namespace {
struct Example
{
    const char *title;
    const char *file;
};
const Example examples[] = {
    { QT_TRANSLATE_NOOP("crossline::UnifiedPage", "List CRM contacts via Panora"), "01-panora-list-contacts.json" },
    { QT_TRANSLATE_NOOP("crossline::UnifiedPage", "Get HR employee via Nango"), "02-nango-get-employee.json" },
    { QT_TRANSLATE_NOOP("crossline::UnifiedPage", "Create CRM contact via Nango"), "03-nango-create-contact.json" },
    { QT_TRANSLATE_NOOP("crossline::UnifiedPage", "Send a WhatsApp text message via Nango Proxy"),
        "04-nango-whatsapp-text.json" },
    { QT_TRANSLATE_NOOP("crossline::UnifiedPage", "Send a WhatsApp template message via Nango Proxy"),
        "05-nango-whatsapp-template.json" },
    { QT_TRANSLATE_NOOP("crossline::UnifiedPage", "Send a Twilio SMS via Nango Proxy"), "06-nango-twilio-sms.json" },
    // Not the original backend's: a deployed Nango keeps contacts in a sync's records (crossline --sandbox
    // --real-nango answers it).
    { QT_TRANSLATE_NOOP("crossline::UnifiedPage", "List a deployed Nango's synced contacts (records of a sync)"),
        "07-nango-synced-contacts.json" },
};
} // namespace

UnifiedPage::UnifiedPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_examples(new QComboBox(this))
    , m_editor(new QPlainTextEdit(this))
    , m_validation(new QLabel(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_responseTabs(new QTabWidget(this))
    , m_tree(new JsonTree(this))
    , m_headers(new QTableWidget(0, 2, this))
    , m_raw(new QPlainTextEdit(this))
    , m_validateTimer(new QTimer(this))
{
    m_examples->addItem(tr("Examples from the original backend…"));
    for (const Example &e : examples)
        m_examples->addItem(tr(e.title), QString::fromLatin1(e.file));
    m_examples->setAccessibleName(tr("Example requests"));

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setFont(mono);
    m_editor->setAccessibleName(tr("Unified request body"));
    m_editor->setPlaceholderText(
        tr("{ \"provider\": \"nango\", \"resource\": \"crm.contact\", \"operation\": \"list\" }"));
    m_editor->setTabChangesFocus(true);
    new JsonHighlighter(m_editor->document());
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_validation->setAccessibleName(tr("Validation"));
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_send->setDefault(true);
    m_cancel->setEnabled(false);
    auto *curl = new QPushButton(tr("Copy as curl"), this);
    curl->setToolTip(tr("Copy the HTTP request as a curl command, secrets replaced by variables (Ctrl+Shift+C)"));

    m_raw->setReadOnly(true);
    m_raw->setFont(mono);
    m_headers->setHorizontalHeaderLabels({ tr("Header"), tr("Value") });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_responseTabs->addTab(m_tree, tr("Body"));
    m_responseTabs->addTab(m_headers, tr("Headers"));
    m_responseTabs->addTab(m_raw, tr("Raw"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Response status"));

    auto *left = new QWidget(this);
    auto *l = new QVBoxLayout(left);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_examples);
    l->addWidget(m_editor, 1);
    l->addWidget(m_validation);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(curl);
    l->addLayout(buttons);

    auto *right = new QWidget(this);
    auto *r = new QVBoxLayout(right);
    r->setContentsMargins(0, 0, 0, 0);
    r->addWidget(m_status);
    r->addWidget(m_responseTabs, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(250);
    connect(m_validateTimer, &QTimer::timeout, this, &UnifiedPage::validate);
    connect(m_editor, &QPlainTextEdit::textChanged, m_validateTimer, qOverload<>(&QTimer::start));
    connect(m_examples, &QComboBox::activated, this, [this](int index) {
        const QString file = m_examples->itemData(index).toString();
        if (file.isEmpty())
            return;
        QFile f(QStringLiteral(":/examples/") + file);
        if (f.open(QIODevice::ReadOnly))
            setBody(QString::fromUtf8(f.readAll()));
        m_examples->setCurrentIndex(0);
    });
    connect(m_send, &QPushButton::clicked, this, &UnifiedPage::send);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_running)
            m_running->abort();
    });
    connect(curl, &QPushButton::clicked, this, &UnifiedPage::copyCurl);
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(sendShortcut, &QShortcut::activated, this, &UnifiedPage::send);
    auto *curlShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this);
    connect(curlShortcut, &QShortcut::activated, this, &UnifiedPage::copyCurl);
    m_profile = m_workspace->profileKey();
    connect(m_workspace, &Workspace::changed, this, &UnifiedPage::workspaceChanged);
    validate();
}

void UnifiedPage::workspaceChanged()
{
    const QString profile = m_workspace->profileKey();
    if (profile == m_profile)
        return;
    m_profile = profile;
    // A production question still open was asked under the profile just left: it goes, and sends nothing.
    if (m_confirm) {
        m_confirm->disconnect();
        m_confirm->close();
        m_confirm = nullptr;
    }
    m_status->clear();
    m_tree->setJson(QJsonValue());
    m_headers->setRowCount(0);
    m_raw->clear();
    validate();
}

void UnifiedPage::setBody(const QString &json)
{
    m_editor->setPlainText(json);
    validate();
}

void UnifiedPage::validate()
{
    const QByteArray body = m_editor->toPlainText().toUtf8();
    if (body.trimmed().isEmpty()) {
        m_validation->setText(tr("Pick an example or type a request body."));
        m_send->setEnabled(false);
        return;
    }
    const Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(body);
    const Error error = parsed ? ResourceRegistry::check(*parsed) : parsed.error();
    if (error) {
        QString text = QStringLiteral("✗ ");
        if (!error.field.isEmpty() && !error.message.contains(error.field))
            text += error.field + QStringLiteral(": ");
        text += error.message;
        if (!error.hint.isEmpty())
            text += QLatin1Char('\n') + error.hint;
        m_validation->setText(text);
        m_validation->setStyleSheet(QStringLiteral("color: palette(link-visited);"));
        m_send->setEnabled(false);
        return;
    }
    const UnifiedRequest &r = *parsed;
    m_validation->setText(tr("✓ %1 %2 through %3").arg(r.operation, r.resource, r.provider));
    m_validation->setStyleSheet(QString());
    m_send->setEnabled(m_running == nullptr);
}

void UnifiedPage::send()
{
    if (m_running || m_confirm || !m_workspace->clients())
        return;
    validate();
    if (!m_send->isEnabled())
        return;
    const QByteArray body = m_editor->toPlainText().toUtf8();
    const Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(body);
    if (!parsed)
        return; // validate() said why
    const UnifiedRequest request = *parsed;
    const Effect effect = ResourceRegistry::effectOf(request);
    m_confirm = confirmProduction(
        this, m_workspace->config(), effect,
        tr("%1 %2 through %3 with this request?")
            .arg(effectVerb(effect).left(1).toUpper() + effectVerb(effect).mid(1), request.resource, request.provider),
        [this, request] {
            m_confirm = nullptr; // answered: the box only closes
            start(request);
        },
        [this] {
            m_confirm = nullptr;
            m_status->setText(tr("Not sent."));
            Q_EMIT statusMessage(tr("Not sent."));
        });
}

void UnifiedPage::start(const UnifiedRequest &request)
{
    ClientSet *clients = m_workspace->clients();
    if (m_running || !clients)
        return;
    Job *job = clients->run(request);
    m_running = job;
    m_send->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Sending…"));
    const bool read = ResourceRegistry::effectOf(request) == Effect::Read;
    connect(job, &Job::finished, this, [this, read](const Result &result) {
        m_running = nullptr;
        m_cancel->setEnabled(false);
        showResult(result);
        // A read stopped by Cancel: say that nothing changed, so nobody wonders whether to check.
        if (read && result.error.kind == Error::Kind::Cancelled)
            m_status->setText(
                m_status->text() + QLatin1Char('\n') + tr("Nothing was changed: this request only reads."));
        validate();
    });
}

void UnifiedPage::showResult(const Result &result)
{
    m_headers->setRowCount(0);
    // A header is the server's text like the body, which arrives scrubbed: one quoting a credential (a debug
    // header echoing the request's) must not show it either.
    const ResolvedConfig &config = m_workspace->config();
    QStringList secrets;
    for (const ResolvedValue *v : { &config.nangoKey, &config.panoraKey, &config.panoraConnectionToken }) {
        if (!v->value.isEmpty())
            secrets << v->value;
    }
    for (const auto &h : result.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(h.first)));
        m_headers->setItem(row, 1, new QTableWidgetItem(Redactor::scrub(QString::fromUtf8(h.second), secrets)));
    }
    if (result.ok()) {
        m_status->setText(tr("✓ HTTP %1 · %2 ms").arg(result.httpStatus).arg(result.elapsedMs));
        m_tree->setJson(result.data);
        const QJsonDocument doc
            = result.data.isArray() ? QJsonDocument(result.data.toArray()) : QJsonDocument(result.data.toObject());
        m_raw->setPlainText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
        Q_EMIT statusMessage(
            tr("Unified request answered HTTP %1 in %2 ms").arg(result.httpStatus).arg(result.elapsedMs));
    } else {
        QString text = QStringLiteral("✗ ") + result.error.summary();
        if (!result.error.hint.isEmpty())
            text += QLatin1Char('\n') + result.error.hint;
        m_status->setText(text);
        m_tree->setJson(QJsonValue());
        m_raw->setPlainText(QString::fromUtf8(result.body));
        Q_EMIT statusMessage(result.error.summary());
    }
}

QString UnifiedPage::curlCommand()
{
    ClientSet *clients = m_workspace->clients();
    if (!clients)
        return {};
    // The plan is what Send sends, step by step (a Twilio SMS without an Account SID is two requests).
    const Expected<RequestPlan> plan = clients->plan(m_editor->toPlainText().toUtf8());
    if (!plan || plan->isEmpty())
        return {};
    const ResolvedConfig &c = m_workspace->config();
    const QList<CurlCommand::Variable> vars { { c.nangoKey.value, QStringLiteral("NANGO_SECRET_KEY") },
        { c.panoraKey.value, QStringLiteral("PANORA_API_KEY") },
        { c.panoraConnectionToken.value, QStringLiteral("PANORA_CONNECTION_TOKEN") },
        { c.nangoBase.value, QStringLiteral("NANGO_API_BASE") },
        { c.panoraUrl.value, QStringLiteral("PANORA_API_URL") } };
    return CurlCommand::fromPlan(*plan, vars);
}

void UnifiedPage::copyCurl()
{
    const QString curl = curlCommand();
    if (curl.isEmpty()) {
        Q_EMIT statusMessage(tr("Nothing to copy: the request is not valid yet."));
        return;
    }
    QApplication::clipboard()->setText(curl);
    Q_EMIT statusMessage(tr("Copied the request as curl (secrets as $VARIABLES)."));
}

} // namespace crossline
