// abort(): from any state every thread is woken and joined; no thread is left.
#include <atomic>
#include <thread>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

namespace {

// Starts goroutines parked, sleeping, spinning, in select, on a mutex, on a
// WaitGroup and on nil channels, and returns once all of them are in place.
void every_state_program(std::atomic<int>& spinning) {
  Chan<int> c(0), never(0);
  rt::WaitGroup wg;
  wg.add(1);
  rt::Mutex mu;
  mu.lock();
  rt::go("main.sender", [c] { c.send(1); c.send(2); });
  c.recv();  // sender now parks on its second send
  rt::go("main.receiver", [never] { never.recv(); });
  rt::go("main.sleeper", [] { rt::sleep(3600LL * 1000 * ms); });
  Chan<int> idle(0);  // nobody receives here
  rt::go("main.selector", [never, idle] {
    int v = 0;
    rt::Select().recv(never, &v).send(idle, 1).run();
  });
  rt::go("main.locker", [mu]() mutable { mu.lock(); });
  rt::go("main.waiter", [wg]() mutable { wg.wait(); });
  rt::go("main.nil", [] { Chan<int>().recv(); });
  rt::go("main.forever", [] { rt::Select().run(); });
  rt::go("main.spinner", [&spinning] {
    spinning = 1;
    for (;;) rt::check_abort();
  });
  while (spinning.load() == 0) rt::gosched();
  never.recv();  // main parks too
}

}  // namespace

TEST_CASE("abort from every state leaves no thread" * doctest::timeout(60)) {
  const int before = count_threads();
  for (auto clock : {rt::ClockKind::Virtual, rt::ClockKind::Real}) {
    std::atomic<int> spinning{0};
    rt::Config cfg;
    cfg.clock = clock;
    rt::Runtime r(cfg);
    r.start("main.main", [&spinning] { every_state_program(spinning); });
    // Wait until the spinner runs and the other nine have parked: 10 goroutines alive.
    // Poll the runtime's own picture until every goroutine is in place (no timing assumption).
    for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30); std::chrono::steady_clock::now() < until;) {
      auto s = r.snapshot();
      int parked = 0;
      for (auto& g : s.goroutines) parked += g.state != rt::GState::Running;
      if (spinning.load() && parked >= 9 && s.goroutines.size() == 10) break;
      REQUIRE_FALSE(s.outcome.has_value());
      std::this_thread::yield();
    }
    CHECK(r.snapshot().goroutines.size() == 10);
    CHECK(count_threads() > before + 10);
    r.abort();
    auto o = r.outcome();
    REQUIRE(o.has_value());
    CHECK(o->kind == rt::OutcomeKind::Aborted);
    CHECK(count_threads_settled(before) == before);
  }
  CHECK(count_threads_settled(before) == before);
}

TEST_CASE("abort while goroutines wait at the Serial gate leaves no thread" * doctest::timeout(60)) {
  const int before = count_threads();
  {
    rt::Config cfg;
    cfg.schedule = rt::Schedule::Serial;
    cfg.auto_run = false;
    rt::Runtime r(cfg);
    r.start("main.main", [] {
      for (int i = 0; i < 5; ++i) rt::go("main.worker", [] { rt::sleep(ms); });
      rt::sleep(ms);
    });
    for (int i = 0; i < 6; ++i) {
      REQUIRE(r.wait_quiescent(std::chrono::seconds(10)));
      r.step(1);
    }
    REQUIRE(r.wait_quiescent(std::chrono::seconds(10)));
    CHECK(r.snapshot().at_gate.size() >= 2);
    r.abort();
  }
  CHECK(count_threads_settled(before) == before);
}

TEST_CASE("destroying a running Runtime aborts and joins; use after the end is refused" * doctest::timeout(60)) {
  const int before = count_threads();
  {
    rt::Runtime r;
    r.start("main.main", [] {
      rt::go("main.spin", [] {
        for (;;) rt::check_abort();
      });
      Chan<int>(0).recv();
    });
  }
  CHECK(count_threads_settled(before) == before);
  // After the outcome, a goroutine's further operations unwind instead of running.
  std::atomic<bool> after_outcome_ran{false};
  auto o = run_main([&after_outcome_ran] {
    Chan<int> c(0);
    rt::go("main.late", [c, &after_outcome_ran] {
      c.recv();
      after_outcome_ran = true;
    });
    throw rt::Panic("boom");
  });
  CHECK(o.message == "panic: boom");
  CHECK_FALSE(after_outcome_ran.load());
  rt::Runtime never_started;
  CHECK_THROWS_AS(never_started.wait(), rt::UsageError);
}

TEST_CASE("an unrecovered panic ends the program; recover_from lets a goroutine continue" * doctest::timeout(30)) {
  auto o = run_ok([] {
    Chan<std::string> log(3);
    for (int job : {1, 2, 3}) {
      auto p = rt::recover_from([job] {
        if (job == 2) throw rt::Panic("bad job 2");
      });
      log.send(p ? "recovered: " + p->text : "ok");
    }
    expect(log.recv().first == "ok", "job 1");
    expect(log.recv().first == "recovered: bad job 2", "job 2 recovered");
    expect(log.recv().first == "ok", "job 3 still runs");
  });
  auto e = run_main([] {
    rt::go("main.worker", [] { rt::exit(3); });
    Chan<int>(0).recv();
  });
  CHECK(e.kind == rt::OutcomeKind::Exit);
  CHECK(e.exit_code == 3);
  auto f = run_main([] {
    rt::go("main.worker", [] { throw rt::Panic("worker failed"); });
    Chan<int>(0).recv();
  });
  CHECK(f.kind == rt::OutcomeKind::Panic);
  CHECK(f.message == "panic: worker failed");
  CHECK(f.text.find("goroutine 2 [running]:\nmain.worker(...)") != std::string::npos);
}

TEST_CASE("more goroutines than the limit: a clear error, not a crash" * doctest::timeout(60)) {
  rt::Config cfg;
  cfg.max_goroutines = 50;
  cfg.stack_bytes = 128 * 1024;
  auto o = run_main(
      [] {
        Chan<int> block(0);
        for (int i = 0; i < 60; ++i) rt::go("main.worker", [block] { block.recv(); });
      },
      cfg);
  CHECK(o.kind == rt::OutcomeKind::Panic);
  CHECK(o.message.find("too many goroutines") != std::string::npos);
}
