#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QMessageBox;
class QPushButton;
class QShortcut;
class QTabWidget;
class QTimer;

namespace crossline {

class ComposerForm;
class HistoryStore;
class Job;
class MessageBubble;
class OutboxPanel;
class ResultPanel;
class SmsForm;
class WhatsAppForm;
class Workspace;
struct Result;

// Sends a WhatsApp or SMS test message through Nango's proxy: the connection, the sender, a recipient checked as
// it is typed, text or a WABA template with generated parameter fields, a live preview; Send (Ctrl+Enter) shows
// the message id or the provider's error and hint; Twilio's delivery status can be followed. Drafts are saved as
// you type and restored at start; failed sends wait in the outbox to be retried or discarded.
//
// Drafts and the outbox belong to the profile in effect (Workspace::profileKey()): when the workspace switches
// profile the page saves the drafts under the profile it leaves, then shows the new profile's drafts (an empty form
// when it has none) and outbox. A send's failure lands in the outbox of the profile it was sent from; a send asked
// for under one profile never goes out through another. A send that may have been delivered (no answer came) is
// marked in the outbox, and retrying it first asks, Cancel being the default.
//
// The page puts together one form per channel (pages/composer/whatsappform.h, smsform.h), the preview, the result
// (resultpanel.h) and the outbox (outboxpanel.h); it owns Send, the production confirmation, the drafts and the
// page's shortcuts. Controls carry object names ("whatsappRecipient", "sendButton", …) so tests can drive them like
// a person would.
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
    // Fills `channel`'s form with a message's `data` object (as the outbox keeps it and the forms build it:
    // connection, recipient, text or template), e.g. a send reopened from the activity log, and shows that tab.
    // What `data` does not hold (the WABA, the recipient's region) stays; nothing is sent.
    void openDraft(Channel channel, const QJsonObject &data);

    // Drafts and the outbox live in the app's history database: Workspace::history(), or — when that could not be
    // opened — a store the page opens itself. A store set here is used instead (the page does not own it).
    void setHistoryStore(HistoryStore *store);
    HistoryStore *historyStore() const { return m_history; }

    Channel channel() const;
    void setChannel(Channel channel);
    // How often a tracked SMS's status is asked: 2 s unless set; Twilio has no push without a webhook.
    void setStatusPollInterval(int ms);
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
    QWidget *buildPreviewPanel();
    void buildShortcuts();
    void connectForm(ComposerForm *form);
    ComposerForm *form(Channel channel) const;
    ComposerForm *currentForm() const { return form(channel()); }

    void changed();
    void revalidate();
    void updatePreview();

    void confirmThenSend(const QJsonObject &data, Channel channel, qint64 outboxId);
    void startSend(const QJsonObject &data, Channel channel, qint64 outboxId, const QString &profile);
    void sendFinished(
        const Result &result, const QJsonObject &data, Channel channel, qint64 outboxId, const QString &profile);
    void setBusy(bool busy);
    void retryOutboxItem();
    void workspaceChanged();
    void switchProfile(const QString &profile);

    void scheduleDraftSave();
    void saveDrafts();
    // Fills the forms from the profile's drafts; `replace`: also empties what has no draft (a profile switch).
    void restoreDrafts(bool replace);
    void ensureHistory();

    Workspace *m_workspace;
    HistoryStore *m_history = nullptr;
    HistoryStore *m_ownHistory = nullptr;
    QString m_profile; // the profile the forms' drafts and the outbox shown belong to

    QTabWidget *m_tabs;
    WhatsAppForm *m_whatsApp = nullptr;
    SmsForm *m_sms = nullptr;
    MessageBubble *m_bubble = nullptr;
    ResultPanel *m_result = nullptr;
    OutboxPanel *m_outbox = nullptr;
    QLabel *m_validation;
    QPushButton *m_send;
    // Shown while a send waits for its answer: stops waiting (the send is never repeated; its outcome is unknown).
    QPushButton *m_stopWaiting;

    QTimer *m_draftTimer;
    QShortcut *m_stopShortcut = nullptr;
    QJsonArray m_connections;
    bool m_connectionsLoaded = false;
    QJsonObject m_pendingPrefill;
    bool m_restoring = false;
    bool m_busy = false;
    QPointer<Job> m_sendJob;
    QPointer<QMessageBox> m_confirm;
    QPointer<QMessageBox> m_retryQuestion;
};

} // namespace crossline
