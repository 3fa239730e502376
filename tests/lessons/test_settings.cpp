// Applying settings to a listing: toggles, variants, parameters; line numbers kept.
#include <doctest/doctest.h>

#include "lesson_test_util.hpp"
#include "poollab/lessons/lesson.hpp"
#include "poollab/lessons/settings.hpp"

using namespace poollab;
using lessons::Settings;

namespace {

const char* kListing =
    "package main\n"
    "\n"
    "const (\n"
    "\tnumWorkers = 3\n"
    "\tjobTime    = 500 * time.Millisecond\n"
    ")\n"
    "const numJobs int = 8\n"
    "\n"
    "func main() {\n"
    "\tclose(jobs) // toggle: close-jobs\n"
    "\t// wg.Wait() // toggle: wait-first\n"
    "\tresults := make(chan int)            // variant: results=unbuffered\n"
    "\t// results := make(chan int, numJobs) // variant: results=buffered\n"
    "\tx := 10 // not a parameter\n"
    "}\n";

std::vector<std::string> lines(const std::string& s) { return lessons::split_lines(s); }

}  // namespace

TEST_CASE("scan_listing finds toggles, variants and integer constants" * doctest::timeout(5)) {
  auto m = lessons::scan_listing(kListing);
  CHECK(m.toggles.at("close-jobs") == std::vector<int>{10});
  CHECK(m.toggles.at("wait-first") == std::vector<int>{11});
  CHECK(m.variants.at("results").at("unbuffered") == std::vector<int>{12});
  CHECK(m.variants.at("results").at("buffered") == std::vector<int>{13});
  CHECK(m.params.at("numWorkers").value == 3);
  CHECK(m.params.at("jobTime").value == 500);
  CHECK(m.params.at("numJobs").value == 8);
  CHECK(m.params.at("numJobs").line == 7);
  CHECK(m.params.count("x") == 0);
}

TEST_CASE("toggles comment lines out and back in" * doctest::timeout(5)) {
  Settings s;
  s.toggles["close-jobs"] = false;
  s.toggles["wait-first"] = true;
  auto out = lines(lessons::apply_settings(kListing, s));
  CHECK(out[9] == "\t// close(jobs) // toggle: close-jobs");
  CHECK(out[10] == "\twg.Wait() // toggle: wait-first");
  CHECK(out.size() == lines(kListing).size());
  // Applying the shipped state changes nothing.
  Settings same;
  same.toggles["close-jobs"] = true;
  same.toggles["wait-first"] = false;
  CHECK(lessons::apply_settings(kListing, same) == kListing);
}

TEST_CASE("a variant enables exactly its option's lines" * doctest::timeout(5)) {
  Settings s;
  s.variants["results"] = "buffered";
  auto out = lines(lessons::apply_settings(kListing, s));
  CHECK(out[11] == "\t// results := make(chan int)            // variant: results=unbuffered");
  CHECK(out[12] == "\tresults := make(chan int, numJobs) // variant: results=buffered");
}

TEST_CASE("--set replaces only the integer literal" * doctest::timeout(5)) {
  Settings s;
  s.params["numWorkers"] = 12;
  s.params["jobTime"] = 250;
  s.params["numJobs"] = 0;
  auto out = lines(lessons::apply_settings(kListing, s));
  CHECK(out[3] == "\tnumWorkers = 12");
  CHECK(out[4] == "\tjobTime    = 250 * time.Millisecond");
  CHECK(out[6] == "const numJobs int = 0");
}

TEST_CASE("unknown names and out-of-range values list what is valid" * doctest::timeout(5)) {
  Settings s;
  s.toggles["close-job"] = false;
  CHECK_THROWS_WITH_AS(lessons::apply_settings(kListing, s),
                       "unknown toggle 'close-job'; valid toggles: close-jobs, wait-first", lessons::SettingsError);
  Settings v;
  v.variants["results"] = "huge";
  CHECK_THROWS_WITH_AS(lessons::apply_settings(kListing, v),
                       "unknown option 'huge' of variant 'results'; valid options: buffered, unbuffered",
                       lessons::SettingsError);
  Settings p;
  p.params["numWorkers"] = 99;
  lessons::ParamRanges ranges{{"numWorkers", {1, 8}}};
  CHECK_THROWS_WITH_AS(lessons::apply_settings(kListing, p, &ranges),
                       "parameter numWorkers=99 is out of range; valid range: 1..8", lessons::SettingsError);
  Settings q;
  q.params["numJobs"] = 3;  // a constant, but not a declared parameter
  CHECK_THROWS_WITH_AS(lessons::apply_settings(kListing, q, &ranges),
                       "unknown parameter 'numJobs'; valid parameters: numWorkers (1..8)", lessons::SettingsError);
}

TEST_CASE("command-line forms parse or explain" * doctest::timeout(5)) {
  Settings s;
  lessons::parse_set("numWorkers=5", s);
  lessons::parse_toggle("close-jobs=off", s);
  lessons::parse_toggle("wait-first=on", s);
  lessons::parse_variant("results=buffered", s);
  CHECK(s.params.at("numWorkers") == 5);
  CHECK_FALSE(s.toggles.at("close-jobs"));
  CHECK(s.toggles.at("wait-first"));
  CHECK(s.variants.at("results") == "buffered");
  CHECK(s.str() == "numWorkers=5 close-jobs=off wait-first=on results=buffered");
  CHECK_THROWS_AS(lessons::parse_set("numWorkers", s), lessons::SettingsError);
  CHECK_THROWS_AS(lessons::parse_set("numWorkers=five", s), lessons::SettingsError);
  CHECK_THROWS_AS(lessons::parse_toggle("close-jobs=maybe", s), lessons::SettingsError);
}

TEST_CASE("a lesson's render checks names and ranges against lesson.toml" * doctest::timeout(30)) {
  auto l = lessons::load_lesson(test::fixtures_dir() / "lessons/good", {.compile = false});
  REQUIRE(l.ok());
  Settings s;
  s.params["numJobs"] = 5;
  s.toggles["close-jobs"] = false;
  s.variants["print"] = "labelled";
  auto out = lines(l.render(s));
  CHECK(out[4] == "const numJobs = 5");
  CHECK(out[11] == "\t// close(jobs) // toggle: close-jobs");
  CHECK(out[16] == "\t// fmt.Println(total) // variant: print=plain");
  CHECK(out[17] == "\tfmt.Println(\"total\", total) // variant: print=labelled");
  CHECK(out.size() == lines(l.source).size());
  Settings bad;
  bad.params["numJobs"] = 6;
  CHECK_THROWS_WITH_AS(l.render(bad), "parameter numJobs=6 is out of range; valid range: 1..5", lessons::SettingsError);
  Settings bad_toggle;
  bad_toggle.toggles["close"] = true;
  CHECK_THROWS_WITH_AS(l.render(bad_toggle), "unknown toggle 'close' for lesson good; valid toggles: close-jobs",
                       lessons::SettingsError);
}

TEST_CASE("every shipped lesson renders under every expectation with its line count" * doctest::timeout(60)) {
  auto c = lessons::load_catalogue(test::assets_lessons_dir(), {.compile = false});
  for (const auto& l : c.lessons) {
    if (!l.ok()) continue;
    for (const auto& e : l.expects) {
      INFO(l.id, " [", e.name, "]");
      std::string out;
      CHECK_NOTHROW(out = l.render(e.settings));
      CHECK(lines(out).size() == lines(l.source).size());
    }
  }
}
