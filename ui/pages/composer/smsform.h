#pragma once

#include "pages/composer/composerform.h"

#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace crossline {

class Job;
class Workspace;

// The Composer's SMS tab: a Twilio SMS through Nango's proxy. The connection, the sender (a From number or a
// Messaging Service SID), the Account SID (looked up through the connection when left empty), the recipient and
// the text with a live GSM-7/UCS-2 segment counter.
class SmsForm : public ComposerForm
{
    Q_OBJECT
public:
    explicit SmsForm(Workspace *workspace, QWidget *parent = nullptr);

    Expected<QJsonObject> build() const override;
    QWidget *widgetFor(const QString &field) const override;
    void showPreview(MessageBubble *bubble) const override;
    Expected<Job *> send(MessageSender *sender, const QJsonObject &data) const override;
    QJsonObject draft() const override;
    void restoreDraft(const QJsonObject &draft) override;
    void clientsReplaced() override;

    // A send answered with the account's SID: offered as a hint while the field is empty.
    void noteAccountSid(const QString &accountSid);

public Q_SLOTS:
    // Asks Twilio, through the connection, for its Account SID and fills it in (Ctrl+Shift+L, Look up).
    void lookupAccountSid();

protected:
    QStringList messageWarnings(const QJsonObject &data) const override;

private:
    void updateCounter();

    Workspace *m_workspace;
    QPointer<Job> m_lookupJob;

    QComboBox *m_senderKind;
    QLineEdit *m_sender;
    QLineEdit *m_accountSid;
    QPushButton *m_accountLookup;
    QPlainTextEdit *m_body;
    QLabel *m_counter;
    QLabel *m_budget;
    QLabel *m_note;
};

} // namespace crossline
