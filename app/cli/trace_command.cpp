// `poollab trace`: Chrome Trace Event JSON (Perfetto, chrome://tracing).
// One track (tid) per goroutine; blocked spans as complete ("X") events;
// send -> receive flows ("s"/"f"); instants for close, panic, cancel, outcome.
#include <algorithm>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>

#include "cli/cli.hpp"

namespace poollab::cli {

using nlohmann::json;
using rt::EventKind;

namespace {

double us(std::int64_t ns) { return static_cast<double>(ns) / 1000.0; }

// The event that ends a blocked span begun by `kind`, and the span's name.
struct SpanKind {
  EventKind end;
  const char* name;
};
std::optional<SpanKind> span_of(EventKind kind) {
  switch (kind) {
    case EventKind::SendWait: return SpanKind{EventKind::SendDone, "blocked: chan send"};
    case EventKind::RecvWait: return SpanKind{EventKind::RecvDone, "blocked: chan receive"};
    case EventKind::SelectWait: return SpanKind{EventKind::SelectDone, "blocked: select"};
    case EventKind::WgWait: return SpanKind{EventKind::WgRelease, "blocked: sync.WaitGroup.Wait"};
    case EventKind::MutexWait: return SpanKind{EventKind::MutexLock, "blocked: sync.Mutex.Lock"};
    case EventKind::SleepStart: return SpanKind{EventKind::SleepEnd, "sleep"};
    case EventKind::JobStart: return SpanKind{EventKind::JobEnd, "job"};
    default: return std::nullopt;
  }
}

// The span begun by `b`: its kind's name, the job's value, which lock.
std::string span_name(const rt::Event& b) {
  std::string name = span_of(b.kind)->name;
  if (b.kind == EventKind::JobStart && !b.value.empty()) name += " " + b.value;
  if (b.kind == EventKind::MutexWait && !b.value.empty()) name = "blocked: " + b.value;  // Go's wait reason
  return name;
}

}  // namespace

json chrome_trace(const std::string& label, const lessons::RunReport& r) {
  json events = json::array();
  const int pid = 1;
  events.push_back({{"name", "process_name"}, {"ph", "M"}, {"pid", pid}, {"tid", 0}, {"args", {{"name", "poollab: " + label}}}});

  std::map<rt::GoId, std::string> names;
  std::map<rt::GoId, std::int64_t> started;
  std::int64_t end_ns = r.outcome.time;
  for (const auto& e : r.events) {
    end_ns = std::max(end_ns, e.time_ns);
    if (e.kind == EventKind::GoStart) {
      names[e.goroutine] = e.value.empty() ? "goroutine" : e.value;
      started[e.goroutine] = e.time_ns;
    }
  }
  if (!names.count(1) && !r.events.empty()) names[1] = "main.main";
  for (const auto& [id, fn] : names) {
    events.push_back({{"name", "thread_name"}, {"ph", "M"}, {"pid", pid}, {"tid", id},
                      {"args", {{"name", "G" + std::to_string(id) + " " + fn}}}});
    events.push_back({{"name", "thread_sort_index"}, {"ph", "M"}, {"pid", pid}, {"tid", id}, {"args", {{"sort_index", id}}}});
  }

  // Open spans per goroutine and kind; sends waiting for their receive per channel.
  std::map<std::pair<rt::GoId, EventKind>, std::deque<const rt::Event*>> open;
  std::map<rt::ObjId, std::deque<std::pair<std::uint64_t, const rt::Event*>>> pending_sends;
  std::uint64_t flow_id = 0;
  for (const auto& e : r.events) {
    json args = {{"seq", e.seq}};
    if (e.line) args["line"] = e.line;
    if (e.object) args["object"] = e.object;
    if (!e.value.empty()) args["value"] = e.value;
    if (auto s = span_of(e.kind)) {
      open[{e.goroutine, s->end}].push_back(&e);
      continue;
    }
    auto it = open.find({e.goroutine, e.kind});
    if (it != open.end() && !it->second.empty()) {
      const rt::Event* b = it->second.front();
      it->second.pop_front();
      std::string name = span_name(*b);
      json bargs = {{"seq", b->seq}, {"line", b->line}};
      if (b->object) bargs["object"] = b->object;
      events.push_back({{"name", name}, {"cat", "blocked"}, {"ph", "X"}, {"pid", pid}, {"tid", e.goroutine},
                        {"ts", us(b->time_ns)}, {"dur", us(e.time_ns - b->time_ns)}, {"args", bargs}});
    }
    switch (e.kind) {
      case EventKind::SendDone: {
        events.push_back({{"name", "send " + e.value}, {"cat", "chan"}, {"ph", "X"}, {"pid", pid}, {"tid", e.goroutine},
                          {"ts", us(e.time_ns)}, {"dur", 0}, {"args", args}});
        std::uint64_t id = ++flow_id;
        pending_sends[e.object].push_back({id, &e});
        events.push_back({{"name", "send->recv"}, {"cat", "flow"}, {"ph", "s"}, {"id", id}, {"pid", pid},
                          {"tid", e.goroutine}, {"ts", us(e.time_ns)}});
        break;
      }
      case EventKind::RecvDone: {
        events.push_back({{"name", e.flag ? "recv " + e.value : "recv (closed)"}, {"cat", "chan"}, {"ph", "X"},
                          {"pid", pid}, {"tid", e.goroutine}, {"ts", us(e.time_ns)}, {"dur", 0}, {"args", args}});
        auto& q = pending_sends[e.object];
        if (e.flag && !q.empty()) {
          // A buffered value: the send numbered as this receive (concurrent sends' events may
          // come in another order than their values went in); else the oldest.
          auto sent = q.begin();
          if (e.pos != 0) {
            auto match = std::find_if(q.begin(), q.end(), [&](const auto& p) { return p.second->pos == e.pos; });
            if (match != q.end()) sent = match;
          }
          auto [id, send] = *sent;
          q.erase(sent);
          events.push_back({{"name", "send->recv"}, {"cat", "flow"}, {"ph", "f"}, {"bp", "e"}, {"id", id},
                            {"pid", pid}, {"tid", e.goroutine}, {"ts", us(std::max(e.time_ns, send->time_ns))}});
        }
        break;
      }
      case EventKind::Close:
      case EventKind::Panic:
      case EventKind::Recover:
      case EventKind::Cancel:
        events.push_back({{"name", std::string(rt::to_string(e.kind)) + (e.value.empty() ? "" : ": " + e.value)},
                          {"cat", "event"}, {"ph", "i"}, {"s", "t"}, {"pid", pid}, {"tid", e.goroutine},
                          {"ts", us(e.time_ns)}, {"args", args}});
        break;
      case EventKind::GoEnd: {
        auto s = started.find(e.goroutine);
        std::int64_t from = s == started.end() ? 0 : s->second;
        events.push_back({{"name", names.count(e.goroutine) ? names[e.goroutine] : "goroutine"}, {"cat", "goroutine"},
                          {"ph", "X"}, {"pid", pid}, {"tid", e.goroutine}, {"ts", us(from)}, {"dur", us(e.time_ns - from)},
                          {"args", args}});
        started.erase(e.goroutine);
        break;
      }
      default: break;
    }
  }
  // Spans still open at the end: parked forever (deadlock, leak) or cut off.
  for (const auto& [key, q] : open)
    for (const rt::Event* b : q)
      events.push_back({{"name", span_name(*b) + " (never returned)"}, {"cat", "blocked"},
                        {"ph", "X"}, {"pid", pid}, {"tid", key.first}, {"ts", us(b->time_ns)},
                        {"dur", us(end_ns - b->time_ns)}, {"args", {{"seq", b->seq}, {"line", b->line}}}});
  for (const auto& [g, from] : started)
    events.push_back({{"name", names[g] + " (still alive)"}, {"cat", "goroutine"}, {"ph", "X"}, {"pid", pid},
                      {"tid", g}, {"ts", us(from)}, {"dur", us(end_ns - from)}});
  std::string outcome = r.outcome_name() + (r.outcome.message.empty() ? "" : ": " + r.outcome.message);
  events.push_back({{"name", "outcome: " + outcome}, {"cat", "event"}, {"ph", "i"}, {"s", "g"}, {"pid", pid},
                    {"tid", r.outcome.culprit ? r.outcome.culprit : 1}, {"ts", us(end_ns)},
                    {"args", {{"exit_code", r.exit_code()}, {"leaked", r.outcome.leaked.size()}}}});
  return json{{"traceEvents", events},
              {"displayTimeUnit", "ms"},
              {"otherData", {{"lesson", label}, {"outcome", r.outcome_name()}, {"virtual_seconds", r.seconds()}}}};
}

int cmd_trace(const RunArgs& args, const lessons::Catalogue& catalogue, const std::string& out_file) {
  Prepared p = prepare(args, catalogue);
  lessons::RunSpec spec = spec_from(args);
  lessons::RunReport r = lessons::run_source(p.source, p.filename, spec);
  if (!r.compiled()) {
    for (const auto& d : r.compile_errors) std::cerr << d.str() << "\n";
    return 1;
  }
  std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "poollab: cannot write " << out_file << "\n";
    return 1;
  }
  out << chrome_trace(p.label, r).dump() << "\n";
  out.close();
  if (!out) {
    std::cerr << "poollab: writing " << out_file << " failed\n";
    return 1;
  }
  std::cerr << "poollab: " << r.outcome_name() << ", " << r.events.size() << " events, trace written to " << out_file
            << "\n";
  if (r.dropped_events) std::cerr << "poollab: " << r.dropped_events << " events did not fit in the trace buffer\n";
  return 0;
}

}  // namespace poollab::cli
