// sync.RWMutex (after Go's sync/rwmutex_test.go): readers share, a writer
// excludes everyone, a waiting writer holds back new readers, Go's fatal texts
// and wait reasons.
#include <atomic>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

TEST_CASE("RWMutex: readers hold the lock together" * doctest::timeout(60)) {
  // Each reader waits, holding its read lock, until every reader holds one:
  // with an exclusive lock this could never finish.
  run_ok([] {
    const int n = 4;
    rt::RWMutex rw;
    Chan<int> in(n), release(0);
    rt::WaitGroup wg;
    for (int i = 0; i < n; ++i) {
      wg.add(1);
      rt::go("main.reader", [rw, in, release, wg]() mutable {
        rw.rlock();
        in.send(1);
        release.recv();
        rw.runlock();
        wg.done();
      });
    }
    for (int i = 0; i < n; ++i) in.recv();
    expect(rw.readers() == n, "all readers inside at once");
    release.close();
    wg.wait();
    expect(rw.readers() == 0, "all readers left");
  });
}

TEST_CASE("RWMutex: a writer excludes readers and writers" * doctest::timeout(60)) {
  std::atomic<int> inside{0}, bad{0};
  run_ok([&] {
    rt::RWMutex rw;
    rt::WaitGroup wg;
    for (int i = 0; i < 6; ++i) {
      wg.add(1);
      bool writer = i % 2 == 0;
      rt::go(writer ? "main.writer" : "main.reader", [&, rw, wg, writer]() mutable {
        for (int k = 0; k < 300; ++k) {
          if (writer) {
            rw.lock();
            if (inside.fetch_add(1000) != 0) ++bad;
            inside.fetch_sub(1000);
            rw.unlock();
          } else {
            rw.rlock();
            if (inside.fetch_add(1) >= 1000) ++bad;
            inside.fetch_sub(1);
            rw.runlock();
          }
        }
        wg.done();
      });
    }
    wg.wait();
  });
  CHECK(bad.load() == 0);
}

TEST_CASE("RWMutex: a waiting writer holds back a second RLock, as in Go" * doctest::timeout(60)) {
  auto o = run_main(
      [] {
        rt::RWMutex rw;
        rw.rlock();
        rt::go("main.writer", [rw]() mutable {
          rw.lock();
          rw.unlock();
        });
        rt::sleep(10 * ms);  // the writer is queued by now (virtual clock)
        rw.rlock();
      });
  REQUIRE(o.kind == rt::OutcomeKind::Deadlock);
  CHECK(o.text.find("goroutine 1 [sync.RWMutex.RLock]:") != std::string::npos);
  CHECK(o.text.find("goroutine 2 [sync.RWMutex.Lock]:") != std::string::npos);
}

TEST_CASE("RWMutex: Unlock lets the waiting readers in before the next writer" * doctest::timeout(60)) {
  run_ok(
      [] {
        rt::RWMutex rw;
        Chan<std::string> order(8);
        rw.lock();
        rt::go("main.reader", [rw, order]() mutable {
          rw.rlock();
          order.send("reader");
          rw.runlock();
        });
        rt::sleep(10 * ms);
        rt::go("main.writer", [rw, order]() mutable {
          rw.lock();
          order.send("writer");
          rw.unlock();
        });
        rt::sleep(10 * ms);  // both queued behind main's write lock
        rw.unlock();
        expect(order.recv().first == "reader", "the waiting reader goes first");
        expect(order.recv().first == "writer", "then the writer");
      });
}

TEST_CASE("RWMutex: Go's fatal texts for unlocking what is not locked" * doctest::timeout(30)) {
  auto r = run_main([] {
    rt::RWMutex rw;
    rw.runlock();
  });
  CHECK(r.kind == rt::OutcomeKind::Panic);
  CHECK(r.message == "fatal error: sync: RUnlock of unlocked RWMutex");
  auto w = run_main([] {
    rt::RWMutex rw;
    rw.rlock();
    rw.unlock();
  });
  CHECK(w.message == "fatal error: sync: Unlock of unlocked RWMutex");
  auto held = run_main([] {
    rt::RWMutex rw;
    rw.lock();
    rw.runlock();  // a write lock is not a read lock
  });
  CHECK(held.message == "fatal error: sync: RUnlock of unlocked RWMutex");
}

TEST_CASE("RWMutex: TryLock and TryRLock never wait, and respect a queued writer" * doctest::timeout(60)) {
  run_ok([] {
    rt::RWMutex rw;
    expect(rw.try_rlock(), "a free lock can be read-locked");
    expect(!rw.try_lock(), "not write-locked while a reader holds it");
    rt::go("main.writer", [rw]() mutable {
      rw.lock();
      rw.unlock();
    });
    rt::sleep(10 * ms);  // the writer is queued behind the reader now
    expect(!rw.try_rlock(), "a queued writer holds back new readers");
    rw.runlock();
    rt::sleep(10 * ms);  // the writer has been and gone
    expect(rw.try_lock(), "free again");
    expect(!rw.try_rlock(), "not read-locked while written");
    rw.unlock();
  });
}
