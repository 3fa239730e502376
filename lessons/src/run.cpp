#include "poollab/lessons/run.hpp"

#include <mutex>

#include "poollab/runtime/event_queue.hpp"

namespace poollab::lessons {

std::string RunReport::outcome_name() const {
  if (!compiled()) return "compile_error";
  if (timed_out || outcome.kind == rt::OutcomeKind::Aborted) return "timeout";
  return std::string(rt::to_string(outcome.kind));
}

int RunReport::exit_code() const {
  if (!compiled()) return 1;
  if (timed_out) return 2;
  return outcome.exit_code;
}

double RunReport::seconds() const { return static_cast<double>(outcome.time) / 1e9; }

std::vector<std::string> RunReport::stdout_lines() const {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < stdout_text.size()) {
    auto nl = stdout_text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(stdout_text.substr(start));
      break;
    }
    lines.push_back(stdout_text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::optional<int> RunReport::max_buffered(const std::string& name) const {
  auto named = [&](rt::ObjId id) {
    auto it = channel_names.find(id);
    if (it == channel_names.end()) return false;
    const std::string& n = it->second;
    return n == name || (n.size() > name.size() && n.compare(n.size() - name.size() - 1, std::string::npos, "." + name) == 0);
  };
  // Without a name (the channel was gone at the end), a chan struct{} is taken for the semaphore.
  std::map<rt::ObjId, bool> tokens_only;
  for (const auto& e : events)
    if (e.kind == rt::EventKind::SendDone) {
      auto [it, fresh] = tokens_only.emplace(e.object, true);
      if (e.value != "{}") it->second = false;
    }
  bool any_named = false;
  for (const auto& [id, only] : tokens_only) any_named = any_named || named(id);
  std::optional<int> best;
  for (const auto& e : events) {
    if (e.kind != rt::EventKind::SendDone) continue;
    if (any_named ? !named(e.object) : !tokens_only[e.object]) continue;
    best = std::max(best.value_or(0), static_cast<int>(e.count));
  }
  return best;
}

RunReport run_source(std::string_view source, const std::string& filename, const RunSpec& spec) {
  RunReport report;
  report.filename = filename;
  golite::CompileResult compiled;
  try {
    compiled = golite::compile(source, filename);
  } catch (const std::exception& e) {
    compiled.errors.push_back({filename, 0, 0, std::string("internal compiler error: ") + e.what()});
  }
  if (!compiled.ok()) {
    report.compile_errors = compiled.errors;
    if (report.compile_errors.empty()) report.compile_errors.push_back({filename, 0, 0, "does not compile"});
    return report;
  }
  rt::Config cfg;
  cfg.clock = spec.clock;
  cfg.speed = spec.speed;
  cfg.seed = spec.seed;
  cfg.schedule = spec.serial ? rt::Schedule::Serial : rt::Schedule::Free;
  cfg.source_file = filename;
  rt::EventQueue queue(spec.event_capacity);
  std::mutex mu;  // sinks run on goroutine threads
  {
    rt::Runtime runtime(cfg);
    if (spec.events) runtime.add_observer(&queue);
    golite::RunOptions ro;
    ro.stdout_sink = [&](std::string_view t) {
      std::lock_guard lk(mu);
      report.stdout_text.append(t);
      if (spec.on_stdout) spec.on_stdout(t);
    };
    ro.stderr_sink = [&](std::string_view t) {
      std::lock_guard lk(mu);
      report.stderr_text.append(t);
      if (spec.on_stderr) spec.on_stderr(t);
    };
    golite::start(*compiled.program, runtime, std::move(ro));
    auto o = runtime.wait_for(std::chrono::milliseconds(spec.timeout_ms));
    if (!o) {
      report.timed_out = true;
      runtime.abort();
      o = runtime.wait();
    }
    report.outcome = *o;
    for (const auto& ch : runtime.snapshot().channels)
      if (!ch.name.empty()) report.channel_names[ch.id] = ch.name;
    if (spec.events) runtime.remove_observer(&queue);
  }
  queue.drain(report.events);
  report.dropped_events = queue.dropped();
  return report;
}

}  // namespace poollab::lessons
