// select: readiness, default, fairness, nil cases, closed channels, no stale waiters
// (after Go's runtime/chan_test.go and test/chan/select*.go).
#include <array>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;
using rt::Select;

TEST_CASE("default is taken only when no case is ready" * doctest::timeout(30)) {
  run_ok([] {
    Chan<int> a(1), b(1);
    int got = 0;
    expect(Select().recv(a, &got).recv(b, &got).otherwise().run() == -1, "nothing ready: default");
    b.send(7);
    expect(Select().recv(a, &got).recv(b, &got).otherwise().run() == 1 && got == 7, "ready receive beats default");
    expect(Select().send(a, 3).otherwise().run() == 0, "send into free slot beats default");
    expect(Select().send(a, 4).otherwise().run() == -1, "full: default");
  });
}

TEST_CASE("choice among ready cases is uniform: 10,000 trials within 10 sigma" * doctest::timeout(60)) {
  std::array<int, 2> counts{};
  run_ok([&] {
    Chan<int> a(1), b(1);
    for (int i = 0; i < 10000; ++i) {
      a.send(1);
      b.send(2);
      int v = 0;
      int k = Select().recv(a, &v).recv(b, &v).run();
      ++counts[static_cast<std::size_t>(k)];
      // drain the other
      if (k == 0) b.recv(); else a.recv();
    }
  });
  // n p = 5000, sigma = sqrt(n p (1-p)) = 50
  CHECK(std::abs(counts[0] - 5000) < 500);
  CHECK(counts[0] + counts[1] == 10000);
}

TEST_CASE("nil channel cases are never ready" * doctest::timeout(30)) {
  run_ok([] {
    Chan<int> nil_chan;
    Chan<int> ready(1);
    ready.send(9);
    int v = 0;
    for (int i = 0; i < 100; ++i) {
      expect(Select().recv(nil_chan, &v).send(nil_chan, 1).otherwise().run() == -1, "nil cases with default");
    }
    expect(Select().recv(nil_chan, &v).recv(ready, &v).run() == 1 && v == 9, "the non-nil case wins");
  });
  auto o = run_main([] {
    Chan<int> nil_chan;
    int v = 0;
    Select().recv(nil_chan, &v).run();
  });
  CHECK(o.kind == rt::OutcomeKind::Deadlock);
  CHECK(o.text.find("goroutine 1 [select]:") != std::string::npos);
}

TEST_CASE("select with no cases blocks forever" * doctest::timeout(30)) {
  auto o = run_main([] { Select().run(); });
  REQUIRE(o.kind == rt::OutcomeKind::Deadlock);
  CHECK(o.text.find("goroutine 1 [select (no cases)]:") != std::string::npos);
}

TEST_CASE("a send case on a closed channel panics, even with a default" * doctest::timeout(30)) {
  auto o = run_main([] {
    Chan<int> c(5);
    c.close();
    Select().send(c, 1).otherwise().run();
  });
  CHECK(o.message == "panic: send on closed channel");
  auto parked = run_main([] {
    Chan<int> c(0);
    Chan<int> other(0);
    rt::go("main.closer", [c] {
      rt::sleep(10 * ms);
      c.close();
    });
    int v = 0;
    Select().send(c, 1).recv(other, &v).run();
  });
  CHECK(parked.message == "panic: send on closed channel");
}

TEST_CASE("a closed channel's receive case is ready with ok=false" * doctest::timeout(30)) {
  run_ok([] {
    Chan<int> c(0);
    c.close();
    int v = 5;
    bool ok = true;
    expect(Select().recv(c, &v, &ok).run() == 0 && !ok && v == 0, "closed receive case");
  });
}

TEST_CASE("the same channel in several cases" * doctest::timeout(30)) {
  run_ok([] {
    Chan<int> c(0);
    rt::go("main.sender", [c] {
      for (int i = 0; i < 100; ++i) c.send(i);
    });
    std::array<int, 3> hits{};
    for (int i = 0; i < 100; ++i) {
      int v = -1;
      int k = Select().recv(c, &v).recv(c, &v).recv(c, &v).run();
      expect(v == i, "values in order through any case");
      ++hits[static_cast<std::size_t>(k)];
    }
    expect(hits[0] + hits[1] + hits[2] == 100, "every receive counted");
  });
}

TEST_CASE("a select sending and receiving on one unbuffered channel never matches itself" * doctest::timeout(30)) {
  auto o = run_main([] {
    Chan<int> c(0);
    int v = 0;
    Select().send(c, 1).recv(c, &v).run();
  });
  CHECK(o.kind == rt::OutcomeKind::Deadlock);
}

TEST_CASE("a losing select leaves no stale waiter" * doctest::timeout(120)) {
  const int n = scaled(100000);
  run_ok([n] {
    Chan<int> a(0), b(0);
    Chan<int> done(0);
    rt::go("main.selector", [a, b, done, n] {
      for (int i = 0; i < n; ++i) {
        int v = 0;
        Select().recv(a, &v).recv(b, &v).run();
      }
      done.send(1);
    });
    for (int i = 0; i < n; ++i) a.send(i);
    done.recv();
    // A stale waiter on b would accept this send.
    expect(!b.try_send(1), "no receiver left parked on the losing channel");
    for (auto& ch : rt::current_runtime().snapshot().channels) {
      expect(ch.receivers.empty() && ch.senders.empty(), "no parked waiters remain");
    }
  });
}

TEST_CASE("non-blocking receive never takes default wrongly (chan_test.go races)" * doctest::timeout(120)) {
  const int runs = scaled(10000);
  run_ok([runs] {
    for (int i = 0; i < runs; ++i) {
      Chan<int> c(1);
      c.send(1);
      Chan<bool> result(1);
      rt::go("main.func1", [c, result] {
        int v = 0;
        result.send(Select().recv(c, &v).otherwise().run() == 0);
      });
      c.close();
      c.recv();
      expect(result.recv().first, "select took default although the channel was ready");
    }
  });
  // TestNonblockSelectRace: one of two selects must succeed.
  run_ok([runs] {
    for (int i = 0; i < runs; ++i) {
      Chan<int> c1(1), c2(1);
      c1.send(1);
      Chan<bool> done(1);
      rt::go("main.func2", [c1, c2, done] {
        int v = 0;
        bool ok = Select().recv(c1, &v).recv(c2, &v).otherwise().run() >= 0;
        done.send(ok);
      });
      c2.send(1);
      int v = 0;
      Select().recv(c1, &v).otherwise().run();
      expect(done.recv().first, "select took default although a channel was ready");
    }
  });
}
