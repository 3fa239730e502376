// sync.WaitGroup, sync.Mutex and sync.RWMutex (sync/waitgroup.go, sync/mutex.go
// and sync/rwmutex.go are the model).
#include "poollab/runtime/sync.hpp"

#include <algorithm>

#include "sync_state.hpp"

namespace poollab::rt {
namespace detail {

WaitGroupState::WaitGroupState(std::shared_ptr<Core> c, std::string n)
    : core(std::move(c)), id(core->next_obj++), name(std::move(n)) {
  std::lock_guard lk(core->reg_mu);
  core->wgs.emplace(id, this);
}

WaitGroupState::~WaitGroupState() {
  std::lock_guard lk(core->reg_mu);
  core->wgs.erase(id);
}

MutexState::MutexState(std::shared_ptr<Core> c, std::string n)
    : core(std::move(c)), id(core->next_obj++), name(std::move(n)) {
  std::lock_guard lk(core->reg_mu);
  core->mutexes.emplace(id, this);
}

MutexState::~MutexState() {
  std::lock_guard lk(core->reg_mu);
  core->mutexes.erase(id);
}

WaitGroupInfo wait_group_info(const WaitGroupState& wg) {
  WaitGroupInfo i;
  i.id = wg.id;
  i.name = wg.name;
  i.counter = wg.counter;
  for (const G* g : wg.waiters) i.waiters.push_back(g->id);
  return i;
}

MutexInfo mutex_info(const MutexState& m) {
  MutexInfo i;
  i.id = m.id;
  i.name = m.name;
  i.locked = m.locked;
  i.holder = m.holder;
  i.readers = m.readers;
  for (const G* g : m.waiters) i.waiters.push_back(g->id);
  for (const G* g : m.reader_waiters) i.waiters.push_back(g->id);
  return i;
}

namespace {
G& goroutine_of(const std::shared_ptr<Core>& core, const char* what) {
  G& g = require_g(what);
  if (g.core != core.get()) throw UsageError(std::string("poollab::rt: ") + what + " on an object of another Runtime");
  return g;
}

constexpr const char* kMisuse = "sync: WaitGroup misuse: Add called concurrently with Wait";

// Leaves `queue` when the parked goroutine leaves park() another way (an abort).
struct Dequeue {
  std::deque<G*>& queue;
  G* g;
  ~Dequeue() { queue.erase(std::remove(queue.begin(), queue.end(), g), queue.end()); }
};

// Takes the (write) lock for g if nobody holds it and no writer is queued.
bool try_take_exclusive(Core& c, MutexState& m, G& g) {
  if (m.locked || m.readers > 0 || !m.waiters.empty()) return false;
  m.locked = true;
  m.holder = g.id;
  c.emit(EventKind::MutexLock, &g, m.id);
  return true;
}

// Takes a read lock for g unless a writer holds the lock or is queued for it.
bool try_take_shared(Core& c, MutexState& m, G& g) {
  if (m.locked || !m.waiters.empty()) return false;
  ++m.readers;
  c.emit(EventKind::MutexLock, &g, m.id, {}, 0, m.readers, false);
  return true;
}

// Mutex.Lock and RWMutex.Lock: take the lock when it is free, else queue and park.
void lock_exclusive(Core& c, MutexState& m, G& g, std::unique_lock<RtMutex>& lk, Wait reason) {
  if (try_take_exclusive(c, m, g)) return;
  m.waiters.push_back(&g);
  Dequeue guard{m.waiters, &g};
  c.emit(EventKind::MutexWait, &g, m.id, [&] { return std::string(wait_reason_text(reason)); });
  c.park(&g, lk, GState::Blocked, reason, m.id);  // unlock hands the lock over before waking us
}

// Go's value copy of a (RW)Mutex: the same lock state, no waiters, a new identity.
std::shared_ptr<MutexState> copy_state(const MutexState& m) {
  auto copy = std::make_shared<MutexState>(m.core, m.name);
  std::lock_guard lk(m.core->mu);
  copy->locked = m.locked;
  copy->holder = m.holder;
  copy->readers = m.readers;
  return copy;
}
}  // namespace

}  // namespace detail

using detail::G;

WaitGroup::WaitGroup() : s_(std::make_shared<detail::WaitGroupState>(detail::current_core(), "")) {}
WaitGroup::WaitGroup(Runtime& runtime, std::string name)
    : s_(std::make_shared<detail::WaitGroupState>(runtime.core_ptr(), std::move(name))) {}

void WaitGroup::add(long delta) {
  G& g = detail::goroutine_of(s_->core, delta < 0 ? "WaitGroup.Done" : "WaitGroup.Add");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, delta == -1 ? "wg done" : "wg add", s_->id);
  s_->counter += delta;
  c.emit(EventKind::WgAdd, &g, s_->id, [&] { return std::to_string(delta); }, 0, s_->counter);
  if (s_->counter < 0) throw Panic("sync: negative WaitGroup counter");
  // Go: waiters exist and the counter just went from zero to delta.
  if (delta > 0 && (!s_->waiters.empty() || s_->releasing) && s_->counter == delta) throw Panic(detail::kMisuse);
  if (s_->counter > 0 || s_->waiters.empty()) return;
  if (c.cfg.schedule == Schedule::Serial) {
    // Go releases the waiters in a second step; under the gate another
    // goroutine's Add can slip in between, exactly the race Go reports.
    s_->releasing = true;
    try {
      c.gate_point(&g, lk, "wg release", s_->id);
    } catch (...) {
      s_->releasing = false;
      throw;
    }
    s_->releasing = false;
    if (s_->counter != 0) throw Panic(detail::kMisuse);
  }
  while (!s_->waiters.empty()) {
    G* w = s_->waiters.front();
    s_->waiters.pop_front();
    c.emit(EventKind::WgRelease, w, s_->id, {}, g.id, 0);
    c.ready(w);
  }
}

void WaitGroup::wait() {
  G& g = detail::goroutine_of(s_->core, "WaitGroup.Wait");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "wg wait", s_->id);
  if (s_->counter == 0 && !s_->releasing) {
    c.emit(EventKind::WgRelease, &g, s_->id, {}, 0, 0);
    return;
  }
  s_->waiters.push_back(&g);
  detail::Dequeue guard{s_->waiters, &g};
  c.emit(EventKind::WgWait, &g, s_->id, {}, 0, s_->counter);
  c.park(&g, lk, GState::Blocked, detail::Wait::WgWait, s_->id);
  if (s_->counter != 0) throw Panic("sync: WaitGroup is reused before previous Wait has returned");
}

long WaitGroup::counter() const {
  std::lock_guard lk(s_->core->mu);
  return s_->counter;
}

WaitGroup WaitGroup::clone() const {
  WaitGroup copy(*this);
  copy.s_ = std::make_shared<detail::WaitGroupState>(s_->core, s_->name);
  std::lock_guard lk(s_->core->mu);
  copy.s_->counter = s_->counter;
  return copy;
}

ObjId WaitGroup::id() const { return s_->id; }

void WaitGroup::set_name(std::string name) const {
  std::lock_guard lk(s_->core->mu);
  s_->name = std::move(name);
}

Mutex::Mutex() : s_(std::make_shared<detail::MutexState>(detail::current_core(), "")) {}
Mutex::Mutex(Runtime& runtime, std::string name)
    : s_(std::make_shared<detail::MutexState>(runtime.core_ptr(), std::move(name))) {}

void Mutex::lock() {
  G& g = detail::goroutine_of(s_->core, "Mutex.Lock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "mutex lock", s_->id);
  detail::lock_exclusive(c, *s_, g, lk, detail::Wait::MutexLock);
}

bool Mutex::try_lock() {
  G& g = detail::goroutine_of(s_->core, "Mutex.TryLock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "mutex lock", s_->id);
  return detail::try_take_exclusive(c, *s_, g);
}

void Mutex::unlock() {
  G& g = detail::goroutine_of(s_->core, "Mutex.Unlock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "mutex unlock", s_->id);
  if (!s_->locked) throw Fatal("sync: unlock of unlocked mutex");
  c.emit(EventKind::MutexUnlock, &g, s_->id);
  if (s_->waiters.empty()) {
    s_->locked = false;
    s_->holder = 0;
    return;
  }
  G* next = s_->waiters.front();  // hand the lock over directly
  s_->waiters.pop_front();
  s_->holder = next->id;
  c.emit(EventKind::MutexLock, next, s_->id, {}, g.id);
  c.ready(next);
}

Mutex Mutex::clone() const {
  Mutex copy(*this);
  copy.s_ = detail::copy_state(*s_);
  return copy;
}

ObjId Mutex::id() const { return s_->id; }

void Mutex::set_name(std::string name) const {
  std::lock_guard lk(s_->core->mu);
  s_->name = std::move(name);
}

// ---- RWMutex: writers queue FIFO; a queued writer holds back new readers
// (Go's writer preference), and Unlock lets the readers that waited in first.

RWMutex::RWMutex() : s_(std::make_shared<detail::MutexState>(detail::current_core(), "")) {}
RWMutex::RWMutex(Runtime& runtime, std::string name)
    : s_(std::make_shared<detail::MutexState>(runtime.core_ptr(), std::move(name))) {}

void RWMutex::lock() {
  G& g = detail::goroutine_of(s_->core, "RWMutex.Lock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "rwmutex lock", s_->id);
  detail::lock_exclusive(c, *s_, g, lk, detail::Wait::RWMutexLock);
}

void RWMutex::unlock() {
  G& g = detail::goroutine_of(s_->core, "RWMutex.Unlock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "rwmutex unlock", s_->id);
  if (!s_->locked) throw Fatal("sync: Unlock of unlocked RWMutex");
  c.emit(EventKind::MutexUnlock, &g, s_->id);
  s_->locked = false;
  s_->holder = 0;
  while (!s_->reader_waiters.empty()) {  // the readers that waited go first
    G* r = s_->reader_waiters.front();
    s_->reader_waiters.pop_front();
    ++s_->readers;
    c.emit(EventKind::MutexLock, r, s_->id, {}, g.id, s_->readers, false);
    c.ready(r);
  }
  hand_to_writer(g.id);  // only when no reader went in
}

void RWMutex::rlock() {
  G& g = detail::goroutine_of(s_->core, "RWMutex.RLock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "rwmutex rlock", s_->id);
  if (detail::try_take_shared(c, *s_, g)) return;
  s_->reader_waiters.push_back(&g);
  detail::Dequeue guard{s_->reader_waiters, &g};
  c.emit(EventKind::MutexWait, &g, s_->id, [] { return std::string("sync.RWMutex.RLock"); }, 0, s_->readers, false);
  c.park(&g, lk, GState::Blocked, detail::Wait::RWMutexRLock, s_->id);
}

void RWMutex::runlock() {
  G& g = detail::goroutine_of(s_->core, "RWMutex.RUnlock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "rwmutex runlock", s_->id);
  if (s_->readers == 0) throw Fatal("sync: RUnlock of unlocked RWMutex");
  --s_->readers;
  c.emit(EventKind::MutexUnlock, &g, s_->id, {}, 0, s_->readers, false);
  if (s_->readers == 0) hand_to_writer(g.id);
}

bool RWMutex::try_lock() {
  G& g = detail::goroutine_of(s_->core, "RWMutex.TryLock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "rwmutex lock", s_->id);
  return detail::try_take_exclusive(c, *s_, g);
}

bool RWMutex::try_rlock() {
  G& g = detail::goroutine_of(s_->core, "RWMutex.TryRLock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "rwmutex rlock", s_->id);
  return detail::try_take_shared(c, *s_, g);
}

// With the lock free, the first queued writer takes it. Core::mu held.
void RWMutex::hand_to_writer(GoId from) {
  if (s_->locked || s_->readers > 0 || s_->waiters.empty()) return;
  G* w = s_->waiters.front();
  s_->waiters.pop_front();
  s_->locked = true;
  s_->holder = w->id;
  s_->core->emit(EventKind::MutexLock, w, s_->id, {}, from);
  s_->core->ready(w);
}

int RWMutex::readers() const {
  std::lock_guard lk(s_->core->mu);
  return s_->readers;
}

RWMutex RWMutex::clone() const {
  RWMutex copy(*this);
  copy.s_ = detail::copy_state(*s_);
  return copy;
}

ObjId RWMutex::id() const { return s_->id; }

void RWMutex::set_name(std::string name) const {
  std::lock_guard lk(s_->core->mu);
  s_->name = std::move(name);
}

}  // namespace poollab::rt
