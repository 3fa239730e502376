// Answering a quiz question by clicking changes the score and the saved progress.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "poollab/lessons/progress.hpp"
#include "test_gui_driver.hpp"

using poollab::gui::testing::GuiDriver;

namespace {
std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("answering a choice question by clicking updates score and progress" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  REQUIRE(ui.click("tab/quiz"));
  auto score = poollab::gui::probe::text("quiz/score");
  REQUIRE(score.has_value());
  CHECK(*score == "0");
  // close-jobs-1: the right answer is the first choice.
  REQUIRE(ui.click("quiz/choice/0"));
  REQUIRE(ui.click("quiz/submit"));
  CHECK(*poollab::gui::probe::text("quiz/score") == "1");
  auto path = ui.dir.path / "data" / "progress.json";
  REQUIRE(std::filesystem::exists(path));
  auto saved = poollab::lessons::progress_from_json_text(read(path));
  REQUIRE(saved.answers.count("close-jobs-1") == 1);
  CHECK(saved.answers["close-jobs-1"].correct);
}

TEST_CASE("a wrong answer is saved as wrong and the score stays" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  REQUIRE(ui.click("tab/quiz"));
  REQUIRE(ui.click("quiz/choice/2"));
  REQUIRE(ui.click("quiz/submit"));
  CHECK(*poollab::gui::probe::text("quiz/score") == "0");
  auto saved = poollab::lessons::progress_from_json_text(read(ui.dir.path / "data" / "progress.json"));
  REQUIRE(saved.answers.count("close-jobs-1") == 1);
  CHECK_FALSE(saved.answers["close-jobs-1"].correct);
}

TEST_CASE("predict then run: the verdict comes from the window's run" * doctest::timeout(120)) {
  GuiDriver ui("close-jobs");
  REQUIRE(ui.click("tab/quiz"));
  REQUIRE(ui.click("quiz/next"));  // close-jobs-2: predict, with close(jobs) off
  REQUIRE(ui.click("quiz/choice/1"));  // deadlock
  REQUIRE(ui.click("quiz/submit"));
  REQUIRE(ui.app->session()->wait(30000).has_value());
  for (int i = 0; i < 4; ++i) ui.frame();
  auto verdict = poollab::gui::probe::text("quiz/verdict");
  REQUIRE(verdict.has_value());
  CHECK(*poollab::gui::probe::text("quiz/score") == "1");
  CHECK(ui.app->session()->outcome()->kind == poollab::rt::OutcomeKind::Deadlock);
}
