// The outcome card shows Go's exact text and dump; a dump line leads to its
// listing line.
#include <doctest/doctest.h>

#include <string>

#include "gui/outcome_card.hpp"
#include "test_gui_driver.hpp"

using poollab::gui::testing::GuiDriver;
namespace probe = poollab::gui::probe;

TEST_CASE("dump lines name their listing line" * doctest::timeout(10)) {
  CHECK(poollab::gui::dump_line_number("\tmain.go:23 +0x1d") == 23);
  CHECK(poollab::gui::dump_line_number("main.worker(...)") == 0);
  CHECK(poollab::gui::dump_line_number("\tother.go:23") == 0);
}

TEST_CASE("close-jobs with the toggle off: the card shows the deadlock" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs", {"close-jobs=off"});
  REQUIRE(ui.app->run_to_outcome(30000));
  ui.frame();
  ui.frame();
  auto first = probe::text("outcome/line/0");
  REQUIRE(first.has_value());
  CHECK(*first == "fatal error: all goroutines are asleep - deadlock!");

  // Find a dump line that names main.go and click it.
  int target = 0;
  for (int i = 1; i < 200 && !target; ++i) {
    auto t = probe::text("outcome/line/" + std::to_string(i));
    if (!t) break;
    if (int n = poollab::gui::dump_line_number(*t)) {
      target = n;
      REQUIRE(ui.click("outcome/line/" + std::to_string(i)));
    }
  }
  REQUIRE(target > 0);
  CHECK(ui.app->highlighted_line() == target);
}
