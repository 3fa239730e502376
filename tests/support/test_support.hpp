// Helpers shared by the doctest suites.
#pragma once

#include <cstdlib>
#include <string>

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

}  // namespace poollab::test
