// Every lesson under every [[expect]]: headless on the virtual clock with
// golite, and the same settings through the real `go run` (the oracle).
#include <doctest/doctest.h>

#include <algorithm>

#include "go_oracle.hpp"
#include "lesson_test_util.hpp"
#include "poollab/lessons/expectations.hpp"

using namespace poollab;

namespace {

const lessons::Catalogue& shipped() {
  static const lessons::Catalogue c = lessons::load_catalogue(test::assets_lessons_dir());
  return c;
}

std::vector<std::string> sorted_lines(const std::string& text) {
  lessons::RunReport r;
  r.stdout_text = text;
  auto lines = r.stdout_lines();
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

TEST_CASE("every shipped lesson loads" * doctest::timeout(120)) {
  const auto& c = shipped();
  CHECK(c.lessons.size() >= 1);
  for (const auto& l : c.lessons) {
    INFO(l.id, ":\n", test::errors_text(l));
    CHECK(l.ok());
  }
}

TEST_CASE("every lesson holds every expectation on the virtual clock" * doctest::timeout(900)) {
  int checked = 0;
  for (const auto& l : shipped().lessons) {
    if (!l.ok()) continue;  // reported by "every shipped lesson loads"
    for (const auto& e : l.expects) {
      auto v = lessons::check_expectation(l, e, 60000);
      INFO(l.id, " [", e.name, "] settings: ", e.settings.str(), "\n", v.str(), "\nstderr: ",
           v.report.outcome.text);
      CHECK(v.passed);
      ++checked;
    }
  }
  MESSAGE(checked << " expectations checked");
}

TEST_CASE("a failing expectation is reported readably" * doctest::timeout(60)) {
  auto l = lessons::load_lesson(test::fixtures_dir() / "lessons/good");
  REQUIRE(l.ok());
  lessons::Expectation wrong = l.expects[0];
  wrong.outcome = "deadlock";
  wrong.stdout_exact = "7\n";
  wrong.virtual_seconds = 1.0;
  auto v = lessons::check_expectation(l, wrong);
  CHECK_FALSE(v.passed);
  CHECK(v.str().find("outcome: expected deadlock, got completed") != std::string::npos);
  CHECK(v.str().find("stdout: expected \"7\\n\", got \"6\\n\"") != std::string::npos);
  CHECK(v.str().find("virtual time: expected 1.000 s (+-1 ms), got 0.000 s") != std::string::npos);
  auto ok = lessons::check_expectation(l, l.expects[1]);
  INFO(ok.str());
  CHECK(ok.passed);
}

TEST_CASE("real Go agrees with every expectation's oracle" * doctest::timeout(1500)) {
  if (!test::go_available()) {
    MESSAGE("go not found at " << test::go_binary() << "; skipped");
    return;
  }
  if (test::under_sanitizer()) {
    MESSAGE("skipped under a sanitizer");
    return;
  }
  int compared = 0;
  for (const auto& l : shipped().lessons) {
    if (!l.ok()) continue;
    for (const auto& e : l.expects) {
      if (e.oracle == "skip") continue;
      auto go = test::go_run(l.render(e.settings));
      INFO(l.id, " [", e.name, "] go: ", go.outcome, " ", go.message, "\nstdout: ", go.stdout_text, "\nstderr: ",
           go.stderr_text.substr(0, 2000));
      bool go_took_allowed_race = go.outcome != e.outcome && std::find(e.also_allowed.begin(), e.also_allowed.end(),
                                                                        go.message) != e.also_allowed.end();
      CHECK((go.outcome == e.outcome || go_took_allowed_race));
      ++compared;
      if (e.oracle != "same" || go.outcome != e.outcome) continue;
      if (e.message) CHECK(go.message == *e.message);
      if (e.exit_code) CHECK(go.exit_code == *e.exit_code);
      if (e.stdout_exact) CHECK(go.stdout_text == *e.stdout_exact);
      if (e.stdout_sorted) {
        auto want = *e.stdout_sorted;
        std::sort(want.begin(), want.end());
        CHECK(sorted_lines(go.stdout_text) == want);
      }
      for (const auto& s : e.stdout_contains) CHECK(go.stdout_text.find(s) != std::string::npos);
      // golite and Go agree on the first line of the failure text, too.
      auto ours = lessons::check_expectation(l, e, 60000);
      if (go.outcome != "completed") CHECK(ours.report.outcome.message == go.message);
    }
  }
  MESSAGE(compared << " expectations compared with go run");
}

TEST_CASE("also_allowed passes a run that took a race Go permits, and only that one" * doctest::timeout(10)) {
  lessons::Expectation e;
  e.name = "free schedule";
  e.outcome = "completed";
  e.stdout_contains = {"of 5\n"};
  e.also_allowed = {"panic: sync: WaitGroup is reused before previous Wait has returned"};

  lessons::RunReport raced;
  raced.outcome.kind = rt::OutcomeKind::Panic;
  raced.outcome.message = "panic: sync: WaitGroup is reused before previous Wait has returned";
  raced.outcome.exit_code = 2;
  CHECK(lessons::compare(e, raced).empty());

  lessons::RunReport other = raced;
  other.outcome.message = "panic: send on closed channel";
  auto bad = lessons::compare(e, other);
  REQUIRE_FALSE(bad.empty());
  CHECK(bad.front() == "outcome: expected completed, got panic (panic: send on closed channel)");

  lessons::RunReport fine;
  fine.stdout_text = "finished: 2 of 5\n";
  CHECK(lessons::compare(e, fine).empty());
  fine.stdout_text = "finished: 2 of 4\n";
  CHECK_FALSE(lessons::compare(e, fine).empty());
}
