// Internal state of one program run. Everything here is guarded by Core::mu
// unless marked otherwise. Not part of the public API.
#pragma once

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "poollab/runtime/chan.hpp"
#include "poollab/runtime/runtime.hpp"
#include "program_clock.hpp"

namespace poollab::rt {
class EventQueue;
}

namespace poollab::rt::detail {

class EventFeed;

// One step of a spin-wait: tells the core we are spinning (and eases a hyperthread sibling).
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Waiting for another thread to finish something it has started without the lock:
// a few pauses, then give the core away (it may be that thread's only core).
struct Backoff {
  int step = 0;
  void snooze() {
    if (step < 6) {
      for (int i = 0; i < (1 << step); ++i) cpu_relax();
    } else {
      std::this_thread::yield();
    }
    if (step < 10) ++step;
  }
};

// Futex wake-ups owed by this thread, made once it releases the runtime lock: a wake
// is a system call of microseconds, and made under the lock it would hold everyone up.
struct PendingWakes {
  static constexpr int kMax = 16;
  std::atomic<std::uint32_t>* tokens[kMax];
  int count;
};
extern constinit thread_local PendingWakes pending_wakes;
void flush_pending_wakes();

// The runtime's lock. Held for a few hundred nanoseconds at a time by threads on
// different cores, so a waiter spins briefly before sleeping in the kernel (as Go's
// runtime lock does); a plain std::mutex would put it to sleep at once and pay a
// futex wake-up of microseconds on every contended channel operation. Unlocking also
// makes the wake-ups this thread owes (PendingWakes).
// Lockable, so std::unique_lock and std::condition_variable_any work with it.
class RtMutex {
 public:
  void lock() {
    std::uint32_t expected = 0;
    if (!state_.compare_exchange_strong(expected, 1, std::memory_order_acquire)) lock_slow();
  }
  bool try_lock() {
    std::uint32_t expected = 0;
    return state_.compare_exchange_strong(expected, 1, std::memory_order_acquire);
  }
  void unlock() {
    if (state_.exchange(0, std::memory_order_release) == 2) wake_one();
    if (pending_wakes.count) [[unlikely]]
      flush_pending_wakes();
  }

 private:
  void lock_slow();
  void wake_one();
  std::atomic<std::uint32_t> state_{0};  // 0 free, 1 held, 2 held with sleepers
};

// Why a goroutine is parked, in Go's words (runtime/runtime2.go waitReason strings).
enum class Wait : std::uint8_t {
  None,
  ChanSend,
  ChanRecv,
  ChanSendNil,
  ChanRecvNil,
  Select,
  SelectNoCases,
  WgWait,
  MutexLock,
  RWMutexLock,
  RWMutexRLock,
  Sleep,
};
const char* wait_reason_text(Wait w);

struct SelectWait;

// A goroutine parked on a channel queue (Go's sudog).
struct Waiter {
  G* g = nullptr;
  void* elem = nullptr;        // send: the value to take; recv: where to write
  bool* ok = nullptr;          // recv: ok result (may be null)
  bool success = false;        // set by the waker: true = value transferred, false = channel closed
  bool is_send = false;
  SelectWait* sel = nullptr;   // non-null when part of a select
  int case_index = -1;
  ChanCore* ch = nullptr;
  GoId peer = 0;               // the goroutine that completed this waiter
  bool completed = false;      // set by the waker (or by the waiter's own re-check before parking)
};

struct SelectWait {
  int fired = -1;
  std::vector<Waiter> waiters;
};

struct WaitGroupState;
struct MutexState;

// A non-owning reference to a callable returning an event's value text: two words,
// built for free at every emit, called only when an observer wants the text.
class TextFn {
 public:
  TextFn() = default;
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, TextFn>)
  TextFn(F&& f) : obj_(const_cast<void*>(static_cast<const void*>(&f))),  // NOLINT: implicit by design
                  call_([](void* o) { return (*static_cast<std::remove_reference_t<F>*>(o))(); }) {}
  explicit operator bool() const { return call_ != nullptr; }
  std::string operator()() const { return call_(obj_); }

 private:
  void* obj_ = nullptr;
  std::string (*call_)(void*) = nullptr;
};

// An event's value on the lock-free path of a fed run: its text, or, for element types
// that allow it (ChanCore::bytes_format), a copy of its bytes that the drainer formats.
struct FedValue {
  std::string text;
  BytesFormat format = nullptr;
  alignas(8) unsigned char bytes[kDeferredBytes];

  // Before the value moves into or out of the ring's slot.
  static FedValue of(const ChanCore& ch, const void* elem) {
    FedValue v;
    if (BytesFormat f = ch.bytes_format()) {
      v.format = f;
      std::memcpy(v.bytes, elem, ch.elem_size());
    } else {
      v.text = ch.describe(elem);
    }
    return v;
  }
};

// One goroutine: one OS thread.
struct G {
  GoId id = 0;
  std::string function;
  Core* core = nullptr;
  GState state = GState::Running;
  Wait wait = Wait::None;
  ObjId waiting_on = 0;
  std::vector<ObjId> select_on;
  std::atomic<int> line{0};    // written by the goroutine itself, read by snapshots
  std::vector<Frame> frames;   // own thread writes; others read only while it is parked
  // Park token: 0 = parked (spinning), 1 = woken, 2 = sleeping in futex.
  std::atomic<std::uint32_t> token{1};
  Nanos parked_since = 0;
  std::uint64_t gate_ticket = 0;
  const char* gate_op = "";
  ObjId gate_object = 0;
  GoId parent = 0;
  std::string parent_function;
  int parent_line = 0;
  std::atomic<std::uint64_t> steps{0};  // written by its own thread, or by release() while it waits at the gate
  std::uint64_t after_main = 0;  // lines / back-edges run since main returned (own thread only)
  std::function<void()> fn;
  pthread_t thread{};
  bool thread_started = false;
  bool joined = false;
  std::mt19937_64 fault_rng;
  // Written by its own thread on the lock-free channel path (Core::fast_ok): non-zero
  // while it touches a ring outside the lock, so pause_fast can wait for it; in a fed run
  // (Core::feed) the lowest seq its event may take, so the feed's drainer knows how far
  // every event is written (FeedAccess::horizon). Then the count of the events unfed
  // lock-free operations stand for (not delivered: nobody observes them).
  alignas(64) std::atomic<std::uint64_t> in_fast{0};
  std::atomic<std::uint64_t> fast_events{0};
  std::unique_ptr<SteadyTscClock> own_clock;  // the real clock for its events off the lock
};

// One more step or event by the owning thread: a plain add, atomic only for readers.
inline void bump(std::atomic<std::uint64_t>& n) { n.store(n.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }

// After main returns, a goroutine that keeps running this many lines or loop
// iterations without parking is stopped where it is (and reported as leaked).
inline constexpr std::uint64_t kAfterMainBudget = 100000;

struct TimerEntry {
  std::uint64_t id = 0;
  std::function<void(Core&)> fire;  // called with mu held; must not block
};

G* current_g();  // null off goroutine threads

class Core : public std::enable_shared_from_this<Core> {
 public:
  explicit Core(Config cfg);
  ~Core();

  Config cfg;
  Runtime* owner = nullptr;  // the Runtime that created this core
  mutable RtMutex mu;
  std::condition_variable_any ctl_cv;    // controller: quiescence / outcome
  std::condition_variable_any clock_cv;  // clock thread
  std::atomic<bool> aborting{false};
  std::atomic<bool> observed{false};
  std::atomic<bool> started{false};
  // Buffered sends and receives may skip the lock (see ChanCore): only on the free
  // schedule (the gate needs every operation), with nobody observing or only a fed
  // queue (other observers are called under the lock, in the lock's order).
  std::atomic<bool> fast_ok{false};
  std::vector<Observer*> observers;
  // The run's only observer is an EventQueue: events go straight into its feed, from
  // the lock-free path too (see event_feed.hpp). Set and cleared with the path paused.
  EventFeed* feed = nullptr;
  // The latest event's seq. Written under the lock, except in a fed run, where the
  // lock-free path takes tickets from it too (so every event then takes one with fetch_add).
  std::atomic<std::uint64_t> seq{0};

  std::map<GoId, std::unique_ptr<G>> gs;  // every goroutine ever started (done ones kept for joining)
  std::vector<G*> to_join;                // finished, not yet joined
  GoId next_gid = 1;
  int live = 0, running = 0, blocked = 0, sleeping = 0;

  // Serial gate.
  std::vector<G*> gate;
  std::uint64_t gate_tickets = 0;
  std::vector<GoId> choices;
  std::size_t replay_pos = 0;
  bool auto_run = true;
  std::uint64_t steps = 0;

  // Timers: (when, id) -> entry.
  std::map<std::pair<Nanos, std::uint64_t>, TimerEntry> timers;
  std::map<std::uint64_t, std::pair<Nanos, std::uint64_t>> timer_keys;
  std::uint64_t next_timer = 1;
  std::atomic<Nanos> virtual_now{0};  // written under the lock; fed lock-free events read it without
  mutable SteadyTscClock real_clock;  // read with mu held
  std::int64_t wall_start = real_clock.now_ns();  // real_clock's reading when the program started
  std::thread clock_thread;
  bool clock_quit = false;

  std::optional<Outcome> outcome;
  std::mt19937_64 rng;
  // Main has returned: the others stop at their next operation (Go's exit
  // would kill them there), then the run completes and the parked ones are leaked.
  bool main_returned = false;
  std::atomic<bool> main_gone{false};

  // Object registry for snapshots: guarded by reg_mu (lock order: mu, then reg_mu).
  mutable std::mutex reg_mu;
  std::atomic<ObjId> next_obj{1};
  std::map<ObjId, ChanCore*> chans;
  std::deque<std::pair<ObjId, std::string>> gone_chan_names;  // newest last, at most kGoneNames
  static constexpr std::size_t kGoneNames = 256;
  std::map<ObjId, WaitGroupState*> wgs;
  std::map<ObjId, MutexState*> mutexes;

  // ---- helpers (mu held unless noted) ----
  bool fast_eligible() const;
  // Stop the lock-free path and wait until no goroutine is inside it, so that ring
  // contents can be read (snapshots) or every operation is seen (observers).
  void pause_fast();
  void resume_fast() { fast_ok.store(fast_eligible(), std::memory_order_seq_cst); }
  std::uint64_t event_total() const;  // seq plus the lock-free operations' events
  Nanos now_locked() const;
  // Counts the event and, only when an observer is attached, builds and delivers it:
  // the unobserved path is an increment and a relaxed load (the value is never formatted).
  void emit(EventKind kind, G* g, ObjId obj, TextFn value = {}, GoId peer = 0, std::int64_t count = 0,
            bool flag = true, std::uint64_t pos = 0, std::uint64_t ticket = 0) {
#ifdef POOLLAB_NO_EVENTS
    (void)kind, (void)g, (void)obj, (void)value, (void)peer, (void)count, (void)flag, (void)pos, (void)ticket;
    bump(seq);
#else
    if (observed.load(std::memory_order_relaxed)) [[unlikely]]
      deliver(kind, g, obj, value, peer, count, flag, pos, ticket);
    else
      bump(seq);
#endif
  }
  // `ticket`: the seq a ring operation's claim already took (a fed run), else 0.
  void deliver(EventKind kind, G* g, ObjId obj, TextFn value, GoId peer, std::int64_t count, bool flag,
               std::uint64_t pos, std::uint64_t ticket);
  // For a ring operation under the lock: in a fed run its event's seq is taken between
  // the claim and the value's publication, as on the lock-free path, so that the
  // lock-free side never sees the value (or the freed slot) before the event's seq.
  ChanCore::Claim ring_claim() {
    return ChanCore::Claim{feed ? &seq : nullptr, feed && cfg.fault_injection ? current_g() : nullptr};
  }
  // An event of the lock-free path in a fed run, under the ticket its claim took (no lock).
  void feed_fast(G& g, EventKind kind, ObjId obj, FedValue&& value, const ChanCore::Claim& claim,
                 std::int64_t count, std::uint64_t pos);
  // Fed runs: wait until no goroutine is inside the lock-free path, so that every
  // operation that claimed a slot before now has its seq (close's event comes after them).
  void wait_fast_ops(const G* self) const;
  void attach_feed(EventQueue& queue);
  void detach_feed();
  // Runtime::remove_observer, and a fed queue going away: no-op if not attached.
  void remove_observer(Observer* observer);
  // What every event says about its maker (time, seq and value are the caller's).
  void fill_event(Event& e, EventKind kind, G* g, ObjId obj, GoId peer, std::int64_t count, bool flag,
                  std::uint64_t pos) const;
  // A goroutine entering the lock-free path stores this in G::in_fast: non-zero, and in a
  // fed run the lowest seq its operation's event may take.
  std::uint64_t fast_floor() const {
    return observed.load(std::memory_order_relaxed) ? seq.load(std::memory_order_relaxed) + 1 : 1;
  }
  // Park the calling goroutine; returns when woken. Throws Aborted when tearing down.
  void park(G* g, std::unique_lock<RtMutex>& lk, GState state, Wait wait, ObjId on);
  // As park, but returns with the lock released: the waker has finished everything
  // (the waiter's result is written before the wake), and taking the lock again would
  // pull its cache line back from the waker's core on every hand-off. Still throws
  // Aborted (with the lock held) when tearing down.
  void park_released(G* g, std::unique_lock<RtMutex>& lk, GState state, Wait wait, ObjId on);
  void ready(G* g);  // wake a parked goroutine (state -> Running)
  // Gate point: in Serial mode wait until released. lk is held on entry and exit.
  void gate_point(G* g, std::unique_lock<RtMutex>& lk, const char* op, ObjId obj);
  void check_quiescence();
  [[noreturn]] void freeze(G* g, std::unique_lock<RtMutex>& lk);  // after main returned
  void complete_after_main();
  bool program_exiting() const;
  void release(G* g);
  G* pick_next();  // by Config::pick among the gate's waiters (not empty)
  void decide(Outcome o);  // first outcome wins; starts the teardown
  void deadlock();
  GoroutineInfo info(const G& g, bool include_frames) const;
  std::vector<GoroutineInfo> live_infos() const;
  std::uint64_t add_timer(Nanos when, std::function<void(Core&)> fire);
  bool cancel_timer(std::uint64_t id);
  void fire_due_timers(Nanos upto);
  void clock_loop();
  void throw_if_aborting() const;
  bool quiescent_locked() const;
  void wake_all_for_abort();
  void join_all();  // mu NOT held
};

// Fault injection (Config::fault_injection): now and then a yield or a sleep of up to 50 us.
void inject_fault(G& g);

G* current_g();                     // null off goroutine threads
G& require_g(const char* what);     // UsageError off goroutine threads
void close_locked(ChanCore& ch);    // context cancellation: close without gate or panic
bool try_send_locked(ChanCore& ch, void* elem);  // timers: non-blocking send with mu held

GoId spawn(Core& c, std::unique_lock<RtMutex>& lk, G* parent, std::string function, std::function<void()> fn);
ChannelInfo channel_info(const ChanCore& ch);
WaitGroupInfo wait_group_info(const WaitGroupState& wg);
MutexInfo mutex_info(const MutexState& m);

std::string format_goroutine_dump(const std::vector<GoroutineInfo>& gs, const std::string& file);

}  // namespace poollab::rt::detail
