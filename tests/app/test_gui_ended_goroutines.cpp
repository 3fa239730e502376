// After the outcome the pool view and the goroutine table show the goroutines
// as the program left them (Go's dump), not as torn down: a deadlocked worker
// is parked on receive, not done.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "gui/viz_model.hpp"
#include "test_gui_driver.hpp"

using poollab::gui::testing::GuiDriver;
namespace probe = poollab::gui::probe;
namespace rt = poollab::rt;

TEST_CASE("close-jobs with the toggle off: deadlocked workers stay parked on receive" * doctest::timeout(60)) {
  GuiDriver ui("close-jobs", {"close-jobs=off"});
  REQUIRE(ui.app->run_to_outcome(30000));
  for (int i = 0; i < 4; ++i) ui.frame();
  auto outcome = ui.app->session()->outcome();
  REQUIRE(outcome.has_value());
  REQUIRE(outcome->kind == rt::OutcomeKind::Deadlock);

  std::vector<rt::GoId> workers;
  for (const rt::GoroutineInfo& g : outcome->goroutines)
    if (g.function == "main.worker") workers.push_back(g.id);
  REQUIRE(workers.size() == 2);

  auto model = poollab::gui::viz::Model::shared();
  for (rt::GoId id : workers) {
    INFO("worker G" << id);
    const poollab::gui::viz::Lane* lane = model->lane(id);
    REQUIRE(lane != nullptr);
    CHECK(lane->state == poollab::gui::StateColour::ParkedRecv);
    CHECK(lane->ended == poollab::gui::viz::kOpen);
    auto box = probe::text("pool/goroutine/" + std::to_string(id));
    REQUIRE(box.has_value());
    CHECK(*box == "parked on receive");
  }

  // The jobs channel is drawn as it was left: empty, not closed, both workers
  // waiting on it. (The run ended before a frame saw the channel live, so its
  // capacity is not claimed.)
  auto jobs = probe::text("pool/channel/jobs");
  REQUIRE(jobs.has_value());
  INFO("drawn as: " << *jobs);
  CHECK(jobs->find("jobs  0 queued | senders: | receivers:") == 0);
  for (rt::GoId id : workers) CHECK(jobs->find(" G" + std::to_string(id)) != std::string::npos);

  REQUIRE(ui.click("tab/goroutines"));
  ui.frame();
  for (rt::GoId id : workers) {
    INFO("worker G" << id);
    auto state = probe::text("goroutines/state/" + std::to_string(id));
    REQUIRE(state.has_value());
    CHECK(*state == "parked on receive");
    auto reason = probe::text("goroutines/reason/" + std::to_string(id));
    REQUIRE(reason.has_value());
    CHECK(*reason == "chan receive");
  }
  // main is parked too (ranging over results), the closer in wg.Wait.
  auto main_state = probe::text("goroutines/state/1");
  REQUIRE(main_state.has_value());
  CHECK(*main_state == "parked on receive");
}

TEST_CASE("run with frames drawn, as the window runs: the ended channels keep the capacity seen live" *
          doctest::timeout(60)) {
  GuiDriver ui("close-jobs", {"close-jobs=off"});
  ui.app->set_running(true);
  for (int i = 0; i < 3000 && !ui.app->session()->outcome(); ++i) {
    ui.frame();
    ui.app->session()->wait_quiescent(1);
  }
  REQUIRE(ui.app->session()->outcome().has_value());
  for (int i = 0; i < 4; ++i) ui.frame();
  auto jobs = probe::text("pool/channel/jobs");
  REQUIRE(jobs.has_value());
  INFO("drawn as: " << *jobs);
  const bool seen_live = jobs->find("jobs  0/4 |") == 0;
  const bool ended_unseen = jobs->find("jobs  0 queued |") == 0;
  CHECK((seen_live || ended_unseen));
  auto results = probe::text("pool/channel/results");
  REQUIRE(results.has_value());
  INFO("results drawn as: " << *results);
  CHECK(results->find(" | receivers: G1") != std::string::npos);  // main ranges over results
}
