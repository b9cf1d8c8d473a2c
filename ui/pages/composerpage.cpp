#include "pages/composerpage.h"

#include "dialogs/productionconfirmation.h"
#include "history/historystore.h"
#include "messaging/sentmessage.h"
#include "messaging/smsstatustracker.h"
#include "pages/composer/outboxpanel.h"
#include "pages/composer/resultpanel.h"
#include "pages/composer/smsform.h"
#include "pages/composer/whatsappform.h"
#include "widgets/connectionpicker.h"
#include "widgets/formhelpers.h"
#include "widgets/messagebubble.h"
#include "widgets/phonefield.h"
#include "workspace.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace crossline {

namespace {

const QString kWhatsAppDraft = QStringLiteral("composer.whatsapp");
const QString kSmsDraft = QStringLiteral("composer.sms");
const QString kPageDraft = QStringLiteral("composer.page");

// A template's parameter values by the keys of TemplateParameterForm::values() ("body:1", "header:name",
// "header:image", "button:0"), read back from the `components` a send carried.
QJsonObject templateValues(const QJsonArray &components)
{
    QJsonObject values;
    for (const QJsonValue &c : components) {
        const QJsonObject component = c.toObject();
        const QString part = component.value(QLatin1String("type")).toString().toLower();
        const QJsonArray parameters = component.value(QLatin1String("parameters")).toArray();
        for (qsizetype i = 0; i < parameters.size(); ++i) {
            const QJsonObject p = parameters.at(i).toObject();
            const QString kind = p.value(QLatin1String("type")).toString();
            if (part == QLatin1String("button"))
                values.insert(QStringLiteral("button:") + component.value(QLatin1String("index")).toString(),
                    p.value(QLatin1String("text")).toString());
            else if (kind == QLatin1String("text"))
                values.insert(part + u':' + p.value(QLatin1String("parameter_name")).toString(QString::number(i + 1)),
                    p.value(QLatin1String("text")).toString());
            else
                values.insert(part + u':' + kind, p.value(kind).toObject().value(QLatin1String("link")).toString());
        }
    }
    return values;
}

} // namespace

ComposerPage::ComposerPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_tabs(new QTabWidget(this))
    , m_validation(new QLabel(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_stopWaiting(new QPushButton(tr("Stop &waiting"), this))
    , m_draftTimer(new QTimer(this))
{
    m_tabs->setObjectName(QStringLiteral("channelTabs"));
    m_tabs->setAccessibleName(tr("Channel"));
    m_tabs->setDocumentMode(true);
    m_whatsApp = new WhatsAppForm(m_workspace, this);
    m_tabs->addTab(forms::scrollable(m_whatsApp, this), tr("WhatsApp"));
    m_sms = new SmsForm(m_workspace, this);
    m_tabs->addTab(forms::scrollable(m_sms, this), tr("SMS"));
    m_tabs->setTabToolTip(0, tr("WhatsApp Cloud API through Nango (Alt+1)"));
    m_tabs->setTabToolTip(1, tr("Twilio SMS through Nango (Alt+2)"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tabs);
    splitter->addWidget(buildPreviewPanel());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 55, 45 }); // proportions; the splitter scales them to its width
    connectForm(m_whatsApp);
    connectForm(m_sms);
    // Send follows the form it sends (created first, it would come before it), then the preview, results and outbox:
    // it goes after the last field of the second form (the hidden form's fields are skipped).
    QWidget *lastField = m_tabs->widget(1);
    for (QWidget *w = nextInFocusChain(); w != this; w = w->nextInFocusChain()) {
        if (m_sms->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) == Qt::TabFocus)
            lastField = w;
    }
    setTabOrder(lastField, m_send);

    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setAccessibleName(tr("Validation"));
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setToolTip(tr("Send the message (Ctrl+Enter)"));
    m_send->setIcon(QIcon::fromTheme(QStringLiteral("mail-send")));
    m_send->setDefault(true);
    m_send->setMinimumWidth(m_send->fontMetrics().horizontalAdvance(tr("Sending…")) * 2);

    // A send that hangs must not hold the page: this ends the wait. It cannot call the message back, so it is not
    // called Cancel, and what is shown afterwards says the message may have been delivered.
    m_stopWaiting->setObjectName(QStringLiteral("stopWaitingButton"));
    m_stopWaiting->setAccessibleName(tr("Stop waiting for the answer"));
    m_stopWaiting->setToolTip(tr("Stop waiting for the provider's answer. The message may already have been "
                                 "delivered; it is not sent again."));
    m_stopWaiting->hide();

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_validation, 1);
    bottom->addWidget(m_stopWaiting, 0, Qt::AlignTop);
    bottom->addWidget(m_send, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(600);
    connect(m_draftTimer, &QTimer::timeout, this, &ComposerPage::saveDrafts);
    connect(m_send, &QPushButton::clicked, this, &ComposerPage::send);
    connect(m_stopWaiting, &QPushButton::clicked, this, [this] {
        if (m_sendJob)
            m_sendJob->abort(); // finishes at once: a send that left is "outcome unknown", never resent
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &ComposerPage::changed);
    // Each channel keeps its own results: the panel shows the tab's.
    connect(m_tabs, &QTabWidget::currentChanged, this,
        [this] { m_result->setChannel(channel() == Sms ? ResultPanel::Sms : ResultPanel::WhatsApp); });
    connect(m_workspace, &Workspace::changed, this, &ComposerPage::workspaceChanged);
    buildShortcuts();

    m_profile = m_workspace->profileKey();
    m_outbox->setProfile(m_profile);
    ensureHistory();
    restoreDrafts(false);
    m_outbox->refresh();
    revalidate();
    updatePreview();
    loadConnections();
}

ComposerPage::~ComposerPage()
{
    if (m_draftTimer->isActive())
        saveDrafts();
    // Their answers must not reach a page being destroyed.
    if (m_confirm)
        m_confirm->disconnect();
    if (m_retryQuestion)
        m_retryQuestion->disconnect();
}

// ---- building -----------------------------------------------------------------------------------------------------

void ComposerPage::connectForm(ComposerForm *form)
{
    connect(form, &ComposerForm::changed, this, &ComposerPage::changed);
    connect(form, &ComposerForm::statusMessage, this, &ComposerPage::statusMessage);
    connect(form->connectionPicker(), &ConnectionPicker::reloadRequested, this, &ComposerPage::loadConnections);
}

QWidget *ComposerPage::buildPreviewPanel()
{
    auto *content = new QWidget(this);
    auto *column = new QVBoxLayout(content);

    auto *previewBox = new QGroupBox(tr("Preview"), content);
    auto *previewLayout = new QHBoxLayout(previewBox);
    m_bubble = new MessageBubble(previewBox);
    m_bubble->setObjectName(QStringLiteral("previewBubble"));
    m_bubble->setAccessibleName(tr("Message preview"));
    m_bubble->setPlaceholder(tr("Nothing to preview yet — type a message."));
    // Outgoing messages sit on the right, as in the messaging apps.
    previewLayout->addStretch(1);
    previewLayout->addWidget(m_bubble, 6);
    column->addWidget(previewBox);

    m_result = new ResultPanel(m_workspace, content);
    connect(m_result, &ResultPanel::statusMessage, this, &ComposerPage::statusMessage);
    column->addWidget(m_result);

    m_outbox = new OutboxPanel(content);
    connect(m_outbox, &OutboxPanel::retryRequested, this, &ComposerPage::retryOutboxItem);
    connect(m_outbox, &OutboxPanel::statusMessage, this, &ComposerPage::statusMessage);
    column->addWidget(m_outbox);
    column->addStretch(1);

    return forms::scrollable(content, this);
}

void ComposerPage::buildShortcuts()
{
    const auto add = [this](const QKeySequence &keys, auto slot) {
        auto *shortcut = new QShortcut(keys, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    add(QKeySequence(Qt::CTRL | Qt::Key_Return), &ComposerPage::send);
    add(QKeySequence(Qt::CTRL | Qt::Key_Enter), &ComposerPage::send);
    add(QKeySequence(Qt::Key_F5), &ComposerPage::loadConnections);
    add(QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        if (channel() == WhatsApp)
            loadWaba();
    });
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), [this] {
        if (channel() == Sms)
            m_sms->lookupAccountSid();
    });
    add(QKeySequence(Qt::CTRL | Qt::Key_T), [this] {
        if (m_result->canTrack())
            trackStatus();
    });
    // Esc belongs to the page only while it tracks a status; otherwise it stays free for dialogs and popups.
    m_stopShortcut
        = new QShortcut(QKeySequence(Qt::Key_Escape), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    m_stopShortcut->setEnabled(false);
    connect(m_stopShortcut, &QShortcut::activated, this, &ComposerPage::stopTracking);
    connect(m_result, &ResultPanel::trackingChanged, m_stopShortcut, &QShortcut::setEnabled);
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] { m_result->copyMessageId(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_R), [this] {
        if (m_outbox->canRetry())
            retryOutboxItem();
    });
    add(QKeySequence(Qt::ALT | Qt::Key_1), [this] { setChannel(WhatsApp); });
    add(QKeySequence(Qt::ALT | Qt::Key_2), [this] { setChannel(Sms); });
}

// ---- channel, history -------------------------------------------------------------------------------------------

ComposerPage::Channel ComposerPage::channel() const
{
    return m_tabs->currentIndex() == 1 ? Sms : WhatsApp;
}

void ComposerPage::setChannel(Channel channel)
{
    m_tabs->setCurrentIndex(channel == Sms ? 1 : 0);
}

ComposerForm *ComposerPage::form(Channel channel) const
{
    return channel == WhatsApp ? static_cast<ComposerForm *>(m_whatsApp) : m_sms;
}

void ComposerPage::setStatusPollInterval(int ms)
{
    m_result->setStatusPollInterval(ms);
}

void ComposerPage::setStatusPollTimeout(int ms)
{
    m_result->setStatusPollTimeout(ms);
}

void ComposerPage::setDraftSaveDelay(int ms)
{
    m_draftTimer->setInterval(ms);
}

void ComposerPage::ensureHistory()
{
    if (m_history)
        return;
    // The app's one database (the Workspace opens it when first asked); a store of our own only when that one failed
    // to open.
    if (HistoryStore *shared = m_workspace->history(); shared && shared->isOpen()) {
        m_history = shared;
        m_outbox->setOutbox(&m_history->outbox());
        return;
    }
    m_ownHistory = new HistoryStore(this);
    if (const Error e = m_ownHistory->open()) {
        Q_EMIT statusMessage(tr("Drafts and the outbox are not kept: %1").arg(e.summary()));
        delete m_ownHistory;
        m_ownHistory = nullptr;
        return;
    }
    m_history = m_ownHistory;
    m_outbox->setOutbox(&m_history->outbox());
}

void ComposerPage::setHistoryStore(HistoryStore *store)
{
    if (store == m_history)
        return;
    m_history = store;
    m_outbox->setOutbox(store ? &store->outbox() : nullptr);
    if (m_ownHistory && m_ownHistory != store) {
        delete m_ownHistory;
        m_ownHistory = nullptr;
    }
    if (m_history)
        restoreDrafts(false);
    m_outbox->refresh();
}

// ---- connections ------------------------------------------------------------------------------------------------

void ComposerPage::loadConnections()
{
    ClientSet *clients = m_workspace->clients();
    if (!clients || !m_workspace->isConfigured())
        return;
    Job *job = clients->nango()->listConnections();
    connect(job, &Job::finished, this, [this](const Result &r) {
        if (!r.ok()) {
            Q_EMIT statusMessage(tr("Connections could not be loaded: %1").arg(r.error.summary()));
            return;
        }
        m_connections = r.data.toArray();
        m_connectionsLoaded = true;
        m_whatsApp->connectionPicker()->setConnections(m_connections);
        m_sms->connectionPicker()->setConnections(m_connections);
        if (!m_pendingPrefill.isEmpty()) {
            const QJsonObject pending = m_pendingPrefill;
            m_pendingPrefill = {};
            prefill(pending);
        }
    });
}

void ComposerPage::prefill(const QJsonObject &connection)
{
    const QString id = connection.value(QLatin1String("connection_id")).toString();
    if (id.isEmpty())
        return;
    const Channel ch = m_sms->connectionPicker()->accepts(connection) ? Sms : WhatsApp;
    setChannel(ch);
    form(ch)->connectionPicker()->select(connection);
    revalidate();
    updatePreview();
    scheduleDraftSave();
    if (!m_connectionsLoaded)
        m_pendingPrefill = connection;
    form(ch)->recipient()->lineEdit()->setFocus(Qt::OtherFocusReason);
    Q_EMIT statusMessage(tr("Composer: sending through %1").arg(id));
}

void ComposerPage::openDraft(Channel channel, const QJsonObject &data)
{
    ComposerForm *target = form(channel);
    QJsonObject draft = target->draft();
    const auto take = [&draft, &data](const QString &draftKey, const QString &dataKey) {
        draft.insert(draftKey, data.value(dataKey).toString());
    };
    take(QStringLiteral("connectionId"), QStringLiteral("connectionId"));
    take(QStringLiteral("integration"), QStringLiteral("providerConfigKey"));
    take(QStringLiteral("to"), QStringLiteral("to"));
    take(QStringLiteral("body"), QStringLiteral("body"));
    if (channel == WhatsApp) {
        const QJsonObject templ = data.value(QLatin1String("template")).toObject();
        take(QStringLiteral("phoneNumberId"), QStringLiteral("phoneNumberId"));
        draft.insert(QStringLiteral("type"), templ.isEmpty() ? QStringLiteral("text") : QStringLiteral("template"));
        draft.insert(QStringLiteral("previewUrl"), data.value(QLatin1String("previewUrl")).toBool());
        draft.insert(QStringLiteral("templateName"), templ.value(QLatin1String("name")).toString());
        draft.insert(QStringLiteral("templateLanguage"),
            templ.value(QLatin1String("language")).toObject().value(QLatin1String("code")).toString());
        draft.insert(
            QStringLiteral("templateParameters"), templateValues(templ.value(QLatin1String("components")).toArray()));
    } else {
        const bool service = data.contains(QLatin1String("messagingServiceSid"));
        draft.insert(
            QStringLiteral("senderKind"), service ? QStringLiteral("messagingServiceSid") : QStringLiteral("from"));
        take(QStringLiteral("sender"), service ? QStringLiteral("messagingServiceSid") : QStringLiteral("from"));
        if (data.contains(QLatin1String("accountSid")))
            take(QStringLiteral("accountSid"), QStringLiteral("accountSid"));
    }
    setChannel(channel);
    target->restoreDraft(draft);
    changed(); // validated, previewed and kept as the draft, as if typed
    target->recipient()->lineEdit()->setFocus(Qt::OtherFocusReason);
    Q_EMIT statusMessage(tr("Composer: the send to %1, reopened — check it, then Send")
                             .arg(draft.value(QLatin1String("to")).toString()));
}

void ComposerPage::loadWaba()
{
    m_whatsApp->loadWaba();
}

void ComposerPage::workspaceChanged()
{
    // New clients: jobs of the old ones are gone with them, and the connections may differ.
    stopTracking();
    m_result->forgetSms();
    m_sendJob = nullptr;
    m_sms->clientsReplaced();
    m_whatsApp->clientsReplaced();
    if (m_busy)
        setBusy(false);
    if (const QString profile = m_workspace->profileKey(); profile != m_profile)
        switchProfile(profile);
    m_connectionsLoaded = false;
    loadConnections();
}

void ComposerPage::switchProfile(const QString &profile)
{
    // What was typed belongs to the profile being left: it is saved there first, timer or not.
    saveDrafts();
    // A question still open was asked about a send of that profile: it goes, and sends nothing.
    for (QPointer<QMessageBox> *box : { &m_confirm, &m_retryQuestion }) {
        if (*box) {
            (*box)->disconnect();
            (*box)->close(); // deleted on close
            *box = nullptr;
        }
    }
    m_pendingPrefill = {}; // a connection of the profile being left
    // Nothing of the profile being left stays on screen: its results and its connections (the new profile's are
    // listed when they arrive).
    m_result->clear();
    m_connections = {};
    m_whatsApp->connectionPicker()->setConnections(m_connections);
    m_sms->connectionPicker()->setConnections(m_connections);
    m_profile = profile;
    restoreDrafts(true);
    m_outbox->setProfile(profile);
}

// ---- validation and preview -------------------------------------------------------------------------------------

void ComposerPage::changed()
{
    revalidate();
    updatePreview();
    scheduleDraftSave();
}

QString ComposerPage::validationMessage() const
{
    const Expected<QJsonObject> built = currentForm()->build();
    return built ? QString() : built.error().message;
}

void ComposerPage::revalidate()
{
    const Expected<QJsonObject> built = currentForm()->build();
    // Stays enabled while a send runs (send() ignores it then): disabling the focused button would throw the
    // keyboard focus back to the first field of the page.
    m_send->setEnabled(built.hasValue());
    if (!built) {
        m_validation->setText(QStringLiteral("✗ ") + built.error().message);
        return;
    }
    const QStringList warnings = currentForm()->warnings(*built);
    m_validation->setText(warnings.isEmpty()
            ? tr("Ready to send (Ctrl+Enter).")
            : tr("Ready to send (Ctrl+Enter). ⚠ %1").arg(warnings.join(QLatin1Char(' '))));
}

void ComposerPage::updatePreview()
{
    currentForm()->showPreview(m_bubble);
}

// ---- sending ----------------------------------------------------------------------------------------------------

void ComposerPage::send()
{
    if (m_busy)
        return;
    const Expected<QJsonObject> built = currentForm()->build();
    if (!built) {
        m_validation->setText(QStringLiteral("✗ ") + built.error().message);
        if (QWidget *field = currentForm()->widgetFor(built.error().field))
            field->setFocus(Qt::OtherFocusReason);
        return;
    }
    confirmThenSend(*built, channel(), 0);
}

void ComposerPage::confirmThenSend(const QJsonObject &data, Channel channel, qint64 outboxId)
{
    const QString profile = m_profile;
    m_confirm = confirmProduction(
        this, m_workspace->config(), Effect::Send,
        tr("Send this %1 to %2 through connection %3?")
            .arg(channel == WhatsApp ? tr("WhatsApp message") : tr("SMS"), data.value(QLatin1String("to")).toString(),
                data.value(QLatin1String("connectionId")).toString()),
        [this, data, channel, outboxId, profile] { startSend(data, channel, outboxId, profile); },
        [this] { Q_EMIT statusMessage(tr("Not sent.")); });
}

void ComposerPage::startSend(const QJsonObject &data, Channel channel, qint64 outboxId, const QString &profile)
{
    // Asked for under one profile: sent through that profile's clients or not at all.
    if (profile != m_workspace->profileKey()) {
        Q_EMIT statusMessage(tr("Not sent: the profile changed."));
        return;
    }
    ClientSet *clients = m_workspace->clients();
    if (!clients)
        return;
    const ResultPanel::Channel resultChannel = channel == Sms ? ResultPanel::Sms : ResultPanel::WhatsApp;
    const QString to = data.value(QLatin1String("to")).toString();
    const QString connection = data.value(QLatin1String("connectionId")).toString();
    const Expected<Job *> job = form(channel)->send(clients->messages(), data);
    if (!job) {
        m_result->showFailure(resultChannel, to, connection, job.error());
        return;
    }
    m_result->showSending(resultChannel, to, connection);
    setBusy(true);
    m_sendJob = *job;
    connect(*job, &Job::finished, this, [this, data, channel, outboxId, profile](const Result &r) {
        sendFinished(r, data, channel, outboxId, profile);
    });
}

void ComposerPage::sendFinished(
    const Result &result, const QJsonObject &data, Channel channel, qint64 outboxId, const QString &profile)
{
    m_sendJob = nullptr;
    setBusy(false);
    const QString to = data.value(QLatin1String("to")).toString();
    const QString connection = data.value(QLatin1String("connectionId")).toString();
    if (!result.ok()) {
        const QString summary = result.error.summary();
        m_result->showFailure(channel == Sms ? ResultPanel::Sms : ResultPanel::WhatsApp, to, connection, result.error);
        // Sent without an answer: it may have been delivered, and the outbox says so.
        const bool outcomeUnknown = result.error.isOutcomeUnknown();
        if (m_history) {
            if (outboxId > 0) {
                m_history->outbox().recordAttempt(outboxId, summary, outcomeUnknown);
            } else {
                OutboxItem item;
                item.kind = channel == WhatsApp ? OutboxItem::Kind::WhatsApp : OutboxItem::Kind::Sms;
                item.payload = data; // the seed's data object: ids and text, never a key or token
                item.error = summary;
                item.profile = profile; // the profile it was sent from, even if the page moved on meanwhile
                item.outcomeUnknown = outcomeUnknown;
                m_history->outbox().add(item);
            }
        }
        Q_EMIT statusMessage(outcomeUnknown ? tr("Send to %1 may have been delivered: %2").arg(to, summary)
                                            : tr("Send to %1 failed: %2").arg(to, summary));
        return;
    }

    const SentMessage sent
        = channel == WhatsApp ? SentMessage::fromWhatsApp(result.data) : SentMessage::fromSms(result.data);
    if (outboxId > 0 && m_history)
        m_history->outbox().remove(outboxId);
    if (channel == WhatsApp) {
        m_result->showWhatsAppAccepted(to, connection, sent);
    } else {
        m_sms->noteAccountSid(sent.accountSid);
        TrackedSms sms;
        sms.providerConfigKey = data.value(QLatin1String("providerConfigKey")).toString();
        sms.connectionId = data.value(QLatin1String("connectionId")).toString();
        sms.accountSid
            = sent.accountSid.isEmpty() ? data.value(QLatin1String("accountSid")).toString() : sent.accountSid;
        sms.sid = sent.id;
        m_result->showSmsAccepted(to, connection, sent, sms);
    }
    Q_EMIT statusMessage(tr("Sent to %1: %2").arg(to, sent.id));
}

void ComposerPage::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Sending…") : tr("&Send"));
    m_stopWaiting->setVisible(busy);
    revalidate();
}

void ComposerPage::retryOutboxItem()
{
    if (!m_history || m_busy || m_retryQuestion)
        return;
    const std::optional<OutboxItem> item = m_outbox->currentItem(); // only the profile in effect's
    if (!item || item->profile != m_profile)
        return;
    const QJsonObject data = item->payload;
    const Channel channel = item->kind == OutboxItem::Kind::Sms ? Sms : WhatsApp;
    const qint64 id = item->id;
    if (!item->outcomeUnknown) {
        confirmThenSend(data, channel, id);
        return;
    }
    // It may already have been delivered: sending again is a decision, never a reflex. Cancel is the default and
    // the escape button, so Return or Escape out of habit sends nothing. No nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Send it again?"),
        tr("This message to %1 may already have been delivered: it was sent, but no answer came back. Sending it "
           "again could deliver it twice.")
            .arg(data.value(QLatin1String("to")).toString()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("outcomeUnknownConfirmation"));
    box->setInformativeText(tr("Check with the recipient (or the provider's log) first."));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Send again"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, data, channel, id](QAbstractButton *button) {
        if (box->standardButton(button) == QMessageBox::Yes)
            confirmThenSend(data, channel, id);
        else
            Q_EMIT statusMessage(tr("Not sent again."));
    });
    m_retryQuestion = box;
    box->open();
}

// ---- status tracking --------------------------------------------------------------------------------------------

void ComposerPage::trackStatus()
{
    m_result->trackStatus();
}

void ComposerPage::stopTracking()
{
    m_result->stopTracking();
}

// ---- drafts -----------------------------------------------------------------------------------------------------

void ComposerPage::scheduleDraftSave()
{
    if (!m_restoring && m_history)
        m_draftTimer->start();
}

void ComposerPage::saveDrafts()
{
    m_draftTimer->stop();
    if (!m_history)
        return;
    DraftStore &drafts = m_history->drafts();
    drafts.save(m_profile, kWhatsAppDraft, m_whatsApp->draft());
    drafts.save(m_profile, kSmsDraft, m_sms->draft());
    drafts.save(m_profile, kPageDraft,
        QJsonObject {
            { QStringLiteral("channel"), channel() == Sms ? QStringLiteral("sms") : QStringLiteral("whatsapp") } });
}

void ComposerPage::restoreDrafts(bool replace)
{
    if (!m_history)
        return;
    const DraftStore &drafts = m_history->drafts();
    m_restoring = true;
    if (const QJsonObject wa = drafts.load(m_profile, kWhatsAppDraft); replace || !wa.isEmpty())
        m_whatsApp->restoreDraft(wa);
    if (const QJsonObject sms = drafts.load(m_profile, kSmsDraft); replace || !sms.isEmpty())
        m_sms->restoreDraft(sms);
    const QString tab = drafts.load(m_profile, kPageDraft).value(QLatin1String("channel")).toString();
    if (tab == QLatin1String("sms"))
        setChannel(Sms);
    else if (replace)
        setChannel(WhatsApp);
    m_restoring = false;
    m_draftTimer->stop();
    revalidate();
    updatePreview();
}

} // namespace crossline
