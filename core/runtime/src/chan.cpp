// Channel operations with Go's semantics (runtime/chan.go is the model).
#include <algorithm>

#include "chan_access.hpp"
#include "core.hpp"

namespace poollab::rt::detail {

void ChanAccess::remove(ChanCore& ch, Waiter* w) {
  auto& q = w->is_send ? ch.q_->sendq : ch.q_->recvq;
  q.erase(std::remove(q.begin(), q.end(), w), q.end());
}

bool ChanAccess::queued(const ChanCore& ch, const Waiter* w) {
  const auto& q = w->is_send ? ch.q_->sendq : ch.q_->recvq;
  return std::find(q.begin(), q.end(), w) != q.end();
}

Waiter* ChanAccess::pop(std::deque<Waiter*>& q) {
  if (q.empty()) return nullptr;
  Waiter* w = q.front();
  q.pop_front();
  return w;
}

// Finish a parked waiter: record the result, disarm the rest of its select, wake it.
void ChanAccess::complete(Core& c, Waiter* w, bool success, GoId peer) {
  w->success = success;
  w->peer = peer;
  if (w->sel) {
    w->sel->fired = w->case_index;
    for (Waiter& other : w->sel->waiters) {
      if (&other != w && other.ch) remove(*other.ch, &other);
    }
  }
  c.ready(w->g);
}

std::deque<Waiter*>& ChanAccess::sendq(ChanCore& ch) { return ch.q_->sendq; }
std::deque<Waiter*>& ChanAccess::recvq(ChanCore& ch) { return ch.q_->recvq; }
bool& ChanAccess::closed(ChanCore& ch) { return ch.closed_; }
std::uint64_t& ChanAccess::sends(ChanCore& ch) { return ch.sends_; }
std::uint64_t& ChanAccess::recvs(ChanCore& ch) { return ch.recvs_; }

// Hand a value from `elem` (a sender) to the first parked receiver, or buffer it.
// Returns false if the operation would block. mu held; `g` may be null (timers).
bool ChanAccess::send_ready(Core& c, ChanCore& ch, G* g, void* elem) {
  if (Waiter* r = pop(ch.q_->recvq)) {
    GoId me = g ? g->id : 0;
    c.emit(EventKind::SendDone, g, ch.id_, [&] { return ch.describe(elem); }, r->g->id,
           static_cast<std::int64_t>(ch.buf_size()));
    ch.move_elem(r->elem, elem);
    if (r->ok) *r->ok = true;
    ++ch.sends_;
    ++ch.recvs_;
    c.emit(EventKind::RecvDone, r->g, ch.id_, [&] { return ch.describe(r->elem); }, me,
           static_cast<std::int64_t>(ch.buf_size()));
    complete(c, r, true, me);
    return true;
  }
  if (ch.buf_size() < ch.cap_) {
    c.emit(EventKind::SendDone, g, ch.id_, [&] { return ch.describe(elem); }, 0,
           static_cast<std::int64_t>(ch.buf_size() + 1));
    ch.buf_push(elem);
    ++ch.sends_;
    return true;
  }
  return false;
}

// Take a value into `elem` from a parked sender or the buffer; a closed, empty
// channel yields the zero value and ok=false. Returns false if it would block.
bool ChanAccess::recv_ready(Core& c, ChanCore& ch, G* g, void* elem, bool* ok) {
  if (Waiter* s = pop(ch.q_->sendq)) {
    GoId me = g ? g->id : 0;
    std::string sent;  // the parked sender's value, for both events
    if (c.observed.load(std::memory_order_relaxed)) sent = ch.describe(s->elem);
    if (ch.cap_ == 0) {
      c.emit(EventKind::RecvDone, g, ch.id_, [&] { return sent; }, s->g->id, 0);
      ch.move_elem(elem, s->elem);
    } else {
      // Full buffer: take the head, the parked sender's value goes to the tail.
      ch.buf_pop(elem);
      c.emit(EventKind::RecvDone, g, ch.id_, [&] { return ch.describe(elem); }, 0,
             static_cast<std::int64_t>(ch.buf_size()));
      ch.buf_push(s->elem);
    }
    ++ch.sends_;
    ++ch.recvs_;
    c.emit(EventKind::SendDone, s->g, ch.id_, [&] { return sent; }, ch.cap_ == 0 ? me : 0,
           static_cast<std::int64_t>(ch.buf_size()));
    if (ok) *ok = true;
    complete(c, s, true, me);
    return true;
  }
  if (ch.buf_size() > 0) {
    ch.buf_pop(elem);
    ++ch.recvs_;
    c.emit(EventKind::RecvDone, g, ch.id_, [&] { return ch.describe(elem); }, 0,
           static_cast<std::int64_t>(ch.buf_size()));
    if (ok) *ok = true;
    return true;
  }
  if (ch.closed_) {
    ch.zero_elem(elem);
    c.emit(EventKind::RecvDone, g, ch.id_, [&] { return ch.describe(elem); }, 0, 0, false);
    if (ok) *ok = false;
    return true;
  }
  return false;
}

void ChanAccess::close_now(Core& c, ChanCore& ch, G* g) {
  ch.closed_ = true;
  c.emit(EventKind::Close, g, ch.id_, {}, 0, static_cast<std::int64_t>(ch.buf_size()));
  while (Waiter* r = pop(ch.q_->recvq)) {
    ch.zero_elem(r->elem);
    if (r->ok) *r->ok = false;
    c.emit(EventKind::RecvDone, r->g, ch.id_, [&] { return ch.describe(r->elem); }, 0, 0, false);
    complete(c, r, false, g ? g->id : 0);
  }
  while (Waiter* s = pop(ch.q_->sendq)) complete(c, s, false, g ? g->id : 0);
}

namespace {

// Removes a waiter from its queue if it is still there when the scope ends
// (the goroutine is being torn down while parked).
struct Dequeue {
  ChanCore& ch;
  Waiter& w;
  ~Dequeue() {
    if (ChanAccess::queued(ch, &w)) ChanAccess::remove(ch, &w);
  }
};

G& goroutine_for(const ChanCore& ch, const char* what) {
  G& g = require_g(what);
  if (g.core != &ch.core()) throw UsageError(std::string("poollab::rt: ") + what + " on a channel of another Runtime");
  return g;
}

}  // namespace

ChanCore::ChanCore(std::shared_ptr<Core> core, long capacity, std::string name)
    : core_(std::move(core)), id_(0), cap_(0), name_(std::move(name)), q_(std::make_unique<Queues>()) {
  if (capacity < 0) {
    if (current_g()) throw Panic("runtime error: makechan: size out of range");
    throw UsageError("poollab::rt::Chan: negative buffer size " + std::to_string(capacity));
  }
  cap_ = static_cast<std::size_t>(capacity);
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
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan send", id_);
  if (closed_) throw Panic("send on closed channel");
  if (ChanAccess::send_ready(c, *this, &g, elem)) return;
  Waiter w;
  w.g = &g;
  w.elem = elem;
  w.is_send = true;
  w.ch = this;
  q_->sendq.push_back(&w);
  Dequeue guard{*this, w};
  c.emit(EventKind::SendWait, &g, id_, [&] { return describe(elem); }, 0, static_cast<std::int64_t>(buf_size()));
  c.park(&g, lk, GState::Blocked, Wait::ChanSend, id_);
  if (!w.success) throw Panic("send on closed channel");
}

bool ChanCore::recv(void* elem) {
  G& g = goroutine_for(*this, "channel receive");
  Core& c = *core_;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan receive", id_);
  bool ok = false;
  if (ChanAccess::recv_ready(c, *this, &g, elem, &ok)) return ok;
  Waiter w;
  w.g = &g;
  w.elem = elem;
  w.ok = &ok;
  w.ch = this;
  q_->recvq.push_back(&w);
  Dequeue guard{*this, w};
  c.emit(EventKind::RecvWait, &g, id_, {}, 0, 0);
  c.park(&g, lk, GState::Blocked, Wait::ChanRecv, id_);
  return w.success;
}

bool ChanCore::try_send(void* elem) {
  G& g = goroutine_for(*this, "channel send");
  Core& c = *core_;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan send", id_);
  if (closed_) throw Panic("send on closed channel");
  return ChanAccess::send_ready(c, *this, &g, elem);
}

bool ChanCore::try_recv(void* elem, bool* ok) {
  G& g = goroutine_for(*this, "channel receive");
  Core& c = *core_;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "chan receive", id_);
  return ChanAccess::recv_ready(c, *this, &g, elem, ok);
}

void ChanCore::close() {
  G& g = goroutine_for(*this, "close");
  Core& c = *core_;
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "close", id_);
  if (closed_) throw Panic("close of closed channel");
  ChanAccess::close_now(c, *this, &g);
}

std::size_t ChanCore::len() const {
  std::lock_guard lk(core_->mu);
  return buf_size();
}

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
