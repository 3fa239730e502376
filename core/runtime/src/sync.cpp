// sync.WaitGroup and sync.Mutex (sync/waitgroup.go and sync/mutex.go are the model).
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
  for (const G* g : m.waiters) i.waiters.push_back(g->id);
  return i;
}

namespace {
G& goroutine_of(const std::shared_ptr<Core>& core, const char* what) {
  G& g = require_g(what);
  if (g.core != core.get()) throw UsageError(std::string("poollab::rt: ") + what + " on an object of another Runtime");
  return g;
}

constexpr const char* kMisuse = "sync: WaitGroup misuse: Add called concurrently with Wait";
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
  struct Dequeue {
    detail::WaitGroupState& s;
    G* g;
    ~Dequeue() { s.waiters.erase(std::remove(s.waiters.begin(), s.waiters.end(), g), s.waiters.end()); }
  } guard{*s_, &g};
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
  if (!s_->locked) {
    s_->locked = true;
    s_->holder = g.id;
    c.emit(EventKind::MutexLock, &g, s_->id);
    return;
  }
  s_->waiters.push_back(&g);
  struct Dequeue {
    detail::MutexState& s;
    G* g;
    ~Dequeue() { s.waiters.erase(std::remove(s.waiters.begin(), s.waiters.end(), g), s.waiters.end()); }
  } guard{*s_, &g};
  c.emit(EventKind::MutexWait, &g, s_->id);
  c.park(&g, lk, GState::Blocked, detail::Wait::MutexLock, s_->id);
}

bool Mutex::try_lock() {
  G& g = detail::goroutine_of(s_->core, "Mutex.TryLock");
  auto& c = *s_->core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "mutex lock", s_->id);
  if (s_->locked) return false;
  s_->locked = true;
  s_->holder = g.id;
  c.emit(EventKind::MutexLock, &g, s_->id);
  return true;
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
  copy.s_ = std::make_shared<detail::MutexState>(s_->core, s_->name);
  std::lock_guard lk(s_->core->mu);
  copy.s_->locked = s_->locked;
  copy.s_->holder = s_->holder;
  return copy;
}

ObjId Mutex::id() const { return s_->id; }

void Mutex::set_name(std::string name) const {
  std::lock_guard lk(s_->core->mu);
  s_->name = std::move(name);
}

}  // namespace poollab::rt
