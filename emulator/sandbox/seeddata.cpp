#include "seeddata.h"

#include "httputil.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <algorithm>
#include <cstring>

namespace crossline::sandbox {

namespace {

const char *const kFirstNames[] = { "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
    "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos",
    "Karen", "Amara", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra", "Kenji",
    "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle", "Zoe", "Ines", "Mehdi",
    "Olga", "Priya", "Noah", "Léa", "Søren" };
const char *const kLastNames[] = { "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Dubois",
    "Müller", "O'Brien", "Kowalski", "Tanaka", "Okafor", "Silva" };
constexpr int kFirstCount = int(sizeof kFirstNames / sizeof kFirstNames[0]);
constexpr int kLastCount = int(sizeof kLastNames / sizeof kLastNames[0]);

const char *const kCities[][4] = { { "New York", "NY", "10001", "United States of America" },
    { "San Francisco", "CA", "94105", "United States of America" },
    { "Austin", "TX", "73301", "United States of America" }, { "Chicago", "IL", "60601", "United States of America" },
    { "Seattle", "WA", "98101", "United States of America" } };
const char *const kGenders[] = { "MALE", "FEMALE", "NON-BINARY", "PREFER_NOT_TO_DISCLOSE" };
const char *const kStatuses[] = { "ACTIVE", "ACTIVE", "ACTIVE", "PENDING", "INACTIVE" };
const char *const kDepartments[] = { "Engineering", "Sales", "Support", "Finance", "People" };

int firstIndex(int i)
{
    return i % kFirstCount;
}

int lastIndex(int i)
{
    return (i / kFirstCount + i * 7) % kLastCount;
}

const QDateTime &baseTime()
{
    static const QDateTime t(QDate(2024, 1, 2), QTime(9, 0), QTimeZone::utc());
    return t;
}

QString asciiLower(const QString &s)
{
    QString out;
    for (const QChar c : s.normalized(QString::NormalizationForm_D)) {
        if (c.isLetter() && c.unicode() < 128)
            out.append(c.toLower());
    }
    return out;
}

QString pad(int n, int width)
{
    return QString::number(n).rightJustified(width, QLatin1Char('0'));
}

// ---- the compact writer --------------------------------------------------------------------------------------------

// asciiLower() of every first and last name, worked out once.
struct LowerNames
{
    QByteArray first[kFirstCount];
    QByteArray last[kLastCount];
    LowerNames()
    {
        for (int i = 0; i < kFirstCount; ++i)
            first[i] = asciiLower(QString::fromUtf8(kFirstNames[i])).toLatin1();
        for (int i = 0; i < kLastCount; ++i)
            last[i] = asciiLower(QString::fromUtf8(kLastNames[i])).toLatin1();
    }
};

const LowerNames &lowerNames()
{
    static const LowerNames names;
    return names;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms), as QDate counts them.
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

struct Civil
{
    qint64 year;
    unsigned month;
    unsigned day;
};

constexpr Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return { y + (m <= 2), m, d };
}

constexpr qint64 kDay = 86400;
constexpr qint64 kBaseSecs = daysFromCivil(2024, 1, 2) * kDay + 9 * 3600; // baseTime()

// The decimal digits of n >= 0, at least `width` of them (zero-padded), into buf; returns how many.
int formatDigits(char *buf, qint64 n, int width)
{
    char reversed[24];
    int len = 0;
    do {
        reversed[len++] = char('0' + n % 10);
        n /= 10;
    } while (n > 0);
    while (len < width)
        reversed[len++] = '0';
    for (int i = 0; i < len; ++i)
        buf[i] = reversed[len - 1 - i];
    return len;
}

void appendDigits(QByteArray &out, qint64 n, int width)
{
    char buf[24];
    out.append(buf, formatDigits(buf, n, width));
}

// Builds compact JSON as QJsonDocument writes it. Members must come in QJsonObject's order: keys sorted. Bytes
// go through a small buffer (QByteArray::append per character is what would cost most).
class Writer
{
public:
    explicit Writer(QByteArray &out)
        : m_out(out)
    {
    }
    ~Writer() { flush(); }
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;

    Writer &beginObject()
    {
        value();
        put('{');
        push();
        return *this;
    }
    Writer &endObject()
    {
        put('}');
        --m_depth;
        return *this;
    }
    Writer &beginArray()
    {
        value();
        put('[');
        push();
        return *this;
    }
    Writer &endArray()
    {
        put(']');
        --m_depth;
        return *this;
    }
    Writer &key(const char *name)
    {
        separator();
        put('"');
        put(name);
        put("\":");
        m_afterKey = true;
        return *this;
    }
    Writer &str(QByteArrayView utf8)
    {
        value();
        put('"');
        for (const char c : utf8) {
            const auto u = uchar(c);
            if (u >= 0x20 && c != '"' && c != '\\') {
                put(c);
                continue;
            }
            put('\\');
            switch (u) {
            case '"':
                put('"');
                break;
            case '\\':
                put('\\');
                break;
            case '\b':
                put('b');
                break;
            case '\f':
                put('f');
                break;
            case '\n':
                put('n');
                break;
            case '\r':
                put('r');
                break;
            case '\t':
                put('t');
                break;
            default:
                put("u00");
                put("0123456789abcdef"[u >> 4]);
                put("0123456789abcdef"[u & 0xf]);
            }
        }
        put('"');
        return *this;
    }
    // A string of plain ASCII pieces that need no escaping: beginStr().part("EMP").number(7, 4).endStr()
    Writer &beginStr()
    {
        value();
        put('"');
        return *this;
    }
    Writer &part(QByteArrayView ascii)
    {
        put(ascii);
        return *this;
    }
    Writer &number(qint64 n, int width = 1)
    {
        char buf[24];
        put(QByteArrayView(buf, formatDigits(buf, n, width)));
        return *this;
    }
    Writer &endStr()
    {
        put('"');
        return *this;
    }
    Writer &raw(QByteArrayView json)
    {
        value();
        put(json);
        return *this;
    }
    Writer &null()
    {
        value();
        put("null");
        return *this;
    }
    Writer &boolean(bool b)
    {
        value();
        put(b ? "true" : "false");
        return *this;
    }
    Writer &emptyObject()
    {
        value();
        put("{}");
        return *this;
    }
    // "yyyy-MM-ddTHH:mm:ss.000Z" (http::isoTimestamp) of a time in whole seconds since the epoch.
    Writer &timestamp(qint64 secs)
    {
        const qint64 days = secs >= 0 ? secs / kDay : -((-secs + kDay - 1) / kDay);
        const qint64 rest = secs - days * kDay;
        const Civil c = civilFromDays(days);
        beginStr().number(c.year, 4).part("-").number(c.month, 2).part("-").number(c.day, 2);
        part("T").number(rest / 3600, 2).part(":").number(rest / 60 % 60, 2).part(":").number(rest % 60, 2);
        return part(".000Z").endStr();
    }
    // http::stableUuid(prefix + n)
    Writer &stableUuid(const char *prefix, int n)
    {
        char seed[64];
        const size_t len = std::strlen(prefix); // the prefixes are short literals
        std::memcpy(seed, prefix, len);
        const int digits = formatDigits(seed + len, n, 1);
        thread_local QCryptographicHash md5(QCryptographicHash::Md5);
        md5.reset();
        md5.addData(QByteArrayView(seed, qsizetype(len) + digits));
        const QByteArrayView hash = md5.resultView();
        uchar b[16];
        std::memcpy(b, hash.data(), 16);
        b[6] = uchar((b[6] & 0x0f) | 0x40);
        b[8] = uchar((b[8] & 0x3f) | 0x80);
        beginStr();
        for (int i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                put('-');
            put("0123456789abcdef"[b[i] >> 4]);
            put("0123456789abcdef"[b[i] & 0xf]);
        }
        return endStr();
    }

private:
    void put(char c)
    {
        if (m_len == sizeof m_buf)
            flush();
        m_buf[m_len++] = c;
    }
    void put(QByteArrayView bytes)
    {
        if (m_len + size_t(bytes.size()) > sizeof m_buf) {
            flush();
            if (size_t(bytes.size()) > sizeof m_buf) {
                m_out.append(bytes);
                return;
            }
        }
        std::memcpy(m_buf + m_len, bytes.data(), size_t(bytes.size()));
        m_len += size_t(bytes.size());
    }
    void put(const char *text) { put(QByteArrayView(text)); }
    void flush()
    {
        m_out.append(m_buf, qsizetype(m_len));
        m_len = 0;
    }
    void push()
    {
        ++m_depth;
        m_first[m_depth] = true;
    }
    void separator()
    {
        if (!m_first[m_depth])
            put(',');
        m_first[m_depth] = false;
    }
    // A value: after a key it follows the colon, in an array it is the next element.
    void value()
    {
        if (m_afterKey)
            m_afterKey = false;
        else if (m_depth > 0)
            separator();
    }

    QByteArray &m_out;
    char m_buf[1024];
    size_t m_len = 0;
    bool m_first[16] = {};
    int m_depth = 0;
    bool m_afterKey = false;
};

QByteArrayView firstNameUtf8(int i)
{
    return QByteArrayView(kFirstNames[firstIndex(i)]);
}

QByteArrayView lastNameUtf8(int i)
{
    return QByteArrayView(kLastNames[lastIndex(i)]);
}

void remoteData(Writer &w, QByteArrayView remoteIdPrefix, int remoteId, int nameIndex)
{
    w.key("remote_data").beginObject();
    w.key("id").beginStr().part(remoteIdPrefix).number(remoteId).endStr();
    w.key("properties")
        .beginObject()
        .key("firstname")
        .str(firstNameUtf8(nameIndex))
        .key("lastname")
        .str(lastNameUtf8(nameIndex))
        .endObject();
    w.endObject();
}

// _nango_metadata of a seeded record whose created_at and updated_at are `secs`.
void recordMetadata(Writer &w, const SeedData::RecordMeta &meta, qint64 secs)
{
    w.key("_nango_metadata").beginObject();
    QByteArray cursor("rec:");
    appendDigits(cursor, meta.index, 1);
    w.key("cursor").str(cursor.toBase64());
    w.key("deleted_at");
    if (meta.deleted)
        w.timestamp(secs);
    else
        w.null();
    w.key("first_seen_at").timestamp(secs);
    w.key("last_action").str(meta.deleted ? "DELETED" : "ADDED");
    w.key("last_modified_at").timestamp(secs);
    w.key("pruned_at").null();
    w.endObject();
}

// QDate::toString(Qt::ISODate): empty outside the years 0..9999.
void isoDate(Writer &w, qint64 days)
{
    const Civil c = civilFromDays(days);
    if (c.year < 0 || c.year > 9999) {
        w.str("");
        return;
    }
    w.beginStr().number(c.year, 4).part("-").number(c.month, 2).part("-").number(c.day, 2).endStr();
}

} // namespace

// ---- the records as objects ----------------------------------------------------------------------------------------

QString SeedData::firstName(int i)
{
    return QString::fromUtf8(kFirstNames[firstIndex(i)]);
}

QString SeedData::lastName(int i)
{
    return QString::fromUtf8(kLastNames[lastIndex(i)]);
}

QJsonObject SeedData::panoraContact(int i)
{
    const QString connection = http::stableUuid("panora-connection");
    const QString id = panoraContactId(i);
    const QString created = http::isoTimestamp(baseTime().addSecs(qint64(i) * 60));
    const QString first = firstName(i);
    const QString last = lastName(i);
    const auto *city = kCities[i % 5];
    QJsonObject address { { QStringLiteral("id_crm_address"),
                              http::stableUuid("panora-address-" + QByteArray::number(i)) },
        { QStringLiteral("street_1"), QString(QString::number(100 + i % 900) + QStringLiteral(" Market Street")) },
        { QStringLiteral("street_2"), QJsonValue::Null }, { QStringLiteral("city"), QString::fromUtf8(city[0]) },
        { QStringLiteral("state"), QString::fromUtf8(city[1]) },
        { QStringLiteral("postal_code"), QString::fromUtf8(city[2]) },
        { QStringLiteral("country"), QString::fromUtf8(city[3]) },
        { QStringLiteral("address_type"), QStringLiteral("WORK") },
        { QStringLiteral("id_crm_company"), QJsonValue::Null }, { QStringLiteral("id_crm_contact"), id },
        { QStringLiteral("id_connection"), connection }, { QStringLiteral("owner_type"), QString() },
        { QStringLiteral("created_at"), created }, { QStringLiteral("modified_at"), created } };
    return QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("first_name"), first },
        { QStringLiteral("last_name"), last },
        { QStringLiteral("email_addresses"),
            QJsonArray { QJsonObject { { QStringLiteral("email_address"),
                                           QString(asciiLower(first) + QLatin1Char('.') + asciiLower(last)
                                               + QString::number(i) + QStringLiteral("@example.com")) },
                { QStringLiteral("email_address_type"),
                    i % 3 == 0 ? QStringLiteral("PERSONAL") : QStringLiteral("WORK") } } } },
        { QStringLiteral("phone_numbers"),
            QJsonArray { QJsonObject {
                { QStringLiteral("phone_number"), QString(QStringLiteral("+1415555") + pad(i % 10000, 4)) },
                { QStringLiteral("phone_type"), i % 2 ? QStringLiteral("WORK") : QStringLiteral("MOBILE") } } } },
        { QStringLiteral("addresses"), QJsonArray { address } }, { QStringLiteral("user_id"), QJsonValue::Null },
        { QStringLiteral("field_mappings"), QJsonObject {} },
        { QStringLiteral("remote_id"), QString::number(1000 + i) }, { QStringLiteral("created_at"), created },
        { QStringLiteral("modified_at"), created } };
}

QJsonObject SeedData::panoraEmployee(int i)
{
    const QString company = http::stableUuid("panora-company");
    const QString id = panoraEmployeeId(i);
    const QString created = http::isoTimestamp(baseTime().addSecs(qint64(i) * 300));
    const QString first = firstName(i + 11);
    const QString last = lastName(i + 11);
    const QString start
        = http::isoTimestamp(QDateTime(QDate(2015, 1, 1).addDays(i * 3), QTime(0, 0), QTimeZone::utc()));
    const QString birth
        = http::isoTimestamp(QDateTime(QDate(1960, 1, 1).addDays(i * 13), QTime(0, 0), QTimeZone::utc()));
    const bool inactive = QString::fromLatin1(kStatuses[i % 5]) == QStringLiteral("INACTIVE");
    return QJsonObject { { QStringLiteral("id"), id },
        { QStringLiteral("groups"), QJsonArray { QString(QStringLiteral("Group") + QString::number(1 + i % 4)) } },
        { QStringLiteral("employee_number"), QString(QStringLiteral("EMP") + pad(i + 1, 4)) },
        { QStringLiteral("company_id"), company }, { QStringLiteral("first_name"), first },
        { QStringLiteral("last_name"), last }, { QStringLiteral("preferred_name"), first },
        { QStringLiteral("display_full_name"), QString(first + QLatin1Char(' ') + last) },
        { QStringLiteral("username"), QString(asciiLower(first) + asciiLower(last) + QString::number(i)) },
        { QStringLiteral("locations"),
            QJsonArray { http::stableUuid("panora-location-" + QByteArray::number(i % 3)) } },
        { QStringLiteral("manager_id"),
            i < 10 ? QJsonValue(QJsonValue::Null)
                   : QJsonValue(http::stableUuid("panora-employee-" + QByteArray::number(i % 10))) },
        { QStringLiteral("work_email"),
            QString(asciiLower(first) + QLatin1Char('.') + asciiLower(last) + QString::number(i)
                + QStringLiteral("@company.example")) },
        { QStringLiteral("personal_email"), QJsonValue::Null },
        { QStringLiteral("mobile_phone_number"), QString(QStringLiteral("+1212555") + pad(i % 10000, 4)) },
        { QStringLiteral("employments"),
            QJsonArray { http::stableUuid("panora-employment-" + QByteArray::number(i)) } },
        { QStringLiteral("ssn"), QJsonValue::Null }, { QStringLiteral("gender"), QString::fromLatin1(kGenders[i % 4]) },
        { QStringLiteral("ethnicity"), QJsonValue::Null }, { QStringLiteral("marital_status"), QJsonValue::Null },
        { QStringLiteral("date_of_birth"), birth }, { QStringLiteral("start_date"), start },
        { QStringLiteral("employment_status"), QString::fromLatin1(kStatuses[i % 5]) },
        { QStringLiteral("termination_date"),
            inactive ? QJsonValue(http::isoTimestamp(QDateTime(QDate(2024, 6, 30), QTime(0, 0), QTimeZone::utc())))
                     : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("avatar_url"), QJsonValue::Null }, { QStringLiteral("field_mappings"), QJsonObject {} },
        { QStringLiteral("remote_id"), QString(QStringLiteral("employee_") + QString::number(1000 + i)) },
        { QStringLiteral("remote_created_at"), created }, { QStringLiteral("created_at"), created },
        { QStringLiteral("modified_at"), created }, { QStringLiteral("remote_was_deleted"), false } };
}

QJsonObject SeedData::nangoContact(int i)
{
    const QString first = firstName(i + 3);
    const QString last = lastName(i + 3);
    const QString ts = http::isoTimestamp(baseTime().addSecs(qint64(i) * 3600));
    return QJsonObject { { QStringLiteral("id"), nangoContactId(i) }, { QStringLiteral("first_name"), first },
        { QStringLiteral("last_name"), last },
        { QStringLiteral("email"),
            QString(asciiLower(first) + QLatin1Char('.') + asciiLower(last) + QString::number(i)
                + QStringLiteral("@example.org")) },
        { QStringLiteral("phone"), QString(QStringLiteral("+1646555") + pad(i % 10000, 4)) },
        { QStringLiteral("company"), QString(QStringLiteral("Company ") + QString::number(1 + i % 20)) },
        { QStringLiteral("created_at"), ts }, { QStringLiteral("updated_at"), ts } };
}

QJsonObject SeedData::nangoEmployee(int i)
{
    const QString first = firstName(i + 5);
    const QString last = lastName(i + 5);
    const QString ts = http::isoTimestamp(baseTime().addSecs(qint64(i) * 7200));
    return QJsonObject { { QStringLiteral("id"), nangoEmployeeId(i) }, { QStringLiteral("first_name"), first },
        { QStringLiteral("last_name"), last },
        { QStringLiteral("email"),
            QString(asciiLower(first) + QLatin1Char('.') + asciiLower(last) + QString::number(i)
                + QStringLiteral("@company.example")) },
        { QStringLiteral("department"), QString::fromLatin1(kDepartments[i % 5]) },
        { QStringLiteral("title"), i % 7 == 0 ? QStringLiteral("Manager") : QStringLiteral("Specialist") },
        { QStringLiteral("employment_status"), i % 11 == 0 ? QStringLiteral("INACTIVE") : QStringLiteral("ACTIVE") },
        { QStringLiteral("start_date"), QDate(2018, 3, 1).addDays(i * 9).toString(Qt::ISODate) },
        { QStringLiteral("manager_id"),
            i < 5 ? QJsonValue(QJsonValue::Null)
                  : QJsonValue(QString(QStringLiteral("emp_") + QString::number(100 + i % 5))) },
        { QStringLiteral("created_at"), ts }, { QStringLiteral("updated_at"), ts } };
}

QJsonObject SeedData::withRemoteData(QJsonObject item)
{
    item.insert(QStringLiteral("remote_data"),
        QJsonObject { { QStringLiteral("id"), item.value(QStringLiteral("remote_id")) },
            { QStringLiteral("properties"),
                QJsonObject { { QStringLiteral("firstname"), item.value(QStringLiteral("first_name")) },
                    { QStringLiteral("lastname"), item.value(QStringLiteral("last_name")) } } } });
    return item;
}

QJsonObject SeedData::withRecordMetadata(QJsonObject record, int index, bool deleted)
{
    const QString modified = record.value(QStringLiteral("updated_at")).toString();
    record.insert(QStringLiteral("_nango_metadata"),
        QJsonObject { { QStringLiteral("deleted_at"), deleted ? QJsonValue(modified) : QJsonValue() },
            { QStringLiteral("last_action"), deleted ? QStringLiteral("DELETED") : QStringLiteral("ADDED") },
            { QStringLiteral("first_seen_at"), record.value(QStringLiteral("created_at")) },
            { QStringLiteral("last_modified_at"), modified },
            { QStringLiteral("cursor"),
                QString::fromLatin1(QByteArray("rec:" + QByteArray::number(index)).toBase64()) },
            { QStringLiteral("pruned_at"), QJsonValue() } });
    return record;
}

QString SeedData::panoraContactId(int i)
{
    return http::stableUuid("panora-contact-" + QByteArray::number(i));
}

QString SeedData::panoraEmployeeId(int i)
{
    return http::stableUuid("panora-employee-" + QByteArray::number(i));
}

QString SeedData::nangoContactId(int i)
{
    return QStringLiteral("contact_") + QString::number(100 + i);
}

QString SeedData::nangoEmployeeId(int i)
{
    return QStringLiteral("emp_") + QString::number(100 + i);
}

namespace {
std::optional<int> indexAfterPrefix(const QString &id, QLatin1StringView prefix, int count)
{
    if (!id.startsWith(prefix))
        return std::nullopt;
    bool ok = false;
    const qint64 n = QStringView(id).mid(prefix.size()).toLongLong(&ok);
    if (!ok || n < 100 || n - 100 >= count || QString::number(n) != QStringView(id).mid(prefix.size()))
        return std::nullopt; // "contact_0100" or "contact_+100" name no seeded record
    return int(n - 100);
}
} // namespace

std::optional<int> SeedData::nangoContactIndex(const QString &id, int count)
{
    return indexAfterPrefix(id, QLatin1StringView("contact_"), count);
}

std::optional<int> SeedData::nangoEmployeeIndex(const QString &id, int count)
{
    return indexAfterPrefix(id, QLatin1StringView("emp_"), count);
}

// ---- the records as compact JSON -----------------------------------------------------------------------------------

void SeedData::appendJson(QByteArray &out, const QJsonObject &object)
{
    out += QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void SeedData::appendPanoraContact(QByteArray &out, int i, bool withRemote)
{
    const qint64 created = kBaseSecs + qint64(i) * 60;
    const auto *city = kCities[i % 5];
    Writer w(out);
    w.beginObject();
    w.key("addresses").beginArray().beginObject();
    w.key("address_type").str("WORK");
    w.key("city").str(city[0]);
    w.key("country").str(city[3]);
    w.key("created_at").timestamp(created);
    static const QByteArray connection = '"' + http::stableUuid("panora-connection").toLatin1() + '"';
    w.key("id_connection").raw(connection);
    w.key("id_crm_address").stableUuid("panora-address-", i);
    w.key("id_crm_company").null();
    w.key("id_crm_contact").stableUuid("panora-contact-", i);
    w.key("modified_at").timestamp(created);
    w.key("owner_type").str("");
    w.key("postal_code").str(city[2]);
    w.key("state").str(city[1]);
    w.key("street_1").beginStr().number(100 + i % 900).part(" Market Street").endStr();
    w.key("street_2").null();
    w.endObject().endArray();
    w.key("created_at").timestamp(created);
    const LowerNames &lower = lowerNames();
    w.key("email_addresses").beginArray().beginObject();
    w.key("email_address")
        .beginStr()
        .part(lower.first[firstIndex(i)])
        .part(".")
        .part(lower.last[lastIndex(i)])
        .number(i)
        .part("@example.com")
        .endStr();
    w.key("email_address_type").str(i % 3 == 0 ? "PERSONAL" : "WORK");
    w.endObject().endArray();
    w.key("field_mappings").emptyObject();
    w.key("first_name").str(firstNameUtf8(i));
    w.key("id").stableUuid("panora-contact-", i);
    w.key("last_name").str(lastNameUtf8(i));
    w.key("modified_at").timestamp(created);
    w.key("phone_numbers").beginArray().beginObject();
    w.key("phone_number").beginStr().part("+1415555").number(i % 10000, 4).endStr();
    w.key("phone_type").str(i % 2 ? "WORK" : "MOBILE");
    w.endObject().endArray();
    if (withRemote)
        remoteData(w, "", 1000 + i, i);
    w.key("remote_id").beginStr().number(1000 + i).endStr();
    w.key("user_id").null();
    w.endObject();
}

void SeedData::appendPanoraEmployee(QByteArray &out, int i, bool withRemote, bool listed)
{
    static const QByteArray company = '"' + http::stableUuid("panora-company").toLatin1() + '"';
    static const qint64 start = daysFromCivil(2015, 1, 1);
    static const qint64 birth = daysFromCivil(1960, 1, 1);
    const qint64 created = kBaseSecs + qint64(i) * 300;
    const int n = i + 11; // the names' index
    const LowerNames &lower = lowerNames();
    Writer w(out);
    w.beginObject();
    w.key("avatar_url").null();
    w.key("company_id").raw(company);
    if (!listed)
        w.key("created_at").timestamp(created);
    w.key("date_of_birth").timestamp((birth + qint64(i) * 13) * kDay);
    w.key("display_full_name").beginStr().part(firstNameUtf8(n)).part(" ").part(lastNameUtf8(n)).endStr();
    w.key("employee_number").beginStr().part("EMP").number(i + 1, 4).endStr();
    w.key("employment_status").str(kStatuses[i % 5]);
    w.key("employments").beginArray().stableUuid("panora-employment-", i).endArray();
    w.key("ethnicity").null();
    w.key("field_mappings").emptyObject();
    w.key("first_name").str(firstNameUtf8(n));
    w.key("gender").str(kGenders[i % 4]);
    w.key("groups").beginArray().beginStr().part("Group").number(1 + i % 4).endStr().endArray();
    w.key("id").stableUuid("panora-employee-", i);
    w.key("last_name").str(lastNameUtf8(n));
    w.key("locations").beginArray().stableUuid("panora-location-", i % 3).endArray();
    w.key("manager_id");
    if (i < 10)
        w.null();
    else
        w.stableUuid("panora-employee-", i % 10);
    w.key("marital_status").null();
    w.key("mobile_phone_number").beginStr().part("+1212555").number(i % 10000, 4).endStr();
    if (!listed)
        w.key("modified_at").timestamp(created);
    w.key("personal_email").null();
    w.key("preferred_name").str(firstNameUtf8(n));
    w.key("remote_created_at").timestamp(created);
    if (withRemote)
        remoteData(w, "employee_", 1000 + i, n);
    w.key("remote_id").beginStr().part("employee_").number(1000 + i).endStr();
    if (!listed)
        w.key("remote_was_deleted").boolean(false);
    w.key("ssn").null();
    w.key("start_date").timestamp((start + qint64(i) * 3) * kDay);
    w.key("termination_date");
    if (i % 5 == 4) // INACTIVE
        w.timestamp(daysFromCivil(2024, 6, 30) * kDay);
    else
        w.null();
    w.key("username").beginStr().part(lower.first[firstIndex(n)]).part(lower.last[lastIndex(n)]).number(i).endStr();
    w.key("work_email")
        .beginStr()
        .part(lower.first[firstIndex(n)])
        .part(".")
        .part(lower.last[lastIndex(n)])
        .number(i)
        .part("@company.example")
        .endStr();
    w.endObject();
}

void SeedData::appendNangoContact(QByteArray &out, int i, const RecordMeta *meta)
{
    const qint64 ts = kBaseSecs + qint64(i) * 3600;
    const int n = i + 3;
    const LowerNames &lower = lowerNames();
    Writer w(out);
    w.beginObject();
    if (meta)
        recordMetadata(w, *meta, ts);
    w.key("company").beginStr().part("Company ").number(1 + i % 20).endStr();
    w.key("created_at").timestamp(ts);
    w.key("email")
        .beginStr()
        .part(lower.first[firstIndex(n)])
        .part(".")
        .part(lower.last[lastIndex(n)])
        .number(i)
        .part("@example.org")
        .endStr();
    w.key("first_name").str(firstNameUtf8(n));
    w.key("id").beginStr().part("contact_").number(100 + qint64(i)).endStr();
    w.key("last_name").str(lastNameUtf8(n));
    w.key("phone").beginStr().part("+1646555").number(i % 10000, 4).endStr();
    w.key("updated_at").timestamp(ts);
    w.endObject();
}

void SeedData::appendNangoEmployee(QByteArray &out, int i, const RecordMeta *meta)
{
    static const qint64 start = daysFromCivil(2018, 3, 1);
    const qint64 ts = kBaseSecs + qint64(i) * 7200;
    const int n = i + 5;
    const LowerNames &lower = lowerNames();
    Writer w(out);
    w.beginObject();
    if (meta)
        recordMetadata(w, *meta, ts);
    w.key("created_at").timestamp(ts);
    w.key("department").str(kDepartments[i % 5]);
    w.key("email")
        .beginStr()
        .part(lower.first[firstIndex(n)])
        .part(".")
        .part(lower.last[lastIndex(n)])
        .number(i)
        .part("@company.example")
        .endStr();
    w.key("employment_status").str(i % 11 == 0 ? "INACTIVE" : "ACTIVE");
    w.key("first_name").str(firstNameUtf8(n));
    w.key("id").beginStr().part("emp_").number(100 + qint64(i)).endStr();
    w.key("last_name").str(lastNameUtf8(n));
    w.key("manager_id");
    if (i < 5)
        w.null();
    else
        w.beginStr().part("emp_").number(100 + i % 5).endStr();
    isoDate(w.key("start_date"), start + qint64(i) * 9);
    w.key("title").str(i % 7 == 0 ? "Manager" : "Specialist");
    w.key("updated_at").timestamp(ts);
    w.endObject();
}

// ---- SeedIdIndex ---------------------------------------------------------------------------------------------------

SeedIdIndex::SeedIdIndex(QString (*idOf)(int), int count)
    : m_idOf(idOf)
    , m_count(count)
{
}

std::optional<quint64> SeedIdIndex::prefixOf(const QString &uuid)
{
    // The first 16 hex digits of "xxxxxxxx-xxxx-xxxx-…".
    if (uuid.size() < 18)
        return std::nullopt;
    quint64 key = 0;
    for (int i = 0; i < 18; ++i) {
        if (i == 8 || i == 13)
            continue;
        const char16_t c = uuid.at(i).unicode();
        // Lower case only: the seeded ids are, and a lookup matches the exact text.
        const int digit = c >= u'0' && c <= u'9' ? c - u'0' : c >= u'a' && c <= u'f' ? c - u'a' + 10 : -1;
        if (digit < 0)
            return std::nullopt;
        key = key << 4 | quint64(digit);
    }
    return key;
}

std::optional<int> SeedIdIndex::find(const QString &id)
{
    const std::optional<quint64> key = prefixOf(id);
    if (!key)
        return std::nullopt;
    if (m_table.empty() && m_count > 0) {
        m_table.reserve(size_t(m_count));
        for (int i = 0; i < m_count; ++i)
            m_table.emplace_back(*prefixOf(m_idOf(i)), i);
        std::sort(m_table.begin(), m_table.end());
    }
    for (auto it = std::lower_bound(m_table.begin(), m_table.end(), std::pair { *key, -1 });
         it != m_table.end() && it->first == *key; ++it) {
        if (m_idOf(it->second) == id)
            return it->second;
    }
    return std::nullopt;
}

} // namespace crossline::sandbox
