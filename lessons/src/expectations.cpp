#include "poollab/lessons/expectations.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace poollab::lessons {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '"') out += "\\\"";
    else out += c;
  }
  return out + "\"";
}

std::string list_text(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + quoted(v[i]);
  return out + "]";
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", s);
  return buf;
}

}  // namespace

std::string Verdict::str() const {
  if (passed) return "ok: " + report.outcome_name() + " in " + seconds_text(report.seconds());
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "\n") + p;
  return out;
}

RunSpec spec_for(const Expectation& expect) {
  RunSpec spec;
  spec.clock = rt::ClockKind::Virtual;
  spec.seed = expect.seed.value_or(1);
  spec.serial = expect.serial;
  return spec;
}

std::vector<std::string> compare(const Expectation& e, const RunReport& r, const std::string& semaphore) {
  std::vector<std::string> bad;
  if (!r.compiled()) {
    std::string first = r.compile_errors.front().str();
    bad.push_back("does not compile: " + first);
    return bad;
  }
  std::string got = r.outcome_name();
  // A race Go allows but rarely shows ended this run: nothing else to compare.
  if (got != "completed" && got != e.outcome &&
      std::find(e.also_allowed.begin(), e.also_allowed.end(), r.outcome.message) != e.also_allowed.end())
    return bad;
  if (got != e.outcome) {
    std::string why = r.outcome.message.empty() ? "" : " (" + r.outcome.message + ")";
    bad.push_back("outcome: expected " + e.outcome + ", got " + got + why);
  }
  if (e.message && r.outcome.message != *e.message)
    bad.push_back("message: expected " + quoted(*e.message) + ", got " + quoted(r.outcome.message));
  if (e.stdout_exact && r.stdout_text != *e.stdout_exact)
    bad.push_back("stdout: expected " + quoted(*e.stdout_exact) + ", got " + quoted(r.stdout_text));
  if (e.stdout_sorted) {
    auto want = *e.stdout_sorted;
    auto have = r.stdout_lines();
    std::sort(want.begin(), want.end());
    std::sort(have.begin(), have.end());
    if (want != have) bad.push_back("sorted stdout: expected " + list_text(want) + ", got " + list_text(have));
  }
  for (const auto& s : e.stdout_contains)
    if (r.stdout_text.find(s) == std::string::npos)
      bad.push_back("stdout lacks " + quoted(s) + "; it was " + quoted(r.stdout_text));
  if (e.virtual_seconds && std::fabs(r.seconds() - *e.virtual_seconds) > 0.001 + 1e-9)
    bad.push_back("virtual time: expected " + seconds_text(*e.virtual_seconds) + " (+-1 ms), got " +
                  seconds_text(r.seconds()));
  if (e.leaked && static_cast<int>(r.outcome.leaked.size()) != *e.leaked)
    bad.push_back("leaked goroutines: expected " + std::to_string(*e.leaked) + ", got " +
                  std::to_string(r.outcome.leaked.size()));
  if (e.max_in_semaphore) {
    auto most = r.max_buffered(semaphore);
    if (!most)
      bad.push_back("max_in_semaphore: no sends on a semaphore channel '" + semaphore + "' were seen");
    else if (*most != *e.max_in_semaphore)
      bad.push_back("max_in_semaphore: expected " + std::to_string(*e.max_in_semaphore) + " at once, got " +
                    std::to_string(*most));
  }
  if (e.exit_code && r.exit_code() != *e.exit_code)
    bad.push_back("exit code: expected " + std::to_string(*e.exit_code) + ", got " + std::to_string(r.exit_code()));
  return bad;
}

Verdict check_source(const std::string& source, const std::string& filename, const Expectation& expect, int timeout_ms,
                     const std::string& semaphore) {
  Verdict v;
  RunSpec spec = spec_for(expect);
  spec.timeout_ms = timeout_ms;
  v.report = run_source(source, filename, spec);
  v.problems = compare(expect, v.report, semaphore);
  v.passed = v.problems.empty();
  return v;
}

Verdict check_expectation(const Lesson& lesson, const Expectation& expect, int timeout_ms) {
  std::string source;
  try {
    source = lesson.render(expect.settings);
  } catch (const SettingsError& e) {
    Verdict v;
    v.problems.push_back(std::string("settings: ") + e.what());
    return v;
  }
  Verdict v = check_source(source, "main.go", expect, timeout_ms, lesson.roles.semaphore);
  for (auto& p : v.problems) p = lesson.id + " [" + expect.name + "] " + p;
  return v;
}

}  // namespace poollab::lessons
