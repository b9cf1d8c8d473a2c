#pragma once

#include "pages/composer/composerform.h"

#include <QJsonArray>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace crossline {

class TemplateChooser;
class WabaCatalogue;
class Workspace;

// The Composer's WhatsApp tab: a WhatsApp Cloud API message through Nango's proxy. The connection, the WhatsApp
// Business Account (WABA) whose phone numbers and templates Load lists, the sending phone number id, the
// recipient, and either free-form text or an approved template with its parameters. A connection whose metadata
// names its phone_number_id and waba_id fills those in and lists the WABA at once.
class WhatsAppForm : public ComposerForm
{
    Q_OBJECT
public:
    explicit WhatsAppForm(Workspace *workspace, QWidget *parent = nullptr);

    Expected<QJsonObject> build() const override;
    QWidget *widgetFor(const QString &field) const override;
    void showPreview(MessageBubble *bubble) const override;
    Expected<Job *> send(MessageSender *sender, const QJsonObject &data) const override;
    QJsonObject draft() const override;
    void restoreDraft(const QJsonObject &draft) override;
    void clientsReplaced() override;

    bool isTemplate() const;

public Q_SLOTS:
    // Lists the WABA's phone numbers and approved templates through the chosen connection (Ctrl+L, Load).
    void loadWaba();

protected:
    QStringList messageWarnings(const QJsonObject &data) const override;

private:
    void applyMetadata(const QJsonObject &connection);
    void catalogueAnswered(const QString &waba);
    void fillPhoneNumbers(const QJsonArray &numbers);
    void updatePhoneNumberHint();
    void updateTextCounter();

    Workspace *m_workspace;
    WabaCatalogue *m_catalogue;
    QString m_loadedWaba; // the WABA listed or being listed; empty when its lists failed
    QJsonArray m_phoneNumbers; // the numbers offered in m_phoneNumberId

    QLineEdit *m_wabaId;
    QPushButton *m_wabaLoad;
    QLabel *m_wabaStatus;
    QComboBox *m_phoneNumberId;
    QLabel *m_phoneNumberHint;
    QButtonGroup *m_type;
    QStackedWidget *m_typeStack;
    QPlainTextEdit *m_body;
    QLabel *m_counter;
    QCheckBox *m_previewUrl;
    TemplateChooser *m_template;
};

} // namespace crossline
