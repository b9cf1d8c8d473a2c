// UnifiedRequest::fromBytes on any bytes: what `crossline-cli unified -` reads from its input and the Unified page
// from its editor.
//
// Invariants: exactly one of a value and an error; an error is a Validation error naming its field; a key that
// RepeatedKey finds twice is refused under its path; a value holds only the registry's names, an id exactly for get,
// data exactly for create, params of scalars; it keeps every field as given and reads back to itself through
// toJson() and through its own JSON text.
#include "fuzzcheck.h"
#include "unified/repeatedkeys.h"
#include "unified/resourceregistry.h"
#include "unified/unifiedrequest.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace crossline;
using crossline::fuzz::shown;

namespace {

bool isScalar(const QJsonValue &v)
{
    return v.isString() || v.isDouble() || v.isBool();
}

void checkValue(const UnifiedRequest &r, const QJsonObject &given)
{
    FUZZ_CHECK(ResourceRegistry::providerNames().contains(r.provider), r.provider);
    FUZZ_CHECK(ResourceRegistry::resourceNames().contains(r.resource), r.resource);
    FUZZ_CHECK(ResourceRegistry::operationNames().contains(r.operation), r.operation);
    const bool get = r.operation == QLatin1String("get");
    const bool create = r.operation == QLatin1String("create");
    FUZZ_CHECK(get == !r.id.trimmed().isEmpty(), r.id);
    FUZZ_CHECK(get || r.id.isEmpty(), r.id);
    FUZZ_CHECK(create == r.hasData, shown(r.toJson()));
    FUZZ_CHECK(!create || (!r.data.isEmpty() && !r.hasParams), shown(r.toJson()));
    FUZZ_CHECK(r.hasParams || r.params.isEmpty(), shown(r.toJson()));
    qsizetype expectedItems = 0;
    for (auto it = r.params.begin(); it != r.params.end(); ++it) {
        if (it.value().isArray()) {
            for (const QJsonValue &item : it.value().toArray())
                FUZZ_CHECK(isScalar(item), it.key());
            expectedItems += it.value().toArray().size();
        } else {
            FUZZ_CHECK(isScalar(it.value()), it.key());
            ++expectedItems;
        }
    }
    const QueryItems items = r.queryItems();
    FUZZ_CHECK(items.size() == expectedItems, shown(r.toJson()));
    for (const auto &item : items)
        FUZZ_CHECK(r.params.contains(item.first), item.first);

    // Nothing given is lost or changed: every non-null field reads back as it was (a numeric id becomes text).
    const QJsonObject out = r.toJson();
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (it.value().isNull())
            FUZZ_CHECK(!out.contains(it.key()), it.key());
        else if (!(it.key() == QLatin1String("id") && it.value().isDouble()))
            FUZZ_CHECK(out.value(it.key()) == it.value(), it.key() + QStringLiteral(": ") + shown(out));
    }

    // What the request is written as (Copy as JSON, the activity log's "Open in Unified") is read as the same
    // request, as an object and as text.
    const Expected<UnifiedRequest> again = UnifiedRequest::fromJson(out);
    FUZZ_CHECK(again.hasValue(), again.error().message + QStringLiteral(" for ") + shown(out));
    FUZZ_CHECK(again->toJson() == out, shown(again->toJson()) + QStringLiteral(" != ") + shown(out));
    const QByteArray text = QJsonDocument(out).toJson(QJsonDocument::Indented);
    const Expected<UnifiedRequest> reread = UnifiedRequest::fromBytes(text);
    FUZZ_CHECK(reread.hasValue(), reread.error().message + QStringLiteral(" for ") + QString::fromUtf8(text));
    FUZZ_CHECK(reread->toJson() == out, shown(reread->toJson()) + QStringLiteral(" != ") + shown(out));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    const Expected<UnifiedRequest> parsed = UnifiedRequest::fromBytes(body);
    // An Expected made from an Error of kind None would be neither a value nor an error.
    FUZZ_CHECK(parsed.hasValue() != parsed.error().isError(), shown(body));

    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const RepeatedKey repeated = doc.isObject() ? RepeatedKey::find(body) : RepeatedKey();
    if (!parsed) {
        const Error e = parsed.error();
        FUZZ_CHECK(e.kind == Error::Kind::Validation, Error::kindName(e.kind) + QStringLiteral(": ") + e.message);
        // The field is the key at fault, which may itself be "" (`{"": 1}` is an unknown field named "").
        FUZZ_CHECK(!e.message.isEmpty(), shown(body));
        FUZZ_CHECK(!e.field.isEmpty() || doc.object().contains(QString()), e.message);
        FUZZ_CHECK(!repeated || e.field == repeated.path, e.field + QStringLiteral(" != ") + repeated.path);
        return 0;
    }
    FUZZ_CHECK(doc.isObject(), shown(body));
    FUZZ_CHECK(!repeated, repeated.path + QStringLiteral(" repeated, yet accepted"));
    checkValue(*parsed, doc.object());
    return 0;
}
