// RecordPager::accept on a run of answers: the pages the Browser and `crossline-cli contacts|employees list` read.
//
// The input is the provider ("panora" or "nango"), a newline, then the answers one after the other, separated by a
// line "---". An answer Qt cannot read as JSON arrives as a failed Result (as HttpClient hands it over).
//
// Invariants: a failed or refused page has no rows and leaves the pager as it was; an accepted one adds one page
// and a row for every item of its list, all objects with an id, but for a first item dropped only when it has the id
// of the last row already held; a pager that says there is more has a cursor, never the one it just sent (no endless
// loop), and for Panora never a raw UUID; one that says there is no more has none, and an empty list ends a listing
// (but for Nango's records, whose pages may be empty).
#include "fuzzcheck.h"
#include "models/recordpager.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace crossline;
using crossline::fuzz::shown;

namespace {

// The id a row is known by: a string, or a whole number; nothing else names a row.
QString idText(const QJsonValue &row)
{
    const QJsonValue id = row.toObject().value(QLatin1String("id"));
    if (id.isString())
        return id.toString();
    // Any number, written with all its digits: 1.5 and 2.5 are two ids.
    return id.isDouble() ? QString::number(id.toDouble(), 'g', 17) : QString();
}

struct State
{
    QString cursor;
    bool hasMore = true;
    int pages = 0;

    static State of(const RecordPager &p) { return { p.cursor(), p.hasMore(), p.pagesLoaded() }; }
    bool operator==(const State &o) const { return cursor == o.cursor && hasMore == o.hasMore && pages == o.pages; }
    QString text() const
    {
        return QStringLiteral("cursor \"%1\", more %2, pages %3").arg(cursor).arg(hasMore).arg(pages);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QPair<QByteArray, QByteArray> input = fuzz::splitHeader(fuzz::bytes(data, size));
    RecordSource source;
    source.provider
        = input.first.trimmed() == "panora" ? RecordSource::Provider::Panora : RecordSource::Provider::Nango;
    RecordPager pager(source);

    QString lastHeldId; // the id of the last row of the last accepted non-empty list
    const QList<QByteArray> lines = input.second.split('\n');
    QByteArray answer;
    QList<QByteArray> bodies;
    for (const QByteArray &line : lines) {
        if (line == "---") {
            bodies << answer;
            answer.clear();
        } else {
            answer += answer.isEmpty() ? line : '\n' + line;
        }
    }
    bodies << answer;

    for (const QByteArray &body : bodies) {
        const State before = State::of(pager);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        const bool readable = parseError.error == QJsonParseError::NoError;
        const Result result = readable
            ? Result::success(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()))
            : Result::failure(Error::make(Error::Kind::Decode, parseError.errorString()));
        const RecordPager::Page page = pager.accept(result);
        const State after = State::of(pager);
        const auto what = [&]() -> QString { // a QString, not a QStringBuilder of temporaries
            return before.text() + QStringLiteral(" then ") + after.text() + QStringLiteral(" after ") + shown(body)
                + QStringLiteral(": ") + page.error.message;
        };

        if (!readable) {
            FUZZ_CHECK(page.error.kind == Error::Kind::Decode && page.error.message == result.error.message, what());
            FUZZ_CHECK(page.rows.isEmpty() && after == before, what());
            continue;
        }
        const QJsonObject object = doc.object();
        const bool records = object.value(QLatin1String("records")).isArray();
        const bool hasList = doc.isArray() || records || object.value(QLatin1String("data")).isArray();
        const QJsonArray list
            = doc.isArray() ? doc.array() : object.value(QLatin1String(records ? "records" : "data")).toArray();
        // Every record of every provider has an id: an item that is not an object with one is no record.
        bool allRecords = true;
        for (const QJsonValue &item : list) {
            const QJsonValue id = item.toObject().value(QLatin1String("id"));
            allRecords
                = allRecords && item.isObject() && ((id.isString() && !id.toString().isEmpty()) || id.isDouble());
        }

        if (page.error) {
            FUZZ_CHECK(page.error.kind == Error::Kind::Decode && !page.error.message.isEmpty(), what());
            FUZZ_CHECK(!hasList || !allRecords, what());
            FUZZ_CHECK(page.rows.isEmpty() && after == before, what());
            continue;
        }
        FUZZ_CHECK(hasList && allRecords, what());
        FUZZ_CHECK(after.pages == before.pages + 1, what());
        const bool dropped = page.rows.size() == list.size() - 1;
        FUZZ_CHECK(dropped || page.rows.size() == list.size(), what());
        const bool sameAsHeld
            = before.pages > 0 && !list.isEmpty() && !lastHeldId.isEmpty() && idText(list.first()) == lastHeldId;
        FUZZ_CHECK(dropped == sameAsHeld,
            what()
                + QStringLiteral(" (last row held: \"%1\", first now: %2)")
                      .arg(lastHeldId, shown(list.isEmpty() ? QJsonObject() : list.first().toObject())));
        for (qsizetype i = 0; i < page.rows.size(); ++i)
            FUZZ_CHECK(page.rows.at(i) == list.at(i + (dropped ? 1 : 0)).toObject(), what());
        if (!list.isEmpty())
            lastHeldId = idText(list.last());

        if (after.hasMore) {
            FUZZ_CHECK(!after.cursor.isEmpty() && after.cursor != before.cursor, what());
            FUZZ_CHECK(records || !list.isEmpty(), what());
            if (source.provider == RecordSource::Provider::Panora)
                FUZZ_CHECK(!RecordPager::looksLikeRawUuid(after.cursor), what());
        } else {
            FUZZ_CHECK(after.cursor.isEmpty(), what());
        }
    }
    return 0;
}
