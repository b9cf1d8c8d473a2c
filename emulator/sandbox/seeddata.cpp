#include "seeddata.h"

#include "httputil.h"

#include <QDateTime>
#include <QTimeZone>

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

} // namespace

QString SeedData::firstName(int i)
{
    return QString::fromUtf8(kFirstNames[i % kFirstCount]);
}

QString SeedData::lastName(int i)
{
    return QString::fromUtf8(kLastNames[(i / kFirstCount + i * 7) % kLastCount]);
}

QList<QJsonObject> SeedData::panoraContacts(int count)
{
    QList<QJsonObject> out;
    out.reserve(count);
    const QString connection = http::stableUuid("panora-connection");
    for (int i = 0; i < count; ++i) {
        const QString id = http::stableUuid("panora-contact-" + QByteArray::number(i));
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
        QJsonObject contact { { QStringLiteral("id"), id }, { QStringLiteral("first_name"), first },
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
        out.append(contact);
    }
    return out;
}

QList<QJsonObject> SeedData::panoraEmployees(int count)
{
    static const char *const genders[] = { "MALE", "FEMALE", "NON-BINARY", "PREFER_NOT_TO_DISCLOSE" };
    static const char *const statuses[] = { "ACTIVE", "ACTIVE", "ACTIVE", "PENDING", "INACTIVE" };
    QList<QJsonObject> out;
    out.reserve(count);
    const QString company = http::stableUuid("panora-company");
    for (int i = 0; i < count; ++i) {
        const QString id = http::stableUuid("panora-employee-" + QByteArray::number(i));
        const QString created = http::isoTimestamp(baseTime().addSecs(qint64(i) * 300));
        const QString first = firstName(i + 11);
        const QString last = lastName(i + 11);
        const QString start
            = http::isoTimestamp(QDateTime(QDate(2015, 1, 1).addDays(i * 3), QTime(0, 0), QTimeZone::utc()));
        const QString birth
            = http::isoTimestamp(QDateTime(QDate(1960, 1, 1).addDays(i * 13), QTime(0, 0), QTimeZone::utc()));
        const bool inactive = QString::fromLatin1(statuses[i % 5]) == QStringLiteral("INACTIVE");
        QJsonObject e { { QStringLiteral("id"), id },
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
            { QStringLiteral("ssn"), QJsonValue::Null },
            { QStringLiteral("gender"), QString::fromLatin1(genders[i % 4]) },
            { QStringLiteral("ethnicity"), QJsonValue::Null }, { QStringLiteral("marital_status"), QJsonValue::Null },
            { QStringLiteral("date_of_birth"), birth }, { QStringLiteral("start_date"), start },
            { QStringLiteral("employment_status"), QString::fromLatin1(statuses[i % 5]) },
            { QStringLiteral("termination_date"),
                inactive ? QJsonValue(http::isoTimestamp(QDateTime(QDate(2024, 6, 30), QTime(0, 0), QTimeZone::utc())))
                         : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("avatar_url"), QJsonValue::Null }, { QStringLiteral("field_mappings"), QJsonObject {} },
            { QStringLiteral("remote_id"), QString(QStringLiteral("employee_") + QString::number(1000 + i)) },
            { QStringLiteral("remote_created_at"), created }, { QStringLiteral("created_at"), created },
            { QStringLiteral("modified_at"), created }, { QStringLiteral("remote_was_deleted"), false } };
        out.append(e);
    }
    return out;
}

QList<QJsonObject> SeedData::nangoContacts(int count)
{
    QList<QJsonObject> out;
    for (int i = 0; i < count; ++i) {
        const QString first = firstName(i + 3);
        const QString last = lastName(i + 3);
        const QString ts = http::isoTimestamp(baseTime().addSecs(qint64(i) * 3600));
        out.append(
            QJsonObject { { QStringLiteral("id"), QString(QStringLiteral("contact_") + QString::number(100 + i)) },
                { QStringLiteral("first_name"), first }, { QStringLiteral("last_name"), last },
                { QStringLiteral("email"),
                    QString(asciiLower(first) + QLatin1Char('.') + asciiLower(last) + QString::number(i)
                        + QStringLiteral("@example.org")) },
                { QStringLiteral("phone"), QString(QStringLiteral("+1646555") + pad(i % 10000, 4)) },
                { QStringLiteral("company"), QString(QStringLiteral("Company ") + QString::number(1 + i % 20)) },
                { QStringLiteral("created_at"), ts }, { QStringLiteral("updated_at"), ts } });
    }
    return out;
}

QList<QJsonObject> SeedData::nangoEmployees(int count)
{
    static const char *const departments[] = { "Engineering", "Sales", "Support", "Finance", "People" };
    QList<QJsonObject> out;
    for (int i = 0; i < count; ++i) {
        const QString first = firstName(i + 5);
        const QString last = lastName(i + 5);
        const QString ts = http::isoTimestamp(baseTime().addSecs(qint64(i) * 7200));
        out.append(QJsonObject { { QStringLiteral("id"), QString(QStringLiteral("emp_") + QString::number(100 + i)) },
            { QStringLiteral("first_name"), first }, { QStringLiteral("last_name"), last },
            { QStringLiteral("email"),
                QString(asciiLower(first) + QLatin1Char('.') + asciiLower(last) + QString::number(i)
                    + QStringLiteral("@company.example")) },
            { QStringLiteral("department"), QString::fromLatin1(departments[i % 5]) },
            { QStringLiteral("title"), i % 7 == 0 ? QStringLiteral("Manager") : QStringLiteral("Specialist") },
            { QStringLiteral("employment_status"),
                i % 11 == 0 ? QStringLiteral("INACTIVE") : QStringLiteral("ACTIVE") },
            { QStringLiteral("start_date"), QDate(2018, 3, 1).addDays(i * 9).toString(Qt::ISODate) },
            { QStringLiteral("manager_id"),
                i < 5 ? QJsonValue(QJsonValue::Null)
                      : QJsonValue(QString(QStringLiteral("emp_") + QString::number(100 + i % 5))) },
            { QStringLiteral("created_at"), ts }, { QStringLiteral("updated_at"), ts } });
    }
    return out;
}

} // namespace crossline::sandbox
