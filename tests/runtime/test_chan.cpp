// Channel semantics for every capacity 0..20 (after Go's runtime/chan_test.go).
#include <atomic>
#include <numeric>
#include <vector>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

TEST_CASE("receive on empty blocks, send on full blocks, close drains in order" * doctest::timeout(60)) {
  for (long cap = 0; cap <= 20; ++cap) {
    CAPTURE(cap);
    run_ok([cap] {
      Chan<int> c(cap);
      expect(c.len() == 0 && c.cap() == static_cast<std::size_t>(cap), "len/cap of empty channel");
      // Non-blocking receive on an empty channel fails.
      expect(!c.try_recv().has_value(), "try_recv on empty channel must fail");
      // A blocking receive parks until a sender arrives.
      Chan<int> got(1);
      rt::go("main.receiver", [c, got] { got.send(c.recv().first); });
      c.send(42);
      expect(got.recv().first == 42, "parked receiver gets the value");
      // Fill the buffer; the next non-blocking send fails.
      for (long i = 0; i < cap; ++i) expect(c.try_send(static_cast<int>(i)), "try_send into free buffer slot");
      expect(c.len() == static_cast<std::size_t>(cap), "len when full");
      expect(!c.try_send(-1), "try_send on full channel must fail");
      // A blocking send parks until a receiver takes the head.
      Chan<int> sent(1);
      rt::go("main.sender", [c, sent] {
        c.send(1000);
        sent.send(1);
      });
      if (cap > 0) {
        expect(c.recv().first == 0, "head of buffer first");
      } else {
        expect(c.recv().first == 1000, "unbuffered hand-off");
      }
      sent.recv();
      c.close();
      expect(c.len() == static_cast<std::size_t>(cap), "len after close keeps the buffered values");
      std::vector<int> want;
      for (long i = 1; i < cap; ++i) want.push_back(static_cast<int>(i));
      if (cap > 0) want.push_back(1000);
      for (int w : want) {
        auto [v, ok] = c.recv();
        expect(ok && v == w, "values in FIFO order after close");
      }
      for (int i = 0; i < 5; ++i) {
        auto [v, ok] = c.recv();
        expect(!ok && v == 0, "closed and drained: zero value, ok=false, without blocking");
        auto t = c.try_recv();
        expect(t.has_value() && !t->second, "non-blocking receive on closed channel succeeds with ok=false");
      }
      expect(c.len() == 0 && c.cap() == static_cast<std::size_t>(cap), "len/cap after drain");
    });
  }
}

TEST_CASE("close wakes every parked receiver with ok=false" * doctest::timeout(30)) {
  run_ok([] {
    Chan<int> c(0);
    Chan<bool> results(10);
    rt::WaitGroup parked;
    for (int i = 0; i < 10; ++i) {
      rt::go("main.receiver", [c, results] {
        auto [v, ok] = c.recv();
        results.send(!ok && v == 0);
      });
    }
    // Wait until all ten are parked: the runtime's own snapshot says so.
    while (rt::current_runtime().snapshot().channels.size() < 2 ||
           [&] {
             for (auto& ch : rt::current_runtime().snapshot().channels)
               if (ch.id == c.id()) return ch.receivers.size() < 10;
             return true;
           }()) {
      rt::gosched();
    }
    c.close();
    for (int i = 0; i < 10; ++i) expect(results.recv().first, "receiver woke with ok=false");
  });
}

TEST_CASE("close makes a parked sender panic with Go's text" * doctest::timeout(30)) {
  auto o = run_main([] {
    Chan<int> c(0);
    Chan<int> started(1);
    rt::go("main.sender", [c, started] {
      started.send(1);
      c.send(1);
    });
    started.recv();
    for (;;) {  // until the sender is parked on c
      bool parked = false;
      for (auto& ch : rt::current_runtime().snapshot().channels)
        if (ch.id == c.id() && ch.senders.size() == 1) parked = true;
      if (parked) break;
      rt::gosched();
    }
    c.close();
    rt::sleep(1000 * ms);  // main waits; the sender's panic ends the program first
  });
  CHECK(o.kind == rt::OutcomeKind::Panic);
  CHECK(o.message == "panic: send on closed channel");
  CHECK(o.exit_code == 2);
  CHECK(o.text.find("goroutine 2 [running]:") != std::string::npos);
}

TEST_CASE("close of closed and close of nil panic with Go's text" * doctest::timeout(30)) {
  auto o = run_main([] {
    Chan<int> c(3);
    c.close();
    c.close();
  });
  CHECK(o.kind == rt::OutcomeKind::Panic);
  CHECK(o.message == "panic: close of closed channel");
  auto n = run_main([] { Chan<int>().close(); });
  CHECK(n.message == "panic: close of nil channel");
  auto s = run_main([] {
    Chan<int> c(1);
    c.close();
    c.send(1);
  });
  CHECK(s.message == "panic: send on closed channel");
  auto t = run_main([] {
    Chan<int> c(1);
    c.close();
    (void)c.try_send(1);
  });
  CHECK(t.message == "panic: send on closed channel");
}

TEST_CASE("nil channel send and receive block forever" * doctest::timeout(30)) {
  auto o = run_main([] {
    Chan<int> nil_chan;
    rt::go("main.sender", [nil_chan] { nil_chan.send(1); });
    nil_chan.recv();
  });
  REQUIRE(o.kind == rt::OutcomeKind::Deadlock);
  CHECK(o.message == "fatal error: all goroutines are asleep - deadlock!");
  CHECK(o.text.find("goroutine 1 [chan receive (nil chan)]:") != std::string::npos);
  CHECK(o.text.find("goroutine 2 [chan send (nil chan)]:") != std::string::npos);
  run_ok([] {
    Chan<int> nil_chan;
    expect(!nil_chan.try_recv().has_value() && !nil_chan.try_send(1), "nil channel is never ready");
    expect(nil_chan.len() == 0 && nil_chan.cap() == 0, "nil channel len/cap are 0");
  });
}

TEST_CASE("FIFO of 100 values" * doctest::timeout(30)) {
  run_ok([] {
    Chan<int> c(100);
    for (int i = 0; i < 100; ++i) c.send(i);
    for (int i = 0; i < 100; ++i) expect(c.recv().first == i, "FIFO order");
  });
}

TEST_CASE("4 producers x 1000 values into 4 consumers: every value exactly once" * doctest::timeout(120)) {
  for (long cap : {0L, 1L, 10L, 1000L}) {
    CAPTURE(cap);
    std::vector<int> seen(4000, 0);
    run_ok([&seen, cap] {
      Chan<int> c(cap);
      Chan<std::vector<int>> done(4);
      rt::WaitGroup producers;
      for (int p = 0; p < 4; ++p) {
        producers.add(1);
        rt::go("main.producer", [c, p, producers]() mutable {
          for (int i = 0; i < 1000; ++i) c.send(p * 1000 + i);
          producers.done();
        });
      }
      for (int k = 0; k < 4; ++k) {
        rt::go("main.consumer", [c, done] {
          std::vector<int> mine;
          for (;;) {
            auto [v, ok] = c.recv();
            if (!ok) break;
            mine.push_back(v);
          }
          done.send(std::move(mine));
        });
      }
      producers.wait();
      c.close();
      for (int k = 0; k < 4; ++k)
        for (int v : done.recv().first) ++seen[v];
    });
    for (int v = 0; v < 4000; ++v) REQUIRE(seen[v] == 1);
  }
}

TEST_CASE("23 workers ranging over q into r: count and sum exact over 271,828 items" * doctest::timeout(300)) {
  const long n = scaled(271828);
  long count = 0, sum = 0;
  run_ok([&] {
    Chan<long> q(100), r(100);
    rt::WaitGroup wg;
    for (int w = 0; w < 23; ++w) {
      wg.add(1);
      rt::go("main.worker", [q, r, wg]() mutable {
        for (;;) {
          auto [v, ok] = q.recv();
          if (!ok) break;
          r.send(v);
        }
        wg.done();
      });
    }
    rt::go("main.feeder", [q, r, wg, n]() mutable {
      for (long i = 1; i <= n; ++i) q.send(i);
      q.close();
      wg.wait();
      r.close();
    });
    for (;;) {
      auto [v, ok] = r.recv();
      if (!ok) break;
      ++count;
      sum += v;
    }
  });
  CHECK(count == n);
  CHECK(sum == n * (n + 1) / 2);
}

TEST_CASE("direction-restricted views share the channel" * doctest::timeout(30)) {
  run_ok([] {
    Chan<int> c(2);
    rt::SendOnly<int> out = c.send_only();
    rt::RecvOnly<int> in = c.recv_only();
    out.send(5);
    expect(in.len() == 1 && out.cap() == 2, "len/cap through views");
    expect(in.recv().first == 5, "value through views");
    out.close();
    expect(!in.recv().second, "close through the send-only view");
  });
}

TEST_CASE("a daisy chain of goroutines passes one value" * doctest::timeout(300)) {
  // 10,000 threads; ThreadSanitizer supports at most 8,128 live threads.
  const int n = under_sanitizer() ? 2000 : 10000;
  int result = 0;
  rt::Config cfg;
  cfg.stack_bytes = 128 * 1024;
  cfg.max_goroutines = static_cast<std::size_t>(n) + 2;
  run_ok(
      [&] {
        Chan<int> leftmost(0);
        Chan<int> right = leftmost;
        Chan<int> left = leftmost;
        for (int i = 0; i < n; ++i) {
          right = Chan<int>(0);
          rt::go("main.whisper", [left, right] { left.send(1 + right.recv().first); });
          left = right;
        }
        rt::go("main.main.func1", [right] { right.send(1); });
        result = leftmost.recv().first;
      },
      cfg);
  CHECK(result == n + 1);
}

TEST_CASE("API misuse gets a clear error" * doctest::timeout(30)) {
  rt::Runtime runtime;
  CHECK_THROWS_AS(Chan<int>(runtime, -1), rt::UsageError);
  CHECK_THROWS_AS(Chan<int>(runtime, 1).send(1), rt::UsageError);  // not on a goroutine
  CHECK_THROWS_AS(rt::go("x", [] {}), rt::UsageError);
  auto o = run_main([] { Chan<int> c(-1); });
  CHECK(o.message == "panic: runtime error: makechan: size out of range");
  runtime.start("main.main", [] {});
  CHECK_THROWS_AS(runtime.start("main.main", [] {}), rt::UsageError);
  runtime.wait();
}
