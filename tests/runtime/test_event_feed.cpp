// A fed EventQueue (the runtime's only observer): goroutines write their events into
// it off the lock, buffered operations keep the lock-free path, and the queue still
// hands out one gap-free order that explains the run.
#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "rt_test_util.hpp"

using namespace poollab;
using namespace poollab::test;
using rt::Chan;

namespace {
struct Counted {
  int v = 0;
};
std::atomic<int> times_described{0};
}  // namespace

template <>
struct poollab::rt::Describe<Counted> {
  static std::string str(const Counted& c) {
    ++times_described;
    return std::to_string(c.v);
  }
};

namespace {

// Drains on its own thread while the program runs, as the window does every frame.
struct LiveDrain {
  rt::EventQueue& queue;
  std::vector<rt::Event> events;
  std::atomic<bool> stop{false};
  std::thread thread{[this] {
    std::vector<rt::Event> batch;
    while (!stop.load()) {
      batch.clear();
      queue.drain(batch);
      events.insert(events.end(), batch.begin(), batch.end());
      std::this_thread::yield();
    }
  }};
  explicit LiveDrain(rt::EventQueue& q) : queue(q) {}
  std::vector<rt::Event> finish() {
    stop = true;
    thread.join();
    queue.drain(events);
    return std::move(events);
  }
};

// Everything a fed run's events must satisfy, whatever the interleaving.
void check_order(const std::vector<rt::Event>& ev, std::uint64_t outcome_events) {
  REQUIRE(!ev.empty());
  CHECK(ev.size() == outcome_events);
  for (std::size_t i = 0; i < ev.size(); ++i) {
    if (ev[i].seq != i + 1) {
      FAIL_CHECK("seq " << ev[i].seq << " at index " << i << ": not gap-free and in order");
      break;
    }
  }
  bool times_ordered = true;
  for (std::size_t i = 1; i < ev.size(); ++i) times_ordered = times_ordered && ev[i].time_ns >= ev[i - 1].time_ns;
  CHECK_MESSAGE(times_ordered, "program time goes back in seq order");
  // Every value taken from a buffer was put there earlier, by a send numbered the same.
  std::map<std::pair<rt::ObjId, std::uint64_t>, std::string> buffered;
  int receives = 0, bad = 0;
  for (const auto& e : ev) {
    if (e.kind == rt::EventKind::SendDone && e.pos != 0) buffered[{e.object, e.pos}] = e.value;
    if (e.kind == rt::EventKind::RecvDone && e.pos != 0) {
      ++receives;
      auto it = buffered.find({e.object, e.pos});
      if (it == buffered.end() || it->second != e.value) ++bad;
    }
  }
  CHECK(receives > 0);
  CHECK_MESSAGE(bad == 0, bad << " buffered receives come before their send or carry another value");
  // Each goroutine starts before, and ends after, everything it does.
  std::map<rt::GoId, std::uint64_t> started, ended;
  for (const auto& e : ev) {
    if (e.kind == rt::EventKind::GoStart) started[e.goroutine] = e.seq;
    if (e.kind == rt::EventKind::GoEnd) ended[e.goroutine] = e.seq;
  }
  int out_of_life = 0;
  for (const auto& e : ev) {
    if (e.goroutine == 0 || e.kind == rt::EventKind::GoStart || e.kind == rt::EventKind::GoEnd) continue;
    auto s = started.find(e.goroutine);
    auto d = ended.find(e.goroutine);
    if (s == started.end() || s->second > e.seq || (d != ended.end() && d->second < e.seq)) ++out_of_life;
  }
  CHECK(out_of_life == 0);
}

// Three producers, four workers, a collector: buffered channels busy from several threads.
void pool_program() {
  Chan<int> jobs(8, "jobs"), results(8, "results");
  rt::WaitGroup producers, workers;
  for (int w = 0; w < 4; ++w) {
    workers.add(1);
    rt::go("main.worker", [jobs, results, &workers] {
      for (;;) {
        auto [j, ok] = jobs.recv();
        if (!ok) break;
        results.send(j);
      }
      workers.done();
    });
  }
  for (int p = 0; p < 3; ++p) {
    producers.add(1);
    rt::go("main.producer", [jobs, &producers, p] {
      for (int j = 0; j < 1000; ++j) jobs.send(p * 1000 + j);
      producers.done();
    });
  }
  rt::go("main.closer", [jobs, results, &producers, &workers] {
    producers.wait();
    jobs.close();
    workers.wait();
    results.close();
  });
  long sum = 0;
  for (;;) {
    auto [v, ok] = results.recv();
    if (!ok) break;
    sum += v;
  }
  expect(sum == 2999L * 3000L / 2, "every job's result arrives once");
}

std::vector<rt::Event> run_fed(rt::Config cfg, rt::Outcome& outcome) {
  rt::EventQueue queue(1 << 20);
  rt::Runtime r(std::move(cfg));
  r.add_observer(&queue);
  LiveDrain drain(queue);
  r.start("main.main", pool_program);
  auto o = r.wait_for(std::chrono::seconds(60));
  REQUIRE(o.has_value());
  outcome = *o;
  auto ev = drain.finish();
  CHECK(queue.dropped() == 0);
  return ev;
}

}  // namespace

TEST_CASE("a fed queue hands out a pool's events in one gap-free order that explains the run" * doctest::timeout(120)) {
  for (auto clock : {rt::ClockKind::Virtual, rt::ClockKind::Real}) {
    CAPTURE(static_cast<int>(clock));
    for (int run = 0; run < 6; ++run) {
      CAPTURE(run);
      rt::Config cfg;
      cfg.clock = clock;
      // Half the runs pause at random between claims and seqs, widening every race.
      cfg.fault_injection = run % 2 == 1;
      cfg.seed = static_cast<std::uint64_t>(run) + 1;
      rt::Outcome o;
      auto ev = run_fed(cfg, o);
      REQUIRE_MESSAGE(o.kind == rt::OutcomeKind::Completed, o.text);
      check_order(ev, o.events);
    }
  }
}

TEST_CASE("a fed run numbers buffered values in the order they went in" * doctest::timeout(60)) {
  // One goroutine: seq order and buffer order agree, numbered from 1 per channel.
  rt::EventQueue queue;
  rt::Runtime r;
  r.add_observer(&queue);
  r.start("main.main", [] {
    Chan<int> c(4);
    for (int i = 0; i < 10; ++i) {
      c.send(i);
      c.send(i + 100);
      c.recv();
      c.recv();
    }
  });
  REQUIRE(r.wait().kind == rt::OutcomeKind::Completed);
  std::vector<rt::Event> ev;
  queue.drain(ev);
  std::vector<std::uint64_t> sends, recvs;
  for (const auto& e : ev) {
    if (e.kind == rt::EventKind::SendDone) sends.push_back(e.pos);
    if (e.kind == rt::EventKind::RecvDone) recvs.push_back(e.pos);
  }
  REQUIRE(sends.size() == 20);
  REQUIRE(recvs.size() == 20);
  for (std::size_t i = 0; i < 20; ++i) {
    CHECK(sends[i] == i + 1);
    CHECK(recvs[i] == i + 1);
  }
}

TEST_CASE("close comes after every send that got into the buffer before it" * doctest::timeout(120)) {
  for (int run = 0; run < 20; ++run) {
    rt::EventQueue queue(1 << 18);
    rt::Config cfg;
    cfg.fault_injection = true;  // pauses between a send's claim and its seq widen the race
    cfg.seed = static_cast<std::uint64_t>(run) + 1;
    rt::Runtime r(cfg);
    r.add_observer(&queue);
    std::atomic<rt::ObjId> id{0};
    r.start("main.main", [&id] {
      Chan<int> c(1024, "c");
      id = c.id();
      rt::WaitGroup wg;
      for (int s = 0; s < 3; ++s) {
        wg.add(1);
        rt::go("main.sender", [c, &wg] {
          // Send until the close makes a send panic.
          rt::recover_from([&] {
            for (int i = 0; i < 100000; ++i) c.send(i);
          });
          wg.done();
        });
      }
      for (int i = 0; i < 200; ++i) c.recv();
      c.close();
      wg.wait();
    });
    auto o = r.wait_for(std::chrono::seconds(60));
    REQUIRE(o.has_value());
    REQUIRE_MESSAGE(o->kind == rt::OutcomeKind::Completed, o->text);
    std::vector<rt::Event> ev;
    queue.drain(ev);
    bool closed = false;
    int late = 0;
    for (const auto& e : ev) {
      if (e.object != id) continue;
      if (e.kind == rt::EventKind::Close) closed = true;
      if (closed && e.kind == rt::EventKind::SendDone) ++late;
    }
    CHECK(closed);
    CHECK_MESSAGE(late == 0, late << " sends after the close in seq order (run " << run << ")");
    if (late) break;
  }
}

TEST_CASE("a second observer takes every later event under the lock; the fed ones come first" * doctest::timeout(60)) {
  struct Recorder final : rt::Observer {
    std::vector<std::uint64_t> seqs;  // written under the runtime's lock
    void on_event(const rt::Event& e) override { seqs.push_back(e.seq); }
  };
  rt::EventQueue queue;
  Recorder recorder;
  rt::Runtime r;
  r.add_observer(&queue);
  std::atomic<int> phase{0};
  r.start("main.main", [&phase] {
    Chan<int> c(16);
    for (int i = 0; i < 100; ++i) {
      c.send(i);
      c.recv();
    }
    phase = 1;
    while (phase.load() != 2) std::this_thread::yield();  // the test adds the second observer
    for (int i = 0; i < 100; ++i) {
      c.send(i);
      c.recv();
    }
  });
  while (phase.load() != 1) std::this_thread::yield();
  r.add_observer(&recorder);
  phase = 2;
  auto o = r.wait_for(std::chrono::seconds(30));
  REQUIRE(o.has_value());
  REQUIRE(o->kind == rt::OutcomeKind::Completed);
  r.remove_observer(&recorder);
  std::vector<rt::Event> ev;
  queue.drain(ev);
  REQUIRE(ev.size() == o->events);
  for (std::size_t i = 0; i < ev.size(); ++i) REQUIRE(ev[i].seq == i + 1);
  REQUIRE(recorder.seqs.size() >= 200);  // the second hundred sends and receives at least
  CHECK(recorder.seqs.back() == ev.back().seq);
  for (std::size_t i = 1; i < recorder.seqs.size(); ++i) CHECK(recorder.seqs[i] == recorder.seqs[i - 1] + 1);
}

TEST_CASE("a fed queue drained after its runtime is gone hands out every event" * doctest::timeout(60)) {
  rt::EventQueue queue;
  std::uint64_t total = 0;
  {
    rt::Runtime r;
    r.add_observer(&queue);
    r.start("main.main", pool_program);
    auto o = r.wait_for(std::chrono::seconds(60));
    REQUIRE(o.has_value());
    REQUIRE(o->kind == rt::OutcomeKind::Completed);
    total = o->events;
  }
  std::vector<rt::Event> ev;
  CHECK(queue.drain(ev) == total);
  CHECK(ev.back().kind == rt::EventKind::Outcome);
  for (std::size_t i = 0; i < ev.size(); ++i) REQUIRE(ev[i].seq == i + 1);
}

TEST_CASE("a sender spinning on a full buffer in a fed run formats its value once, not every time round" *
          doctest::timeout(30)) {
  rt::EventQueue queue;
  rt::Runtime r;  // virtual clock: the receiver's sleep ends once main has parked on the full buffer
  r.add_observer(&queue);
  times_described = 0;
  r.start("main.main", [] {
    Chan<Counted> c(1);
    rt::go("main.receiver", [c] {
      rt::sleep(ms);
      c.recv();
      c.recv();
    });
    c.send(Counted{1});
    c.send(Counted{2});  // full: spins, then parks until the receiver takes the first
  });
  REQUIRE(r.wait().kind == rt::OutcomeKind::Completed);
  std::vector<rt::Event> ev;
  queue.drain(ev);
  bool parked = false;
  for (const auto& e : ev) parked = parked || e.kind == rt::EventKind::SendWait;
  CHECK(parked);
  // Two sends and two receives, the wait and the hand-over: a handful, not one per spin (64).
  CHECK(times_described.load() < 16);
}

namespace {
enum class Colour { Red, Green };
struct Celsius {
  int degrees = 0;
};
}  // namespace

template <>
struct poollab::rt::Describe<Colour> {
  static std::string str(Colour c) { return c == Colour::Red ? "red" : "green"; }
};
template <>
struct poollab::rt::Describe<Celsius> {
  static std::string str(const Celsius& c) { return std::to_string(c.degrees) + "C"; }
};
template <>
struct poollab::rt::DescribeLater<Celsius> {
  static constexpr bool enabled = true;
};

TEST_CASE("values the drainer formats from their bytes read as the goroutine's would" * doctest::timeout(60)) {
  // Scalars (and types that say so through DescribeLater) leave their text to the
  // drainer; the others are formatted by the goroutine. Either way each send and each
  // receive shows its value, in order, whether it went through the lock or not.
  static_assert(rt::DescribeLater<int>::enabled && rt::DescribeLater<double>::enabled && rt::DescribeLater<Colour>::enabled);
  static_assert(!rt::DescribeLater<std::string>::enabled && !rt::DescribeLater<Counted>::enabled);
  const int n = scaled(2000);
  rt::EventQueue queue;
  LiveDrain drain{queue};
  rt::Runtime r;
  r.add_observer(&queue);
  r.start("main.main", [n] {
    Chan<int> ints(4, "ints");
    Chan<bool> bools(4, "bools");
    Chan<Colour> colours(4, "colours");
    Chan<Celsius> temps(4, "temps");
    Chan<std::string> words(4, "words");
    Chan<rt::Unit> done(0);
    rt::go("main.reader", [=] {
      for (int i = 0; i < n; ++i) {
        ints.recv();
        bools.recv();
        colours.recv();
        temps.recv();
        words.recv();
      }
      done.send({});
    });
    for (int i = 0; i < n; ++i) {
      ints.send(i);
      bools.send(i % 2 == 0);
      colours.send(i % 3 == 0 ? Colour::Red : Colour::Green);
      temps.send(Celsius{i - 40});
      words.send("w" + std::to_string(i));
    }
    done.recv();
  });
  REQUIRE(r.wait().kind == rt::OutcomeKind::Completed);
  auto ev = drain.finish();
  std::map<std::string, rt::ObjId> ids;
  for (const auto& ch : r.snapshot().gone_channel_names) ids[ch.second] = ch.first;
  REQUIRE(ids.size() >= 5);
  std::map<rt::ObjId, std::vector<std::string>> sent, received;
  for (const auto& e : ev) {
    if (e.kind == rt::EventKind::SendDone) sent[e.object].push_back(e.value);
    if (e.kind == rt::EventKind::RecvDone) received[e.object].push_back(e.value);
  }
  auto expected = [n](auto text) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(text(i));
    return out;
  };
  const std::map<std::string, std::vector<std::string>> want = {
      {"ints", expected([](int i) { return std::to_string(i); })},
      {"bools", expected([](int i) { return std::string(i % 2 == 0 ? "true" : "false"); })},
      {"colours", expected([](int i) { return std::string(i % 3 == 0 ? "red" : "green"); })},
      {"temps", expected([](int i) { return std::to_string(i - 40) + "C"; })},
      {"words", expected([](int i) { return "w" + std::to_string(i); })},
  };
  for (const auto& [name, values] : want) {
    CAPTURE(name);
    REQUIRE(ids.count(name));
    CHECK(sent[ids[name]] == values);
    CHECK(received[ids[name]] == values);
  }
}
