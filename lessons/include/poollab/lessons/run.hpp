// Headless runs: compile a listing, run it to the end on the runtime, and keep
// everything a verdict, the CLI or a trace needs (outcome, output, events).
//
//   lessons::RunReport r = lessons::run_source(source, "main.go", {.clock = rt::ClockKind::Virtual});
//   std::cout << r.outcome_name() << " after " << r.seconds() << " s\n" << r.stdout_text;
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "poollab/golite/golite.hpp"
#include "poollab/runtime.hpp"

namespace poollab::lessons {

struct RunSpec {
  rt::ClockKind clock = rt::ClockKind::Virtual;
  double speed = 1.0;
  std::uint64_t seed = 1;
  bool serial = false;       // Serial schedule, seeded (deterministic interleaving)
  int timeout_ms = 60000;    // wall-clock limit; past it the run is aborted ("timeout")
  bool events = true;        // keep the event history
  std::size_t event_capacity = 1u << 20;
  // Optional: also stream output as it is printed (goroutine threads, serialised).
  std::function<void(std::string_view)> on_stdout, on_stderr;
};

struct RunReport {
  std::string filename;
  std::vector<golite::Diagnostic> compile_errors;  // non-empty: the program never ran
  rt::Outcome outcome;
  bool timed_out = false;
  std::string stdout_text;
  std::string stderr_text;  // print/println output (Go's failure text is outcome.text)
  std::vector<rt::Event> events;
  std::uint64_t dropped_events = 0;
  std::map<rt::ObjId, std::string> channel_names;  // channels still known at the end, by id

  // Most values ever buffered at once in the channel named `name` (a semaphore's
  // tokens held at once), from the send events; nullopt if no such channel was seen.
  std::optional<int> max_buffered(const std::string& name) const;

  bool compiled() const { return compile_errors.empty(); }
  // compile_error | completed | deadlock | panic | exit | timeout
  std::string outcome_name() const;
  int exit_code() const;   // 1 for a compile error, else Go's
  double seconds() const;  // program time at the end
  std::vector<std::string> stdout_lines() const;  // without the empty line after the final \n
};

RunReport run_source(std::string_view source, const std::string& filename, const RunSpec& spec);

}  // namespace poollab::lessons
