#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QString>

namespace crossline {

// What PhoneNumber::check made of one input. Exactly one of three outcomes:
// an error (not a possible number), a warning (possible but not an assigned number), or a clean valid number.
struct PhoneCheck
{
    bool possible = false; // libphonenumber IsPossibleNumber
    bool valid = false; // libphonenumber IsValidNumber
    QString e164; // "+15551234567" (empty when not possible)
    QString international; // "+1 555-123-4567"
    QString regionCode; // "US"; "001" for non-geographic numbers (+800…)
    QString countryName; // "United States"
    QString warning; // set when possible but not valid
    Error error; // a Validation error when the input cannot be a phone number

    bool ok() const { return !error.isError(); }
    // "✓ +1 555-123-4567, United States", "⚠ … — not an assigned number" or "✗ <error>", for UIs and the CLI.
    QString display() const;
};

// Phone-number checks shared by the WhatsApp and Twilio composers and the CLI.
// libphonenumber stays behind this class and PhoneBackend (core/phone/phonebackend.h): linked into crossline-cli and
// the tests, loaded from the phone module by the desktop app when a number is first checked. Without the module,
// check() returns a Config error that says so.
class PhoneNumber
{
    Q_DECLARE_TR_FUNCTIONS(PhoneNumber)
public:
    // Parses `input` ("+1 (555) 123-4567", spaces, dashes, parentheses and dots allowed). Without a leading '+'
    // the number is read as a national number of `defaultRegion` ("US"); with no region that is an error.
    // Only what cannot be a number is rejected (+15551234567, possible but not valid, passes with a warning).
    static PhoneCheck check(
        const QString &input, const QString &defaultRegion = QString(), const QString &field = QStringLiteral("to"));

    // "United States" for "US"; "" when Qt does not know the code.
    static QString countryName(const QString &regionCode);
};

} // namespace crossline
