#include "models/recordcolumns.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace crossline {

namespace {
QString str(const QJsonObject &row, const char *key)
{
    const QJsonValue v = row.value(QLatin1String(key));
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

QString either(const QString &a, const QString &b)
{
    return a.isEmpty() ? b : a;
}

QString fullName(const QJsonObject &row, bool preferDisplayName)
{
    const QString display = preferDisplayName ? str(row, "display_full_name") : QString();
    if (!display.isEmpty())
        return display;
    const QString joined = QString(str(row, "first_name") + QLatin1Char(' ') + str(row, "last_name")).trimmed();
    return either(joined, either(str(row, "name"), str(row, "display_full_name")));
}
} // namespace

int RecordColumns::count(RecordSource::Kind kind)
{
    return kind == RecordSource::Kind::Employees ? int(EmployeeColumnCount) : int(ContactColumnCount);
}

QString RecordColumns::header(RecordSource::Kind kind, int column)
{
    if (kind == RecordSource::Kind::Employees) {
        switch (column) {
        case EmployeeName:
            return tr("Name");
        case EmployeeWorkEmail:
            return tr("Work email");
        case EmployeeStatus:
            return tr("Status");
        case EmployeeStartDate:
            return tr("Start date");
        case EmployeeNumber:
            return tr("Employee number");
        case EmployeeId:
            return tr("Id");
        default:
            return QString();
        }
    }
    switch (column) {
    case ContactName:
        return tr("Name");
    case ContactEmail:
        return tr("Email");
    case ContactPhone:
        return tr("Phone");
    case ContactCreated:
        return tr("Created");
    case ContactId:
        return tr("Id");
    default:
        return QString();
    }
}

QString RecordColumns::firstOf(const QJsonObject &row, const char *list, const char *field)
{
    return row.value(QLatin1String(list)).toArray().at(0).toObject().value(QLatin1String(field)).toString();
}

QString RecordColumns::id(const QJsonObject &row)
{
    return str(row, "id");
}

QDateTime RecordColumns::dateTime(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()), QTimeZone::utc());
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
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
        const QDateTime dt = value.toDateTime();
        return dt.isValid() ? dt.toUTC().toString(Qt::ISODateWithMs) : QString();
    }
    case QMetaType::QDate: {
        const QDate d = value.toDate();
        return d.isValid() ? d.toString(Qt::ISODate) : QString();
    }
    default:
        return value.toString();
    }
}

QVariant RecordColumns::value(RecordSource::Kind kind, const QJsonObject &row, int column)
{
    if (kind == RecordSource::Kind::Employees) {
        switch (column) {
        case EmployeeName:
            return fullName(row, true);
        case EmployeeWorkEmail:
            return either(str(row, "work_email"), either(str(row, "email"), str(row, "personal_email")));
        case EmployeeStatus:
            return either(str(row, "employment_status"), str(row, "status"));
        case EmployeeStartDate: {
            // A start date is a calendar day; Panora sends midnight UTC, Nango's compatible rows a plain date.
            const QDateTime dt = dateTime(row.value(QLatin1String("start_date")));
            return dt.isValid() ? QVariant(dt.toUTC().date()) : QVariant();
        }
        case EmployeeNumber:
            return str(row, "employee_number");
        case EmployeeId:
            return id(row);
        default:
            return {};
        }
    }
    switch (column) {
    case ContactName:
        return fullName(row, false);
    case ContactEmail:
        return either(
            firstOf(row, "email_addresses", "email_address"), either(str(row, "email"), str(row, "email_address")));
    case ContactPhone:
        return either(
            firstOf(row, "phone_numbers", "phone_number"), either(str(row, "phone"), str(row, "phone_number")));
    case ContactCreated: {
        QJsonValue created = row.value(QLatin1String("created_at"));
        if (created.isUndefined() || created.isNull())
            created = row.value(QLatin1String("remote_created_at"));
        const QDateTime dt = dateTime(created);
        return dt.isValid() ? QVariant(dt.toLocalTime()) : QVariant();
    }
    case ContactId:
        return id(row);
    default:
        return {};
    }
}

QString RecordColumns::text(RecordSource::Kind kind, const QJsonObject &row, int column)
{
    return valueText(value(kind, row, column));
}

} // namespace crossline
