#include "poollab/runtime/event_queue.hpp"

namespace poollab::rt {

void EventQueue::on_event(const Event& event) {
  std::lock_guard lk(mu_);
  if (q_.size() >= capacity_) {
    ++dropped_;
    return;
  }
  q_.push_back(event);
}

std::size_t EventQueue::drain(std::vector<Event>& out) {
  std::deque<Event> taken;
  {
    std::lock_guard lk(mu_);
    taken.swap(q_);
  }
  for (auto& e : taken) out.push_back(std::move(e));
  return taken.size();
}

std::uint64_t EventQueue::dropped() const {
  std::lock_guard lk(mu_);
  return dropped_;
}

}  // namespace poollab::rt
