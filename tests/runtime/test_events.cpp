// Events and snapshots: the vocabulary, ordering, peers, and a consistent picture.
#include <atomic>
#include <map>
#include <thread>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

TEST_CASE("events carry a gap-free sequence, the acting goroutine, object, peer and value" * doctest::timeout(30)) {
  rt::EventQueue queue;
  rt::Runtime r;
  r.add_observer(&queue);
  r.start("main.main", [] {
    Chan<int> jobs(0, "jobs");
    rt::go("main.worker", [jobs] {
      rt::at_line(7);
      jobs.recv();
    });
    rt::at_line(12);
    jobs.send(41);
    jobs.close();
  });
  auto o = r.wait();
  REQUIRE(o.kind == rt::OutcomeKind::Completed);
  std::vector<rt::Event> ev;
  queue.drain(ev);
  REQUIRE(!ev.empty());
  for (std::size_t i = 0; i < ev.size(); ++i) CHECK(ev[i].seq == i + 1);
  CHECK(ev.back().kind == rt::EventKind::Outcome);
  CHECK(o.events == ev.size());
  // The hand-off: one SendDone by main and one RecvDone by the worker, naming each other.
  const rt::Event* send = nullptr;
  const rt::Event* recv = nullptr;
  for (auto& e : ev) {
    if (e.kind == rt::EventKind::SendDone) send = &e;
    if (e.kind == rt::EventKind::RecvDone && e.flag) recv = &e;
  }
  REQUIRE(send);
  REQUIRE(recv);
  CHECK(send->goroutine == 1);
  CHECK(send->peer == 2);
  CHECK(send->value == "41");
  CHECK(send->line == 12);
  CHECK(recv->goroutine == 2);
  CHECK(recv->peer == 1);
  CHECK(recv->value == "41");
  CHECK(recv->object == send->object);
  std::map<rt::EventKind, int> kinds;
  for (auto& e : ev) ++kinds[e.kind];
  CHECK(kinds[rt::EventKind::GoStart] == 2);
  CHECK(kinds[rt::EventKind::Close] == 1);
  CHECK(queue.dropped() == 0);
}

TEST_CASE("a bounded queue counts what it drops and never blocks the program" * doctest::timeout(30)) {
  rt::EventQueue queue(10);
  rt::Runtime r;
  r.add_observer(&queue);
  r.start("main.main", [] {
    Chan<int> c(100);
    for (int i = 0; i < 100; ++i) c.send(i);
  });
  r.wait();
  std::vector<rt::Event> ev;
  CHECK(queue.drain(ev) == 10);
  CHECK(queue.dropped() > 90);
}

TEST_CASE("a snapshot shows goroutines, buffers, closed flags, parked senders and receivers, WaitGroups" * doctest::timeout(30)) {
  rt::Config cfg;
  cfg.schedule = rt::Schedule::Serial;
  rt::Runtime r(cfg);
  std::atomic<rt::ObjId> jobs_id{0}, results_id{0};
  r.start("main.main", [&] {
    Chan<int> jobs(3, "jobs"), results(0, "results");
    jobs_id = jobs.id();
    results_id = results.id();
    rt::WaitGroup wg;
    wg.set_name("wg");
    wg.add(2);
    jobs.send(10);
    jobs.send(20);
    rt::go("main.worker", [results] { results.send(1); });
    rt::go("main.worker", [results] { results.send(2); });
    Chan<int> done(0, "done");
    done.close();
    wg.wait();
  });
  auto o = r.wait();
  REQUIRE(o.kind == rt::OutcomeKind::Deadlock);
  // The deadlock's goroutine list is the final snapshot's.
  REQUIRE(o.goroutines.size() == 3);
  CHECK(o.goroutines[0].wait_reason == "sync.WaitGroup.Wait");
  CHECK(o.goroutines[1].wait_reason == "chan send");
  CHECK(o.goroutines[1].waiting_on == results_id.load());
  CHECK(o.goroutines[1].created_by == 1);
}

TEST_CASE("a live snapshot mid-run is consistent" * doctest::timeout(30)) {
  // Real clock and a long sleeper: the program stays alive (a pending timer
  // is never a deadlock) while the others park.
  rt::Config cfg;
  cfg.clock = rt::ClockKind::Real;
  rt::Runtime r(cfg);
  r.start("main.main", [] {
    Chan<int> jobs(3, "jobs");
    jobs.send(10);
    jobs.send(20);
    rt::WaitGroup wg;
    wg.set_name("wg");
    wg.add(1);
    rt::go("main.sleeper", [] { rt::sleep(3600LL * 1000 * ms); });
    rt::go("main.worker", [jobs, wg]() mutable {
      Chan<int> results(0, "results");
      results.send(jobs.recv().first);
      wg.done();
    });
    wg.wait();
  });
  rt::Snapshot mid;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30); std::chrono::steady_clock::now() < until;) {
    mid = r.snapshot();
    int parked = 0;
    for (auto& g : mid.goroutines) parked += g.state != rt::GState::Running;
    if (parked == 3) break;
    std::this_thread::yield();
  }
  REQUIRE_FALSE(mid.outcome.has_value());
  bool saw_jobs = false, saw_results = false, saw_wg = false;
  for (auto& ch : mid.channels) {
    if (ch.name == "jobs") {
      saw_jobs = true;
      CHECK(ch.cap == 3);
      CHECK(ch.buffer == std::vector<std::string>{"20"});
      CHECK_FALSE(ch.closed);
      CHECK(ch.sends == 2);
      CHECK(ch.recvs == 1);
    }
    if (ch.name == "results") {
      saw_results = true;
      CHECK(ch.senders == std::vector<rt::GoId>{3});
      CHECK(ch.pending_values == std::vector<std::string>{"10"});
    }
  }
  for (auto& wg : mid.wait_groups) {
    if (wg.name == "wg") {
      saw_wg = true;
      CHECK(wg.counter == 1);
      CHECK(wg.waiters == std::vector<rt::GoId>{1});
    }
  }
  CHECK(saw_jobs);
  CHECK(saw_results);
  CHECK(saw_wg);
  for (auto& g : mid.goroutines) {
    if (g.id == 2) CHECK(g.wait_reason == "sleep");
  }
  r.abort();
}

TEST_CASE("a snapshot still names the channels already gone (the most recent 256)" * doctest::timeout(30)) {
  rt::Runtime r;
  r.start("main.main", [] {
    for (int i = 0; i < 300; ++i) Chan<int> c(0, "short-lived-" + std::to_string(i));
    Chan<int> unnamed(0);
  });
  REQUIRE(r.wait().kind == rt::OutcomeKind::Completed);
  rt::Snapshot s = r.snapshot();
  REQUIRE(s.gone_channel_names.size() == 256);
  CHECK(s.gone_channel_names.front().second == "short-lived-44");
  CHECK(s.gone_channel_names.back().second == "short-lived-299");
}

TEST_CASE("discard empties the queue without copying and keeps counting" * doctest::timeout(30)) {
  rt::EventQueue queue(5000);
  rt::Runtime r;
  r.add_observer(&queue);
  r.start("main.main", [] {
    Chan<int> c(3000);
    for (int i = 0; i < 3000; ++i) c.send(i);  // 3000 sends: more than two chunks of slots
  });
  REQUIRE(r.wait().kind == rt::OutcomeKind::Completed);
  const std::size_t thrown = queue.discard();
  CHECK(thrown >= 3000);
  std::vector<rt::Event> ev;
  CHECK(queue.drain(ev) == 0);
  CHECK(queue.discard() == 0);
  CHECK(queue.dropped() == 0);
  // The slots are reusable: fill past a chunk boundary again and read everything back in order.
  for (std::uint64_t i = 1; i <= 2500; ++i) {
    rt::Event e;
    e.seq = i;
    queue.on_event(e);
  }
  REQUIRE(queue.drain(ev) == 2500);
  for (std::size_t i = 0; i < ev.size(); ++i) CHECK(ev[i].seq == i + 1);
}
