#include "dialogs/profileform.h"

#include "config/profilestore.h"
#include "widgets/errortext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

namespace crossline {

namespace {

QUrl urlFrom(const QLineEdit *field)
{
    return Profile::normalizedUrl(QUrl(field->text().trimmed()));
}

} // namespace

ProfileForm::ProfileForm(const ProfileStore *profiles, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_name(new QLineEdit(this))
    , m_nangoBase(new QLineEdit(this))
    , m_panoraUrl(new QLineEdit(this))
    , m_mapping(new QComboBox(this))
    , m_recordsBox(new QGroupBox(tr("Where contacts and employees live on Nango"), this))
    , m_production(new QCheckBox(tr("&Production — sends through it ask for confirmation"), this))
    , m_insecure(new QCheckBox(tr("Allow plain &http:// to other hosts (not recommended)"), this))
    , m_validation(new QLabel(this))
{
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

    // The records-and-actions mapping: integration, connection, model (and create action) per resource.
    auto *recordsForm = new QFormLayout(m_recordsBox);
    struct Field
    {
        const char *key;
        QString label;
        QString placeholder;
    };
    QWidget *tabBefore = m_mapping;
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
        // Tab follows the screen: the records fields sit between Mapping and the check boxes made before them.
        setTabOrder(tabBefore, edit);
        tabBefore = edit;
        connect(edit, &QLineEdit::textChanged, this, &ProfileForm::validate);
    }
    auto *recordsNote = new QLabel(
        tr("A deployed Nango keeps data in the records of its syncs: <code>crossline-cli nango functions "
           "--providerConfigKey=KEY</code> lists an integration's syncs, the models they save and its actions."),
        m_recordsBox);
    recordsNote->setWordWrap(true);
    recordsForm->addRow(recordsNote);
    setTabOrder(tabBefore, m_production);
    setTabOrder(m_production, m_insecure);
    const auto showRecords = [this] {
        m_recordsBox->setVisible(
            m_mapping->currentData().toString() == Profile::mappingKey(Profile::NangoMapping::RecordsAndActions));
    };
    connect(m_mapping, &QComboBox::currentIndexChanged, this, showRecords);
    connect(m_mapping, &QComboBox::currentIndexChanged, this, &ProfileForm::validate);
    showRecords();

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0); // the box around the form has the margins
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Nango &base URL:"), m_nangoBase);
    form->addRow(tr("Pa&nora URL:"), m_panoraUrl);
    form->addRow(tr("&Mapping:"), m_mapping);
    form->addRow(m_recordsBox);
    form->addRow(QString(), m_production);
    form->addRow(QString(), m_insecure);
    form->addRow(QString(), m_validation);
    for (QLineEdit *field : { m_name, m_nangoBase, m_panoraUrl })
        connect(field, &QLineEdit::textChanged, this, &ProfileForm::validate);
}

bool ProfileForm::showProfile(const QString &name)
{
    const std::optional<Profile> p = m_profiles->profile(name);
    if (!p)
        return false;
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
    validate();
    return true;
}

void ProfileForm::showNewProfile()
{
    m_original.clear();
    m_name->clear();
    m_nangoBase->clear();
    m_panoraUrl->clear();
    m_mapping->setCurrentIndex(0);
    for (QLineEdit *edit : std::as_const(m_records))
        edit->clear();
    m_production->setChecked(false);
    m_insecure->setChecked(false);
    m_name->setFocus();
    validate();
}

Profile ProfileForm::profile() const
{
    Profile p = m_original.isEmpty() ? Profile {} : m_profiles->profile(m_original).value_or(Profile {});
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

bool ProfileForm::validate()
{
    const Profile p = profile();
    Error e;
    if (p.name.isEmpty()) {
        e = Error::validation(QStringLiteral("name"), tr("Give the profile a name."),
            tr("1 to 40 letters, digits, '-' or '_' (for example dev or prod)."));
    } else {
        e = p.validate();
    }
    if (!e) {
        // The names a profile's environment variables use must stay distinct (ProfileStore refuses them too).
        for (const QString &other : m_profiles->names()) {
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
    m_valid = !e;
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
    Q_EMIT validated();
    return m_valid;
}

} // namespace crossline
