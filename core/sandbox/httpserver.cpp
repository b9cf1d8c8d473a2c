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
        t_current = &strm;
        ret = process_request(strm, remaining == 0 || m_stopping.load(), connectionClosed, nullptr);
        t_current = nullptr;
        if (!ret || connectionClosed || strm.aborted())
            break;
    }
    strm.close();
    return ret;
}

} // namespace crossline::sandbox
