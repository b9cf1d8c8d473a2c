#include "models/recordpager.h"

#include "job.h"
#include "messaging/payloadfield.h"
#include "nango/nangoclient.h"
#include "panora/panoraclient.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cstring>

namespace crossline {

namespace {
QString idOf(const QJsonObject &row)
{
    const QJsonValue id = row.value(QLatin1String("id"));
    // All 17 digits: 1.5 and 2.5 are different ids (toInteger() made both "0", and a row was dropped as the page's
    // boundary row: found by fuzz_record_pager).
    return id.isString() ? id.toString() : id.isDouble() ? QString::number(id.toDouble(), 'g', 17) : QString();
}
} // namespace

RecordPager::RecordPager(const RecordSource &source)
    : m_source(source)
{
}

void RecordPager::reset()
{
    m_cursor.clear();
    m_lastId.clear();
    m_pages = 0;
    m_hasMore = true;
}

bool RecordPager::looksLikeRawUuid(const QString &cursor)
{
    static const QRegularExpression rawUuid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return rawUuid.match(cursor).hasMatch();
}

QString RecordPager::from() const
{
    return m_host.isEmpty() ? QString() : tr(" from %1").arg(m_host);
}

Job *RecordPager::requestNext(NangoClient *nango, PanoraClient *panora) const
{
    const int limit = qBound(1, m_source.pageSize, 1000);
    if (m_source.provider == RecordSource::Provider::Panora) {
        if (!panora)
            return Job::finishedJob(Result::failure(
                Error::config(tr("Panora is not configured."), tr("Set a Panora URL and API key in the profile."))));
        m_host = panora->config().baseUrl.host();
        return panora->listPage(m_source.path(), limit, m_cursor);
    }
    if (!nango)
        return Job::finishedJob(Result::failure(
            Error::config(tr("Nango is not configured."), tr("Set a Nango base URL and secret key in the profile."))));
    m_host = nango->config().baseUrl.host();
    if (!nango->config().compatiblePaths || m_source.syncedRecords) {
        // A real Nango: the sync's records of the mapped connection (pages may hold fewer than `limit`).
        const Expected<RecordsMapping> mapping = nango->recordsMapping(m_source.resource, m_source.records);
        if (!mapping)
            return Job::finishedJob(Result::failure(mapping.error()));
        RecordsQuery q { mapping->integration, mapping->connectionId, mapping->model };
        q.limit = limit;
        q.cursor = m_cursor;
        return nango->listRecords(q);
    }
    QueryItems query { { QStringLiteral("limit"), QString::number(limit) } };
    if (!m_cursor.isEmpty())
        query.append({ QStringLiteral("cursor"), m_cursor });
    return nango->listResource(m_source.path(), query);
}

Expected<HttpRequest> RecordPager::planPanoraPage(PanoraClient *panora, const QString &cursor) const
{
    if (!panora)
        return Error::config(tr("Panora is not configured."), tr("Set a Panora URL and API key in the profile."));
    // What PanoraClient::listPage sends.
    QueryItems query { { QStringLiteral("limit"), QString::number(qBound(1, m_source.pageSize, 1000)) } };
    if (!cursor.isEmpty())
        query.append({ QStringLiteral("cursor"), cursor });
    return panora->planList(m_source.path(), query);
}

namespace {
// A forward scan of JSON text, enough to step over values without building them.
class JsonScan
{
public:
    explicit JsonScan(const QByteArray &text)
        : p(text.constData())
        , end(text.constData() + text.size())
    {
    }
    const char *p;
    const char *const end;

    void skipSpace()
    {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            ++p;
    }
    bool take(char c)
    {
        skipSpace();
        if (p >= end || *p != c)
            return false;
        ++p;
        return true;
    }
    // A string at p (its opening quote): [begin, end) of its raw text; `plain` false when it holds an escape or a
    // control character (then its text is not its bytes).
    bool string(const char **begin, const char **stop, bool *plain)
    {
        if (p >= end || *p != '"')
            return false;
        *begin = ++p;
        *plain = true;
        while (p < end) {
            const unsigned char c = uchar(*p);
            if (c == '"') {
                *stop = p++;
                return true;
            }
            if (c == '\\') {
                *plain = false;
                if (end - p < 2)
                    return false;
                p += 2;
                continue;
            }
            if (c < 0x20)
                *plain = false;
            ++p;
        }
        return false;
    }
    // Steps over a string at p (its opening quote) whose text does not matter: memchr to each quote, which ends the
    // string unless an odd number of backslashes stands before it.
    bool skipString()
    {
        const char *const open = p++;
        for (;;) {
            const char *q = static_cast<const char *>(memchr(p, '"', size_t(end - p)));
            if (!q)
                return false;
            const char *b = q;
            while (b > open + 1 && b[-1] == '\\')
                --b;
            p = q + 1;
            if ((q - b) % 2 == 0)
                return true;
        }
    }
    // Steps over one value: strings with their escapes, containers by depth, scalars up to the next delimiter.
    bool skipValue()
    {
        skipSpace();
        if (p >= end)
            return false;
        if (*p == '"')
            return skipString();
        if (*p == '{' || *p == '[') {
            int depth = 0;
            while (p < end) {
                switch (*p) {
                case '"':
                    if (!skipString())
                        return false;
                    continue;
                case '{':
                case '[':
                    ++depth;
                    break;
                case '}':
                case ']':
                    if (--depth == 0) {
                        ++p;
                        return true;
                    }
                    break;
                default:
                    break;
                }
                ++p;
            }
            return false;
        }
        const char *start = p;
        while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            ++p;
        return p > start;
    }
};
} // namespace

std::optional<QString> RecordPager::scanNextCursor(const QByteArray &json)
{
    static constexpr char key[] = "next_cursor";
    static constexpr qsizetype keySize = sizeof key - 1;
    JsonScan scan(json);
    if (!scan.take('{'))
        return std::nullopt;
    std::optional<QString> found;
    bool seen = false;
    scan.skipSpace();
    if (scan.p < scan.end && *scan.p == '}')
        return std::nullopt; // {}: no key
    for (;;) {
        scan.skipSpace();
        const char *kb;
        const char *ke;
        bool plainKey;
        if (!scan.string(&kb, &ke, &plainKey) || !plainKey || !scan.take(':'))
            return std::nullopt; // an escaped key might spell next_cursor: let the parse decide
        const bool isCursor = ke - kb == keySize && memcmp(kb, key, keySize) == 0;
        scan.skipSpace();
        if (isCursor) {
            if (seen)
                return std::nullopt; // a repeated key: which one the parse keeps is its business
            seen = true;
            const char *vb;
            const char *ve;
            bool plainValue;
            if (scan.p >= scan.end || *scan.p != '"' || !scan.string(&vb, &ve, &plainValue) || !plainValue)
                return std::nullopt;
            found = QString::fromUtf8(vb, ve - vb);
        } else if (!scan.skipValue()) {
            return std::nullopt;
        }
        if (scan.take(','))
            continue;
        if (!scan.take('}'))
            return std::nullopt;
        scan.skipSpace();
        if (scan.p != scan.end)
            return std::nullopt; // text after the object
        return found;
    }
}

std::optional<QString> RecordPager::predictNext(
    RecordSource::Provider provider, const QByteArray &body, const QString &askedWith)
{
    std::optional<QString> next = scanNextCursor(body);
    if (!next || next->isEmpty())
        return std::nullopt;
    if (provider == RecordSource::Provider::Panora && looksLikeRawUuid(*next))
        next = QString::fromLatin1(next->toLatin1().toBase64());
    if (*next == askedWith)
        return std::nullopt;
    return next;
}

RecordPager::Page RecordPager::accept(const Result &result)
{
    Page page;
    if (!result.ok()) {
        page.error = result.error;
        return page;
    }
    const QJsonObject object = result.data.toObject();
    // Panora and the compatible paths: {data: [...]} (or a bare list); Nango's synced records: {records: [...]}.
    const bool records = object.value(QLatin1String("records")).isArray();
    if (!result.data.isArray() && !object.value(QLatin1String("data")).isArray() && !records) {
        page.error = Error::make(Error::Kind::Decode,
            tr("The answer%1 has no \"data\" list of %2.").arg(from(), m_source.kindName()),
            tr("Check that the base URL points at the %1 API.").arg(m_source.providerName()));
        return page;
    }
    const QJsonArray data = result.data.isArray() ? result.data.toArray()
                                                  : object.value(QLatin1String(records ? "records" : "data")).toArray();
    // A list item that is not an object would be an empty row, silently: name the item and what it was instead.
    // Every record of every provider here has an id: an object without one is a page object or something else
    // taken for a record (a list where the page object belongs).
    const char *listName = result.data.isArray() ? nullptr : records ? "records" : "data";
    for (qsizetype i = 0; i < data.size(); ++i) {
        const bool object = data.at(i).isObject();
        if (object && !idOf(data.at(i).toObject()).isEmpty())
            continue;
        const QString where = listName
            ? tr("Item %1 of the answer's \"%2\" list").arg(i + 1).arg(QLatin1String(listName))
            : tr("Item %1 of the answer's list").arg(i + 1);
        page.error = Error::make(Error::Kind::Decode,
            object ? tr("%1 has no id, so it is not a record: this answer%2 is not a page of %3.")
                         .arg(where, from(), m_source.kindName())
                   : tr("%1 is %2, not a record: this answer%3 is not a page of %4.")
                         .arg(where, PayloadField::typeName(data.at(i)), from(), m_source.kindName()),
            tr("Check that the base URL points at the %1 API.").arg(m_source.providerName()));
        return page;
    }
    page.rows.reserve(data.size());
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QJsonObject row = data.at(i).toObject();
        if (i == 0 && m_pages > 0 && !m_lastId.isEmpty() && idOf(row) == m_lastId)
            continue; // inclusive cursor: the boundary row again
        page.rows.append(row);
    }
    if (!data.isEmpty())
        m_lastId = idOf(data.last().toObject());

    QString next = object.value(QLatin1String("next_cursor")).toString();
    if (m_source.provider == RecordSource::Provider::Panora && looksLikeRawUuid(next))
        next = QString::fromLatin1(next.toLatin1().toBase64());
    // Records pages may be short, even empty, while next_cursor says there is more.
    m_hasMore = !next.isEmpty() && (records || !data.isEmpty()) && next != m_cursor;
    m_cursor = m_hasMore ? next : QString();
    ++m_pages;
    return page;
}

} // namespace crossline
