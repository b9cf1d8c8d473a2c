#pragma once

namespace crossline::cli {

// The terminal standard input comes from: POSIX termios, or the Windows console.
class Terminal
{
public:
    static bool stdinIsTerminal();
    // Typed characters are not shown until restoreEcho() (the Enter still moves to a new line). Ctrl+C meanwhile
    // restores the echo and exits with 130, so the shell is never left without one.
    static void disableEcho();
    static void restoreEcho();
};

} // namespace crossline::cli
