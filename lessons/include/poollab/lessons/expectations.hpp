// Checking a lesson's [[expect]] entries: run headless on the virtual clock and
// compare outcome, message, output, duration, leaks and exit code.
//
//   auto verdict = lessons::check_expectation(lesson, *lesson.find_expect("defaults"));
//   if (!verdict.passed) std::cerr << verdict.str();
#pragma once

#include <string>
#include <vector>

#include "poollab/lessons/lesson.hpp"
#include "poollab/lessons/run.hpp"

namespace poollab::lessons {

struct Verdict {
  bool passed = false;
  std::vector<std::string> problems;  // one readable line per mismatch
  RunReport report;
  std::string str() const;  // "ok: completed in 0.600 s" or the problems, one per line
};

// The run an expectation asks for (virtual clock, its seed and schedule).
RunSpec spec_for(const Expectation& expect);
// Mismatches between `expect` and a finished run (empty = it holds).
// `semaphore` is the lesson's roles.semaphore (for max_in_semaphore).
std::vector<std::string> compare(const Expectation& expect, const RunReport& report, const std::string& semaphore = {});
// Render the lesson under the expectation's settings, run it and compare.
Verdict check_expectation(const Lesson& lesson, const Expectation& expect, int timeout_ms = 60000);
// Run `source` as it is (e.g. a student's edit) and compare with `expect`.
Verdict check_source(const std::string& source, const std::string& filename, const Expectation& expect,
                     int timeout_ms = 60000, const std::string& semaphore = {});

}  // namespace poollab::lessons
