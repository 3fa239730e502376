// The visualisation panels under ImGui's null backend: each draws a synthetic
// 64-goroutine run with a 100,000-event history, draws only what is visible,
// and turns clicks into selection and step requests.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "gui/event_log.hpp"
#include "gui/goroutine_table.hpp"
#include "gui/metrics.hpp"
#include "gui/pool_view.hpp"
#include "gui/timeline.hpp"
#include "gui/viz_synthetic.hpp"
#include "test_support.hpp"
#include "test_viz_harness.hpp"

using namespace poollab;
using namespace poollab::gui;

namespace {

constexpr int kWorkers = 63;  // plus main: 64 goroutines

const viz::SyntheticRun& big_run() {
  static const viz::SyntheticRun run = viz::synthetic_pool(kWorkers, 100'000);
  return run;
}

struct Fixture {
  test::NullImGui imgui;
  Theme theme = Theme::dark();
  const viz::SyntheticRun& run = big_run();
  std::shared_ptr<viz::Model> model = std::make_shared<viz::Model>();
  double wall = 0;

  FrameContext context() {
    return FrameContext{.session = nullptr, .snapshot = run.snapshot, .history = run.history, .lesson = nullptr,
                        .theme = theme, .wall_time = wall};
  }
};

}  // namespace

TEST_CASE("the synthetic run has 64 goroutines and 100,000 events" * doctest::timeout(30)) {
  const auto& run = big_run();
  CHECK(run.snapshot.goroutines.size() == 64);
  CHECK(run.history.size() >= 100'000);
}

TEST_CASE("every panel draws a 64-goroutine, 100,000-event run" * doctest::timeout(60)) {
  Fixture f;
  PoolView pool(f.model);
  GoroutineTable table(f.model);
  Timeline timeline(f.model);
  MetricsPanel metrics(f.model);
  EventLog log(f.model);
  for (int i = 0; i < 3; ++i) {
    FrameContext ctx = f.context();
    f.imgui.frame([&] { pool.draw(ctx); });
    CHECK(f.imgui.vertices() > 1000);
    f.imgui.frame([&] { table.draw(ctx); });
    f.imgui.frame([&] { timeline.draw(ctx); });
    MESSAGE("timeline vertices: " << f.imgui.vertices() << ", spans " << timeline.spans_drawn() << ", arrows " << timeline.arrows_drawn());
    f.imgui.frame([&] { metrics.draw(ctx); });
    f.imgui.frame([&] { log.draw(ctx); });
    CHECK_FALSE(ctx.step_request.has_value());  // nobody clicked
  }
  CHECK(f.model->processed() == f.run.history.size());
  CHECK(f.model->lanes().size() == 64);

  // Pool view: roles inferred from the traffic.
  CHECK(pool.layout().jobs == viz::SyntheticRun::kJobs);
  CHECK(pool.layout().results == viz::SyntheticRun::kResults);
  CHECK(pool.layout().workers.size() == kWorkers);
  CHECK(pool.box_of(2).has_value());

  // Timeline: at most one span per pixel per visible lane, arrows bounded.
  CHECK(timeline.spans_drawn() > 0);
  CHECK(timeline.spans_drawn() < 64 * 1600);
  CHECK(timeline.arrows_drawn() <= Timeline::kMaxArrows);

  // Metrics: something measured.
  CHECK(metrics.last().throughput > 0);
  CHECK(metrics.last().workers.size() == kWorkers);
  CHECK(metrics.last().measured_L > 0);

  // Event log: every event listed, only a screenful drawn.
  CHECK(log.rows().size() == f.run.history.size());
  CHECK(log.rows_drawn() > 0);
  CHECK(log.rows_drawn() < 200);
}

TEST_CASE("clicking a worker box selects it and asks to step it" * doctest::timeout(60)) {
  Fixture f;
  PoolView pool(f.model);
  FrameContext ctx = f.context();
  f.imgui.frame([&] { pool.draw(ctx); });
  const rt::GoId target = 4;  // a runnable worker (at the gate)
  auto box = pool.box_of(target);
  REQUIRE(box.has_value());

  f.imgui.mouse(box->centre(), false);  // hover first
  f.imgui.frame([&] { pool.draw(ctx); });
  CHECK_FALSE(ctx.step_request.has_value());
  f.imgui.mouse(box->centre(), true);   // press
  f.imgui.frame([&] { pool.draw(ctx); });
  REQUIRE(ctx.step_request.has_value());
  CHECK(*ctx.step_request == target);
  CHECK(ctx.selected_goroutine == target);
  f.imgui.mouse(box->centre(), false);  // release
  f.imgui.frame([&] { pool.draw(ctx); });
}

TEST_CASE("clicking a lane's name on the timeline steps that goroutine; the wheel zooms" * doctest::timeout(60)) {
  Fixture f;
  Timeline timeline(f.model);
  FrameContext ctx = f.context();
  f.imgui.frame([&] { timeline.draw(ctx); });
  const double full = timeline.view_end() - timeline.view_begin();
  CHECK(full == doctest::Approx(static_cast<double>(f.run.snapshot.now)));
  const std::size_t spans_full = timeline.spans_drawn();

  // The third lane's label: below the toolbar and axis, inside the label column.
  const float L = ImGui::GetTextLineHeight();
  const float lane_h = std::floor(L * 1.25f);
  ImVec2 label(40, 0);
  // Find the lanes' top by scanning for the first y where a click selects lane 1.
  bool found = false;
  for (float y = 20; y < 200 && !found; y += 2) {
    FrameContext probe = f.context();
    f.imgui.mouse(ImVec2(label.x, y), false);
    f.imgui.frame([&] { timeline.draw(probe); });
    f.imgui.mouse(ImVec2(label.x, y), true);
    f.imgui.frame([&] { timeline.draw(probe); });
    f.imgui.mouse(ImVec2(label.x, y), false);
    f.imgui.frame([&] { timeline.draw(probe); });
    if (probe.step_request) {
      CHECK(*probe.step_request == 1);  // first lane: main
      label.y = y + 2 * lane_h;         // third lane: G3
      found = true;
    }
  }
  REQUIRE(found);
  f.imgui.mouse(label, false);
  f.imgui.frame([&] { timeline.draw(ctx); });
  f.imgui.mouse(label, true);
  f.imgui.frame([&] { timeline.draw(ctx); });
  REQUIRE(ctx.step_request.has_value());
  CHECK(*ctx.step_request == 3);
  f.imgui.mouse(label, false);
  f.imgui.frame([&] { timeline.draw(ctx); });

  // Wheel over the plot zooms in around the mouse.
  ImGui::GetIO().MousePos = ImVec2(800, label.y);
  ImGui::GetIO().MouseWheel = 3;
  f.imgui.frame([&] { timeline.draw(ctx); });
  ImGui::GetIO().MouseWheel = 0;
  const double zoomed = timeline.view_end() - timeline.view_begin();
  CHECK(zoomed < full * 0.6);
  f.imgui.frame([&] { timeline.draw(ctx); });
  CHECK(timeline.spans_drawn() < 64 * 1600);  // still at most one per pixel per lane
  CHECK(spans_full > 0);

  // A narrow window far from the start draws a handful of spans.
  timeline.set_view(static_cast<double>(f.run.snapshot.now) * 0.5, static_cast<double>(f.run.snapshot.now) * 0.5 + 1e5);
  f.imgui.frame([&] { timeline.draw(ctx); });
  CHECK(timeline.spans_drawn() > 0);
  CHECK(timeline.spans_drawn() < 200);
}

TEST_CASE("event log filters by goroutine, channel and kind" * doctest::timeout(60)) {
  Fixture f;
  EventLog log(f.model);
  FrameContext ctx = f.context();
  f.imgui.frame([&] { log.draw(ctx); });
  const std::size_t all = log.rows().size();

  log.filter().goroutine = 2;
  f.imgui.frame([&] { log.draw(ctx); });
  CHECK(log.rows().size() > 0);
  CHECK(log.rows().size() < all / 10);
  for (auto i : log.rows()) {
    const rt::Event& e = f.run.history[i];
    CHECK((e.goroutine == 2 || e.peer == 2));
  }

  log.filter() = EventLog::Filter{};
  log.filter().object = viz::SyntheticRun::kResults;
  log.filter().kinds.reset();
  log.filter().kinds.set(static_cast<std::size_t>(rt::EventKind::RecvDone));
  f.imgui.frame([&] { log.draw(ctx); });
  REQUIRE(log.rows().size() > 0);
  for (auto i : log.rows()) {
    CHECK(f.run.history[i].object == viz::SyntheticRun::kResults);
    CHECK(f.run.history[i].kind == rt::EventKind::RecvDone);
  }
}

TEST_CASE("a value sent into the jobs buffer is drawn moving for a moment" * doctest::timeout(30)) {
  test::NullImGui imgui;
  Theme theme = Theme::dark();
  viz::SyntheticRun run = viz::synthetic_pool(3, 200, 4);
  auto model = std::make_shared<viz::Model>();
  PoolView pool(model);
  FrameContext ctx{.snapshot = run.snapshot, .history = run.history, .theme = theme, .wall_time = 10.0};
  imgui.frame([&] { pool.draw(ctx); });           // the values are seen now
  ctx.wall_time = 10.0 + PoolView::kMoveSeconds * 0.5;  // mid-flight: dots drawn on top
  imgui.frame([&] { pool.draw(ctx); });
  const std::size_t moving = imgui.vertices();
  ctx.wall_time = 10.0 + PoolView::kMoveSeconds * 2;    // arrived: nothing extra
  imgui.frame([&] { pool.draw(ctx); });
  CHECK(imgui.vertices() < moving);
}
