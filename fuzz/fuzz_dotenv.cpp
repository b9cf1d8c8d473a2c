// DotEnv::parse on any bytes: the file `crossline-cli env import` and the app's .env import read (its values go to
// the keychain).
//
// Invariants: an error is a Validation error on "line N" whose message starts with it, and the entries read before
// it come from earlier lines; keys are valid and given once; a value holds no control character but the tab and the
// line breaks its escapes write; and the entries written back as KEY="value" lines read as the same entries, with no
// error and no warning.
#include "config/dotenv.h"
#include "fuzzcheck.h"

#include <QRegularExpression>
#include <QSet>

using namespace crossline;
using crossline::fuzz::shown;

namespace {

QString quoted(const QString &value)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : value) {
        if (c == u'\\' || c == u'"')
            out += u'\\', out += c;
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else
            out += c;
    }
    return out + u'"';
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = fuzz::bytes(data, size);
    const DotEnvFile file = DotEnv::parse(text);
    const int lines = int(text.count('\n')) + 1;

    int badLine = lines + 1;
    if (!file.ok()) {
        static const QRegularExpression lineField(QStringLiteral("^line ([1-9][0-9]*)$"));
        const QRegularExpressionMatch m = lineField.match(file.error.field);
        FUZZ_CHECK(file.error.kind == Error::Kind::Validation, file.error.message);
        FUZZ_CHECK(m.hasMatch(), file.error.field);
        badLine = m.captured(1).toInt();
        FUZZ_CHECK(badLine <= lines, file.error.field);
        FUZZ_CHECK(file.error.message.startsWith(file.error.field + QStringLiteral(": ")), file.error.message);
    }

    QSet<QString> keys;
    for (const DotEnvEntry &e : file.entries) {
        FUZZ_CHECK(DotEnv::isValidKey(e.key), e.key);
        FUZZ_CHECK(!keys.contains(e.key), e.key + QStringLiteral(" listed twice"));
        keys.insert(e.key);
        FUZZ_CHECK(e.line >= 1 && e.line < badLine, QStringLiteral("%1 on line %2").arg(e.key).arg(e.line));
        FUZZ_CHECK(file.value(e.key) == e.value, e.key);
        for (const QChar c : e.value) {
            const bool control = c.category() == QChar::Other_Control;
            FUZZ_CHECK(!control || c == u'\t' || c == u'\n' || c == u'\r',
                QStringLiteral("%1 holds U+%2").arg(e.key).arg(uint(c.unicode()), 4, 16, QLatin1Char('0')));
        }
    }

    QByteArray written;
    for (const DotEnvEntry &e : file.entries) {
        const QByteArray line = (e.key + QLatin1Char('=') + quoted(e.value)).toUtf8();
        if (line.size() > DotEnv::MaxLineSize)
            return 0; // escaping made it longer than a line may be: not a file this parser must read
        written += line + '\n';
    }
    const DotEnvFile again = DotEnv::parse(written);
    FUZZ_CHECK(again.ok(), again.error.message + QStringLiteral(" in ") + shown(written));
    FUZZ_CHECK(again.warnings.isEmpty(), again.warnings.join(u'\n'));
    FUZZ_CHECK(again.entries.size() == file.entries.size(), shown(written));
    for (qsizetype i = 0; i < file.entries.size(); ++i) {
        FUZZ_CHECK(again.entries.at(i).key == file.entries.at(i).key, again.entries.at(i).key);
        FUZZ_CHECK(again.entries.at(i).value == file.entries.at(i).value,
            file.entries.at(i).key + QStringLiteral(": ") + shown(written));
    }
    return 0;
}
