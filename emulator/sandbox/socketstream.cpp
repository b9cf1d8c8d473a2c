#include "socketstream.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace crossline::sandbox {

namespace {

constexpr int kSliceMs = 20;

int pollOnce(socket_t sock, short events, int timeoutMs)
{
#ifdef _WIN32
    WSAPOLLFD pfd {};
    pfd.fd = sock;
    pfd.events = events;
    return WSAPoll(&pfd, 1, timeoutMs);
#else
    pollfd pfd {};
    pfd.fd = sock;
    pfd.events = events;
    return ::poll(&pfd, 1, timeoutMs);
#endif
}

void addressOf(const sockaddr_storage &addr, std::string &ip, int &port)
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto *a = reinterpret_cast<const sockaddr_in *>(&addr);
        inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
        port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto *a = reinterpret_cast<const sockaddr_in6 *>(&addr);
        inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
        port = ntohs(a->sin6_port);
    }
    ip = buf;
}

} // namespace

SocketStream::SocketStream(socket_t sock, const std::atomic<bool> &stopping)
    : m_sock(sock)
    , m_stopping(stopping)
{
    // Answers are written in several send() calls (status line and headers, then the body): without TCP_NODELAY
    // Nagle's algorithm and the peer's delayed ACK add ~40 ms to every answer.
    int on = 1;
    setsockopt(m_sock, IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char *>(&on), sizeof on);
#ifdef SO_NOSIGPIPE
    setsockopt(m_sock, SOL_SOCKET, SO_NOSIGPIPE, reinterpret_cast<const char *>(&on), sizeof on);
#endif
}

bool SocketStream::waitReadable(int timeoutMs) const
{
    if (m_bufferPos < m_buffer.size())
        return true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!m_stopping.load()) {
        const int r = pollOnce(m_sock, POLLIN, kSliceMs);
        if (r > 0)
            return true;
        if (r < 0)
            return false;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
    }
    return false;
}

bool SocketStream::is_readable() const
{
    if constexpr (kHttplibStreamWaits)
        return m_bufferPos < m_buffer.size();
    else
        return waitReadable(m_readTimeoutMs);
}

bool SocketStream::wait_readable() const
{
    return waitReadable(m_readTimeoutMs);
}

bool SocketStream::is_writable() const
{
    return !m_aborted && !m_stopping.load() && pollOnce(m_sock, POLLOUT, 5000) > 0;
}

bool SocketStream::wait_writable() const
{
    return is_writable();
}

time_t SocketStream::duration() const
{
    // Milliseconds since the connection was accepted, as httplib's own SocketStream counts them.
    return time_t(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - m_start).count());
}

ssize_t SocketStream::read(char *ptr, size_t size)
{
    if (m_aborted)
        return -1;
    if (m_bufferPos >= m_buffer.size()) {
        if (!waitReadable(m_readTimeoutMs))
            return -1;
        char chunk[4096];
        const auto n = ::recv(m_sock, chunk, static_cast<int>(sizeof chunk), 0);
        if (n <= 0)
            return n;
        m_buffer.assign(chunk, static_cast<size_t>(n));
        m_bufferPos = 0;
    }
    const size_t n = std::min(size, m_buffer.size() - m_bufferPos);
    std::memcpy(ptr, m_buffer.data() + m_bufferPos, n);
    m_bufferPos += n;
    return static_cast<ssize_t>(n);
}

ssize_t SocketStream::writeRaw(const char *ptr, size_t size)
{
    size_t done = 0;
    while (done < size) {
        if (pollOnce(m_sock, POLLOUT, 5000) <= 0)
            return -1;
#ifdef MSG_NOSIGNAL
        const auto n = ::send(m_sock, ptr + done, size - done, MSG_NOSIGNAL);
#else
        const auto n = ::send(m_sock, ptr + done, static_cast<int>(size - done), 0);
#endif
        if (n <= 0)
            return -1;
        done += static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

ssize_t SocketStream::write(const char *ptr, size_t size)
{
    if (m_aborted)
        return -1;
    return writeRaw(ptr, size);
}

void SocketStream::get_remote_ip_and_port(std::string &ip, int &port) const
{
    sockaddr_storage addr {};
    socklen_t len = sizeof addr;
    if (getpeername(m_sock, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        addressOf(addr, ip, port);
}

void SocketStream::get_local_ip_and_port(std::string &ip, int &port) const
{
    sockaddr_storage addr {};
    socklen_t len = sizeof addr;
    if (getsockname(m_sock, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        addressOf(addr, ip, port);
}

socket_t SocketStream::socket() const
{
    return m_sock;
}

void SocketStream::close()
{
    if (m_reset) {
        linger l {};
        l.l_onoff = 1;
        l.l_linger = 0;
        setsockopt(m_sock, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&l), sizeof l);
    } else {
#ifdef _WIN32
        ::shutdown(m_sock, SD_SEND);
#else
        ::shutdown(m_sock, SHUT_WR);
#endif
    }
#ifdef _WIN32
    ::closesocket(m_sock);
#else
    ::close(m_sock);
#endif
    m_sock = INVALID_SOCKET;
}

} // namespace crossline::sandbox
