// Timers on the runtime's clock: time.After, time.NewTimer, time.NewTicker.
//
//   auto timeout = rt::after(500'000'000);     // <-time.After(500 * time.Millisecond)
//   rt::Timer t(1'000'000); t.stop();
#pragma once

#include <memory>

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

}  // namespace poollab::rt
