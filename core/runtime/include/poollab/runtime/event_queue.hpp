// A ready-made observer: a bounded queue another thread drains.
//
//   rt::EventQueue queue(1 << 16);
//   runtime.add_observer(&queue);
//   std::vector<rt::Event> batch; queue.drain(batch);   // e.g. once per UI frame
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "poollab/runtime/events.hpp"

namespace poollab::rt {

class EventQueue final : public Observer {
 public:
  explicit EventQueue(std::size_t capacity = 1 << 16) : capacity_(capacity) {}
  void on_event(const Event& event) override;
  // Moves every queued event to the end of `out`; returns how many.
  std::size_t drain(std::vector<Event>& out);
  std::uint64_t dropped() const;  // events lost because the queue was full

 private:
  mutable std::mutex mu_;
  std::deque<Event> q_;
  std::size_t capacity_;
  std::uint64_t dropped_ = 0;
};

}  // namespace poollab::rt
