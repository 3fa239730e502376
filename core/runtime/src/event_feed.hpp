// The feed behind an EventQueue that is its runtime's only observer.
//
// Every event of an observed run takes a ticket, its seq, from one counter (Core::seq).
// The goroutine that made the event writes it into the feed's slot for that seq, from
// any thread, with no lock: buffered channel operations on the lock-free path write
// theirs beside the ones made under the runtime's lock. The drainer hands events out
// in seq order up to the runtime's horizon (every seq below it written, or dropped
// because the queue was full), so the order is one total order, as under the lock.
#pragma once

#include <atomic>
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <cpuid.h>
#endif
#include <cstring>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "poollab/runtime/event_queue.hpp"
#include "poollab/runtime/events.hpp"

namespace poollab::rt::detail {

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
inline bool have_prefetchw() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  return __get_cpuid(0x80000001u, &a, &b, &c, &d) && (c & (1u << 8)) != 0;  // "3DNowPrefetch": PREFETCHW
}
inline const bool kHavePrefetchW = have_prefetchw();
inline void prefetch_for_write(const void* p) {
  if (kHavePrefetchW) asm volatile("prefetchw %0" ::"m"(*static_cast<const unsigned char*>(p)));
}
#else
inline void prefetch_for_write(const void* p) { __builtin_prefetch(p, 1, 3); }
#endif

class EventFeed {
 public:
  explicit EventFeed(std::size_t capacity);
  ~EventFeed();
  EventFeed(const EventFeed&) = delete;
  EventFeed& operator=(const EventFeed&) = delete;

  // Any thread, in two steps, building the event in its slot: begin gives the slot's
  // (default-constructed) event to fill in, or null when the event is dropped (counted:
  // `capacity` events are already waiting); commit makes it visible to the drainer.
  // (Inline: the goroutine's fields then overwrite the default ones in one go.)
  Event* begin(std::uint64_t seq) {
    if (seq - next_.load(std::memory_order_acquire) >= capacity_) [[unlikely]] {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    const std::size_t slot = static_cast<std::size_t>(seq) & mask_;
    Chunk* chunk = chunks_[slot >> kChunkShift].load(std::memory_order_acquire);
    if (!chunk) [[unlikely]]
      chunk = install_chunk(slot);
    const std::size_t index = slot & (kChunk - 1);
    if (index + kAhead < kChunk) prefetch_slot(chunk->slots[index + kAhead]);
    Slot& s = chunk->slots[index];
    s.format = nullptr;
    Event* e = ::new (static_cast<void*>(s.storage)) Event;
    e->seq = seq;
    return e;
  }
  void commit(std::uint64_t seq, Event* event) { slot_of(event).stamp.store(seq, std::memory_order_release); }
  // Between begin and commit: the event's value text is to be made by the drainer,
  // format(bytes), from these kDeferredBytes bytes (copied into the slot).
  void format_later(Event* event, BytesFormat format, const unsigned char* bytes) {
    Slot& s = slot_of(event);
    s.format = format;
    std::memcpy(s.bytes, bytes, kDeferredBytes);
  }
  // Moves the events with seq in [next, end) to `out` (null: destroys them), in seq
  // order, times clamped so that they never go back; returns how many there were.
  std::size_t take(std::uint64_t end, std::vector<Event>* out);
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

  // The runtime feeding it, set while attached (see FeedAccess); null once it is gone.
  std::shared_ptr<Core> feeding_core();
  std::mutex link_mu;
  std::weak_ptr<Core> core;  // guarded by link_mu
  std::atomic<bool> live{false};
  std::atomic<bool> ever_attached{false};
  std::atomic<std::uint64_t> end{0};  // once detached: one past the last seq it was fed

 private:
  friend struct FeedAccess;
  static constexpr std::size_t kChunkShift = 10;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkShift;
  // Two cache lines (with a 96-byte Event): the stamp, the deferred value and the
  // event's first fields in one, the rest in the other.
  struct alignas(64) Slot {
    std::atomic<std::uint64_t> stamp{0};  // the seq whose event the slot holds (0: none yet)
    BytesFormat format = nullptr;         // set: the event's value is format(bytes)
    alignas(8) unsigned char bytes[kDeferredBytes];
    alignas(Event) unsigned char storage[sizeof(Event)];
  };
  // Own the lines of a slot a little ahead: the drainer on another core read them last
  // round, and a write that must first take them back stalls the next locked instruction.
  static constexpr std::size_t kAhead = 16;
  static void prefetch_slot(const Slot& slot) {
    const auto* p = reinterpret_cast<const unsigned char*>(&slot);
    prefetch_for_write(p);
    prefetch_for_write(p + sizeof(Slot) - 1);
  }
  static Slot& slot_of(Event* event) {
    return *reinterpret_cast<Slot*>(reinterpret_cast<unsigned char*>(event) - offsetof(Slot, storage));
  }
  struct Chunk {
    Slot slots[kChunk];
  };
  Chunk* install_chunk(std::size_t slot);  // the first of this round in the chunk

  std::size_t capacity_;
  std::size_t mask_;  // slots - 1: a power of two >= capacity + one chunk
  std::unique_ptr<std::atomic<Chunk*>[]> chunks_;
  std::size_t chunk_count_;
  ChunkPool<Chunk> pool_;
  std::atomic<std::uint64_t> dropped_{0};
  std::mutex take_mu_;          // one drainer at a time
  std::int64_t last_time_ = 0;  // guarded by take_mu_
  alignas(64) std::atomic<std::uint64_t> next_{1};  // the first seq not yet handed out
};

// The runtime's side of a fed queue (Core and EventQueue befriend it).
struct FeedAccess {
  // mu held and the lock-free path paused. A queue is fed by one runtime, once.
  static bool can_attach(const EventQueue& queue) { return !queue.feed_->ever_attached.load(); }
  static EventFeed* attach(EventQueue& queue, const std::shared_ptr<Core>& core, std::uint64_t first_seq);
  static void detach(EventFeed& feed, std::uint64_t end);
  // The queue is going away: its runtime stops feeding it and drops it as an observer.
  static void forget(Core& core, EventQueue& queue);
  // One past the last seq below which every event is written: takes the runtime's lock.
  static std::uint64_t horizon(Core& core, EventFeed& feed);
};

}  // namespace poollab::rt::detail
