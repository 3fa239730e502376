// Instructor mode: answers hidden until revealed, freeze-and-ask, progress
// reset for the next student, and the browser's per-lesson completion.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "poollab/lessons/progress.hpp"
#include "poollab/lessons/quiz.hpp"
#include "test_gui_driver.hpp"

using poollab::gui::testing::GuiDriver;
using poollab::gui::testing::TempDir;
namespace probe = poollab::gui::probe;
namespace lessons = poollab::lessons;
namespace fs = std::filesystem;

namespace {
void instructor_on(GuiDriver& ui) {
  REQUIRE(ui.click("controls/instructor"));
  REQUIRE(ui.app->settings().instructor);
  REQUIRE(ui.click("tab/quiz"));
}
}  // namespace

TEST_CASE("instructor mode hides the answer until it is revealed" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  instructor_on(ui);
  REQUIRE(ui.click("quiz/choice/0"));  // close-jobs-1: right
  REQUIRE(ui.click("quiz/submit"));
  CHECK(probe::rect("quiz/hidden").has_value());
  CHECK_FALSE(probe::text("quiz/verdict").has_value());
  CHECK(*probe::text("quiz/answered") == "answered");
  CHECK(*probe::text("quiz/score") == "1");  // recorded all the same

  REQUIRE(ui.click("quiz/reveal"));
  REQUIRE(probe::text("quiz/verdict").has_value());
  CHECK(*probe::text("quiz/answered") == "answered right");
  CHECK_FALSE(probe::rect("quiz/hidden").has_value());
}

TEST_CASE("freeze and ask: the run pauses, the room sees the question for this run, running reveals" *
          doctest::timeout(120)) {
  GuiDriver ui("close-jobs", {"close-jobs=off"});
  instructor_on(ui);
  for (int i = 0; i < 3; ++i) REQUIRE(ui.click("controls/step"));
  ui.app->set_running(true);
  REQUIRE(ui.click("quiz/freeze"));
  CHECK_FALSE(ui.app->running());
  // close(jobs) is off in this run: the prompt is the predict question about exactly that.
  auto prompt = probe::text("quiz/freeze_prompt");
  REQUIRE(prompt.has_value());
  CHECK(*prompt == "With close(jobs) switched off, what happens?");
  CHECK(*probe::text("quiz/freeze_choice/1") == "deadlock");
  CHECK_FALSE(probe::text("quiz/freeze_outcome").has_value());

  REQUIRE(ui.click("quiz/freeze_reveal"));
  REQUIRE(ui.app->session()->wait(30000).has_value());
  for (int i = 0; i < 4; ++i) ui.frame();
  auto outcome = probe::text("quiz/freeze_outcome");
  REQUIRE(outcome.has_value());
  CHECK(*outcome == "deadlock");
}

TEST_CASE("freeze and ask with settings no question is about: a plain what-happens-next" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  instructor_on(ui);
  REQUIRE(ui.click("controls/step"));
  REQUIRE(ui.click("quiz/freeze"));
  auto prompt = probe::text("quiz/freeze_prompt");
  REQUIRE(prompt.has_value());
  CHECK(*prompt == "The run is frozen. What happens next?");
  CHECK(probe::text("quiz/freeze_choice/0").has_value());
}

TEST_CASE("reset progress for the next student: score and completion start over, the old file is kept" *
          doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  CHECK(*probe::text("browser/done/close-jobs") == "");
  instructor_on(ui);
  REQUIRE(ui.click("quiz/choice/0"));
  REQUIRE(ui.click("quiz/submit"));
  CHECK(*probe::text("quiz/score") == "1");
  CHECK(*probe::text("browser/done/close-jobs") == "20%");  // 1 of close-jobs' 5 questions

  REQUIRE(ui.click("quiz/reset_progress"));
  REQUIRE(ui.click("quiz/reset_confirm"));
  CHECK(*probe::text("quiz/score") == "0");
  CHECK(*probe::text("browser/done/close-jobs") == "");
  const fs::path data = ui.dir.path / "data";
  bool backup = false;
  for (const auto& e : fs::directory_iterator(data))
    backup = backup || e.path().filename().string().rfind("progress.json.backup-", 0) == 0;
  CHECK(backup);
  if (fs::exists(data / "progress.json")) {
    std::ifstream in(data / "progress.json");
    std::stringstream s;
    s << in.rdbuf();
    CHECK(lessons::progress_from_json_text(s.str()).answers.empty());
  }
}

TEST_CASE("the lesson browser shows each lesson's completion from saved progress" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs", {}, [](const TempDir& dir) {
    lessons::Progress p;
    p.complete("first-pool");
    p.record_answer("close-jobs-1", "0", true);
    p.record_answer("close-jobs-2", "1", true);
    p.record_answer("close-jobs-5", "1", false);
    lessons::ProgressStore(dir.path / "data" / "progress.json").save(p);
  });
  CHECK(*probe::text("browser/done/first-pool") == "done");
  CHECK(*probe::text("browser/done/close-jobs") == "40%");  // 2 right of 5
  CHECK(*probe::text("browser/done/leak") == "");
}
