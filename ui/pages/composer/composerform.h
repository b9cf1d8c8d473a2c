#pragma once

#include "expected.h"

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

namespace crossline {

class ConnectionPicker;
class Job;
class MessageBubble;
class MessageSender;
class PhoneField;

// One channel's tab of the Composer: its fields, the `data` object they make for Send (the original backend's
// request body's `data`, also what the outbox keeps), its preview and its draft. The page decides when to
// validate, send and save; a form only answers.
class ComposerForm : public QWidget
{
    Q_OBJECT
public:
    explicit ComposerForm(QWidget *parent = nullptr);

    ConnectionPicker *connectionPicker() const { return m_connection; }
    PhoneField *recipient() const { return m_recipient; }

    // The `data` object to send, or a Validation error in the form's words whose field names the part to fix
    // ("data.to"); widgetFor() turns that field into the widget to focus.
    virtual Expected<QJsonObject> build() const = 0;
    // Where the person fixes `field` (an Error's field, e.g. "data.template.language.code"); nullptr when no widget
    // of the form holds it.
    virtual QWidget *widgetFor(const QString &field) const = 0;
    // What is worth knowing about `data` (a value build() gave) that does not stop the send, in the form's words.
    // The recipient's own warning is left out: the recipient field shows it already.
    QStringList warnings(const QJsonObject &data) const;
    // Shows what the message will look like.
    virtual void showPreview(MessageBubble *bubble) const = 0;
    // Starts sending `data` (a value build() gave, or one the outbox kept) through `sender`; an error in the form's
    // words when `data` is not a message of this channel.
    virtual Expected<Job *> send(MessageSender *sender, const QJsonObject &data) const = 0;

    // Everything typed, to be saved as a draft and given back to restoreDraft() at the next start.
    virtual QJsonObject draft() const = 0;
    virtual void restoreDraft(const QJsonObject &draft) = 0;

    // The workspace's clients were replaced: requests of the old ones are gone with them.
    virtual void clientsReplaced() = 0;

Q_SIGNALS:
    // Something that may change build(), the preview or the draft changed.
    void changed();
    // A line for the window's status bar.
    void statusMessage(const QString &text);

protected:
    // An error about a field of `data` in the form's words: the path becomes its label ("data.to" → "Recipient"),
    // and the hint follows. Errors about other fields keep their message.
    static QString describeError(const Error &error);
    // The warnings of the channel's own checks (WhatsAppMessage / TwilioSms::fromJson), as they come.
    virtual QStringList messageWarnings(const QJsonObject &data) const = 0;

    ConnectionPicker *m_connection = nullptr;
    PhoneField *m_recipient = nullptr;
};

} // namespace crossline
