#include "messaging/phonenumber.h"

#include "phone/phonebackend.h"

#include <QLocale>

#include <algorithm>
#include <string>

namespace crossline {

namespace {

const QString exampleNumber = QStringLiteral("+15551234567");

// Separators people paste from address books and that Meta accepts in `to`: spaces, dashes,
// parentheses; dots are common in North American writing. Anything else (letters, "ext", "#", "whatsapp:") is
// refused before libphonenumber sees it, because libphonenumber would quietly skip a "whatsapp:" prefix or turn
// "1-800-FLOWERS" letters into digits, and neither belongs in a message recipient.
bool isSeparator(QChar c)
{
    switch (c.unicode()) {
    case u'-':
    case u'(':
    case u')':
    case u'.':
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
    case 0x2012: // figure dash
    case 0x2013: // en dash
    case 0x2014: // em dash
    case 0x2212: // minus sign
        return true;
    default:
        return c.isSpace();
    }
}

enum class Shape
{
    Empty,
    NotANumber,
    ChannelPrefix,
    International,
    National
};

Shape shapeOf(const QString &text)
{
    if (text.isEmpty())
        return Shape::Empty;
    if (text.contains(QLatin1Char(':')))
        return Shape::ChannelPrefix;
    bool digit = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isDigit())
            digit = true;
        else if (c == QLatin1Char('+') && i == 0)
            continue;
        else if (!isSeparator(c))
            return Shape::NotANumber;
    }
    if (!digit)
        return Shape::NotANumber;
    return text.startsWith(QLatin1Char('+')) ? Shape::International : Shape::National;
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

// North American 555 numbers are reserved for fiction; say so, since the seed's own examples use one.
bool isFictional555(const PhoneFacts &facts)
{
    if (facts.countryCode != 1)
        return false;
    const std::string &nsn = facts.nationalSignificant;
    return nsn.size() == 10 && (nsn.compare(0, 3, "555") == 0 || nsn.compare(3, 3, "555") == 0);
}

} // namespace

QString PhoneCheck::display() const
{
    if (error.isError())
        return QStringLiteral("\u2717 ") + error.message;
    if (e164.isEmpty())
        return {};
    QString where = countryName.isEmpty() ? regionCode : countryName;
    QString line = (valid ? QStringLiteral("\u2713 ") : QStringLiteral("\u26a0 ")) + international;
    if (!where.isEmpty())
        line += QStringLiteral(", ") + where;
    if (!valid)
        line += QStringLiteral(" \u2014 ") + QCoreApplication::translate("PhoneNumber", "not an assigned number");
    return line;
}

QString PhoneNumber::countryName(const QString &regionCode)
{
    // "001" is libphonenumber's region for non-geographic numbers (+800 freephone, +882 …).
    if (regionCode == QLatin1String("001"))
        return tr("non-geographic");
    const QLocale::Territory territory = QLocale::codeToTerritory(regionCode);
    if (territory == QLocale::AnyTerritory)
        return {};
    return QLocale::territoryToString(territory);
}

PhoneCheck PhoneNumber::check(const QString &input, const QString &defaultRegion, const QString &field)
{
    PhoneCheck result;
    const QString text = input.trimmed();
    const QString hint
        = tr("Use the international format: + then the country code and the number, e.g. %1.").arg(exampleNumber);
    auto fail = [&](const QString &message) {
        result.error = Error::validation(field, message, hint);
        return result;
    };

    // A tab or a line break would pass as a separator, then make libphonenumber refuse the number as "too short"
    // (found by fuzz_phone_number): say what is wrong.
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return fail(tr("%1 contains a tab or a line break: give the number on one line, e.g. %2.")
                            .arg(field, exampleNumber));
    }
    const Shape shape = shapeOf(text);
    switch (shape) {
    case Shape::Empty:
        return fail(
            tr("%1 is empty; give a phone number in the international format, e.g. %2.").arg(field, exampleNumber));
    case Shape::ChannelPrefix:
        return fail(tr("%1: \"%2\" has a prefix; give the bare phone number in the international format, e.g. %3.")
                        .arg(field, text, exampleNumber));
    case Shape::NotANumber:
        return fail(tr("%1: \"%2\" is not a phone number; use the international format, e.g. %3.")
                        .arg(field, text, exampleNumber));
    case Shape::National:
        if (defaultRegion.isEmpty())
            return fail(tr("%1: \"%2\" has no country code; start it with + and the country code, e.g. %3.")
                            .arg(field, text, exampleNumber));
        break;
    case Shape::International:
        break;
    }

    QString backendError;
    const PhoneBackend *backend = phoneBackend(&backendError);
    if (!backend) {
        result.error = Error::config(tr("Phone numbers cannot be checked: %1").arg(backendError),
            tr("Reinstall Crossline: its phone number module is missing or broken."));
        return result;
    }
    // "ZZ" is libphonenumber's unknown region: only numbers with a leading '+' parse with it.
    const std::string region = defaultRegion.isEmpty() ? std::string("ZZ") : defaultRegion.toUpper().toStdString();
    const PhoneFacts facts = backend->facts(text.toStdString(), region);
    switch (facts.parse) {
    case PhoneFacts::Parse::Ok:
        break;
    case PhoneFacts::Parse::InvalidCountryCode:
        if (shape == Shape::National)
            return fail(tr("%1: \"%2\" has no country code and \"%3\" is not a known region; start it with + and "
                           "the country code, e.g. %4.")
                            .arg(field, text, defaultRegion, exampleNumber));
        return fail(tr("%1: \"%2\" does not start with a known country calling code.").arg(field, text));
    case PhoneFacts::Parse::TooLongNsn:
        return fail(tr("%1: \"%2\" is too long to be a phone number.").arg(field, text));
    case PhoneFacts::Parse::TooShort:
    default:
        // shapeOf() already let through only digits and separators, so libphonenumber refuses it for having too
        // few digits ("+12") — or, past any real number's length, too many (found by fuzz_phone_number).
        if (std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); }) > 17)
            return fail(tr("%1: \"%2\" is too long to be a phone number.").arg(field, text));
        return fail(tr("%1: \"%2\" is too short to be a phone number.").arg(field, text));
    }

    const bool valid = facts.valid;
    result.regionCode = fromStd(facts.regionCode);
    result.countryName = countryName(result.regionCode);
    const QString where = result.countryName.isEmpty() ? result.regionCode : result.countryName;

    switch (facts.possible) {
    case PhoneFacts::Possible::Yes:
        break;
    case PhoneFacts::Possible::LocalOnly:
        // Possible only when dialled inside an area: it cannot be written in E.164, so no provider can deliver it.
        return fail(tr("%1: \"%2\" is too short to be a phone number (it looks like a local number without its "
                       "area code).")
                        .arg(field, text));
    case PhoneFacts::Possible::TooShort:
        return fail(tr("%1: \"%2\" is too short to be a phone number.").arg(field, text));
    case PhoneFacts::Possible::TooLong:
        return fail(tr("%1: \"%2\" is too long to be a phone number.").arg(field, text));
    case PhoneFacts::Possible::InvalidLength:
        return fail(
            tr("%1: \"%2\" does not have the right number of digits for a number in %3.").arg(field, text, where));
    case PhoneFacts::Possible::InvalidCountryCode:
    default:
        return fail(tr("%1: \"%2\" does not start with a known country calling code.").arg(field, text));
    }

    const std::string &e164 = facts.e164;
    const std::string &international = facts.international;
    // E.164 has at most 15 digits; and a number that is not assigned can come out of Format in a form that reads back
    // as another number (a national 0 dropped once more): neither may be sent (both found by fuzz_phone_number).
    if (e164.size() > 16)
        return fail(tr("%1: \"%2\" has %3 digits; a number in the international format has at most 15.")
                        .arg(field, text)
                        .arg(e164.size() - 1));
    if (!valid) {
        const std::string e164Again = backend->e164Again(e164);
        if (e164Again != e164)
            return fail(
                tr("%1: \"%2\" is not a number in %3: written as %4 it would read back as %5.")
                    .arg(field, text, where.isEmpty() ? tr("any country") : where, fromStd(e164), fromStd(e164Again)));
    }
    result.possible = true;
    result.valid = valid;
    result.e164 = fromStd(e164);
    result.international = fromStd(international);
    if (!valid) {
        // A warning, not an error: the original backend's examples use fictional 555 numbers and the
        // provider, not us, has the last word on what it delivers.
        if (result.regionCode == QLatin1String("001") || where.isEmpty())
            result.warning = tr("%1 is not an assigned number; it will be sent as is.").arg(result.international);
        else if (isFictional555(facts))
            result.warning = tr("%1 is not an assigned number in %2 (555 numbers are fictional); it will be sent "
                                "as is.")
                                 .arg(result.international, where);
        else
            result.warning
                = tr("%1 is not an assigned number in %2; it will be sent as is.").arg(result.international, where);
    }
    return result;
}

} // namespace crossline
