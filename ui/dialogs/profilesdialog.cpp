#include "dialogs/profilesdialog.h"

#include "config/profilemanager.h"
#include "functionslookup.h"
#include "job.h"
#include "nango/nangoresults.h"
#include "secrets/secretstore.h"
#include "widgets/errortext.h"
#include "workspace.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace crossline {

ProfilesDialog::ProfilesDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_list(new QListWidget(this))
    , m_new(new QPushButton(tr("&New"), this))
    , m_remove(new QPushButton(tr("&Remove…"), this))
    , m_activate(new QPushButton(tr("Make &active"), this))
    , m_form(new ProfileForm(&workspace->profiles(), this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_secretsPanel(new ProfileSecretsPanel(workspace->secrets(), this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Profiles"));

    m_list->setAccessibleName(tr("Profiles"));
    m_list->setMinimumWidth(fontMetrics().averageCharWidth() * 26);
    m_new->setToolTip(tr("Create a profile (named environment such as dev or prod)"));
    m_remove->setToolTip(tr("Remove the profile and delete its keychain entries"));
    m_activate->setToolTip(tr("Use this profile (the environment bar's choice)"));
    m_save->setDefault(true);

    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_save);
    auto *settingsBox = new QGroupBox(tr("Settings"), this);
    auto *settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addWidget(m_form);
    settingsLayout->addLayout(saveRow);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);
    left->addWidget(m_activate);
    auto *right = new QVBoxLayout;
    right->addWidget(settingsBox);
    right->addWidget(m_secretsPanel);
    right->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addLayout(right, 1);

    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Result"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showProfile(item->data(Qt::UserRole).toString());
    });
    connect(m_new, &QPushButton::clicked, this, [this] { selectProfile(QString()); });
    connect(m_remove, &QPushButton::clicked, this, &ProfilesDialog::confirmRemove);
    connect(m_activate, &QPushButton::clicked, this, &ProfilesDialog::activate);
    connect(m_save, &QPushButton::clicked, this, &ProfilesDialog::save);
    connect(m_form, &ProfileForm::validated, this, &ProfilesDialog::updateButtons);
    connect(m_form, &ProfileForm::lookUpRequested, this, &ProfilesDialog::lookUp);
    // Clearing a secret keeps the dialog busy until the job ends; the panel then tells how it went.
    connect(m_secretsPanel, &ProfileSecretsPanel::jobStarted, this,
        [this](Job *job, const QString &doing) { run(job, doing, [](const Result &) {}); });
    connect(m_secretsPanel, &ProfileSecretsPanel::failed, this, &ProfilesDialog::showError);
    connect(m_secretsPanel, &ProfileSecretsPanel::stored, this, [this](const QString &profile, const QString &name) {
        m_message->setText(
            tr("✓ Stored the %1 of profile %2 in the keychain.").arg(SecretStore::displayName(name), profile));
        changed();
    });
    connect(m_secretsPanel, &ProfileSecretsPanel::cleared, this, [this](const QString &profile, const QString &name) {
        m_message->setText(
            tr("✓ Deleted the %1 of profile %2 from the keychain.").arg(SecretStore::displayName(name), profile));
        changed();
    });

    const QString active = m_workspace->profiles().activeName();
    const QStringList names = m_workspace->profiles().names();
    refreshList(active.isEmpty() ? names.value(0) : active);
    if (names.isEmpty())
        selectProfile(QString());
}

ProfilesDialog::~ProfilesDialog()
{
    if (m_running)
        m_running->abort();
}

void ProfilesDialog::refreshList(const QString &select)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QString active = m_workspace->profiles().activeName();
    QListWidgetItem *selected = nullptr;
    for (const QString &name : m_workspace->profiles().names()) {
        const auto p = m_workspace->profiles().profile(name);
        QStringList notes;
        if (name == active)
            notes << tr("active");
        if (p && p->production)
            notes << tr("▲ production");
        auto *item = new QListWidgetItem(
            notes.isEmpty() ? name : tr("%1 (%2)").arg(name, notes.join(QStringLiteral(", "))), m_list);
        item->setData(Qt::UserRole, name);
        if (name == select)
            selected = item;
    }
    if (selected) {
        m_list->setCurrentItem(selected);
        showProfile(select);
    }
}

void ProfilesDialog::selectProfile(const QString &name)
{
    if (name.isEmpty()) {
        {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentItem(nullptr);
            m_list->clearSelection();
        }
        m_form->showNewProfile();
        m_save->setText(tr("&Create"));
        m_secretsPanel->showProfile(QString());
        return;
    }
    refreshList(name);
}

void ProfilesDialog::showProfile(const QString &name)
{
    if (!m_form->showProfile(name))
        return;
    m_save->setText(tr("&Save"));
    m_secretsPanel->showProfile(m_form->original());
}

void ProfilesDialog::updateButtons()
{
    const bool busy = m_running != nullptr;
    const bool existing = !m_form->original().isEmpty();
    m_list->setEnabled(!busy);
    m_new->setEnabled(!busy);
    m_remove->setEnabled(!busy && existing);
    m_activate->setEnabled(
        !busy && existing && (m_workspace->profiles().activeName() != m_form->original() || m_workspace->isSandbox()));
    m_save->setEnabled(!busy && m_form->isValid());
    m_secretsPanel->setBusy(busy);
    m_form->setLookUpAllowed(!busy);
}

void ProfilesDialog::lookUp(const QString &group, const QString &integration)
{
    if (m_running || integration.isEmpty() || m_form->original().isEmpty())
        return;
    const QString profile = m_form->original();
    run(lookUpFunctions(m_workspace, profile, integration, this),
        tr("Asking %1's Nango what %2 has deployed…").arg(profile, integration),
        [this, group, integration, profile](const Result &r) {
            if (m_form->original() != profile)
                return; // another profile is showing now: the answer is not about its fields
            if (!r.ok()) {
                showError(r.error);
                return;
            }
            const QList<NangoFunction> functions = NangoFunction::listFromData(r.data);
            m_form->offerFunctions(group, integration, functions);
            m_message->setText(functions.isEmpty()
                    ? tr("%1 has nothing deployed: no syncs, no actions.").arg(integration)
                    : tr("%1: %n function(s) found; the model and action fields list them.", nullptr,
                        int(functions.size()))
                          .arg(integration));
        });
}

void ProfilesDialog::run(Job *job, const QString &doing, std::function<void(const Result &)> done)
{
    m_running = job;
    m_message->setText(doing);
    updateButtons();
    connect(job, &Job::finished, this, [this, done = std::move(done)](const Result &r) {
        m_running = nullptr;
        updateButtons();
        done(r);
    });
}

void ProfilesDialog::showError(const Error &error)
{
    m_message->setText(errorText(error));
}

void ProfilesDialog::changed()
{
    m_workspace->profilesEdited();
    Q_EMIT profilesChanged();
}

void ProfilesDialog::save()
{
    if (!m_form->validate() || m_running)
        return;
    ProfileStore &store = m_workspace->profiles();
    ProfileManager manager(&store, m_workspace->secrets());
    const Profile p = m_form->profile();
    const QString original = m_form->original();
    if (original.isEmpty()) {
        const Expected<ProfileManager::Saved> saved = manager.save(p);
        if (!saved) {
            showError(saved.error());
            return;
        }
        finishSave(p, true, saved->activated ? tr("It is now the active profile.") : QString());
        return;
    }
    if (p.name == original) {
        if (const Error e = store.save(p)) {
            showError(e);
            return;
        }
        finishSave(p, false, QString());
        return;
    }
    // Rename (ProfileManager: the keychain entries move with it, or nothing is renamed), then the form's other edits.
    const QString from = original, to = p.name;
    Job *job = manager.rename(from, to, this);
    run(job, tr("Moving the keychain entries of %1 to %2…").arg(from, to), [this, p, from, to](const Result &r) {
        ProfileStore &store = m_workspace->profiles();
        if (!r.ok()) {
            refreshList(from);
            showError(r.error);
            return;
        }
        if (const Error e = store.save(p)) {
            refreshList(to);
            showError(e);
            changed();
            return;
        }
        QStringList moved;
        for (const QJsonValue &v : r.data.toArray())
            moved << SecretStore::displayName(v.toString());
        finishSave(p, false,
            tr("Renamed from %1; keychain entries moved: %2.")
                .arg(from, moved.isEmpty() ? tr("none") : moved.join(QStringLiteral(", "))));
    });
}

void ProfilesDialog::finishSave(const Profile &profile, bool created, const QString &note)
{
    refreshList(profile.name);
    QString text
        = created ? tr("✓ Created profile %1.").arg(profile.name) : tr("✓ Saved profile %1.").arg(profile.name);
    if (!note.isEmpty())
        text += u' ' + note;
    m_message->setText(text);
    changed();
    updateButtons();
}

void ProfilesDialog::confirmRemove()
{
    const QString name = m_form->original();
    if (name.isEmpty() || m_running)
        return;
    m_confirm = new QMessageBox(QMessageBox::Warning, tr("Remove profile"),
        tr("Remove profile %1 and delete its secrets from the keychain?").arg(name), QMessageBox::Cancel, this);
    auto *yes = m_confirm->addButton(tr("Remove %1").arg(name), QMessageBox::DestructiveRole);
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::buttonClicked, this, [this, yes, name](QAbstractButton *button) {
        if (button == yes)
            remove(name);
    });
    m_confirm->open();
}

void ProfilesDialog::remove(const QString &name)
{
    ProfileManager manager(&m_workspace->profiles(), m_workspace->secrets());
    run(manager.remove(name, this), tr("Deleting the keychain entries of %1…").arg(name),
        [this, name](const Result &r) {
            if (!r.ok()) {
                showError(r.error);
                return;
            }
            const QStringList names = m_workspace->profiles().names();
            if (names.isEmpty()) {
                refreshList(QString());
                selectProfile(QString());
            } else {
                const QString active = m_workspace->profiles().activeName();
                refreshList(active.isEmpty() ? names.first() : active);
            }
            m_message->setText(tr("✓ Removed profile %1 and its keychain entries.").arg(name));
            changed();
        });
}

void ProfilesDialog::activate()
{
    const QString name = m_form->original();
    if (name.isEmpty() || m_running)
        return;
    m_workspace->useProfile(name);
    refreshList(name);
    m_message->setText(tr("✓ %1 is now the active profile.").arg(name));
    Q_EMIT profilesChanged();
}

} // namespace crossline
