#include "dialogs/createcontactdialog.h"

#include "dialogs/productionconfirmation.h"
#include "messaging/phonenumber.h"
#include "unified/resourceregistry.h"
#include "workspace.h"
#include <QMessageBox>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace crossline {

CreateContactDialog::CreateContactDialog(Workspace *workspace, const QString &provider, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_provider(provider)
    , m_first(new QLineEdit(this))
    , m_last(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_emailType(new QComboBox(this))
    , m_phone(new QLineEdit(this))
    , m_phoneType(new QComboBox(this))
    , m_phoneCheck(new QLabel(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("New contact (%1)").arg(provider));
    m_emailType->addItems({ QStringLiteral("WORK"), QStringLiteral("PERSONAL") });
    m_phoneType->addItems({ QStringLiteral("MOBILE"), QStringLiteral("WORK") });
    m_email->setPlaceholderText(QStringLiteral("name@example.com"));
    m_phone->setPlaceholderText(QStringLiteral("+15551234567"));
    m_first->setAccessibleName(tr("First name"));
    m_last->setAccessibleName(tr("Last name"));
    m_email->setAccessibleName(tr("Email"));
    m_phone->setAccessibleName(tr("Phone"));
    m_emailType->setAccessibleName(tr("Email type"));
    m_phoneType->setAccessibleName(tr("Phone type"));
    m_message->setWordWrap(true);
    m_phoneCheck->setWordWrap(true);
    auto *emailRow = new QHBoxLayout;
    emailRow->addWidget(m_email, 1);
    emailRow->addWidget(m_emailType);
    auto *phoneRow = new QHBoxLayout;
    phoneRow->addWidget(m_phone, 1);
    phoneRow->addWidget(m_phoneType);
    auto *form = new QFormLayout;
    form->addRow(tr("&First name:"), m_first);
    form->addRow(tr("&Last name:"), m_last);
    // A row that is a layout gets no buddy from QFormLayout (its mnemonic would show as "&"): the label names it.
    auto *emailLabel = new QLabel(tr("&Email:"), this);
    emailLabel->setBuddy(m_email);
    auto *phoneLabel = new QLabel(tr("&Phone:"), this);
    phoneLabel->setBuddy(m_phone);
    form->addRow(emailLabel, emailRow);
    form->addRow(phoneLabel, phoneRow);
    form->addRow(QString(), m_phoneCheck);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    m_cancel = buttons->button(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &CreateContactDialog::submit);
    for (QLineEdit *e : { m_first, m_last, m_email, m_phone })
        connect(e, &QLineEdit::textChanged, this, &CreateContactDialog::validate);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    validate();
}

QString CreateContactDialog::describe(const Error &error)
{
    // The registry names the payload's field ("data.email_addresses[0].email_address …"); the form names its label.
    const QString field = error.field;
    QString label;
    if (field.contains(QLatin1String("email")))
        label = tr("Email");
    else if (field.contains(QLatin1String("phone")))
        label = tr("Phone");
    else if (field.endsWith(QLatin1String("first_name")))
        label = tr("First name");
    else if (field.endsWith(QLatin1String("last_name")))
        label = tr("Last name");
    if (label.isEmpty() || field.isEmpty())
        return error.message;
    QString message = error.message;
    if (message.startsWith(field))
        message = message.mid(field.size()).trimmed();
    return tr("%1: %2").arg(label, message);
}

void CreateContactDialog::reject()
{
    if (m_running) {
        m_running->abort(); // finishes at once: what is known is shown below the form
        return;
    }
    QDialog::reject();
}

CreateContactDialog::~CreateContactDialog()
{
    if (m_running)
        m_running->abort();
}

QJsonObject CreateContactDialog::payload() const
{
    QJsonObject data { { QStringLiteral("first_name"), m_first->text().trimmed() },
        { QStringLiteral("last_name"), m_last->text().trimmed() } };
    const QString email = m_email->text().trimmed();
    const PhoneCheck phone = PhoneNumber::check(m_phone->text(), QString(), QStringLiteral("data.phone"));
    if (m_provider == QLatin1String("panora")) {
        // Panora's UnifiedCrmContactInput: lists of typed addresses.
        if (!email.isEmpty())
            data.insert(QStringLiteral("email_addresses"),
                QJsonArray { QJsonObject { { QStringLiteral("email_address"), email },
                    { QStringLiteral("email_address_type"), m_emailType->currentText() } } });
        if (!m_phone->text().trimmed().isEmpty())
            data.insert(QStringLiteral("phone_numbers"),
                QJsonArray { QJsonObject {
                    { QStringLiteral("phone_number"), phone.e164.isEmpty() ? m_phone->text().trimmed() : phone.e164 },
                    { QStringLiteral("phone_type"), m_phoneType->currentText() } } });
    } else {
        // The original backend's flat shape for Nango's compatible path ({email, first_name, …}).
        if (!email.isEmpty())
            data.insert(QStringLiteral("email"), email);
        if (!m_phone->text().trimmed().isEmpty())
            data.insert(QStringLiteral("phone"), phone.e164.isEmpty() ? m_phone->text().trimmed() : phone.e164);
    }
    return data;
}

void CreateContactDialog::validate()
{
    QString problem;
    if (m_first->text().trimmed().isEmpty())
        problem = tr("First name is required.");
    else if (m_last->text().trimmed().isEmpty())
        problem = tr("Last name is required.");
    if (m_phone->text().trimmed().isEmpty()) {
        m_phoneCheck->clear();
    } else {
        const PhoneCheck phone = PhoneNumber::check(m_phone->text(), QString(), QStringLiteral("phone"));
        m_phoneCheck->setText(phone.display());
        if (phone.error && problem.isEmpty())
            problem = phone.error.message;
    }
    if (problem.isEmpty()) {
        if (const Error e = ResourceRegistry::check(request()))
            problem = describe(e);
    }
    m_message->setText(problem.isEmpty() ? QString() : QStringLiteral("✗ ") + problem);
    m_create->setEnabled(problem.isEmpty() && !m_running && !m_confirm);
}

UnifiedRequest CreateContactDialog::request() const
{
    UnifiedRequest r;
    r.provider = m_provider;
    r.resource = QStringLiteral("crm.contact");
    r.operation = QStringLiteral("create");
    r.data = payload();
    r.hasData = true;
    return r;
}

void CreateContactDialog::submit()
{
    validate();
    if (!m_create->isEnabled() || !m_workspace->clients())
        return;
    const UnifiedRequest contact = request();
    m_confirm = confirmProduction(
        this, m_workspace->config(), Effect::Create,
        tr("Create contact %1 %2 through %3?").arg(m_first->text().trimmed(), m_last->text().trimmed(), m_provider),
        [this, contact] {
            m_confirm = nullptr; // answered: the box only closes
            start(contact);
        },
        [this] {
            m_confirm = nullptr;
            m_message->setText(tr("Not created."));
            validate();
            m_message->setText(tr("Not created."));
        });
    if (m_confirm)
        m_create->setEnabled(false);
}

void CreateContactDialog::start(const UnifiedRequest &contact)
{
    ClientSet *clients = m_workspace->clients();
    if (!clients || m_running)
        return;
    m_running = clients->run(contact);
    m_create->setEnabled(false);
    m_cancel->setText(tr("Stop &waiting"));
    m_cancel->setToolTip(tr("Stop waiting for the answer. The contact may already have been created; the request "
                            "is not sent again."));
    m_message->setText(tr("Creating…"));
    connect(m_running, &Job::finished, this, [this](const Result &result) {
        m_running = nullptr;
        m_cancel->setText(tr("Cancel"));
        m_cancel->setToolTip(QString());
        if (!result.ok()) {
            validate();
            m_message->setText(QStringLiteral("✗ ") + result.error.summary()
                + (result.error.hint.isEmpty() ? QString() : QLatin1Char('\n') + result.error.hint));
            return;
        }
        Q_EMIT created(result.data.toObject());
        accept();
    });
}

} // namespace crossline
