// context.Context: a tree of cancellation scopes (context/context.go is the model).
#include "poollab/runtime/context.hpp"

#include <algorithm>

#include "core.hpp"

namespace poollab::rt {
namespace detail {

struct ContextState : std::enable_shared_from_this<ContextState> {
  std::shared_ptr<Core> core;  // null for Background
  ObjId id = 0;
  Chan<Unit> done;             // nil for Background
  std::string err;
  std::shared_ptr<const void> cause;  // WithCancelCause's cause, handed down the subtree; null otherwise
  std::weak_ptr<ContextState> parent;
  std::vector<std::shared_ptr<ContextState>> children;
  std::uint64_t timer = 0;
  bool has_deadline = false;
  Nanos deadline = 0;
};

namespace {

// Cancel `s` and its whole subtree (mu held). The parent is never touched
// beyond forgetting this child.
void cancel_locked(Core& core, const std::shared_ptr<ContextState>& s, const char* why, G* by, bool detach,
                   const std::shared_ptr<const void>& cause = nullptr) {
  if (!s->err.empty()) return;  // the first cancellation (and its cause) stays
  s->err = why;
  s->cause = cause;
  if (s->timer) {
    core.cancel_timer(s->timer);
    s->timer = 0;
  }
  core.emit(EventKind::Cancel, by, s->id, [&] { return std::string(why); });
  close_locked(*s->done.core());
  auto children = std::move(s->children);
  s->children.clear();
  for (auto& child : children) cancel_locked(core, child, why, by, false, cause);
  if (detach) {
    if (auto p = s->parent.lock()) {
      auto& sib = p->children;
      sib.erase(std::remove(sib.begin(), sib.end(), s), sib.end());
    }
  }
}

std::shared_ptr<ContextState> child_of(const std::shared_ptr<ContextState>& parent) {
  G& g = require_g("context.WithCancel");
  auto s = std::make_shared<ContextState>();
  s->core = g.core->shared_from_this();
  s->id = s->core->next_obj++;
  s->done = Chan<Unit>(0, "ctx.Done()");  // how the pool view and event log name it
  s->parent = parent;
  std::lock_guard lk(s->core->mu);
  if (parent) {
    s->has_deadline = parent->has_deadline;
    s->deadline = parent->deadline;
    if (!parent->err.empty()) {
      cancel_locked(*s->core, s, parent->err == kDeadlineExceeded ? kDeadlineExceeded : kContextCanceled, &g, false,
                    parent->cause);
    } else if (parent->core) {
      parent->children.push_back(s);
    }
  }
  return s;
}

Context::CancelFunc cancel_func(const std::shared_ptr<ContextState>& s) {
  return [s] {
    G& g = require_g("context.CancelFunc");
    std::unique_lock lk(s->core->mu);
    s->core->gate_point(&g, lk, "cancel", s->id);
    cancel_locked(*s->core, s, kContextCanceled, &g, true);
  };
}

Context::CancelCauseFunc cancel_cause_func(const std::shared_ptr<ContextState>& s) {
  return [s](std::shared_ptr<const void> cause) {
    G& g = require_g("context.CancelCauseFunc");
    std::unique_lock lk(s->core->mu);
    s->core->gate_point(&g, lk, "cancel", s->id);
    cancel_locked(*s->core, s, kContextCanceled, &g, true, cause);
  };
}

}  // namespace
}  // namespace detail

Context Context::background() { return Context(std::make_shared<detail::ContextState>()); }

std::pair<Context, Context::CancelFunc> Context::with_cancel(const Context& parent) {
  auto s = detail::child_of(parent.s_);
  return {Context(s), detail::cancel_func(s)};
}

std::pair<Context, Context::CancelCauseFunc> Context::with_cancel_cause(const Context& parent) {
  auto s = detail::child_of(parent.s_);
  return {Context(s), detail::cancel_cause_func(s)};
}

std::pair<Context, Context::CancelFunc> Context::with_deadline(const Context& parent, Nanos deadline) {
  auto s = detail::child_of(parent.s_);
  auto& core = *s->core;
  std::lock_guard lk(core.mu);
  if (s->has_deadline && s->deadline <= deadline) return {Context(s), detail::cancel_func(s)};  // parent's is sooner
  s->has_deadline = true;
  s->deadline = deadline;
  if (s->err.empty()) {
    if (deadline <= core.now_locked()) {
      detail::cancel_locked(core, s, kDeadlineExceeded, detail::current_g(), true);
    } else {
      std::weak_ptr<detail::ContextState> weak = s;
      s->timer = core.add_timer(deadline, [weak](detail::Core& c) {
        if (auto st = weak.lock()) {
          st->timer = 0;
          detail::cancel_locked(c, st, kDeadlineExceeded, nullptr, true);
        }
      });
    }
  }
  return {Context(s), detail::cancel_func(s)};
}

std::pair<Context, Context::CancelFunc> Context::with_timeout(const Context& parent, Nanos timeout) {
  detail::G& g = detail::require_g("context.WithTimeout");
  Nanos now;
  {
    std::lock_guard lk(g.core->mu);
    now = g.core->now_locked();
  }
  return with_deadline(parent, now + timeout);
}

Chan<Unit> Context::done() const { return s_->done; }

std::string Context::err() const {
  if (!s_->core) return "";
  std::lock_guard lk(s_->core->mu);
  return s_->err;
}

std::shared_ptr<const void> Context::cause() const {
  if (!s_->core) return nullptr;
  std::lock_guard lk(s_->core->mu);
  return s_->cause;
}

bool Context::has_deadline() const { return s_->has_deadline; }
Nanos Context::deadline() const { return s_->deadline; }
ObjId Context::id() const { return s_->id; }

}  // namespace poollab::rt
