#include "gui/viz_synthetic.hpp"

#include <algorithm>
#include <deque>
#include <string>

namespace poollab::gui::viz {

using rt::EventKind;
using rt::GoId;

SyntheticRun synthetic_pool(int workers, std::size_t events, int buffer) {
  SyntheticRun run;
  auto& h = run.history;
  h.reserve(events + 16 * static_cast<std::size_t>(workers));
  rt::Nanos t = 0;
  auto emit = [&](EventKind kind, GoId g, rt::ObjId obj, std::string value = {}, GoId peer = 0, std::int64_t count = 0,
                  int line = 0) {
    rt::Event e;
    e.seq = h.size() + 1;
    e.time_ns = t;
    e.goroutine = g;
    e.object = obj;
    e.peer = peer;
    e.count = count;
    e.kind = kind;
    e.line = line;
    e.value = std::move(value);
    h.push_back(std::move(e));
  };
  const GoId main_id = 1;
  emit(EventKind::GoStart, main_id, 0, "main.main");
  emit(EventKind::WgAdd, main_id, SyntheticRun::kWaitGroup, std::to_string(workers), 0, workers, 20);
  for (int w = 0; w < workers; ++w) {
    emit(EventKind::GoStart, 2 + w, main_id, "main.worker", main_id);
    emit(EventKind::RecvWait, 2 + w, SyntheticRun::kJobs, {}, 0, 0, 9);
  }

  std::deque<std::string> buf;
  int next_job = 0;
  int rotate = 0;
  std::vector<GoId> busy;
  while (h.size() < events) {
    // main fills the buffer, then parks on the full channel.
    while (static_cast<int>(buf.size()) < buffer) {
      t += 1'000;
      buf.push_back(std::to_string(next_job++));
      emit(EventKind::SendDone, main_id, SyntheticRun::kJobs, buf.back(), 0, static_cast<std::int64_t>(buf.size()), 24);
    }
    emit(EventKind::SendWait, main_id, SyntheticRun::kJobs, std::to_string(next_job), 0, buffer, 24);
    // Idle workers take jobs in turn and start working.
    busy.clear();
    for (int i = 0; i < workers && !buf.empty(); ++i) {
      GoId w = 2 + (rotate + i) % workers;
      t += 500;
      std::string v = buf.front();
      buf.pop_front();
      emit(EventKind::RecvDone, w, SyntheticRun::kJobs, v, 0, static_cast<std::int64_t>(buf.size()), 10);
      emit(EventKind::SleepStart, w, 0, "2000000", 0, 2'000'000, 11);
      busy.push_back(w);
    }
    rotate = (rotate + 3) % std::max(workers, 1);
    // main's parked send completes as soon as there is room.
    t += 200;
    buf.push_back(std::to_string(next_job++));
    emit(EventKind::SendDone, main_id, SyntheticRun::kJobs, buf.back(), 0, static_cast<std::int64_t>(buf.size()), 24);
    // Work is done; results are handed straight to main, then workers wait for more.
    t += 2'000'000;
    for (GoId w : busy) {
      emit(EventKind::SleepEnd, w, 0, {}, 0, 0, 11);
      t += 300;
      emit(EventKind::SendDone, w, SyntheticRun::kResults, "r", main_id, 0, 12);
      emit(EventKind::RecvDone, main_id, SyntheticRun::kResults, "r", w, 0, 28);
      emit(EventKind::RecvWait, w, SyntheticRun::kJobs, {}, 0, 0, 9);
    }
  }

  // Final state: main parked sending, workers a mix of states.
  rt::Snapshot& s = run.snapshot;
  s.now = t;
  s.events = h.size();
  s.started = true;
  auto g = [&](GoId id, const char* fn, rt::GState st, const char* reason, rt::ObjId on, int line) {
    rt::GoroutineInfo info;
    info.id = id;
    info.function = fn;
    info.state = st;
    info.wait_reason = reason;
    info.waiting_on = on;
    info.line = line;
    info.parked_since = t - 1'000'000;
    s.goroutines.push_back(std::move(info));
  };
  g(main_id, "main.main", rt::GState::Blocked, "chan send", SyntheticRun::kJobs, 24);
  for (int w = 0; w < workers; ++w) {
    switch (w % 4) {
      case 0: g(2 + w, "main.worker", rt::GState::Blocked, "chan receive", SyntheticRun::kJobs, 9); break;
      case 1: g(2 + w, "main.worker", rt::GState::Sleeping, "sleep", 0, 11); break;
      case 2: g(2 + w, "main.worker", rt::GState::Runnable, "", 0, 12); break;
      default: g(2 + w, "main.worker", rt::GState::Blocked, "chan send", SyntheticRun::kResults, 12); break;
    }
  }
  for (const auto& gi : s.goroutines)
    if (gi.state == rt::GState::Runnable) s.at_gate.push_back(gi.id);
  rt::ChannelInfo jobs;
  jobs.id = SyntheticRun::kJobs;
  jobs.name = "jobs";
  jobs.cap = static_cast<std::size_t>(buffer);
  jobs.buffer.assign(buf.begin(), buf.end());
  jobs.senders = {main_id};
  jobs.pending_values = {std::to_string(next_job)};
  rt::ChannelInfo results;
  results.id = SyntheticRun::kResults;
  results.name = "results";
  for (const auto& gi : s.goroutines)
    if (gi.waiting_on == SyntheticRun::kResults) results.senders.push_back(gi.id), results.pending_values.push_back("r");
  s.channels = {jobs, results};
  rt::WaitGroupInfo wg;
  wg.id = SyntheticRun::kWaitGroup;
  wg.name = "wg";
  wg.counter = workers;
  s.wait_groups = {wg};
  return run;
}

}  // namespace poollab::gui::viz
