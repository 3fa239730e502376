// Quiz banks: every shipped bank loads and is well-formed; malformed banks are
// reported with file, line and key; choice, spot and fill questions are judged.
#include <doctest/doctest.h>

#include <set>

#include "lesson_test_util.hpp"
#include "poollab/lessons/quiz.hpp"

using namespace poollab;
using poollab::test::fixtures_dir;
using poollab::test::line_of;

namespace {

const lessons::Catalogue& shipped() {
  static const lessons::Catalogue c = lessons::load_catalogue(test::assets_lessons_dir(), {.compile = false});
  return c;
}

const lessons::Catalogue& quiz_fixtures() {
  static const lessons::Catalogue c = lessons::load_catalogue(fixtures_dir() / "quiz", {.compile = false});
  return c;
}

}  // namespace

TEST_CASE("every shipped bank loads; each question has a right answer, explanations and a lesson link" *
          doctest::timeout(60)) {
  const auto& c = shipped();
  std::set<std::string> ids;
  int questions = 0;
  for (const auto& l : c.lessons) {
    INFO(l.id, ":\n", test::errors_text(l));
    CHECK(l.ok());
    CHECK_FALSE(l.quiz.empty());
    for (const auto& q : l.quiz) {
      INFO("question ", q.id);
      ++questions;
      CHECK(ids.insert(q.id).second);
      CHECK_FALSE(q.prompt.empty());
      CHECK(c.find(q.lesson) != nullptr);
      switch (q.kind) {
        case lessons::QuizKind::Choice:
        case lessons::QuizKind::Predict:
          CHECK(q.choices.size() >= 2);
          CHECK_FALSE(q.answer.empty());
          CHECK(q.explanations.size() == q.choices.size());
          for (int a : q.answer) CHECK(a < static_cast<int>(q.choices.size()));
          break;
        case lessons::QuizKind::Spot:
          CHECK_FALSE(q.explanation.empty());
          CHECK(lessons::spot_answer_line(c, q) > 0);
          break;
        case lessons::QuizKind::Fill:
          CHECK_FALSE(q.explanation.empty());
          CHECK(l.find_toggle(q.blank) != nullptr);
          CHECK(l.find_expect(q.expect) != nullptr);
          CHECK(lessons::fill_listing(c, q).find(lessons::kFillPlaceholder) != std::string::npos);
          break;
      }
    }
  }
  lessons::QuizBank bank(c);
  CHECK(static_cast<int>(bank.all().size()) == questions);
  MESSAGE(questions << " questions in " << c.lessons.size() << " banks");
}

struct BadBank {
  const char* lesson;
  const char* key;
  const char* needle;
};

TEST_CASE("malformed banks give errors naming file, line and key" * doctest::timeout(30)) {
  const BadBank cases[] = {
      {"bank-answer", "quiz[0].answer", "answer = [2]"},
      {"bank-explanations", "quiz[0].explanations", "explanations = [\"Right: the sender closes.\"]"},
      {"bank-link", "quiz[0].lesson", "lesson = \"no-such-lesson\""},
      {"bank-spot", "quiz[2].answer_line", "answer_line = \"for j := range results\""},
      {"bank-fill", "quiz[3].blank", "blank = \"close-results\""},
      {"bank-fill-expect", "quiz[3].expect", "expect = \"finishes\""},
      {"bank-kind", "quiz[2].kind", "kind = \"hotspot\""},
      {"bank-duplicate", "quiz[0].id", "id = \"bank-ok-1\""},
      {"bank-empty-answer", "quiz[1].answer", "answer = []"},
  };
  const auto& c = quiz_fixtures();
  REQUIRE(c.find("bank-ok") != nullptr);
  CHECK(c.find("bank-ok")->ok());
  for (const auto& b : cases) {
    const auto* l = c.find(b.lesson);
    REQUIRE(l != nullptr);
    int line = line_of(l->toml_path(), b.needle);
    REQUIRE(line > 0);
    INFO(b.lesson, " expects lesson.toml:", line, " ", b.key, "\ngot:\n", test::errors_text(*l));
    CHECK(test::has_error(*l, "lesson.toml", line, b.key));
  }
  // Broken banks are left out of the quiz; the good one stays.
  lessons::QuizBank bank(c);
  CHECK(bank.for_lesson("bank-ok").size() == 4);
  CHECK(bank.for_lesson("bank-answer").empty());
}

TEST_CASE("choice questions: one or several right answers, explanations for each pick" * doctest::timeout(10)) {
  lessons::QuizQuestion q;
  q.kind = lessons::QuizKind::Choice;
  q.choices = {"a", "b", "c"};
  q.answer = {0, 2};
  q.explanations = {"A is right", "B is wrong", "C is right"};
  auto right = lessons::answer_choice(q, {2, 0});
  CHECK(right.correct);
  CHECK(right.feedback == std::vector<std::string>{"A is right", "C is right"});
  auto partial = lessons::answer_choice(q, {0});
  CHECK_FALSE(partial.correct);
  REQUIRE(partial.feedback.size() == 2);
  CHECK(partial.feedback[1] == "Missed: c. C is right");
  CHECK_FALSE(lessons::answer_choice(q, {0, 1, 2}).correct);
}

TEST_CASE("spot: the clicked line is compared with the answer line" * doctest::timeout(30)) {
  const auto& c = quiz_fixtures();
  const auto* l = c.find("bank-ok");
  REQUIRE(l != nullptr);
  const auto& q = l->quiz[2];
  int want = lessons::spot_answer_line(c, q);
  CHECK(want == line_of(l->source_path(), "for j := range jobs"));
  CHECK(lessons::answer_spot(c, q, want).correct);
  auto wrong = lessons::answer_spot(c, q, want - 1);
  CHECK_FALSE(wrong.correct);
  CHECK(wrong.summary.find("line " + std::to_string(want)) != std::string::npos);
  CHECK(wrong.feedback == std::vector<std::string>{q.explanation});
}

TEST_CASE("fill: the edited listing is run and checked against the expectation" * doctest::timeout(60)) {
  const auto& c = quiz_fixtures();
  const auto* l = c.find("bank-ok");
  REQUIRE(l != nullptr);
  const auto& q = l->quiz[3];
  std::string blank = lessons::fill_listing(c, q);
  CHECK(lessons::split_lines(blank).size() == lessons::split_lines(l->source).size());
  auto filled = [&](const std::string& code) {
    std::string out = blank;
    out.replace(out.find(lessons::kFillPlaceholder), lessons::kFillPlaceholder.size(), code);
    return out;
  };
  auto right = lessons::answer_fill(c, q, filled("close(jobs)"));
  INFO(right.summary);
  CHECK(right.correct);
  REQUIRE(right.report);
  CHECK(right.report->stdout_text == "6\n");
  auto left_blank = lessons::answer_fill(c, q, blank);
  CHECK_FALSE(left_blank.correct);
  CHECK(left_blank.summary.find("outcome: expected completed, got deadlock") != std::string::npos);
  auto not_go = lessons::answer_fill(c, q, filled("close(jobs"));
  CHECK_FALSE(not_go.correct);
  CHECK(not_go.summary.find("does not compile") != std::string::npos);
}
