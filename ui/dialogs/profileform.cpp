#include "dialogs/profileform.h"

#include "config/profilestore.h"
#include "nango/nangoresults.h"
#include "widgets/errortext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
    , m_discovered(new QLabel(m_recordsBox))
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

    // The records-and-actions mapping: integration, connection, model (and create action) per resource. The model and
    // action fields are editable lists: "Look up" fills them with what the integration has deployed.
    auto *recordsForm = new QFormLayout(m_recordsBox);
    enum class Kind
    {
        Text,
        Choice, // an editable list the lookup fills
        Integration // text, with a Look up button beside it
    };
    struct Field
    {
        const char *key;
        QString label;
        QString placeholder;
        Kind kind;
    };
    QWidget *tabBefore = m_mapping;
    for (const Field &f :
        { Field { "crmIntegration", tr("Contacts integration:"), tr("e.g. hubspot"), Kind::Integration },
            Field { "crmConnection", tr("Contacts connection:"), tr("connection id"), Kind::Text },
            Field { "contactModel", tr("Contact model:"), QStringLiteral("Contact"), Kind::Choice },
            Field { "createContactAction", tr("Create action:"), QStringLiteral("create-contact"), Kind::Choice },
            Field { "hrIntegration", tr("Employees integration:"), tr("e.g. bamboohr-basic"), Kind::Integration },
            Field { "hrConnection", tr("Employees connection:"), tr("connection id"), Kind::Text },
            Field { "employeeModel", tr("Employee model:"), QStringLiteral("Employee"), Kind::Choice } }) {
        const QString name = QString(f.label).remove(QLatin1Char(':'));
        QLineEdit *edit = nullptr;
        QWidget *row = nullptr;
        if (f.kind == Kind::Choice) {
            auto *combo = new QComboBox(m_recordsBox);
            combo->setEditable(true);
            combo->setInsertPolicy(QComboBox::NoInsert);
            combo->setAccessibleName(name);
            edit = combo->lineEdit();
            m_choices.insert(QLatin1String(f.key), combo);
            row = combo;
        } else {
            edit = new QLineEdit(m_recordsBox);
            row = edit;
        }
        edit->setPlaceholderText(f.placeholder);
        edit->setAccessibleName(name);
        m_records.insert(QLatin1String(f.key), edit);
        // Tab follows the screen: the records fields sit between Mapping and the check boxes made before them.
        setTabOrder(tabBefore, row);
        tabBefore = row;
        if (f.kind == Kind::Integration) {
            const QString group
                = QLatin1String(f.key).startsWith(QLatin1String("crm")) ? QStringLiteral("crm") : QStringLiteral("hr");
            auto *lookUp = new QPushButton(tr("Look up"), m_recordsBox);
            lookUp->setAccessibleName(tr("Look up the syncs and actions of the %1").arg(name.toLower()));
            m_lookUp.insert(group, lookUp);
            connect(lookUp, &QPushButton::clicked, this,
                [this, group, edit] { Q_EMIT lookUpRequested(group, edit->text().trimmed()); });
            connect(edit, &QLineEdit::textChanged, this, &ProfileForm::updateLookUp);
            auto *line = new QHBoxLayout;
            line->setContentsMargins(0, 0, 0, 0);
            line->addWidget(edit, 1);
            line->addWidget(lookUp);
            recordsForm->addRow(f.label, line);
            setTabOrder(tabBefore, lookUp);
            tabBefore = lookUp;
        } else {
            recordsForm->addRow(f.label, row);
        }
        connect(edit, &QLineEdit::textChanged, this, &ProfileForm::validate);
    }
    m_discovered->setWordWrap(true);
    m_discovered->setTextFormat(Qt::RichText);
    m_discovered->setAccessibleName(tr("What the integrations offer"));
    recordsForm->addRow(m_discovered);
    setTabOrder(tabBefore, m_production);
    setTabOrder(m_production, m_insecure);
    const auto showRecords = [this] {
        m_recordsBox->setVisible(
            m_mapping->currentData().toString() == Profile::mappingKey(Profile::NangoMapping::RecordsAndActions));
    };
    connect(m_mapping, &QComboBox::currentIndexChanged, this, showRecords);
    connect(m_mapping, &QComboBox::currentIndexChanged, this, &ProfileForm::validate);
    showRecords();
    m_discovered->hide();
    updateLookUp();

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
    forgetDiscovered();
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
    forgetDiscovered();
    m_name->setFocus();
    validate();
}

void ProfileForm::setLookUpAllowed(bool allowed)
{
    m_lookUpAllowed = allowed;
    updateLookUp();
}

void ProfileForm::updateLookUp()
{
    for (auto it = m_lookUp.cbegin(); it != m_lookUp.cend(); ++it) {
        const QString integration
            = m_records.value(it.key() == u"crm" ? QStringLiteral("crmIntegration") : QStringLiteral("hrIntegration"))
                  ->text()
                  .trimmed();
        it.value()->setEnabled(m_lookUpAllowed && !m_original.isEmpty() && !integration.isEmpty());
        it.value()->setToolTip(m_original.isEmpty()
                ? tr("Save the profile and store its Nango secret key first: the lookup asks its Nango.")
                : tr("Ask this profile's Nango, as saved, what the integration has deployed: its syncs with the "
                     "models they save, and its actions (GET /integrations/{key}/functions)."));
    }
}

void ProfileForm::forgetDiscovered()
{
    m_summaries.clear();
    for (QComboBox *combo : std::as_const(m_choices)) {
        const QSignalBlocker block(combo);
        const QString text = combo->currentText();
        combo->clear();
        combo->setEditText(text);
    }
    m_discovered->clear();
    m_discovered->hide();
    updateLookUp();
}

void ProfileForm::offerFunctions(
    const QString &group, const QString &integration, const QList<NangoFunction> &functions)
{
    const bool crm = group == u"crm";
    const QStringList models = NangoFunction::syncModels(functions);
    const auto offer = [this](const char *key, const QStringList &names) {
        QComboBox *combo = m_choices.value(QLatin1String(key));
        const QString text = combo->currentText();
        combo->clear();
        combo->addItems(names);
        combo->setCurrentIndex(-1);
        combo->setEditText(text); // the choice stays the user's; the list only offers
    };
    offer(crm ? "contactModel" : "employeeModel", models);
    if (crm)
        offer("createContactAction", NangoFunction::actionNames(functions));

    // One line per integration: its syncs (model), its actions, and a warning when the fields name what it lacks.
    const auto named = [](const NangoFunction &f) {
        QString text = f.name.toHtmlEscaped();
        if (!f.models.isEmpty())
            text += QStringLiteral(" → ") + f.models.join(QStringLiteral(", ")).toHtmlEscaped();
        if (!f.enabled)
            text += QLatin1Char(' ') + tr("(disabled)");
        return text;
    };
    QStringList syncs, actions;
    for (const NangoFunction &f : functions) {
        if (f.isSync())
            syncs << named(f);
        else if (f.isAction())
            actions << f.name.toHtmlEscaped() + (f.enabled ? QString() : QLatin1Char(' ') + tr("(disabled)"));
    }
    QString line = QStringLiteral("<b>%1</b>: ").arg(integration.toHtmlEscaped());
    line += syncs.isEmpty() ? tr("no syncs") : tr("syncs %1").arg(syncs.join(QStringLiteral(", ")));
    if (crm)
        line += QStringLiteral(" · ")
            + (actions.isEmpty() ? tr("no actions") : tr("actions %1").arg(actions.join(QStringLiteral(", "))));
    const Profile p = profile();
    const QString model = crm ? p.crmRecords.model : p.hrRecords.model;
    if (!models.contains(model))
        line += QStringLiteral("<br>⚠ ") + tr("No sync saves the model %1.").arg(model.toHtmlEscaped());
    if (crm && !NangoFunction::actionNames(functions).contains(p.crmRecords.createAction))
        line += QStringLiteral("<br>⚠ ") + tr("No action is named %1.").arg(p.crmRecords.createAction.toHtmlEscaped());
    m_summaries.insert(group, line);
    m_discovered->setText(QStringList(m_summaries.values()).join(QStringLiteral("<br>")));
    m_discovered->show();
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
