#pragma once

#include "sandbox.h"
#include "servicetypes.h"

#include <mutex>

namespace crossline::sandbox {

// Every request the emulator sees, in arrival order (the last `limit` of them when one is set). Thread-safe.
class RequestLog
{
public:
    // At most `max` entries are kept, the oldest dropped first; -1 (the default): all of them.
    void setLimit(int max);
    // Returns the index of the new entry (for updateStatus).
    int record(const QString &service, bool upstream, const ServiceRequest &request, int status);
    void updateStatus(int index, int status);
    QList<RecordedRequest> all() const;
    QList<RecordedRequest> forService(const QString &service) const;
    void clear();

private:
    mutable std::mutex m_mutex;
    QList<RecordedRequest> m_requests;
    int m_offset = 0; // entries dropped by clear() or the limit, so indexes stay valid
    int m_limit = -1;
};

} // namespace crossline::sandbox
