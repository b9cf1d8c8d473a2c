#pragma once

#include <functional>

namespace crossline {

// Loads the sandbox module on a thread of Qt's pool, then calls `then` on the main thread (also when the module could
// not be loaded: the sandbox's start then says why). crossline --sandbox starts its sandbox so: the module's libraries
// are loaded and relocated while the window maps and paints, and the main thread never waits for them.
void preloadSandboxModule(std::function<void()> then);

} // namespace crossline
