#pragma once

// The browsable resources and their columns by the stable keys the resource registry declares, for tests of the
// record models and exporters (header-only: those tests link core already).
#include "models/recordcolumns.h"

#include <QTest>

namespace crossline::test {

inline const QString Contacts = QStringLiteral("crm.contact");
inline const QString Employees = QStringLiteral("hr.employee");

// The column of `key`; a key the registry does not declare fails the test at once rather than reading column -1.
inline int col(const QString &resource, const char *key)
{
    const int c = RecordColumns::indexOf(resource, QLatin1String(key));
    if (c < 0)
        qFatal("%s has no column \"%s\"", qPrintable(resource), key);
    return c;
}

} // namespace crossline::test
