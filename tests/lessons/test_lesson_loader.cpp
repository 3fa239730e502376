// Loading lessons: a good lesson's model, and malformed lesson.toml / main.go
// fixtures reported with file, line and key while the catalogue keeps the rest.
#include <doctest/doctest.h>

#include "lesson_test_util.hpp"
#include "poollab/lessons/lesson.hpp"

using namespace poollab;
using poollab::test::fixtures_dir;
using poollab::test::line_of;

namespace {

const lessons::Catalogue& fixture_catalogue() {
  static const lessons::Catalogue c = lessons::load_catalogue(fixtures_dir() / "lessons");
  return c;
}

}  // namespace

TEST_CASE("a well-formed lesson loads into the model" * doctest::timeout(30)) {
  auto l = lessons::load_lesson(fixtures_dir() / "lessons/good");
  INFO(test::errors_text(l));
  REQUIRE(l.ok());
  CHECK(l.id == "good");
  CHECK(l.title == "A small lesson");
  CHECK(l.group == "basics");
  CHECK(l.order == 1);
  CHECK(l.hints.size() == 3);
  REQUIRE(l.params.size() == 1);
  CHECK(l.params[0].name == "numJobs");
  CHECK(l.params[0].default_value == 3);
  CHECK(l.params[0].line == 5);
  CHECK(l.params[0].min == 1);
  CHECK(l.params[0].max == 5);
  REQUIRE(l.toggles.size() == 1);
  CHECK(l.toggles[0].default_on);
  CHECK(l.toggles[0].lines == std::vector<int>{12});
  REQUIRE(l.variants.size() == 1);
  CHECK(l.variants[0].default_option == "plain");
  CHECK(l.variants[0].labels == l.variants[0].options);
  REQUIRE(l.expects.size() == 3);
  CHECK(l.expects[1].settings.toggles.at("close-jobs") == false);
  CHECK(l.expects[2].settings.params.at("numJobs") == 5);
  CHECK(l.expects[2].settings.variants.at("print") == "labelled");
  CHECK(l.roles.jobs == "jobs");
  REQUIRE(l.quiz.size() == 4);
  CHECK(l.quiz[0].kind == lessons::QuizKind::Choice);
  CHECK(l.quiz[1].kind == lessons::QuizKind::Predict);
  CHECK(l.quiz[1].settings.toggles.at("close-jobs") == false);
  CHECK(l.quiz[2].answer_line == "for j := range jobs");
  CHECK(l.quiz[3].blank == "close-jobs");
  CHECK(l.warnings.empty());
}

TEST_CASE("the catalogue lists every lesson, broken ones marked, sorted by order" * doctest::timeout(30)) {
  const auto& c = fixture_catalogue();
  REQUIRE(c.lessons.size() == 17);
  CHECK(c.lessons[0].id == "good");
  CHECK(c.lessons[1].id == "good-two");
  CHECK(c.lessons[0].ok());
  CHECK(c.lessons[1].ok());
  for (std::size_t i = 2; i < c.lessons.size(); ++i) {
    INFO(c.lessons[i].id);
    CHECK(c.lessons[i].id.rfind("bad-", 0) == 0);
    CHECK_FALSE(c.lessons[i].ok());
    CHECK_FALSE(c.lessons[i].title.empty());  // still has something to list
  }
  CHECK(c.find("good-two") != nullptr);
  CHECK(c.find("nope") == nullptr);
  CHECK(c.ids_text().find("good, good-two, bad-id") == 0);
  // No order could be read (a syntax error, a non-integer order): listed last, by folder name.
  CHECK(c.lessons[c.lessons.size() - 2].id == "bad-syntax");
  CHECK(c.lessons.back().id == "bad-type");
}

struct Broken {
  const char* lesson;
  const char* file;    // lesson.toml or main.go
  const char* key;
  const char* needle;  // text on the line the error must name
};

TEST_CASE("malformed lessons give errors naming file, line and key" * doctest::timeout(30)) {
  const Broken cases[] = {
      {"bad-id", "lesson.toml", "id", "id = \"other-id\""},
      {"bad-hints", "lesson.toml", "hints", "hints = ["},
      {"bad-param", "lesson.toml", "params[0].name", "name = \"numWorkers\""},
      {"bad-range", "lesson.toml", "params[0].min", "min = 5"},
      {"bad-toggle", "lesson.toml", "toggles[0].name", "name = \"close-job\""},
      {"bad-expect-toggle", "lesson.toml", "expect[1].toggles.close-results", "close-results = false"},
      {"bad-expect-set", "lesson.toml", "expect[2].set.numJobs", "numJobs = 50"},
      {"bad-outcome", "lesson.toml", "expect[1].outcome", "outcome = \"hang\""},
      {"bad-type", "lesson.toml", "order", "order = \"twelve\""},
      {"bad-const", "lesson.toml", "params[0].name", "name = \"numJobs\""},
      {"bad-marker", "main.go", "toggle: reset-total", "// toggle: reset-total"},
      {"bad-variant", "main.go", "variant: print", "variant: print=labelled"},
      {"bad-allowed", "lesson.toml", "expect[1].also_allowed", "also_allowed = ["},
      {"bad-allowed", "lesson.toml", "quiz[0].seed", "seed = 3"},
  };
  const auto& c = fixture_catalogue();
  for (const auto& b : cases) {
    const lessons::Lesson* l = c.find(b.lesson);
    REQUIRE(l != nullptr);
    int line = line_of(l->dir / b.file, b.needle);
    REQUIRE(line > 0);
    INFO(b.lesson, " expects ", b.file, ":", line, " ", b.key, "\ngot:\n", test::errors_text(*l));
    CHECK(test::has_error(*l, b.file, line, b.key));
  }
}

TEST_CASE("a TOML syntax error names the file and the line" * doctest::timeout(30)) {
  const auto* l = fixture_catalogue().find("bad-syntax");
  REQUIRE(l != nullptr);
  REQUIRE(l->errors.size() == 1);
  const auto& e = l->errors[0];
  CHECK(std::filesystem::path(e.file).filename() == "lesson.toml");
  CHECK(e.line == line_of(l->dir / "lesson.toml", "title = \"A small lesson"));
  CHECK(e.message.find("TOML syntax") == 0);
  CHECK(e.str().find("lesson.toml:2:") != std::string::npos);
}

TEST_CASE("a main.go that does not compile is reported in Go's words" * doctest::timeout(30)) {
  const auto* l = fixture_catalogue().find("bad-go");
  REQUIRE(l != nullptr);
  INFO(test::errors_text(*l));
  int line = line_of(l->dir / "main.go", "total += k");
  bool found = false;
  for (const auto& e : l->errors)
    found = found || (std::filesystem::path(e.file).filename() == "main.go" && e.line == line &&
                      e.message.find("undefined: k") != std::string::npos);
  CHECK(found);
}

TEST_CASE("a missing lesson file is an error, not a crash" * doctest::timeout(30)) {
  auto l = lessons::load_lesson(fixtures_dir() / "no-such-lesson");
  CHECK_FALSE(l.ok());
  CHECK(l.errors.size() == 2);
  CHECK(l.id == "no-such-lesson");
}

TEST_CASE("SourceError::str reads file:line:col: key: message" * doctest::timeout(5)) {
  lessons::SourceError e{"x/lesson.toml", 12, 7, "params[1].max", "must be >= min (3)"};
  CHECK(e.str() == "x/lesson.toml:12:7: params[1].max: must be >= min (3)");
  e.column = 0;
  e.key.clear();
  CHECK(e.str() == "x/lesson.toml:12: must be >= min (3)");
}
