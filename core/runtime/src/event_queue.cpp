#include "poollab/runtime/event_queue.hpp"

#include <bit>

namespace poollab::rt {

EventQueue::EventQueue(std::size_t capacity) : capacity_(capacity) {
  // One chunk of slack: by the time the producer may enter a chunk again, the drainer
  // has finished with its previous round and cleared its entry (see on_event).
  std::size_t ring = std::bit_ceil(capacity + kChunk);
  mask_ = ring - 1;
  chunks_.assign(ring >> kChunkShift, nullptr);
}

EventQueue::~EventQueue() = default;

EventQueue::Chunk* EventQueue::take_chunk() {
  std::lock_guard lk(pool_mu_);
  if (!pool_.empty()) {
    Chunk* c = pool_.back();
    pool_.pop_back();
    return c;
  }
  owned_.push_back(std::make_unique<Chunk>());
  return owned_.back().get();
}

void EventQueue::give_chunk(std::size_t slot) {
  Chunk*& chunk = chunks_[slot >> kChunkShift];
  std::lock_guard lk(pool_mu_);
  pool_.push_back(chunk);
  chunk = nullptr;  // the producer takes a chunk afresh when it comes round again
}

void EventQueue::on_event(const Event& event) {
  std::uint64_t tail = tail_.load(std::memory_order_relaxed);
  if (tail - head_.load(std::memory_order_acquire) >= capacity_) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  std::size_t slot = static_cast<std::size_t>(tail) & mask_;
  Chunk*& chunk = chunks_[slot >> kChunkShift];
  // The drainer cleared this entry before the head store just read (head > tail - capacity
  // puts the chunk's previous round wholly behind it), so a null here is current.
  if (!chunk) chunk = take_chunk();
  chunk->slots[slot & (kChunk - 1)] = event;
  tail_.store(tail + 1, std::memory_order_release);
}

std::size_t EventQueue::drain(std::vector<Event>& out) {
  std::lock_guard lk(drain_mu_);
  std::uint64_t head = head_.load(std::memory_order_relaxed);
  std::uint64_t tail = tail_.load(std::memory_order_acquire);
  out.reserve(out.size() + static_cast<std::size_t>(tail - head));
  for (std::uint64_t p = head; p != tail; ++p) {
    std::size_t slot = static_cast<std::size_t>(p) & mask_;
    out.push_back(std::move(chunks_[slot >> kChunkShift]->slots[slot & (kChunk - 1)]));
    if ((slot & (kChunk - 1)) == kChunk - 1) give_chunk(slot);  // the chunk's last slot: hand it back
  }
  head_.store(tail, std::memory_order_release);  // the slots may be refilled now
  return static_cast<std::size_t>(tail - head);
}

std::size_t EventQueue::discard() {
  std::lock_guard lk(drain_mu_);
  std::uint64_t head = head_.load(std::memory_order_relaxed);
  std::uint64_t tail = tail_.load(std::memory_order_acquire);
  // Hand back every chunk whose last slot is passed; the events in them are overwritten later.
  for (std::uint64_t p = head; p != tail;) {
    std::size_t slot = static_cast<std::size_t>(p) & mask_;
    std::uint64_t chunk_end = p + (kChunk - (slot & (kChunk - 1)));  // one past the chunk's last slot
    if (chunk_end > tail) break;
    give_chunk(slot);
    p = chunk_end;
  }
  head_.store(tail, std::memory_order_release);
  return static_cast<std::size_t>(tail - head);
}

std::uint64_t EventQueue::dropped() const { return dropped_.load(std::memory_order_relaxed); }

}  // namespace poollab::rt
