// The code pane: a toggle on its line changes the listing now and the outcome
// after reset; a goroutine's marker steps that goroutine; compile errors of an
// edit show in Go's words.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "test_gui_driver.hpp"

using poollab::gui::testing::GuiDriver;

TEST_CASE("clicking a toggle changes the listing and, after reset, the outcome" * doctest::timeout(120)) {
  GuiDriver ui("close-jobs");
  const std::string on = "\tclose(jobs) // toggle: close-jobs";
  REQUIRE(ui.app->pending_listing().find(on) != std::string::npos);
  REQUIRE(ui.app->run_to_outcome(30000));
  CHECK(ui.app->session()->outcome()->kind == poollab::rt::OutcomeKind::Completed);

  REQUIRE(ui.click("code/toggle/close-jobs"));
  CHECK(ui.app->pending_listing().find("\t// close(jobs) // toggle: close-jobs") != std::string::npos);
  CHECK(ui.app->pending_changes());
  REQUIRE(ui.click("controls/reset"));
  CHECK_FALSE(ui.app->pending_changes());
  REQUIRE(ui.app->run_to_outcome(30000));
  CHECK(ui.app->session()->outcome()->kind == poollab::rt::OutcomeKind::Deadlock);
}

TEST_CASE("clicking a goroutine's marker steps that goroutine" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  poollab::rt::GoId id = 0;  // a goroutine at the gate whose marker is on a line
  for (int k = 0; k < 20 && !id; ++k) {
    auto snap = ui.app->session()->snapshot();
    for (const auto& g : snap.goroutines)
      if (!id && g.line > 0 && std::find(snap.at_gate.begin(), snap.at_gate.end(), g.id) != snap.at_gate.end())
        id = g.id;
    if (!id) REQUIRE(ui.app->step());
  }
  ui.frame();
  REQUIRE(id != 0);
  auto before = ui.app->session()->steps();
  REQUIRE(ui.click("code/marker/" + std::to_string(id)));
  CHECK(ui.app->session()->steps() == before + 1);
  auto choices = ui.app->session()->runtime()->choices();
  REQUIRE_FALSE(choices.empty());
  CHECK(choices.back() == id);
}

TEST_CASE("an edit that does not compile shows Go's error at its line" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  REQUIRE(ui.click("code/edit"));
  REQUIRE(ui.app->editing());
  std::string text = ui.app->pending_listing();
  auto at = text.find("close(jobs)");
  REQUIRE(at != std::string::npos);
  text.replace(at, 11, "close(jobz)");
  ui.app->edit_buffer() = text;
  REQUIRE(ui.click("code/run_edit"));
  REQUIRE_FALSE(ui.app->compile_errors().empty());
  CHECK(ui.app->compile_errors().front().message == "undefined: jobz");
  // Restore brings the lesson's listing back and it runs again.
  ui.app->restore_original();
  CHECK(ui.app->compile_errors().empty());
  CHECK(ui.app->session()->compiled());
}
