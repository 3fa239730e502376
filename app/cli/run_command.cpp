// `poollab list` and `poollab run`.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "poollab/lessons/settings.hpp"

namespace poollab::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool looks_like_file(const std::string& target) {
  return (target.size() > 3 && target.compare(target.size() - 3, 3, ".go") == 0) ||
         target.find('/') != std::string::npos;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

}  // namespace

Prepared prepare(const RunArgs& args, const lessons::Catalogue& catalogue) {
  lessons::Settings settings;
  try {
    for (const auto& s : args.sets) lessons::parse_set(s, settings);
    for (const auto& s : args.toggles) lessons::parse_toggle(s, settings);
    for (const auto& s : args.variants) lessons::parse_variant(s, settings);
  } catch (const lessons::SettingsError& e) {
    throw UsageError(e.what());
  }
  Prepared p;
  if (looks_like_file(args.target)) {
    std::ifstream in(args.target, std::ios::binary);
    if (!in) throw UsageError("cannot read '" + args.target + "' (no such file?)");
    std::ostringstream ss;
    ss << in.rdbuf();
    p.label = args.target;
    p.filename = args.target;
    try {
      p.source = lessons::apply_settings(ss.str(), settings);
    } catch (const lessons::SettingsError& e) {
      throw UsageError(args.target + ": " + e.what());
    }
    return p;
  }
  const lessons::Lesson* lesson = catalogue.find(args.target);
  if (!lesson) throw UsageError("unknown lesson '" + args.target + "'; valid lessons: " + catalogue.ids_text());
  if (!lesson->ok()) {
    std::string text = "lesson " + lesson->id + " is broken:";
    for (const auto& e : lesson->errors) text += "\n  " + e.str();
    throw std::runtime_error(text);
  }
  p.lesson = lesson;
  p.label = lesson->id;
  p.filename = "main.go";
  try {
    p.source = lesson->render(settings);
  } catch (const lessons::SettingsError& e) {
    throw UsageError(e.what());
  }
  return p;
}

lessons::RunSpec spec_from(const RunArgs& args) {
  lessons::RunSpec spec;
  spec.clock = args.clock == "real" ? rt::ClockKind::Real : rt::ClockKind::Virtual;
  spec.speed = args.speed;
  spec.seed = args.seed;
  spec.serial = args.schedule == "serial";
  spec.timeout_ms = args.timeout_seconds <= 0 ? 24 * 3600 * 1000 : static_cast<int>(args.timeout_seconds * 1000);
  return spec;
}

int cmd_list(const lessons::Catalogue& catalogue) {
  for (const auto& e : catalogue.errors) std::cerr << "poollab: " << e.str() << "\n";
  std::size_t width = 0;
  for (const auto& l : catalogue.lessons) width = std::max(width, l.id.size());
  for (const auto& l : catalogue.lessons) {
    std::cout << l.id << std::string(width + 2 - l.id.size(), ' ') << l.title;
    if (!l.ok()) {
      std::cout << "  [BROKEN] " << l.errors.front().str();
      if (l.errors.size() > 1) std::cout << " (+" << l.errors.size() - 1 << " more)";
    }
    std::cout << "\n";
  }
  return 0;
}

json run_json(const Prepared& p, const lessons::RunReport& r) {
  json j;
  j["lesson"] = p.label;
  j["outcome"] = r.outcome_name();
  j["message"] = r.compiled() ? r.outcome.message : r.compile_errors.front().str();
  j["exit_code"] = r.exit_code();
  j["stdout"] = r.stdout_text;
  j["stderr"] = r.stderr_text + (r.compiled() ? r.outcome.text : "");
  j["virtual_seconds"] = r.seconds();
  auto goroutine = [](const rt::GoroutineInfo& g) {
    return json{{"id", g.id},
                {"function", g.function},
                {"state", std::string(rt::to_string(g.state))},
                {"wait_reason", g.wait_reason},
                {"line", g.line}};
  };
  j["goroutines"] = json::array();
  for (const auto& g : r.outcome.goroutines) j["goroutines"].push_back(goroutine(g));
  j["leaked"] = r.outcome.leaked.size();
  j["leaked_goroutines"] = json::array();
  for (const auto& g : r.outcome.leaked) j["leaked_goroutines"].push_back(goroutine(g));
  j["events"] = r.outcome.events;
  j["steps"] = r.outcome.steps;
  if (!r.compiled()) {
    j["errors"] = json::array();
    for (const auto& d : r.compile_errors)
      j["errors"].push_back({{"file", d.file}, {"line", d.line}, {"column", d.col}, {"message", d.message}, {"text", d.str()}});
  }
  return j;
}

int cmd_run(const RunArgs& args, const lessons::Catalogue& catalogue, bool as_json) {
  Prepared p = prepare(args, catalogue);
  lessons::RunSpec spec = spec_from(args);
  spec.events = false;  // only counted
  if (!as_json) {
    spec.on_stdout = [](std::string_view t) { std::cout << t << std::flush; };
    spec.on_stderr = [](std::string_view t) { std::cerr << t; };
  }
  lessons::RunReport r = lessons::run_source(p.source, p.filename, spec);
  if (as_json) {
    std::cout << run_json(p, r).dump(2) << "\n";
    return r.exit_code();
  }
  std::cout << std::flush;
  if (!r.compiled()) {
    for (const auto& d : r.compile_errors) std::cerr << d.str() << "\n";
    return 1;
  }
  if (!r.outcome.text.empty()) {
    std::cerr << r.outcome.text;
    if (r.outcome.text.back() != '\n') std::cerr << "\n";
  }
  if (r.timed_out)
    std::cerr << "poollab: no outcome within " << args.timeout_seconds << " s of wall-clock time; the run was aborted\n";
  if (!r.outcome.leaked.empty()) {
    std::cerr << "\npoollab: main returned while " << r.outcome.leaked.size()
              << " goroutine(s) were still parked (leaked; Go exits silently here):\n\n";
    for (const auto& g : r.outcome.leaked) std::cerr << rt::format_goroutine(g, p.filename) << "\n";
  }
  std::cerr << "poollab: " << r.outcome_name() << " after " << seconds_text(r.seconds()) << " s ("
            << args.clock << " clock), exit status " << r.exit_code() << "\n";
  return r.exit_code();
}

}  // namespace poollab::cli
