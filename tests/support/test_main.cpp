// doctest main with a per-case watchdog: a case that runs past its
// doctest::timeout (or 120 s when it names none) fails the run instead of hanging it.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace {

struct Watchdog {
  std::mutex mu;
  std::condition_variable cv;
  std::string current;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  bool quit = false;
  std::thread thread{[this] { loop(); }};

  void loop() {
    std::unique_lock lock(mu);
    while (!quit) {
      if (cv.wait_until(lock, deadline) == std::cv_status::timeout && !quit &&
          std::chrono::steady_clock::now() >= deadline) {
        std::fprintf(stderr, "\nWATCHDOG: test case \"%s\" exceeded its timeout; aborting the run\n", current.c_str());
        std::fflush(stderr);
        std::_Exit(3);
      }
    }
  }
  void arm(const std::string& name, double seconds) {
    std::lock_guard lock(mu);
    current = name;
    deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(seconds * 1000));
    cv.notify_all();
  }
  void disarm() {
    std::lock_guard lock(mu);
    deadline = std::chrono::steady_clock::time_point::max();
    cv.notify_all();
  }
  ~Watchdog() {
    {
      std::lock_guard lock(mu);
      quit = true;
      cv.notify_all();
    }
    thread.join();
  }
};

Watchdog& watchdog() {
  static Watchdog w;
  return w;
}

double sanitizer_slowdown() {
#if defined(POOLLAB_TSAN) || defined(POOLLAB_ASAN)
  return 10.0;
#else
  return 1.0;
#endif
}

struct WatchdogListener : doctest::IReporter {
  explicit WatchdogListener(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData& tc) override {
    double t = tc.m_timeout > 0 ? tc.m_timeout : 120.0;
    watchdog().arm(tc.m_name, t * sanitizer_slowdown() + 5.0);
  }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override { watchdog().disarm(); }
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

}  // namespace

DOCTEST_REGISTER_LISTENER("watchdog", 1, WatchdogListener);

int main(int argc, char** argv) {
  doctest::Context context;
  context.applyCommandLine(argc, argv);
  int rc = context.run();
  watchdog().disarm();
  return rc;
}
