#include "config/dotenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

namespace crossline {

namespace {

struct ParsedLine
{
    bool skip = false;
    QString key;
    QString value;
    QString problem; // non-empty: the line is bad
};

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t';
}

// What may follow a closing quote: nothing, or a comment.
bool onlyCommentAfter(QStringView rest)
{
    rest = rest.trimmed();
    return rest.isEmpty() || rest.startsWith(u'#');
}

ParsedLine parseLine(const QString &text)
{
    ParsedLine out;
    QStringView rest = QStringView(text).trimmed();
    if (rest.isEmpty() || rest.startsWith(u'#')) {
        out.skip = true;
        return out;
    }
    // `export FOO=bar` (shell syntax) — but `export=1` defines a key named "export".
    if (rest.startsWith(u"export") && rest.size() > 6 && isBlank(rest.at(6)))
        rest = rest.mid(6).trimmed();

    const qsizetype eq = rest.indexOf(u'=');
    if (eq < 0) {
        out.problem = DotEnv::tr("no '=' sign");
        return out;
    }
    out.key = rest.left(eq).trimmed().toString();
    if (out.key.isEmpty()) {
        out.problem = DotEnv::tr("missing key name before '='");
        return out;
    }
    if (!DotEnv::isValidKey(out.key)) {
        out.problem = DotEnv::tr("invalid key name '%1'").arg(out.key);
        return out;
    }

    const QStringView raw = rest.mid(eq + 1).trimmed();
    if (raw.startsWith(u'"')) {
        QString value;
        for (qsizetype i = 1; i < raw.size(); ++i) {
            const QChar c = raw.at(i);
            if (c == u'"') {
                if (!onlyCommentAfter(raw.mid(i + 1))) {
                    out.problem = DotEnv::tr("unexpected text after the closing quote");
                    return out;
                }
                out.value = value;
                return out;
            }
            if (c == u'\\' && i + 1 < raw.size()) {
                const QChar next = raw.at(++i);
                if (next == u'n')
                    value += u'\n';
                else if (next == u't')
                    value += u'\t';
                else if (next == u'r')
                    value += u'\r';
                else if (next == u'"' || next == u'\\')
                    value += next;
                else { // unknown escapes stay as written, like dotenv does
                    value += u'\\';
                    value += next;
                }
                continue;
            }
            value += c;
        }
        out.problem = DotEnv::tr("unterminated quote");
        return out;
    }
    if (raw.startsWith(u'\'')) {
        const qsizetype close = raw.indexOf(u'\'', 1);
        if (close < 0) {
            out.problem = DotEnv::tr("unterminated quote");
            return out;
        }
        if (!onlyCommentAfter(raw.mid(close + 1))) {
            out.problem = DotEnv::tr("unexpected text after the closing quote");
            return out;
        }
        out.value = raw.mid(1, close - 1).toString();
        return out;
    }

    // Unquoted: an inline comment starts at a '#' preceded by whitespace ("a#b" and "=#b" keep their '#',
    // "= #b" is empty).
    const QStringView unquoted = rest.mid(eq + 1);
    qsizetype end = unquoted.size();
    for (qsizetype i = 1; i < unquoted.size(); ++i) {
        if (unquoted.at(i) == u'#' && isBlank(unquoted.at(i - 1))) {
            end = i;
            break;
        }
    }
    out.value = unquoted.left(end).trimmed().toString();
    return out;
}

} // namespace

QString DotEnvFile::value(const QString &key) const
{
    const DotEnvEntry *e = entry(key);
    return e ? e->value : QString();
}

bool DotEnvFile::contains(const QString &key) const
{
    return entry(key) != nullptr;
}

const DotEnvEntry *DotEnvFile::entry(const QString &key) const
{
    for (const DotEnvEntry &e : entries) {
        if (e.key == key)
            return &e;
    }
    return nullptr;
}

QStringList DotEnvFile::keys() const
{
    QStringList out;
    out.reserve(entries.size());
    for (const DotEnvEntry &e : entries)
        out << e.key;
    return out;
}

bool DotEnv::isValidKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key.at(i).unicode();
        const bool letter = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(letter || (i > 0 && digit)))
            return false;
    }
    return true;
}

DotEnvFile DotEnv::parse(const QByteArray &utf8)
{
    DotEnvFile file;
    QByteArrayView bytes(utf8);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);

    QHash<QString, qsizetype> indexOfKey;
    int lineNo = 0;
    qsizetype start = 0;
    while (start <= bytes.size()) {
        qsizetype nl = bytes.indexOf('\n', start);
        if (nl < 0)
            nl = bytes.size();
        QByteArrayView lineBytes = bytes.sliced(start, nl - start);
        start = nl + 1;
        ++lineNo;
        if (lineBytes.endsWith('\r'))
            lineBytes.chop(1);

        auto fail = [&](const QString &problem) {
            file.error
                = Error::validation(QStringLiteral("line %1").arg(lineNo), tr("line %1: %2").arg(lineNo).arg(problem),
                    tr("Each line must be KEY=VALUE, a # comment or blank; quote values "
                       "that contain ' #' or surrounding spaces."));
        };

        if (lineBytes.size() > MaxLineSize) {
            fail(tr("is %1 KiB long; a .env line is at most 16 KiB, so the file looks damaged or is not a .env file")
                     .arg(lineBytes.size() / 1024));
            return file;
        }
        // Stateless: a sequence cut off at the end of the line is an error, not kept back for input that never comes
        // (a Latin-1 "é" at the end of a value was silently dropped).
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder.decode(lineBytes);
        if (decoder.hasError()) {
            fail(tr("not valid UTF-8 text"));
            return file;
        }
        // A control character inside a value (a NUL, an escape) is a damaged file, not part of a key or token; it
        // would be stored in the keychain as it is. Tabs are whitespace.
        for (const QChar c : text) {
            if (c.category() == QChar::Other_Control && c != u'\t') {
                fail(tr("contains a control character (U+%1); the file looks damaged")
                         .arg(QString::number(c.unicode(), 16).rightJustified(4, u'0').toUpper()));
                return file;
            }
        }
        const ParsedLine parsed = parseLine(text);
        if (parsed.skip)
            continue;
        if (!parsed.problem.isEmpty()) {
            fail(parsed.problem);
            return file;
        }
        const auto it = indexOfKey.constFind(parsed.key);
        if (it != indexOfKey.constEnd()) {
            DotEnvEntry &previous = file.entries[*it];
            file.warnings << tr("line %1: %2 was already set on line %3; the later value wins")
                                 .arg(lineNo)
                                 .arg(parsed.key)
                                 .arg(previous.line);
            previous.value = parsed.value;
            previous.line = lineNo;
            continue;
        }
        indexOfKey.insert(parsed.key, file.entries.size());
        file.entries.append(DotEnvEntry { parsed.key, parsed.value, lineNo });
    }
    return file;
}

DotEnvFile DotEnv::read(const QString &path)
{
    DotEnvFile file;
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        file.error = Error::config(
            tr("Cannot read %1: the file does not exist.").arg(shown), tr("Check the path, or pass --file=PATH."));
        return file;
    }
    if (info.isDir()) {
        file.error = Error::config(tr("Cannot read %1: it is a folder, not a file.").arg(shown));
        return file;
    }
    if (info.size() > MaxFileSize) {
        // The file is there and readable: what is wrong is its content, as with a bad line (exit 2, not 3).
        file.error = Error::validation(QStringLiteral("file"),
            tr("Cannot read %1: the file is larger than 1 MiB; a .env file is much smaller.").arg(shown),
            tr("Check that this is the backend's .env file."));
        return file;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        file.error = Error::config(tr("Cannot read %1: %2").arg(shown, f.errorString()));
        return file;
    }
    return parse(f.read(MaxFileSize + 1));
}

} // namespace crossline
