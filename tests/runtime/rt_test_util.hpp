// Helpers for the runtime suites: run a C++ "main" as goroutine 1 and get the outcome.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <string>

#include "poollab/runtime.hpp"
#include "test_support.hpp"

namespace poollab::test {

inline constexpr rt::Nanos ms = 1'000'000;

inline rt::Outcome run_main(std::function<void()> body, rt::Config config = {}) {
  rt::Runtime runtime(std::move(config));
  runtime.start("main.main", std::move(body));
  auto outcome = runtime.wait_for(std::chrono::seconds(60));
  REQUIRE_MESSAGE(outcome.has_value(), "program did not finish within 60 s");
  return *outcome;
}

// Run `body` and expect it to complete; failures inside show up as a panic outcome.
inline rt::Outcome run_ok(std::function<void()> body, rt::Config config = {}) {
  auto o = run_main(std::move(body), std::move(config));
  CHECK_MESSAGE(o.kind == rt::OutcomeKind::Completed, o.text);
  return o;
}

// A check usable on goroutine threads: doctest assertions are not thread-safe
// everywhere, so goroutines report failures as panics the outcome shows.
inline void expect(bool cond, const std::string& what) {
  if (!cond) throw rt::Panic("test expectation failed: " + what);
}

}  // namespace poollab::test
