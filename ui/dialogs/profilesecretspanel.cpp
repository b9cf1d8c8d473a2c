#include "dialogs/profilesecretspanel.h"

#include "config/configresolver.h"
#include "secrets/secretstore.h"
#include "widgets/errortext.h"

#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>
#include <QProcessEnvironment>
#include <QPushButton>

namespace crossline {

ProfileSecretsPanel::ProfileSecretsPanel(SecretStore *secrets, QWidget *parent)
    : QGroupBox(tr("Secrets in the system keychain"), parent)
    , m_secrets(secrets)
    , m_note(new QLabel(this))
{
    auto *grid = new QGridLayout(this);
    int row = 0;
    for (const QString &name : SecretStore::secretNames()) {
        Row r;
        // Alt+letter goes to the row's Set… button.
        auto *label = new QLabel(labelText(name), this);
        r.status = new QLabel(this);
        r.status->setAccessibleName(tr("%1 status").arg(SecretStore::displayName(name)));
        r.set = new QPushButton(tr("Set…"), this);
        r.set->setAccessibleName(tr("Set %1").arg(SecretStore::displayName(name)));
        r.set->setToolTip(tr("Store a new %1 in the keychain").arg(SecretStore::displayName(name)));
        r.clear = new QPushButton(tr("Clear"), this);
        r.clear->setAccessibleName(tr("Clear %1").arg(SecretStore::displayName(name)));
        r.clear->setToolTip(tr("Delete the %1 from the keychain").arg(SecretStore::displayName(name)));
        label->setBuddy(r.set);
        grid->addWidget(label, row, 0);
        grid->addWidget(r.status, row, 1);
        grid->addWidget(r.set, row, 2);
        grid->addWidget(r.clear, row, 3);
        connect(r.set, &QPushButton::clicked, this, [this, name] { setSecret(name); });
        connect(r.clear, &QPushButton::clicked, this, [this, name] { clearSecret(name); });
        m_rows.insert(name, r);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    m_note->setWordWrap(true);
    m_note->setAccessibleName(tr("Keychain note"));
    grid->addWidget(m_note, row, 0, 1, 4);
}

QString ProfileSecretsPanel::labelText(const QString &name)
{
    // The letters the dialog's other mnemonics leave free.
    if (name == ConfigResolver::nangoKeyName())
        return tr("Nan&go secret key:");
    if (name == ConfigResolver::panoraKeyName())
        return tr("Panora API &key:");
    if (name == ConfigResolver::panoraConnectionTokenName())
        return tr("Panora connection &token:");
    return SecretStore::displayName(name) + QLatin1Char(':');
}

void ProfileSecretsPanel::showProfile(const QString &profile)
{
    m_profile = profile;
    refresh();
}

void ProfileSecretsPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void ProfileSecretsPanel::updateButtons()
{
    const bool existing = !m_profile.isEmpty();
    for (const Row &r : std::as_const(m_rows)) {
        r.set->setEnabled(!m_busy && existing);
        r.clear->setEnabled(!m_busy && existing && r.status->text() == tr("stored"));
    }
}

void ProfileSecretsPanel::refresh()
{
    const int generation = ++m_generation;
    const QString profile = m_profile;
    m_note->clear();
    if (profile.isEmpty()) {
        for (const Row &r : std::as_const(m_rows))
            r.status->setText(tr("—"));
        m_note->setText(tr("Create the profile first, then store its secrets."));
        updateButtons();
        return;
    }
    for (const Row &r : std::as_const(m_rows))
        r.status->setText(tr("checking…"));
    // Which environment variables would win over the keychain for this profile (ConfigResolver's precedence).
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList overriding;
    for (const QString &name : SecretStore::secretNames()) {
        if (const QString v = ConfigResolver::overridingVariable(profile, name, env); !v.isEmpty())
            overriding << v;
    }
    updateButtons();
    Job *job = m_secrets->storedNames(profile);
    connect(job, &Job::finished, this, [this, generation, overriding](const Result &r) {
        if (generation != m_generation)
            return; // another profile is shown now
        QStringList notes;
        if (r.ok()) {
            const QJsonArray stored = r.data.toArray();
            for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
                it->status->setText(stored.contains(QJsonValue(it.key())) ? tr("stored") : tr("not stored"));
        } else {
            for (const Row &row : std::as_const(m_rows))
                row.status->setText(tr("unknown"));
            notes << errorText(r.error);
        }
        if (!overriding.isEmpty())
            notes << tr("Set in the environment, and used instead of the keychain: %1.")
                         .arg(overriding.join(QStringLiteral(", ")));
        m_note->setText(notes.join(QLatin1Char('\n')));
        updateButtons();
    });
}

void ProfileSecretsPanel::setSecret(const QString &name)
{
    if (m_profile.isEmpty() || m_busy)
        return;
    if (m_secretDialog)
        m_secretDialog->close();
    const QString profile = m_profile;
    m_secretDialog = new SecretDialog(m_secrets, profile, name, this);
    m_secretDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_secretDialog, &QDialog::accepted, this, [this, profile, name] {
        refresh();
        Q_EMIT stored(profile, name);
    });
    m_secretDialog->open();
}

void ProfileSecretsPanel::clearSecret(const QString &name)
{
    if (m_profile.isEmpty() || m_busy)
        return;
    const QString profile = m_profile;
    Job *job = m_secrets->remove(profile, name);
    // The dialog hears of the job first: it is no longer busy when the outcome is told.
    Q_EMIT jobStarted(job, tr("Deleting the %1 of %2…").arg(SecretStore::displayName(name), profile));
    connect(job, &Job::finished, this, [this, profile, name](const Result &r) {
        if (!r.ok()) {
            Q_EMIT failed(r.error);
            return;
        }
        refresh();
        Q_EMIT cleared(profile, name);
    });
}

} // namespace crossline
