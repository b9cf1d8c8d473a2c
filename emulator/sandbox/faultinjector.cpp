#include "faultinjector.h"

#include <chrono>

namespace crossline::sandbox {

void FaultInjector::add(const Fault &fault)
{
    if (fault.times == 0)
        return;
    std::lock_guard lock(m_mutex);
    m_faults.append(fault);
}

void FaultInjector::clear()
{
    std::lock_guard lock(m_mutex);
    m_faults.clear();
}

std::optional<Fault> FaultInjector::take(const QString &service, const QByteArray &method, const QString &path)
{
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < m_faults.size(); ++i) {
        Fault &f = m_faults[i];
        if (f.service.compare(service, Qt::CaseInsensitive) != 0)
            continue;
        if (!f.method.isEmpty() && f.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        if (!f.pathPrefix.isEmpty() && !path.startsWith(f.pathPrefix))
            continue;
        if (f.after > 0) {
            --f.after;
            return std::nullopt; // this one is answered normally
        }
        const Fault hit = f;
        if (f.times > 0 && --f.times == 0)
            m_faults.removeAt(i);
        return hit;
    }
    return std::nullopt;
}

bool FaultInjector::waitOrStop(int ms)
{
    std::unique_lock lock(m_mutex);
    if (ms <= 0) {
        m_wake.wait(lock, [this] { return m_stopped; });
        return true;
    }
    return m_wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stopped; });
}

void FaultInjector::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_wake.notify_all();
}

void FaultInjector::restart()
{
    std::lock_guard lock(m_mutex);
    m_stopped = false;
}

} // namespace crossline::sandbox
