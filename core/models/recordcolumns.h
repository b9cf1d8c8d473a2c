#pragma once

#include "models/recordsource.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QVariant>

namespace crossline {

// The columns the browser shows for a contact or an employee, read from either shape a row comes in:
// Panora's unified objects (email_addresses[0].email_address, phone_numbers[0].phone_number, display_full_name…)
// or the flat rows of Nango's compatible paths (email, phone, first_name…).
class RecordColumns
{
    Q_DECLARE_TR_FUNCTIONS(RecordColumns)
public:
    enum ContactColumn
    {
        ContactName,
        ContactEmail,
        ContactPhone,
        ContactCreated,
        ContactId,
        ContactColumnCount
    };
    enum EmployeeColumn
    {
        EmployeeName,
        EmployeeWorkEmail,
        EmployeeStatus,
        EmployeeStartDate,
        EmployeeNumber,
        EmployeeId,
        EmployeeColumnCount
    };

    static int count(RecordSource::Kind kind);
    static QString header(RecordSource::Kind kind, int column);
    // DisplayRole value: QString, or QDateTime/QDate for Created/Start date (formatting is the view's job).
    static QVariant value(RecordSource::Kind kind, const QJsonObject &row, int column);
    // The same as plain text (ISO 8601 for dates): CSV cells and search text.
    static QString text(RecordSource::Kind kind, const QJsonObject &row, int column);
    static QString id(const QJsonObject &row);

    // Helpers shared with other readers of these shapes.
    static QString firstOf(const QJsonObject &row, const char *list, const char *field);
    static QDateTime dateTime(const QJsonValue &value); // ISO 8601 string (or epoch ms); invalid when absent
    static QString valueText(const QVariant &value); // QDateTime/QDate → ISO 8601, else toString()
};

} // namespace crossline
