#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace crossline::sandbox {

// Deterministic seed data: the same names, ids and timestamps on every run. A seeded record is a function of its
// index, so nothing is held per record and the sandbox can hold 100,000 contacts in next to no memory. Every kind
// exists twice:
//   - as a QJsonObject (panoraContact(i), …): the readable definition of the record;
//   - appended to a buffer as compact JSON (appendPanoraContact(out, i, …), …): what the routes serve, byte for byte
//     QJsonDocument(<the object>).toJson(QJsonDocument::Compact) (keys sorted, as QJsonObject keeps them), built
//     without an object. tests/sandbox/tst_sandbox_sizes.cpp holds the two together.
class SeedData
{
public:
    // The default sizes (SandboxSizes in sandbox.h starts from these).
    static constexpr int kPanoraContacts = 5000;
    static constexpr int kPanoraEmployees = 1000;
    static constexpr int kNangoContacts = 250;
    static constexpr int kNangoEmployees = 150;
    static constexpr int kNangoRecords = 3000; // the synced Contact records of the real-Nango mode
    static constexpr int kNangoCompanies = 240; // its synced Company records

    // Panora UnifiedCrmContactOutput, created_at ascending (Panora's list order).
    static QJsonObject panoraContact(int i);
    // Panora UnifiedHrisEmployeeOutput (full, as GET /{id} returns it; the list leaves out created_at, modified_at
    // and remote_was_deleted).
    static QJsonObject panoraEmployee(int i);
    // The compatible paths' shapes on the Nango base URL: ids "contact_<100+i>" and "emp_<100+i>"; the same rows are
    // the synced records of the real-Nango mode.
    static QJsonObject nangoContact(int i);
    static QJsonObject nangoEmployee(int i);
    // Panora's remote_data=true: the provider's own object next to the unified one.
    static QJsonObject withRemoteData(QJsonObject item);
    // A synced record as GET /records returns it: the model's fields plus _nango_metadata, whose cursor pages past
    // it (`index`: its position in the model); a deleted one keeps its fields, marked.
    static QJsonObject withRecordMetadata(QJsonObject record, int index, bool deleted);

    // The same records as compact JSON, appended to `out`.
    static void appendPanoraContact(QByteArray &out, int i, bool remoteData);
    // `listed`: the list's shape (without created_at, modified_at, remote_was_deleted).
    static void appendPanoraEmployee(QByteArray &out, int i, bool remoteData, bool listed);
    struct RecordMeta
    {
        int index = 0;
        bool deleted = false;
    };
    static void appendNangoContact(QByteArray &out, int i, const RecordMeta *meta = nullptr);
    static void appendNangoEmployee(QByteArray &out, int i, const RecordMeta *meta = nullptr);
    static void appendJson(QByteArray &out, const QJsonObject &object); // any object, as QJsonDocument writes it

    // The "id" of a seeded record.
    static QString panoraContactId(int i);
    static QString panoraEmployeeId(int i);
    static QString nangoContactId(int i); // contact_<100+i>
    static QString nangoEmployeeId(int i); // emp_<100+i>
    // The index whose nangoContactId/nangoEmployeeId is `id`, when it is below `count`.
    static std::optional<int> nangoContactIndex(const QString &id, int count);
    static std::optional<int> nangoEmployeeIndex(const QString &id, int count);

    static QString firstName(int i);
    static QString lastName(int i);
};

// Finds a seeded Panora record's index from its UUID without holding the UUIDs: a sorted table of 64-bit prefixes
// (16 bytes a record), built on the first lookup. Not thread-safe: the owner's lock guards it.
class SeedIdIndex
{
public:
    SeedIdIndex(QString (*idOf)(int), int count);
    std::optional<int> find(const QString &id);
    int count() const { return m_count; }

private:
    static std::optional<quint64> prefixOf(const QString &uuid);

    QString (*m_idOf)(int);
    int m_count;
    std::vector<std::pair<quint64, int>> m_table;
};

} // namespace crossline::sandbox
