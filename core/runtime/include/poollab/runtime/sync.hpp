// sync.WaitGroup and sync.Mutex with Go's semantics and failure texts.
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

}  // namespace poollab::rt
