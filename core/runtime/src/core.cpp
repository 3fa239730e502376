// Goroutines, parking, the scheduler gate, the clocks and the deadlock detector.
#include "core.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <cstring>

#include "event_feed.hpp"
#include "poollab/runtime/event_queue.hpp"
#include "poollab/runtime/sync.hpp"

namespace poollab::rt {

Panic::Panic(std::string text_, std::any value_) : text(std::move(text_)), value(std::move(value_)) {
  if (detail::current_g()) stack = current_stack();
}

Fatal::Fatal(std::string text_, std::string first_line_) : text(std::move(text_)), first_line(std::move(first_line_)) {
  if (detail::current_g()) stack = current_stack();
}

std::string_view to_string(EventKind kind) {
  static constexpr const char* names[] = {
      "go-start",   "go-end",      "send-wait",  "send-done",  "recv-wait",    "recv-done", "close",
      "select-wait", "select-done", "wg-add",     "wg-wait",    "wg-release",   "mutex-wait", "mutex-lock",
      "mutex-unlock", "sleep-start", "sleep-end", "job-start", "job-end",      "line",      "panic",
      "recover",    "cancel",      "outcome"};
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<std::size_t>(EventKind::Count_));
  auto i = static_cast<std::size_t>(kind);
  return i < static_cast<std::size_t>(EventKind::Count_) ? names[i] : "unknown";
}

std::string_view to_string(GState state) {
  switch (state) {
    case GState::Runnable: return "runnable";
    case GState::Running: return "running";
    case GState::Blocked: return "blocked";
    case GState::Sleeping: return "sleeping";
    case GState::Done: return "done";
  }
  return "unknown";
}

std::string_view to_string(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::Completed: return "completed";
    case OutcomeKind::Deadlock: return "deadlock";
    case OutcomeKind::Panic: return "panic";
    case OutcomeKind::Exit: return "exit";
    case OutcomeKind::Aborted: return "aborted";
  }
  return "unknown";
}

namespace detail {

namespace {

thread_local G* tls_g = nullptr;

long futex(std::atomic<std::uint32_t>* addr, int op, std::uint32_t val) {
  return syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(addr), op, val, nullptr, nullptr, 0);
}

// Spin briefly before sleeping: a core-to-core hand-off costs tens of
// nanoseconds, a futex sleep-to-wake tens of microseconds (as Go's runtime
// does). Like Go's limit on spinning Ms, only a few threads may spin at once:
// with hundreds of parked threads on two cores, spinning would starve the
// goroutines that can make progress.
std::atomic<int> g_spinners{0};
const int g_max_spinners = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);

void wait_token(std::atomic<std::uint32_t>& token) {
  if (g_spinners.fetch_add(1, std::memory_order_relaxed) < g_max_spinners) {
    for (int i = 0; i < 2000; ++i) {
      if (token.load(std::memory_order_acquire) == 1) {
        g_spinners.fetch_sub(1, std::memory_order_relaxed);
        return;
      }
      cpu_relax();
    }
  }
  g_spinners.fetch_sub(1, std::memory_order_relaxed);
  for (;;) {
    std::uint32_t v = token.load(std::memory_order_acquire);
    if (v == 1) return;
    if (v == 0 && !token.compare_exchange_strong(v, 2, std::memory_order_acq_rel)) continue;
    futex(&token, FUTEX_WAIT_PRIVATE, 2);  // returns at once if the token is no longer 2
  }
}

void wake_token(std::atomic<std::uint32_t>& token) {
  if (token.exchange(1, std::memory_order_acq_rel) == 2) futex(&token, FUTEX_WAKE_PRIVATE, 1);
}

// As wake_token, with the runtime lock held: a spinning waiter sees the token at once;
// a sleeping one is woken by flush_pending_wakes when this thread unlocks.
void wake_token_after_unlock(std::atomic<std::uint32_t>& token) {
  if (token.exchange(1, std::memory_order_acq_rel) != 2) return;
  PendingWakes& p = pending_wakes;
  if (p.count == PendingWakes::kMax) {
    futex(&token, FUTEX_WAKE_PRIVATE, 1);
    return;
  }
  p.tokens[p.count++] = &token;
}

std::uint64_t env_fault_seed() {
  const char* v = std::getenv("POOLLAB_FAULT_INJECTION");
  if (!v || !*v) return 0;
  return std::strtoull(v, nullptr, 10);
}

}  // namespace

constinit thread_local PendingWakes pending_wakes{};

// Tokens belong to goroutines, which live as long as their Core: still valid here.
void flush_pending_wakes() {
  PendingWakes& p = pending_wakes;
  for (int i = 0; i < p.count; ++i) futex(p.tokens[i], FUTEX_WAKE_PRIVATE, 1);
  p.count = 0;
}

void RtMutex::lock_slow() {
  for (int i = 0; i < 40; ++i) {
    std::uint32_t v = state_.load(std::memory_order_relaxed);
    if (v == 0 && state_.compare_exchange_weak(v, 1, std::memory_order_acquire)) return;
    cpu_relax();
  }
  // Sleep in the kernel, marking the lock as having sleepers (Drepper's "mutex3").
  while (state_.exchange(2, std::memory_order_acquire) != 0) futex(&state_, FUTEX_WAIT_PRIVATE, 2);
}

void RtMutex::wake_one() { futex(&state_, FUTEX_WAKE_PRIVATE, 1); }

G* current_g() { return tls_g; }

G& require_g(const char* what) {
  if (!tls_g) {
    throw UsageError(std::string("poollab::rt: ") + what +
                     " outside a goroutine (call it from Runtime::start's function or a goroutine started by rt::go)");
  }
  return *tls_g;
}

const char* wait_reason_text(Wait w) {
  switch (w) {
    case Wait::None: return "";
    case Wait::ChanSend: return "chan send";
    case Wait::ChanRecv: return "chan receive";
    case Wait::ChanSendNil: return "chan send (nil chan)";
    case Wait::ChanRecvNil: return "chan receive (nil chan)";
    case Wait::Select: return "select";
    case Wait::SelectNoCases: return "select (no cases)";
    case Wait::WgWait: return "sync.WaitGroup.Wait";
    case Wait::MutexLock: return "sync.Mutex.Lock";
    case Wait::RWMutexLock: return "sync.RWMutex.Lock";
    case Wait::RWMutexRLock: return "sync.RWMutex.RLock";
    case Wait::Sleep: return "sleep";
  }
  return "";
}

Core::Core(Config c) : cfg(std::move(c)), rng(cfg.seed * 0x9E3779B97F4A7C15ull + 1) {
  auto_run = cfg.auto_run;
  if (std::uint64_t fs = env_fault_seed(); fs != 0 && cfg.schedule == Schedule::Free) {
    cfg.fault_injection = true;
    cfg.seed ^= fs;
  }
}

Core::~Core() = default;

Nanos Core::now_locked() const {
  if (cfg.clock == ClockKind::Virtual) return virtual_now.load(std::memory_order_relaxed);
  return static_cast<Nanos>(static_cast<double>(real_clock.now_ns() - wall_start) * cfg.speed);
}

void Core::fill_event(Event& e, EventKind kind, G* g, ObjId obj, GoId peer, std::int64_t count, bool flag,
                      std::uint64_t pos) const {
  e.goroutine = g ? g->id : 0;
  e.object = obj;
  e.peer = peer;
  e.line = g ? g->line.load(std::memory_order_relaxed) : 0;
  e.count = count;
  e.pos = pos;
  e.flag = flag;
  e.kind = kind;
}

void Core::deliver(EventKind kind, G* g, ObjId obj, TextFn value, GoId peer, std::int64_t count, bool flag,
                   std::uint64_t pos, std::uint64_t ticket) {
  if (feed) {
    // Lock-free operations take seqs too; the event is built in its slot (null: dropped).
    const std::uint64_t s = ticket ? ticket : seq.fetch_add(1, std::memory_order_seq_cst) + 1;
    Event* e = feed->begin(s);
    if (!e) return;
    e->time_ns = now_locked();
    fill_event(*e, kind, g, obj, peer, count, flag, pos);
    if (value) e->value = value();
    feed->commit(s, e);
    return;
  }
  Event e;
  bump(seq);
  e.seq = seq.load(std::memory_order_relaxed);
  e.time_ns = now_locked();
  fill_event(e, kind, g, obj, peer, count, flag, pos);
  if (value) e.value = value();
  for (Observer* o : observers) o->on_event(e);
}

void Core::feed_fast(G& g, EventKind kind, ObjId obj, FedValue&& value, const ChanCore::Claim& claim,
                     std::int64_t count, std::uint64_t pos) {
  Event* e = feed->begin(claim.ticket);  // built in place: the slot is the only copy
  if (!e) return;
  if (cfg.clock == ClockKind::Virtual) {
    e->time_ns = virtual_now.load(std::memory_order_relaxed);  // moves only while every goroutine is parked
  } else {
    // The shared clock is read under the lock; this goroutine keeps its own (the feed
    // keeps times in seq order from going back).
    if (!g.own_clock) g.own_clock = std::make_unique<SteadyTscClock>();
    e->time_ns = static_cast<Nanos>(static_cast<double>(g.own_clock->now_ns() - wall_start) * cfg.speed);
  }
  fill_event(*e, kind, &g, obj, 0, count, true, pos);
  if (value.format) {
    feed->format_later(e, value.format, value.bytes);
  } else {
    e->value = std::move(value.text);
  }
  feed->commit(claim.ticket, e);
}

void Core::wait_fast_ops(const G* self) const {
  for (const auto& [id, g] : gs) {
    if (g.get() == self) continue;
    Backoff backoff;
    while (g->in_fast.load(std::memory_order_seq_cst) != 0) backoff.snooze();
  }
}

void Core::remove_observer(Observer* observer) {
  if (std::find(observers.begin(), observers.end(), observer) == observers.end()) return;
  pause_fast();
  observers.erase(std::remove(observers.begin(), observers.end(), observer), observers.end());
  detach_feed();  // (a fed queue is the only observer)
  observed = !observers.empty();
  if (started) resume_fast();
}

void Core::attach_feed(EventQueue& queue) {
  feed = FeedAccess::attach(queue, shared_from_this(), seq.load(std::memory_order_relaxed) + 1);
}

void Core::detach_feed() {
  if (!feed) return;
  FeedAccess::detach(*feed, seq.load(std::memory_order_relaxed) + 1);
  feed = nullptr;
}

bool Core::fast_eligible() const {
  // A fed queue takes events from the lock-free path too; other observers want them under the lock.
  return cfg.lock_free_buffers && cfg.schedule == Schedule::Free && (observers.empty() || feed) && !outcome;
}

void inject_fault(G& g) {
  std::uint64_t r = g.fault_rng();
  if ((r & 3) != 0) return;
  if ((r & 12) == 0) {
    std::this_thread::sleep_for(std::chrono::microseconds((r >> 8) % 50));
  } else {
    std::this_thread::yield();
  }
}

void Core::pause_fast() {
  fast_ok.store(false, std::memory_order_seq_cst);
  wait_fast_ops(nullptr);  // a goroutine inside the fast path finishes its ring operation without the lock
}

std::uint64_t Core::event_total() const {
  std::uint64_t n = seq.load(std::memory_order_relaxed);
  for (const auto& [id, g] : gs) n += g->fast_events.load(std::memory_order_relaxed);
  return n;
}

void Core::throw_if_aborting() const {
  if (aborting.load(std::memory_order_acquire)) throw Aborted{};
}

void Core::park(G* g, std::unique_lock<RtMutex>& lk, GState state, Wait w, ObjId on) {
  park_released(g, lk, state, w, on);
  lk.lock();
  throw_if_aborting();
}

void Core::park_released(G* g, std::unique_lock<RtMutex>& lk, GState state, Wait w, ObjId on) {
  g->state = state;
  g->wait = w;
  g->waiting_on = on;
  g->parked_since = now_locked();
  --running;
  if (state == GState::Sleeping) {
    ++sleeping;
  } else {
    ++blocked;
  }
  g->token.store(0, std::memory_order_release);
  check_quiescence();
  lk.unlock();
  wait_token(g->token);
  if (aborting.load(std::memory_order_acquire)) {
    lk.lock();  // the caller's clean-up runs under the lock
    throw Aborted{};
  }
}

void Core::ready(G* g) {
  if (g->state == GState::Sleeping) {
    --sleeping;
  } else if (g->state == GState::Blocked) {
    --blocked;
  } else {
    return;
  }
  g->state = GState::Running;
  g->wait = Wait::None;
  g->waiting_on = 0;
  g->select_on.clear();
  ++running;
  wake_token_after_unlock(g->token);
}

void Core::freeze(G* g, std::unique_lock<RtMutex>& lk) {
  g->state = GState::Runnable;
  g->gate_op = "main returned";
  --running;
  g->token.store(0, std::memory_order_release);
  check_quiescence();
  lk.unlock();
  wait_token(g->token);  // only the teardown wakes it
  lk.lock();
  throw Aborted{};
}

bool Core::program_exiting() const { return main_gone.load(std::memory_order_relaxed); }

void Core::complete_after_main() {
  Outcome o;
  o.kind = OutcomeKind::Completed;
  o.goroutines = live_infos();
  for (const auto& info : o.goroutines) {
    if (info.gate_op != "goroutine exit") o.leaked.push_back(info);
  }
  decide(std::move(o));
}

void Core::gate_point(G* g, std::unique_lock<RtMutex>& lk, const char* op, ObjId obj) {
  throw_if_aborting();
  if (cfg.schedule == Schedule::Free) {
    if (cfg.fault_injection) {
      lk.unlock();
      inject_fault(*g);
      lk.lock();
      throw_if_aborting();
    }
    bump(g->steps);
    return;
  }
  g->state = GState::Runnable;
  g->gate_op = op;
  g->gate_object = obj;
  g->gate_ticket = ++gate_tickets;
  g->parked_since = now_locked();
  --running;
  gate.push_back(g);
  g->token.store(0, std::memory_order_release);
  check_quiescence();
  lk.unlock();
  wait_token(g->token);
  lk.lock();
  g->gate_op = "";
  g->gate_object = 0;
  throw_if_aborting();
}

bool Core::quiescent_locked() const {
  if (outcome) return true;
  return running == 0 && !gate.empty() && !(auto_run && replay_pos >= cfg.replay.size());
}

void Core::release(G* g) {
  gate.erase(std::find(gate.begin(), gate.end(), g));
  g->state = GState::Running;
  ++running;
  ++steps;
  g->steps.fetch_add(1, std::memory_order_relaxed);
  choices.push_back(g->id);
  wake_token_after_unlock(g->token);
}

G* Core::pick_next() {
  if (cfg.pick == Pick::Arrival) {
    return *std::min_element(gate.begin(), gate.end(),
                             [](const G* a, const G* b) { return a->gate_ticket < b->gate_ticket; });
  }
  std::vector<G*> sorted = gate;  // by id, so a seed gives the same choice whatever the arrival order
  std::sort(sorted.begin(), sorted.end(), [](const G* a, const G* b) { return a->id < b->id; });
  return sorted[rng() % sorted.size()];
}

// Called whenever the number of running goroutines may have dropped to zero.
void Core::check_quiescence() {
  if (outcome) return;
  if (main_returned) {
    // Go's exit would stop everyone now; PoolLab lets the others run until
    // they park or finish (their output is dropped), so the leaked ones are
    // exactly those that would have parked forever.
    if (running > 0) return;
    if (!gate.empty()) {
      release(pick_next());
    } else {
      complete_after_main();
    }
    return;
  }
  if (running > 0) return;
  if (!gate.empty()) {
    G* pick = nullptr;
    if (replay_pos < cfg.replay.size()) {
      GoId want = cfg.replay[replay_pos];
      for (G* g : gate) {
        if (g->id == want) pick = g;
      }
      if (pick) {
        ++replay_pos;
      } else {
        replay_pos = cfg.replay.size();  // the recording diverged: stop replaying, pause
        auto_run = false;
      }
    } else if (auto_run) {
      pick = pick_next();
    }
    if (pick) {
      release(pick);
    } else {
      ctl_cv.notify_all();
    }
    return;
  }
  if (!timers.empty()) {
    clock_cv.notify_all();  // the clock thread fires the next timer
    return;
  }
  if (live > 0) deadlock();
}

std::uint64_t Core::add_timer(Nanos when, std::function<void(Core&)> fire) {
  std::uint64_t id = next_timer++;
  auto key = std::make_pair(when, id);
  timers.emplace(key, TimerEntry{id, std::move(fire)});
  timer_keys.emplace(id, key);
  clock_cv.notify_all();
  return id;
}

bool Core::cancel_timer(std::uint64_t id) {
  auto it = timer_keys.find(id);
  if (it == timer_keys.end()) return false;
  timers.erase(it->second);
  timer_keys.erase(it);
  return true;
}

void Core::fire_due_timers(Nanos upto) {
  while (!timers.empty() && timers.begin()->first.first <= upto) {
    auto node = timers.extract(timers.begin());
    timer_keys.erase(node.mapped().id);
    node.mapped().fire(*this);
  }
}

// The clock thread: fires timers on the real clock when they are due, and on
// the virtual clock when nothing else can run (time jumps to the earliest timer).
void Core::clock_loop() {
  std::unique_lock lk(mu);
  while (!clock_quit) {
    if (outcome || timers.empty() || main_returned) {
      clock_cv.wait(lk);
      continue;
    }
    Nanos next = timers.begin()->first.first;
    if (cfg.clock == ClockKind::Virtual) {
      if (running > 0 || !gate.empty()) {
        clock_cv.wait(lk);
        continue;
      }
      virtual_now.store(std::max(virtual_now.load(std::memory_order_relaxed), next), std::memory_order_relaxed);
      fire_due_timers(virtual_now.load(std::memory_order_relaxed));
    } else {
      Nanos now = now_locked();
      if (next > now) {
        auto wall = std::chrono::nanoseconds(static_cast<std::int64_t>(static_cast<double>(next - now) / cfg.speed));
        clock_cv.wait_for(lk, wall);
        continue;
      }
      fire_due_timers(now);
    }
    check_quiescence();
  }
}

GoroutineInfo Core::info(const G& g, bool include_frames) const {
  GoroutineInfo i;
  i.id = g.id;
  i.function = g.function;
  i.state = g.state;
  i.wait_reason = wait_reason_text(g.wait);
  i.waiting_on = g.waiting_on;
  i.select_on = g.select_on;
  i.line = g.line.load(std::memory_order_relaxed);
  i.parked_since = g.parked_since;
  i.created_by = g.parent;
  i.created_by_function = g.parent_function;
  i.created_line = g.parent_line;
  i.gate_op = g.gate_op;
  i.gate_object = g.gate_object;
  i.steps = g.steps.load(std::memory_order_relaxed);
  // Frames are only stable while the goroutine is not running.
  bool stable = include_frames && g.state != GState::Running;
  if (stable && !g.frames.empty()) {
    for (auto it = g.frames.rbegin(); it != g.frames.rend(); ++it) i.frames.push_back(*it);
    i.frames.front().line = i.line;
  } else {
    i.frames.push_back(Frame{g.function, i.line});
  }
  return i;
}

std::vector<GoroutineInfo> Core::live_infos() const {
  std::vector<GoroutineInfo> out;
  for (const auto& [id, g] : gs) {
    if (g->state != GState::Done) out.push_back(info(*g, true));
  }
  return out;
}

void Core::wake_all_for_abort() {
  aborting.store(true, std::memory_order_release);
  for (auto& [id, g] : gs) {
    if (g->state != GState::Done) wake_token(g->token);
  }
  clock_cv.notify_all();
  ctl_cv.notify_all();
}

void Core::decide(Outcome o) {
  if (outcome) return;
  o.time = now_locked();
  o.steps = steps;
  if (o.goroutines.empty()) o.goroutines = live_infos();
  emit(EventKind::Outcome, nullptr, 0, [&] { return std::string(to_string(o.kind)); });
  o.events = event_total();
  outcome = std::move(o);
  wake_all_for_abort();
}

void Core::deadlock() {
  Outcome o;
  o.kind = OutcomeKind::Deadlock;
  o.message = "fatal error: all goroutines are asleep - deadlock!";
  o.exit_code = 2;
  o.goroutines = live_infos();
  o.text = o.message + "\n\n" + format_goroutine_dump(o.goroutines, cfg.source_file);
  if (!o.goroutines.empty()) {
    o.culprit = o.goroutines.front().id;
    o.line = o.goroutines.front().line;
  }
  decide(std::move(o));
}

void Core::join_all() {
  for (;;) {
    std::vector<pthread_t> threads;
    {
      std::lock_guard lk(mu);
      for (auto& [id, g] : gs) {
        if (g->thread_started && !g->joined) {
          threads.push_back(g->thread);
          g->joined = true;
        }
      }
      to_join.clear();
    }
    if (threads.empty()) break;
    for (pthread_t t : threads) pthread_join(t, nullptr);
  }
  std::unique_lock lk(mu);
  clock_quit = true;
  clock_cv.notify_all();
  lk.unlock();
  if (clock_thread.joinable()) clock_thread.join();
}

namespace {

struct StartArg {
  std::shared_ptr<Core> core;
  G* g;
};

void goroutine_exit(Core& c, G* g, std::optional<Outcome> outcome) {
  std::unique_lock lk(c.mu);
  if (outcome) c.decide(std::move(*outcome));
  if (!c.outcome && !c.main_returned && c.cfg.schedule == Schedule::Serial) {
    try {
      c.gate_point(g, lk, "goroutine exit", 0);
    } catch (const Aborted&) {
    }
  }
  if (g->state == GState::Running) --c.running;
  if (g->state == GState::Runnable) c.gate.erase(std::remove(c.gate.begin(), c.gate.end(), g), c.gate.end());
  g->state = GState::Done;
  --c.live;
  c.emit(EventKind::GoEnd, g, 0);
  c.to_join.push_back(g);
  if (!c.outcome && g->id == 1) {
    c.main_returned = true;
    c.main_gone = true;
  }
  c.check_quiescence();
}

// The outcome of a goroutine dying: Go prints the failure, then only that
// goroutine's stack, marked [running].
Outcome failure_outcome(Core& c, G* g, std::string message, std::string header, const std::vector<Frame>& stack) {
  Outcome o;
  o.kind = OutcomeKind::Panic;
  o.exit_code = 2;
  o.culprit = g->id;
  o.message = std::move(message);
  std::lock_guard lk(c.mu);
  GoroutineInfo self = c.info(*g, false);
  self.state = GState::Running;
  if (!stack.empty()) self.frames = stack;
  o.line = self.frames.front().line;
  o.text = header + "\n\n" + format_goroutine(self, c.cfg.source_file, true);
  o.goroutines = c.live_infos();
  return o;
}

Outcome panic_outcome(Core& c, G* g, const Panic& p) {
  std::string first = "panic: " + p.text;
  return failure_outcome(c, g, first.substr(0, first.find('\n')), first + (p.recovered ? " [recovered]" : ""), p.stack);
}

Outcome fatal_outcome(Core& c, G* g, const Fatal& f) {
  std::string fatal_line = "fatal error: " + f.text;
  std::string header = f.first_line.empty() ? fatal_line : f.first_line + "\n" + fatal_line;
  return failure_outcome(c, g, f.first_line.empty() ? fatal_line : f.first_line, header, f.stack);
}

void* goroutine_main(void* raw) {
  std::unique_ptr<StartArg> arg(static_cast<StartArg*>(raw));
  Core& c = *arg->core;
  G* g = arg->g;
  tls_g = g;
  std::optional<Outcome> outcome;
  try {
    {
      std::unique_lock lk(c.mu);
      c.gate_point(g, lk, "goroutine start", 0);
    }
    g->fn();
  } catch (const Aborted&) {
  } catch (const Panic& p) {
    outcome = panic_outcome(c, g, p);
  } catch (const Fatal& f) {
    outcome = fatal_outcome(c, g, f);
  } catch (const ExitRequest& e) {
    Outcome o;
    o.kind = OutcomeKind::Exit;
    o.exit_code = e.code;
    o.culprit = g->id;
    outcome = std::move(o);
  } catch (const std::bad_alloc&) {
    outcome = fatal_outcome(c, g, Fatal("runtime: out of memory"));
  } catch (const std::exception& e) {
    outcome = panic_outcome(c, g, Panic(e.what()));
  }
  g->fn = nullptr;  // release captured handles without holding the lock
  if (outcome) {
    std::lock_guard lk(c.mu);
    c.emit(outcome->kind == OutcomeKind::Panic ? EventKind::Panic : EventKind::Outcome, g, 0,
           [&] { return outcome->message; });
  }
  goroutine_exit(c, g, std::move(outcome));
  tls_g = nullptr;
  return nullptr;
}

}  // namespace

// Create a goroutine and its thread. mu held on entry; may unlock and relock.
GoId spawn(Core& c, std::unique_lock<RtMutex>& lk, G* parent, std::string function, std::function<void()> fn) {
  if (c.live >= static_cast<int>(c.cfg.max_goroutines)) {
    throw Fatal("too many goroutines: PoolLab runs each goroutine on its own thread and allows at most " +
                std::to_string(c.cfg.max_goroutines));
  }
  auto owned = std::make_unique<G>();
  G* g = owned.get();
  g->id = c.next_gid++;
  g->function = std::move(function);
  g->core = &c;
  g->fn = std::move(fn);
  g->fault_rng.seed(c.cfg.seed * 7919 + static_cast<std::uint64_t>(g->id));
  if (parent) {
    g->parent = parent->id;
    g->parent_function = parent->frames.empty() ? parent->function : parent->frames.back().function;
    g->parent_line = parent->line.load(std::memory_order_relaxed);
    g->line.store(g->parent_line, std::memory_order_relaxed);
  }
  g->state = GState::Running;
  g->token.store(1);
  ++c.live;
  ++c.running;
  c.gs.emplace(g->id, std::move(owned));
  c.emit(EventKind::GoStart, g, parent ? parent->id : 0, [&] { return g->function; }, parent ? parent->id : 0);

  // Reap finished threads while we are here, outside the lock.
  std::vector<G*> reap;
  reap.swap(c.to_join);
  for (G* d : reap) d->joined = d->joined || !d->thread_started;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, std::max<std::size_t>(c.cfg.stack_bytes, 64 * 1024));
  auto* arg = new StartArg{c.shared_from_this(), g};
  int rc = pthread_create(&g->thread, &attr, goroutine_main, arg);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    delete arg;
    --c.live;
    --c.running;
    g->state = GState::Done;
    g->fn = nullptr;
    throw Fatal(std::string("cannot start goroutine: ") + std::strerror(rc));
  }
  g->thread_started = true;
  std::vector<pthread_t> join_now;
  for (G* d : reap) {
    if (!d->joined) {
      d->joined = true;
      join_now.push_back(d->thread);
    }
  }
  if (!join_now.empty()) {
    lk.unlock();
    for (pthread_t t : join_now) pthread_join(t, nullptr);
    lk.lock();
  }
  return g->id;
}

std::string format_goroutine_dump(const std::vector<GoroutineInfo>& gs, const std::string& file) {
  std::string out;
  for (std::size_t i = 0; i < gs.size(); ++i) {
    if (i) out += "\n";
    out += format_goroutine(gs[i], file);
  }
  return out;
}

std::shared_ptr<Core> current_core() { return require_g("creating a channel, WaitGroup or Mutex").core->shared_from_this(); }

}  // namespace detail

// ---------------- Runtime ----------------

Runtime::Runtime(Config config) : core_(std::make_shared<detail::Core>(std::move(config))) {
  core_->owner = this;
  if (core_->cfg.speed <= 0) throw UsageError("poollab::rt::Config: speed must be positive");
  if (core_->cfg.max_goroutines == 0) throw UsageError("poollab::rt::Config: max_goroutines must be at least 1");
}

Runtime::~Runtime() {
  abort();
  std::unique_lock lk(core_->mu);
  core_->detach_feed();  // a queue may be drained after the runtime is gone
  auto timers = std::move(core_->timers);  // break handle cycles outside the lock
  core_->timer_keys.clear();
  std::vector<std::unique_ptr<detail::G>> gs;
  for (auto& [id, g] : core_->gs) gs.push_back(std::move(g));
  core_->gs.clear();
  lk.unlock();
}

const Config& Runtime::config() const { return core_->cfg; }

void Runtime::start(std::string function, std::function<void()> main_fn) {
  if (core_->started.exchange(true)) throw UsageError("poollab::rt::Runtime::start: a Runtime runs one program; make a new Runtime");
  if (detail::current_g()) throw UsageError("poollab::rt::Runtime::start: call it from the controller thread, not a goroutine");
  std::unique_lock lk(core_->mu);
  core_->wall_start = core_->real_clock.now_ns();
  core_->clock_thread = std::thread([c = core_.get()] { c->clock_loop(); });
  core_->resume_fast();
  detail::spawn(*core_, lk, nullptr, std::move(function), std::move(main_fn));
}

Outcome Runtime::wait() {
  {
    std::unique_lock lk(core_->mu);
    if (!core_->started) throw UsageError("poollab::rt::Runtime::wait: the program was never started");
    core_->ctl_cv.wait(lk, [&] { return core_->outcome.has_value(); });
  }
  core_->join_all();
  std::lock_guard lk(core_->mu);
  return *core_->outcome;
}

std::optional<Outcome> Runtime::wait_for(std::chrono::milliseconds timeout) {
  {
    std::unique_lock lk(core_->mu);
    if (!core_->ctl_cv.wait_for(lk, timeout, [&] { return core_->outcome.has_value(); })) return std::nullopt;
  }
  core_->join_all();
  std::lock_guard lk(core_->mu);
  return core_->outcome;
}

std::optional<Outcome> Runtime::outcome() const {
  std::lock_guard lk(core_->mu);
  return core_->outcome;
}

bool Runtime::finished() const {
  std::lock_guard lk(core_->mu);
  return core_->outcome.has_value();
}

void Runtime::abort() {
  if (detail::current_g()) throw UsageError("poollab::rt::Runtime::abort: call it from the controller thread, not a goroutine");
  {
    std::lock_guard lk(core_->mu);
    if (!core_->outcome) {
      Outcome o;
      o.kind = OutcomeKind::Aborted;
      o.message = "aborted";
      o.exit_code = 2;
      if (core_->started) {
        core_->decide(std::move(o));
      } else {
        core_->outcome = std::move(o);
        core_->aborting = true;
      }
    }
    core_->wake_all_for_abort();
  }
  core_->join_all();
}

bool Runtime::step(GoId which) {
  std::lock_guard lk(core_->mu);
  auto& c = *core_;
  if (c.outcome || c.cfg.schedule != Schedule::Serial || c.running > 0 || c.gate.empty()) return false;
  if (c.replay_pos < c.cfg.replay.size()) return false;
  detail::G* pick = nullptr;
  if (which == 0) {
    pick = c.pick_next();
  } else {
    for (auto* g : c.gate) {
      if (g->id == which) pick = g;
    }
  }
  if (!pick) return false;
  c.release(pick);
  return true;
}

bool Runtime::wait_quiescent(std::chrono::milliseconds timeout) {
  std::unique_lock lk(core_->mu);
  return core_->ctl_cv.wait_for(lk, timeout, [&] { return core_->quiescent_locked(); });
}

void Runtime::set_auto_run(bool on) {
  std::lock_guard lk(core_->mu);
  core_->auto_run = on;
  if (on) core_->check_quiescence();
}

bool Runtime::auto_run() const {
  std::lock_guard lk(core_->mu);
  return core_->auto_run;
}

std::vector<GoId> Runtime::choices() const {
  std::lock_guard lk(core_->mu);
  return core_->choices;
}

void Runtime::add_observer(Observer* observer) {
  std::lock_guard lk(core_->mu);
  auto& c = *core_;
  c.pause_fast();
  auto* queue = dynamic_cast<EventQueue*>(observer);
  if (c.observers.empty() && queue && detail::FeedAccess::can_attach(*queue)) {
    c.attach_feed(*queue);  // the only observer: fed, the lock-free path stays open
  } else {
    c.detach_feed();  // several: every event under the lock, to each in turn
  }
  c.observers.push_back(observer);
  c.observed = true;
  if (c.started) c.resume_fast();
}

void Runtime::remove_observer(Observer* observer) {
  std::lock_guard lk(core_->mu);
  core_->remove_observer(observer);
}

Nanos Runtime::now() const {
  std::lock_guard lk(core_->mu);
  return core_->now_locked();
}

std::uint64_t Runtime::event_count() const {
  std::lock_guard lk(core_->mu);
  return core_->event_total();
}

Snapshot Runtime::snapshot() const {
  std::lock_guard lk(core_->mu);
  // Buffers are read in place: nobody may touch a ring outside the lock meanwhile.
  core_->pause_fast();
  struct Resume {
    detail::Core& c;
    ~Resume() {
      if (c.started) c.resume_fast();
    }
  } resume{*core_};
  const auto& c = *core_;
  Snapshot s;
  s.now = c.now_locked();
  s.events = c.event_total();
  s.steps = c.steps;
  s.started = c.started;
  s.quiescent = c.quiescent_locked();
  s.goroutines = c.live_infos();
  for (const auto* g : c.gate) s.at_gate.push_back(g->id);
  std::sort(s.at_gate.begin(), s.at_gate.end());
  s.outcome = c.outcome;
  std::lock_guard rl(c.reg_mu);
  for (const auto& [id, ch] : c.chans) s.channels.push_back(detail::channel_info(*ch));
  s.gone_channel_names.assign(c.gone_chan_names.begin(), c.gone_chan_names.end());
  for (const auto& [id, wg] : c.wgs) s.wait_groups.push_back(detail::wait_group_info(*wg));
  for (const auto& [id, m] : c.mutexes) s.mutexes.push_back(detail::mutex_info(*m));
  return s;
}

// ---------------- goroutine-side API ----------------

GoId go(std::string function, std::function<void()> fn) {
  auto& g = detail::require_g("go statement");
  auto& c = *g.core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "go", 0);
  return detail::spawn(c, lk, &g, std::move(function), std::move(fn));
}

void sleep(Nanos duration) {
  auto& g = detail::require_g("time.Sleep");
  auto& c = *g.core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "sleep", 0);
  if (duration <= 0) return;
  c.emit(EventKind::SleepStart, &g, 0, [&] { return std::to_string(duration); }, 0, duration);
  Nanos when = c.now_locked() + duration;
  detail::G* gp = &g;
  c.add_timer(when, [gp](detail::Core& core) {
    core.emit(EventKind::SleepEnd, gp, 0);
    core.ready(gp);
  });
  c.park(&g, lk, GState::Sleeping, detail::Wait::Sleep, 0);
}

Nanos now() {
  auto& g = detail::require_g("time.Now");
  std::lock_guard lk(g.core->mu);
  return g.core->now_locked();
}

void gosched() {
  auto& g = detail::require_g("runtime.Gosched");
  std::unique_lock lk(g.core->mu);
  g.core->gate_point(&g, lk, "gosched", 0);
  if (g.core->cfg.schedule == Schedule::Free) {
    lk.unlock();
    std::this_thread::yield();
  }
}

void exit(int code) { throw ExitRequest{code}; }

void at_line(int line) {
  detail::G* g = detail::current_g();
  if (!g) return;
  g->line.store(line, std::memory_order_relaxed);
  detail::Core& c = *g->core;
  if (c.aborting.load(std::memory_order_relaxed)) throw Aborted{};
  if (c.main_gone.load(std::memory_order_relaxed) && ++g->after_main > detail::kAfterMainBudget) {
    std::unique_lock lk(c.mu);
    c.throw_if_aborting();
    c.freeze(g, lk);
  }
  bool serial = c.cfg.schedule == Schedule::Serial;
  if (serial && c.cfg.step_lines) {
    std::unique_lock lk(c.mu);
    c.gate_point(g, lk, "line", 0);
    if (c.cfg.line_events) c.emit(EventKind::Line, g, 0, {}, 0, line);
  } else if (c.cfg.line_events && !serial && c.observed.load(std::memory_order_relaxed)) {
    std::lock_guard lk(c.mu);
    c.emit(EventKind::Line, g, 0, {}, 0, line);
  }
}

void check_abort() {
  detail::G* g = detail::current_g();
  if (!g) return;
  if (g->core->aborting.load(std::memory_order_relaxed)) throw Aborted{};
  if (g->core->main_gone.load(std::memory_order_relaxed) && ++g->after_main > detail::kAfterMainBudget) {
    std::unique_lock lk(g->core->mu);
    g->core->throw_if_aborting();
    g->core->freeze(g, lk);
  }
}

int num_goroutine() {
  auto& g = detail::require_g("runtime.NumGoroutine");
  std::lock_guard lk(g.core->mu);
  return g.core->live;
}

GoId current_id() {
  detail::G* g = detail::current_g();
  return g ? g->id : 0;
}

bool on_goroutine() { return detail::current_g() != nullptr; }

bool program_exiting() {
  detail::G* g = detail::current_g();
  return g && g->core->program_exiting();
}

Runtime& current_runtime() { return *detail::require_g("current_runtime").core->owner; }

void job_start(std::string value) {
  auto& g = detail::require_g("job_start");
  std::lock_guard lk(g.core->mu);
  g.core->emit(EventKind::JobStart, &g, 0, [&] { return value; });
}

void job_end(std::string value) {
  auto& g = detail::require_g("job_end");
  std::lock_guard lk(g.core->mu);
  g.core->emit(EventKind::JobEnd, &g, 0, [&] { return value; });
}

void emit_recover(std::string value) {
  auto& g = detail::require_g("recover");
  std::lock_guard lk(g.core->mu);
  g.core->emit(EventKind::Recover, &g, 0, [&] { return value; });
}

std::vector<Frame> current_stack() {
  detail::G* g = detail::current_g();
  if (!g) return {};
  std::vector<Frame> out;
  if (g->frames.empty()) {
    out.push_back(Frame{g->function, g->line.load(std::memory_order_relaxed)});
    return out;
  }
  for (auto it = g->frames.rbegin(); it != g->frames.rend(); ++it) out.push_back(*it);
  out.front().line = g->line.load(std::memory_order_relaxed);
  return out;
}

std::optional<Panic> recover_from(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Panic& p) {
    emit_recover(p.text);
    return p;
  }
  return std::nullopt;
}

FrameGuard::FrameGuard(std::string_view function, int line) : g_(detail::current_g()), saved_line_(0) {
  if (!g_) return;
  saved_line_ = g_->line.load(std::memory_order_relaxed);
  if (!g_->frames.empty()) g_->frames.back().line = saved_line_;
  g_->frames.push_back(Frame{std::string(function), line});
  g_->line.store(line, std::memory_order_relaxed);
}

FrameGuard::~FrameGuard() {
  if (!g_) return;
  g_->frames.pop_back();
  g_->line.store(saved_line_, std::memory_order_relaxed);
}

std::string format_goroutine(const GoroutineInfo& info, const std::string& source_file, bool running) {
  std::string reason = running ? "running" : info.state == GState::Runnable ? "runnable" : info.wait_reason;
  if (reason.empty()) reason = info.state == GState::Running ? "running" : std::string(to_string(info.state));
  std::string out = "goroutine " + std::to_string(info.id) + " [" + reason + "]:\n";
  for (const Frame& f : info.frames) {
    out += f.function + (f.function == "main.main" ? "()" : "(...)") + "\n\t" + source_file + ":" +
           std::to_string(f.line) + "\n";
  }
  if (info.created_by != 0) {
    out += "created by " + info.created_by_function + " in goroutine " + std::to_string(info.created_by) + "\n\t" +
           source_file + ":" + std::to_string(info.created_line) + "\n";
  }
  return out;
}

}  // namespace poollab::rt
