// Redactor::scrub on any text, with the secrets of fuzz/leaks.h registered: what every answer body, error text and
// recorded request goes through before anything shows or stores it.
//
// Invariants: the output holds no registered secret (of at least 6 characters) raw, percent-encoded, base64 in
// either alphabet with or without padding, or inside a Basic credential — for the bytes and for the QString
// overload; and a text with none of those and no "basic" anywhere (in any case, a long s for the s too) comes out
// unchanged (a short value is never masked).
#include "fuzzcheck.h"
#include "leaks.h"
#include "net/redactor.h"

using namespace crossline;
using crossline::fuzz::shown;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    const QStringList &secrets = fuzz::secrets();

    const QByteArray out = Redactor::scrub(text, secrets);
    const QString leak = fuzz::leakIn(out);
    FUZZ_CHECK(leak.isEmpty(), leak + QStringLiteral(" in ") + shown(out));

    const QString outText = Redactor::scrub(QString::fromUtf8(text), secrets);
    const QString textLeak = fuzz::leakIn(outText.toUtf8());
    FUZZ_CHECK(textLeak.isEmpty(), textLeak + QStringLiteral(" in the QString overload's ") + shown(outText.toUtf8()));

    // "basic" as a caseless regular expression reads it: "ba\u017Fic" (a long s) too. After that word the Redactor
    // may mask a token that it decodes more leniently than leakIn does.
    static const QRegularExpression basic(QStringLiteral("basic"), QRegularExpression::CaseInsensitiveOption);
    if (fuzz::leakIn(text).isEmpty() && !basic.match(QString::fromUtf8(text)).hasMatch())
        FUZZ_CHECK(out == text, shown(text) + QStringLiteral(" became ") + shown(out));
    return 0;
}
