#pragma once

#include "config/profile.h"
#include "dialogs/secretdialog.h"

#include <QDialog>
#include <QMap>
#include <QMessageBox>
#include <QPointer>

#include <functional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QWidget;

namespace crossline {

class Job;
struct Result;
class Workspace;

// Profiles (named environments) and their keychain entries: list, create, edit (name = rename, Nango base URL,
// Panora URL, mapping, production, allow insecure http) with the problem shown as you type, remove (confirmed;
// removes its keychain entries first), make active. Per profile the three secrets can be set (a masked field) or
// cleared; the dialog only ever shows whether each is stored, never a value. Every keychain call is a job: the
// dialog stays responsive and shows a busy state meanwhile. After a change the Workspace reloads.
class ProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProfilesDialog(Workspace *workspace, QWidget *parent = nullptr);
    ~ProfilesDialog() override;

    // Selects a profile in the list (and shows it in the form); "" starts a new one.
    void selectProfile(const QString &name);
    QString selectedProfile() const { return m_original; }
    bool isBusy() const { return m_running != nullptr; }

    QListWidget *profileList() const { return m_list; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *activateButton() const { return m_activate; }
    QPushButton *saveButton() const { return m_save; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *nangoBaseField() const { return m_nangoBase; }
    QLineEdit *panoraUrlField() const { return m_panoraUrl; }
    QComboBox *mappingField() const { return m_mapping; }
    // records-and-actions: where contacts and employees live ("crmIntegration", "crmConnection", "contactModel",
    // "createContactAction", "hrIntegration", "hrConnection", "employeeModel").
    QLineEdit *recordsField(const QString &key) const { return m_records.value(key); }
    QGroupBox *recordsBox() const { return m_recordsBox; }
    QCheckBox *productionBox() const { return m_production; }
    QCheckBox *insecureHttpBox() const { return m_insecure; }
    QLabel *validationLabel() const { return m_validation; }
    QLabel *messageLabel() const { return m_message; }
    // Per secret name (nango-key, panora-key, panora-connection-token).
    QLabel *secretStatus(const QString &name) const { return m_secretRows.value(name).status; }
    QPushButton *setSecretButton(const QString &name) const { return m_secretRows.value(name).set; }
    QPushButton *clearSecretButton(const QString &name) const { return m_secretRows.value(name).clear; }
    // The open "Set…" dialog, if any.
    SecretDialog *secretDialog() const { return m_secretDialog; }
    // The open "Remove?" confirmation, if any.
    QMessageBox *confirmation() const { return m_confirm; }

Q_SIGNALS:
    // Something was saved, removed, activated or stored (the Workspace has been told).
    void profilesChanged();

private:
    struct SecretRow
    {
        QLabel *status = nullptr;
        QPushButton *set = nullptr;
        QPushButton *clear = nullptr;
    };

    void refreshList(const QString &select);
    void showProfile(const QString &name);
    Profile profileFromForm() const;
    void validateForm();
    void save();
    void finishSave(const Profile &profile, bool created, const QString &note);
    void confirmRemove();
    void remove(const QString &name);
    void activate();
    void refreshSecrets();
    void setSecret(const QString &name);
    void clearSecret(const QString &name);
    void run(Job *job, const QString &doing, std::function<void(const Result &)> done);
    void updateButtons();
    void showError(const Error &error);
    void changed();

    Workspace *m_workspace;
    QString m_original; // the profile shown in the form; "" for a new one
    bool m_formValid = false;
    int m_secretsGeneration = 0;

    QListWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_remove;
    QPushButton *m_activate;
    QLineEdit *m_name;
    QLineEdit *m_nangoBase;
    QLineEdit *m_panoraUrl;
    QComboBox *m_mapping;
    QGroupBox *m_recordsBox;
    QMap<QString, QLineEdit *> m_records;
    QCheckBox *m_production;
    QCheckBox *m_insecure;
    QLabel *m_validation;
    QPushButton *m_save;
    QWidget *m_secretsBox;
    QLabel *m_secretsNote;
    QMap<QString, SecretRow> m_secretRows;
    QLabel *m_message;
    QPointer<Job> m_running;
    QPointer<SecretDialog> m_secretDialog;
    QPointer<QMessageBox> m_confirm;
};

} // namespace crossline
