// Channel operations with Go's semantics (runtime/chan.go is the model).
#include <algorithm>
#include <bit>
#include <thread>

#include "chan_access.hpp"
#include "core.hpp"

namespace poollab::rt::detail {

// ---------------- the ring ----------------

void ChanCore::set_slots(unsigned char* slots, std::size_t slot_size, std::size_t elem_offset) {
  slots_ = slots;
  slot_size_ = slot_size;
  elem_offset_ = elem_offset;
}

namespace {
void take_claim(ChanCore::Claim* claim, std::uint64_t pos) {
  if (!claim) return;
  claim->pos = pos;
  if (claim->fault) inject_fault(*claim->fault);
  if (claim->tickets) claim->ticket = claim->tickets->fetch_add(1, std::memory_order_seq_cst) + 1;
}
}  // namespace

ChanCore::Ring ChanCore::ring_push(void* src, Claim* claim) {
  Backoff backoff;
  std::uint64_t tail = tail_.load(std::memory_order_relaxed);
  for (;;) {
    if (tail & mark_bit_) return Ring::Closed;
    std::uint64_t index = slot_of(tail);
    std::uint64_t st = stamp(index).load(std::memory_order_acquire);
    if (st == tail) {
      // The slot is free for this lap: claim it, then write it.
      if (tail_.compare_exchange_weak(tail, next_position(tail), std::memory_order_seq_cst, std::memory_order_relaxed)) {
        take_claim(claim, tail);
        slot_put(index, src);
        stamp(index).store(tail + 1, std::memory_order_release);
        return Ring::Done;
      }
    } else if (st + one_lap_ == tail + 1) {
      // The slot still holds last lap's value: full, unless a receiver is taking it now.
      std::uint64_t head = head_.load(std::memory_order_seq_cst);
      if (head + one_lap_ == tail) return Ring::Full;
      backoff.snooze();
      tail = tail_.load(std::memory_order_relaxed);
    } else {
      backoff.snooze();
      tail = tail_.load(std::memory_order_relaxed);
    }
  }
}

ChanCore::Ring ChanCore::ring_pop(void* dst, Claim* claim) {
  Backoff backoff;
  std::uint64_t head = head_.load(std::memory_order_relaxed);
  for (;;) {
    std::uint64_t index = slot_of(head);
    std::uint64_t st = stamp(index).load(std::memory_order_acquire);
    if (head + 1 == st) {
      // Written for this lap: claim it, then read it and free the slot for the next lap.
      if (head_.compare_exchange_weak(head, next_position(head), std::memory_order_seq_cst, std::memory_order_relaxed)) {
        take_claim(claim, head);
        slot_take(index, dst);
        stamp(index).store(head + one_lap_, std::memory_order_release);
        return Ring::Done;
      }
    } else if (st == head) {
      // Not written yet: empty, unless a sender has claimed it and is writing now.
      std::uint64_t tail = tail_.load(std::memory_order_seq_cst);
      if ((tail & ~mark_bit_) == head) return (tail & mark_bit_) ? Ring::Closed : Ring::Empty;
      backoff.snooze();
      head = head_.load(std::memory_order_relaxed);
    } else {
      backoff.snooze();
      head = head_.load(std::memory_order_relaxed);
    }
  }
}

std::uint64_t ChanCore::next_position(std::uint64_t pos) const {
  std::uint64_t index = slot_of(pos);
  return index + 1 < cap_ ? pos + 1 : (pos & ~(one_lap_ - 1)) + one_lap_;  // the next slot, or the next lap's first
}

template <class F>
void ChanCore::for_each_buffered(F visit) const {
  if (cap_ == 0) return;
  std::uint64_t tail = tail_.load(std::memory_order_acquire) & ~mark_bit_;
  for (std::uint64_t pos = head_.load(std::memory_order_acquire); pos != tail; pos = next_position(pos)) visit(slot_of(pos));
}

void ChanCore::ring_mark_closed() { tail_.fetch_or(mark_bit_, std::memory_order_seq_cst); }

std::uint64_t ChanCore::position_to_count(std::uint64_t pos) const {
  pos &= ~mark_bit_;
  return (pos >> lap_shift_) * cap_ + (pos & (one_lap_ - 1));
}

std::uint64_t ChanCore::value_number(std::uint64_t pos) const { return position_to_count(pos) + 1; }

std::uint64_t ChanCore::ring_pushed() const { return position_to_count(tail_.load(std::memory_order_seq_cst)); }
std::uint64_t ChanCore::ring_popped() const { return position_to_count(head_.load(std::memory_order_seq_cst)); }

std::size_t ChanCore::ring_len() const {
  if (cap_ == 0) return 0;
  for (;;) {
    std::uint64_t tail = tail_.load(std::memory_order_seq_cst);
    std::uint64_t head = head_.load(std::memory_order_seq_cst);
    if (tail_.load(std::memory_order_seq_cst) != tail) continue;  // a consistent pair
    std::uint64_t pushed = position_to_count(tail), popped = position_to_count(head);
    return pushed > popped ? std::min<std::size_t>(static_cast<std::size_t>(pushed - popped), cap_) : 0;
  }
}

std::int64_t ChanCore::event_len() const {
  if (cap_ == 0) return 0;
  std::uint64_t pushed = position_to_count(tail_.load(std::memory_order_relaxed));
  std::uint64_t popped = position_to_count(head_.load(std::memory_order_relaxed));
  return pushed > popped ? static_cast<std::int64_t>(std::min<std::uint64_t>(pushed - popped, cap_)) : 0;
}

std::vector<std::string> ChanCore::describe_buffer() const {
  std::vector<std::string> out;
  for_each_buffered([&](std::size_t index) { out.push_back(describe(slot_elem(index))); });
  return out;
}

void ChanCore::destroy_buffered() {
  for_each_buffered([&](std::size_t index) { slot_destroy(index); });
  head_.store(tail_.load(std::memory_order_relaxed) & ~mark_bit_, std::memory_order_relaxed);
}

// ---------------- wait queues (runtime lock held) ----------------

void ChanAccess::sync_waiting(ChanCore& ch) {
  auto clamp = [](std::size_t n) { return static_cast<std::uint32_t>(std::min<std::size_t>(n, 0xFFFF)); };
  ch.waiting_.store(clamp(ch.q_->sendq.size()) << 16 | clamp(ch.q_->recvq.size()), std::memory_order_seq_cst);
}

void ChanAccess::enqueue(ChanCore& ch, Waiter* w) {
  (w->is_send ? ch.q_->sendq : ch.q_->recvq).push_back(w);
  sync_waiting(ch);
}

void ChanAccess::remove(ChanCore& ch, Waiter* w) {
  auto& q = w->is_send ? ch.q_->sendq : ch.q_->recvq;
  q.erase(std::remove(q.begin(), q.end(), w), q.end());
  sync_waiting(ch);
}

bool ChanAccess::queued(const ChanCore& ch, const Waiter* w) {
  const auto& q = w->is_send ? ch.q_->sendq : ch.q_->recvq;
  return std::find(q.begin(), q.end(), w) != q.end();
}

Waiter* ChanAccess::pop(ChanCore& ch, bool senders) {
  auto& q = senders ? ch.q_->sendq : ch.q_->recvq;
  if (q.empty()) return nullptr;
  Waiter* w = q.front();
  q.pop_front();
  sync_waiting(ch);
  return w;
}

// Finish a parked waiter: record the result, disarm the rest of its select, wake it.
void ChanAccess::complete(Core& c, Waiter* w, bool success, GoId peer) {
  w->success = success;
  w->peer = peer;
  w->completed = true;
  if (w->sel) {
    w->sel->fired = w->case_index;
    for (Waiter& other : w->sel->waiters) {
      if (&other != w && other.ch) remove(*other.ch, &other);
    }
  }
  c.ready(w->g);  // nothing to do when it is the caller, completing itself before parking
}

std::deque<Waiter*>& ChanAccess::sendq(ChanCore& ch) { return ch.q_->sendq; }
std::deque<Waiter*>& ChanAccess::recvq(ChanCore& ch) { return ch.q_->recvq; }
bool ChanAccess::closed(const ChanCore& ch) { return ch.closed_.load(std::memory_order_relaxed); }
std::uint64_t ChanAccess::sends(const ChanCore& ch) { return ch.direct_ + (ch.cap_ ? ch.ring_pushed() : ch.box_handoffs()); }
std::uint64_t ChanAccess::recvs(const ChanCore& ch) { return ch.direct_ + (ch.cap_ ? ch.ring_popped() : ch.box_handoffs()); }

// Restore Go's invariants (parked receivers => empty buffer, parked senders => full
// buffer) after lock-free operations changed the ring under the parked goroutines:
// buffered values go to parked receivers and parked senders' values into free slots,
// in queue order.
void ChanAccess::settle(Core& c, ChanCore& ch) {
  if (ch.cap_ == 0) return;
  for (;;) {
    auto& rq = ch.q_->recvq;
    if (!rq.empty()) {
      Waiter* r = rq.front();
      ChanCore::Claim claim = c.ring_claim();
      if (ch.ring_pop(r->elem, &claim) == ChanCore::Ring::Done) {
        pop(ch, false);
        if (r->ok) *r->ok = true;
        c.emit(EventKind::RecvDone, r->g, ch.id_, [&] { return ch.describe(r->elem); }, 0,
               ch.event_len(), true, ch.value_number(claim.pos), claim.ticket);
        complete(c, r, true, 0);
        continue;
      }
    }
    auto& sq = ch.q_->sendq;
    if (!sq.empty()) {
      Waiter* s = sq.front();
      std::string sent;
      if (c.observed.load(std::memory_order_relaxed)) sent = ch.describe(s->elem);
      ChanCore::Claim claim = c.ring_claim();
      if (ch.ring_push(s->elem, &claim) == ChanCore::Ring::Done) {
        pop(ch, true);
        c.emit(EventKind::SendDone, s->g, ch.id_, [&] { return std::move(sent); }, 0, ch.event_len(), true,
               ch.value_number(claim.pos), claim.ticket);
        complete(c, s, true, 0);
        continue;
      }
    }
    return;
  }
}

// Hand a value from `elem` (a sender) to the first parked receiver, or buffer it.
// Returns false if the operation would block. mu held; `g` may be null (timers).
bool ChanAccess::send_ready(Core& c, ChanCore& ch, G* g, void* elem) {
  settle(c, ch);
  if (Waiter* r = pop(ch, false)) {
    GoId me = g ? g->id : 0;
    c.emit(EventKind::SendDone, g, ch.id_, [&] { return ch.describe(elem); }, r->g->id,
           ch.event_len());
    ch.move_elem(r->elem, elem);
    if (r->ok) *r->ok = true;
    ++ch.direct_;
    c.emit(EventKind::RecvDone, r->g, ch.id_, [&] { return ch.describe(r->elem); }, me,
           ch.event_len());
    complete(c, r, true, me);
    return true;
  }
  if (ch.cap_ == 0 || !ch.q_->sendq.empty()) return false;  // parked senders go first
  std::string text;
  if (c.observed.load(std::memory_order_relaxed)) text = ch.describe(elem);
  ChanCore::Claim claim = c.ring_claim();
  if (ch.ring_push(elem, &claim) != ChanCore::Ring::Done) return false;
  // (With fault injection, a pause here lets the lock-free side take the value before the event.)
  if (c.cfg.fault_injection && g) inject_fault(*g);
  c.emit(EventKind::SendDone, g, ch.id_, [&] { return std::move(text); }, 0, ch.event_len(), true,
         ch.value_number(claim.pos), claim.ticket);
  return true;
}

// Take a value into `elem` from a parked sender or the buffer; a closed, empty
// channel yields the zero value and ok=false. Returns false if it would block.
bool ChanAccess::recv_ready(Core& c, ChanCore& ch, G* g, void* elem, bool* ok) {
  settle(c, ch);
  if (!ch.q_->recvq.empty()) return false;  // parked receivers go first (the buffer is empty)
  if (ch.cap_ == 0) {
    if (Waiter* s = pop(ch, true)) {
      GoId me = g ? g->id : 0;
      std::string sent;  // the parked sender's value, for both events
      if (c.observed.load(std::memory_order_relaxed)) sent = ch.describe(s->elem);
      c.emit(EventKind::RecvDone, g, ch.id_, [&] { return sent; }, s->g->id, 0);
      ch.move_elem(elem, s->elem);
      ++ch.direct_;
      c.emit(EventKind::SendDone, s->g, ch.id_, [&] { return sent; }, me, 0);
      if (ok) *ok = true;
      complete(c, s, true, me);
      return true;
    }
    if (!closed(ch)) return false;
  } else {
    ChanCore::Claim claim = c.ring_claim();
    switch (ch.ring_pop(elem, &claim)) {
      case ChanCore::Ring::Done:
        c.emit(EventKind::RecvDone, g, ch.id_, [&] { return ch.describe(elem); }, 0,
               ch.event_len(), true, ch.value_number(claim.pos), claim.ticket);
        if (ok) *ok = true;
        settle(c, ch);  // a parked sender's value takes the freed slot
        return true;
      case ChanCore::Ring::Empty:
        return false;
      default:
        break;  // closed and drained
    }
  }
  ch.zero_elem(elem);
  c.emit(EventKind::RecvDone, g, ch.id_, [&] { return ch.describe(elem); }, 0, 0, false);
  if (ok) *ok = false;
  return true;
}

void ChanAccess::close_now(Core& c, ChanCore& ch, G* g) {
  ch.closed_.store(true, std::memory_order_seq_cst);  // goroutines waiting in the box back out
  if (ch.cap_) {
    ch.ring_mark_closed();  // from here no send reaches the buffer
    // A fed run: sends that claimed a slot before the mark take their seq before close's.
    if (c.feed) c.wait_fast_ops(g);
  }
  c.emit(EventKind::Close, g, ch.id_, {}, 0, ch.event_len());
  settle(c, ch);  // values sent just before the mark still go to parked receivers
  while (Waiter* r = pop(ch, false)) {
    ch.zero_elem(r->elem);
    if (r->ok) *r->ok = false;
    c.emit(EventKind::RecvDone, r->g, ch.id_, [&] { return ch.describe(r->elem); }, 0, 0, false);
    complete(c, r, false, g ? g->id : 0);
  }
  while (Waiter* s = pop(ch, true)) complete(c, s, false, g ? g->id : 0);
}

// ---------------- the lock-free path ----------------

// A buffered send without the lock: only while the run allows it (Core::fast_ok) and
// nobody is parked on the channel (a parked receiver must get the value directly, a
// parked sender must go first). Returns kFastDone, kFastRetry (the buffer is full: worth
// trying again shortly) or kFastLocked (take the locked path now).
int ChanCore::fast_send(G& g, void* elem) {
  Core& c = *core_;
  g.in_fast.store(c.fast_floor(), std::memory_order_seq_cst);
  Ring r = Ring::Closed;
  bool fed = false;
  if (c.fast_ok.load(std::memory_order_seq_cst) && waiting_.load(std::memory_order_seq_cst) == 0 &&
      !c.aborting.load(std::memory_order_relaxed)) {
    if (c.cfg.fault_injection) inject_fault(g);  // widen the window a receiver may park in
    if (c.feed) {
      fed = true;
      if (static_cast<std::size_t>(event_len()) >= cap_ && !(tail_.load(std::memory_order_relaxed) & mark_bit_)) {
        r = Ring::Full;  // a sender spinning on a full buffer does not format its value every time round
      } else {
        FedValue value = FedValue::of(*this, elem);  // before the value moves into the ring
        Claim claim{&c.seq, c.cfg.fault_injection ? &g : nullptr};
        r = ring_push(elem, &claim);
        if (r == Ring::Done) c.feed_fast(g, EventKind::SendDone, id_, std::move(value), claim, event_len(), value_number(claim.pos));
      }
    } else {
      r = ring_push(elem);
    }
  }
  g.in_fast.store(0, std::memory_order_release);
  if (r != Ring::Done) return r == Ring::Full ? kFastRetry : kFastLocked;
  bump(g.steps);
  if (!fed) bump(g.fast_events);
  if (c.cfg.fault_injection) inject_fault(g);
  after_fast_op();
  return kFastDone;
}

int ChanCore::fast_recv(G& g, void* elem, bool* ok) {
  Core& c = *core_;
  g.in_fast.store(c.fast_floor(), std::memory_order_seq_cst);
  Ring r = Ring::Full;  // stands for "not tried"
  std::uint32_t parked = 0;
  bool fed = false;
  if (c.fast_ok.load(std::memory_order_seq_cst) && !c.aborting.load(std::memory_order_relaxed)) {
    parked = waiting_.load(std::memory_order_seq_cst);
    if (parked == 0) {
      if (c.cfg.fault_injection) inject_fault(g);  // widen the window a sender may park in
      if (c.feed) {
        fed = true;
        Claim claim{&c.seq, c.cfg.fault_injection ? &g : nullptr};
        r = ring_pop(elem, &claim);
        if (r == Ring::Done)
          c.feed_fast(g, EventKind::RecvDone, id_, FedValue::of(*this, elem), claim, event_len(), value_number(claim.pos));
      } else {
        r = ring_pop(elem);
      }
    }
  }
  g.in_fast.store(0, std::memory_order_release);
  // Only receivers parked: the values go to them first, in queue order. Trying again
  // shortly, rather than queueing behind them at once, keeps a pool of fast workers
  // from settling into parking one after the other on every job.
  if (r == Ring::Full) return parked != 0 && (parked >> 16) == 0 ? kFastRetry : kFastLocked;
  if (r == Ring::Empty) return kFastRetry;
  // Closed and drained: a fed run takes the lock, so the event comes after close's.
  if (r == Ring::Closed && fed) return kFastLocked;
  bump(g.steps);
  if (!fed) bump(g.fast_events);
  if (r == Ring::Closed) {
    zero_elem(elem);
    if (ok) *ok = false;
    return kFastDone;
  }
  if (ok) *ok = true;
  if (c.cfg.fault_injection) inject_fault(g);
  after_fast_op();
  return kFastDone;
}

// A goroutine that parked after this operation's check may be waiting for the value
// just buffered or the slot just freed (its own re-check and this load cannot both
// miss: both are sequentially consistent).
void ChanCore::after_fast_op() {
  if (waiting_.load(std::memory_order_seq_cst) == 0) return;
  std::lock_guard lk(core_->mu);
  ChanAccess::settle(*core_, *this);
}

// ---------------- the hand-off box (unbuffered channels) ----------------
//
// In a free-running, unobserved run, an unbuffered send or receive that finds nobody
// parked on the channel meets its partner in the channel's box, a cache line holding a
// state word and one value, without the runtime's lock: a hand-off then moves that one
// line from core to core (the locked path moves the lock's, the queue's, the waiter's
// and the token's). Whoever comes first waits there, spinning and counted as running,
// for a few microseconds; then it withdraws and parks on the locked path as before, so
// the deadlock detector only ever counts goroutines parked under the lock. Whoever
// comes second claims the waiter with one compare-and-swap and moves the value.
//
// The state word: a count of hand-offs above three bits of kind. A claim looks at the
// closed flag after its compare-and-swap, and close sets the flag before it wakes
// anyone (both sequentially consistent): a claim that misses the flag came before the
// close, and one that sees it backs out and takes the locked path, which panics or
// reports the close as Go does. The waiting side backs out too when the run changes
// (the path paused), a goroutine parks on the channel, the channel closes or the run
// aborts.
namespace {
enum BoxKind : std::uint64_t {
  kBoxEmpty = 0,
  kBoxRecvWaiting = 1,  // a receiver waits for a value
  kBoxSendWaiting = 2,  // a sender waits, its value in the box
  kBoxBusy = 3,         // the owner of the box is moving a value in or out
  kBoxFilled = 4,       // a sender has put its value in for the waiting receiver
  kBoxTaken = 5,        // a receiver has taken the waiting sender's value
};
constexpr std::uint64_t kBoxKindMask = 7;
std::uint64_t box_kind(std::uint64_t s) { return s & kBoxKindMask; }
std::uint64_t box_with(std::uint64_t s, std::uint64_t kind) { return (s & ~kBoxKindMask) | kind; }
std::uint64_t box_handed(std::uint64_t s, std::uint64_t kind) { return ((s & ~kBoxKindMask) + 8) | kind; }
// About 10-20 microseconds of waiting before parking: a partner on the other core is
// usually there within a microsecond, and a futex sleep-to-wake costs tens of them.
constexpr int kBoxSpins = 512;
}  // namespace

std::uint64_t ChanCore::box_handoffs() const {
  return box_state_ ? box_state_->load(std::memory_order_relaxed) >> 3 : 0;
}

bool ChanCore::box_may_pair() const {
  const Core& c = *core_;
  return c.fast_ok.load(std::memory_order_seq_cst) && !c.feed && waiting_.load(std::memory_order_seq_cst) == 0 &&
         !closed_.load(std::memory_order_seq_cst) && !c.aborting.load(std::memory_order_relaxed) &&
         !c.program_exiting();
}

namespace {
// Marks the goroutine as inside the lock-free path for the scope (pause_fast waits for it).
struct InFast {
  G& g;
  InFast(G& goroutine, const Core& c) : g(goroutine) { g.in_fast.store(c.fast_floor(), std::memory_order_seq_cst); }
  ~InFast() { g.in_fast.store(0, std::memory_order_release); }
  InFast(const InFast&) = delete;
  InFast& operator=(const InFast&) = delete;
};
// A compare-and-swap lost to a goroutine arriving at the same moment: look again, a few times.
constexpr int kBoxAttempts = 4;
}  // namespace

// Meets a partner in the box: claims one already waiting there, or (may_wait) waits
// there for one. A sender's value goes into the box when it claims a receiver or
// posts itself; a receiver takes it out when it claims a sender or is answered.
int ChanCore::box_meet(G& g, void* elem, bool* ok, bool sending, bool may_wait) {
  Core& c = *core_;
  std::atomic<std::uint64_t>& state = *box_state_;
  const std::uint64_t partner = sending ? kBoxRecvWaiting : kBoxSendWaiting;
  const std::uint64_t mine = sending ? kBoxSendWaiting : kBoxRecvWaiting;
  const std::uint64_t claimed = sending ? kBoxFilled : kBoxTaken;   // what a claim leaves the waiter
  const std::uint64_t answer = sending ? kBoxTaken : kBoxFilled;    // what this one waits for
  auto done = [&] {
    if (!sending) {
      move_elem(elem, box_elem_);
      if (ok) *ok = true;
    }
    bump(g.steps);
    bump(g.fast_events);
    return kFastDone;
  };
  InFast inside(g, c);
  if (!box_may_pair()) return kFastLocked;
  if (c.cfg.fault_injection) inject_fault(g);
  std::uint64_t s = state.load(std::memory_order_acquire);
  for (int attempt = 0;; ++attempt) {
    if (attempt == kBoxAttempts) return kFastLocked;
    if (box_kind(s) == partner) {
      if (!state.compare_exchange_strong(s, box_with(s, kBoxBusy), std::memory_order_seq_cst)) continue;
      if (closed_.load(std::memory_order_seq_cst)) {
        state.store(s, std::memory_order_release);  // the partner sees the close and backs out itself
        return kFastLocked;
      }
      if (sending) move_elem(box_elem_, elem);
      const int r = done();
      state.store(box_handed(s, claimed), std::memory_order_release);
      return r;
    }
    if (!may_wait || box_kind(s) != kBoxEmpty) return kFastLocked;
    if (state.compare_exchange_strong(s, box_with(s, sending ? kBoxBusy : mine), std::memory_order_seq_cst)) break;
  }
  if (sending) {  // the value goes in before anyone may claim it
    move_elem(box_elem_, elem);
    state.store(box_with(s, mine), std::memory_order_seq_cst);
  }
  const int spins = c.cfg.fault_injection ? static_cast<int>(g.fault_rng() % 8) : kBoxSpins;
  for (int i = 0;; ++i) {
    std::uint64_t now = state.load(std::memory_order_acquire);
    if (box_kind(now) == answer) {
      const int r = done();
      state.store(box_with(now, kBoxEmpty), std::memory_order_release);
      return r;
    }
    if (box_kind(now) == mine && (i >= spins || ((i & 15) == 15 && !box_may_pair()))) {
      // Withdraw and park on the locked path; a sender takes its value back. (With
      // fault injection, a pause here lets a partner claim it first.)
      if (c.cfg.fault_injection) inject_fault(g);
      if (state.compare_exchange_strong(now, box_with(now, sending ? kBoxBusy : kBoxEmpty), std::memory_order_seq_cst)) {
        if (sending) {
          move_elem(elem, box_elem_);
          state.store(box_with(now, kBoxEmpty), std::memory_order_release);
        }
        return kFastLocked;
      }
      continue;
    }
    if (c.cfg.fault_injection) inject_fault(g);
    cpu_relax();
  }
}

namespace {

// Removes a waiter from its queue if it is still there when the scope ends (the
// goroutine is being torn down while parked; the lock is held then). A completed
// waiter was dequeued by its waker, and the lock may not be held.
struct Dequeue {
  ChanCore& ch;
  Waiter& w;
  ~Dequeue() {
    if (!w.completed && ChanAccess::queued(ch, &w)) ChanAccess::remove(ch, &w);
  }
};

G& goroutine_for(const ChanCore& ch, const char* what) {
  G& g = require_g(what);
  if (g.core != &ch.core()) throw UsageError(std::string("poollab::rt: ") + what + " on a channel of another Runtime");
  return g;
}

// Before parking on a buffered channel on the lock-free path, keep trying for a
// while: the other side is usually a few hundred nanoseconds away, and a sleep and
// wake-up in the kernel costs microseconds (Go's runtime spins for the same reason).
// `attempt` returns ChanCore::kFast*; true when it got done.
// With fault injection it does not spin: parking, and its races, are what is under test.
// Between attempts it watches the ring's two ends and tries again as soon as either
// moves: a pause can take tens of nanoseconds (32 ns on the VMs here), and a fixed run
// of them put a microsecond between a consumer freeing a one-slot buffer and the
// producer noticing.
template <class Try>
bool fast_with_spin(const Core& c, const ChanCore& ch, Try attempt) {
  int r = attempt();
  const int spins = c.cfg.fault_injection ? 0 : 64;
  for (int i = 0; r == ChanCore::kFastRetry && i < spins; ++i) {
    if (i < 8) {
      const std::uint64_t seen = ch.ring_ends();
      for (int k = 0; k < 32 && ch.ring_ends() == seen; ++k) cpu_relax();
    } else {
      std::this_thread::yield();
    }
    r = attempt();
  }
  return r == ChanCore::kFastDone;
}

}  // namespace

ChanCore::ChanCore(std::shared_ptr<Core> core, long capacity, std::string name)
    : core_(std::move(core)), id_(0), cap_(0), name_(std::move(name)), q_(std::make_unique<Queues>()) {
  if (capacity < 0) {
    if (current_g()) throw Panic("runtime error: makechan: size out of range");
    throw UsageError("poollab::rt::Chan: negative buffer size " + std::to_string(capacity));
  }
  cap_ = static_cast<std::size_t>(capacity);
  // Positions: the index in the low bits below the mark bit, the lap above it.
  mark_bit_ = std::bit_ceil(static_cast<std::uint64_t>(cap_) + 1);
  one_lap_ = mark_bit_ * 2;
  lap_shift_ = static_cast<unsigned>(std::countr_zero(one_lap_));
  id_ = core_->next_obj++;
}

void ChanCore::register_self() {
  std::lock_guard lk(core_->reg_mu);
  core_->chans.emplace(id_, this);
}

void ChanCore::unregister() {
  std::lock_guard lk(core_->reg_mu);
  if (core_->chans.erase(id_) && !name_.empty()) {
    auto& gone = core_->gone_chan_names;
    gone.emplace_back(id_, name_);
    if (gone.size() > Core::kGoneNames) gone.pop_front();
  }
}

ChanCore::~ChanCore() { unregister(); }

void ChanCore::set_name(std::string name) {
  std::lock_guard lk(core_->mu);
  name_ = std::move(name);
}

void ChanCore::send(void* elem) {
  G& g = goroutine_for(*this, "channel send");
  Core& c = *core_;
  if (c.fast_ok.load(std::memory_order_relaxed)) {
    if (cap_ == 0 ? box_meet(g, elem, nullptr, true, true) == kFastDone : fast_with_spin(c, *this, [&] { return fast_send(g, elem); })) return;
  }
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan send", id_);
  if (ChanAccess::closed(*this)) throw Panic("send on closed channel");
  if (ChanAccess::send_ready(c, *this, &g, elem)) return;
  // (With fault injection, a pause here lets lock-free operations land before we queue.)
  if (c.cfg.fault_injection) inject_fault(g);
  Waiter w;
  w.g = &g;
  w.elem = elem;
  w.is_send = true;
  w.ch = this;
  ChanAccess::enqueue(*this, &w);
  Dequeue guard{*this, w};
  ChanAccess::settle(c, *this);  // a slot freed on the lock-free path before we were queued
  if (w.completed) return;
  c.emit(EventKind::SendWait, &g, id_, [&] { return describe(elem); }, 0, event_len());
  c.park_released(&g, lk, GState::Blocked, Wait::ChanSend, id_);
  if (!w.success) throw Panic("send on closed channel");
}

bool ChanCore::recv(void* elem) {
  G& g = goroutine_for(*this, "channel receive");
  Core& c = *core_;
  bool ok = false;
  if (c.fast_ok.load(std::memory_order_relaxed)) {
    if (cap_ == 0 ? box_meet(g, elem, &ok, false, true) == kFastDone : fast_with_spin(c, *this, [&] { return fast_recv(g, elem, &ok); }))
      return ok;
  }
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan receive", id_);
  if (ChanAccess::recv_ready(c, *this, &g, elem, &ok)) return ok;
  // (With fault injection, a pause here lets lock-free operations land before we queue.)
  if (c.cfg.fault_injection) inject_fault(g);
  Waiter w;
  w.g = &g;
  w.elem = elem;
  w.ok = &ok;
  w.ch = this;
  ChanAccess::enqueue(*this, &w);
  Dequeue guard{*this, w};
  ChanAccess::settle(c, *this);  // a value buffered on the lock-free path before we were queued
  if (w.completed) return w.success;
  c.emit(EventKind::RecvWait, &g, id_, {}, 0, 0);
  c.park_released(&g, lk, GState::Blocked, Wait::ChanRecv, id_);
  return w.success;
}

bool ChanCore::try_send(void* elem) {
  G& g = goroutine_for(*this, "channel send");
  Core& c = *core_;
  if (c.fast_ok.load(std::memory_order_relaxed) && (cap_ ? fast_send(g, elem) : box_meet(g, elem, nullptr, true, false)) == kFastDone)
    return true;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan send", id_);
  if (ChanAccess::closed(*this)) throw Panic("send on closed channel");
  return ChanAccess::send_ready(c, *this, &g, elem);
}

bool ChanCore::try_recv(void* elem, bool* ok) {
  G& g = goroutine_for(*this, "channel receive");
  Core& c = *core_;
  if (c.fast_ok.load(std::memory_order_relaxed) && (cap_ ? fast_recv(g, elem, ok) : box_meet(g, elem, ok, false, false)) == kFastDone)
    return true;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan receive", id_);
  return ChanAccess::recv_ready(c, *this, &g, elem, ok);
}

void ChanCore::close() {
  G& g = goroutine_for(*this, "close");
  Core& c = *core_;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "close", id_);
  if (ChanAccess::closed(*this)) throw Panic("close of closed channel");
  ChanAccess::close_now(c, *this, &g);
}

std::size_t ChanCore::len() const { return ring_len(); }

void close_locked(ChanCore& ch) {
  if (!ChanAccess::closed(ch)) ChanAccess::close_now(ch.core(), ch, nullptr);
}

bool try_send_locked(ChanCore& ch, void* elem) {
  if (ChanAccess::closed(ch)) return false;
  return ChanAccess::send_ready(ch.core(), ch, nullptr, elem);
}

namespace {
[[noreturn]] void block_forever(const char* op, Wait why) {
  G& g = require_g(op);
  Core& c = *g.core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, op, 0);
  for (;;) c.park(&g, lk, GState::Blocked, why, 0);  // only abort wakes it (park throws Aborted)
}
}  // namespace

void block_nil_send() { block_forever("chan send", Wait::ChanSendNil); }
void block_nil_recv() { block_forever("chan receive", Wait::ChanRecvNil); }

void close_nil() {
  G& g = require_g("close");
  Core& c = *g.core;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "close", 0);
  throw Panic("close of nil channel");
}

ChannelInfo channel_info(const ChanCore& ch_const) {
  auto& ch = const_cast<ChanCore&>(ch_const);
  ChannelInfo i;
  i.id = ch.id();
  i.name = ch.name();
  i.cap = ch.cap();
  i.buffer = ch.describe_buffer();
  i.closed = ChanAccess::closed(ch);
  for (Waiter* w : ChanAccess::sendq(ch)) {
    i.senders.push_back(w->g->id);
    i.pending_values.push_back(ch.describe(w->elem));
  }
  for (Waiter* w : ChanAccess::recvq(ch)) i.receivers.push_back(w->g->id);
  i.sends = ChanAccess::sends(ch);
  i.recvs = ChanAccess::recvs(ch);
  return i;
}

}  // namespace poollab::rt::detail
