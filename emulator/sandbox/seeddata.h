#pragma once

#include <QJsonObject>
#include <QList>

namespace crossline::sandbox {

// Deterministic seed data: the same names, ids and timestamps on every run.
class SeedData
{
public:
    static constexpr int kPanoraContacts = 5000;
    static constexpr int kPanoraEmployees = 1000;
    static constexpr int kNangoContacts = 250;
    static constexpr int kNangoEmployees = 150;
    static constexpr int kNangoRecords = 3000; // the synced Contact records of the real-Nango mode

    // Panora UnifiedCrmContactOutput objects, created_at ascending (Panora's list order).
    static QList<QJsonObject> panoraContacts(int count);
    // Panora UnifiedHrisEmployeeOutput objects (full, as GET /{id} returns them), ascending.
    static QList<QJsonObject> panoraEmployees(int count);
    // The compatible paths' shapes on the Nango base URL: ids "contact_<n>" and "emp_<n>" (emp_100 .. ).
    static QList<QJsonObject> nangoContacts(int count);
    static QList<QJsonObject> nangoEmployees(int count);

    static QString firstName(int i);
    static QString lastName(int i);
};

} // namespace crossline::sandbox
