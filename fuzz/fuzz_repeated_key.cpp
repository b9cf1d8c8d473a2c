// RepeatedKey::find on the bytes Qt's JSON parser accepts (its only caller, UnifiedRequest::fromBytes, asks it
// only then).
//
// Invariants: the answer is the one an independent reading of the rule gives (a recursive descent over the same
// text: the first object, in the order objects close, with a key given more than once, its path and count), so a
// reported path names keys as they stand in the text; "no key repeats" is an empty path and nothing else; text Qt
// wrote itself (which cannot hold a key twice) is never reported; and a key of the top object written once more in
// front is always found — named as written, twice, when the text had no other repeated key.
#include "fuzzcheck.h"
#include "unified/repeatedkeys.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace crossline;
using crossline::fuzz::shown;

namespace {

// The rule read again, differently from RepeatedKey's single scan with a stack: recursion, one call per value. The
// text is valid JSON (Qt said so), so it only has to find its way, not to judge.
class Reading
{
public:
    explicit Reading(const QByteArray &json)
        : m_json(json)
    {
        if (m_json.startsWith("\xEF\xBB\xBF"))
            m_i = 3;
        value(QString(), true);
    }

    RepeatedKey first; // the first object to close with a repeated key

private:
    char at() const { return m_i < m_json.size() ? m_json.at(m_i) : '\0'; }

    void space()
    {
        while (at() == ' ' || at() == '\t' || at() == '\n' || at() == '\r')
            ++m_i;
    }

    QString string()
    {
        const qsizetype start = m_i++;
        while (m_i < m_json.size() && at() != '"')
            m_i += at() == '\\' ? 2 : 1;
        ++m_i;
        const QByteArray token = m_json.mid(start, m_i - start);
        return QJsonDocument::fromJson('[' + token + ']').array().at(0).toString();
    }

    // A key as a path shows it; the empty key as "" (RepeatedKey's rule), so it is never read as "no key".
    static QString join(const QString &path, const QString &key, bool top)
    {
        const QString shown = key.isEmpty() ? QStringLiteral("\"\"") : key;
        return top ? shown : path + QLatin1Char('.') + shown;
    }

    // `top`: the value is the document itself, whose keys have no path in front (a key "" is still a key below it).
    void value(const QString &path, bool top)
    {
        space();
        if (at() == '{') {
            ++m_i;
            QHash<QString, int> counts;
            QStringList order;
            space();
            while (m_i < m_json.size() && at() != '}') {
                space();
                const QString key = string();
                space();
                ++m_i; // ':'
                if (++counts[key] == 1)
                    order << key;
                value(join(path, key, top), false);
                space();
                if (at() == ',')
                    ++m_i;
            }
            ++m_i;
            for (const QString &key : order) {
                if (!first.times && counts.value(key) > 1)
                    first = { join(path, key, top), counts.value(key) };
            }
        } else if (at() == '[') {
            ++m_i;
            space();
            for (int index = 0; m_i < m_json.size() && at() != ']'; ++index) {
                value(path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']'), false);
                space();
                if (at() == ',')
                    ++m_i;
            }
            ++m_i;
        } else if (at() == '"') {
            string();
        } else {
            while (m_i < m_json.size() && !QByteArrayView(",]} \t\n\r").contains(at()))
                ++m_i;
        }
    }

    const QByteArray &m_json;
    qsizetype m_i = 0;
};

QByteArray jsonString(const QString &text)
{
    const QByteArray list = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return list.mid(1, list.size() - 2);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;

    const RepeatedKey found = RepeatedKey::find(json);
    const RepeatedKey expected = Reading(json).first;
    FUZZ_CHECK(found.path == expected.path && found.times == expected.times,
        QStringLiteral("\"%1\" %2 times, where the text has \"%3\" %4 times, in %5")
            .arg(found.path)
            .arg(found.times)
            .arg(expected.path)
            .arg(expected.times)
            .arg(shown(json)));
    // "No key repeats" is an empty path: a repeat must have one, and an empty path must mean none.
    FUZZ_CHECK(found.path.isEmpty() == (found.times == 0),
        QStringLiteral("path \"%1\", %2 times in %3").arg(found.path).arg(found.times).arg(shown(json)));

    // Text Qt wrote holds each key once, as Qt reads keys: Qt 6.4 drops a U+FEFF opening a key, so it may write one
    // twice ({"\uFEFF":1,"":2} is written {"":2,"":1}), and then that is what must be found.
    for (const auto format : { QJsonDocument::Compact, QJsonDocument::Indented }) {
        const QByteArray written = doc.toJson(format);
        const RepeatedKey again = RepeatedKey::find(written);
        const RepeatedKey reference = Reading(written).first;
        FUZZ_CHECK(again.path == reference.path && again.times == reference.times,
            again.path + QStringLiteral(" in ") + shown(written));
        FUZZ_CHECK(!again || json.contains("\xef\xbb\xbf") || json.toLower().contains("\\ufeff"),
            again.path + QStringLiteral(" in ") + shown(written));
    }

    if (doc.isObject() && !doc.object().isEmpty()) {
        const QStringList keys = doc.object().keys();
        const QString key = keys.at(qsizetype(size) % keys.size());
        const qsizetype brace = json.indexOf('{');
        const QByteArray twice = json.left(brace + 1) + jsonString(key) + ":null," + json.mid(brace + 1);
        FUZZ_CHECK(QJsonDocument::fromJson(twice).isObject(), shown(twice));
        const RepeatedKey again = RepeatedKey::find(twice);
        FUZZ_CHECK(again.times >= 2, key + QStringLiteral(" not found twice in ") + shown(twice));
        if (!found.times)
            FUZZ_CHECK(again.path == (key.isEmpty() ? QStringLiteral("\"\"") : key) && again.times == 2,
                QStringLiteral("\"%1\" %2 times instead of \"%3\" twice in %4")
                    .arg(again.path)
                    .arg(again.times)
                    .arg(key, shown(twice)));
    }
    return 0;
}
