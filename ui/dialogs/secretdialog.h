#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace crossline {

class Job;
class SecretStore;

// "Set…" for one keychain entry of a profile: a masked field with a show toggle; Store writes it to the keychain
// (asynchronously) and closes on success, or says what went wrong and keeps what was typed. The value lives in the
// field only; it is cleared when the dialog goes.
class SecretDialog : public QDialog
{
    Q_OBJECT
public:
    SecretDialog(SecretStore *secrets, const QString &profile, const QString &name, QWidget *parent = nullptr);
    ~SecretDialog() override;

    QString profile() const { return m_profileName; }
    QString name() const { return m_name; }
    QLineEdit *valueField() const { return m_value; }
    QAction *showAction() const { return m_show; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *storeButton() const { return m_store; }

private:
    void store();

    SecretStore *m_secrets;
    QString m_profileName;
    QString m_name;
    QLineEdit *m_value;
    QAction *m_show;
    QLabel *m_message;
    QPushButton *m_store;
    QPointer<Job> m_running;
};

} // namespace crossline
