// context.Context (after Go's context/context_test.go).
#include <algorithm>
#include <random>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Context;

TEST_CASE("cancel is immediate and flows to children, never to the parent" * doctest::timeout(30)) {
  run_ok([] {
    auto [parent, cancel_parent] = Context::with_cancel(Context::background());
    auto [child, cancel_child] = Context::with_cancel(parent);
    auto [grandchild, cancel_grandchild] = Context::with_cancel(child);
    expect(child.err().empty() && !child.done().try_recv().has_value(), "fresh context is not done");
    cancel_child();
    expect(child.err() == "context canceled", "child err after cancel");
    expect(grandchild.err() == "context canceled", "grandchild err after cancel");
    expect(child.done().try_recv().has_value() && grandchild.done().try_recv().has_value(), "done channels closed");
    expect(parent.err().empty() && !parent.done().try_recv().has_value(), "parent untouched");
    cancel_child();  // idempotent
    cancel_parent();
    cancel_grandchild();
    expect(parent.err() == "context canceled", "parent err after its own cancel");
    expect(Context::background().done().is_nil() && Context::background().err().empty(), "Background never ends");
  });
}

TEST_CASE("a timeout gives context deadline exceeded at exactly that virtual time" * doctest::timeout(30)) {
  auto o = run_ok([] {
    auto [ctx, cancel] = Context::with_timeout(Context::background(), 50 * ms);
    ctx.done().recv();
    expect(ctx.err() == "context deadline exceeded", "deadline err");
    expect(rt::now() == 50 * ms, "woken exactly at the deadline");
    cancel();
    expect(ctx.err() == "context deadline exceeded", "cancel after expiry keeps the first error");
  });
  CHECK(o.time == 50 * ms);
}

TEST_CASE("a past deadline is already done; a child inherits the sooner deadline" * doctest::timeout(30)) {
  run_ok([] {
    rt::sleep(10 * ms);
    auto [ctx, cancel] = Context::with_deadline(Context::background(), 5 * ms);
    expect(ctx.err() == "context deadline exceeded" && ctx.done().try_recv().has_value(), "past deadline");
    auto [outer, c1] = Context::with_timeout(Context::background(), 20 * ms);
    auto [inner, c2] = Context::with_timeout(outer, 1000 * ms);
    inner.done().recv();
    expect(rt::now() == 30 * ms, "child ends with the parent's sooner deadline");
    expect(inner.err() == "context deadline exceeded", "inherited deadline error");
    c1();
    c2();
    cancel();
  });
}

TEST_CASE("a 100-node tree cancelled in random order finishes" * doctest::timeout(60)) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    run_ok([seed] {
      std::mt19937 rng(seed);
      std::vector<Context> nodes{Context::background()};
      std::vector<Context::CancelFunc> cancels;
      for (int i = 0; i < 100; ++i) {
        auto [ctx, cancel] = Context::with_cancel(nodes[rng() % nodes.size()]);
        nodes.push_back(ctx);
        cancels.push_back(cancel);
      }
      rt::WaitGroup wg;
      for (std::size_t i = 1; i < nodes.size(); ++i) {
        wg.add(1);
        rt::go("main.watch", [ctx = nodes[i], wg]() mutable {
          ctx.done().recv();
          wg.done();
        });
      }
      std::shuffle(cancels.begin(), cancels.end(), rng);
      for (auto& c : cancels) c();
      wg.wait();
      for (std::size_t i = 1; i < nodes.size(); ++i) expect(nodes[i].err() == "context canceled", "every node cancelled");
    });
  }
}

TEST_CASE("workers abandon their jobs on cancel: the double select" * doctest::timeout(30)) {
  run_ok([] {
    auto [ctx, cancel] = Context::with_cancel(Context::background());
    rt::Chan<int> jobs(0);
    rt::Chan<int> stopped(3);
    for (int w = 0; w < 3; ++w) {
      rt::go("main.worker", [ctx, jobs, stopped] {
        for (;;) {
          int j = 0;
          bool ok = false;
          int k = rt::Select().recv(ctx.done()).recv(jobs, &j, &ok).run();
          if (k == 0 || !ok) break;
        }
        stopped.send(1);
      });
    }
    jobs.send(1);
    jobs.send(2);
    cancel();
    for (int w = 0; w < 3; ++w) stopped.recv();
  });
}

TEST_CASE("a cancel with a cause hands it to the whole subtree; the first cancellation's cause stays" *
          doctest::timeout(30)) {
  run_ok([] {
    auto [root, stop] = Context::with_cancel_cause(Context::background());
    auto [child, cancel_child] = Context::with_cancel(root);
    auto [inner, cancel_inner] = Context::with_cancel_cause(root);
    auto own = std::make_shared<const std::string>("inner first");
    cancel_inner(own);
    expect(inner.cause() == own, "its own cause, given first");
    expect(root.cause() == nullptr && child.cause() == nullptr, "nothing above or beside it cancelled yet");
    auto shutdown = std::make_shared<const std::string>("shutting down");
    stop(shutdown);
    stop(std::make_shared<const std::string>("second"));  // too late: the first cause stays
    expect(root.err() == "context canceled" && root.cause() == shutdown, "the root's cause");
    expect(child.err() == "context canceled" && child.cause() == shutdown, "handed down to a plain child");
    expect(inner.cause() == own, "a context already cancelled keeps its own");
    auto [late, cancel_late] = Context::with_cancel(root);
    expect(late.err() == "context canceled" && late.cause() == shutdown, "a child made afterwards gets it too");
    auto [plain, cancel_plain] = Context::with_cancel_cause(Context::background());
    cancel_plain(nullptr);
    expect(plain.err() == "context canceled" && plain.cause() == nullptr, "no cause given");
    cancel_child();
    cancel_late();
  });
}
