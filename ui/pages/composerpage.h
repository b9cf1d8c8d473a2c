#pragma once

#include "history/outboxitem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QMessageBox;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QShortcut;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolButton;

namespace crossline {

struct Error;
class HistoryStore;
class Job;
class MessageBubble;
class PhoneField;
class TemplateParameterForm;
class Workspace;
struct Result;

// Send a WhatsApp or SMS test message through Nango's proxy (UI.md "Composer"): the connection, the sender, a
// recipient checked as it is typed, text or a WABA template with generated parameter fields, a live preview;
// Send (Ctrl+Enter) shows the message id or the provider's error and hint; Twilio's delivery status can be followed.
// Drafts are saved as you type and restored at start; failed sends wait in the outbox to be retried or discarded.
// Controls carry object names ("whatsappRecipient", "sendButton", …) so tests can drive them like a person would.
class ComposerPage : public QWidget
{
    Q_OBJECT
public:
    enum Channel
    {
        WhatsApp,
        Sms
    };

    explicit ComposerPage(Workspace *workspace, QWidget *parent = nullptr);
    ~ComposerPage() override;

    // Selects the connection (a Nango connection object: connection_id, provider_config_key, provider, metadata…),
    // switches to its channel and fills what its metadata knows (phone_number_id, waba_id).
    void prefill(const QJsonObject &connection);

    // Drafts and the outbox live in the app's history database: Workspace::history(), or — when that could not be
    // opened — a store the page opens itself. A store set here is used instead (the page does not own it).
    void setHistoryStore(HistoryStore *store);
    HistoryStore *historyStore() const { return m_history; }

    Channel channel() const;
    void setChannel(Channel channel);
    void setStatusPollInterval(int ms); // default 2 s (messaging.md §2.4)
    void setStatusPollTimeout(int ms); // default 2 min
    void setDraftSaveDelay(int ms); // default 600 ms after the last keystroke

    // The validation message under the form: empty when the current tab can be sent.
    QString validationMessage() const;

public Q_SLOTS:
    void send();
    void loadConnections();
    void loadWaba();
    void trackStatus();
    void stopTracking();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    struct Built
    {
        QJsonObject data; // the seed's `data` object: what is sent, and what the outbox keeps
        QString problem; // why it cannot be sent, naming the field
        QWidget *field = nullptr;
    };

    // The "Connection" combo with its Reload button and the integration key field, as both tabs have them.
    void addConnectionRows(QFormLayout *form, QWidget *content, const QString &prefix, const QString &service,
                           const QString &holds, const QString &integrationExample, QComboBox **connection,
                           QLineEdit **integration);
    QWidget *buildWhatsAppTab();
    QWidget *buildSmsTab();
    QWidget *buildPreviewPanel();
    void buildShortcuts();

    Built buildWhatsApp() const;
    Built buildSms() const;
    Built buildCurrent() const { return channel() == WhatsApp ? buildWhatsApp() : buildSms(); }
    QString describeError(const Error &error, Channel channel) const;

    void revalidate();
    void updatePreview();
    void updateTextCounter();
    void updateSmsCounter();
    void updatePhoneNumberHint();
    void updateTemplateFromFields();
    void applyConnection(Channel channel);
    void fillConnectionCombo(QComboBox *combo, const QJsonArray &connections, Channel channel);
    void fillTemplates(const QJsonArray &templates);
    void fillPhoneNumbers(const QJsonArray &numbers);
    void templatePicked(int index);
    void lookupAccountSid();

    void confirmThenSend(const QJsonObject &data, Channel channel, qint64 outboxId);
    void startSend(const QJsonObject &data, Channel channel, qint64 outboxId);
    void sendFinished(const Result &result, const QJsonObject &data, Channel channel, qint64 outboxId);
    void setBusy(bool busy);
    void showResult(const QString &text, bool ok);
    void pollOnce();
    void pollFinished(const Result &result);
    void workspaceChanged();

    void scheduleDraftSave();
    void saveDrafts();
    void restoreDrafts();
    QJsonObject whatsAppDraft() const;
    QJsonObject smsDraft() const;
    void refreshOutbox();
    void retryOutboxItem();
    void discardOutboxItem();
    void ensureHistory();

    Workspace *m_workspace;
    HistoryStore *m_history = nullptr;
    HistoryStore *m_ownHistory = nullptr;

    QTabWidget *m_tabs;

    // WhatsApp
    QComboBox *m_waConnection;
    QLineEdit *m_waIntegration;
    QLineEdit *m_wabaId;
    QPushButton *m_wabaLoad;
    QLabel *m_wabaStatus;
    QComboBox *m_phoneNumberId;
    QLabel *m_phoneNumberHint;
    PhoneField *m_waRecipient;
    QButtonGroup *m_waType;
    QStackedWidget *m_waTypeStack;
    QPlainTextEdit *m_waBody;
    QLabel *m_waCounter;
    QCheckBox *m_waPreviewUrl;
    QComboBox *m_templateCombo;
    QLineEdit *m_templateName;
    QLineEdit *m_templateLanguage;
    TemplateParameterForm *m_templateParams;
    QJsonArray m_templates;
    QJsonArray m_phoneNumbers;

    // SMS
    QComboBox *m_smsConnection;
    QLineEdit *m_smsIntegration;
    QComboBox *m_senderKind;
    QLineEdit *m_sender;
    QLineEdit *m_accountSid;
    QPushButton *m_accountLookup;
    PhoneField *m_smsRecipient;
    QPlainTextEdit *m_smsBody;
    QLabel *m_smsCounter;
    QLabel *m_smsBudget;
    QLabel *m_smsNote;

    // Preview, result, status tracking, outbox
    MessageBubble *m_bubble;
    QLabel *m_result;
    QLabel *m_resultHint;
    QWidget *m_idRow;
    QLineEdit *m_messageId;
    QToolButton *m_copyId;
    QWidget *m_trackRow;
    QLabel *m_trackStatus;
    QPushButton *m_track;
    QPushButton *m_stop;
    QProgressBar *m_trackProgress;
    QListWidget *m_outbox;
    QPushButton *m_retry;
    QPushButton *m_discard;
    QLabel *m_outboxTitle;

    QLabel *m_validation;
    QPushButton *m_send;

    QTimer *m_draftTimer;
    QTimer *m_pollTimer;
    QShortcut *m_stopShortcut = nullptr;
    QJsonArray m_connections;
    bool m_connectionsLoaded = false;
    QJsonObject m_pendingPrefill;
    QString m_lastMessageId;
    QJsonObject m_lastSms; // {providerConfigKey, connectionId, accountSid, sid} of the last SMS sent
    QStringList m_statusTrail;
    qint64 m_pollStartedMs = 0;
    int m_pollTimeoutMs = 120000;
    bool m_restoring = false;
    bool m_busy = false;
    QPointer<Job> m_sendJob;
    QPointer<Job> m_pollJob;
    QPointer<Job> m_lookupJob;
    QPointer<QMessageBox> m_confirm;
};

} // namespace crossline
