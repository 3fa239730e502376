// The toolbar and the keyboard drive the run: Step advances one step, Step
// back undoes it, Reset starts over.
#include <doctest/doctest.h>

#include "gui/keys.hpp"
#include "test_gui_driver.hpp"

using poollab::gui::testing::GuiDriver;
namespace keys = poollab::gui::keys;

TEST_CASE("clicking Step advances the program by one step" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  REQUIRE(ui.app->session() != nullptr);
  REQUIRE(ui.app->session()->compiled());
  auto before = ui.app->session()->steps();
  REQUIRE(ui.click("controls/step"));
  CHECK(ui.app->session()->steps() == before + 1);
  REQUIRE(ui.click("controls/step"));
  CHECK(ui.app->session()->steps() == before + 2);
}

TEST_CASE("step back and reset from the toolbar" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  REQUIRE(ui.click("controls/step"));
  REQUIRE(ui.click("controls/step"));
  auto two = ui.app->session()->steps();
  REQUIRE(ui.click("controls/step_back"));
  CHECK(ui.app->session()->steps() == two - 1);
  REQUIRE(ui.click("controls/reset"));
  CHECK(ui.app->session()->steps() == 0);
}

TEST_CASE("shortcuts: N steps, Left steps back, F1 shows the overlay" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  auto before = ui.app->session()->steps();
  ui.press(keys::N);
  CHECK(ui.app->session()->steps() == before + 1);
  ui.press(keys::Right);
  CHECK(ui.app->session()->steps() == before + 2);
  ui.press(keys::Left);
  ui.frame();
  CHECK(ui.app->session()->steps() == before + 1);
  CHECK_FALSE(ui.app->show_shortcuts);
  ui.press(keys::F1);
  CHECK(ui.app->show_shortcuts);
  CHECK(poollab::gui::probe::rect("shortcuts/overlay").has_value());
}

TEST_CASE("Ctrl+= enlarges the fonts, re-rasterised" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs");
  float before = ui.app->fonts().ui->FontSize;
  ui.press(keys::Equal, true);
  CHECK(ui.app->settings().font_scale == doctest::Approx(1.25f));
  CHECK(ui.app->fonts().ui->FontSize > before);
}

TEST_CASE("free threads: Run starts the program on real threads, flat out, and Step stays off" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs", {"close-jobs=off"});
  ui.app->settings().free_threads = true;
  ui.app->reset();
  ui.frame();
  REQUIRE(ui.app->session() != nullptr);
  CHECK_FALSE(ui.app->session()->started());  // waits for Run
  CHECK_FALSE(ui.app->step());
  REQUIRE(ui.click("controls/run"));
  REQUIRE(ui.app->session()->started());
  auto outcome = ui.app->session()->wait(30000);
  REQUIRE(outcome.has_value());
  CHECK(outcome->kind == poollab::rt::OutcomeKind::Deadlock);
  CHECK(ui.app->session()->steps() == 0);  // no gate: nothing was stepped
  for (int i = 0; i < 4; ++i) ui.frame();
  for (const auto& g : outcome->goroutines)
    if (g.function == "main.worker") CHECK(*poollab::gui::probe::text("pool/goroutine/" + std::to_string(g.id)) == "parked on receive");
}
