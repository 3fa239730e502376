// Go channels with Go's semantics, and select.
//
//   rt::Chan<int> jobs(3);                 // make(chan int, 3), inside a goroutine
//   jobs.send(7);                          // jobs <- 7
//   auto [v, ok] = jobs.recv();            // v, ok := <-jobs
//   jobs.close();                          // close(jobs)
//   rt::Chan<int> nil_chan;                // var c chan int (nil: blocks forever)
//
//   int got = 0; bool ok = false;
//   switch (rt::Select().recv(jobs, &got, &ok).send(results, 1).otherwise().run()) { ... }
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "poollab/runtime/runtime.hpp"

namespace poollab::rt {

// The element of `chan struct{}`.
struct Unit {
  friend bool operator==(Unit, Unit) { return true; }
};

// How values are shown in events and snapshots. Specialise for your own types:
//   template <> struct Describe<MyValue> { static std::string str(const MyValue& v); };
template <class T>
struct Describe {
  static std::string str(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      return v ? "true" : "false";
    } else if constexpr (std::is_arithmetic_v<T>) {
      return std::to_string(v);
    } else if constexpr (std::is_convertible_v<const T&, std::string>) {
      return std::string(v);
    } else if constexpr (std::is_same_v<T, Unit>) {
      return "{}";
    } else {
      return "value";
    }
  }
};

// Values whose text a fed EventQueue (see event_queue.hpp) may make later, on the
// thread that drains it, from a copy of their bytes taken at the event: the goroutine
// then pays for a copy of at most 16 bytes instead of formatting. Only for types whose
// text depends on nothing but those bytes. Specialise for your own such types:
//   template <> struct DescribeLater<Celsius> { static constexpr bool enabled = true; };
// (Describe<Celsius>::str then runs on the draining thread, on a copy.)
template <class T>
struct DescribeLater {
  static constexpr bool enabled = std::is_arithmetic_v<T> || std::is_enum_v<T> || std::is_same_v<T, Unit>;
};

namespace detail {

// Makes a value's text from the bytes DescribeLater copied.
using BytesFormat = std::string (*)(const unsigned char* bytes);
inline constexpr std::size_t kDeferredBytes = 16;

// Type-erased channel: queues of parked goroutines, closed flag, counters, and
// the buffer: a lock-free ring of slots (a bounded MPMC queue with per-slot stamps,
// as in Dmitry Vyukov's queue and crossbeam's array channel). A free-running,
// unobserved run sends to and receives from the ring without the runtime's lock
// while no goroutine is parked on the channel; everything else (parking, close,
// select, the serial gate, events, snapshots) takes the lock. An unbuffered
// channel has a hand-off box instead (one cache line: a state word and one value)
// where, in such a run, a goroutine that finds nobody to pair with waits a little
// while, spinning, before it parks; its partner meets it there without the lock.
// ChanImpl<T> owns the slots and the box and moves the elements.
class ChanCore {
 public:
  ChanCore(std::shared_ptr<Core> core, long capacity, std::string name);
  virtual ~ChanCore();
  ChanCore(const ChanCore&) = delete;
  ChanCore& operator=(const ChanCore&) = delete;

  // Blocking and non-blocking operations; `elem` points at a T.
  void send(void* elem);                      // moves from *elem
  bool recv(void* elem);                      // writes *elem, returns ok
  bool try_send(void* elem);                  // false if it would block
  bool try_recv(void* elem, bool* ok);        // false if it would block
  void close();
  std::size_t len() const;
  std::size_t cap() const { return cap_; }
  ObjId id() const { return id_; }
  const std::string& name() const { return name_; }
  void set_name(std::string name);
  Core& core() const { return *core_; }

  // Element operations implemented by ChanImpl<T>.
  virtual void slot_put(std::size_t index, void* src) = 0;   // construct slot `index` from *src (moved)
  virtual void slot_take(std::size_t index, void* dst) = 0;  // move slot `index` to *dst, destroy it
  virtual const void* slot_elem(std::size_t index) const = 0;
  virtual void move_elem(void* dst, void* src) = 0;
  virtual void zero_elem(void* dst) = 0;
  virtual std::string describe(const void* elem) const = 0;
  // Set when the element type's text may be made later from a copy of its bytes
  // (DescribeLater): copy elem_size() bytes and call it on them.
  BytesFormat bytes_format() const { return bytes_format_; }
  std::size_t elem_size() const { return elem_size_; }

  // The ring. Positions are lap | index (a lap is the power of two above 2 * capacity);
  // the tail's mark bit is set by close, so no send can slip in after it.
  enum class Ring : std::uint8_t { Done, Full, Empty, Closed };
  // What a successful push or pop claimed: its position and, given a counter, the
  // event's seq, taken after the claim and before the value is published (so that the
  // receive of a value always has a later seq than its send).
  struct Claim {
    std::atomic<std::uint64_t>* tickets = nullptr;
    G* fault = nullptr;  // Config::fault_injection: a pause between the claim and the ticket
    std::uint64_t ticket = 0;
    std::uint64_t pos = 0;
  };
  Ring ring_push(void* src, Claim* claim = nullptr);  // Full when the buffer is full, Closed after close
  Ring ring_pop(void* dst, Claim* claim = nullptr);   // Empty when empty, Closed when empty and closed
  std::uint64_t value_number(std::uint64_t pos) const;  // Event::pos of the value at `pos`
  void ring_mark_closed();
  std::size_t ring_len() const;
  // The buffer's length for an event's count: one plain read of each end, exact under the
  // lock with the lock-free path paused, and close to it on that path (a fed run).
  std::int64_t event_len() const;
  std::uint64_t ring_pushed() const;  // values ever buffered
  std::uint64_t ring_popped() const;  // values ever taken from the buffer
  std::uint64_t box_handoffs() const;  // values ever handed over in the box
  // Changes whenever a value goes into or out of the ring (a cheap look for spinners).
  std::uint64_t ring_ends() const {
    return head_.load(std::memory_order_relaxed) + tail_.load(std::memory_order_relaxed);
  }
  std::vector<std::string> describe_buffer() const;  // head first; only while the fast path is paused

  // Results of the lock-free attempts (internal).
  static constexpr int kFastDone = 1, kFastRetry = 0, kFastLocked = -1;

 protected:
  void register_self();  // last thing a derived constructor does
  void unregister();     // first thing a derived destructor does: snapshots must not see a half-built channel
  // The stamp of slot `index`: position + 1 once written, position + lap once read.
  std::atomic<std::uint64_t>& stamp(std::size_t index) const {
    return *reinterpret_cast<std::atomic<std::uint64_t>*>(slots_ + index * slot_size_);
  }
  void* slot_storage(std::size_t index) const { return slots_ + index * slot_size_ + elem_offset_; }
  void set_slots(unsigned char* slots, std::size_t slot_size, std::size_t elem_offset);
  void set_bytes_format(BytesFormat format, std::size_t size) {
    bytes_format_ = format;
    elem_size_ = size;
  }
  // The hand-off box of an unbuffered channel: its state word and the T beside it.
  void set_box(std::atomic<std::uint64_t>* state, void* elem) {
    box_state_ = state;
    box_elem_ = elem;
  }
  void destroy_buffered();  // ChanImpl's destructor: destroys the values still buffered
  virtual void slot_destroy(std::size_t index) = 0;

 private:
  friend struct ChanAccess;
  std::uint64_t position_to_count(std::uint64_t pos) const;
  std::size_t slot_of(std::uint64_t pos) const { return static_cast<std::size_t>(pos & (mark_bit_ - 1)); }
  std::uint64_t next_position(std::uint64_t pos) const;
  template <class F>
  void for_each_buffered(F visit) const;  // slot indices, head first (ring contents stable)
  int fast_send(G& g, void* elem);
  int fast_recv(G& g, void* elem, bool* ok);
  void after_fast_op();  // a goroutine may be parked: settle under the lock
  // The unbuffered channel's hand-off box (chan.cpp): kFastDone, or kFastLocked to take
  // the locked path. `may_wait` false: only pair with a goroutine already waiting there.
  int box_meet(G& g, void* elem, bool* ok, bool sending, bool may_wait);
  bool box_may_pair() const;  // the run and the channel allow the box now (G::in_fast set)

  std::shared_ptr<Core> core_;
  ObjId id_;
  std::size_t cap_;
  std::string name_;
  // Parked goroutines (wait queues), owned by the runtime's lock.
  struct Queues;
  std::unique_ptr<Queues> q_;
  // Set once, by close under the lock. Goroutines meeting in the box read it without the
  // lock, sequentially consistent against their claims (chan.cpp, the hand-off box).
  std::atomic<bool> closed_{false};
  std::uint64_t direct_ = 0;  // values handed straight from a sender to a receiver
  unsigned char* slots_ = nullptr;
  std::size_t slot_size_ = 0, elem_offset_ = 0;
  std::uint64_t one_lap_ = 1, mark_bit_ = 1;
  unsigned lap_shift_ = 0;  // log2(one_lap_)
  // Parked senders << 16 | parked receivers (written under the lock): the fast path
  // stays out while non-zero.
  std::atomic<std::uint32_t> waiting_{0};
  // An unbuffered channel's box (null otherwise).
  std::atomic<std::uint64_t>* box_state_ = nullptr;
  void* box_elem_ = nullptr;
  BytesFormat bytes_format_ = nullptr;
  std::size_t elem_size_ = 0;
  alignas(64) std::atomic<std::uint64_t> head_{0};
  alignas(64) std::atomic<std::uint64_t> tail_{0};
};

template <class T>
class ChanImpl final : public ChanCore {
 public:
  ChanImpl(std::shared_ptr<Core> core, long capacity, std::string name)
      : ChanCore(std::move(core), capacity, std::move(name)) {
    if (cap() > 0) {
      ring_ = std::make_unique<Slot[]>(cap());
      for (std::size_t i = 0; i < cap(); ++i) ring_[i].stamp.store(i, std::memory_order_relaxed);
      set_slots(reinterpret_cast<unsigned char*>(ring_.get()), sizeof(Slot), offsetof(Slot, storage));
    } else {
      box_ = std::make_unique<Box>();
      set_box(&box_->state, &box_->value);
    }
    if constexpr (DescribeLater<T>::enabled && std::is_trivially_copyable_v<T> && sizeof(T) <= kDeferredBytes)
      set_bytes_format(&describe_bytes, sizeof(T));
    register_self();  // only now is the buffer constructed: snapshots may look at it
  }
  ~ChanImpl() override {
    unregister();
    destroy_buffered();
  }
  void slot_put(std::size_t i, void* src) override { ::new (slot_storage(i)) T(std::move(*static_cast<T*>(src))); }
  void slot_take(std::size_t i, void* dst) override {
    T* v = std::launder(static_cast<T*>(slot_storage(i)));
    *static_cast<T*>(dst) = std::move(*v);
    v->~T();
  }
  const void* slot_elem(std::size_t i) const override { return std::launder(static_cast<const T*>(slot_storage(i))); }
  void slot_destroy(std::size_t i) override { std::launder(static_cast<T*>(slot_storage(i)))->~T(); }
  void move_elem(void* dst, void* src) override { *static_cast<T*>(dst) = std::move(*static_cast<T*>(src)); }
  void zero_elem(void* dst) override { *static_cast<T*>(dst) = T{}; }
  std::string describe(const void* elem) const override { return Describe<T>::str(*static_cast<const T*>(elem)); }
  // Only instantiated for the types the constructor picks (trivially copyable, small).
  static std::string describe_bytes(const unsigned char* bytes) {
    T v;
    std::memcpy(&v, bytes, sizeof(T));
    return Describe<T>::str(v);
  }

 private:
  struct Slot {
    std::atomic<std::uint64_t> stamp;
    alignas(T) unsigned char storage[sizeof(T)];
  };
  // A line of its own, so that a hand-off moves one cache line between the two cores.
  struct alignas(64) Box {
    std::atomic<std::uint64_t> state{0};
    T value{};
  };
  std::unique_ptr<Slot[]> ring_;
  std::unique_ptr<Box> box_;
};

// Operations on the nil channel: block forever (Go's "chan send (nil chan)").
[[noreturn]] void block_nil_send();
[[noreturn]] void block_nil_recv();
[[noreturn]] void close_nil();
std::shared_ptr<Core> current_core();  // UsageError off a goroutine thread

}  // namespace detail

template <class T> class SendOnly;
template <class T> class RecvOnly;

// A channel handle. Copies share the channel, as Go channel values do; a
// default-constructed Chan is the nil channel.
template <class T>
class Chan {
 public:
  Chan() = default;
  // make(chan T, capacity) on the calling goroutine's runtime.
  explicit Chan(long capacity, std::string name = {})
      : impl_(std::make_shared<detail::ChanImpl<T>>(detail::current_core(), capacity, std::move(name))) {}
  // make(chan T, capacity) on an explicit runtime (e.g. from a test before start()).
  Chan(Runtime& runtime, long capacity, std::string name = {})
      : impl_(std::make_shared<detail::ChanImpl<T>>(runtime.core_ptr(), capacity, std::move(name))) {}

  void send(T value) const {
    if (!impl_) detail::block_nil_send();
    impl_->send(&value);
  }
  // v, ok := <-ch
  std::pair<T, bool> recv() const {
    T value{};
    if (!impl_) detail::block_nil_recv();
    bool ok = impl_->recv(&value);
    return {std::move(value), ok};
  }
  // Non-blocking forms (select with a default): false when the operation would block.
  bool try_send(T value) const { return impl_ && impl_->try_send(&value); }
  // nullopt when it would block; otherwise {value, ok}.
  std::optional<std::pair<T, bool>> try_recv() const {
    if (!impl_) return std::nullopt;
    T value{};
    bool ok = false;
    if (!impl_->try_recv(&value, &ok)) return std::nullopt;
    return std::pair<T, bool>{std::move(value), ok};
  }
  void close() const {
    if (!impl_) detail::close_nil();
    impl_->close();
  }
  std::size_t len() const { return impl_ ? impl_->len() : 0; }
  std::size_t cap() const { return impl_ ? impl_->cap() : 0; }
  bool is_nil() const { return !impl_; }
  ObjId id() const { return impl_ ? impl_->id() : 0; }
  void set_name(std::string name) const {
    if (impl_) impl_->set_name(std::move(name));
  }
  detail::ChanCore* core() const { return impl_.get(); }

  SendOnly<T> send_only() const;
  RecvOnly<T> recv_only() const;

  friend bool operator==(const Chan& a, const Chan& b) { return a.impl_ == b.impl_; }

 private:
  std::shared_ptr<detail::ChanImpl<T>> impl_;
};

// chan<- T
template <class T>
class SendOnly {
 public:
  SendOnly() = default;
  explicit SendOnly(Chan<T> ch) : ch_(std::move(ch)) {}
  void send(T value) const { ch_.send(std::move(value)); }
  bool try_send(T value) const { return ch_.try_send(std::move(value)); }
  void close() const { ch_.close(); }
  std::size_t len() const { return ch_.len(); }
  std::size_t cap() const { return ch_.cap(); }
  bool is_nil() const { return ch_.is_nil(); }
  const Chan<T>& chan() const { return ch_; }

 private:
  Chan<T> ch_;
};

// <-chan T
template <class T>
class RecvOnly {
 public:
  RecvOnly() = default;
  explicit RecvOnly(Chan<T> ch) : ch_(std::move(ch)) {}
  std::pair<T, bool> recv() const { return ch_.recv(); }
  std::optional<std::pair<T, bool>> try_recv() const { return ch_.try_recv(); }
  std::size_t len() const { return ch_.len(); }
  std::size_t cap() const { return ch_.cap(); }
  bool is_nil() const { return ch_.is_nil(); }
  const Chan<T>& chan() const { return ch_; }

 private:
  Chan<T> ch_;
};

template <class T>
SendOnly<T> Chan<T>::send_only() const { return SendOnly<T>(*this); }
template <class T>
RecvOnly<T> Chan<T>::recv_only() const { return RecvOnly<T>(*this); }

// select { case ...: } over any mix of send and receive cases. Case indices are
// the order the cases were added; run() returns the chosen index, or -1 for the
// default case. Among ready cases the choice is uniform (seeded per runtime).
class Select {
 public:
  Select();
  ~Select();
  Select(const Select&) = delete;
  Select& operator=(const Select&) = delete;

  template <class T>
  Select& send(const Chan<T>& ch, T value) {
    auto box = std::make_unique<Box<T>>(std::move(value));
    void* elem = &box->value;
    boxes_.push_back(std::move(box));
    return add_case(ch.core(), true, elem, nullptr);
  }
  template <class T>
  Select& send(const SendOnly<T>& ch, T value) { return send(ch.chan(), std::move(value)); }
  // `out` and `ok` may be null; the received value is written there.
  template <class T>
  Select& recv(const Chan<T>& ch, T* out = nullptr, bool* ok = nullptr) {
    void* elem = out;
    if (!out) {
      auto box = std::make_unique<Box<T>>(T{});
      elem = &box->value;
      boxes_.push_back(std::move(box));
    }
    return add_case(ch.core(), false, elem, ok);
  }
  template <class T>
  Select& recv(const RecvOnly<T>& ch, T* out = nullptr, bool* ok = nullptr) { return recv(ch.chan(), out, ok); }
  Select& otherwise();  // the default case
  int run();

  struct Case {
    detail::ChanCore* ch;  // null = nil channel (never ready)
    bool is_send;
    void* elem;
    bool* ok;
  };

 private:
  struct BoxBase {
    virtual ~BoxBase() = default;
  };
  template <class T>
  struct Box : BoxBase {
    explicit Box(T v) : value(std::move(v)) {}
    T value;
  };
  Select& add_case(detail::ChanCore* ch, bool is_send, void* elem, bool* ok);

  std::vector<Case> cases_;
  std::vector<std::unique_ptr<BoxBase>> boxes_;
  bool has_default_ = false;
};

}  // namespace poollab::rt
