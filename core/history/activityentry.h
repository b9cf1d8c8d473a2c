#pragma once

#include "net/requestrecord.h"

namespace crossline {

// One row of the activity history: a redacted request record and its row id in the store (0 = not stored).
struct ActivityEntry
{
    qint64 id = 0;
    RequestRecord record;
};

} // namespace crossline

Q_DECLARE_METATYPE(crossline::ActivityEntry)
