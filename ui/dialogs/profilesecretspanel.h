#pragma once

#include "dialogs/secretdialog.h"
#include "job.h"

#include <QGroupBox>
#include <QMap>
#include <QPointer>

class QLabel;
class QPushButton;

namespace crossline {

class SecretStore;

// The keychain entries of one profile (SecretStore::secretNames()), each with whether it is stored — never its
// value — and Set… (a masked field, SecretDialog) or Clear. Under the rows: the environment variables that would
// be used instead of the keychain. A profile not created yet has no entries. Clearing is a job the dialog shows
// as its busy state (jobStarted()); while the dialog is busy the buttons wait.
class ProfileSecretsPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit ProfileSecretsPanel(SecretStore *secrets, QWidget *parent = nullptr);

    // Shows the entries of `profile` ("" for one not created yet), asking the keychain which are stored.
    void showProfile(const QString &profile);
    void setBusy(bool busy);

    // Per secret name (nango-key, panora-key, panora-connection-token).
    QLabel *statusLabel(const QString &name) const { return m_rows.value(name).status; }
    QPushButton *setButton(const QString &name) const { return m_rows.value(name).set; }
    QPushButton *clearButton(const QString &name) const { return m_rows.value(name).clear; }
    // The open "Set…" dialog, if any.
    SecretDialog *secretDialog() const { return m_secretDialog; }

Q_SIGNALS:
    // Clear started `job`; `doing` says what it does. The outcome follows as cleared() or failed().
    void jobStarted(Job *job, const QString &doing);
    // The secret `name` of `profile` was written to / deleted from the keychain; the rows are being read again.
    void stored(const QString &profile, const QString &name);
    void cleared(const QString &profile, const QString &name);
    void failed(const Error &error);

private:
    static QString labelText(const QString &name); // "Nan&go secret key:"
    struct Row
    {
        QLabel *status = nullptr;
        QPushButton *set = nullptr;
        QPushButton *clear = nullptr;
    };

    void refresh();
    void setSecret(const QString &name);
    void clearSecret(const QString &name);
    void updateButtons();

    SecretStore *m_secrets;
    QString m_profile;
    bool m_busy = false;
    int m_generation = 0;
    QMap<QString, Row> m_rows;
    QLabel *m_note;
    QPointer<SecretDialog> m_secretDialog;
};

} // namespace crossline
