// The hand-off box of unbuffered channels: in a free-running, unobserved run, a send
// or receive that finds nobody parked waits briefly in the channel's box, and its
// partner meets it there without the runtime's lock. These cases go after what the box
// could get wrong: values lost or doubled when a waiter withdraws as a partner claims
// it, a send succeeding after close, a sender that should panic, the counts snapshots
// show, and a deadlock that must still be reported once every waiter has parked.
// Fault injection makes waiters withdraw after a few spins and pauses between steps.
#include <atomic>
#include <future>
#include <vector>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

namespace {
constexpr int kProducers = 4, kConsumers = 4;
rt::Config with_faults(bool faults) {
  rt::Config cfg;
  cfg.fault_injection = faults;
  return cfg;
}
// Runs trial(t) for t < quiet in one program, then for t < faulty in another with
// fault injection; a failed expectation ends the program as a panic.
template <class Trial>
void repeat_in_one_program(int quiet, int faulty, Trial trial) {
  for (bool faults : {false, true}) {
    CAPTURE(faults);
    const int trials = scaled(faults ? faulty : quiet);
    run_ok([trials, trial] {
      for (int t = 0; t < trials; ++t) trial(t);
    }, with_faults(faults));
  }
}
}  // namespace

TEST_CASE("unbuffered hand-offs: every value exactly once, each sender's in its order" * doctest::timeout(120)) {
  for (bool faults : {false, true}) {
    CAPTURE(faults);
    const int per_producer = scaled(faults ? 500 : 5000);
    std::atomic<long> sum{0}, count{0};
    run_ok([&] {
      Chan<int> c(0);
      Chan<rt::Unit> produced(kProducers), consumed(kConsumers);
      for (int p = 0; p < kProducers; ++p) {
        rt::go("main.producer", [c, produced, p, per_producer] {
          for (int i = 0; i < per_producer; ++i) c.send(p * per_producer + i);
          produced.send({});
        });
      }
      for (int k = 0; k < kConsumers; ++k) {
        rt::go("main.consumer", [c, consumed, per_producer, &sum, &count] {
          std::vector<int> last(kProducers, -1);
          for (;;) {
            auto [v, ok] = c.recv();
            if (!ok) break;
            int p = v / per_producer;
            expect(p >= 0 && p < kProducers, "a value nobody sent");
            expect(v > last[static_cast<std::size_t>(p)], "one sender's values out of order");
            last[static_cast<std::size_t>(p)] = v;
            sum += v;
            ++count;
          }
          consumed.send({});
        });
      }
      for (int p = 0; p < kProducers; ++p) produced.recv();
      c.close();
      for (int k = 0; k < kConsumers; ++k) consumed.recv();
    }, with_faults(faults));
    const long n = static_cast<long>(kProducers) * per_producer;
    CHECK(count == n);
    CHECK(sum == n * (n - 1) / 2);
  }
}

TEST_CASE("a ping-pong over unbuffered channels: every value back, counted in the snapshot" * doctest::timeout(60)) {
  for (bool faults : {false, true}) {
    CAPTURE(faults);
    const int rounds = scaled(faults ? 300 : 3000);
    rt::Runtime runtime(with_faults(faults));
    std::promise<void> rounds_done, looked;
    runtime.start("main.main", [&] {
      Chan<int> ping(0, "ping"), pong(0, "pong");
      rt::go("main.echo", [ping, pong] {
        for (;;) {
          auto [v, ok] = ping.recv();
          if (!ok) return;
          pong.send(v * 2);
        }
      });
      for (int i = 0; i < rounds; ++i) {
        ping.send(i);
        expect(pong.recv().first == 2 * i, "the echo of another value");
      }
      rounds_done.set_value();
      looked.get_future().wait();  // the channels stay alive until the snapshot is taken
      ping.close();
    });
    rounds_done.get_future().wait();
    auto snap = runtime.snapshot();
    looked.set_value();
    auto outcome = runtime.wait_for(std::chrono::seconds(30));
    REQUIRE(outcome.has_value());
    CHECK_MESSAGE(outcome->kind == rt::OutcomeKind::Completed, outcome->text);
    int seen = 0;
    for (const auto& ch : snap.channels) {
      if (ch.name != "ping" && ch.name != "pong") continue;
      ++seen;
      CAPTURE(ch.name);
      CHECK(ch.sends == static_cast<std::uint64_t>(rounds));
      CHECK(ch.recvs == static_cast<std::uint64_t>(rounds));
    }
    CHECK(seen == 2);
  }
}

TEST_CASE("a send after close panics, even with a receiver waiting in the box" * doctest::timeout(120)) {
  repeat_in_one_program(3000, 300, [](int) {
    Chan<int> c(0);
    Chan<rt::Unit> ready(1);
    Chan<std::pair<int, bool>> got(1);
    rt::go("main.receiver", [c, ready, got] {
      ready.send({});
      got.send(c.recv());  // in the box, or parked, when main closes
    });
    ready.recv();
    c.close();
    auto p = rt::recover_from([&] { c.send(2); });
    expect(p.has_value() && p->text == "send on closed channel", "a send after close did not panic");
    auto [result, _] = got.recv();
    expect(result.first == 0 && !result.second, "the receiver got a value sent after close");
  });
}

TEST_CASE("a sender waiting in the box when its channel closes panics; receivers get ok=false" * doctest::timeout(120)) {
  repeat_in_one_program(3000, 300, [](int) {
    Chan<int> c(0);
    Chan<rt::Unit> ready(1);
    Chan<bool> panicked(1);
    rt::go("main.sender", [c, ready, panicked] {
      ready.send({});
      auto p = rt::recover_from([&] { c.send(1); });  // nobody receives before the close
      panicked.send(p.has_value() && p->text == "send on closed channel");
    });
    ready.recv();
    c.close();
    auto [v, ok] = c.recv();
    expect(v == 0 && !ok, "a receive after close took the waiting sender's value");
    expect(panicked.recv().first, "the sender waiting at the close did not panic");
  });
}

TEST_CASE("a goroutine waiting in the box meets a select parked on the channel" * doctest::timeout(60)) {
  repeat_in_one_program(2000, 200, [](int t) {
    Chan<int> c(0), never(0);
    Chan<int> got(1);
    rt::go("main.receiver", [c, got] { got.send(c.recv().first); });
    int other = 0;
    int chosen = rt::Select().send(c, t).recv(never, &other).run();
    expect(chosen == 0, "the select took a case that was never ready");
    expect(got.recv().first == t, "the receiver got another value");
  });
}

TEST_CASE("deadlock is reported once the goroutines waiting in boxes have parked" * doctest::timeout(60)) {
  for (bool faults : {false, true}) {
    CAPTURE(faults);
    auto o = run_main([] {
      Chan<int> a(0, "a"), b(0, "b");
      rt::go("main.stuck_sender", [a] { a.send(1); });  // nobody ever receives on a
      b.recv();                                        // nobody ever sends on b
    }, with_faults(faults));
    CHECK(o.kind == rt::OutcomeKind::Deadlock);
    CHECK(o.text.find("fatal error: all goroutines are asleep - deadlock!") != std::string::npos);
    std::vector<std::string> reasons;
    for (const auto& g : o.goroutines) reasons.push_back(g.wait_reason);
    CHECK(std::count(reasons.begin(), reasons.end(), "chan receive") == 1);
    CHECK(std::count(reasons.begin(), reasons.end(), "chan send") == 1);
  }
}
