#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace crossline {

// How many SMS segments a body costs, as Twilio bills it: a port of the logic of Twilio's
// TwilioDevEd/message-segment-calculator (src/libs/SegmentedMessage.ts).
struct SmsSegments
{
    enum class Encoding
    {
        Gsm7,
        Ucs2
    };

    static constexpr int Gsm7SingleUnits = 160; // 140 octets = 1120 bits / 7
    static constexpr int Gsm7MultiUnits = 153; // 1120 bits minus a 6-octet User Data Header, / 7
    static constexpr int Ucs2SingleUnits = 70; // 1120 bits / 16
    static constexpr int Ucs2MultiUnits = 67; // (1120 - 48) bits / 16

    Encoding encoding = Encoding::Gsm7;
    int characters = 0; // user-perceived characters (grapheme clusters)
    int units = 0; // septets (GSM-7; extension characters count 2) or UTF-16 code units (UCS-2)
    int segments = 0; // 0 for empty text
    int unitsPerSegment = 0; // 160/153 (GSM-7) or 70/67 (UCS-2), depending on whether segments == 1
    int capacity = 0; // units available in `segments` segments
    QStringList nonGsm7; // the distinct characters that forced UCS-2, in order of appearance

    static SmsSegments count(const QString &text);

    // Septets `c` costs in GSM-7: 1 for the basic table, 2 for the extension table (ESC + char), 0 if not GSM-7.
    static int gsm7Septets(QChar c);

    QString encodingName() const; // "GSM-7" / "UCS-2"
    QString summary() const; // "GSM-7 · 2 segments · 170/306"

    Q_DECLARE_TR_FUNCTIONS(SmsSegments)
};

} // namespace crossline
