#include "messaging/smssegments.h"

#include <QTextBoundaryFinder>

#include <vector>

namespace crossline {

namespace {

// GSM 03.38 default alphabet, positions 0x00–0x7F in order, without 0x1B (ESC, the extension-table escape).
constexpr char16_t gsm7Basic[] = u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ"
                                 u"ÆæßÉ"
                                 u" !\"#¤%&'()*+,-./0123456789:;<=>?"
                                 u"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
                                 u"¿abcdefghijklmnopqrstuvwxyzäöñüà";
static_assert(std::size(gsm7Basic) - 1 == 127, "the GSM 03.38 basic table has 128 positions, ESC excluded");

// GSM 03.38 extension table: each costs ESC + char, 2 septets.
constexpr char16_t gsm7Extension[] = u"\f^{}\\[~]|€";
static_assert(std::size(gsm7Extension) - 1 == 10);

bool contains(const char16_t *table, char16_t c)
{
    for (; *table; ++table) {
        if (*table == c)
            return true;
    }
    return false;
}

// One piece the splitter may not cut: an escape pair (GSM-7) or a grapheme cluster with its surrogate pairs (UCS-2).
using Atom = int; // its size in units

std::vector<Atom> ucs2Atoms(const QString &grapheme)
{
    // A cluster longer than a whole segment (long emoji ZWJ sequences) cannot stay in one piece; cut it between code
    // points, which still never splits a surrogate pair.
    if (grapheme.size() <= SmsSegments::Ucs2MultiUnits)
        return { Atom(grapheme.size()) };
    std::vector<Atom> atoms;
    for (qsizetype i = 0; i < grapheme.size(); ++i) {
        const bool pair
            = grapheme.at(i).isHighSurrogate() && i + 1 < grapheme.size() && grapheme.at(i + 1).isLowSurrogate();
        atoms.push_back(pair ? 2 : 1);
        if (pair)
            ++i;
    }
    return atoms;
}

// Fills segments of `perSegment` units in order, moving a piece that does not fit whole to the next segment,
// as the calculator's _buildSegments does; so the count can exceed ceil(units / perSegment). A segment may be filled
// exactly: the calculator's Segment.addHeader() pops while free bits are <= 0, which leaves 66 UCS-2 units in the
// first segment; Twilio documents 67 per concatenated segment, so we keep 67.
int fill(const std::vector<Atom> &atoms, int perSegment)
{
    int segments = 1;
    int used = 0;
    for (const Atom atom : atoms) {
        if (used + atom > perSegment) {
            ++segments;
            used = 0;
        }
        used += atom;
    }
    return segments;
}

} // namespace

int SmsSegments::gsm7Septets(QChar c)
{
    if (contains(gsm7Basic, c.unicode()))
        return 1;
    if (contains(gsm7Extension, c.unicode()))
        return 2;
    return 0;
}

SmsSegments SmsSegments::count(const QString &text)
{
    SmsSegments result;
    QStringList graphemes;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    while (finder.toNextBoundary() != -1) {
        const qsizetype end = finder.position();
        graphemes << text.mid(start, end - start);
        start = end;
    }
    result.characters = int(graphemes.size());

    // Any character outside GSM-7 switches the whole message to UCS-2. The check is per UTF-16
    // unit, so "\r\n" (one grapheme, two GSM-7 characters) stays GSM-7, as it does on the wire.
    for (const QString &grapheme : std::as_const(graphemes)) {
        for (const QChar c : grapheme) {
            if (gsm7Septets(c) == 0) {
                result.encoding = Encoding::Ucs2;
                if (!result.nonGsm7.contains(grapheme))
                    result.nonGsm7 << grapheme;
                break;
            }
        }
    }

    std::vector<Atom> atoms;
    if (result.encoding == Encoding::Gsm7) {
        for (const QChar c : text)
            atoms.push_back(gsm7Septets(c));
    } else {
        for (const QString &grapheme : std::as_const(graphemes)) {
            const std::vector<Atom> pieces = ucs2Atoms(grapheme);
            atoms.insert(atoms.end(), pieces.begin(), pieces.end());
        }
    }
    for (const Atom atom : atoms)
        result.units += atom;

    const bool gsm = result.encoding == Encoding::Gsm7;
    const int single = gsm ? Gsm7SingleUnits : Ucs2SingleUnits;
    const int multi = gsm ? Gsm7MultiUnits : Ucs2MultiUnits;
    if (result.units == 0)
        result.segments = 0;
    else if (result.units <= single)
        result.segments = 1;
    else
        result.segments = fill(atoms, multi);
    result.unitsPerSegment = result.segments > 1 ? multi : single;
    result.capacity = result.segments * result.unitsPerSegment;
    return result;
}

QString SmsSegments::encodingName() const
{
    return encoding == Encoding::Gsm7 ? QStringLiteral("GSM-7") : QStringLiteral("UCS-2");
}

QString SmsSegments::summary() const
{
    const QString count = segments == 1 ? tr("1 segment") : tr("%1 segments").arg(segments);
    // An empty body shows the room of one segment ("0/160") rather than "0/0".
    const int room = segments == 0 ? unitsPerSegment : capacity;
    return tr("%1 · %2 · %3/%4").arg(encodingName(), count, QString::number(units), QString::number(room));
}

} // namespace crossline
