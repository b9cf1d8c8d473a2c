#pragma once

#include "messaging/phonenumber.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace crossline {

// A phone number as a person types it: a country (used when the number has no leading '+'), the number, and a live
// verdict under it ("✓ +1 555-123-4567, United States", "⚠ … — not an assigned number", "✗ …"). The verdict
// carries a symbol as well as a colour (no information by colour alone).
class PhoneField : public QWidget
{
    Q_OBJECT
public:
    explicit PhoneField(QWidget *parent = nullptr);

    QComboBox *countryCombo() const { return m_country; }
    QLineEdit *lineEdit() const { return m_edit; }
    QLabel *verdictLabel() const { return m_verdict; }

    QString text() const;
    void setText(const QString &text);
    QString region() const; // "US"
    void setRegion(const QString &regionCode);
    // Names the parts for assistive technology: "Recipient", "Recipient country", "Recipient check".
    void setAccessibleBaseName(const QString &name);

    const PhoneCheck &check() const { return m_check; }
    bool isEmpty() const;

Q_SIGNALS:
    void changed(); // the text or the country changed; check() is up to date

private:
    void recheck();

    QComboBox *m_country;
    QLineEdit *m_edit;
    QLabel *m_verdict;
    PhoneCheck m_check;
};

} // namespace crossline
