// Event vocabulary of the runtime: what observers receive for every operation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace poollab::rt {

using GoId = std::int64_t;   // goroutine id; 1 is main, 0 means "none" (e.g. the timer)
using ObjId = std::int64_t;  // channel / WaitGroup / mutex / context id; 0 means "none"

// One fixed vocabulary, in Tracy's wait / obtain / release spirit.
enum class EventKind : std::uint8_t {
  GoStart,      // a goroutine began (object = parent goroutine id, value = function name)
  GoEnd,        // a goroutine returned
  SendWait,     // a sender parked on a channel
  SendDone,     // a send completed (value = the value sent, peer = receiver when handed directly)
  RecvWait,     // a receiver parked
  RecvDone,     // a receive completed (value, ok in `flag`, peer = sender when handed directly)
  Close,        // close(ch)
  SelectWait,   // a select parked on all its cases
  SelectDone,   // a select finished (value = chosen case index, -1 for default)
  WgAdd,        // WaitGroup Add/Done (value = delta, counter in `count`)
  WgWait,       // a goroutine parked in Wait
  WgRelease,    // Wait returned
  MutexWait,    // Lock parked; value = Go's wait reason (RWMutex: flag false for RLock; count = readers)
  MutexLock,    // Lock obtained (RWMutex: flag false for a read lock; count = readers)
  MutexUnlock,  // Unlock (RWMutex: flag false for RUnlock; count = readers left)
  SleepStart,   // time.Sleep began (value = duration)
  SleepEnd,     // time.Sleep finished
  JobStart,     // a worker took a job (emitted by lesson code / interpreter)
  JobEnd,       // a worker finished a job
  Line,         // a goroutine reached a listing line
  Panic,        // a panic started unwinding (value = Go's text)
  Recover,      // a deferred recover stopped a panic
  Cancel,       // a context was cancelled (value = cause)
  Outcome,      // the program ended (value = outcome name)
  Count_
};

std::string_view to_string(EventKind kind);

struct Event {
  std::uint64_t seq = 0;      // global, gap-free order of events in one run
  std::int64_t time_ns = 0;   // program time (virtual or scaled real)
  GoId goroutine = 0;         // acting goroutine
  ObjId object = 0;           // channel / wg / mutex / context touched, 0 if none
  GoId peer = 0;              // the other goroutine of a direct hand-off, 0 if none
  std::int64_t count = 0;     // kind-specific number (wg counter, buffer length after op, ...)
  // A buffered SendDone/RecvDone: which of the channel's buffered values it was (1 for the
  // first ever buffered), 0 otherwise. Concurrent senders on one channel may be numbered in
  // a different order from their events' seq; the buffer's order is this one.
  std::uint64_t pos = 0;
  int line = 0;               // listing line of the acting goroutine, 0 if unknown
  bool flag = true;           // kind-specific flag (receive ok, ...)
  EventKind kind = EventKind::GoStart;
  std::string value;          // formatted value, only filled when an observer is attached
};

// Observers are called on the acting thread while the runtime's lock is held:
// they must not block and must not use instrumented primitives. Append to a
// queue and let another thread (the UI) drain it. (An EventQueue that is a
// runtime's only observer is fed directly instead: see event_queue.hpp.)
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_event(const Event& event) = 0;
};

}  // namespace poollab::rt
