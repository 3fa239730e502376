// A ready-made observer: a bounded queue another thread drains.
//
//   rt::EventQueue queue(1 << 16);
//   runtime.add_observer(&queue);
//   std::vector<rt::Event> batch; queue.drain(batch);   // e.g. once per UI frame
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "poollab/runtime/events.hpp"

namespace poollab::rt {

namespace detail {
class Core;
class EventFeed;
struct FeedAccess;

// Chunks of event slots, made on first need and reused once drained; thread-safe.
template <class Chunk>
class ChunkPool {
 public:
  Chunk* take() {
    std::lock_guard lk(mu_);
    if (free_.empty()) return owned_.emplace_back(std::make_unique<Chunk>()).get();
    Chunk* c = free_.back();
    free_.pop_back();
    return c;
  }
  void give(Chunk* chunk) {
    std::lock_guard lk(mu_);
    free_.push_back(chunk);
  }

 private:
  std::mutex mu_;
  std::vector<Chunk*> free_;                   // drained chunks, ready for reuse
  std::vector<std::unique_ptr<Chunk>> owned_;  // every chunk ever made
};
}  // namespace detail

// Attach a queue to one Runtime. As the runtime's only observer it is fed directly:
// every goroutine writes its events into the queue's feed without the runtime's lock,
// so buffered channel operations keep their lock-free path while observed, and drain()
// hands them out in seq order (no gaps but dropped ones, times never going back).
// Beside other observers the runtime delivers events one at a time under its lock
// (on_event), into a single-producer ring. drain() may be called from any thread.
class EventQueue final : public Observer {
 public:
  explicit EventQueue(std::size_t capacity = 1 << 16);
  ~EventQueue() override;
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  void on_event(const Event& event) override;
  // Moves every queued event to the end of `out`; returns how many.
  std::size_t drain(std::vector<Event>& out);
  // Throws away every queued event without copying it out; returns how many. For a
  // reader that keeps no more events (a full history) but must keep the queue moving.
  std::size_t discard();
  std::uint64_t dropped() const;  // events lost because the queue was full

 private:
  friend struct detail::FeedAccess;
  std::size_t drain_feed(std::vector<Event>* out);  // null out: discard
  std::size_t drain_ring(std::vector<Event>& out);
  std::unique_ptr<detail::EventFeed> feed_;  // made when a runtime first feeds this queue

  // Slots come in chunks of 1024, taken when the producer first reaches them and given
  // back once drained, so a large capacity costs memory only while events are queued and
  // the few chunks in use stay in cache.
  static constexpr std::size_t kChunkShift = 10;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkShift;
  struct Chunk {
    Event slots[kChunk];
  };
  void give_chunk(std::size_t slot);  // the chunk holding ring slot `slot` goes back to the pool

  std::size_t capacity_;
  std::size_t mask_;            // ring size - 1: a power of two >= capacity + one chunk
  std::vector<Chunk*> chunks_;  // by ring position; set by the producer, cleared by the drainer
  detail::ChunkPool<Chunk> pool_;
  alignas(64) std::atomic<std::uint64_t> tail_{0};  // written by the producer only
  std::atomic<std::uint64_t> dropped_{0};
  alignas(64) std::atomic<std::uint64_t> head_{0};  // written by the drainer only
  std::mutex drain_mu_;                              // one drainer at a time
};

}  // namespace poollab::rt
