// select over send and receive cases (runtime/select.go is the model): poll the
// cases in a random order; if none is ready take the default, else park on all.
#include <algorithm>
#include <numeric>

#include "chan_access.hpp"
#include "core.hpp"

namespace poollab::rt {

Select::Select() = default;
Select::~Select() = default;

Select& Select::add_case(detail::ChanCore* ch, bool is_send, void* elem, bool* ok) {
  cases_.push_back(Case{ch, is_send, elem, ok});
  return *this;
}

Select& Select::otherwise() {
  has_default_ = true;
  return *this;
}

int Select::run() {
  using namespace detail;
  G& g = require_g("select");
  Core& c = *g.core;
  for (const Case& k : cases_) {
    if (k.ch && &k.ch->core() != &c) throw UsageError("poollab::rt: select on a channel of another Runtime");
  }
  std::unique_lock lk(c.mu);
  c.gate_point(&g, lk, "select", 0);

  std::vector<int> order(cases_.size());
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[c.rng() % i]);

  auto done = [&](int index) {
    c.emit(EventKind::SelectDone, &g, index >= 0 && cases_[index].ch ? cases_[index].ch->id() : 0,
           [&] { return std::to_string(index); }, 0, index);
    return index;
  };

  for (int i : order) {
    const Case& k = cases_[i];
    if (!k.ch) continue;  // a nil channel case is never ready
    if (k.is_send) {
      if (ChanAccess::closed(*k.ch)) throw Panic("send on closed channel");
      if (ChanAccess::send_ready(c, *k.ch, &g, k.elem)) return done(i);
    } else {
      if (ChanAccess::recv_ready(c, *k.ch, &g, k.elem, k.ok)) return done(i);
    }
  }
  if (has_default_) return done(-1);

  bool any = std::any_of(cases_.begin(), cases_.end(), [](const Case& k) { return k.ch != nullptr; });
  if (!any) {
    // select {} (or only nil channels): blocks forever; only abort wakes it.
    Wait why = cases_.empty() ? Wait::SelectNoCases : Wait::Select;
    for (;;) c.park(&g, lk, GState::Blocked, why, 0);
  }

  if (c.cfg.fault_injection) inject_fault(g);  // lets lock-free operations land before we queue
  SelectWait sel;
  sel.waiters.resize(cases_.size());
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    const Case& k = cases_[i];
    Waiter& w = sel.waiters[i];
    if (!k.ch) continue;
    w.g = &g;
    w.elem = k.elem;
    w.ok = k.ok;
    w.is_send = k.is_send;
    w.sel = &sel;
    w.case_index = static_cast<int>(i);
    w.ch = k.ch;
    ChanAccess::enqueue(*k.ch, &w);
    g.select_on.push_back(k.ch->id());
  }
  struct Cleanup {
    SelectWait& sel;
    ~Cleanup() {
      for (Waiter& w : sel.waiters) {
        if (w.ch && ChanAccess::queued(*w.ch, &w)) ChanAccess::remove(*w.ch, &w);
      }
    }
  } cleanup{sel};
  // Values buffered or slots freed on the lock-free path before we were queued.
  for (const Case& k : cases_) {
    if (k.ch && sel.fired < 0) ChanAccess::settle(c, *k.ch);
  }
  if (sel.fired < 0) {
    c.emit(EventKind::SelectWait, &g, 0, {}, 0, static_cast<std::int64_t>(cases_.size()));
    c.park(&g, lk, GState::Blocked, Wait::Select, 0);
  } else {
    g.select_on.clear();  // completed by its own re-check: nobody woke it
  }
  int fired = sel.fired;
  const Case& k = cases_[fired];
  if (k.is_send && !sel.waiters[fired].success) throw Panic("send on closed channel");
  return done(fired);
}

}  // namespace poollab::rt
