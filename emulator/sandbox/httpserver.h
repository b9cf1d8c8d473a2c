#pragma once

#include <httplib.h>

#include <atomic>
#include <string>

namespace crossline::sandbox {

// httplib::Server with our own connection loop, so that a handler can drop its connection without an answer
// (Reset), write a raw, deliberately truncated answer (TruncatedBody), and so that stop() never waits for an idle
// keep-alive connection: the loop and every blocking read check `stopping` every few milliseconds.
class HttpServer : public httplib::Server
{
public:
    explicit HttpServer(const std::atomic<bool> &stopping);

    // For the handler running on this thread: close the connection without answering (TCP reset).
    static void resetCurrentConnection();
    // For the handler running on this thread: write `raw` as the whole answer, then close the connection
    // gracefully; whatever the handler puts in its httplib::Response is dropped.
    static void writeRawAndClose(const std::string &raw);

private:
    bool process_and_close_socket(socket_t sock) override;

    const std::atomic<bool> &m_stopping;
};

} // namespace crossline::sandbox
