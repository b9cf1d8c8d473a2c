#pragma once

#include "sandbox.h"
#include "servicetypes.h"

#include <mutex>

namespace crossline::sandbox {

// Every request the emulator sees, in arrival order. Thread-safe.
class RequestLog
{
public:
    // Returns the index of the new entry (for updateStatus).
    int record(const QString &service, bool upstream, const ServiceRequest &request, int status);
    void updateStatus(int index, int status);
    QList<RecordedRequest> all() const;
    QList<RecordedRequest> forService(const QString &service) const;
    void clear();

private:
    mutable std::mutex m_mutex;
    QList<RecordedRequest> m_requests;
    int m_offset = 0; // entries dropped by clear(), so indexes stay valid
};

} // namespace crossline::sandbox
