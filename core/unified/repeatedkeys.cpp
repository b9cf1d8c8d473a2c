#include "unified/repeatedkeys.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <vector>

namespace crossline {

namespace {

struct Frame
{
    bool object = false;
    QString path;
    int index = 0; // arrays: the element being read
    QString key; // objects: the key whose value is being read
    QHash<QString, int> counts;
    QStringList order; // keys in the order first seen, so the report names the first repeated one
};

// A string token's text: most keys have no escapes; the few that do are decoded by Qt. Both read a U+FEFF opening a
// key as Qt's JSON parser does (Qt 6.4 drops it: {"\uFEFFid":1,"id":2} holds "id" twice for it), so a key that
// reads twice for the parser is refused as repeated.
QString decodeString(const QByteArray &token)
{
    if (!token.contains('\\'))
        return QString::fromUtf8(token.mid(1, token.size() - 2));
    return QJsonDocument::fromJson('[' + token + ']').array().at(0).toString();
}

// A key as a path shows it: the empty key (valid JSON) as "", so it is not taken for "no key" or the top level.
QString shownKey(const QString &key)
{
    return key.isEmpty() ? QStringLiteral("\"\"") : key;
}

QString join(const QString &path, const QString &key)
{
    return path.isEmpty() ? shownKey(key) : path + QLatin1Char('.') + shownKey(key);
}

QString childPath(const Frame &parent)
{
    if (parent.object)
        return join(parent.path, parent.key);
    return parent.path + QLatin1Char('[') + QString::number(parent.index) + QLatin1Char(']');
}

} // namespace

RepeatedKey RepeatedKey::find(const QByteArray &json)
{
    std::vector<Frame> stack;
    bool expectKey = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        switch (c) {
        case '{':
        case '[': {
            Frame frame;
            frame.object = c == '{';
            frame.path = stack.empty() ? QString() : childPath(stack.back());
            stack.push_back(std::move(frame));
            expectKey = c == '{';
            break;
        }
        case '}':
        case ']': {
            const Frame &frame = stack.back();
            for (const QString &key : frame.order) {
                if (const int n = frame.counts.value(key); n > 1)
                    return { join(frame.path, key), n };
            }
            stack.pop_back();
            expectKey = false;
            break;
        }
        case ',':
            if (!stack.empty()) {
                if (stack.back().object)
                    expectKey = true;
                else
                    ++stack.back().index;
            }
            break;
        case '"': {
            qsizetype j = i + 1;
            while (j < json.size() && json.at(j) != '"')
                j += json.at(j) == '\\' ? 2 : 1;
            if (expectKey && !stack.empty() && stack.back().object) {
                Frame &frame = stack.back();
                frame.key = decodeString(json.mid(i, j - i + 1));
                if (++frame.counts[frame.key] == 1)
                    frame.order.append(frame.key);
                expectKey = false;
            }
            i = j;
            break;
        }
        default:
            break;
        }
    }
    return {};
}

} // namespace crossline
