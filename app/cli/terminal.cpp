#include "cli/terminal.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace crossline::cli {

namespace {

volatile std::sig_atomic_t g_echoOff = 0;

#ifdef _WIN32
DWORD g_savedMode = 0;

void restoreEchoNow()
{
    if (g_echoOff) {
        SetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), g_savedMode);
        g_echoOff = 0;
        // The console has no ECHONL: the Enter that ended the line was not shown either.
        std::fputs("\n", stderr);
    }
}
#else
termios g_savedTerminal;

void restoreEchoNow()
{
    if (g_echoOff) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
        g_echoOff = 0;
    }
}
#endif

void restoreEchoAndExit(int)
{
    restoreEchoNow();
    std::_Exit(130);
}

} // namespace

bool Terminal::stdinIsTerminal()
{
#ifdef _WIN32
    return _isatty(_fileno(stdin)) != 0;
#else
    return isatty(STDIN_FILENO);
#endif
}

void Terminal::disableEcho()
{
#ifdef _WIN32
    const HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    if (GetConsoleMode(in, &mode)) {
        g_savedMode = mode;
        std::signal(SIGINT, restoreEchoAndExit);
        if (SetConsoleMode(in, mode & ~DWORD(ENABLE_ECHO_INPUT)))
            g_echoOff = 1;
    }
#else
    if (tcgetattr(STDIN_FILENO, &g_savedTerminal) == 0) {
        termios noEcho = g_savedTerminal;
        noEcho.c_lflag &= ~tcflag_t(ECHO);
        noEcho.c_lflag |= ECHONL;
        std::signal(SIGINT, restoreEchoAndExit);
        if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &noEcho) == 0)
            g_echoOff = 1;
    }
#endif
}

void Terminal::restoreEcho()
{
    restoreEchoNow();
    std::signal(SIGINT, SIG_DFL);
}

} // namespace crossline::cli
