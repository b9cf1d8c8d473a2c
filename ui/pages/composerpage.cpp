#include "pages/composerpage.h"

#include "workspace.h"
#include "dialogs/productionconfirmation.h"
#include "history/historystore.h"
#include "messaging/messagesender.h"
#include "messaging/smssegments.h"
#include "messaging/twiliosms.h"
#include "messaging/whatsappmessage.h"
#include "nango/nangoclient.h"
#include "net/urlbuilder.h"
#include "widgets/messagebubble.h"
#include "widgets/phonefield.h"
#include "widgets/templateparameterform.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <functional>

namespace crossline {

namespace {

const QString kWhatsAppDraft = QStringLiteral("composer.whatsapp");
const QString kSmsDraft = QStringLiteral("composer.sms");
const QString kPageDraft = QStringLiteral("composer.page");
constexpr int kTextPage = 0;
constexpr int kTemplatePage = 1;

QString graphBase()
{
    return WhatsAppMessage::defaultBaseUrl();
}

QString apiVersion()
{
    return WhatsAppMessage().apiVersion;
}

bool isWhatsAppConnection(const QJsonObject &c)
{
    const QString text = c.value(QLatin1String("provider")).toString() + QLatin1Char(' ')
        + c.value(QLatin1String("provider_config_key")).toString();
    return text.contains(QLatin1String("whatsapp"), Qt::CaseInsensitive);
}

bool isTwilioConnection(const QJsonObject &c)
{
    const QString text = c.value(QLatin1String("provider")).toString() + QLatin1Char(' ')
        + c.value(QLatin1String("provider_config_key")).toString();
    return text.contains(QLatin1String("twilio"), Qt::CaseInsensitive);
}

// Connection metadata is free-form; these are the spellings seen in the wild for the two WhatsApp ids.
QString metadataValue(const QJsonObject &metadata, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const QJsonValue v = metadata.value(QLatin1String(key));
        if (v.isString() && !v.toString().isEmpty())
            return v.toString();
        if (v.isDouble())
            return QString::number(qint64(v.toDouble()));
    }
    return {};
}

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

QWidget *row(QWidget *parent, std::initializer_list<QWidget *> widgets, int stretchIndex = 0)
{
    auto *w = new QWidget(parent);
    auto *layout = new QHBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    int i = 0;
    for (QWidget *child : widgets)
        layout->addWidget(child, i++ == stretchIndex ? 1 : 0);
    return w;
}

QWidget *scrollable(QWidget *content, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return area;
}

void setMuted(QLabel *label)
{
    label->setForegroundRole(QPalette::PlaceholderText);
}

bool isFinalSmsStatus(const QString &status)
{
    static const QStringList finals = { QStringLiteral("delivered"), QStringLiteral("undelivered"),
        QStringLiteral("failed"), QStringLiteral("read"), QStringLiteral("canceled") };
    return finals.contains(status);
}

} // namespace

ComposerPage::ComposerPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_tabs(new QTabWidget(this))
    , m_validation(new QLabel(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_draftTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
{
    m_tabs->setObjectName(QStringLiteral("channelTabs"));
    m_tabs->setAccessibleName(tr("Channel"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildWhatsAppTab(), tr("WhatsApp"));
    m_tabs->addTab(buildSmsTab(), tr("SMS"));
    m_tabs->setTabToolTip(0, tr("WhatsApp Cloud API through Nango (Alt+1)"));
    m_tabs->setTabToolTip(1, tr("Twilio SMS through Nango (Alt+2)"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tabs);
    splitter->addWidget(buildPreviewPanel());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 55, 45 }); // proportions; the splitter scales them to its width

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

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_validation, 1);
    bottom->addWidget(m_send, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    m_draftTimer->setSingleShot(true);
    m_draftTimer->setInterval(600);
    connect(m_draftTimer, &QTimer::timeout, this, &ComposerPage::saveDrafts);
    m_pollTimer->setInterval(2000);
    connect(m_pollTimer, &QTimer::timeout, this, &ComposerPage::pollOnce);
    connect(m_send, &QPushButton::clicked, this, &ComposerPage::send);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        revalidate();
        updatePreview();
        scheduleDraftSave();
    });
    connect(m_workspace, &Workspace::changed, this, &ComposerPage::workspaceChanged);
    buildShortcuts();

    ensureHistory();
    restoreDrafts();
    refreshOutbox();
    updateTextCounter();
    updateSmsCounter();
    revalidate();
    updatePreview();
    loadConnections();
}

ComposerPage::~ComposerPage()
{
    if (m_draftTimer->isActive())
        saveDrafts();
    if (m_confirm)
        m_confirm->disconnect(); // its answer must not reach a page being destroyed
}

// ---- building -----------------------------------------------------------------------------------------------------

void ComposerPage::addConnectionRows(QFormLayout *form, QWidget *content, const QString &prefix, const QString &service,
                                     const QString &holds, const QString &integrationExample, QComboBox **connection,
                                     QLineEdit **integration)
{
    auto *combo = new QComboBox(content);
    combo->setObjectName(prefix + QStringLiteral("Connection"));
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setAccessibleName(tr("%1 connection").arg(service));
    combo->setToolTip(tr("The Nango connection that holds %1; type an id that is not listed").arg(holds));
    combo->lineEdit()->setPlaceholderText(tr("Connection id"));
    auto *refresh = new QToolButton(content);
    refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    refresh->setText(tr("Reload"));
    refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    refresh->setToolTip(tr("Reload the connections from Nango (F5)"));
    refresh->setAccessibleName(tr("Reload connections"));
    connect(refresh, &QToolButton::clicked, this, &ComposerPage::loadConnections);
    form->addRow(buddyLabel(tr("C&onnection:"), combo, content), row(content, {combo, refresh}));

    auto *key = new QLineEdit(content);
    key->setObjectName(prefix + QStringLiteral("Integration"));
    key->setAccessibleName(tr("%1 integration key").arg(service));
    key->setPlaceholderText(integrationExample);
    key->setToolTip(tr("Nango's integration key (Provider-Config-Key); filled from the connection"));
    form->addRow(buddyLabel(tr("&Integration:"), key, content), key);
    setTabOrder(combo, refresh);
    setTabOrder(refresh, key);
    *connection = combo;
    *integration = key;
}

QWidget *ComposerPage::buildWhatsAppTab()
{
    auto *content = new QWidget(this);
    auto *form = new QFormLayout(content);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    addConnectionRows(form, content, QStringLiteral("whatsapp"), tr("WhatsApp"), tr("the WhatsApp token"),
                      QStringLiteral("whatsapp-business"), &m_waConnection, &m_waIntegration);

    m_wabaId = new QLineEdit(content);
    m_wabaId->setObjectName(QStringLiteral("wabaId"));
    m_wabaId->setAccessibleName(tr("WhatsApp Business Account id"));
    m_wabaId->setPlaceholderText(tr("WhatsApp Business Account id, e.g. 102290129340398"));
    m_wabaId->setToolTip(tr("Lists the account's phone numbers and approved templates through the proxy"));
    m_wabaLoad = new QPushButton(tr("Load"), content);
    m_wabaLoad->setObjectName(QStringLiteral("wabaLoadButton"));
    m_wabaLoad->setAccessibleName(tr("Load phone numbers and templates"));
    m_wabaLoad->setToolTip(tr("Load the WABA's phone numbers and approved templates (Ctrl+L)"));
    connect(m_wabaLoad, &QPushButton::clicked, this, &ComposerPage::loadWaba);
    connect(m_wabaId, &QLineEdit::returnPressed, this, &ComposerPage::loadWaba);
    m_wabaStatus = new QLabel(content);
    m_wabaStatus->setObjectName(QStringLiteral("wabaStatus"));
    m_wabaStatus->setAccessibleName(tr("Phone numbers and templates"));
    m_wabaStatus->setWordWrap(true);
    setMuted(m_wabaStatus);
    auto *wabaBox = new QWidget(content);
    auto *wabaColumn = new QVBoxLayout(wabaBox);
    wabaColumn->setContentsMargins(0, 0, 0, 0);
    wabaColumn->addWidget(row(wabaBox, { m_wabaId, m_wabaLoad }));
    wabaColumn->addWidget(m_wabaStatus);
    form->addRow(buddyLabel(tr("W&ABA id:"), m_wabaId, content), wabaBox);

    m_phoneNumberId = new QComboBox(content);
    m_phoneNumberId->setObjectName(QStringLiteral("phoneNumberId"));
    m_phoneNumberId->setEditable(true);
    m_phoneNumberId->setInsertPolicy(QComboBox::NoInsert);
    m_phoneNumberId->setAccessibleName(tr("Sender phone number id"));
    m_phoneNumberId->setToolTip(tr("The id of the business phone number that sends (not the number itself)"));
    m_phoneNumberId->lineEdit()->setPlaceholderText(tr("Phone number id, e.g. 123456789012345"));
    m_phoneNumberHint = new QLabel(content);
    m_phoneNumberHint->setObjectName(QStringLiteral("phoneNumberHint"));
    m_phoneNumberHint->setAccessibleName(tr("Sender phone number"));
    m_phoneNumberHint->setWordWrap(true);
    setMuted(m_phoneNumberHint);
    auto *phoneBox = new QWidget(content);
    auto *phoneColumn = new QVBoxLayout(phoneBox);
    phoneColumn->setContentsMargins(0, 0, 0, 0);
    phoneColumn->addWidget(m_phoneNumberId);
    phoneColumn->addWidget(m_phoneNumberHint);
    form->addRow(buddyLabel(tr("&Phone number id:"), m_phoneNumberId, content), phoneBox);

    m_waRecipient = new PhoneField(content);
    m_waRecipient->setObjectName(QStringLiteral("whatsappRecipientField"));
    m_waRecipient->lineEdit()->setObjectName(QStringLiteral("whatsappRecipient"));
    m_waRecipient->verdictLabel()->setObjectName(QStringLiteral("whatsappRecipientCheck"));
    m_waRecipient->setAccessibleBaseName(tr("WhatsApp recipient"));
    form->addRow(buddyLabel(tr("&Recipient:"), m_waRecipient->lineEdit(), content), m_waRecipient);

    auto *text = new QRadioButton(tr("&Text"), content);
    text->setObjectName(QStringLiteral("whatsappTypeText"));
    text->setToolTip(tr("Free-form text; only delivered within 24 hours of the user's last message"));
    auto *templ = new QRadioButton(tr("Te&mplate"), content);
    templ->setObjectName(QStringLiteral("whatsappTypeTemplate"));
    templ->setToolTip(tr("An approved template; needed to start a conversation"));
    m_waType = new QButtonGroup(this);
    m_waType->addButton(text, kTextPage);
    m_waType->addButton(templ, kTemplatePage);
    text->setChecked(true);
    auto *typeRow = row(content, { text, templ }, -1);
    static_cast<QHBoxLayout *>(typeRow->layout())->addStretch(1);
    auto *typeLabel = new QLabel(tr("Message type:"), content);
    form->addRow(typeLabel, typeRow);

    // Text
    auto *textPage = new QWidget(content);
    auto *textForm = new QFormLayout(textPage);
    textForm->setContentsMargins(0, 0, 0, 0);
    textForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_waBody = new QPlainTextEdit(textPage);
    m_waBody->setObjectName(QStringLiteral("whatsappBody"));
    m_waBody->setAccessibleName(tr("WhatsApp message text"));
    m_waBody->setPlaceholderText(tr("Hello from Crossline!"));
    m_waBody->setTabChangesFocus(true);
    m_waBody->setMinimumHeight(m_waBody->fontMetrics().lineSpacing() * 5);
    m_waCounter = new QLabel(textPage);
    m_waCounter->setObjectName(QStringLiteral("whatsappCounter"));
    m_waCounter->setAccessibleName(tr("Characters used"));
    m_waPreviewUrl = new QCheckBox(tr("Show a &link preview"), textPage);
    m_waPreviewUrl->setObjectName(QStringLiteral("whatsappPreviewUrl"));
    m_waPreviewUrl->setToolTip(tr("Ask WhatsApp to render a preview of the first URL in the text (preview_url)"));
    auto *counterRow = row(textPage, { m_waPreviewUrl, m_waCounter }, 0);
    textForm->addRow(buddyLabel(tr("Messa&ge:"), m_waBody, textPage), m_waBody);
    textForm->addRow(QString(), counterRow);

    // Template
    auto *templatePage = new QWidget(content);
    auto *templateForm = new QFormLayout(templatePage);
    templateForm->setContentsMargins(0, 0, 0, 0);
    templateForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_templateCombo = new QComboBox(templatePage);
    m_templateCombo->setObjectName(QStringLiteral("templateCombo"));
    m_templateCombo->setAccessibleName(tr("Approved templates"));
    m_templateCombo->setToolTip(tr("The WABA's approved templates; load them with the WABA id"));
    m_templateCombo->addItem(tr("No templates loaded — enter the WABA id and press Load"));
    m_templateName = new QLineEdit(templatePage);
    m_templateName->setObjectName(QStringLiteral("templateName"));
    m_templateName->setAccessibleName(tr("Template name"));
    m_templateName->setPlaceholderText(QStringLiteral("hello_world"));
    m_templateLanguage = new QLineEdit(templatePage);
    m_templateLanguage->setObjectName(QStringLiteral("templateLanguage"));
    m_templateLanguage->setAccessibleName(tr("Template language code"));
    m_templateLanguage->setPlaceholderText(QStringLiteral("en_US"));
    m_templateLanguage->setToolTip(tr("Must match the approved template exactly: en_US is not en"));
    m_templateLanguage->setMaximumWidth(
        m_templateLanguage->fontMetrics().horizontalAdvance(QStringLiteral("en_US_XXXX")) * 2);
    auto *languageLabel = buddyLabel(tr("&Language:"), m_templateLanguage, templatePage);
    m_templateParams = new TemplateParameterForm(templatePage);
    m_templateParams->setObjectName(QStringLiteral("templateParameters"));
    templateForm->addRow(buddyLabel(tr("T&emplate:"), m_templateCombo, templatePage), m_templateCombo);
    templateForm->addRow(buddyLabel(tr("&Name:"), m_templateName, templatePage),
        row(templatePage, { m_templateName, languageLabel, m_templateLanguage }, 0));
    templateForm->addRow(m_templateParams);

    m_waTypeStack = new QStackedWidget(content);
    m_waTypeStack->addWidget(textPage);
    m_waTypeStack->addWidget(templatePage);
    form->addRow(m_waTypeStack);

    setTabOrder(m_waIntegration, m_wabaId);
    setTabOrder(m_wabaId, m_wabaLoad);
    setTabOrder(m_wabaLoad, m_phoneNumberId);
    setTabOrder(m_phoneNumberId, m_waRecipient->countryCombo());
    setTabOrder(m_waRecipient->countryCombo(), m_waRecipient->lineEdit());
    setTabOrder(m_waRecipient->lineEdit(), text);
    setTabOrder(text, templ);
    setTabOrder(templ, m_waBody);
    setTabOrder(m_waBody, m_waPreviewUrl);
    setTabOrder(m_waPreviewUrl, m_templateCombo);
    setTabOrder(m_templateCombo, m_templateName);
    setTabOrder(m_templateName, m_templateLanguage);

    const auto changed = [this] {
        revalidate();
        updatePreview();
        scheduleDraftSave();
    };
    connect(m_waConnection, &QComboBox::currentIndexChanged, this, [this] { applyConnection(WhatsApp); });
    connect(m_waConnection, &QComboBox::editTextChanged, this, [this, changed](const QString &text) {
        const int index = m_waConnection->findText(text.trimmed());
        if (index >= 0 && m_waIntegration->text().isEmpty())
            m_waIntegration->setText(
                m_waConnection->itemData(index).toJsonObject().value(QLatin1String("provider_config_key")).toString());
        changed();
    });
    connect(m_waIntegration, &QLineEdit::textChanged, this, changed);
    connect(m_wabaId, &QLineEdit::textChanged, this, changed);
    connect(m_phoneNumberId, &QComboBox::editTextChanged, this, [this, changed] {
        updatePhoneNumberHint();
        changed();
    });
    connect(m_waRecipient, &PhoneField::changed, this, changed);
    connect(m_waType, &QButtonGroup::idToggled, this, [this, changed](int id, bool on) {
        if (!on)
            return;
        m_waTypeStack->setCurrentIndex(id);
        changed();
    });
    connect(m_waBody, &QPlainTextEdit::textChanged, this, [this, changed] {
        updateTextCounter();
        changed();
    });
    connect(m_waPreviewUrl, &QCheckBox::toggled, this, changed);
    connect(m_templateCombo, &QComboBox::activated, this, &ComposerPage::templatePicked);
    connect(m_templateName, &QLineEdit::textEdited, this, &ComposerPage::updateTemplateFromFields);
    connect(m_templateLanguage, &QLineEdit::textEdited, this, &ComposerPage::updateTemplateFromFields);
    connect(m_templateName, &QLineEdit::textChanged, this, changed);
    connect(m_templateLanguage, &QLineEdit::textChanged, this, changed);
    connect(m_templateParams, &TemplateParameterForm::changed, this, changed);
    return scrollable(content, this);
}

QWidget *ComposerPage::buildSmsTab()
{
    auto *content = new QWidget(this);
    auto *form = new QFormLayout(content);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    addConnectionRows(form, content, QStringLiteral("sms"), tr("Twilio"), tr("the Twilio credentials"),
                      QStringLiteral("twilio"), &m_smsConnection, &m_smsIntegration);

    m_senderKind = new QComboBox(content);
    m_senderKind->setObjectName(QStringLiteral("smsSenderKind"));
    m_senderKind->setAccessibleName(tr("Sender kind"));
    m_senderKind->addItem(tr("From number"), QStringLiteral("from"));
    m_senderKind->addItem(tr("Messaging Service SID"), QStringLiteral("messagingServiceSid"));
    m_sender = new QLineEdit(content);
    m_sender->setObjectName(QStringLiteral("smsSender"));
    m_sender->setAccessibleName(tr("Sender"));
    m_sender->setPlaceholderText(tr("+15005550006, a short code or an alphanumeric id"));
    form->addRow(buddyLabel(tr("&From:"), m_sender, content), row(content, { m_senderKind, m_sender }, 1));

    m_accountSid = new QLineEdit(content);
    m_accountSid->setObjectName(QStringLiteral("smsAccountSid"));
    m_accountSid->setAccessibleName(tr("Twilio Account SID"));
    m_accountSid->setPlaceholderText(tr("Optional — looked up through the connection"));
    m_accountSid->setToolTip(
        tr("AC… — when empty, Crossline asks Twilio through Nango, so the token never leaves Nango"));
    m_accountLookup = new QPushButton(tr("Look up"), content);
    m_accountLookup->setObjectName(QStringLiteral("smsAccountLookup"));
    m_accountLookup->setAccessibleName(tr("Look up the Account SID"));
    m_accountLookup->setToolTip(tr("Ask Twilio for the connection's Account SID (Ctrl+Shift+L)"));
    connect(m_accountLookup, &QPushButton::clicked, this, &ComposerPage::lookupAccountSid);
    form->addRow(
        buddyLabel(tr("&Account SID:"), m_accountSid, content), row(content, { m_accountSid, m_accountLookup }));

    m_smsRecipient = new PhoneField(content);
    m_smsRecipient->setObjectName(QStringLiteral("smsRecipientField"));
    m_smsRecipient->lineEdit()->setObjectName(QStringLiteral("smsRecipient"));
    m_smsRecipient->verdictLabel()->setObjectName(QStringLiteral("smsRecipientCheck"));
    m_smsRecipient->setAccessibleBaseName(tr("SMS recipient"));
    form->addRow(buddyLabel(tr("&Recipient:"), m_smsRecipient->lineEdit(), content), m_smsRecipient);

    m_smsBody = new QPlainTextEdit(content);
    m_smsBody->setObjectName(QStringLiteral("smsBody"));
    m_smsBody->setAccessibleName(tr("SMS text"));
    m_smsBody->setPlaceholderText(tr("Hello via Twilio!"));
    m_smsBody->setTabChangesFocus(true);
    m_smsBody->setMinimumHeight(m_smsBody->fontMetrics().lineSpacing() * 5);
    form->addRow(buddyLabel(tr("Messa&ge:"), m_smsBody, content), m_smsBody);
    m_smsCounter = new QLabel(content);
    m_smsCounter->setObjectName(QStringLiteral("smsCounter"));
    m_smsCounter->setAccessibleName(tr("Encoding and segments"));
    m_smsBudget = new QLabel(content);
    m_smsBudget->setObjectName(QStringLiteral("smsBudget"));
    m_smsBudget->setAccessibleName(tr("Characters used of 1600"));
    m_smsBudget->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(QString(), row(content, { m_smsCounter, m_smsBudget }, 0));
    m_smsNote = new QLabel(content);
    m_smsNote->setObjectName(QStringLiteral("smsNote"));
    m_smsNote->setAccessibleName(tr("Encoding note"));
    m_smsNote->setWordWrap(true);
    setMuted(m_smsNote);
    form->addRow(QString(), m_smsNote);

    setTabOrder(m_smsIntegration, m_senderKind);
    setTabOrder(m_senderKind, m_sender);
    setTabOrder(m_sender, m_accountSid);
    setTabOrder(m_accountSid, m_accountLookup);
    setTabOrder(m_accountLookup, m_smsRecipient->countryCombo());
    setTabOrder(m_smsRecipient->countryCombo(), m_smsRecipient->lineEdit());
    setTabOrder(m_smsRecipient->lineEdit(), m_smsBody);

    const auto changed = [this] {
        revalidate();
        updatePreview();
        scheduleDraftSave();
    };
    connect(m_smsConnection, &QComboBox::currentIndexChanged, this, [this] { applyConnection(Sms); });
    connect(m_smsConnection, &QComboBox::editTextChanged, this, [this, changed](const QString &text) {
        const int index = m_smsConnection->findText(text.trimmed());
        if (index >= 0 && m_smsIntegration->text().isEmpty())
            m_smsIntegration->setText(
                m_smsConnection->itemData(index).toJsonObject().value(QLatin1String("provider_config_key")).toString());
        changed();
    });
    connect(m_smsIntegration, &QLineEdit::textChanged, this, changed);
    connect(m_senderKind, &QComboBox::currentIndexChanged, this, [this, changed] {
        const bool service = m_senderKind->currentData().toString() == QLatin1String("messagingServiceSid");
        m_sender->setPlaceholderText(
            service ? tr("MG followed by 32 hex digits") : tr("+15005550006, a short code or an alphanumeric id"));
        changed();
    });
    connect(m_sender, &QLineEdit::textChanged, this, changed);
    connect(m_accountSid, &QLineEdit::textChanged, this, changed);
    connect(m_smsRecipient, &PhoneField::changed, this, changed);
    connect(m_smsBody, &QPlainTextEdit::textChanged, this, [this, changed] {
        updateSmsCounter();
        changed();
    });
    return scrollable(content, this);
}

QWidget *ComposerPage::buildPreviewPanel()
{
    auto *content = new QWidget(this);
    auto *column = new QVBoxLayout(content);
    const int em = fontMetrics().height();

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

    auto *resultBox = new QGroupBox(tr("Result"), content);
    auto *resultLayout = new QVBoxLayout(resultBox);
    m_result = new QLabel(tr("Nothing sent yet."), resultBox);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setAccessibleName(tr("Send result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Ids are long and unbreakable (wamid.HBgL…): a read-only line scrolls where a label would push the panel wide.
    m_messageId = new QLineEdit(resultBox);
    m_messageId->setObjectName(QStringLiteral("messageId"));
    m_messageId->setAccessibleName(tr("Message id"));
    m_messageId->setReadOnly(true);
    m_messageId->setFrame(false);
    m_messageId->setBackgroundRole(QPalette::Window);
    m_messageId->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copyId = new QToolButton(resultBox);
    m_copyId->setObjectName(QStringLiteral("copyMessageId"));
    m_copyId->setText(tr("Copy"));
    m_copyId->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_copyId->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copyId->setToolTip(tr("Copy the message id (Ctrl+Shift+C)"));
    m_copyId->setAccessibleName(tr("Copy the message id"));
    connect(m_copyId, &QToolButton::clicked, this, [this] {
        if (m_lastMessageId.isEmpty())
            return;
        QApplication::clipboard()->setText(m_lastMessageId);
        Q_EMIT statusMessage(tr("Copied %1").arg(m_lastMessageId));
    });
    m_idRow = new QWidget(resultBox);
    auto *idLayout = new QHBoxLayout(m_idRow);
    idLayout->setContentsMargins(0, 0, 0, 0);
    auto *idCaption = buddyLabel(tr("Message id:"), m_messageId, m_idRow);
    idLayout->addWidget(idCaption);
    idLayout->addWidget(m_messageId, 1);
    idLayout->addWidget(m_copyId);
    m_idRow->hide();
    m_resultHint = new QLabel(resultBox);
    m_resultHint->setObjectName(QStringLiteral("resultHint"));
    m_resultHint->setAccessibleName(tr("What to do"));
    m_resultHint->setWordWrap(true);
    m_resultHint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_resultHint->hide();
    resultLayout->addWidget(m_result);
    resultLayout->addWidget(m_idRow);
    resultLayout->addWidget(m_resultHint);

    m_trackRow = new QWidget(resultBox);
    auto *track = new QGridLayout(m_trackRow);
    track->setContentsMargins(0, em / 3, 0, 0);
    m_trackStatus = new QLabel(m_trackRow);
    m_trackStatus->setObjectName(QStringLiteral("trackStatus"));
    m_trackStatus->setAccessibleName(tr("Delivery status"));
    m_trackStatus->setWordWrap(true);
    m_trackStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_track = new QPushButton(tr("&Track status"), m_trackRow);
    m_track->setObjectName(QStringLiteral("trackButton"));
    m_track->setAccessibleName(tr("Track delivery status"));
    m_track->setToolTip(
        tr("Ask Twilio for the status every 2 seconds until it is final, for up to 2 minutes (Ctrl+T)"));
    m_stop = new QPushButton(tr("Stop"), m_trackRow);
    m_stop->setObjectName(QStringLiteral("stopTrackingButton"));
    m_stop->setAccessibleName(tr("Stop tracking"));
    m_stop->setToolTip(tr("Stop asking for the status (Esc)"));
    m_trackProgress = new QProgressBar(m_trackRow);
    m_trackProgress->setObjectName(QStringLiteral("trackProgress"));
    m_trackProgress->setAccessibleName(tr("Time tracked"));
    m_trackProgress->setTextVisible(false);
    m_trackProgress->setMaximumHeight(em / 2);
    m_trackProgress->hide();
    auto *statusCaption = buddyLabel(tr("Delivery:"), m_track, m_trackRow);
    auto *trackButtons = new QHBoxLayout;
    trackButtons->addWidget(m_trackProgress, 1);
    trackButtons->addStretch(0);
    trackButtons->addWidget(m_track);
    trackButtons->addWidget(m_stop);
    track->addWidget(statusCaption, 0, 0, Qt::AlignTop);
    track->addWidget(m_trackStatus, 0, 1);
    track->addLayout(trackButtons, 1, 0, 1, 2);
    track->setColumnStretch(1, 1);
    m_track->setEnabled(false);
    m_stop->setEnabled(false);
    m_trackRow->hide();
    connect(m_track, &QPushButton::clicked, this, &ComposerPage::trackStatus);
    connect(m_stop, &QPushButton::clicked, this, &ComposerPage::stopTracking);
    resultLayout->addWidget(m_trackRow);
    column->addWidget(resultBox);

    auto *outboxBox = new QGroupBox(tr("Outbox"), content);
    auto *outboxLayout = new QVBoxLayout(outboxBox);
    m_outboxTitle = new QLabel(outboxBox);
    m_outboxTitle->setObjectName(QStringLiteral("outboxTitle"));
    m_outboxTitle->setWordWrap(true);
    setMuted(m_outboxTitle);
    m_outbox = new QListWidget(outboxBox);
    m_outbox->setObjectName(QStringLiteral("outboxList"));
    m_outbox->setAccessibleName(tr("Failed sends"));
    m_outbox->setWordWrap(true);
    m_outbox->setTextElideMode(Qt::ElideRight);
    m_outbox->setMinimumHeight(em * 4);
    m_outbox->setMaximumHeight(em * 9);
    m_retry = new QPushButton(tr("&Retry"), outboxBox);
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_retry->setToolTip(tr("Send the selected message again (Ctrl+R)"));
    m_discard = new QPushButton(tr("&Discard"), outboxBox);
    m_discard->setObjectName(QStringLiteral("outboxDiscard"));
    m_discard->setToolTip(tr("Remove the selected message from the outbox (Del)"));
    auto *outboxButtons = new QHBoxLayout;
    outboxButtons->addStretch(1);
    outboxButtons->addWidget(m_retry);
    outboxButtons->addWidget(m_discard);
    outboxLayout->addWidget(m_outboxTitle);
    outboxLayout->addWidget(m_outbox, 1);
    outboxLayout->addLayout(outboxButtons);
    connect(m_retry, &QPushButton::clicked, this, &ComposerPage::retryOutboxItem);
    connect(m_discard, &QPushButton::clicked, this, &ComposerPage::discardOutboxItem);
    connect(m_outbox, &QListWidget::itemDoubleClicked, this, &ComposerPage::retryOutboxItem);
    connect(m_outbox, &QListWidget::currentRowChanged, this, [this](int row) {
        m_retry->setEnabled(row >= 0);
        m_discard->setEnabled(row >= 0);
    });
    auto *discardKey = new QShortcut(QKeySequence::Delete, m_outbox, nullptr, nullptr, Qt::WidgetShortcut);
    connect(discardKey, &QShortcut::activated, this, &ComposerPage::discardOutboxItem);
    column->addWidget(outboxBox);
    column->addStretch(1);

    return scrollable(content, this);
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
            lookupAccountSid();
    });
    add(QKeySequence(Qt::CTRL | Qt::Key_T), [this] {
        if (m_track->isEnabled())
            trackStatus();
    });
    // Esc belongs to the page only while it tracks a status; otherwise it stays free for dialogs and popups.
    m_stopShortcut
        = new QShortcut(QKeySequence(Qt::Key_Escape), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    m_stopShortcut->setEnabled(false);
    connect(m_stopShortcut, &QShortcut::activated, this, &ComposerPage::stopTracking);
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] { m_copyId->click(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_R), [this] {
        if (m_retry->isEnabled())
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

void ComposerPage::setStatusPollInterval(int ms)
{
    m_pollTimer->setInterval(ms);
}

void ComposerPage::setStatusPollTimeout(int ms)
{
    m_pollTimeoutMs = ms;
}

void ComposerPage::setDraftSaveDelay(int ms)
{
    m_draftTimer->setInterval(ms);
}

void ComposerPage::ensureHistory()
{
    if (m_history)
        return;
    // The app's one database (Workspace opens it at start); a store of our own only when that one failed to open.
    if (HistoryStore *shared = m_workspace->history(); shared && shared->isOpen()) {
        m_history = shared;
        connect(m_history, &HistoryStore::outboxChanged, this, &ComposerPage::refreshOutbox);
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
    connect(m_history, &HistoryStore::outboxChanged, this, &ComposerPage::refreshOutbox);
}

void ComposerPage::setHistoryStore(HistoryStore *store)
{
    if (store == m_history)
        return;
    if (m_history)
        m_history->disconnect(this);
    m_history = store;
    if (m_ownHistory && m_ownHistory != store) {
        delete m_ownHistory;
        m_ownHistory = nullptr;
    }
    if (m_history) {
        connect(m_history, &HistoryStore::outboxChanged, this, &ComposerPage::refreshOutbox);
        restoreDrafts();
    }
    refreshOutbox();
}

// ---- connections and the WABA -----------------------------------------------------------------------------------

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
        fillConnectionCombo(m_waConnection, m_connections, WhatsApp);
        fillConnectionCombo(m_smsConnection, m_connections, Sms);
        if (!m_pendingPrefill.isEmpty()) {
            const QJsonObject pending = m_pendingPrefill;
            m_pendingPrefill = {};
            prefill(pending);
        }
    });
}

void ComposerPage::fillConnectionCombo(QComboBox *combo, const QJsonArray &connections, Channel channel)
{
    QSignalBlocker blocker(combo);
    const QString current = combo->currentText();
    combo->clear();
    for (const QJsonValue &v : connections) {
        const QJsonObject c = v.toObject();
        if (channel == WhatsApp ? !isWhatsAppConnection(c) : !isTwilioConnection(c))
            continue;
        combo->addItem(c.value(QLatin1String("connection_id")).toString(), c);
        QString tip = tr("Integration %1 · provider %2")
                          .arg(c.value(QLatin1String("provider_config_key")).toString(),
                              c.value(QLatin1String("provider")).toString());
        if (!c.value(QLatin1String("errors")).toArray().isEmpty())
            tip += QLatin1Char('\n') + tr("⚠ Nango reports errors for this connection (e.g. an expired token)");
        combo->setItemData(combo->count() - 1, tip, Qt::ToolTipRole);
    }
    const int index = combo->findText(current);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(current);
    // Nothing chosen yet: take the first healthy connection (Nango lists no errors for it), as a person would.
    if (current.isEmpty() && combo->count() > 0) {
        int healthy = 0;
        for (int i = 0; i < combo->count(); ++i) {
            if (combo->itemData(i).toJsonObject().value(QLatin1String("errors")).toArray().isEmpty()) {
                healthy = i;
                break;
            }
        }
        combo->setCurrentIndex(healthy);
        blocker.unblock();
        applyConnection(channel);
    }
}

void ComposerPage::applyConnection(Channel channel)
{
    QComboBox *combo = channel == WhatsApp ? m_waConnection : m_smsConnection;
    QLineEdit *integration = channel == WhatsApp ? m_waIntegration : m_smsIntegration;
    const QJsonObject c = combo->currentData().toJsonObject();
    if (c.isEmpty() || combo->currentText() != c.value(QLatin1String("connection_id")).toString())
        return;
    integration->setText(c.value(QLatin1String("provider_config_key")).toString());
    if (channel != WhatsApp)
        return;
    const QJsonObject metadata = c.value(QLatin1String("metadata")).toObject();
    const QString phoneId = metadataValue(metadata, { "phone_number_id", "phoneNumberId", "phone_id" });
    const QString waba
        = metadataValue(metadata, { "waba_id", "wabaId", "whatsapp_business_account_id", "business_account_id" });
    if (!phoneId.isEmpty()) {
        const int index = m_phoneNumberId->findText(phoneId);
        if (index >= 0)
            m_phoneNumberId->setCurrentIndex(index);
        m_phoneNumberId->setEditText(phoneId);
    }
    if (!waba.isEmpty() && m_wabaId->text().trimmed() != waba)
        m_wabaId->setText(waba);
    // The connection names its WABA: list its numbers and templates right away (two GETs).
    if (!waba.isEmpty() && m_wabaStatus->property("loadedWaba").toString() != waba)
        loadWaba();
}

void ComposerPage::prefill(const QJsonObject &connection)
{
    const QString id = connection.value(QLatin1String("connection_id")).toString();
    if (id.isEmpty())
        return;
    const Channel ch = isTwilioConnection(connection) ? Sms : WhatsApp;
    setChannel(ch);
    QComboBox *combo = ch == WhatsApp ? m_waConnection : m_smsConnection;
    int index = combo->findText(id);
    if (index < 0) {
        combo->addItem(id, connection);
        index = combo->count() - 1;
    } else {
        combo->setItemData(index, connection);
    }
    {
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(index);
        combo->setEditText(id);
    }
    applyConnection(ch);
    revalidate();
    updatePreview();
    scheduleDraftSave();
    if (!m_connectionsLoaded)
        m_pendingPrefill = connection;
    (ch == WhatsApp ? m_waRecipient : m_smsRecipient)->lineEdit()->setFocus(Qt::OtherFocusReason);
    Q_EMIT statusMessage(tr("Composer: sending through %1").arg(id));
}

void ComposerPage::loadWaba()
{
    const QString waba = m_wabaId->text().trimmed();
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (!digits.match(waba).hasMatch()) {
        m_wabaStatus->setText(
            waba.isEmpty() ? tr("✗ Enter the WhatsApp Business Account id first.") : tr("✗ A WABA id is all digits."));
        m_wabaId->setFocus(Qt::OtherFocusReason);
        return;
    }
    const QString connectionId = m_waConnection->currentText().trimmed();
    const QString integration = m_waIntegration->text().trimmed();
    if (connectionId.isEmpty() || integration.isEmpty()) {
        m_wabaStatus->setText(tr("✗ Choose the connection (and its integration) first: the lists come through it."));
        return;
    }
    ClientSet *clients = m_workspace->clients();
    if (!clients)
        return;
    m_wabaLoad->setEnabled(false);
    m_wabaStatus->setText(tr("Loading phone numbers and templates…"));
    m_wabaStatus->setProperty("loadedWaba", waba);

    auto proxyGet = [clients, connectionId, integration](const QByteArray &endpoint) {
        ProxyRequest p;
        p.endpoint = endpoint;
        p.providerConfigKey = integration;
        p.connectionId = connectionId;
        p.baseUrlOverride = graphBase();
        return clients->nango()->proxy(p);
    };
    const QByteArray prefix = '/' + apiVersion().toUtf8() + '/' + UrlBuilder::segment(waba);
    struct Load
    {
        int pending = 2;
        QJsonArray numbers, templates;
        QStringList errors;
    };
    auto load = std::make_shared<Load>();
    auto done = [this, load, waba] {
        if (--load->pending > 0)
            return;
        m_wabaLoad->setEnabled(true);
        if (m_wabaId->text().trimmed() != waba)
            return; // the user moved on to another WABA
        fillPhoneNumbers(load->numbers);
        fillTemplates(load->templates);
        // Spelled out rather than %n: without a loaded translation tr() would show "template(s)".
        const int phones = int(m_phoneNumbers.size()), templates = int(m_templates.size());
        QString text = (phones == 1 ? tr("1 phone number") : tr("%1 phone numbers").arg(phones)) + QStringLiteral(" · ")
            + (templates == 1 ? tr("1 approved template") : tr("%1 approved templates").arg(templates));
        if (!load->errors.isEmpty())
            text = QStringLiteral("✗ ") + load->errors.join(QLatin1Char('\n'));
        m_wabaStatus->setText(text);
        if (!load->errors.isEmpty())
            m_wabaStatus->setProperty("loadedWaba", QString());
        Q_EMIT statusMessage(tr("WABA %1: %2").arg(waba, text));
    };

    Job *numbers = proxyGet(prefix
        + "/phone_numbers?fields=id,display_phone_number,verified_name,status,quality_rating,account_mode&limit=100");
    connect(numbers, &Job::finished, this, [load, done](const Result &r) {
        if (r.ok())
            load->numbers = r.data.toObject().value(QLatin1String("data")).toArray();
        else
            load->errors << tr("Phone numbers: %1").arg(r.error.summary());
        done();
    });

    // Templates come in pages (Graph cursors, messaging.md §1.7); follow `after` while Meta says there is a next.
    auto fetchTemplates = std::make_shared<std::function<void(const QByteArray &)>>();
    *fetchTemplates = [this, proxyGet, prefix, load, done, fetchTemplates](const QByteArray &after) {
        QByteArray endpoint
            = prefix + "/message_templates?fields=name,language,status,category,parameter_format,components&limit=100";
        if (!after.isEmpty())
            endpoint += "&after=" + QUrl::toPercentEncoding(QString::fromLatin1(after));
        Job *job = proxyGet(endpoint);
        connect(job, &Job::finished, this, [load, done, fetchTemplates](const Result &r) {
            if (!r.ok()) {
                load->errors << tr("Templates: %1").arg(r.error.summary());
                *fetchTemplates = nullptr;
                done();
                return;
            }
            const QJsonObject page = r.data.toObject();
            for (const QJsonValue &t : page.value(QLatin1String("data")).toArray())
                load->templates.append(t);
            const QJsonObject paging = page.value(QLatin1String("paging")).toObject();
            const QString next
                = paging.value(QLatin1String("cursors")).toObject().value(QLatin1String("after")).toString();
            if (paging.contains(QLatin1String("next")) && !next.isEmpty() && load->templates.size() < 2000) {
                (*fetchTemplates)(next.toLatin1());
                return;
            }
            *fetchTemplates = nullptr; // breaks the self-reference
            done();
        });
    };
    (*fetchTemplates)(QByteArray());
}

void ComposerPage::fillPhoneNumbers(const QJsonArray &numbers)
{
    m_phoneNumbers = numbers;
    const QSignalBlocker blocker(m_phoneNumberId);
    const QString current = m_phoneNumberId->currentText();
    m_phoneNumberId->clear();
    for (const QJsonValue &v : numbers) {
        const QJsonObject n = v.toObject();
        m_phoneNumberId->addItem(n.value(QLatin1String("id")).toString(), n);
        m_phoneNumberId->setItemData(m_phoneNumberId->count() - 1,
            tr("%1 · %2 · %3")
                .arg(n.value(QLatin1String("display_phone_number")).toString(),
                    n.value(QLatin1String("verified_name")).toString(),
                    n.value(QLatin1String("account_mode")).toString()),
            Qt::ToolTipRole);
    }
    const int index = m_phoneNumberId->findText(current);
    if (index >= 0)
        m_phoneNumberId->setCurrentIndex(index);
    else if (!current.isEmpty() || m_phoneNumberId->count() == 0)
        m_phoneNumberId->setEditText(current);
    updatePhoneNumberHint();
    revalidate();
    scheduleDraftSave();
}

void ComposerPage::updatePhoneNumberHint()
{
    const QString id = m_phoneNumberId->currentText().trimmed();
    QJsonObject found;
    for (const QJsonValue &v : std::as_const(m_phoneNumbers)) {
        if (v.toObject().value(QLatin1String("id")).toString() == id)
            found = v.toObject();
    }
    if (found.isEmpty()) {
        m_phoneNumberHint->setText(!id.isEmpty() && !m_phoneNumbers.isEmpty()
                ? tr("Not one of the WABA's numbers — it will be sent as typed.")
                : QString());
        m_phoneNumberHint->setVisible(!m_phoneNumberHint->text().isEmpty());
        return;
    }
    QString text = tr("%1 · %2").arg(found.value(QLatin1String("display_phone_number")).toString(),
        found.value(QLatin1String("verified_name")).toString());
    // account_mode SANDBOX marks Meta's test numbers: only allowed recipients (messaging.md §1.7, error 131030).
    if (found.value(QLatin1String("account_mode")).toString() == QLatin1String("SANDBOX"))
        text += QLatin1Char('\n')
            + tr("⚠ Test number: it only sends to the recipients allowed in the Meta App "
                 "Dashboard (error 131030 otherwise).");
    else if (!found.value(QLatin1String("quality_rating")).toString().isEmpty())
        text += tr(" · quality %1").arg(found.value(QLatin1String("quality_rating")).toString());
    m_phoneNumberHint->setText(text);
    m_phoneNumberHint->setVisible(true);
}

void ComposerPage::fillTemplates(const QJsonArray &templates)
{
    QList<QJsonObject> approved;
    for (const QJsonValue &v : templates) {
        // Only approved templates can be sent (messaging.md §1.7).
        if (v.toObject()
                .value(QLatin1String("status"))
                .toString()
                .compare(QLatin1String("APPROVED"), Qt::CaseInsensitive)
            == 0)
            approved.append(v.toObject());
    }
    std::sort(approved.begin(), approved.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QString an = a.value(QLatin1String("name")).toString(), bn = b.value(QLatin1String("name")).toString();
        return an != bn ? an < bn
                        : a.value(QLatin1String("language")).toString() < b.value(QLatin1String("language")).toString();
    });
    m_templates = QJsonArray();
    for (const QJsonObject &t : approved)
        m_templates.append(t);

    const QSignalBlocker blocker(m_templateCombo);
    m_templateCombo->clear();
    m_templateCombo->addItem(
        m_templates.isEmpty() ? tr("The WABA has no approved templates") : tr("Choose a template…"), -1);
    for (int i = 0; i < m_templates.size(); ++i) {
        const QJsonObject t = m_templates.at(i).toObject();
        m_templateCombo->addItem(
            tr("%1 · %2").arg(t.value(QLatin1String("name")).toString(), t.value(QLatin1String("language")).toString()),
            i);
        m_templateCombo->setItemData(i + 1, t.value(QLatin1String("category")).toString(), Qt::ToolTipRole);
    }
    updateTemplateFromFields();
}

void ComposerPage::templatePicked(int index)
{
    const int i = m_templateCombo->itemData(index).toInt();
    if (i < 0 || i >= m_templates.size())
        return;
    const QJsonObject t = m_templates.at(i).toObject();
    m_templateName->setText(t.value(QLatin1String("name")).toString());
    m_templateLanguage->setText(t.value(QLatin1String("language")).toString());
    m_templateParams->setTemplate(t);
    if (QLineEdit *first = m_templateParams->firstMissingEdit())
        first->setFocus(Qt::OtherFocusReason);
}

void ComposerPage::updateTemplateFromFields()
{
    const QString name = m_templateName->text().trimmed();
    const QString language = m_templateLanguage->text().trimmed();
    for (int i = 0; i < m_templates.size(); ++i) {
        const QJsonObject t = m_templates.at(i).toObject();
        if (t.value(QLatin1String("name")).toString() == name
            && t.value(QLatin1String("language")).toString() == language) {
            const QSignalBlocker blocker(m_templateCombo);
            m_templateCombo->setCurrentIndex(i + 1);
            if (m_templateParams->property("templateKey").toString() != name + QLatin1Char('/') + language) {
                const QJsonObject pending = m_templateParams->property("pendingValues").toJsonObject();
                m_templateParams->setTemplate(t);
                m_templateParams->setValues(pending);
                m_templateParams->setProperty("pendingValues", QJsonObject());
                m_templateParams->setProperty("templateKey", QString(name + QLatin1Char('/') + language));
            }
            return;
        }
    }
    const QSignalBlocker blocker(m_templateCombo);
    m_templateCombo->setCurrentIndex(0);
    if (m_templateParams->hasTemplate()) {
        m_templateParams->setTemplate({});
        m_templateParams->setProperty("templateKey", QString());
    }
}

// ---- validation and preview -------------------------------------------------------------------------------------

QString ComposerPage::describeError(const Error &error, Channel channel) const
{
    // The builders name seed fields ("data.to"); the person sees the form's labels.
    static const QList<QPair<QString, const char *>> labels = {
        { QStringLiteral("data.providerConfigKey"), QT_TR_NOOP("Integration") },
        { QStringLiteral("data.connectionId"), QT_TR_NOOP("Connection") },
        { QStringLiteral("data.phoneNumberId"), QT_TR_NOOP("Phone number id") },
        { QStringLiteral("data.to"), QT_TR_NOOP("Recipient") },
        { QStringLiteral("data.body"), QT_TR_NOOP("Message") },
        { QStringLiteral("data.template.name"), QT_TR_NOOP("Template name") },
        { QStringLiteral("data.template.language.code"), QT_TR_NOOP("Language") },
        { QStringLiteral("data.template.language"), QT_TR_NOOP("Language") },
        { QStringLiteral("data.template.components"), QT_TR_NOOP("Template parameters") },
        { QStringLiteral("data.from"), QT_TR_NOOP("From") },
        { QStringLiteral("data.messagingServiceSid"), QT_TR_NOOP("Messaging Service SID") },
        { QStringLiteral("data.accountSid"), QT_TR_NOOP("Account SID") },
    };
    Q_UNUSED(channel);
    QString message = error.message;
    QString label;
    for (const auto &[path, text] : labels) {
        if (error.field == path || error.field.startsWith(path + QLatin1Char('.'))) {
            label = tr(text);
            break;
        }
    }
    if (label.isEmpty())
        return error.message;
    // Longest paths first so "data.template.language.code" is not half-replaced by "data.template.language".
    QList<QPair<QString, const char *>> sorted = labels;
    std::sort(
        sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
    bool replaced = false;
    for (const auto &[path, text] : sorted) {
        if (message.contains(path)) {
            message.replace(path, tr(text));
            replaced = true;
        }
    }
    if (!replaced)
        message = tr("%1: %2").arg(label, message);
    if (!error.hint.isEmpty())
        message += QLatin1Char(' ') + error.hint;
    return message;
}

ComposerPage::Built ComposerPage::buildWhatsApp() const
{
    Built b;
    const QString connectionId = m_waConnection->currentText().trimmed();
    const QString integration = m_waIntegration->text().trimmed();
    const QString phoneId = m_phoneNumberId->currentText().trimmed();
    const PhoneCheck &to = m_waRecipient->check();
    const bool isTemplate = m_waType->checkedId() == kTemplatePage;
    auto fail = [&b](QWidget *field, const QString &problem) {
        b.field = field;
        b.problem = problem;
        return b;
    };
    if (connectionId.isEmpty())
        return fail(m_waConnection, tr("Connection: choose a WhatsApp connection or type its id."));
    if (integration.isEmpty())
        return fail(m_waIntegration, tr("Integration: type the Nango integration key, e.g. whatsapp-business."));
    if (phoneId.isEmpty())
        return fail(m_phoneNumberId,
            tr("Phone number id: choose the sending number (Load lists the WABA's numbers) or type its id."));
    if (m_waRecipient->isEmpty())
        return fail(m_waRecipient->lineEdit(), tr("Recipient: type the number to send to, e.g. +15551234567."));
    if (!to.ok())
        return fail(m_waRecipient->lineEdit(), tr("Recipient: %1").arg(to.error.message));

    b.data = QJsonObject { { QStringLiteral("providerConfigKey"), integration },
        { QStringLiteral("connectionId"), connectionId }, { QStringLiteral("phoneNumberId"), phoneId },
        { QStringLiteral("to"), to.e164 } };
    if (isTemplate) {
        const QString name = m_templateName->text().trimmed();
        const QString language = m_templateLanguage->text().trimmed();
        if (name.isEmpty())
            return fail(m_templateName, tr("Template name: pick a loaded template or type its name."));
        if (language.isEmpty())
            return fail(m_templateLanguage, tr("Language: type the template's language code, e.g. en_US."));
        if (!m_templateParams->firstMissing().isEmpty())
            return fail(m_templateParams->firstMissingEdit(),
                tr("Template parameter %1: fill it in.").arg(m_templateParams->firstMissing()));
        if (QLineEdit *bad = m_templateParams->firstBadLinkEdit())
            return fail(bad,
                tr("Template parameter %1: give a full http(s) link, e.g. https://example.com/receipt.png.")
                    .arg(m_templateParams->labelOf(bad)));
        QJsonObject templ { { QStringLiteral("name"), name },
            { QStringLiteral("language"), QJsonObject { { QStringLiteral("code"), language } } } };
        const QJsonArray components = m_templateParams->components();
        if (!components.isEmpty())
            templ.insert(QStringLiteral("components"), components);
        b.data.insert(QStringLiteral("type"), QStringLiteral("template"));
        b.data.insert(QStringLiteral("template"), templ);
    } else {
        const QString body = m_waBody->toPlainText();
        if (body.trimmed().isEmpty())
            return fail(m_waBody, tr("Message: type the text to send."));
        if (body.size() > WhatsAppMessage::MaxTextLength)
            return fail(m_waBody,
                tr("Message: %1 characters; WhatsApp accepts at most %2.")
                    .arg(body.size())
                    .arg(WhatsAppMessage::MaxTextLength));
        b.data.insert(QStringLiteral("type"), QStringLiteral("text"));
        b.data.insert(QStringLiteral("body"), body);
        if (m_waPreviewUrl->isChecked())
            b.data.insert(QStringLiteral("previewUrl"), true);
    }
    const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(b.data);
    if (const Error error = parsed.error()) {
        const Error *e = &error;
        QWidget *field = nullptr;
        if (e->field.startsWith(QLatin1String("data.phoneNumberId")))
            field = m_phoneNumberId;
        else if (e->field.startsWith(QLatin1String("data.template.language")))
            field = m_templateLanguage;
        else if (e->field.startsWith(QLatin1String("data.template")))
            field = m_templateName;
        else if (e->field.startsWith(QLatin1String("data.body")))
            field = m_waBody;
        else if (e->field.startsWith(QLatin1String("data.to")))
            field = m_waRecipient->lineEdit();
        b.data = {};
        return fail(field, describeError(*e, WhatsApp));
    }
    return b;
}

ComposerPage::Built ComposerPage::buildSms() const
{
    Built b;
    const QString connectionId = m_smsConnection->currentText().trimmed();
    const QString integration = m_smsIntegration->text().trimmed();
    const QString sender = m_sender->text().trimmed();
    const bool service = m_senderKind->currentData().toString() == QLatin1String("messagingServiceSid");
    const PhoneCheck &to = m_smsRecipient->check();
    const QString body = m_smsBody->toPlainText();
    auto fail = [&b](QWidget *field, const QString &problem) {
        b.field = field;
        b.problem = problem;
        return b;
    };
    if (connectionId.isEmpty())
        return fail(m_smsConnection, tr("Connection: choose a Twilio connection or type its id."));
    if (integration.isEmpty())
        return fail(m_smsIntegration, tr("Integration: type the Nango integration key, e.g. twilio."));
    if (sender.isEmpty())
        return fail(m_sender,
            service ? tr("Messaging Service SID: type it (MG…) or switch to a From number.")
                    : tr("From: type the sending number, e.g. +15005550006."));
    if (m_smsRecipient->isEmpty())
        return fail(m_smsRecipient->lineEdit(), tr("Recipient: type the number to send to, e.g. +15551234567."));
    if (!to.ok())
        return fail(m_smsRecipient->lineEdit(), tr("Recipient: %1").arg(to.error.message));
    if (body.trimmed().isEmpty())
        return fail(m_smsBody, tr("Message: type the text to send."));
    if (body.size() > TwilioSms::MaxBodyLength)
        return fail(m_smsBody,
            tr("Message: %1 characters; Twilio accepts at most %2.").arg(body.size()).arg(TwilioSms::MaxBodyLength));

    b.data = QJsonObject { { QStringLiteral("providerConfigKey"), integration },
        { QStringLiteral("connectionId"), connectionId },
        { service ? QStringLiteral("messagingServiceSid") : QStringLiteral("from"), sender },
        { QStringLiteral("to"), to.e164 }, { QStringLiteral("body"), body } };
    if (!m_accountSid->text().trimmed().isEmpty())
        b.data.insert(QStringLiteral("accountSid"), m_accountSid->text().trimmed());
    const Expected<TwilioSms> parsed = TwilioSms::fromJson(b.data);
    if (const Error error = parsed.error()) {
        const Error *e = &error;
        QWidget *field = nullptr;
        if (e->field.startsWith(QLatin1String("data.from")) || e->field.startsWith(QLatin1String("data.messaging")))
            field = m_sender;
        else if (e->field.startsWith(QLatin1String("data.accountSid")))
            field = m_accountSid;
        else if (e->field.startsWith(QLatin1String("data.body")))
            field = m_smsBody;
        else if (e->field.startsWith(QLatin1String("data.to")))
            field = m_smsRecipient->lineEdit();
        b.data = {};
        return fail(field, describeError(*e, Sms));
    }
    return b;
}

QString ComposerPage::validationMessage() const
{
    return buildCurrent().problem;
}

void ComposerPage::revalidate()
{
    const Built b = buildCurrent();
    const bool ok = b.problem.isEmpty();
    // Stays enabled while a send runs (send() ignores it then): disabling the focused button would throw the
    // keyboard focus back to the first field of the page.
    m_send->setEnabled(ok);
    if (!ok) {
        m_validation->setText(QStringLiteral("✗ ") + b.problem);
        return;
    }
    // Things worth knowing that do not stop the send; the recipient's own warning is already shown under it.
    QStringList warnings;
    const PhoneCheck &to = (channel() == WhatsApp ? m_waRecipient : m_smsRecipient)->check();
    if (channel() == WhatsApp) {
        if (const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(b.data))
            warnings = parsed->warnings;
        if (m_waType->checkedId() == kTextPage)
            warnings << tr("Free-form text only arrives within 24 hours of the recipient's last message.");
    } else {
        if (const Expected<TwilioSms> parsed = TwilioSms::fromJson(b.data))
            warnings = parsed->warnings;
    }
    warnings.removeAll(to.warning);
    for (QString &w : warnings) {
        for (const char *path : { "data.body", "data.to", "data.accountSid", "data.from", "data.template.name" }) {
            Error e;
            e.field = QLatin1String(path);
            e.message = w;
            if (w.contains(QLatin1String(path)))
                w = describeError(e, channel());
        }
    }
    m_validation->setText(warnings.isEmpty()
            ? tr("Ready to send (Ctrl+Enter).")
            : tr("Ready to send (Ctrl+Enter). ⚠ %1").arg(warnings.join(QLatin1Char(' '))));
}

void ComposerPage::updateTextCounter()
{
    const qsizetype n = m_waBody->toPlainText().size();
    m_waCounter->setText(tr("%1/%2").arg(n).arg(WhatsAppMessage::MaxTextLength));
    QPalette p = palette();
    if (n > WhatsAppMessage::MaxTextLength)
        p.setColor(QPalette::WindowText,
            p.color(QPalette::Window).lightnessF() < 0.5 ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x23, 0x18));
    m_waCounter->setPalette(p);
}

void ComposerPage::updateSmsCounter()
{
    const QString text = m_smsBody->toPlainText();
    const SmsSegments s = SmsSegments::count(text);
    m_smsCounter->setText(s.summary());
    m_smsCounter->setToolTip(tr("Twilio bills per segment: %1 units fit one segment, %2 per segment when split")
                                 .arg(s.encoding == SmsSegments::Encoding::Gsm7 ? SmsSegments::Gsm7SingleUnits
                                                                                : SmsSegments::Ucs2SingleUnits)
                                 .arg(s.encoding == SmsSegments::Encoding::Gsm7 ? SmsSegments::Gsm7MultiUnits
                                                                                : SmsSegments::Ucs2MultiUnits));
    const QString over = text.size() > TwilioSms::MaxBodyLength ? QStringLiteral("✗ ") : QString();
    m_smsBudget->setText(over + tr("%1/%2 characters").arg(text.size()).arg(TwilioSms::MaxBodyLength));
    QStringList notes;
    if (s.encoding == SmsSegments::Encoding::Ucs2 && !s.nonGsm7.isEmpty())
        notes << tr("UCS-2 (70 per segment, 67 when split) because of: %1").arg(s.nonGsm7.join(QLatin1Char(' ')));
    if (text.size() > TwilioSms::RecommendedBodyLength && text.size() <= TwilioSms::MaxBodyLength)
        notes << tr("Over %1 characters: Twilio recommends shorter messages for deliverability.")
                     .arg(TwilioSms::RecommendedBodyLength);
    m_smsNote->setText(notes.join(QLatin1Char('\n')));
    m_smsNote->setVisible(!notes.isEmpty());
}

void ComposerPage::updatePreview()
{
    m_bubble->setHeader(QString());
    m_bubble->setFooter(QString());
    const PhoneCheck &to = (channel() == WhatsApp ? m_waRecipient : m_smsRecipient)->check();
    const QString recipient = to.ok() && !to.international.isEmpty() ? to.international : QString();
    if (channel() == Sms) {
        m_bubble->setBody(m_smsBody->toPlainText());
        const SmsSegments s = SmsSegments::count(m_smsBody->toPlainText());
        QString caption = tr("SMS · %1").arg(s.segments == 1 ? tr("1 segment") : tr("%1 segments").arg(s.segments));
        if (!recipient.isEmpty())
            caption += tr(" · to %1").arg(recipient);
        m_bubble->setCaption(caption);
        return;
    }
    QString caption = tr("WhatsApp");
    if (m_waType->checkedId() == kTemplatePage) {
        const QString name = m_templateName->text().trimmed();
        if (m_templateParams->hasTemplate()) {
            m_bubble->setHeader(m_templateParams->previewHeader());
            m_bubble->setBodyHtml(m_templateParams->previewBodyHtml());
            m_bubble->setFooter(m_templateParams->previewFooter());
        } else if (!name.isEmpty()) {
            m_bubble->setBody(tr("Template “%1” (%2) — load the WABA's templates to preview its text.")
                                  .arg(name, m_templateLanguage->text().trimmed()));
        } else {
            m_bubble->setBody(QString());
        }
        if (!name.isEmpty())
            caption += QStringLiteral(" · ") + name;
    } else {
        m_bubble->setBody(m_waBody->toPlainText());
    }
    if (!recipient.isEmpty())
        caption += tr(" · to %1").arg(recipient);
    m_bubble->setCaption(caption);
}

// ---- sending ----------------------------------------------------------------------------------------------------

void ComposerPage::send()
{
    if (m_busy)
        return;
    const Built b = buildCurrent();
    if (!b.problem.isEmpty()) {
        m_validation->setText(QStringLiteral("✗ ") + b.problem);
        if (b.field)
            b.field->setFocus(Qt::OtherFocusReason);
        return;
    }
    confirmThenSend(b.data, channel(), 0);
}

void ComposerPage::confirmThenSend(const QJsonObject &data, Channel channel, qint64 outboxId)
{
    m_confirm = confirmProduction(this, m_workspace->config(), Effect::Send,
        tr("Send this %1 to %2 through connection %3?")
            .arg(channel == WhatsApp ? tr("WhatsApp message") : tr("SMS"), data.value(QLatin1String("to")).toString(),
                data.value(QLatin1String("connectionId")).toString()),
        [this, data, channel, outboxId] { startSend(data, channel, outboxId); },
        [this] { Q_EMIT statusMessage(tr("Not sent.")); });
}

void ComposerPage::startSend(const QJsonObject &data, Channel channel, qint64 outboxId)
{
    ClientSet *clients = m_workspace->clients();
    if (!clients)
        return;
    Job *job = nullptr;
    if (channel == WhatsApp) {
        const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(data);
        if (!parsed) {
            showResult(QStringLiteral("✗ ") + describeError(parsed.error(), channel), false);
            return;
        }
        job = clients->messages()->sendWhatsApp(*parsed);
    } else {
        const Expected<TwilioSms> parsed = TwilioSms::fromJson(data);
        if (!parsed) {
            showResult(QStringLiteral("✗ ") + describeError(parsed.error(), channel), false);
            return;
        }
        job = clients->messages()->sendSms(*parsed);
    }
    stopTracking();
    m_trackRow->hide();
    m_lastMessageId.clear();
    m_messageId->clear();
    m_idRow->hide();
    showResult(tr("Sending to %1…").arg(data.value(QLatin1String("to")).toString()), true);
    m_resultHint->hide();
    setBusy(true);
    m_sendJob = job;
    connect(job, &Job::finished, this,
        [this, data, channel, outboxId](const Result &r) { sendFinished(r, data, channel, outboxId); });
}

void ComposerPage::sendFinished(const Result &result, const QJsonObject &data, Channel channel, qint64 outboxId)
{
    m_sendJob = nullptr;
    setBusy(false);
    const QString to = data.value(QLatin1String("to")).toString();
    if (!result.ok()) {
        const QString summary = result.error.summary();
        showResult(QStringLiteral("✗ ") + summary, false);
        QString hint = result.error.hint;
        if (hint.isEmpty() && result.error.kind == Error::Kind::Network)
            hint = tr("Check the network and the Nango base URL, then retry from the outbox.");
        m_resultHint->setText(hint);
        m_resultHint->setVisible(!hint.isEmpty());
        if (m_history) {
            if (outboxId > 0) {
                m_history->recordOutboxAttempt(outboxId, summary);
            } else {
                OutboxItem item;
                item.kind = channel == WhatsApp ? OutboxItem::Kind::WhatsApp : OutboxItem::Kind::Sms;
                item.payload = data; // the seed's data object: ids and text, never a key or token
                item.error = summary;
                m_history->addToOutbox(item);
            }
        }
        Q_EMIT statusMessage(tr("Send to %1 failed: %2").arg(to, summary));
        return;
    }

    const QString id = MessageSender::messageId(result.data);
    m_lastMessageId = id;
    m_messageId->setText(id);
    m_messageId->setCursorPosition(0);
    m_idRow->setVisible(!id.isEmpty());
    if (outboxId > 0 && m_history)
        m_history->removeFromOutbox(outboxId);
    if (channel == WhatsApp) {
        const QString status = result.data.toObject()
                                   .value(QLatin1String("messages"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QLatin1String("message_status"))
                                   .toString();
        showResult(tr("✓ Accepted by WhatsApp for %1").arg(to), true);
        QString hint = tr("Accepted is not delivered: WhatsApp reports delivery and late failures (such as 131047) "
                          "only to a webhook.");
        if (!status.isEmpty() && status != QLatin1String("accepted"))
            hint.prepend(tr("Status: %1. ").arg(status));
        m_resultHint->setText(hint);
        m_resultHint->show();
    } else {
        const QJsonObject msg = result.data.toObject();
        const QString status = msg.value(QLatin1String("status")).toString();
        const QString segments = msg.value(QLatin1String("num_segments")).toString();
        showResult(tr("✓ %1 by Twilio for %2 · %3")
                       .arg(status.isEmpty() ? tr("Accepted") : status.at(0).toUpper() + status.mid(1), to,
                           segments == QLatin1String("1") ? tr("1 segment") : tr("%1 segments").arg(segments)),
            true);
        m_resultHint->hide();
        const QString accountSid = msg.value(QLatin1String("account_sid")).toString();
        m_lastSms
            = QJsonObject { { QStringLiteral("providerConfigKey"), data.value(QLatin1String("providerConfigKey")) },
                  { QStringLiteral("connectionId"), data.value(QLatin1String("connectionId")) },
                  { QStringLiteral("accountSid"),
                      accountSid.isEmpty() ? data.value(QLatin1String("accountSid")).toString() : accountSid },
                  { QStringLiteral("sid"), id } };
        if (m_accountSid->text().isEmpty() && !accountSid.isEmpty())
            m_accountSid->setPlaceholderText(tr("Optional — last looked up: %1").arg(accountSid));
        m_statusTrail = status.isEmpty() ? QStringList() : QStringList { status };
        m_trackStatus->setText(m_statusTrail.join(QStringLiteral(" → ")));
        m_trackRow->show();
        m_track->setEnabled(!id.isEmpty());
    }
    Q_EMIT statusMessage(tr("Sent to %1: %2").arg(to, id));
}

void ComposerPage::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setText(busy ? tr("Sending…") : tr("&Send"));
    revalidate();
}

void ComposerPage::showResult(const QString &text, bool ok)
{
    m_result->setText(text);
    const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
    QPalette p = palette();
    if (!ok)
        p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x23, 0x18));
    m_result->setPalette(p);
}

void ComposerPage::lookupAccountSid()
{
    ClientSet *clients = m_workspace->clients();
    const QString connectionId = m_smsConnection->currentText().trimmed();
    const QString integration = m_smsIntegration->text().trimmed();
    if (!clients || connectionId.isEmpty() || integration.isEmpty()) {
        Q_EMIT statusMessage(tr("Choose the Twilio connection first."));
        return;
    }
    if (m_lookupJob)
        return;
    m_accountLookup->setEnabled(false);
    m_lookupJob = clients->messages()->lookupTwilioAccountSid(integration, connectionId);
    connect(m_lookupJob, &Job::finished, this, [this](const Result &r) {
        m_accountLookup->setEnabled(true);
        if (!r.ok()) {
            Q_EMIT statusMessage(tr("Account SID lookup failed: %1").arg(r.error.summary()));
            m_accountSid->setToolTip(r.error.summary() + QLatin1Char('\n') + r.error.hint);
            return;
        }
        m_accountSid->setText(r.data.toObject().value(QLatin1String("sid")).toString());
        Q_EMIT statusMessage(tr("Account SID: %1").arg(m_accountSid->text()));
    });
}

// ---- status tracking --------------------------------------------------------------------------------------------

void ComposerPage::trackStatus()
{
    if (m_lastSms.isEmpty() || m_pollTimer->isActive())
        return;
    m_pollStartedMs = QDateTime::currentMSecsSinceEpoch();
    m_stop->setEnabled(true);
    // Focus moves along with the action, not back to the top of the page when the button is disabled.
    if (m_track->hasFocus())
        m_stop->setFocus(Qt::OtherFocusReason);
    m_track->setEnabled(false);
    m_trackProgress->setRange(0, m_pollTimeoutMs / 1000);
    m_trackProgress->setValue(0);
    m_trackProgress->show();
    m_stopShortcut->setEnabled(true);
    m_pollTimer->start();
    pollOnce();
}

void ComposerPage::pollOnce()
{
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - m_pollStartedMs;
    m_trackProgress->setValue(int(elapsed / 1000));
    if (elapsed >= m_pollTimeoutMs) {
        stopTracking();
        m_trackStatus->setText(m_statusTrail.join(QStringLiteral(" → "))
            + tr(" (stopped after %1 s; not final yet)").arg(m_pollTimeoutMs / 1000));
        return;
    }
    if (m_pollJob)
        return; // the previous answer is still on its way
    ClientSet *clients = m_workspace->clients();
    if (!clients)
        return;
    m_pollJob = clients->messages()->fetchSms(m_lastSms.value(QLatin1String("providerConfigKey")).toString(),
        m_lastSms.value(QLatin1String("connectionId")).toString(),
        m_lastSms.value(QLatin1String("accountSid")).toString(), m_lastSms.value(QLatin1String("sid")).toString());
    connect(m_pollJob, &Job::finished, this, &ComposerPage::pollFinished);
}

void ComposerPage::pollFinished(const Result &result)
{
    m_pollJob = nullptr;
    if (!m_pollTimer->isActive())
        return; // stopped meanwhile
    if (!result.ok()) {
        stopTracking();
        m_trackStatus->setText(
            m_statusTrail.join(QStringLiteral(" → ")) + QStringLiteral(" · ✗ ") + result.error.summary());
        return;
    }
    const QJsonObject msg = result.data.toObject();
    const QString status = msg.value(QLatin1String("status")).toString();
    if (!status.isEmpty() && (m_statusTrail.isEmpty() || m_statusTrail.last() != status))
        m_statusTrail << status;
    QString text = m_statusTrail.join(QStringLiteral(" → "));
    const QJsonValue errorCode = msg.value(QLatin1String("error_code"));
    if (!errorCode.isNull() && !errorCode.isUndefined()) {
        text += tr(" · error %1").arg(errorCode.isDouble() ? QString::number(errorCode.toInt()) : errorCode.toString());
        const QString errorMessage = msg.value(QLatin1String("error_message")).toString();
        if (!errorMessage.isEmpty())
            text += QStringLiteral(": ") + errorMessage;
    }
    m_trackStatus->setText(text);
    if (isFinalSmsStatus(status)) {
        stopTracking();
        Q_EMIT statusMessage(tr("SMS %1: %2").arg(m_lastSms.value(QLatin1String("sid")).toString(), status));
    }
}

void ComposerPage::stopTracking()
{
    const bool wasTracking = m_pollTimer->isActive();
    m_pollTimer->stop();
    m_stopShortcut->setEnabled(false);
    if (m_pollJob) {
        Job *job = m_pollJob;
        m_pollJob = nullptr;
        job->disconnect(this);
        job->abort();
    }
    const QString last = m_statusTrail.isEmpty() ? QString() : m_statusTrail.last();
    m_track->setEnabled(!m_lastSms.isEmpty() && !isFinalSmsStatus(last));
    if (wasTracking && m_stop->hasFocus())
        (m_track->isEnabled() ? static_cast<QWidget *>(m_track) : m_messageId)->setFocus(Qt::OtherFocusReason);
    m_stop->setEnabled(false);
    m_trackProgress->hide();
}

void ComposerPage::workspaceChanged()
{
    // New clients: jobs of the old ones are gone with them, and the connections may differ.
    stopTracking();
    m_lastSms = {};
    m_track->setEnabled(false);
    m_sendJob = nullptr;
    m_lookupJob = nullptr;
    m_accountLookup->setEnabled(true);
    m_wabaLoad->setEnabled(true);
    m_wabaStatus->setProperty("loadedWaba", QString());
    if (m_busy)
        setBusy(false);
    m_connectionsLoaded = false;
    loadConnections();
}

// ---- drafts -----------------------------------------------------------------------------------------------------

void ComposerPage::scheduleDraftSave()
{
    if (!m_restoring && m_history)
        m_draftTimer->start();
}

QJsonObject ComposerPage::whatsAppDraft() const
{
    return QJsonObject { { QStringLiteral("connectionId"), m_waConnection->currentText() },
        { QStringLiteral("integration"), m_waIntegration->text() }, { QStringLiteral("wabaId"), m_wabaId->text() },
        { QStringLiteral("phoneNumberId"), m_phoneNumberId->currentText() },
        { QStringLiteral("to"), m_waRecipient->text() }, { QStringLiteral("region"), m_waRecipient->region() },
        { QStringLiteral("type"),
            m_waType->checkedId() == kTemplatePage ? QStringLiteral("template") : QStringLiteral("text") },
        { QStringLiteral("body"), m_waBody->toPlainText() },
        { QStringLiteral("previewUrl"), m_waPreviewUrl->isChecked() },
        { QStringLiteral("templateName"), m_templateName->text() },
        { QStringLiteral("templateLanguage"), m_templateLanguage->text() },
        { QStringLiteral("templateParameters"), m_templateParams->values() } };
}

QJsonObject ComposerPage::smsDraft() const
{
    return QJsonObject { { QStringLiteral("connectionId"), m_smsConnection->currentText() },
        { QStringLiteral("integration"), m_smsIntegration->text() },
        { QStringLiteral("senderKind"), m_senderKind->currentData().toString() },
        { QStringLiteral("sender"), m_sender->text() }, { QStringLiteral("accountSid"), m_accountSid->text() },
        { QStringLiteral("to"), m_smsRecipient->text() }, { QStringLiteral("region"), m_smsRecipient->region() },
        { QStringLiteral("body"), m_smsBody->toPlainText() } };
}

void ComposerPage::saveDrafts()
{
    m_draftTimer->stop();
    if (!m_history)
        return;
    m_history->saveDraft(kWhatsAppDraft, whatsAppDraft());
    m_history->saveDraft(kSmsDraft, smsDraft());
    m_history->saveDraft(kPageDraft,
        QJsonObject {
            { QStringLiteral("channel"), channel() == Sms ? QStringLiteral("sms") : QStringLiteral("whatsapp") } });
}

void ComposerPage::restoreDrafts()
{
    if (!m_history)
        return;
    m_restoring = true;
    const QJsonObject wa = m_history->draft(kWhatsAppDraft);
    if (!wa.isEmpty()) {
        m_waConnection->setEditText(wa.value(QLatin1String("connectionId")).toString());
        m_waIntegration->setText(wa.value(QLatin1String("integration")).toString());
        m_wabaId->setText(wa.value(QLatin1String("wabaId")).toString());
        m_phoneNumberId->setEditText(wa.value(QLatin1String("phoneNumberId")).toString());
        if (wa.contains(QLatin1String("region")))
            m_waRecipient->setRegion(wa.value(QLatin1String("region")).toString());
        m_waRecipient->setText(wa.value(QLatin1String("to")).toString());
        const bool templ = wa.value(QLatin1String("type")).toString() == QLatin1String("template");
        m_waType->button(templ ? kTemplatePage : kTextPage)->setChecked(true);
        m_waBody->setPlainText(wa.value(QLatin1String("body")).toString());
        m_waPreviewUrl->setChecked(wa.value(QLatin1String("previewUrl")).toBool());
        m_templateName->setText(wa.value(QLatin1String("templateName")).toString());
        m_templateLanguage->setText(wa.value(QLatin1String("templateLanguage")).toString());
        // Parameter fields exist once the templates are loaded; their values wait until then.
        m_templateParams->setProperty("pendingValues", wa.value(QLatin1String("templateParameters")).toObject());
        updateTemplateFromFields();
    }
    const QJsonObject sms = m_history->draft(kSmsDraft);
    if (!sms.isEmpty()) {
        m_smsConnection->setEditText(sms.value(QLatin1String("connectionId")).toString());
        m_smsIntegration->setText(sms.value(QLatin1String("integration")).toString());
        const int kind = m_senderKind->findData(sms.value(QLatin1String("senderKind")).toString());
        if (kind >= 0)
            m_senderKind->setCurrentIndex(kind);
        m_sender->setText(sms.value(QLatin1String("sender")).toString());
        m_accountSid->setText(sms.value(QLatin1String("accountSid")).toString());
        if (sms.contains(QLatin1String("region")))
            m_smsRecipient->setRegion(sms.value(QLatin1String("region")).toString());
        m_smsRecipient->setText(sms.value(QLatin1String("to")).toString());
        m_smsBody->setPlainText(sms.value(QLatin1String("body")).toString());
    }
    if (m_history->draft(kPageDraft).value(QLatin1String("channel")).toString() == QLatin1String("sms"))
        setChannel(Sms);
    m_restoring = false;
    m_draftTimer->stop();
    revalidate();
    updatePreview();
}

// ---- outbox -----------------------------------------------------------------------------------------------------

void ComposerPage::refreshOutbox()
{
    const qint64 selected = m_outbox->currentItem() ? m_outbox->currentItem()->data(Qt::UserRole).toLongLong() : 0;
    m_outbox->clear();
    const QList<OutboxItem> items = m_history ? m_history->outbox() : QList<OutboxItem>();
    for (const OutboxItem &item : items) {
        const QJsonObject p = item.payload;
        const QString channelName = item.kind == OutboxItem::Kind::WhatsApp ? tr("WhatsApp") : tr("SMS");
        auto *row = new QListWidgetItem(tr("%1 to %2 via %3 — %4")
                                            .arg(channelName, p.value(QLatin1String("to")).toString(),
                                                p.value(QLatin1String("connectionId")).toString(), item.error),
            m_outbox);
        row->setData(Qt::UserRole, item.id);
        row->setToolTip(tr("%1\nFirst tried %2 · attempts: %3")
                            .arg(item.error, QLocale().toString(item.createdAt.toLocalTime(), QLocale::ShortFormat))
                            .arg(item.attempts));
        if (item.id == selected)
            m_outbox->setCurrentItem(row);
    }
    // A new failure is selected, so Retry (Ctrl+R) needs no extra click.
    if (!m_outbox->currentItem() && m_outbox->count() > 0)
        m_outbox->setCurrentRow(m_outbox->count() - 1);
    // An empty list is just a frame: say what the box is for instead.
    m_outbox->setVisible(!items.isEmpty());
    m_retry->setVisible(!items.isEmpty());
    m_discard->setVisible(!items.isEmpty());
    m_outboxTitle->setText(items.isEmpty() ? tr("Failed sends wait here to be retried or discarded.")
            : items.size() == 1            ? tr("1 failed send is waiting.")
                                           : tr("%1 failed sends are waiting.").arg(items.size()));
    m_retry->setEnabled(m_outbox->currentRow() >= 0);
    m_discard->setEnabled(m_outbox->currentRow() >= 0);
}

void ComposerPage::retryOutboxItem()
{
    if (!m_history || m_busy || !m_outbox->currentItem())
        return;
    const qint64 id = m_outbox->currentItem()->data(Qt::UserRole).toLongLong();
    const auto item = m_history->outboxItem(id);
    if (!item)
        return;
    const Channel ch = item->kind == OutboxItem::Kind::Sms ? Sms : WhatsApp;
    confirmThenSend(item->payload, ch, id);
}

void ComposerPage::discardOutboxItem()
{
    if (!m_history || !m_outbox->currentItem())
        return;
    m_history->removeFromOutbox(m_outbox->currentItem()->data(Qt::UserRole).toLongLong());
    Q_EMIT statusMessage(tr("Removed from the outbox."));
}

} // namespace crossline
