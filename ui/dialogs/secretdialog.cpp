#include "dialogs/secretdialog.h"

#include "secrets/secretstore.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace crossline {

SecretDialog::SecretDialog(SecretStore *secrets, const QString &profile, const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_secrets(secrets)
    , m_profileName(profile)
    , m_name(name)
    , m_value(new QLineEdit(this))
    , m_message(new QLabel(this))
{
    const QString what = SecretStore::displayName(name);
    setWindowTitle(tr("Set %1").arg(what));
    auto *intro = new QLabel(tr("The %1 of profile %2 goes to the system keychain as %3. It is never shown again.")
                                 .arg(what, profile, SecretStore::keyFor(profile, name)),
        this);
    intro->setWordWrap(true);
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setAccessibleName(what);
    m_value->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_value->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    m_show = m_value->addAction(QIcon::fromTheme(QStringLiteral("view-visible")), QLineEdit::TrailingPosition);
    m_show->setCheckable(true);
    m_show->setText(tr("Show"));
    m_show->setToolTip(tr("Show what you typed"));
    if (m_show->icon().isNull())
        m_show->setIconText(tr("Show"));
    connect(m_show, &QAction::toggled, this,
        [this](bool on) { m_value->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Result"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_store = buttons->addButton(tr("&Store"), QDialogButtonBox::AcceptRole);
    m_store->setDefault(true);
    m_store->setEnabled(false);
    connect(m_value, &QLineEdit::textChanged, this,
        [this](const QString &text) { m_store->setEnabled(!m_running && !text.trimmed().isEmpty()); });
    connect(m_store, &QPushButton::clicked, this, &SecretDialog::store);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Value:"), m_value);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    m_value->setFocus();
}

SecretDialog::~SecretDialog()
{
    if (m_running)
        m_running->abort();
    m_value->clear();
}

void SecretDialog::store()
{
    if (m_running)
        return;
    QString value = m_value->text().trimmed();
    if (value.isEmpty())
        return;
    m_running = m_secrets->write(m_profileName, m_name, value);
    value.fill(QLatin1Char('\0'));
    m_store->setEnabled(false);
    m_value->setEnabled(false);
    m_message->setText(tr("Storing in the keychain…"));
    connect(m_running, &Job::finished, this, [this](const Result &r) {
        m_running = nullptr;
        m_value->setEnabled(true);
        if (!r.ok()) {
            QString text = QStringLiteral("✗ ") + r.error.message;
            if (!r.error.hint.isEmpty())
                text += QLatin1Char('\n') + r.error.hint;
            m_message->setText(text);
            m_store->setEnabled(!m_value->text().trimmed().isEmpty());
            return;
        }
        m_value->clear();
        m_message->setText(tr("✓ Stored."));
        accept();
    });
}

} // namespace crossline
