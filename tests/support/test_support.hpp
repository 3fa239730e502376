// Helpers shared by the doctest suites.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace poollab::test {

// Slower machines (sanitizers) get proportionally fewer iterations, never weaker checks.
inline int scaled(int n) {
#if defined(POOLLAB_TSAN) || defined(POOLLAB_ASAN)
  return n / 10 > 0 ? n / 10 : 1;
#else
  return n;
#endif
}

inline bool under_sanitizer() {
#if defined(POOLLAB_TSAN) || defined(POOLLAB_ASAN)
  return true;
#else
  return false;
#endif
}

inline std::string source_dir() { return POOLLAB_SOURCE_DIR; }

// Path to the Go 1.23 toolchain used as the oracle, or "" when it is not installed.
inline std::string go_binary() {
  if (const char* env = std::getenv("POOLLAB_GO")) return env;
  return "/usr/lib/go-1.23/bin/go";
}

// The process's thread count, read from /proc/self/status.
inline int count_threads() {
  int n = 0;
  if (auto* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, status)) {
      if (std::sscanf(line, "Threads: %d", &n) == 1) break;
    }
    std::fclose(status);
  }
  return n;
}

// The thread count once it has come down to `expected` (or the last count seen
// after 10 s). pthread_join returns when a thread has stopped running, a moment
// before the kernel drops it from the count, so a count read right after a join
// can still include it; a thread that was really left behind stays counted.
inline int count_threads_settled(int expected) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int n = count_threads();
  while (n > expected && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    n = count_threads();
  }
  return n;
}

}  // namespace poollab::test
