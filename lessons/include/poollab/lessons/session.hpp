// One interactive run of a Go program: compile, start on the runtime, run or
// step, step back (by replaying the recorded choices), keep the event history.
// Shared by the window and the CLI; knows nothing of ImGui.
//
//   lessons::Session session(source, "main.go", {.clock = rt::ClockKind::Virtual, .seed = 7, .stepping = true});
//   if (!session.compile_errors().empty()) { /* show them */ }
//   session.start();
//   session.step();           // release one goroutine at the gate
//   session.poll();           // once a frame: drain events into history()
//   session.step_back();      // same program, replayed to one step earlier
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "poollab/golite/golite.hpp"
#include "poollab/runtime.hpp"

namespace poollab::lessons {

struct SessionOptions {
  rt::ClockKind clock = rt::ClockKind::Virtual;
  double speed = 1.0;             // real clock speed factor
  std::uint64_t seed = 1;
  bool stepping = false;          // start paused at the gate (Serial schedule, auto_run off)
  bool serial = false;            // Serial schedule even when running (deterministic per seed)
  bool step_lines = false;        // a step is one source line (else one channel / sync operation)
  std::size_t event_capacity = 1u << 20;  // bounded observer queue; overflow is counted, never stalls
  // Events kept in history(): a program running flat out makes millions a
  // second, so past this many the rest are counted as dropped, not kept
  // (bounded memory, and the history is never reallocated mid-run).
  std::size_t history_limit = 1u << 21;
  // Above 0: the program's threads run at this nice value, so a program that
  // runs flat out leaves the CPU to the caller's own threads (the window's UI).
  int program_nice = 0;
};

class Session {
 public:
  Session(std::string source, std::string filename, SessionOptions options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const std::vector<golite::Diagnostic>& compile_errors() const;
  bool compiled() const;
  const std::string& source() const;
  const SessionOptions& options() const;
  std::shared_ptr<const golite::Program> program() const;

  void start();                       // no-op if not compiled
  bool started() const;
  void set_running(bool running);     // run / pause (switches auto_run of the Serial gate)
  bool running() const;
  bool step(rt::GoId which = 0);      // one gate release; which = 0 picks the next by policy
  bool can_step_back() const;
  void step_back();                   // restart and replay all but the last choice
  void reset();                       // fresh runtime, same program and options
  bool wait_quiescent(int timeout_ms);
  std::optional<rt::Outcome> wait(int timeout_ms);  // run to the end (or timeout)

  // UI thread, once a frame: move queued events into history().
  void poll();
  const std::vector<rt::Event>& history() const;
  std::uint64_t dropped_events() const;  // queue overflow plus events past history_limit
  bool history_full() const;             // history_limit reached: later events are not kept
  rt::Snapshot snapshot() const;
  std::string stdout_text() const;    // everything printed so far
  std::optional<rt::Outcome> outcome() const;
  std::uint64_t steps() const;        // gate releases so far
  rt::Runtime* runtime();             // null before start()

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace poollab::lessons
