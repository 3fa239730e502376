// The instrumented threaded runtime: one Runtime per program run.
//
//   rt::Runtime runtime({.clock = rt::ClockKind::Virtual});
//   runtime.start("main.main", [] {
//     rt::Chan<int> jobs(5);
//     rt::go("main.worker", [jobs] { for (;;) { auto [v, ok] = jobs.recv(); if (!ok) return; } });
//     jobs.send(1);
//     jobs.close();
//   });
//   rt::Outcome outcome = runtime.wait();   // outcome.kind == OutcomeKind::Completed
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "poollab/runtime/errors.hpp"
#include "poollab/runtime/events.hpp"

namespace poollab::rt {

using Nanos = std::int64_t;  // program time and durations, in nanoseconds

namespace detail {
class Core;
struct G;
}  // namespace detail

enum class ClockKind : std::uint8_t {
  Virtual,  // sleeps park; when nothing can run, time jumps to the earliest timer
  Real,     // sleeps really sleep, scaled by Config::speed
};

// How goroutines are let through the scheduler gate at each instrumented operation.
enum class Schedule : std::uint8_t {
  Free,    // free-running real threads, as in production (gate is a no-op)
  Serial,  // one goroutine moves at a time; the next is chosen by Pick, step() or replay
};

enum class Pick : std::uint8_t {
  Random,   // seeded uniform choice among goroutines waiting at the gate (deterministic)
  Arrival,  // the goroutine that has waited at the gate longest
};

struct Config {
  ClockKind clock = ClockKind::Virtual;
  double speed = 1.0;               // real clock: program time runs `speed` times faster than wall time
  std::uint64_t seed = 1;           // select choice, Pick::Random, fault injection, math/rand
  Schedule schedule = Schedule::Free;
  Pick pick = Pick::Random;
  bool auto_run = true;             // Serial: the runtime picks by itself; false = wait for step()
  bool step_lines = false;          // Serial: at_line() is a gate point too (step per source line)
  bool line_events = false;         // emit EventKind::Line from at_line() when observed
  std::vector<GoId> replay;         // Serial: the first choices to make, in order (step back = replay k-1)
  std::size_t max_goroutines = 10000;
  std::size_t stack_bytes = 8u << 20;  // per goroutine thread (virtual memory; pages touched on demand)
  bool fault_injection = false;     // Free: random yields and short sleeps at every gate point
                                    // and inside the lock-free channel path
  bool lock_free_buffers = true;    // Free, unobserved: buffered sends and receives skip the runtime's
                                    // lock while nobody is parked; false makes them take it, as observed
                                    // and stepped runs do (for measuring what either path costs)
  std::string source_file = "main.go";  // named in goroutine dumps
};

enum class GState : std::uint8_t {
  Runnable,  // waiting at the scheduler gate (never counts as asleep)
  Running,
  Blocked,   // parked on a channel, select, WaitGroup or mutex
  Sleeping,  // parked on a timer
  Done,
};
std::string_view to_string(GState state);

enum class OutcomeKind : std::uint8_t { Completed, Deadlock, Panic, Exit, Aborted };
std::string_view to_string(OutcomeKind kind);  // "completed", "deadlock", "panic", "exit", "aborted"

struct GoroutineInfo {
  GoId id = 0;
  std::string function;       // "main.worker"
  GState state = GState::Running;
  std::string wait_reason;    // Go's words: "chan send", "chan receive", "select", "sync.WaitGroup.Wait", ...
  ObjId waiting_on = 0;       // object it is parked on (0 for select / none)
  std::vector<ObjId> select_on;  // channels a parked select waits on
  int line = 0;               // current listing line
  Nanos parked_since = 0;     // program time it parked / reached the gate
  std::vector<Frame> frames;  // innermost first; filled for parked goroutines
  GoId created_by = 0;
  std::string created_by_function;
  int created_line = 0;
  std::string gate_op;        // Runnable: the operation it is about to perform ("chan send", "line", ...)
  ObjId gate_object = 0;
  std::uint64_t steps = 0;    // operations performed so far
};

struct ChannelInfo {
  ObjId id = 0;
  std::string name;
  std::size_t cap = 0;
  std::vector<std::string> buffer;  // formatted values, head first
  bool closed = false;
  std::vector<GoId> senders;        // parked senders, queue order
  std::vector<std::string> pending_values;  // what each parked sender holds
  std::vector<GoId> receivers;      // parked receivers, queue order
  std::uint64_t sends = 0, recvs = 0;
};

struct WaitGroupInfo {
  ObjId id = 0;
  std::string name;
  std::int64_t counter = 0;
  std::vector<GoId> waiters;
};

struct MutexInfo {
  ObjId id = 0;
  std::string name;
  GoId holder = 0;  // 0 = unlocked (Go mutexes have no owner; this is who locked it last)
  bool locked = false;
  int readers = 0;  // RWMutex: read locks held
  std::vector<GoId> waiters;  // writers (or lockers), then waiting readers
};

struct Outcome {
  OutcomeKind kind = OutcomeKind::Completed;
  std::string message;  // first line of Go's failure text; empty when main returned
  std::string text;     // Go's full failure text and goroutine dump, as stderr shows it
  int exit_code = 0;    // 0, 2 (panic / fatal error), or os.Exit's code
  GoId culprit = 0;     // goroutine that panicked / exited
  int line = 0;         // its line
  std::vector<GoroutineInfo> goroutines;  // every goroutine still alive at the end (main first)
  std::vector<GoroutineInfo> leaked;      // completed: goroutines still parked when main returned
  Nanos time = 0;       // program time at the end
  std::uint64_t events = 0;
  std::uint64_t steps = 0;  // Serial: number of gate releases
};

struct Snapshot {
  Nanos now = 0;
  std::uint64_t events = 0;
  std::uint64_t steps = 0;
  bool started = false;
  bool quiescent = false;               // Serial: nobody is running; the gate waits for a choice
  std::vector<GoroutineInfo> goroutines;  // live ones, by id (finished ones are left out)
  std::vector<ChannelInfo> channels;    // by id
  // Names of the most recent channels already gone (at most 256), so a view that
  // missed a short-lived channel can still name it in the events it saw.
  std::vector<std::pair<ObjId, std::string>> gone_channel_names;
  std::vector<WaitGroupInfo> wait_groups;
  std::vector<MutexInfo> mutexes;
  std::vector<GoId> at_gate;            // Serial: who may move next, by id
  std::optional<Outcome> outcome;
};

// One program run on real threads. Not copyable; destroying it aborts and joins.
class Runtime {
 public:
  explicit Runtime(Config config = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const Config& config() const;

  // Start goroutine 1 running `main_fn`. Once per Runtime.
  void start(std::string function, std::function<void()> main_fn);

  // Block until the program ends, then join every thread. Returns the outcome.
  Outcome wait();
  // Like wait() but gives up after `timeout`; nullopt if still running.
  std::optional<Outcome> wait_for(std::chrono::milliseconds timeout);
  std::optional<Outcome> outcome() const;
  bool finished() const;

  // End the program from any state: every parked, sleeping, spinning or gated
  // goroutine is woken and its thread joined. Outcome becomes Aborted if undecided.
  void abort();

  // --- Serial schedule controls (from the controller thread) ---
  // Release one goroutine waiting at the gate: `which` == 0 picks by Config::pick.
  // Returns false if the program is not quiescent yet or `which` is not at the gate.
  bool step(GoId which = 0);
  // Wait until nobody is running (every goroutine is at the gate, parked or done).
  bool wait_quiescent(std::chrono::milliseconds timeout);
  void set_auto_run(bool on);      // Serial: let the runtime choose by itself
  bool auto_run() const;
  std::vector<GoId> choices() const;  // every release so far, in order (feed to Config::replay)

  // --- Observation ---
  // The observer must outlive the run or be removed (an EventQueue removes itself when
  // destroyed). An EventQueue as the only observer is fed without the lock (event_queue.hpp).
  void add_observer(Observer* observer);
  void remove_observer(Observer* observer);
  Snapshot snapshot() const;
  Nanos now() const;
  std::uint64_t event_count() const;

  detail::Core& core() { return *core_; }
  const std::shared_ptr<detail::Core>& core_ptr() const { return core_; }

 private:
  std::shared_ptr<detail::Core> core_;
};

// ---- Goroutine-side API: valid on a goroutine's own thread. ----

// `go fn()`: start a goroutine named `function` ("main.worker"). Returns its id.
GoId go(std::string function, std::function<void()> fn);
void sleep(Nanos duration);          // time.Sleep
Nanos now();                         // program time since start
void gosched();                      // runtime.Gosched: a gate point
[[noreturn]] void exit(int code);    // os.Exit
void at_line(int line);              // the goroutine reached a listing line (cheap; a gate point in step_lines mode)
void check_abort();                  // throws Aborted when the program is being torn down (cheap)
int num_goroutine();                 // runtime.NumGoroutine
GoId current_id();                   // 0 when not on a goroutine thread
bool program_exiting();              // main has returned: output is dropped, as Go's exit would
bool on_goroutine();
Runtime& current_runtime();          // throws UsageError off a goroutine thread
void job_start(std::string value);   // emit JobStart / JobEnd for the pool view
void job_end(std::string value);
void emit_recover(std::string value);  // a deferred recover() stopped a panic
std::vector<Frame> current_stack();  // the calling goroutine's frames, innermost first

// Runs `fn`; a Go panic inside it is recovered, as a deferred recover() would,
// and returned. Aborts and exits pass through.
//   if (auto p = rt::recover_from([&] { process(job); })) log(p->text);
std::optional<Panic> recover_from(const std::function<void()>& fn);

// Pushes a call frame for goroutine dumps (golite: one per Go call).
//   rt::FrameGuard frame("main.worker", call_line);
class FrameGuard {
 public:
  FrameGuard(std::string_view function, int line);
  ~FrameGuard();
  FrameGuard(const FrameGuard&) = delete;
  FrameGuard& operator=(const FrameGuard&) = delete;

 private:
  detail::G* g_;
  int saved_line_;
};

// Format Go's "goroutine N [reason]:" dump for one goroutine (used in outcomes).
std::string format_goroutine(const GoroutineInfo& info, const std::string& source_file, bool running = false);

}  // namespace poollab::rt
