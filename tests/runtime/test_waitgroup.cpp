// sync.WaitGroup (after Go's sync/waitgroup_test.go).
#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

TEST_CASE("WaitGroup as a barrier: 16 goroutines, 8 rounds" * doctest::timeout(60)) {
  run_ok([] {
    for (int round = 0; round < 8; ++round) {
      rt::WaitGroup wg1, wg2;
      const int n = 16;
      wg1.add(n);
      wg2.add(n);
      Chan<bool> exited(n);
      for (int i = 0; i < n; ++i) {
        rt::go("main.worker", [wg1, wg2, exited]() mutable {
          wg1.done();
          wg2.wait();
          exited.send(true);
        });
      }
      wg1.wait();
      for (int i = 0; i < n; ++i) {
        expect(!exited.try_recv().has_value(), "WaitGroup released prematurely");
        wg2.done();
      }
      for (int i = 0; i < n; ++i) exited.recv();
    }
  });
}

TEST_CASE("Add(1), Done(), Done() panics with the negative counter text" * doctest::timeout(30)) {
  auto o = run_main([] {
    rt::WaitGroup wg;
    wg.add(1);
    wg.done();
    wg.done();
  });
  CHECK(o.kind == rt::OutcomeKind::Panic);
  CHECK(o.message == "panic: sync: negative WaitGroup counter");
}

TEST_CASE("Wait at zero returns at once" * doctest::timeout(30)) {
  run_ok([] {
    rt::WaitGroup wg;
    wg.wait();
    wg.add(2);
    wg.done();
    wg.done();
    wg.wait();
  });
}

TEST_CASE("Wait with the counter never reaching zero is a deadlock in sync.WaitGroup.Wait" * doctest::timeout(30)) {
  auto o = run_main([] {
    rt::WaitGroup wg;
    wg.add(1);
    wg.wait();
  });
  REQUIRE(o.kind == rt::OutcomeKind::Deadlock);
  CHECK(o.text.find("goroutine 1 [sync.WaitGroup.Wait]:") != std::string::npos);
}

TEST_CASE("a copied WaitGroup is independent, as passing it by value in Go" * doctest::timeout(30)) {
  auto o = run_main([] {
    rt::WaitGroup wg;
    wg.add(1);
    rt::WaitGroup copy = wg.clone();
    rt::go("main.worker", [copy]() mutable { copy.done(); });
    wg.wait();
  });
  CHECK(o.kind == rt::OutcomeKind::Deadlock);
}

namespace {
// Wait until the gate is quiescent and release goroutine `id`.
void step(rt::Runtime& r, rt::GoId id) {
  REQUIRE(r.wait_quiescent(std::chrono::seconds(10)));
  auto snap = r.snapshot();
  INFO("at gate: " << snap.at_gate.size() << " want " << id);
  REQUIRE(r.step(id));
}
}  // namespace

TEST_CASE("Add concurrent with Wait: the misuse shown deterministically through the gate" * doctest::timeout(30)) {
  rt::Config cfg;
  cfg.schedule = rt::Schedule::Serial;
  cfg.auto_run = false;
  rt::Runtime r(cfg);
  r.start("main.main", [] {
    rt::WaitGroup wg;
    wg.add(1);
    rt::go("main.worker", [wg]() mutable { wg.done(); });
    rt::go("main.adder", [wg]() mutable { wg.add(1); });
    wg.wait();
  });
  step(r, 1);  // main starts
  step(r, 1);  // wg.Add(1)
  step(r, 1);  // go worker
  step(r, 1);  // go adder
  step(r, 1);  // wg.Wait parks
  step(r, 2);  // worker starts
  step(r, 2);  // Done: counter 0, waiters 1 -> stops before releasing them
  step(r, 3);  // adder starts
  step(r, 3);  // Add(1) while Wait is being released
  auto o = r.wait_for(std::chrono::seconds(10));
  REQUIRE(o.has_value());
  CHECK(o->kind == rt::OutcomeKind::Panic);
  CHECK(o->message == "panic: sync: WaitGroup misuse: Add called concurrently with Wait");
}

TEST_CASE("Mutex: mutual exclusion and Go's fatal unlock text" * doctest::timeout(60)) {
  long counter = 0;
  run_ok([&counter] {
    rt::Mutex mu;
    rt::WaitGroup wg;
    for (int i = 0; i < 8; ++i) {
      wg.add(1);
      rt::go("main.incr", [&counter, mu, wg]() mutable {
        for (int k = 0; k < 1000; ++k) {
          mu.lock();
          ++counter;
          mu.unlock();
        }
        wg.done();
      });
    }
    wg.wait();
  });
  CHECK(counter == 8000);
  auto o = run_main([] {
    rt::Mutex mu;
    mu.unlock();
  });
  CHECK(o.kind == rt::OutcomeKind::Panic);
  CHECK(o.message == "fatal error: sync: unlock of unlocked mutex");
  auto d = run_main([] {
    rt::Mutex mu;
    mu.lock();
    mu.lock();
  });
  CHECK(d.kind == rt::OutcomeKind::Deadlock);
  CHECK(d.text.find("[sync.Mutex.Lock]") != std::string::npos);
}
