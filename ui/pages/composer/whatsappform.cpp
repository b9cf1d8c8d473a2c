#include "pages/composer/whatsappform.h"

#include "messaging/wabacatalogue.h"
#include "messaging/whatsappmessage.h"
#include "pages/composer/templatechooser.h"
#include "widgets/connectionpicker.h"
#include "widgets/formhelpers.h"
#include "widgets/messagebubble.h"
#include "widgets/phonefield.h"
#include "workspace.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace crossline {

namespace {

constexpr int kTextPage = 0;
constexpr int kTemplatePage = 1;

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

} // namespace

WhatsAppForm::WhatsAppForm(Workspace *workspace, QWidget *parent)
    : ComposerForm(parent)
    , m_workspace(workspace)
    , m_catalogue(new WabaCatalogue(this))
{
    using forms::buddyLabel;
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_connection = new ConnectionPicker({ QStringLiteral("whatsapp"), tr("WhatsApp"), tr("the WhatsApp token"),
                                            QStringLiteral("whatsapp-business"), QStringLiteral("whatsapp") },
        form, this);

    m_wabaId = new QLineEdit(this);
    m_wabaId->setObjectName(QStringLiteral("wabaId"));
    m_wabaId->setAccessibleName(tr("WhatsApp Business Account id"));
    m_wabaId->setPlaceholderText(tr("WhatsApp Business Account id, e.g. 102290129340398"));
    m_wabaId->setToolTip(tr("Lists the account's phone numbers and approved templates through the proxy"));
    m_wabaLoad = new QPushButton(tr("Load"), this);
    m_wabaLoad->setObjectName(QStringLiteral("wabaLoadButton"));
    m_wabaLoad->setAccessibleName(tr("Load phone numbers and templates"));
    m_wabaLoad->setToolTip(tr("Load the WABA's phone numbers and approved templates (Ctrl+L)"));
    connect(m_wabaLoad, &QPushButton::clicked, this, &WhatsAppForm::loadWaba);
    connect(m_wabaId, &QLineEdit::returnPressed, this, &WhatsAppForm::loadWaba);
    m_wabaStatus = new QLabel(this);
    m_wabaStatus->setObjectName(QStringLiteral("wabaStatus"));
    m_wabaStatus->setAccessibleName(tr("Phone numbers and templates"));
    m_wabaStatus->setWordWrap(true);
    forms::setMuted(m_wabaStatus);
    auto *wabaBox = new QWidget(this);
    auto *wabaColumn = new QVBoxLayout(wabaBox);
    wabaColumn->setContentsMargins(0, 0, 0, 0);
    wabaColumn->addWidget(forms::row(wabaBox, { m_wabaId, m_wabaLoad }));
    wabaColumn->addWidget(m_wabaStatus);
    form->addRow(buddyLabel(tr("W&ABA id:"), m_wabaId, this), wabaBox);

    m_phoneNumberId = new QComboBox(this);
    m_phoneNumberId->setObjectName(QStringLiteral("phoneNumberId"));
    m_phoneNumberId->setEditable(true);
    m_phoneNumberId->setInsertPolicy(QComboBox::NoInsert);
    m_phoneNumberId->setAccessibleName(tr("Sender phone number id"));
    m_phoneNumberId->setToolTip(tr("The id of the business phone number that sends (not the number itself)"));
    m_phoneNumberId->lineEdit()->setPlaceholderText(tr("Phone number id, e.g. 123456789012345"));
    m_phoneNumberHint = new QLabel(this);
    m_phoneNumberHint->setObjectName(QStringLiteral("phoneNumberHint"));
    m_phoneNumberHint->setAccessibleName(tr("Sender phone number"));
    m_phoneNumberHint->setWordWrap(true);
    forms::setMuted(m_phoneNumberHint);
    auto *phoneBox = new QWidget(this);
    auto *phoneColumn = new QVBoxLayout(phoneBox);
    phoneColumn->setContentsMargins(0, 0, 0, 0);
    phoneColumn->addWidget(m_phoneNumberId);
    phoneColumn->addWidget(m_phoneNumberHint);
    form->addRow(buddyLabel(tr("&Phone number id:"), m_phoneNumberId, this), phoneBox);

    m_recipient = new PhoneField(this);
    m_recipient->setObjectName(QStringLiteral("whatsappRecipientField"));
    m_recipient->lineEdit()->setObjectName(QStringLiteral("whatsappRecipient"));
    m_recipient->verdictLabel()->setObjectName(QStringLiteral("whatsappRecipientCheck"));
    m_recipient->setAccessibleBaseName(tr("WhatsApp recipient"));
    form->addRow(buddyLabel(tr("&Recipient:"), m_recipient->lineEdit(), this), m_recipient);

    auto *text = new QRadioButton(tr("&Text"), this);
    text->setObjectName(QStringLiteral("whatsappTypeText"));
    text->setToolTip(tr("Free-form text; only delivered within 24 hours of the user's last message"));
    auto *templ = new QRadioButton(tr("Te&mplate"), this);
    templ->setObjectName(QStringLiteral("whatsappTypeTemplate"));
    templ->setToolTip(tr("An approved template; needed to start a conversation"));
    m_type = new QButtonGroup(this);
    m_type->addButton(text, kTextPage);
    m_type->addButton(templ, kTemplatePage);
    text->setChecked(true);
    auto *typeRow = forms::row(this, { text, templ }, -1);
    static_cast<QHBoxLayout *>(typeRow->layout())->addStretch(1);
    auto *typeLabel = buddyLabel(tr("Message t&ype:"), text, this); // Alt+Y: to the choice, arrows between
    form->addRow(typeLabel, typeRow);

    // Text
    auto *textPage = new QWidget(this);
    auto *textForm = new QFormLayout(textPage);
    textForm->setContentsMargins(0, 0, 0, 0);
    textForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_body = new QPlainTextEdit(textPage);
    m_body->setObjectName(QStringLiteral("whatsappBody"));
    m_body->setAccessibleName(tr("WhatsApp message text"));
    m_body->setPlaceholderText(tr("Hello from Crossline!"));
    m_body->setTabChangesFocus(true);
    m_body->setMinimumHeight(m_body->fontMetrics().lineSpacing() * 5);
    m_counter = new QLabel(textPage);
    m_counter->setObjectName(QStringLiteral("whatsappCounter"));
    m_counter->setAccessibleName(tr("Characters used"));
    m_previewUrl = new QCheckBox(tr("Show a &link preview"), textPage);
    m_previewUrl->setObjectName(QStringLiteral("whatsappPreviewUrl"));
    m_previewUrl->setToolTip(tr("Ask WhatsApp to render a preview of the first URL in the text (preview_url)"));
    auto *counterRow = forms::row(textPage, { m_previewUrl, m_counter }, 0);
    textForm->addRow(buddyLabel(tr("Messa&ge:"), m_body, textPage), m_body);
    textForm->addRow(QString(), counterRow);

    // Template
    m_template = new TemplateChooser(this);

    m_typeStack = new QStackedWidget(this);
    m_typeStack->addWidget(textPage);
    m_typeStack->addWidget(m_template);
    form->addRow(m_typeStack);

    setTabOrder(m_connection->integrationEdit(), m_wabaId);
    setTabOrder(m_wabaId, m_wabaLoad);
    setTabOrder(m_wabaLoad, m_phoneNumberId);
    setTabOrder(m_phoneNumberId, m_recipient->countryCombo());
    setTabOrder(m_recipient->countryCombo(), m_recipient->lineEdit());
    setTabOrder(m_recipient->lineEdit(), text);
    setTabOrder(text, templ);
    setTabOrder(templ, m_body);
    setTabOrder(m_body, m_previewUrl);
    setTabOrder(m_previewUrl, m_template->combo());
    setTabOrder(m_template->combo(), m_template->nameEdit());
    setTabOrder(m_template->nameEdit(), m_template->languageEdit());

    connect(m_connection, &ConnectionPicker::connectionApplied, this, &WhatsAppForm::applyMetadata);
    connect(m_connection, &ConnectionPicker::changed, this, &WhatsAppForm::changed);
    connect(m_wabaId, &QLineEdit::textChanged, this, &WhatsAppForm::changed);
    connect(m_phoneNumberId, &QComboBox::editTextChanged, this, [this] {
        updatePhoneNumberHint();
        Q_EMIT changed();
    });
    connect(m_recipient, &PhoneField::changed, this, &WhatsAppForm::changed);
    connect(m_type, &QButtonGroup::idToggled, this, [this](int id, bool on) {
        if (!on)
            return;
        m_typeStack->setCurrentIndex(id);
        Q_EMIT changed();
    });
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        updateTextCounter();
        Q_EMIT changed();
    });
    connect(m_previewUrl, &QCheckBox::toggled, this, &WhatsAppForm::changed);
    connect(m_template, &TemplateChooser::changed, this, &WhatsAppForm::changed);
    connect(m_catalogue, &WabaCatalogue::loaded, this, &WhatsAppForm::catalogueAnswered);
    connect(m_catalogue, &WabaCatalogue::failed, this, &WhatsAppForm::catalogueAnswered);
    updateTextCounter();
}

bool WhatsAppForm::isTemplate() const
{
    return m_type->checkedId() == kTemplatePage;
}

// ---- connection and WABA ------------------------------------------------------------------------------------------

void WhatsAppForm::applyMetadata(const QJsonObject &connection)
{
    const QJsonObject metadata = connection.value(QLatin1String("metadata")).toObject();
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
    if (!waba.isEmpty() && m_loadedWaba != waba)
        loadWaba();
}

void WhatsAppForm::loadWaba()
{
    const QString waba = m_wabaId->text().trimmed();
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (!digits.match(waba).hasMatch()) {
        m_wabaStatus->setText(
            waba.isEmpty() ? tr("✗ Enter the WhatsApp Business Account id first.") : tr("✗ A WABA id is all digits."));
        m_wabaId->setFocus(Qt::OtherFocusReason);
        return;
    }
    const QString connectionId = m_connection->connectionId();
    const QString integration = m_connection->integration();
    if (connectionId.isEmpty() || integration.isEmpty()) {
        m_wabaStatus->setText(tr("✗ Choose the connection (and its integration) first: the lists come through it."));
        return;
    }
    ClientSet *clients = m_workspace->clients();
    if (!clients)
        return;
    m_wabaLoad->setEnabled(false);
    m_wabaStatus->setText(tr("Loading phone numbers and templates…"));
    m_loadedWaba = waba;
    m_catalogue->load(clients->nango(), integration, connectionId, waba);
}

void WhatsAppForm::catalogueAnswered(const QString &waba)
{
    m_wabaLoad->setEnabled(true);
    if (m_wabaId->text().trimmed() != waba)
        return; // the person moved on to another WABA
    fillPhoneNumbers(m_catalogue->phoneNumbers());
    m_template->setTemplates(m_catalogue->templates(), m_catalogue->templatesError());
    // Spelled out rather than %n: without a loaded translation tr() would show "template(s)".
    const int phones = int(m_phoneNumbers.size()), templates = int(m_catalogue->templates().size());
    QString text = (phones == 1 ? tr("1 phone number") : tr("%1 phone numbers").arg(phones)) + QStringLiteral(" · ")
        + (templates == 1 ? tr("1 approved template") : tr("%1 approved templates").arg(templates));
    QStringList errors;
    if (const Error e = m_catalogue->phoneNumbersError())
        errors << tr("Phone numbers: %1").arg(e.summary());
    if (const Error e = m_catalogue->templatesError())
        errors << tr("Templates: %1").arg(e.summary());
    if (!errors.isEmpty()) {
        text = QStringLiteral("✗ ") + errors.join(QLatin1Char('\n'));
        m_loadedWaba.clear(); // Load again, or a connection naming this WABA, asks again
    }
    m_wabaStatus->setText(text);
    Q_EMIT statusMessage(tr("WABA %1: %2").arg(waba, text));
}

void WhatsAppForm::fillPhoneNumbers(const QJsonArray &numbers)
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
    Q_EMIT changed();
}

void WhatsAppForm::updatePhoneNumberHint()
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
    // account_mode SANDBOX marks Meta's test numbers: they only send to the recipients allowed in the Meta App
    // Dashboard, and Meta refuses any other recipient with error 131030.
    if (found.value(QLatin1String("account_mode")).toString() == QLatin1String("SANDBOX"))
        text += QLatin1Char('\n')
            + tr("⚠ Test number: it only sends to the recipients allowed in the Meta App "
                 "Dashboard (error 131030 otherwise).");
    else if (!found.value(QLatin1String("quality_rating")).toString().isEmpty())
        text += tr(" · quality %1").arg(found.value(QLatin1String("quality_rating")).toString());
    m_phoneNumberHint->setText(text);
    m_phoneNumberHint->setVisible(true);
}

// ---- what Send sends ----------------------------------------------------------------------------------------------

Expected<QJsonObject> WhatsAppForm::build() const
{
    const QString connectionId = m_connection->connectionId();
    const QString integration = m_connection->integration();
    const QString phoneId = m_phoneNumberId->currentText().trimmed();
    const PhoneCheck &to = m_recipient->check();
    if (connectionId.isEmpty())
        return Error::validation(
            QStringLiteral("data.connectionId"), tr("Connection: choose a WhatsApp connection or type its id."));
    if (integration.isEmpty())
        return Error::validation(QStringLiteral("data.providerConfigKey"),
            tr("Integration: type the Nango integration key, e.g. whatsapp-business."));
    if (phoneId.isEmpty())
        return Error::validation(QStringLiteral("data.phoneNumberId"),
            tr("Phone number id: choose the sending number (Load lists the WABA's numbers) or type its id."));
    if (m_recipient->isEmpty())
        return Error::validation(
            QStringLiteral("data.to"), tr("Recipient: type the number to send to, e.g. +15551234567."));
    if (!to.ok())
        return Error::validation(QStringLiteral("data.to"), tr("Recipient: %1").arg(to.error.message));

    QJsonObject data { { QStringLiteral("providerConfigKey"), integration },
        { QStringLiteral("connectionId"), connectionId }, { QStringLiteral("phoneNumberId"), phoneId },
        { QStringLiteral("to"), to.e164 } };
    if (isTemplate()) {
        const Expected<QJsonObject> templ = m_template->build();
        if (!templ)
            return templ.error();
        data.insert(QStringLiteral("type"), QStringLiteral("template"));
        data.insert(QStringLiteral("template"), *templ);
    } else {
        const QString body = m_body->toPlainText();
        if (body.trimmed().isEmpty())
            return Error::validation(QStringLiteral("data.body"), tr("Message: type the text to send."));
        if (body.size() > WhatsAppMessage::MaxTextLength)
            return Error::validation(QStringLiteral("data.body"),
                tr("Message: %1 characters; WhatsApp accepts at most %2.")
                    .arg(body.size())
                    .arg(WhatsAppMessage::MaxTextLength));
        data.insert(QStringLiteral("type"), QStringLiteral("text"));
        data.insert(QStringLiteral("body"), body);
        if (m_previewUrl->isChecked())
            data.insert(QStringLiteral("previewUrl"), true);
    }
    // What the send itself checks (lengths, formats), in the form's words.
    if (const Error error = WhatsAppMessage::fromJson(data).error())
        return Error::validation(error.field, describeError(error));
    return data;
}

QWidget *WhatsAppForm::widgetFor(const QString &field) const
{
    if (field == QLatin1String("data.connectionId"))
        return m_connection->combo();
    if (field == QLatin1String("data.providerConfigKey"))
        return m_connection->integrationEdit();
    if (field.startsWith(QLatin1String("data.phoneNumberId")))
        return m_phoneNumberId;
    if (QWidget *templateField = m_template->widgetFor(field))
        return templateField;
    if (field.startsWith(QLatin1String("data.body")))
        return m_body;
    if (field.startsWith(QLatin1String("data.to")))
        return m_recipient->lineEdit();
    return nullptr;
}

Expected<Job *> WhatsAppForm::send(MessageSender *sender, const QJsonObject &data) const
{
    const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(data);
    if (const Error error = parsed.error())
        return Error::validation(error.field, describeError(error));
    return sender->sendWhatsApp(*parsed);
}

QStringList WhatsAppForm::messageWarnings(const QJsonObject &data) const
{
    QStringList warnings;
    if (const Expected<WhatsAppMessage> parsed = WhatsAppMessage::fromJson(data))
        warnings = parsed->warnings;
    if (!isTemplate())
        warnings << tr("Free-form text only arrives within 24 hours of the recipient's last message.");
    return warnings;
}

void WhatsAppForm::showPreview(MessageBubble *bubble) const
{
    bubble->setHeader(QString());
    bubble->setFooter(QString());
    const PhoneCheck &to = m_recipient->check();
    const QString recipient = to.ok() && !to.international.isEmpty() ? to.international : QString();
    QString caption = tr("WhatsApp");
    if (isTemplate()) {
        m_template->showPreview(bubble);
        if (!m_template->name().isEmpty())
            caption += QStringLiteral(" · ") + m_template->name();
    } else {
        bubble->setBody(m_body->toPlainText());
    }
    if (!recipient.isEmpty())
        caption += tr(" · to %1").arg(recipient);
    bubble->setCaption(caption);
}

void WhatsAppForm::updateTextCounter()
{
    const qsizetype n = m_body->toPlainText().size();
    m_counter->setText(tr("%1/%2").arg(n).arg(WhatsAppMessage::MaxTextLength));
    m_counter->setPalette(n > WhatsAppMessage::MaxTextLength ? forms::errorPalette(palette()) : palette());
}

// ---- draft, clients -----------------------------------------------------------------------------------------------

QJsonObject WhatsAppForm::draft() const
{
    return QJsonObject { { QStringLiteral("connectionId"), m_connection->combo()->currentText() },
        { QStringLiteral("integration"), m_connection->integrationEdit()->text() },
        { QStringLiteral("wabaId"), m_wabaId->text() },
        { QStringLiteral("phoneNumberId"), m_phoneNumberId->currentText() },
        { QStringLiteral("to"), m_recipient->text() }, { QStringLiteral("region"), m_recipient->region() },
        { QStringLiteral("type"), isTemplate() ? QStringLiteral("template") : QStringLiteral("text") },
        { QStringLiteral("body"), m_body->toPlainText() }, { QStringLiteral("previewUrl"), m_previewUrl->isChecked() },
        { QStringLiteral("templateName"), m_template->nameEdit()->text() },
        { QStringLiteral("templateLanguage"), m_template->languageEdit()->text() },
        { QStringLiteral("templateParameters"), m_template->parameterValues() } };
}

void WhatsAppForm::restoreDraft(const QJsonObject &draft)
{
    m_connection->combo()->setEditText(draft.value(QLatin1String("connectionId")).toString());
    m_connection->integrationEdit()->setText(draft.value(QLatin1String("integration")).toString());
    m_wabaId->setText(draft.value(QLatin1String("wabaId")).toString());
    m_phoneNumberId->setEditText(draft.value(QLatin1String("phoneNumberId")).toString());
    if (draft.contains(QLatin1String("region")))
        m_recipient->setRegion(draft.value(QLatin1String("region")).toString());
    m_recipient->setText(draft.value(QLatin1String("to")).toString());
    const bool templ = draft.value(QLatin1String("type")).toString() == QLatin1String("template");
    m_type->button(templ ? kTemplatePage : kTextPage)->setChecked(true);
    m_body->setPlainText(draft.value(QLatin1String("body")).toString());
    m_previewUrl->setChecked(draft.value(QLatin1String("previewUrl")).toBool());
    m_template->restore(draft.value(QLatin1String("templateName")).toString(),
        draft.value(QLatin1String("templateLanguage")).toString(),
        draft.value(QLatin1String("templateParameters")).toObject());
}

void WhatsAppForm::clientsReplaced()
{
    m_wabaLoad->setEnabled(true);
    m_loadedWaba.clear();
}

} // namespace crossline
