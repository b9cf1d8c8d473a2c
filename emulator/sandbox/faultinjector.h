#pragma once

#include "sandbox.h"

#include <condition_variable>
#include <mutex>
#include <optional>

namespace crossline::sandbox {

// The injected faults, plus the stop signal that hanging and slow handlers wait on. Thread-safe.
class FaultInjector
{
public:
    void add(const Fault &fault);
    void clear();
    // The first fault that matches, with its count taken down by one (it is dropped when it reaches 0).
    std::optional<Fault> take(const QString &service, const QByteArray &method, const QString &path);

    // Waits `ms` milliseconds (forever when ms <= 0) or until stop(); true when stopped.
    bool waitOrStop(int ms);
    void stop();
    void restart();

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    QList<Fault> m_faults;
    bool m_stopped = false;
};

} // namespace crossline::sandbox
