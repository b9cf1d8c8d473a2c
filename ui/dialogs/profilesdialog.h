#pragma once

#include "config/profile.h"
#include "dialogs/profileform.h"
#include "dialogs/profilesecretspanel.h"

#include <QDialog>
#include <QMessageBox>
#include <QPointer>

#include <functional>

class QListWidget;
class QPushButton;

namespace crossline {

class Job;
struct Result;
class Workspace;

// Profiles (named environments) and their keychain entries: list, create, edit (name = rename, Nango base URL,
// Panora URL, mapping, production, allow insecure http) with the problem shown as you type, remove (confirmed;
// removes its keychain entries first), make active. Per profile the three secrets can be set (a masked field) or
// cleared; the dialog only ever shows whether each is stored, never a value. Every keychain call is a job: the
// dialog stays responsive and shows a busy state meanwhile. After a change the Workspace reloads.
//
// The dialog puts together the list, the profile's fields (profileform.h) and its secrets (profilesecretspanel.h);
// it owns Save, Remove and Make active, the busy state and the message line.
class ProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProfilesDialog(Workspace *workspace, QWidget *parent = nullptr);
    ~ProfilesDialog() override;

    // Selects a profile in the list (and shows it in the form); "" starts a new one.
    void selectProfile(const QString &name);
    QString selectedProfile() const { return m_form->original(); }
    bool isBusy() const { return m_running != nullptr; }

    QListWidget *profileList() const { return m_list; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *activateButton() const { return m_activate; }
    QPushButton *saveButton() const { return m_save; }
    QLineEdit *nameField() const { return m_form->nameField(); }
    QLineEdit *nangoBaseField() const { return m_form->nangoBaseField(); }
    QLineEdit *panoraUrlField() const { return m_form->panoraUrlField(); }
    QComboBox *mappingField() const { return m_form->mappingField(); }
    // records-and-actions: where contacts and employees live ("crmIntegration", "crmConnection", "contactModel",
    // "createContactAction", "hrIntegration", "hrConnection", "employeeModel").
    QLineEdit *recordsField(const QString &key) const { return m_form->recordsField(key); }
    QGroupBox *recordsBox() const { return m_form->recordsBox(); }
    // The model and action lists, the Look up buttons ("crm", "hr") and what the lookups found.
    QComboBox *choiceField(const QString &key) const { return m_form->choiceField(key); }
    QPushButton *lookUpButton(const QString &group) const { return m_form->lookUpButton(group); }
    QLabel *discoveredLabel() const { return m_form->discoveredLabel(); }
    QCheckBox *productionBox() const { return m_form->productionBox(); }
    QCheckBox *insecureHttpBox() const { return m_form->insecureHttpBox(); }
    QLabel *validationLabel() const { return m_form->validationLabel(); }
    QLabel *messageLabel() const { return m_message; }
    // Per secret name (nango-key, panora-key, panora-connection-token).
    QLabel *secretStatus(const QString &name) const { return m_secretsPanel->statusLabel(name); }
    QPushButton *setSecretButton(const QString &name) const { return m_secretsPanel->setButton(name); }
    QPushButton *clearSecretButton(const QString &name) const { return m_secretsPanel->clearButton(name); }
    // The open "Set…" dialog, if any.
    SecretDialog *secretDialog() const { return m_secretsPanel->secretDialog(); }
    // The open "Remove?" confirmation, if any.
    QMessageBox *confirmation() const { return m_confirm; }

Q_SIGNALS:
    // Something was saved, removed, activated or stored (the Workspace has been told).
    void profilesChanged();

private:
    void refreshList(const QString &select);
    void showProfile(const QString &name);
    void save();
    void finishSave(const Profile &profile, bool created, const QString &note);
    void confirmRemove();
    void remove(const QString &name);
    void activate();
    void lookUp(const QString &group, const QString &integration);
    void run(Job *job, const QString &doing, std::function<void(const Result &)> done);
    void updateButtons();
    void showError(const Error &error);
    void changed();

    Workspace *m_workspace;

    QListWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_remove;
    QPushButton *m_activate;
    ProfileForm *m_form;
    QPushButton *m_save;
    ProfileSecretsPanel *m_secretsPanel;
    QLabel *m_message;
    QPointer<Job> m_running;
    QPointer<QMessageBox> m_confirm;
};

} // namespace crossline
