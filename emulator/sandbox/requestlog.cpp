#include "requestlog.h"

namespace crossline::sandbox {

void RequestLog::setLimit(int max)
{
    std::lock_guard lock(m_mutex);
    m_limit = max;
    if (m_limit >= 0 && m_requests.size() > m_limit) {
        const qsizetype drop = m_requests.size() - m_limit;
        m_requests.remove(0, drop);
        m_offset += int(drop);
    }
}

int RequestLog::record(const QString &service, bool upstream, const ServiceRequest &request, int status)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_limit == 0)
            return m_offset++; // nothing is kept: an index no entry has
    }
    RecordedRequest r;
    r.service = service;
    r.upstream = upstream;
    r.method = request.method;
    r.path = request.path;
    r.rawPath = request.rawPath;
    r.query = request.query;
    r.headers = request.headers;
    r.body = request.body;
    r.status = status;
    std::lock_guard lock(m_mutex);
    m_requests.append(r);
    const int index = m_offset + int(m_requests.size()) - 1;
    if (m_limit >= 0 && m_requests.size() > m_limit) {
        m_requests.removeFirst();
        ++m_offset;
    }
    return index;
}

void RequestLog::updateStatus(int index, int status)
{
    std::lock_guard lock(m_mutex);
    const int i = index - m_offset;
    if (i >= 0 && i < m_requests.size())
        m_requests[i].status = status;
}

QList<RecordedRequest> RequestLog::all() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

QList<RecordedRequest> RequestLog::forService(const QString &service) const
{
    std::lock_guard lock(m_mutex);
    QList<RecordedRequest> out;
    for (const auto &r : m_requests) {
        if (r.service == service)
            out.append(r);
    }
    return out;
}

void RequestLog::clear()
{
    std::lock_guard lock(m_mutex);
    m_offset += int(m_requests.size());
    m_requests.clear();
}

} // namespace crossline::sandbox
