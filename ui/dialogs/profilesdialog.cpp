#include "dialogs/profilesdialog.h"

#include "config/profilemanager.h"
#include "dialogs/secretdialog.h"
#include "job.h"
#include "widgets/errortext.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace crossline {

namespace {

QUrl urlFrom(const QLineEdit *field)
{
    return Profile::normalizedUrl(QUrl(field->text().trimmed()));
}

} // namespace

ProfilesDialog::ProfilesDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_list(new QListWidget(this))
    , m_new(new QPushButton(tr("&New"), this))
    , m_remove(new QPushButton(tr("&Remove…"), this))
    , m_activate(new QPushButton(tr("Make &active"), this))
    , m_name(new QLineEdit(this))
    , m_nangoBase(new QLineEdit(this))
    , m_panoraUrl(new QLineEdit(this))
    , m_mapping(new QComboBox(this))
    , m_recordsBox(new QGroupBox(tr("Where contacts and employees live on Nango"), this))
    , m_production(new QCheckBox(tr("&Production — sends through it ask for confirmation"), this))
    , m_insecure(new QCheckBox(tr("Allow plain &http:// to other hosts (not recommended)"), this))
    , m_validation(new QLabel(this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_secretsBox(new QGroupBox(tr("Secrets in the system keychain"), this))
    , m_secretsNote(new QLabel(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Profiles"));

    m_list->setAccessibleName(tr("Profiles"));
    m_list->setMinimumWidth(fontMetrics().averageCharWidth() * 26);
    m_new->setToolTip(tr("Create a profile (named environment such as dev or prod)"));
    m_remove->setToolTip(tr("Remove the profile and delete its keychain entries"));
    m_activate->setToolTip(tr("Use this profile (the environment bar's choice)"));

    m_name->setAccessibleName(tr("Profile name"));
    m_name->setPlaceholderText(tr("e.g. dev or prod"));
    m_name->setMaxLength(40);
    m_nangoBase->setAccessibleName(tr("Nango base URL"));
    m_nangoBase->setPlaceholderText(tr("https://api.nango.dev (default)"));
    m_panoraUrl->setAccessibleName(tr("Panora URL"));
    m_panoraUrl->setPlaceholderText(tr("e.g. https://api.panora.dev"));
    m_mapping->addItem(tr("Compatible paths (/crm/contacts, as the original backend)"),
        Profile::mappingKey(Profile::NangoMapping::CompatiblePaths));
    m_mapping->addItem(tr("Records and actions (Nango syncs and actions)"),
        Profile::mappingKey(Profile::NangoMapping::RecordsAndActions));
    m_mapping->setAccessibleName(tr("Nango mapping"));
    m_validation->setWordWrap(true);
    m_validation->setAccessibleName(tr("Problem with the profile"));
    m_save->setDefault(true);

    // The records-and-actions mapping: integration, connection, model (and create action) per resource.
    auto *recordsForm = new QFormLayout(m_recordsBox);
    struct Field
    {
        const char *key;
        QString label;
        QString placeholder;
    };
    for (const Field &f : { Field { "crmIntegration", tr("Contacts integration:"), tr("e.g. hubspot") },
             Field { "crmConnection", tr("Contacts connection:"), tr("connection id") },
             Field { "contactModel", tr("Contact model:"), QStringLiteral("Contact") },
             Field { "createContactAction", tr("Create action:"), QStringLiteral("create-contact") },
             Field { "hrIntegration", tr("Employees integration:"), tr("e.g. bamboohr-basic") },
             Field { "hrConnection", tr("Employees connection:"), tr("connection id") },
             Field { "employeeModel", tr("Employee model:"), QStringLiteral("Employee") } }) {
        auto *edit = new QLineEdit(m_recordsBox);
        edit->setPlaceholderText(f.placeholder);
        edit->setAccessibleName(QString(f.label).remove(QLatin1Char(':')));
        recordsForm->addRow(f.label, edit);
        m_records.insert(QLatin1String(f.key), edit);
        connect(edit, &QLineEdit::textChanged, this, &ProfilesDialog::validateForm);
    }
    auto *recordsNote = new QLabel(
        tr("A deployed Nango keeps data in the records of its syncs: <code>crossline-cli nango functions "
           "--providerConfigKey=KEY</code> lists an integration's syncs, the models they save and its actions."),
        m_recordsBox);
    recordsNote->setWordWrap(true);
    recordsForm->addRow(recordsNote);
    const auto showRecords = [this] {
        m_recordsBox->setVisible(
            m_mapping->currentData().toString() == Profile::mappingKey(Profile::NangoMapping::RecordsAndActions));
    };
    connect(m_mapping, &QComboBox::currentIndexChanged, this, showRecords);
    connect(m_mapping, &QComboBox::currentIndexChanged, this, &ProfilesDialog::validateForm);
    showRecords();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Nango &base URL:"), m_nangoBase);
    form->addRow(tr("Pa&nora URL:"), m_panoraUrl);
    form->addRow(tr("&Mapping:"), m_mapping);
    form->addRow(m_recordsBox);
    form->addRow(QString(), m_production);
    form->addRow(QString(), m_insecure);
    form->addRow(QString(), m_validation);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_save);
    auto *settingsBox = new QGroupBox(tr("Settings"), this);
    auto *settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addLayout(form);
    settingsLayout->addLayout(saveRow);

    auto *grid = new QGridLayout(m_secretsBox);
    int row = 0;
    for (const QString &name : SecretStore::secretNames()) {
        SecretRow r;
        auto *label = new QLabel(SecretStore::displayName(name) + QLatin1Char(':'), m_secretsBox);
        r.status = new QLabel(m_secretsBox);
        r.status->setAccessibleName(tr("%1 status").arg(SecretStore::displayName(name)));
        r.set = new QPushButton(tr("Set…"), m_secretsBox);
        r.set->setAccessibleName(tr("Set %1").arg(SecretStore::displayName(name)));
        r.set->setToolTip(tr("Store a new %1 in the keychain").arg(SecretStore::displayName(name)));
        r.clear = new QPushButton(tr("Clear"), m_secretsBox);
        r.clear->setAccessibleName(tr("Clear %1").arg(SecretStore::displayName(name)));
        r.clear->setToolTip(tr("Delete the %1 from the keychain").arg(SecretStore::displayName(name)));
        grid->addWidget(label, row, 0);
        grid->addWidget(r.status, row, 1);
        grid->addWidget(r.set, row, 2);
        grid->addWidget(r.clear, row, 3);
        connect(r.set, &QPushButton::clicked, this, [this, name] { setSecret(name); });
        connect(r.clear, &QPushButton::clicked, this, [this, name] { clearSecret(name); });
        m_secretRows.insert(name, r);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    m_secretsNote->setWordWrap(true);
    m_secretsNote->setAccessibleName(tr("Keychain note"));
    grid->addWidget(m_secretsNote, row, 0, 1, 4);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);
    left->addWidget(m_activate);
    auto *right = new QVBoxLayout;
    right->addWidget(settingsBox);
    right->addWidget(m_secretsBox);
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
    for (QLineEdit *field : { m_name, m_nangoBase, m_panoraUrl })
        connect(field, &QLineEdit::textChanged, this, &ProfilesDialog::validateForm);

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
        m_original.clear();
        m_name->clear();
        m_nangoBase->clear();
        m_panoraUrl->clear();
        m_mapping->setCurrentIndex(0);
        for (QLineEdit *edit : std::as_const(m_records))
            edit->clear();
        m_production->setChecked(false);
        m_insecure->setChecked(false);
        m_save->setText(tr("&Create"));
        m_name->setFocus();
        refreshSecrets();
        validateForm();
        return;
    }
    refreshList(name);
}

void ProfilesDialog::showProfile(const QString &name)
{
    const std::optional<Profile> p = m_workspace->profiles().profile(name);
    if (!p)
        return;
    m_original = p->name;
    const QSignalBlocker b1(m_name), b2(m_nangoBase), b3(m_panoraUrl);
    m_name->setText(p->name);
    m_nangoBase->setText(p->nangoBase.toString());
    m_panoraUrl->setText(p->panoraUrl.toString());
    m_mapping->setCurrentIndex(qMax(0, m_mapping->findData(Profile::mappingKey(p->nangoMapping))));
    for (const auto &[key, value] : { std::pair { "crmIntegration", p->crmRecords.integration },
             std::pair { "crmConnection", p->crmRecords.connectionId },
             std::pair { "contactModel", p->crmRecords.model },
             std::pair { "createContactAction", p->crmRecords.createAction },
             std::pair { "hrIntegration", p->hrRecords.integration },
             std::pair { "hrConnection", p->hrRecords.connectionId },
             std::pair { "employeeModel", p->hrRecords.model } }) {
        const QSignalBlocker block(m_records.value(QLatin1String(key)));
        m_records.value(QLatin1String(key))->setText(value);
    }
    m_production->setChecked(p->production);
    m_insecure->setChecked(p->allowInsecureHttp);
    m_save->setText(tr("&Save"));
    refreshSecrets();
    validateForm();
}

Profile ProfilesDialog::profileFromForm() const
{
    // Settings this form does not show (e.g. set with the CLI) are kept as they are.
    Profile p = m_original.isEmpty() ? Profile {} : m_workspace->profiles().profile(m_original).value_or(Profile {});
    p.name = m_name->text().trimmed();
    p.nangoBase = urlFrom(m_nangoBase);
    p.panoraUrl = urlFrom(m_panoraUrl);
    p.nangoMapping
        = Profile::mappingFromKey(m_mapping->currentData().toString()).value_or(Profile::NangoMapping::CompatiblePaths);
    p.production = m_production->isChecked();
    p.allowInsecureHttp = m_insecure->isChecked();
    const auto text = [this](const char *key) { return m_records.value(QLatin1String(key))->text().trimmed(); };
    p.crmRecords = { text("crmIntegration"), text("crmConnection"), text("contactModel"), text("createContactAction") };
    p.hrRecords = { text("hrIntegration"), text("hrConnection"), text("employeeModel"), {} };
    // An empty model or action field means the default (the placeholder shows it).
    if (p.crmRecords.model.isEmpty())
        p.crmRecords.model = Profile().crmRecords.model;
    if (p.crmRecords.createAction.isEmpty())
        p.crmRecords.createAction = Profile().crmRecords.createAction;
    if (p.hrRecords.model.isEmpty())
        p.hrRecords.model = Profile().hrRecords.model;
    return p;
}

void ProfilesDialog::validateForm()
{
    const Profile p = profileFromForm();
    Error e;
    if (p.name.isEmpty()) {
        e = Error::validation(QStringLiteral("name"), tr("Give the profile a name."),
            tr("1 to 40 letters, digits, '-' or '_' (for example dev or prod)."));
    } else {
        e = p.validate();
    }
    if (!e) {
        // The names a profile's environment variables use must stay distinct (ProfileStore refuses them too).
        for (const QString &other : m_workspace->profiles().names()) {
            if (other == m_original)
                continue;
            if (other == p.name) {
                e = Error::validation(QStringLiteral("name"), tr("A profile named '%1' already exists.").arg(p.name));
                break;
            }
            if (Profile::envSuffixFor(other) == p.envSuffix()) {
                e = Error::validation(QStringLiteral("name"),
                    tr("The name '%1' is too close to the existing profile '%2'.").arg(p.name, other),
                    tr("Both would use the environment variables ending in _%1.").arg(p.envSuffix()));
                break;
            }
        }
    }
    m_formValid = !e;
    m_validation->setText(e ? errorText(e) : QString());
    m_validation->setVisible(e.isError());
    // Point at the field: its accessible description carries the problem for screen readers.
    for (QLineEdit *field : { m_name, m_nangoBase, m_panoraUrl })
        field->setAccessibleDescription(QString());
    QLineEdit *bad = e.field == u"name" ? m_name
        : e.field == u"nangoBase"       ? m_nangoBase
        : e.field == u"panoraUrl"       ? m_panoraUrl
                                        : nullptr;
    if (bad)
        bad->setAccessibleDescription(e.message);
    updateButtons();
}

void ProfilesDialog::updateButtons()
{
    const bool busy = m_running != nullptr;
    const bool existing = !m_original.isEmpty();
    m_list->setEnabled(!busy);
    m_new->setEnabled(!busy);
    m_remove->setEnabled(!busy && existing);
    m_activate->setEnabled(
        !busy && existing && (m_workspace->profiles().activeName() != m_original || m_workspace->isSandbox()));
    m_save->setEnabled(!busy && m_formValid);
    for (const SecretRow &r : std::as_const(m_secretRows)) {
        r.set->setEnabled(!busy && existing);
        r.clear->setEnabled(!busy && existing && r.status->text() == tr("stored"));
    }
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
    validateForm();
    if (!m_formValid || m_running)
        return;
    ProfileStore &store = m_workspace->profiles();
    ProfileManager manager(&store, m_workspace->secrets());
    const Profile p = profileFromForm();
    if (m_original.isEmpty()) {
        const Expected<ProfileManager::Saved> saved = manager.save(p);
        if (!saved) {
            showError(saved.error());
            return;
        }
        finishSave(p, true, saved->activated ? tr("It is now the active profile.") : QString());
        return;
    }
    if (p.name == m_original) {
        if (const Error e = store.save(p)) {
            showError(e);
            return;
        }
        finishSave(p, false, QString());
        return;
    }
    // Rename (ProfileManager: the keychain entries move with it, or nothing is renamed), then the form's other edits.
    const QString from = m_original, to = p.name;
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
    if (m_original.isEmpty() || m_running)
        return;
    const QString name = m_original;
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
    if (m_original.isEmpty() || m_running)
        return;
    const QString name = m_original;
    m_workspace->useProfile(name);
    refreshList(name);
    m_message->setText(tr("✓ %1 is now the active profile.").arg(name));
    Q_EMIT profilesChanged();
}

void ProfilesDialog::refreshSecrets()
{
    const int generation = ++m_secretsGeneration;
    const QString profile = m_original;
    m_secretsNote->clear();
    if (profile.isEmpty()) {
        for (const SecretRow &r : std::as_const(m_secretRows))
            r.status->setText(tr("—"));
        m_secretsNote->setText(tr("Create the profile first, then store its secrets."));
        updateButtons();
        return;
    }
    for (const SecretRow &r : std::as_const(m_secretRows))
        r.status->setText(tr("checking…"));
    // Which environment variables would win over the keychain for this profile (ConfigResolver's precedence).
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList overriding;
    for (const QString &name : SecretStore::secretNames()) {
        if (const QString v = ConfigResolver::overridingVariable(profile, name, env); !v.isEmpty())
            overriding << v;
    }
    updateButtons();
    Job *job = m_workspace->secrets()->storedNames(profile);
    connect(job, &Job::finished, this, [this, generation, overriding](const Result &r) {
        if (generation != m_secretsGeneration)
            return; // another profile is shown now
        QStringList notes;
        if (r.ok()) {
            const QJsonArray stored = r.data.toArray();
            for (auto it = m_secretRows.cbegin(); it != m_secretRows.cend(); ++it)
                it->status->setText(stored.contains(QJsonValue(it.key())) ? tr("stored") : tr("not stored"));
        } else {
            for (const SecretRow &row : std::as_const(m_secretRows))
                row.status->setText(tr("unknown"));
            notes << errorText(r.error);
        }
        if (!overriding.isEmpty())
            notes << tr("Set in the environment, and used instead of the keychain: %1.")
                         .arg(overriding.join(QStringLiteral(", ")));
        m_secretsNote->setText(notes.join(QLatin1Char('\n')));
        updateButtons();
    });
}

void ProfilesDialog::setSecret(const QString &name)
{
    if (m_original.isEmpty() || m_running)
        return;
    if (m_secretDialog)
        m_secretDialog->close();
    const QString profile = m_original;
    m_secretDialog = new SecretDialog(m_workspace->secrets(), profile, name, this);
    m_secretDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_secretDialog, &QDialog::accepted, this, [this, profile, name] {
        m_message->setText(
            tr("✓ Stored the %1 of profile %2 in the keychain.").arg(SecretStore::displayName(name), profile));
        refreshSecrets();
        changed();
    });
    m_secretDialog->open();
}

void ProfilesDialog::clearSecret(const QString &name)
{
    if (m_original.isEmpty() || m_running)
        return;
    const QString profile = m_original;
    run(m_workspace->secrets()->remove(profile, name),
        tr("Deleting the %1 of %2…").arg(SecretStore::displayName(name), profile),
        [this, profile, name](const Result &r) {
            if (!r.ok()) {
                showError(r.error);
                return;
            }
            m_message->setText(
                tr("✓ Deleted the %1 of profile %2 from the keychain.").arg(SecretStore::displayName(name), profile));
            refreshSecrets();
            changed();
        });
}

} // namespace crossline
