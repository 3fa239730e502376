// context.Context: cancellation flowing down a tree, timeouts and deadlines.
//
//   auto [ctx, cancel] = rt::Context::with_cancel(rt::Context::background());
//   rt::go("main.worker", [ctx] { ctx.done().recv(); /* ctx.err() == "context canceled" */ });
//   cancel();
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "poollab/runtime/chan.hpp"

namespace poollab::rt {

namespace detail {
struct ContextState;
}

inline constexpr const char* kContextCanceled = "context canceled";
inline constexpr const char* kDeadlineExceeded = "context deadline exceeded";

class Context {
 public:
  using CancelFunc = std::function<void()>;
  // Cancels with a cause (any object the caller likes; null for none), which the
  // context's subtree reports through cause() as Go's context.Cause does.
  using CancelCauseFunc = std::function<void(std::shared_ptr<const void> cause)>;

  static Context background();  // never cancelled; done() is the nil channel
  static std::pair<Context, CancelFunc> with_cancel(const Context& parent);
  //   auto [ctx, cancel] = rt::Context::with_cancel_cause(parent);
  //   cancel(std::make_shared<std::string>("shutdown"));   // ctx.err() == "context canceled"
  static std::pair<Context, CancelCauseFunc> with_cancel_cause(const Context& parent);
  static std::pair<Context, CancelFunc> with_timeout(const Context& parent, Nanos timeout);
  static std::pair<Context, CancelFunc> with_deadline(const Context& parent, Nanos deadline);

  Chan<Unit> done() const;   // closed when cancelled
  std::string err() const;    // "", "context canceled" or "context deadline exceeded"
  // The cause the first cancellation in this context's line gave (with_cancel_cause);
  // null while not cancelled, or when cancelled by a plain cancel or a deadline.
  std::shared_ptr<const void> cause() const;
  bool has_deadline() const;
  Nanos deadline() const;
  ObjId id() const;

 private:
  explicit Context(std::shared_ptr<detail::ContextState> s) : s_(std::move(s)) {}
  std::shared_ptr<detail::ContextState> s_;
};

}  // namespace poollab::rt
