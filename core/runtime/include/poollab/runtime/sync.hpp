// sync.WaitGroup, sync.Mutex and sync.RWMutex with Go's semantics and failure texts.
//
//   rt::WaitGroup wg;                  // inside a goroutine (or WaitGroup(runtime))
//   wg.add(1);
//   rt::go("main.worker", [wg] { wg.done(); });   // handles share one WaitGroup
//   wg.wait();
#pragma once

#include <memory>
#include <string>

#include "poollab/runtime/runtime.hpp"

namespace poollab::rt {

namespace detail {
struct WaitGroupState;
struct MutexState;
}  // namespace detail

// A handle to one WaitGroup. Copying the handle shares it (like passing &wg);
// clone() makes the independent copy Go makes when a WaitGroup is passed by value.
class WaitGroup {
 public:
  WaitGroup();                                   // on the calling goroutine's runtime
  explicit WaitGroup(Runtime& runtime, std::string name = {});
  void add(long delta);   // panics "sync: negative WaitGroup counter"
  void done() { add(-1); }
  void wait();
  long counter() const;
  WaitGroup clone() const;   // Go's value copy: same counter, no waiters, a new identity
  ObjId id() const;
  void set_name(std::string name) const;

 private:
  std::shared_ptr<detail::WaitGroupState> s_;
};

// sync.Mutex. Unlock of an unlocked mutex is Go's fatal error.
class Mutex {
 public:
  Mutex();
  explicit Mutex(Runtime& runtime, std::string name = {});
  void lock();
  void unlock();     // fatal error: sync: unlock of unlocked mutex
  bool try_lock();
  Mutex clone() const;  // value copy (keeps the locked state, as Go's copy does)
  ObjId id() const;
  void set_name(std::string name) const;

 private:
  std::shared_ptr<detail::MutexState> s_;
};

// sync.RWMutex: any number of readers or one writer. A writer waiting for the
// readers to leave holds back new readers, so a goroutine that read-locks twice
// can deadlock behind a writer, as in Go.
//   rt::RWMutex rw;   rw.rlock(); ... rw.runlock();   rw.lock(); ... rw.unlock();
class RWMutex {
 public:
  RWMutex();
  explicit RWMutex(Runtime& runtime, std::string name = {});
  void lock();
  void unlock();    // fatal error: sync: Unlock of unlocked RWMutex
  void rlock();
  void runlock();   // fatal error: sync: RUnlock of unlocked RWMutex
  bool try_lock();   // false while anyone holds it or a writer is queued
  bool try_rlock();  // false while a writer holds it or is queued
  int readers() const;  // read locks held now
  RWMutex clone() const;  // value copy (keeps the locked state, as Go's copy does)
  ObjId id() const;
  void set_name(std::string name) const;

 private:
  void hand_to_writer(GoId from);
  std::shared_ptr<detail::MutexState> s_;
};

}  // namespace poollab::rt
