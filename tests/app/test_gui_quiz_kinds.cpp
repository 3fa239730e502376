// Spot-the-bug is answered by clicking a listing line; fill-the-blank by
// editing the listing until its expectation holds (checked by running it).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "poollab/lessons/progress.hpp"
#include "poollab/lessons/quiz.hpp"
#include "test_gui_driver.hpp"

using poollab::gui::testing::GuiDriver;
namespace probe = poollab::gui::probe;
namespace lessons = poollab::lessons;

namespace {
lessons::Progress saved_progress(const GuiDriver& ui) {
  std::ifstream in(ui.dir.path / "data" / "progress.json");
  std::stringstream s;
  s << in.rdbuf();
  return lessons::progress_from_json_text(s.str());
}

const lessons::QuizQuestion& question(const GuiDriver& ui, const std::string& id) {
  lessons::QuizBank bank(ui.app->catalogue());
  static std::vector<lessons::QuizQuestion> keep;  // the bank dies here; keep a copy
  for (const auto* q : bank.for_lesson("close-jobs"))
    if (q->id == id) {
      keep.push_back(*q);
      return keep.back();
    }
  FAIL("no question " << id);
  throw std::logic_error("unreachable");
}

// Opens the quiz tab on close-jobs' question number `n` (1-based).
void go_to_question(GuiDriver& ui, int n) {
  REQUIRE(ui.click("tab/quiz"));
  for (int i = 1; i < n; ++i) REQUIRE(ui.click("quiz/next"));
}
}  // namespace

TEST_CASE("spot the bug: clicking the right listing line answers it" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  go_to_question(ui, 3);  // close-jobs-3: where are the workers parked?
  const int answer_line = lessons::spot_answer_line(ui.app->catalogue(), question(ui, "close-jobs-3"));
  REQUIRE(answer_line > 0);
  REQUIRE(ui.click("quiz/submit"));  // "Show me the program": the question's settings
  ui.frame();
  // The listing on screen is the one the question is about: close(jobs) switched off.
  CHECK(ui.app->listing().find("// close(jobs)") != std::string::npos);
  REQUIRE(ui.click("code/line/" + std::to_string(answer_line)));
  ui.frame();
  auto verdict = probe::text("quiz/verdict");
  REQUIRE(verdict.has_value());
  CHECK(*probe::text("quiz/score") == "1");
  CHECK(ui.app->highlighted_line() == answer_line);
  auto saved = saved_progress(ui);
  REQUIRE(saved.answers.count("close-jobs-3") == 1);
  CHECK(saved.answers["close-jobs-3"].correct);
  CHECK(saved.answers["close-jobs-3"].answer == "line " + std::to_string(answer_line));
}

TEST_CASE("spot the bug: a wrong line is saved as wrong" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  go_to_question(ui, 3);
  const int answer_line = lessons::spot_answer_line(ui.app->catalogue(), question(ui, "close-jobs-3"));
  REQUIRE(ui.click("quiz/submit"));
  ui.frame();
  const int wrong = answer_line + 7;  // inside main, not the workers' receive
  REQUIRE(ui.click("code/line/" + std::to_string(wrong)));
  ui.frame();
  REQUIRE(probe::text("quiz/verdict").has_value());
  CHECK(*probe::text("quiz/score") == "0");
  auto saved = saved_progress(ui);
  REQUIRE(saved.answers.count("close-jobs-3") == 1);
  CHECK_FALSE(saved.answers["close-jobs-3"].correct);
}

TEST_CASE("a listing click with no spot question armed only highlights the line" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  go_to_question(ui, 3);
  REQUIRE(ui.click("code/line/12"));
  CHECK(ui.app->highlighted_line() == 12);
  CHECK_FALSE(probe::text("quiz/verdict").has_value());
  CHECK(*probe::text("quiz/score") == "0");
}

TEST_CASE("fill the blank: the edit is checked by running it, wrong until the blank is filled" * doctest::timeout(120)) {
  GuiDriver ui("close-jobs");
  go_to_question(ui, 4);  // close-jobs-4: fill in close(jobs)
  REQUIRE(ui.click("quiz/submit"));  // opens the listing with the blank in the editor
  ui.frame();
  REQUIRE(ui.app->editing());
  const std::string placeholder(lessons::kFillPlaceholder);
  const auto at = ui.app->edit_buffer().find(placeholder);
  REQUIRE(at != std::string::npos);
  CHECK(ui.app->edit_buffer().find("\tclose(jobs)") == std::string::npos);

  // Left blank, the program deadlocks: wrong.
  REQUIRE(ui.click("quiz/check_fill"));
  ui.frame();
  REQUIRE(probe::text("quiz/verdict").has_value());
  CHECK(*probe::text("quiz/score") == "0");
  CHECK_FALSE(saved_progress(ui).answers.at("close-jobs-4").correct);

  // Filled with the close: the expectation holds.
  ui.app->edit_buffer().replace(at, placeholder.size(), "close(jobs)");
  REQUIRE(ui.click("quiz/check_fill"));
  ui.frame();
  CHECK(*probe::text("quiz/score") == "1");
  CHECK(saved_progress(ui).answers.at("close-jobs-4").correct);
}
