#pragma once

#include <QByteArray>
#include <QString>

namespace crossline {

// A key given more than once in one JSON object. JSON parsers (Qt's too) keep the last one without a word, so a body
// with "to" twice would go to the second number: callers refuse it instead.
struct RepeatedKey
{
    QString path; // "id", "data.to", "data.template.components[0].type" (an empty key reads ""); empty when none
    int times = 0; // 0 when no key repeats

    explicit operator bool() const { return times > 1; }

    // The first object (in the order they close) with a repeated key, in `json`, which must be valid JSON.
    static RepeatedKey find(const QByteArray &json);
};

} // namespace crossline
