#include "httpserver.h"

#include "socketstream.h"

namespace crossline::sandbox {

namespace {
thread_local SocketStream *t_current = nullptr;
constexpr int kKeepAliveMs = 5000;
constexpr int kKeepAliveMaxCount = 100;
} // namespace

HttpServer::HttpServer(const std::atomic<bool> &stopping)
    : m_stopping(stopping)
{
}

void HttpServer::resetCurrentConnection()
{
    if (t_current)
        t_current->abort(true);
}

void HttpServer::writeRawAndClose(const std::string &raw)
{
    if (!t_current)
        return;
    t_current->writeRaw(raw.data(), raw.size());
    t_current->abort(false);
}

bool HttpServer::process_and_close_socket(socket_t sock)
{
    SocketStream strm(sock, m_stopping);
    bool ret = false;
    int remaining = kKeepAliveMaxCount;
    while (remaining > 0 && !m_stopping.load()) {
        --remaining;
        if (!strm.waitReadable(kKeepAliveMs))
            break;
        bool connectionClosed = false;
        const bool closeConnection = remaining == 0 || m_stopping.load();
        t_current = &strm;
        // cpp-httplib 0.11 (Debian 12) reads the peer's and our address from the stream itself; later versions take
        // them as arguments. The generic lambda keeps the overload that does not exist from being compiled.
        ret = [&](auto &server) {
            if constexpr (requires { server.process_request(strm, closeConnection, connectionClosed, nullptr); }) {
                return server.process_request(strm, closeConnection, connectionClosed, nullptr);
            } else {
                std::string remoteAddr;
                std::string localAddr;
                int remotePort = -1;
                int localPort = -1;
                strm.get_remote_ip_and_port(remoteAddr, remotePort);
                strm.get_local_ip_and_port(localAddr, localPort);
                return server.process_request(
                    strm, remoteAddr, remotePort, localAddr, localPort, closeConnection, connectionClosed, nullptr);
            }
        }(*this);
        t_current = nullptr;
        if (!ret || connectionClosed || strm.aborted())
            break;
    }
    strm.close();
    return ret;
}

} // namespace crossline::sandbox
