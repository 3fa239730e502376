// Deadlock detection exactly as Go's checkdead: every live goroutine parked on a
// channel, select, WaitGroup or mutex and no timer pending. Never a timeout or a guess.
#include <random>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

TEST_CASE("all parked: fatal error with a dump in Go's shape" * doctest::timeout(30)) {
  auto o = run_main([] {
    Chan<int> jobs(0);
    rt::go("main.worker", [jobs] {
      rt::FrameGuard frame("main.worker", 14);
      rt::at_line(15);
      jobs.send(1);
      rt::at_line(16);
      jobs.send(2);
    });
    rt::at_line(30);
    jobs.recv();
    rt::at_line(31);
    rt::WaitGroup wg;
    wg.add(1);
    wg.wait();
  });
  REQUIRE(o.kind == rt::OutcomeKind::Deadlock);
  CHECK(o.exit_code == 2);
  CHECK(o.message == "fatal error: all goroutines are asleep - deadlock!");
  CHECK(o.text.rfind("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [sync.WaitGroup.Wait]:\nmain.main()\n\tmain.go:31\n", 0) == 0);
  CHECK(o.text.find("goroutine 2 [chan send]:\nmain.worker(...)\n\tmain.go:16\ncreated by main.main in goroutine 1\n\tmain.go:") !=
        std::string::npos);
  REQUIRE(o.goroutines.size() == 2);
  CHECK(o.goroutines[1].wait_reason == "chan send");
  CHECK(o.goroutines[1].line == 16);
}

TEST_CASE("a sleeping goroutine delays the report until its timer fires and all park again" * doctest::timeout(30)) {
  auto o = run_main([] {
    Chan<int> c(0);
    rt::go("main.sleeper", [c] {
      rt::sleep(1000 * ms);
      c.recv();  // nobody sends: now everyone is parked
    });
    c.recv();
  });
  CHECK(o.kind == rt::OutcomeKind::Deadlock);
  CHECK(o.time == 1000 * ms);
  // Real clock, 100x faster: still only after the timer.
  rt::Config real;
  real.clock = rt::ClockKind::Real;
  real.speed = 100;
  auto r = run_main(
      [] {
        Chan<int> c(0);
        rt::go("main.sleeper", [c] { rt::sleep(1000 * ms); });
        c.recv();
      },
      real);
  CHECK(r.kind == rt::OutcomeKind::Deadlock);
  CHECK(r.time >= 1000 * ms);
}

TEST_CASE("a goroutine that is running (not parked) prevents the report" * doctest::timeout(30)) {
  auto o = run_ok([] {
    Chan<int> c(0);
    rt::go("main.spinner", [c] {
      volatile long x = 0;
      for (long i = 0; i < 5'000'000; ++i) {
        x = x + i;
        if ((i & 1023) == 0) rt::check_abort();
      }
      c.send(1);
    });
    c.recv();
  });
  CHECK(o.leaked.empty());
}

TEST_CASE("main returning while goroutines are parked: completed, the parked ones named as leaked" * doctest::timeout(30)) {
  // The prime sieve: main takes the 25 primes below 100 and returns; the filters stay parked.
  std::vector<int> primes;
  auto o = run_ok([&primes] {
    Chan<int> ch(0);
    rt::go("main.generate", [ch] {
      for (int i = 2;; ++i) ch.send(i);
    });
    for (int i = 0; i < 25; ++i) {
      int prime = ch.recv().first;
      primes.push_back(prime);
      Chan<int> next(0);
      rt::go("main.filter", [in = ch, out = next, prime] {
        for (;;) {
          int v = in.recv().first;
          if (v % prime != 0) out.send(v);
        }
      });
      ch = next;
    }
  });
  REQUIRE(primes.size() == 25);
  CHECK(primes.front() == 2);
  CHECK(primes.back() == 97);
  CHECK(o.leaked.size() == 26);  // the generator and 25 filters
  for (auto& g : o.leaked) CHECK((g.function == "main.generate" || g.function == "main.filter"));
}

namespace {

// A random small program whose fate is known by construction: each helper
// goroutine does exactly one operation on one of a few channels after a random
// virtual sleep; main waits for all of them. It deadlocks exactly when some
// channel has more receivers than sends, or more sends than receivers plus buffer.
struct RandomProgram {
  int chans;
  std::vector<long> caps;
  std::vector<std::pair<int, bool>> ops;  // (channel, is_send)
  std::vector<rt::Nanos> delays;

  explicit RandomProgram(std::mt19937& rng) {
    chans = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < chans; ++i) caps.push_back(static_cast<long>(rng() % 3));
    int n = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) {
      ops.emplace_back(static_cast<int>(rng() % chans), rng() % 2 == 0);
      delays.push_back(static_cast<rt::Nanos>(rng() % 3) * ms);
    }
  }
  bool deadlocks() const {
    for (int c = 0; c < chans; ++c) {
      long s = 0, r = 0;
      for (auto& [ch, send] : ops) {
        if (ch == c) (send ? s : r) += 1;
      }
      if (r > s || s > r + caps[static_cast<std::size_t>(c)]) return true;
    }
    return false;
  }
  void run() const {
    std::vector<Chan<int>> cs;
    for (long cap : caps) cs.emplace_back(cap);
    rt::WaitGroup wg;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      wg.add(1);
      rt::go("main.op", [c = cs[static_cast<std::size_t>(ops[i].first)], send = ops[i].second, d = delays[i], wg]() mutable {
        if (d) rt::sleep(d);
        if (send) c.send(1); else c.recv();
        wg.done();
      });
    }
    wg.wait();
  }
};

}  // namespace

TEST_CASE("10,000 seeded random small programs: no false deadlock, no missed one" * doctest::timeout(600)) {
  const int runs = scaled(10000);
  int deadlocks = 0;
  for (int seed = 1; seed <= runs; ++seed) {
    std::mt19937 rng(static_cast<unsigned>(seed));
    RandomProgram p(rng);
    rt::Config cfg;
    cfg.seed = static_cast<std::uint64_t>(seed);
    cfg.stack_bytes = 128 * 1024;
    if (seed % 2 == 0) cfg.schedule = rt::Schedule::Serial;  // seeded interleavings too
    auto o = run_main([&p] { p.run(); }, cfg);
    bool expected = p.deadlocks();
    deadlocks += expected;
    if ((o.kind == rt::OutcomeKind::Deadlock) != expected || (!expected && o.kind != rt::OutcomeKind::Completed)) {
      FAIL("seed " << seed << ": expected " << (expected ? "deadlock" : "completed") << ", got "
                   << rt::to_string(o.kind) << "\n" << o.text);
    }
  }
  CHECK(deadlocks > runs / 10);  // the generator really produces both kinds
  CHECK(deadlocks < runs * 9 / 10);
}

TEST_CASE("after main returns, goroutines that would finish are not leaked; ones that would park are" * doctest::timeout(60)) {
  for (int i = 0; i < scaled(200); ++i) {
    rt::Config cfg;
    cfg.seed = static_cast<std::uint64_t>(i);
    if (i % 2) cfg.schedule = rt::Schedule::Serial;
    auto o = run_ok(
        [] {
          Chan<int> jobs(10), results(10), stuck(0);
          for (int w = 0; w < 3; ++w) {
            rt::go("main.worker", [jobs, results] {
              for (;;) {
                auto [j, ok] = jobs.recv();
                if (!ok) return;  // would return right after main
                results.send(j);
              }
            });
          }
          rt::go("main.blocked", [stuck] { stuck.recv(); });
          for (int j = 0; j < 5; ++j) jobs.send(j);
          jobs.close();
          for (int j = 0; j < 5; ++j) results.recv();
        },
        cfg);
    REQUIRE(o.leaked.size() == 1);
    CHECK(o.leaked[0].function == "main.blocked");
    CHECK(o.leaked[0].wait_reason == "chan receive");
  }
}
