// The lock-free path of buffered channels: a free-running, unobserved run sends and
// receives on a channel's ring without the runtime's lock while nobody is parked on
// it. These cases go after what that path could get wrong: lost wake-ups of parked
// goroutines, queue order, close racing with senders, snapshots and event counts.
#include <atomic>
#include <vector>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

TEST_CASE("parked receivers and senders are woken by operations done without the lock" * doctest::timeout(120)) {
  // Bursts of cap + 1 values, then an acknowledgement: the consumer parks on the empty
  // buffer between bursts while the producer fills it on the lock-free path, and the
  // producer parks on the last value of a burst while the consumer drains it. A
  // wake-up lost in either window leaves both parked: deadlock instead of completion.
  // Fault injection widens the windows with yields and short sleeps inside the path.
  for (bool faults : {false, true}) {
  for (long cap : {1L, 2L, 7L}) {
    CAPTURE(faults);
    CAPTURE(cap);
    const int rounds = scaled(faults ? 1000 : 4000);
    long total = 0;
    rt::Config cfg;
    cfg.fault_injection = faults;
    run_ok([&] {
      Chan<int> data(cap);
      Chan<rt::Unit> ack(0);
      rt::go("main.consumer", [data, ack, cap, rounds, &total] {
        for (int r = 0; r < rounds; ++r) {
          for (long k = 0; k <= cap; ++k) total += data.recv().first;
          ack.send({});
        }
      });
      for (int r = 0; r < rounds; ++r) {
        for (long k = 0; k <= cap; ++k) data.send(1);
        ack.recv();
      }
    }, cfg);
    CHECK(total == rounds * (cap + 1));
  }
  }
}

TEST_CASE("a sender parked on a full buffer is woken by one receive done without the lock" * doctest::timeout(120)) {
  // The producer's last send of a round parks on the full buffer; the consumer takes
  // one value and then waits for the producer. If the freed slot does not reach the
  // parked producer, both stay parked.
  for (bool faults : {false, true}) {
    for (long cap : {1L, 3L}) {
      CAPTURE(faults);
      CAPTURE(cap);
      const int rounds = scaled(faults ? 1000 : 4000);
      long total = 0;
      rt::Config cfg;
      cfg.fault_injection = faults;
      run_ok(
          [&] {
            Chan<int> data(cap);
            Chan<rt::Unit> done(0);
            rt::go("main.producer", [data, done, cap, rounds] {
              for (int r = 0; r < rounds; ++r) {
                for (long k = 0; k <= cap; ++k) data.send(1);
                done.send({});
              }
            });
            for (int r = 0; r < rounds; ++r) {
              total += data.recv().first;
              done.recv();
              for (long k = 0; k < cap; ++k) total += data.recv().first;
            }
          },
          cfg);
      CHECK(total == rounds * (cap + 1));
    }
  }
}

TEST_CASE("a select parked on buffered channels is woken by values sent without the lock" * doctest::timeout(120)) {
  // One value per round on one of two channels, then an acknowledgement: a select
  // that parks without seeing a value buffered just before it queued stays parked,
  // and the run ends in deadlock.
  for (bool faults : {false, true}) {
    CAPTURE(faults);
    const int rounds = scaled(faults ? 3000 : 20000);
    long sum = 0;
    rt::Config cfg;
    cfg.fault_injection = faults;
    run_ok(
        [&] {
          Chan<int> a(1), b(2);
          Chan<rt::Unit> ack(0);
          rt::go("main.sender", [a, b, ack, rounds] {
            for (int i = 1; i <= rounds; ++i) {
              (i % 3 == 0 ? b : a).send(i);
              ack.recv();
            }
          });
          for (int i = 1; i <= rounds; ++i) {
            int v = 0;
            int fired = rt::Select().recv(a, &v).recv(b, &v).run();
            expect(fired == (i % 3 == 0 ? 1 : 0), "the case of the channel the value was sent on");
            sum += v;
            ack.send({});
          }
        },
        cfg);
    CHECK(sum == static_cast<long>(rounds) * (rounds + 1) / 2);
  }
}

TEST_CASE("parked senders keep their queue order against later senders" * doctest::timeout(60)) {
  // The virtual clock moves only when every goroutine is parked or sleeping, so
  // after main's sleep the sender started before it is certainly parked.
  std::vector<int> order;
  run_ok([&] {
    Chan<int> c(1);
    c.send(0);
    rt::go("main.first", [c] { c.send(1); });
    rt::sleep(ms);
    rt::go("main.second", [c] { c.send(2); });  // the buffer is full: it must queue behind first
    rt::sleep(ms);
    for (int i = 0; i < 3; ++i) order.push_back(c.recv().first);
  });
  CHECK(order == std::vector<int>{0, 1, 2});
}

TEST_CASE("parked receivers get values in queue order" * doctest::timeout(60)) {
  std::vector<int> got(3, -1);
  run_ok([&] {
    Chan<int> c(4);
    rt::WaitGroup wg;
    for (int i = 0; i < 3; ++i) {
      wg.add(1);
      rt::go("main.receiver", [c, wg, i, &got]() mutable {
        got[static_cast<std::size_t>(i)] = c.recv().first;
        wg.done();
      });
      rt::sleep(ms);  // receiver i is parked before receiver i+1 starts
    }
    for (int v = 10; v < 13; ++v) c.send(v);
    wg.wait();
  });
  CHECK(got == std::vector<int>{10, 11, 12});
}

TEST_CASE("close racing with senders: a send lands before the close or panics, and nothing follows ok=false" *
          doctest::timeout(120)) {
  const int runs = scaled(200);
  for (int run = 0; run < runs; ++run) {
    CAPTURE(run);
    std::atomic<long> landed{0};
    long received = 0;
    bool value_after_close = false;
    rt::Config cfg;
    cfg.seed = static_cast<std::uint64_t>(run + 1);
    cfg.fault_injection = run % 2 == 1;
    run_ok(
        [&] {
          Chan<int> c(4);
          rt::WaitGroup senders;
          for (int s = 0; s < 3; ++s) {
            senders.add(1);
            rt::go("main.sender", [c, senders, &landed]() mutable {
              rt::recover_from([&] {
                for (;;) {
                  c.send(1);
                  landed.fetch_add(1, std::memory_order_relaxed);
                }
              });
              senders.done();
            });
          }
          Chan<rt::Unit> drained(0);
          rt::go("main.receiver", [c, drained, &received, &value_after_close] {
            while (c.recv().second) ++received;
            for (int i = 0; i < 50; ++i) {
              if (c.recv().second || c.len() != 0) value_after_close = true;
            }
            drained.close();
          });
          for (int i = 0; i < 20 + run % 50; ++i) rt::gosched();
          c.close();
          senders.wait();
          drained.recv();
        },
        cfg);
    CHECK(received == landed.load());
    CHECK_FALSE(value_after_close);
  }
}

TEST_CASE("snapshots taken while values flow without the lock see a consistent buffer" * doctest::timeout(120)) {
  const int n = scaled(200000);
  rt::Runtime runtime;
  Chan<int> c(runtime, 16, "jobs");
  runtime.start("main.main", [c, n] {
    rt::go("main.consumer", [c] {
      int last = -1;
      while (true) {
        auto [v, ok] = c.recv();
        if (!ok) break;
        expect(v == last + 1, "values arrive in order");
        last = v;
      }
    });
    for (int i = 0; i < n; ++i) c.send(i);
    c.close();
  });
  int looked = 0;
  while (!runtime.finished()) {
    rt::Snapshot s = runtime.snapshot();
    for (const auto& ch : s.channels) {
      if (ch.name != "jobs") continue;
      ++looked;
      REQUIRE(ch.buffer.size() <= 16);
      CHECK(ch.sends - ch.recvs == ch.buffer.size());
      for (std::size_t i = 1; i < ch.buffer.size(); ++i)
        CHECK(std::stoi(ch.buffer[i]) == std::stoi(ch.buffer[i - 1]) + 1);
    }
  }
  auto o = runtime.wait();
  CHECK_MESSAGE(o.kind == rt::OutcomeKind::Completed, o.text);
  CHECK(looked > 0);
}

TEST_CASE("an unobserved run counts the events an observed run delivers" * doctest::timeout(60)) {
  auto program = [] {
    Chan<int> c(3);
    for (int i = 0; i < 500; ++i) {
      c.send(i);
      c.send(i);
      c.recv();
      c.recv();
    }
    c.close();
    c.recv();
  };
  auto unobserved = run_ok(program);
  rt::Runtime runtime;
  rt::EventQueue queue(1 << 16);
  runtime.add_observer(&queue);
  runtime.start("main.main", program);
  auto observed = runtime.wait();
  std::vector<rt::Event> events;
  queue.drain(events);
  CHECK(observed.events == events.size());
  CHECK(unobserved.events == observed.events);
}

TEST_CASE("with the lock-free path turned off, a pool gives the same results" * doctest::timeout(60)) {
  // Config::lock_free_buffers = false sends every buffered operation down the locked
  // path (the one observed runs take); the program must not notice.
  auto pool = [] {
    Chan<int> jobs(8), results(8);
    rt::WaitGroup wg;
    for (int w = 0; w < 3; ++w) {
      wg.add(1);
      rt::go("main.worker", [jobs, results, &wg] {
        for (;;) {
          auto [j, ok] = jobs.recv();
          if (!ok) break;
          results.send(j * 2);
        }
        wg.done();
      });
    }
    rt::go("main.feeder", [jobs] {
      for (int j = 1; j <= 2000; ++j) jobs.send(j);
      jobs.close();
    });
    rt::go("main.closer", [results, &wg] {
      wg.wait();
      results.close();
    });
    long sum = 0;
    for (;;) {
      auto [v, ok] = results.recv();
      if (!ok) break;
      sum += v;
    }
    expect(sum == 2000L * 2001L, "every result arrives once");
  };
  rt::Config locked;
  locked.lock_free_buffers = false;
  run_ok(pool);
  run_ok(pool, locked);
}
