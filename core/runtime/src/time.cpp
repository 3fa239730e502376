// time.After, time.NewTimer and time.NewTicker on the runtime's clock.
#include "poollab/runtime/time.hpp"

#include "core.hpp"

namespace poollab::rt {
namespace detail {

struct TimerState {
  std::shared_ptr<Core> core;
  Chan<Nanos> c;
  std::uint64_t timer = 0;  // pending timer id, 0 = none
  Nanos period = 0;         // > 0 for tickers
  // AfterFunc: the goroutine to start when the timer fires (instead of a send on c).
  std::function<void()> fn;
  std::string function;
};

namespace {

// Arm `s` to deliver the time at `when` (mu held). A ticker re-arms itself
// from its own callback; the channel has a buffer of 1, so a slow reader
// misses ticks, as in Go.
void arm_locked(Core& core, const std::shared_ptr<TimerState>& s, Nanos when) {
  if (s->fn) {
    // A pending AfterFunc stays armed however the program drops its handle, as in Go.
    s->timer = core.add_timer(when, [s](Core& c) {
      s->timer = 0;
      std::unique_lock<RtMutex> lk(c.mu, std::adopt_lock);  // the clock thread holds mu
      try {
        spawn(c, lk, nullptr, s->function, s->fn);
      } catch (const Fatal& f) {  // too many goroutines: the program dies as in goroutine_main
        Outcome o;
        o.kind = OutcomeKind::Panic;
        o.exit_code = 2;
        o.message = "fatal error: " + f.text;
        o.text = o.message + "\n";
        o.goroutines = c.live_infos();
        c.decide(std::move(o));
      }
      lk.release();
    });
    return;
  }
  std::weak_ptr<TimerState> weak = s;
  s->timer = core.add_timer(when, [weak](Core& c) {
    auto st = weak.lock();
    if (!st) return;
    st->timer = 0;
    Nanos now = c.now_locked();
    try_send_locked(*st->c.core(), &now);
    if (st->period > 0) arm_locked(c, st, now + st->period);
  });
}

// A timer armed to fire `d` from now: a Timer or Ticker delivering on its channel, or,
// given `fn`, an AfterFunc starting `fn` as goroutine `function`.
std::shared_ptr<TimerState> make_timer(const char* what, Nanos d, Nanos period, std::function<void()> fn = {},
                                       std::string function = {}) {
  G& g = require_g(what);
  auto s = std::make_shared<TimerState>();
  s->core = g.core->shared_from_this();
  if (fn) {
    s->fn = std::move(fn);
    s->function = std::move(function);
  } else {
    s->c = Chan<Nanos>(1, period > 0 ? "ticker.C" : "timer.C");  // how views name it
    s->period = period;
  }
  std::lock_guard lk(g.core->mu);
  arm_locked(*g.core, s, g.core->now_locked() + std::max<Nanos>(d, 0));
  return s;
}

// Timer.Stop: true if the timer was still pending.
bool stop_timer(TimerState& s) {
  std::lock_guard lk(s.core->mu);
  if (!s.timer) return false;
  bool was = s.core->cancel_timer(s.timer);
  s.timer = 0;
  return was;
}

// Timer.Reset: re-arm for d from now; true if the timer was still pending.
bool reset_timer(const std::shared_ptr<TimerState>& s, Nanos d) {
  std::lock_guard lk(s->core->mu);
  bool was = s->timer && s->core->cancel_timer(s->timer);
  arm_locked(*s->core, s, s->core->now_locked() + std::max<Nanos>(d, 0));
  return was;
}

}  // namespace
}  // namespace detail

Chan<Nanos> after(Nanos d) {
  // The timer owns the channel until it fires; the caller's handle keeps it alive after.
  detail::G& g = detail::require_g("time.After");
  Chan<Nanos> c(1, "time.After");
  std::lock_guard lk(g.core->mu);
  g.core->add_timer(g.core->now_locked() + std::max<Nanos>(d, 0), [c](detail::Core& core) {
    Nanos now = core.now_locked();
    detail::try_send_locked(*c.core(), &now);
  });
  return c;
}

Timer::Timer(Nanos d) : s_(detail::make_timer("time.NewTimer", d, 0)) { c_ = s_->c; }

Timer::~Timer() {
  if (s_) detail::stop_timer(*s_);
}

bool Timer::stop() { return detail::stop_timer(*s_); }
bool Timer::reset(Nanos d) { return detail::reset_timer(s_, d); }

AfterFunc::AfterFunc(Nanos d, std::string function, std::function<void()> fn) {
  if (!fn) throw UsageError("poollab::rt::AfterFunc: no function to call");
  s_ = detail::make_timer("time.AfterFunc", d, 0, std::move(fn), std::move(function));
}

bool AfterFunc::stop() { return detail::stop_timer(*s_); }
bool AfterFunc::reset(Nanos d) { return detail::reset_timer(s_, d); }

Ticker::Ticker(Nanos period) {
  if (period <= 0) throw Panic("non-positive interval for NewTicker");
  s_ = detail::make_timer("time.NewTicker", period, period);
  c_ = s_->c;
}

Ticker::~Ticker() {
  if (s_) stop();
}

void Ticker::stop() {
  std::lock_guard lk(s_->core->mu);
  s_->period = 0;
  if (s_->timer) s_->core->cancel_timer(s_->timer);
  s_->timer = 0;
}

}  // namespace poollab::rt
