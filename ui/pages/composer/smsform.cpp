#include "pages/composer/smsform.h"

#include "messaging/smssegments.h"
#include "messaging/twiliosms.h"
#include "widgets/connectionpicker.h"
#include "widgets/formhelpers.h"
#include "widgets/messagebubble.h"
#include "widgets/phonefield.h"
#include "workspace.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace crossline {

SmsForm::SmsForm(Workspace *workspace, QWidget *parent)
    : ComposerForm(parent)
    , m_workspace(workspace)
{
    using forms::buddyLabel;
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_connection = new ConnectionPicker({ QStringLiteral("sms"), tr("Twilio"), tr("the Twilio credentials"),
                                            QStringLiteral("twilio"), QStringLiteral("twilio") },
        form, this);

    m_senderKind = new QComboBox(this);
    m_senderKind->setObjectName(QStringLiteral("smsSenderKind"));
    m_senderKind->setAccessibleName(tr("Sender kind"));
    m_senderKind->addItem(tr("From number"), QStringLiteral("from"));
    m_senderKind->addItem(tr("Messaging Service SID"), QStringLiteral("messagingServiceSid"));
    m_sender = new QLineEdit(this);
    m_sender->setObjectName(QStringLiteral("smsSender"));
    m_sender->setAccessibleName(tr("Sender"));
    m_sender->setPlaceholderText(tr("+15005550006, a short code or an alphanumeric id"));
    form->addRow(buddyLabel(tr("&From:"), m_sender, this), forms::row(this, { m_senderKind, m_sender }, 1));

    m_accountSid = new QLineEdit(this);
    m_accountSid->setObjectName(QStringLiteral("smsAccountSid"));
    m_accountSid->setAccessibleName(tr("Twilio Account SID"));
    m_accountSid->setPlaceholderText(tr("Optional — looked up through the connection"));
    m_accountSid->setToolTip(
        tr("AC… — when empty, Crossline asks Twilio through Nango, so the token never leaves Nango"));
    m_accountLookup = new QPushButton(tr("Look up"), this);
    m_accountLookup->setObjectName(QStringLiteral("smsAccountLookup"));
    m_accountLookup->setAccessibleName(tr("Look up the Account SID"));
    m_accountLookup->setToolTip(tr("Ask Twilio for the connection's Account SID (Ctrl+Shift+L)"));
    connect(m_accountLookup, &QPushButton::clicked, this, &SmsForm::lookupAccountSid);
    form->addRow(
        buddyLabel(tr("&Account SID:"), m_accountSid, this), forms::row(this, { m_accountSid, m_accountLookup }));

    m_recipient = new PhoneField(this);
    m_recipient->setObjectName(QStringLiteral("smsRecipientField"));
    m_recipient->lineEdit()->setObjectName(QStringLiteral("smsRecipient"));
    m_recipient->verdictLabel()->setObjectName(QStringLiteral("smsRecipientCheck"));
    m_recipient->setAccessibleBaseName(tr("SMS recipient"));
    form->addRow(buddyLabel(tr("&Recipient:"), m_recipient->lineEdit(), this), m_recipient);

    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("smsBody"));
    m_body->setAccessibleName(tr("SMS text"));
    m_body->setPlaceholderText(tr("Hello via Twilio!"));
    m_body->setTabChangesFocus(true);
    m_body->setMinimumHeight(m_body->fontMetrics().lineSpacing() * 5);
    form->addRow(buddyLabel(tr("Messa&ge:"), m_body, this), m_body);
    m_counter = new QLabel(this);
    m_counter->setObjectName(QStringLiteral("smsCounter"));
    m_counter->setAccessibleName(tr("Encoding and segments"));
    m_budget = new QLabel(this);
    m_budget->setObjectName(QStringLiteral("smsBudget"));
    m_budget->setAccessibleName(tr("Characters used of 1600"));
    m_budget->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(QString(), forms::row(this, { m_counter, m_budget }, 0));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("smsNote"));
    m_note->setAccessibleName(tr("Encoding note"));
    m_note->setWordWrap(true);
    forms::setMuted(m_note);
    form->addRow(QString(), m_note);

    setTabOrder(m_connection->integrationEdit(), m_senderKind);
    setTabOrder(m_senderKind, m_sender);
    setTabOrder(m_sender, m_accountSid);
    setTabOrder(m_accountSid, m_accountLookup);
    setTabOrder(m_accountLookup, m_recipient->countryCombo());
    setTabOrder(m_recipient->countryCombo(), m_recipient->lineEdit());
    setTabOrder(m_recipient->lineEdit(), m_body);

    connect(m_connection, &ConnectionPicker::changed, this, &SmsForm::changed);
    connect(m_senderKind, &QComboBox::currentIndexChanged, this, [this] {
        const bool service = m_senderKind->currentData().toString() == QLatin1String("messagingServiceSid");
        m_sender->setPlaceholderText(
            service ? tr("MG followed by 32 hex digits") : tr("+15005550006, a short code or an alphanumeric id"));
        Q_EMIT changed();
    });
    connect(m_sender, &QLineEdit::textChanged, this, &SmsForm::changed);
    connect(m_accountSid, &QLineEdit::textChanged, this, &SmsForm::changed);
    connect(m_recipient, &PhoneField::changed, this, &SmsForm::changed);
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        updateCounter();
        Q_EMIT changed();
    });
    updateCounter();
}

// ---- what Send sends ----------------------------------------------------------------------------------------------

Expected<QJsonObject> SmsForm::build() const
{
    const QString connectionId = m_connection->connectionId();
    const QString integration = m_connection->integration();
    const QString sender = m_sender->text().trimmed();
    const bool service = m_senderKind->currentData().toString() == QLatin1String("messagingServiceSid");
    const PhoneCheck &to = m_recipient->check();
    const QString body = m_body->toPlainText();
    if (connectionId.isEmpty())
        return Error::validation(
            QStringLiteral("data.connectionId"), tr("Connection: choose a Twilio connection or type its id."));
    if (integration.isEmpty())
        return Error::validation(
            QStringLiteral("data.providerConfigKey"), tr("Integration: type the Nango integration key, e.g. twilio."));
    if (sender.isEmpty() && service)
        return Error::validation(QStringLiteral("data.messagingServiceSid"),
            tr("Messaging Service SID: type it (MG…) or switch to a From number."));
    if (sender.isEmpty())
        return Error::validation(QStringLiteral("data.from"), tr("From: type the sending number, e.g. +15005550006."));
    if (m_recipient->isEmpty())
        return Error::validation(
            QStringLiteral("data.to"), tr("Recipient: type the number to send to, e.g. +15551234567."));
    if (!to.ok())
        return Error::validation(QStringLiteral("data.to"), tr("Recipient: %1").arg(to.error.message));
    if (body.trimmed().isEmpty())
        return Error::validation(QStringLiteral("data.body"), tr("Message: type the text to send."));
    if (body.size() > TwilioSms::MaxBodyLength)
        return Error::validation(QStringLiteral("data.body"),
            tr("Message: %1 characters; Twilio accepts at most %2.").arg(body.size()).arg(TwilioSms::MaxBodyLength));

    QJsonObject data { { QStringLiteral("providerConfigKey"), integration },
        { QStringLiteral("connectionId"), connectionId },
        { service ? QStringLiteral("messagingServiceSid") : QStringLiteral("from"), sender },
        { QStringLiteral("to"), to.e164 }, { QStringLiteral("body"), body } };
    if (!m_accountSid->text().trimmed().isEmpty())
        data.insert(QStringLiteral("accountSid"), m_accountSid->text().trimmed());
    // What the send itself checks (sender and SID formats), in the form's words.
    if (const Error error = TwilioSms::fromJson(data).error())
        return Error::validation(error.field, describeError(error));
    return data;
}

QWidget *SmsForm::widgetFor(const QString &field) const
{
    if (field == QLatin1String("data.connectionId"))
        return m_connection->combo();
    if (field == QLatin1String("data.providerConfigKey"))
        return m_connection->integrationEdit();
    if (field.startsWith(QLatin1String("data.from")) || field.startsWith(QLatin1String("data.messaging")))
        return m_sender;
    if (field.startsWith(QLatin1String("data.accountSid")))
        return m_accountSid;
    if (field.startsWith(QLatin1String("data.body")))
        return m_body;
    if (field.startsWith(QLatin1String("data.to")))
        return m_recipient->lineEdit();
    return nullptr;
}

Expected<Job *> SmsForm::send(MessageSender *sender, const QJsonObject &data) const
{
    const Expected<TwilioSms> parsed = TwilioSms::fromJson(data);
    if (const Error error = parsed.error())
        return Error::validation(error.field, describeError(error));
    return sender->sendSms(*parsed);
}

QStringList SmsForm::messageWarnings(const QJsonObject &data) const
{
    if (const Expected<TwilioSms> parsed = TwilioSms::fromJson(data))
        return parsed->warnings;
    return {};
}

void SmsForm::showPreview(MessageBubble *bubble) const
{
    bubble->setHeader(QString());
    bubble->setFooter(QString());
    const PhoneCheck &to = m_recipient->check();
    const QString recipient = to.ok() && !to.international.isEmpty() ? to.international : QString();
    bubble->setBody(m_body->toPlainText());
    const SmsSegments s = SmsSegments::count(m_body->toPlainText());
    QString caption = tr("SMS · %1").arg(s.segments == 1 ? tr("1 segment") : tr("%1 segments").arg(s.segments));
    if (!recipient.isEmpty())
        caption += tr(" · to %1").arg(recipient);
    bubble->setCaption(caption);
}

void SmsForm::updateCounter()
{
    const QString text = m_body->toPlainText();
    const SmsSegments s = SmsSegments::count(text);
    m_counter->setText(s.summary());
    m_counter->setToolTip(tr("Twilio bills per segment: %1 units fit one segment, %2 per segment when split")
                              .arg(s.encoding == SmsSegments::Encoding::Gsm7 ? SmsSegments::Gsm7SingleUnits
                                                                             : SmsSegments::Ucs2SingleUnits)
                              .arg(s.encoding == SmsSegments::Encoding::Gsm7 ? SmsSegments::Gsm7MultiUnits
                                                                             : SmsSegments::Ucs2MultiUnits));
    const QString over = text.size() > TwilioSms::MaxBodyLength ? QStringLiteral("✗ ") : QString();
    m_budget->setText(over + tr("%1/%2 characters").arg(text.size()).arg(TwilioSms::MaxBodyLength));
    QStringList notes;
    if (s.encoding == SmsSegments::Encoding::Ucs2 && !s.nonGsm7.isEmpty())
        notes << tr("UCS-2 (70 per segment, 67 when split) because of: %1").arg(s.nonGsm7.join(QLatin1Char(' ')));
    if (text.size() > TwilioSms::RecommendedBodyLength && text.size() <= TwilioSms::MaxBodyLength)
        notes << tr("Over %1 characters: Twilio recommends shorter messages for deliverability.")
                     .arg(TwilioSms::RecommendedBodyLength);
    m_note->setText(notes.join(QLatin1Char('\n')));
    m_note->setVisible(!notes.isEmpty());
}

// ---- Account SID --------------------------------------------------------------------------------------------------

void SmsForm::lookupAccountSid()
{
    ClientSet *clients = m_workspace->clients();
    const QString connectionId = m_connection->connectionId();
    const QString integration = m_connection->integration();
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

void SmsForm::noteAccountSid(const QString &accountSid)
{
    if (m_accountSid->text().isEmpty() && !accountSid.isEmpty())
        m_accountSid->setPlaceholderText(tr("Optional — last looked up: %1").arg(accountSid));
}

// ---- draft, clients -----------------------------------------------------------------------------------------------

QJsonObject SmsForm::draft() const
{
    return QJsonObject { { QStringLiteral("connectionId"), m_connection->combo()->currentText() },
        { QStringLiteral("integration"), m_connection->integrationEdit()->text() },
        { QStringLiteral("senderKind"), m_senderKind->currentData().toString() },
        { QStringLiteral("sender"), m_sender->text() }, { QStringLiteral("accountSid"), m_accountSid->text() },
        { QStringLiteral("to"), m_recipient->text() }, { QStringLiteral("region"), m_recipient->region() },
        { QStringLiteral("body"), m_body->toPlainText() } };
}

void SmsForm::restoreDraft(const QJsonObject &draft)
{
    m_connection->combo()->setEditText(draft.value(QLatin1String("connectionId")).toString());
    m_connection->integrationEdit()->setText(draft.value(QLatin1String("integration")).toString());
    const int kind = m_senderKind->findData(draft.value(QLatin1String("senderKind")).toString());
    if (kind >= 0)
        m_senderKind->setCurrentIndex(kind);
    m_sender->setText(draft.value(QLatin1String("sender")).toString());
    m_accountSid->setText(draft.value(QLatin1String("accountSid")).toString());
    if (draft.contains(QLatin1String("region")))
        m_recipient->setRegion(draft.value(QLatin1String("region")).toString());
    m_recipient->setText(draft.value(QLatin1String("to")).toString());
    m_body->setPlainText(draft.value(QLatin1String("body")).toString());
}

void SmsForm::clientsReplaced()
{
    // The old clients aborted the lookup as they went; a new one may start.
    m_lookupJob = nullptr;
    m_accountLookup->setEnabled(true);
}

} // namespace crossline
