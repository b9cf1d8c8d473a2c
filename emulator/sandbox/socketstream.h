#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <string>

namespace crossline::sandbox {

// cpp-httplib reworked httplib::Stream after 0.11 (Debian 12's): the blocking is_readable() became wait_readable()
// (is_readable() now only says whether data is already buffered, and must not block), is_writable() became
// wait_writable(), and duration() was added. The header in use decides which of them SocketStream overrides.
template <typename S>
concept StreamWithWaitReadable = requires(const S &s)
{
    s.wait_readable();
};
inline constexpr bool kHttplibStreamWaits = StreamWithWaitReadable<httplib::Stream>;

// An httplib::Stream over one accepted socket. Blocking waits are sliced so they notice `stopping`; once the
// connection is aborted every write fails, so httplib's own answer is dropped.
class SocketStream : public httplib::Stream
{
public:
    SocketStream(socket_t sock, const std::atomic<bool> &stopping);

    bool is_readable() const override;
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winconsistent-missing-override"
#endif
    // No `override`: each exists in some cpp-httplib versions only, and overrides where it does.
    bool is_writable() const;
    bool wait_readable() const;
    bool wait_writable() const;
    time_t duration() const;
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
    ssize_t read(char *ptr, size_t size) override;
    ssize_t write(const char *ptr, size_t size) override;
    void get_remote_ip_and_port(std::string &ip, int &port) const override;
    void get_local_ip_and_port(std::string &ip, int &port) const override;
    socket_t socket() const override;

    // Waits until a byte can be read (or buffered data is there); false on timeout, error, peer close or stop.
    bool waitReadable(int timeoutMs) const;

    void abort(bool reset)
    {
        m_aborted = true;
        m_reset = reset;
    }
    bool aborted() const
    {
        return m_aborted;
    }
    ssize_t writeRaw(const char *ptr, size_t size);

    // Closes the socket: with a TCP reset when abort(true) was called, else gracefully.
    void close();

private:
    socket_t m_sock;
    const std::atomic<bool> &m_stopping;
    std::string m_buffer;
    size_t m_bufferPos = 0;
    bool m_aborted = false;
    bool m_reset = false;
    int m_readTimeoutMs = 5000;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

} // namespace crossline::sandbox
