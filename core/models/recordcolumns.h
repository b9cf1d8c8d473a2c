#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QVariant>

#include <initializer_list>

namespace crossline {

// The browser's columns for a kind of record (a resource such as "crm.contact"), as the resource registry declares
// them, plus the readers those declarations use. A resource the registry does not browse has no columns.
class RecordColumns
{
public:
    static int count(const QString &resource);
    static QString header(const QString &resource, int column);
    static QString key(const QString &resource, int column); // the column's stable name ("email")
    static int indexOf(const QString &resource, const QString &key); // -1 when the resource has no such column
    // DisplayRole value: QString, or QDateTime/QDate for dates (formatting is the view's job).
    static QVariant value(const QString &resource, const QJsonObject &row, int column);
    // The same as plain text (ISO 8601 for dates): CSV cells and search text.
    static QString text(const QString &resource, const QJsonObject &row, int column);
    static QString id(const QJsonObject &row);

    // Readers of the shapes rows come in.
    static QString field(const QJsonObject &row, const char *key); // scalarText of row[key]
    static QString scalarText(const QJsonValue &value); // string, number or bool as text; "" otherwise
    static QString firstOf(const QJsonObject &row, const char *list, const char *field);
    static QString firstNonEmpty(std::initializer_list<QString> candidates);
    // display_full_name (when preferred and present), else "first last", else name.
    static QString fullName(const QJsonObject &row, bool preferDisplayName);
    static QDateTime dateTime(const QJsonValue &value); // ISO 8601 string (or epoch ms); invalid when absent
    static QString valueText(const QVariant &value); // QDateTime/QDate → ISO 8601, else toString()
};

} // namespace crossline
