#pragma once

#include "history/activitysummary.h"
#include "net/requestrecord.h"

namespace crossline {

// One row of the activity history: a redacted request record, its row id in the store (0 = not stored), the profile
// it was made under and what the Activity page shows of it.
struct ActivityEntry
{
    qint64 id = 0;
    RequestRecord record;
    // Workspace::profileKey() when the request was made; '' for rows written before schema 3, which belong to no
    // profile (as drafts and outbox items of schema 1 do).
    QString profile;
    ActivitySummary summary; // ActivitySummary::describe(record), worked out while the full record is at hand
};

} // namespace crossline

Q_DECLARE_METATYPE(crossline::ActivityEntry)
