// The models behind the visualisation panels, from hand-made event sequences:
// state spans per goroutine, send -> receive arrows, utilisation, Little's law,
// and the pool layout from lesson roles or from observed send/receive relations.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "gui/viz_layout.hpp"
#include "gui/viz_metrics.hpp"
#include "gui/viz_model.hpp"
#include "gui/viz_synthetic.hpp"

using namespace poollab;
using namespace poollab::gui;
using rt::EventKind;

namespace {

constexpr rt::Nanos ms = 1'000'000;

struct History {
  std::vector<rt::Event> events;
  History& add(EventKind kind, rt::Nanos t, rt::GoId g, rt::ObjId obj = 0, rt::GoId peer = 0, std::int64_t count = 0,
               std::string value = {}, bool flag = true) {
    rt::Event e;
    e.seq = events.size() + 1;
    e.time_ns = t;
    e.goroutine = g;
    e.object = obj;
    e.peer = peer;
    e.count = count;
    e.kind = kind;
    e.value = std::move(value);
    e.flag = flag;
    events.push_back(std::move(e));
    return *this;
  }
  History& start(rt::GoId g, const char* fn, rt::Nanos t = 0) { return add(EventKind::GoStart, t, g, 1, 1, 0, fn); }
};

rt::Snapshot named_channels(std::vector<std::pair<rt::ObjId, std::string>> names) {
  rt::Snapshot s;
  s.started = false;  // lanes decide who is alive
  for (auto& [id, name] : names) {
    rt::ChannelInfo c;
    c.id = id;
    c.name = name;
    s.channels.push_back(c);
  }
  return s;
}

bool has(const std::vector<rt::GoId>& v, rt::GoId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

}  // namespace

TEST_CASE("a goroutine's lane is a sequence of state spans in time and in event order" * doctest::timeout(10)) {
  History h;
  h.start(2, "main.worker", 0)
      .add(EventKind::RecvWait, 10 * ms, 2, 7)
      .add(EventKind::RecvDone, 30 * ms, 2, 7, 1, 0, "5")
      .add(EventKind::SleepStart, 30 * ms, 2)  // running for no time, but for one event
      .add(EventKind::SleepEnd, 80 * ms, 2)
      .add(EventKind::GoEnd, 100 * ms, 2);
  viz::Model m;
  m.update(h.events);
  const viz::Lane* lane = m.lane(2);
  REQUIRE(lane != nullptr);
  CHECK(lane->function == "main.worker");
  REQUIRE(lane->spans.size() == 6);
  const StateColour expected[] = {StateColour::Running, StateColour::ParkedRecv, StateColour::Running,
                                  StateColour::Sleeping, StateColour::Running, StateColour::Done};
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(lane->spans[i].state == expected[i]);
    CHECK(lane->spans[i].begin_seq == i + 1);  // one state change per event
    if (i + 1 < 6) {
      CHECK(lane->spans[i].end == lane->spans[i + 1].begin);  // contiguous
      CHECK(lane->spans[i].end_seq == lane->spans[i + 1].begin_seq);
    }
  }
  CHECK(lane->spans[1].end == 30 * ms);
  CHECK(lane->spans[2].begin == lane->spans[2].end);  // zero program time, one event long
  CHECK(lane->spans[5].end == viz::kOpen);
  CHECK(lane->spans[5].end_seq == viz::kOpenSeq);
  CHECK(lane->ended == 100 * ms);
  CHECK(lane->current_job.empty());  // finished goroutines hold no job
}

TEST_CASE("utilisation is busy time over time alive; job marks take precedence" * doctest::timeout(10)) {
  History h;
  h.start(2, "main.worker", 0)
      .add(EventKind::RecvWait, 10 * ms, 2, 7)  // idle 10..30
      .add(EventKind::RecvDone, 30 * ms, 2, 7, 1, 0, "5")
      .add(EventKind::SleepStart, 30 * ms, 2)
      .add(EventKind::SleepEnd, 80 * ms, 2)
      .add(EventKind::GoEnd, 100 * ms, 2);
  viz::Model m;
  m.update(h.events);
  CHECK(m.lane(2)->busy(100 * ms) == 80 * ms);
  CHECK(m.lane(2)->alive(200 * ms) == 100 * ms);

  viz::PoolLayout layout;
  layout.workers = {2};
  viz::Metrics metrics = viz::compute_metrics(m, layout, 100 * ms);
  REQUIRE(metrics.workers.size() == 1);
  CHECK(metrics.workers[0].utilisation == doctest::Approx(0.8));

  History marked;
  marked.start(3, "main.worker", 0)
      .add(EventKind::JobStart, 20 * ms, 3, 0, 0, 0, "1")
      .add(EventKind::JobEnd, 45 * ms, 3, 0, 0, 0, "1")
      .add(EventKind::SleepStart, 50 * ms, 3)  // sleeping outside a job is not busy here
      .add(EventKind::SleepEnd, 90 * ms, 3);
  viz::Model m2;
  m2.update(marked.events);
  layout.workers = {3};
  metrics = viz::compute_metrics(m2, layout, 100 * ms);
  CHECK(metrics.workers[0].utilisation == doctest::Approx(0.25));
  CHECK(metrics.workers[0].jobs == 1);
  CHECK(metrics.completed == 1);
  CHECK(std::string(metrics.completed_what) == "jobs finished");
}

TEST_CASE("arrows join each send to its receive: hand-offs and FIFO buffers" * doctest::timeout(10)) {
  History h;
  h.start(1, "main.main").start(2, "main.worker").start(3, "main.worker");
  h.add(EventKind::SendDone, 0, 1, 7, 0, 1, "a")  // buffered
      .add(EventKind::SendDone, 10, 1, 7, 0, 2, "b")
      .add(EventKind::RecvDone, 20, 2, 7, 0, 1, "a")
      .add(EventKind::RecvDone, 25, 3, 7, 0, 0, "b")
      .add(EventKind::SendDone, 40, 2, 8, 1, 0, "x")  // unbuffered hand-off to main
      .add(EventKind::RecvDone, 40, 1, 8, 2, 0, "x")
      .add(EventKind::RecvDone, 50, 3, 7, 0, 0, "", false);  // closed: no value, no arrow
  viz::Model m;
  m.update(h.events);
  const auto& a = m.arrows();
  REQUIRE(a.size() == 3);
  CHECK(a[0].from == 1);
  CHECK(a[0].to == 2);
  CHECK(a[0].send_time == 0);
  CHECK(a[0].recv_time == 20);
  CHECK(a[0].send_seq == 4);  // after the three GoStarts
  CHECK(a[0].recv_seq == 6);
  CHECK(a[1].to == 3);
  CHECK(a[1].send_time == 10);
  CHECK(a[1].recv_time == 25);
  CHECK(a[2].from == 2);
  CHECK(a[2].to == 1);
  CHECK(a[2].send_time == a[2].recv_time);
  CHECK(m.longest_arrow() == 20);
  for (std::size_t i = 1; i < a.size(); ++i) CHECK(a[i - 1].recv_time <= a[i].recv_time);
}

TEST_CASE("buffered values are matched by number when concurrent senders' events come out of order" *
          doctest::timeout(10)) {
  // Two producers sent at once: the second value in the buffer has the earlier seq. A
  // receive takes the value numbered as it says, so the arrow comes from its real sender.
  History h;
  h.start(1, "main.main").start(2, "main.producer").start(3, "main.producer").start(4, "main.worker");
  auto buffered = [&](EventKind kind, rt::Nanos t, rt::GoId g, std::int64_t len, const char* v, std::uint64_t pos) {
    h.add(kind, t, g, 7, 0, len, v);
    h.events.back().pos = pos;
  };
  buffered(EventKind::SendDone, 10, 3, 2, "from-3", 2);
  buffered(EventKind::SendDone, 11, 2, 2, "from-2", 1);
  viz::Model m;
  m.update(h.events);
  // The buffer is drawn head first: in the values' order, not the events'.
  REQUIRE(m.channel(7));
  REQUIRE(m.channel(7)->queued.size() == 2);
  CHECK(m.channel(7)->queued.front().value == "from-2");
  CHECK(m.channel(7)->queued.back().value == "from-3");
  buffered(EventKind::RecvDone, 20, 4, 1, "from-2", 1);
  m.update(h.events);
  REQUIRE(m.arrows().size() == 1);
  CHECK(m.arrows()[0].from == 2);
  CHECK(m.arrows()[0].send_time == 11);
  REQUIRE(m.channel(7)->queued.size() == 1);
  CHECK(m.channel(7)->queued.front().value == "from-3");
}

TEST_CASE("Little's law: lambda * W equals the measured mean queue length" * doctest::timeout(10)) {
  // Three jobs arrive 10 ms apart and each waits 30 ms in the buffer.
  History h;
  h.start(1, "main.main").start(2, "main.worker");
  h.add(EventKind::SendDone, 0, 1, 7, 0, 1, "1")
      .add(EventKind::SendDone, 10 * ms, 1, 7, 0, 2, "2")
      .add(EventKind::SendDone, 20 * ms, 1, 7, 0, 3, "3")
      .add(EventKind::RecvDone, 30 * ms, 2, 7, 0, 2, "1")
      .add(EventKind::RecvDone, 40 * ms, 2, 7, 0, 1, "2")
      .add(EventKind::RecvDone, 50 * ms, 2, 7, 0, 0, "3")
      .add(EventKind::RecvWait, 60 * ms, 2, 7);
  viz::Model m;
  m.update(h.events);
  viz::PoolLayout layout;
  layout.jobs = 7;
  layout.workers = {2};
  viz::Metrics metrics = viz::compute_metrics(m, layout, 60 * ms);
  CHECK(metrics.queue == 7);
  CHECK(metrics.arrival_rate == doctest::Approx(50.0));   // 3 per 60 ms
  CHECK(metrics.mean_wait == doctest::Approx(0.030));     // 30 ms
  CHECK(metrics.littles_L == doctest::Approx(1.5));
  CHECK(metrics.measured_L == doctest::Approx(1.5));      // (1+2+3+2+1) * 10 ms / 60 ms
  CHECK(metrics.queue_now == 0);
  CHECK(metrics.throughput == doctest::Approx(50.0));     // 3 jobs taken in 60 ms
  CHECK(metrics.workers[0].jobs == 3);

  std::vector<float> depth;
  viz::sample_depth(*m.channel(7), 0, 60 * ms, 7, depth);  // every 10 ms
  CHECK(depth == std::vector<float>{1, 2, 3, 2, 1, 0, 0});
}

TEST_CASE("the model reads only new events and starts over when the history is replaced" * doctest::timeout(10)) {
  viz::SyntheticRun run = viz::synthetic_pool(8, 5'000);
  viz::Model whole;
  whole.update(run.history);

  std::vector<rt::Event> growing;
  viz::Model step;
  for (std::size_t i = 0; i < run.history.size(); i += 777) {
    std::size_t end = std::min(run.history.size(), i + 777);
    growing.insert(growing.end(), run.history.begin() + static_cast<std::ptrdiff_t>(i),
                   run.history.begin() + static_cast<std::ptrdiff_t>(end));
    step.update(growing);
    CHECK(step.processed() == growing.size());
  }
  REQUIRE(step.lanes().size() == whole.lanes().size());
  for (std::size_t i = 0; i < whole.lanes().size(); ++i) {
    CHECK(step.lanes()[i].spans.size() == whole.lanes()[i].spans.size());
    CHECK(step.lanes()[i].busy(run.snapshot.now) == whole.lanes()[i].busy(run.snapshot.now));
  }
  CHECK(step.arrows().size() == whole.arrows().size());

  const auto generation = step.generation();
  growing.resize(100);  // step back: a shorter history
  step.update(growing);
  CHECK(step.generation() != generation);
  CHECK(step.processed() == 100);
  viz::Model fresh;
  fresh.update(growing);
  CHECK(step.arrows().size() == fresh.arrows().size());

  // A reset refills the same vector past where it was, with another run: start over too.
  const auto before_reset = step.generation();
  History other;
  for (int i = 0; i < 150; ++i) other.start(100 + i, "main.other", i);
  growing = other.events;
  step.update(growing);
  CHECK(step.generation() != before_reset);
  CHECK(step.lanes().size() == 150);
  CHECK(step.lane(2) == nullptr);
}

TEST_CASE("layout from the lesson's roles" * doctest::timeout(10)) {
  History h;
  h.start(1, "main.main").start(2, "main.worker").start(3, "main.worker").start(4, "main.main.func1");
  viz::Model m;
  m.update(h.events);
  rt::Snapshot snap = named_channels({{7, "jobs"}, {8, "results"}, {9, "done"}});
  viz::Roles roles;
  roles.workers = {"worker"};
  roles.producers = {"main"};
  roles.consumers = {"main"};
  roles.jobs = "jobs";
  roles.results = "results";
  viz::PoolLayout l = viz::derive_layout(roles, m, snap);
  CHECK(l.from_roles);
  CHECK(l.workers == std::vector<rt::GoId>{2, 3});
  CHECK(l.producers == std::vector<rt::GoId>{1});
  CHECK(l.consumers == std::vector<rt::GoId>{1});
  CHECK(l.jobs == 7);
  CHECK(l.results == 8);
  CHECK(l.others == std::vector<rt::GoId>{4});  // main.main.func1 is not "main"
  CHECK(l.other_channels == std::vector<rt::ObjId>{9});
}

TEST_CASE("layout inferred from who sends and receives where" * doctest::timeout(10)) {
  History h;
  h.start(1, "main.main").start(2, "main.worker").start(3, "main.worker").start(4, "main.worker").start(5, "main.logger");
  h.add(EventKind::SendDone, 1, 1, 7, 0, 1, "1")
      .add(EventKind::RecvDone, 2, 2, 7, 0, 0, "1")
      .add(EventKind::RecvWait, 3, 3, 7)
      .add(EventKind::RecvWait, 3, 4, 7)
      .add(EventKind::SendDone, 4, 2, 8, 1, 0, "2")
      .add(EventKind::RecvDone, 4, 1, 8, 2, 0, "2")
      .add(EventKind::RecvWait, 5, 5, 10)  // a lone logger: not a pool
      // a semaphore: buffered struct{} tokens the same goroutine takes and gives back
      .add(EventKind::SendDone, 6, 3, 9, 0, 1, "{}")
      .add(EventKind::RecvDone, 7, 3, 9, 0, 0, "{}");
  viz::Model m;
  m.update(h.events);
  viz::PoolLayout l = viz::derive_layout(viz::Roles{}, m, rt::Snapshot{});
  CHECK_FALSE(l.from_roles);
  CHECK(l.jobs == 7);
  CHECK(l.results == 8);
  CHECK(l.semaphore == 9);
  CHECK(l.workers == std::vector<rt::GoId>{2, 3, 4});
  CHECK(l.producers == std::vector<rt::GoId>{1});
  CHECK(l.consumers == std::vector<rt::GoId>{1});
  CHECK(has(l.others, 5));
  CHECK_FALSE(has(l.others, 2));
  CHECK(l.other_channels == std::vector<rt::ObjId>{10});
}

TEST_CASE("pipeline stages from roles, each with the channel it sends downstream on" * doctest::timeout(10)) {
  History h;
  h.start(1, "main.main").start(2, "main.gen").start(3, "main.square").start(4, "main.square");
  h.add(EventKind::SendDone, 1, 2, 20, 3, 0, "1")
      .add(EventKind::RecvDone, 1, 3, 20, 2, 0, "1")
      .add(EventKind::SendDone, 2, 3, 21, 1, 0, "1")
      .add(EventKind::RecvDone, 2, 1, 21, 3, 0, "1")
      .add(EventKind::SendDone, 3, 4, 21, 1, 0, "4")
      .add(EventKind::RecvDone, 3, 1, 21, 4, 0, "4");
  viz::Model m;
  m.update(h.events);
  viz::Roles roles;
  roles.stages = {"gen", "square"};
  viz::PoolLayout l = viz::derive_layout(roles, m, named_channels({{20, "out"}, {21, "out"}}));
  REQUIRE(l.stages.size() == 2);
  CHECK(l.stages[0].goroutines == std::vector<rt::GoId>{2});
  CHECK(l.stages[0].out == 20);
  CHECK(l.stages[1].goroutines == std::vector<rt::GoId>{3, 4});
  CHECK(l.stages[1].out == 21);
  CHECK(l.other_channels.empty());
}

TEST_CASE("without a pool row, producers and consumers are drawn with the others, producers first" *
          doctest::timeout(10)) {
  History h;
  h.start(1, "main.main").start(2, "main.source").start(3, "main.source").start(4, "main.logger");
  viz::Model m;
  m.update(h.events);
  viz::Roles roles;
  roles.producers = {"source"};
  roles.consumers = {"main"};
  viz::PoolLayout l = viz::derive_layout(roles, m, named_channels({{7, "fast"}, {8, "slow"}}));
  CHECK(l.workers.empty());
  CHECK(l.jobs == 0);
  CHECK(l.others == std::vector<rt::GoId>{2, 3, 1, 4});
  CHECK(l.other_channels == std::vector<rt::ObjId>{7, 8});
}

TEST_CASE("roles match methods by name and pipeline stages by the closures they start" * doctest::timeout(10)) {
  History h;
  h.start(1, "main.main").start(2, "main.(*Pool).worker").start(3, "main.gen.func1").start(4, "main.square");
  viz::Model m;
  m.update(h.events);
  viz::Roles pool_roles;
  pool_roles.workers = {"worker"};
  CHECK(viz::derive_layout(pool_roles, m, rt::Snapshot{}).workers == std::vector<rt::GoId>{2});
  viz::Roles pipe_roles;
  pipe_roles.stages = {"gen", "square"};
  viz::PoolLayout l = viz::derive_layout(pipe_roles, m, rt::Snapshot{});
  REQUIRE(l.stages.size() == 2);
  CHECK(l.stages[0].goroutines == std::vector<rt::GoId>{3});
  CHECK(l.stages[1].goroutines == std::vector<rt::GoId>{4});
  CHECK(l.jobs == 0);  // roles were given: no pool is guessed
}

TEST_CASE("a channel already gone keeps the name a snapshot reported for it" * doctest::timeout(10)) {
  viz::Model m;
  rt::Snapshot snap;
  snap.gone_channel_names = {{5, "fast"}};
  m.note_snapshot(snap);
  CHECK(m.channel_name(5) == "fast");
  CHECK(m.channel_name(6) == "chan#6");
}

TEST_CASE("state colours follow Go's wait reasons" * doctest::timeout(10)) {
  rt::GoroutineInfo g;
  g.state = rt::GState::Blocked;
  g.wait_reason = "chan send";
  CHECK(viz::state_of(g) == StateColour::ParkedSend);
  g.wait_reason = "chan receive (nil chan)";
  CHECK(viz::state_of(g) == StateColour::ParkedRecv);
  g.wait_reason = "select";
  CHECK(viz::state_of(g) == StateColour::InSelect);
  g.wait_reason = "sync.WaitGroup.Wait";
  CHECK(viz::state_of(g) == StateColour::BlockedSync);
  g.state = rt::GState::Sleeping;
  CHECK(viz::state_of(g) == StateColour::Sleeping);
  g.state = rt::GState::Runnable;
  CHECK(viz::state_of(g) == StateColour::Runnable);
}
