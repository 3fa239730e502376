#include "poollab/runtime/event_queue.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <new>

#include "core.hpp"
#include "event_feed.hpp"

namespace poollab::rt {

namespace detail {

EventFeed::EventFeed(std::size_t capacity) : capacity_(capacity) {
  // One chunk of slack, as in EventQueue's own ring: a producer enters a chunk for its
  // next round only after the drainer has passed the last one and given it back.
  std::size_t ring = std::bit_ceil(capacity + kChunk);
  mask_ = ring - 1;
  chunk_count_ = ring >> kChunkShift;
  chunks_ = std::make_unique<std::atomic<Chunk*>[]>(chunk_count_);
}

EventFeed::~EventFeed() {
  take(end.load(std::memory_order_acquire), nullptr);  // destroys what nobody drained
}

EventFeed::Chunk* EventFeed::install_chunk(std::size_t slot) {
  std::atomic<Chunk*>& entry = chunks_[slot >> kChunkShift];
  Chunk* chunk = entry.load(std::memory_order_acquire);
  if (chunk) return chunk;
  Chunk* fresh = pool_.take();  // several may race to install one
  if (entry.compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel, std::memory_order_acquire)) return fresh;
  pool_.give(fresh);
  return chunk;
}

std::shared_ptr<Core> EventFeed::feeding_core() {
  std::lock_guard lk(link_mu);
  return core.lock();
}

std::size_t EventFeed::take(std::uint64_t upto, std::vector<Event>* out) {
  std::lock_guard lk(take_mu_);
  const std::uint64_t from = next_.load(std::memory_order_relaxed);
  if (upto <= from) return 0;
  std::size_t n = 0;
  if (out) out->reserve(out->size() + static_cast<std::size_t>(std::min<std::uint64_t>(upto - from, capacity_)));
  for (std::uint64_t seq = from; seq != upto; ++seq) {
    const std::size_t slot = static_cast<std::size_t>(seq) & mask_;
    std::atomic<Chunk*>& entry = chunks_[slot >> kChunkShift];
    Chunk* chunk = entry.load(std::memory_order_acquire);
    if (chunk) {
      Slot& s = chunk->slots[slot & (kChunk - 1)];
      if (s.stamp.load(std::memory_order_acquire) == seq) {  // else dropped: a gap in the numbers
        Event* e = std::launder(reinterpret_cast<Event*>(s.storage));
        if (out) {
          // Goroutines off the lock read the clock on their own; in seq order it never goes back.
          if (e->time_ns < last_time_) e->time_ns = last_time_;
          last_time_ = e->time_ns;
          out->push_back(*e);  // a copy: the slot stays unwritten by this thread
          if (s.format) out->back().value = s.format(s.bytes);
        }
        e->~Event();
        ++n;
      }
      if ((slot & (kChunk - 1)) == kChunk - 1) {  // the chunk's round is over: hand it back
        entry.store(nullptr, std::memory_order_relaxed);
        pool_.give(chunk);
      }
    }
  }
  next_.store(upto, std::memory_order_release);  // the slots may be refilled now
  return n;
}

EventFeed* FeedAccess::attach(EventQueue& queue, const std::shared_ptr<Core>& core, std::uint64_t first_seq) {
  EventFeed& f = *queue.feed_;
  {
    std::lock_guard lk(f.link_mu);
    f.core = core;
  }
  f.next_.store(first_seq, std::memory_order_release);
  f.end.store(first_seq, std::memory_order_release);
  f.ever_attached.store(true);
  f.live.store(true, std::memory_order_release);
  return &f;
}

void FeedAccess::detach(EventFeed& feed, std::uint64_t end) {
  feed.end.store(end, std::memory_order_release);
  feed.live.store(false, std::memory_order_release);
}

void FeedAccess::forget(Core& core, EventQueue& queue) {
  std::lock_guard lk(core.mu);
  if (core.feed == queue.feed_.get()) core.remove_observer(&queue);
}

std::uint64_t FeedAccess::horizon(Core& core, EventFeed& feed) {
  std::lock_guard lk(core.mu);  // events made under the lock are all written
  if (core.feed != &feed) return feed.end.load(std::memory_order_acquire);
  // Read the counter before the goroutines' floors: a goroutine whose floor is not seen
  // yet takes its ticket after this read (both are sequentially consistent).
  std::uint64_t h = core.seq.load(std::memory_order_seq_cst) + 1;
  for (const auto& [id, g] : core.gs) {
    std::uint64_t floor = g->in_fast.load(std::memory_order_seq_cst);
    if (floor != 0) h = std::min(h, floor);
  }
  return h;
}

}  // namespace detail

EventQueue::EventQueue(std::size_t capacity)
    : feed_(std::make_unique<detail::EventFeed>(capacity)), capacity_(capacity) {
  // One chunk of slack: by the time the producer may enter a chunk again, the drainer
  // has finished with its previous round and cleared its entry (see on_event).
  std::size_t ring = std::bit_ceil(capacity + kChunk);
  mask_ = ring - 1;
  chunks_.assign(ring >> kChunkShift, nullptr);
}

EventQueue::~EventQueue() {
  // A runtime still feeding this queue (its program ended or not) forgets it first.
  detail::EventFeed& f = *feed_;
  if (!f.live.load(std::memory_order_acquire)) return;
  if (auto core = f.feeding_core()) detail::FeedAccess::forget(*core, *this);
}

void EventQueue::give_chunk(std::size_t slot) {
  Chunk*& chunk = chunks_[slot >> kChunkShift];
  pool_.give(chunk);
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
  if (!chunk) chunk = pool_.take();
  chunk->slots[slot & (kChunk - 1)] = event;
  tail_.store(tail + 1, std::memory_order_release);
}

std::size_t EventQueue::drain_feed(std::vector<Event>* out) {
  detail::EventFeed& f = *feed_;
  std::uint64_t end = 0;
  if (f.live.load(std::memory_order_acquire)) {
    auto core = f.feeding_core();
    end = core ? detail::FeedAccess::horizon(*core, f) : f.end.load(std::memory_order_acquire);
  } else {
    end = f.end.load(std::memory_order_acquire);
  }
  return f.take(end, out);
}

std::size_t EventQueue::drain(std::vector<Event>& out) {
  // The fed events come first: a queue goes from fed to delivered-under-the-lock, never back.
  std::size_t fed = drain_feed(&out);
  return fed + drain_ring(out);
}

std::size_t EventQueue::drain_ring(std::vector<Event>& out) {
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
  std::size_t fed = drain_feed(nullptr);
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
  return fed + static_cast<std::size_t>(tail - head);
}

std::uint64_t EventQueue::dropped() const { return dropped_.load(std::memory_order_relaxed) + feed_->dropped(); }

}  // namespace poollab::rt
