#pragma once

#include "config/profile.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace crossline {

class ProfileStore;
struct NangoFunction;

// The settings of one profile as fields: name (a new name renames), Nango base URL, Panora URL, the Nango mapping
// with the records-and-actions fields it needs, production, allow insecure http. Each edit is checked at once
// (the profile's own rules, and a name distinct from the other saved profiles) and the problem shows under the
// fields. The form only reads the saved profiles: the dialog decides when to save what profile() gives.
class ProfileForm : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileForm(const ProfileStore *profiles, QWidget *parent = nullptr);

    // Fills the fields with the saved profile `name`; false, and nothing changes, when there is none.
    bool showProfile(const QString &name);
    // Empty fields for a new profile, the cursor in Name.
    void showNewProfile();
    // The saved profile the fields edit; "" for a new one.
    QString original() const { return m_original; }

    // The profile the fields describe. Settings the form does not show (e.g. set with the CLI) are the saved
    // profile's.
    Profile profile() const;
    // Checks the fields (each edit does too), shows the problem and emits validated(); true when there is none.
    bool validate();
    bool isValid() const { return m_valid; }

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *nangoBaseField() const { return m_nangoBase; }
    QLineEdit *panoraUrlField() const { return m_panoraUrl; }
    QComboBox *mappingField() const { return m_mapping; }
    // records-and-actions: where contacts and employees live ("crmIntegration", "crmConnection", "contactModel",
    // "createContactAction", "hrIntegration", "hrConnection", "employeeModel").
    QLineEdit *recordsField(const QString &key) const { return m_records.value(key); }
    // The editable lists among them ("contactModel", "createContactAction", "employeeModel").
    QComboBox *choiceField(const QString &key) const { return m_choices.value(key); }
    // "Look up" beside the contacts ("crm") or employees ("hr") integration.
    QPushButton *lookUpButton(const QString &group) const { return m_lookUp.value(group); }
    QLabel *discoveredLabel() const { return m_discovered; }

    // What the integration of `group` ("crm", "hr") has deployed: the model fields (and the create action) list it,
    // keeping what they say; a line under the fields names its syncs and actions, and warns when the fields name a
    // model or action it lacks. Forgotten when another profile is shown.
    void offerFunctions(const QString &group, const QString &integration, const QList<NangoFunction> &functions);
    // Whether a lookup may start now (the dialog forbids it while busy).
    void setLookUpAllowed(bool allowed);
    QGroupBox *recordsBox() const { return m_recordsBox; }
    QCheckBox *productionBox() const { return m_production; }
    QCheckBox *insecureHttpBox() const { return m_insecure; }
    QLabel *validationLabel() const { return m_validation; }

Q_SIGNALS:
    // The fields were checked: isValid() may have changed.
    void validated();
    // Look up was pressed for `group`'s integration (a saved profile, an integration given).
    void lookUpRequested(const QString &group, const QString &integration);

private:
    void updateLookUp();
    void forgetDiscovered();

    const ProfileStore *m_profiles;
    QString m_original;
    bool m_valid = false;

    QLineEdit *m_name;
    QLineEdit *m_nangoBase;
    QLineEdit *m_panoraUrl;
    QComboBox *m_mapping;
    QGroupBox *m_recordsBox;
    QMap<QString, QLineEdit *> m_records;
    QMap<QString, QComboBox *> m_choices;
    QMap<QString, QPushButton *> m_lookUp;
    QMap<QString, QString> m_summaries; // group → its line in m_discovered
    bool m_lookUpAllowed = true;
    QCheckBox *m_production;
    QCheckBox *m_insecure;
    QLabel *m_validation;
    QLabel *m_discovered;
};

} // namespace crossline
