#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;

namespace crossline {

class Job;
class Workspace;
struct Error;
struct UnifiedRequest;

// New contact (the Browser's New contact…): a form validated as you type (names, email, phone with libphonenumber),
// sent as a unified crm.contact create through the chosen provider; the form stays filled when the server refuses it.
class CreateContactDialog : public QDialog
{
    Q_OBJECT
public:
    CreateContactDialog(Workspace *workspace, const QString &provider, QWidget *parent = nullptr);
    ~CreateContactDialog() override;

    QLineEdit *firstNameField() const { return m_first; }
    QLineEdit *lastNameField() const { return m_last; }
    QLineEdit *emailField() const { return m_email; }
    QLineEdit *phoneField() const { return m_phone; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *createButton() const { return m_create; }
    // The unified data object the form describes, in the provider's shape.
    QJsonObject payload() const;

    // A request is on its way: its answer (even "outcome unknown") must stay readable here.
    bool isBusy() const { return !m_running.isNull(); }
    // Cancel, Escape or closing the window: while the request is on its way it stops waiting for the answer (the
    // dialog stays open and says what is known: the contact may have been created); otherwise it closes.
    void reject() override;

Q_SIGNALS:
    void created(const QJsonObject &contact);

private:
    void validate();
    // `error` (from ResourceRegistry::check) in the form's words: its field by the form's label.
    static QString describe(const Error &error);
    void submit();
    void start(const UnifiedRequest &contact);
    UnifiedRequest request() const; // the crm.contact create the form describes

    Workspace *m_workspace;
    QString m_provider;
    QLineEdit *m_first;
    QLineEdit *m_last;
    QLineEdit *m_email;
    QComboBox *m_emailType;
    QLineEdit *m_phone;
    QComboBox *m_phoneType;
    QLabel *m_phoneCheck;
    QLabel *m_message;
    QPushButton *m_create;
    QPushButton *m_cancel;
    QPointer<Job> m_running;
    QPointer<QMessageBox> m_confirm;
};

} // namespace crossline
