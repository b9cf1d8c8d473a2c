// PhoneNumber::check on any text: every recipient and sender a user types (the Composer, --to, --from, the `to` of a
// unified body).
//
// The input is the default region, a newline, then the number: "\n+1 555 123 4567" (no region) or "US\n(555)
// 123-4567". Without a newline it is a number with no region.
//
// Invariants: exactly one of three outcomes — a Validation error naming the field (then nothing else is set), a
// possible number that is not valid (with a warning), or a valid one (with none); an accepted number is E.164 (+, a
// country code, at most 15 digits), its international form has the same digits, and it reads as itself again with no
// region; an input refused as "too short" does not have more digits than any phone number.
#include "fuzzcheck.h"
#include "messaging/phonenumber.h"

#include <QRegularExpression>

using namespace crossline;

namespace {

QString digitsOf(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.isDigit())
            out += QChar(u'0' + c.digitValue());
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QPair<QByteArray, QByteArray> header = fuzz::splitHeader(fuzz::bytes(data, size));
    const QString region = QString::fromUtf8(header.first);
    const QString input = QString::fromUtf8(header.second);
    const QString field = QStringLiteral("to");
    const PhoneCheck c = PhoneNumber::check(input, region, field);
    const auto what = [&]() -> QString {
        return QStringLiteral("\"%1\" in region \"%2\": %3")
            .arg(input, region, c.error ? c.error.message : c.e164 + QLatin1Char(' ') + c.warning);
    };

    if (c.error) {
        FUZZ_CHECK(c.error.kind == Error::Kind::Validation && c.error.field == field, what());
        FUZZ_CHECK(!c.error.message.isEmpty(), what());
        FUZZ_CHECK(
            !c.possible && !c.valid && c.e164.isEmpty() && c.international.isEmpty() && c.warning.isEmpty(), what());
        // The longest national number libphonenumber knows is 17 digits; with a country code, an international
        // prefix and a trunk prefix no real number comes near 24.
        if (c.error.message.contains(QLatin1String("too short")))
            FUZZ_CHECK(digitsOf(input).size() < 24, what());
        FUZZ_CHECK(c.display().contains(c.error.message), what());
        return 0;
    }

    FUZZ_CHECK(c.possible, what());
    FUZZ_CHECK(c.valid == c.warning.isEmpty(), what());
    static const QRegularExpression e164(QStringLiteral("^\\+[1-9][0-9]{1,14}$"));
    FUZZ_CHECK(e164.match(c.e164).hasMatch(), what());
    FUZZ_CHECK(c.international.startsWith(u'+') && digitsOf(c.international) == c.e164.mid(1),
        what() + QStringLiteral(" written ") + c.international);
    FUZZ_CHECK(!c.regionCode.isEmpty(), what());
    FUZZ_CHECK(!c.display().isEmpty(), what());

    const PhoneCheck again = PhoneNumber::check(c.e164);
    FUZZ_CHECK(again.ok() && again.e164 == c.e164 && again.valid == c.valid,
        what() + QStringLiteral(" reads again as ") + (again.ok() ? again.e164 : again.error.message));
    return 0;
}
