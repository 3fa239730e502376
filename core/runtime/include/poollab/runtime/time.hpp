// Timers on the runtime's clock: time.After, time.NewTimer, time.NewTicker.
//
//   auto timeout = rt::after(500'000'000);     // <-time.After(500 * time.Millisecond)
//   rt::Timer t(1'000'000); t.stop();
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "poollab/runtime/chan.hpp"

namespace poollab::rt {

namespace detail {
struct TimerState;
}

// A channel that receives the program time once `d` has passed.
Chan<Nanos> after(Nanos d);

// time.NewTimer: C receives once; stop() reports whether it stopped a pending timer.
class Timer {
 public:
  explicit Timer(Nanos d);
  ~Timer();
  const Chan<Nanos>& c() const { return c_; }
  bool stop();
  bool reset(Nanos d);

 private:
  Chan<Nanos> c_;
  std::shared_ptr<detail::TimerState> s_;
};

// time.NewTicker: C receives every period (buffer 1; ticks are dropped for slow readers).
class Ticker {
 public:
  explicit Ticker(Nanos period);
  ~Ticker();
  const Chan<Nanos>& c() const { return c_; }
  void stop();

 private:
  Chan<Nanos> c_;
  std::shared_ptr<detail::TimerState> s_;
};

// time.AfterFunc: once `d` has passed, runs `fn` in a goroutine of its own, started
// then (not before, as in Go: a pending AfterFunc is a timer, not a parked goroutine).
// Destroying the handle does not cancel it; stop() does.
//
//   rt::AfterFunc t(1'000'000'000, "main.main.func1", [] { /* ... */ });
//   if (t.stop()) { /* fn will not run */ }
class AfterFunc {
 public:
  AfterFunc(Nanos d, std::string function, std::function<void()> fn);
  bool stop();            // true if it stopped the timer before fn started
  bool reset(Nanos d);    // re-arm; true if the timer was still pending

 private:
  std::shared_ptr<detail::TimerState> s_;
};

}  // namespace poollab::rt
