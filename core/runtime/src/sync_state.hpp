// Internal state of WaitGroup, Mutex and RWMutex (guarded by Core::mu).
#pragma once

#include <deque>
#include <memory>
#include <string>

#include "core.hpp"

namespace poollab::rt::detail {

struct WaitGroupState {
  WaitGroupState(std::shared_ptr<Core> c, std::string n);
  ~WaitGroupState();
  std::shared_ptr<Core> core;
  ObjId id = 0;
  std::string name;
  long counter = 0;
  std::deque<G*> waiters;
  bool releasing = false;  // between the counter reaching zero and the waiters being released (Serial gate)
};

// A Mutex or an RWMutex: `locked` is the (write) lock, `readers` the read
// locks held (RWMutex only), `waiters` the lockers or writers queued.
struct MutexState {
  MutexState(std::shared_ptr<Core> c, std::string n);
  ~MutexState();
  std::shared_ptr<Core> core;
  ObjId id = 0;
  std::string name;
  bool locked = false;
  GoId holder = 0;
  std::deque<G*> waiters;
  int readers = 0;
  std::deque<G*> reader_waiters;
};

}  // namespace poollab::rt::detail
