#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

class QComboBox;
class QFormLayout;
class QLineEdit;
class QToolButton;
class QWidget;

namespace crossline {

// The Nango connection a message goes through, as the Composer's WhatsApp and SMS forms ask for it: an editable
// "Connection" combo of one provider's connections (any id may be typed) with a Reload button, and the integration
// key (Provider-Config-Key) under it, filled from the chosen connection. The two rows are added to the caller's
// form, so their labels line up with the form's other rows; the picker owns no widget of its own.
class ConnectionPicker : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString objectPrefix; // "whatsapp": the widgets are "whatsappConnection" and "whatsappIntegration"
        QString service; // "WhatsApp", in the accessible names
        QString holds; // "the WhatsApp token", in the combo's tooltip
        QString integrationExample; // the integration field's placeholder
        QString provider; // "whatsapp": the connections listed name it in provider or provider_config_key
    };

    // Adds the rows to `form`, whose widget is `content`.
    ConnectionPicker(const Options &options, QFormLayout *form, QWidget *content);

    QComboBox *combo() const { return m_combo; }
    QToolButton *reloadButton() const { return m_reload; }
    QLineEdit *integrationEdit() const { return m_integration; }
    QString connectionId() const; // as shown, trimmed
    QString integration() const; // trimmed

    // Whether `connection` (a Nango connection object) is one of this picker's provider.
    bool accepts(const QJsonObject &connection) const;

    // Lists those of `connections` it accepts and keeps what was typed. When nothing was chosen yet, chooses the
    // first healthy connection (Nango lists no errors for it), as a person would, and applies it.
    void setConnections(const QJsonArray &connections);
    // Chooses `connection`, listing it when it is not, and applies it.
    void select(const QJsonObject &connection);

Q_SIGNALS:
    // Reload (F5 is the page's) was clicked.
    void reloadRequested();
    // A listed connection was chosen: the integration key is filled in; the rest of its object (metadata) is the
    // form's to use.
    void connectionApplied(const QJsonObject &connection);
    // The connection text or the integration key changed.
    void changed();

private:
    // When the combo shows a listed connection, fills the integration key from it and emits connectionApplied().
    void applyCurrent();

    QString m_provider;
    QComboBox *m_combo;
    QToolButton *m_reload;
    QLineEdit *m_integration;
};

} // namespace crossline
