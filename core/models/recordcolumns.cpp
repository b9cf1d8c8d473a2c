#include "models/recordcolumns.h"

#include "unified/resourceregistry.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

#include <cstdio>

namespace crossline {

namespace {
const ResourceRegistry::Column *columnOf(const QString &resource, int column)
{
    const ResourceRegistry::RecordKind *kind = ResourceRegistry::recordKind(resource);
    return kind && column >= 0 && column < kind->columns.size() ? &kind->columns.at(column) : nullptr;
}
} // namespace

int RecordColumns::count(const QString &resource)
{
    const ResourceRegistry::RecordKind *kind = ResourceRegistry::recordKind(resource);
    return kind ? int(kind->columns.size()) : 0;
}

QString RecordColumns::header(const QString &resource, int column)
{
    const ResourceRegistry::Column *c = columnOf(resource, column);
    return c ? QCoreApplication::translate("crossline::ResourceRegistry", c->header) : QString();
}

QString RecordColumns::key(const QString &resource, int column)
{
    const ResourceRegistry::Column *c = columnOf(resource, column);
    return c ? c->key : QString();
}

int RecordColumns::indexOf(const QString &resource, const QString &key)
{
    for (int c = 0; c < count(resource); ++c) {
        if (columnOf(resource, c)->key == key)
            return c;
    }
    return -1;
}

QVariant RecordColumns::value(const QString &resource, const QJsonObject &row, int column)
{
    const ResourceRegistry::Column *c = columnOf(resource, column);
    if (!c)
        return {};
    const QVariant v = c->value(row);
    // Shown in the user's time zone; the readers keep the server's (converting costs a time-zone lookup per call,
    // which text() and a CSV of 100,000 rows do without).
    if (v.typeId() == QMetaType::QDateTime)
        return v.toDateTime().toLocalTime();
    return v;
}

QString RecordColumns::text(const QString &resource, const QJsonObject &row, int column)
{
    const ResourceRegistry::Column *c = columnOf(resource, column);
    return c ? valueText(c->value(row)) : QString();
}

QString RecordColumns::field(const QJsonObject &row, const char *key)
{
    return scalarText(row.value(QLatin1String(key)));
}

QString RecordColumns::scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

QString RecordColumns::firstNonEmpty(std::initializer_list<QString> candidates)
{
    for (const QString &c : candidates) {
        if (!c.isEmpty())
            return c;
    }
    return QString();
}

QString RecordColumns::fullName(const QJsonObject &row, bool preferDisplayName)
{
    const QString display = preferDisplayName ? field(row, "display_full_name") : QString();
    if (!display.isEmpty())
        return display;
    const QString joined = QString(field(row, "first_name") + QLatin1Char(' ') + field(row, "last_name")).trimmed();
    return firstNonEmpty({ joined, field(row, "name"), field(row, "display_full_name") });
}

QString RecordColumns::firstOf(const QJsonObject &row, const char *list, const char *field)
{
    return row.value(QLatin1String(list)).toArray().at(0).toObject().value(QLatin1String(field)).toString();
}

QString RecordColumns::id(const QJsonObject &row)
{
    return field(row, "id");
}

namespace {
// "YYYY-MM-DDTHH:MM:SS.mmmZ", what Panora and Nango send, read without QDateTime::fromString (a tenth of a CSV
// export's cell time): the same QDateTime fromString(Qt::ISODateWithMs) gives, or invalid when the text is anything
// else or out of range (hour 24 included), and fromString decides.
QDateTime canonicalUtc(const QString &text)
{
    if (text.size() != 24)
        return {};
    const char16_t *c = reinterpret_cast<const char16_t *>(text.constData());
    static constexpr char shape[] = "0000-00-00T00:00:00.000Z";
    int numbers[7] = {};
    int n = 0;
    for (int i = 0; i < 24; ++i) {
        if (shape[i] != '0') {
            if (c[i] != char16_t(shape[i]))
                return {};
            ++n;
            continue;
        }
        if (c[i] < u'0' || c[i] > u'9')
            return {};
        numbers[n] = numbers[n] * 10 + (c[i] - u'0');
    }
    const QDate date(numbers[0], numbers[1], numbers[2]);
    if (!date.isValid() || numbers[0] == 0 || numbers[3] > 23 || numbers[4] > 59 || numbers[5] > 59)
        return {};
    return QDateTime(date, QTime(numbers[3], numbers[4], numbers[5], numbers[6]), Qt::UTC);
}
} // namespace

QDateTime RecordColumns::dateTime(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()), QTimeZone::utc());
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    if (const QDateTime fast = canonicalUtc(text); fast.isValid())
        return fast;
    // A plain date ("2023-12-31") is that day at midnight UTC: Qt would read it as the user's local midnight.
    QDateTime dt = text.size() > 10 ? QDateTime::fromString(text, Qt::ISODateWithMs) : QDateTime();
    if (!dt.isValid() && text.size() > 10)
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate date = QDate::fromString(text.left(10), Qt::ISODate);
        if (date.isValid())
            dt = QDateTime(date, QTime(0, 0), QTimeZone::utc());
    }
    return dt;
}

QString RecordColumns::valueText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QDateTime: {
        const QDateTime dt = value.toDateTime().toUTC();
        if (!dt.isValid())
            return QString();
        const QDate d = dt.date();
        const QTime t = dt.time();
        if (d.year() < 0 || d.year() > 9999)
            return dt.toString(Qt::ISODateWithMs);
        // Qt::ISODateWithMs of a UTC time, written directly: toString() formats through QString::asprintf, a tenth
        // of a 100,000-row CSV export's time.
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year(), d.month(), d.day(), t.hour(),
            t.minute(), t.second(), t.msec());
        return QString::fromLatin1(text);
    }
    case QMetaType::QDate: {
        const QDate d = value.toDate();
        return d.isValid() ? d.toString(Qt::ISODate) : QString();
    }
    default:
        return value.toString();
    }
}

} // namespace crossline
