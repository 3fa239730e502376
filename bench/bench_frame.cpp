// One frame's CPU time drawing every visualisation panel (pool view, goroutine
// table, timeline, metrics, event log) for 64 goroutines, under ImGui's null
// backend: NewFrame, the panels in their windows, Render. No GPU work.
//
//   poollab_bench_frame --benchmark_filter=Frame
//
// Frame/history:100000 is the target case (2 ms or less); Frame/history:0 is
// the same frame with an empty history, the comparator; the ratio is printed
// as a counter. CatchUp is the one-off cost of reading a 100,000-event history
// into the models the first time (e.g. after a step back replays a long run).
#include <benchmark/benchmark.h>

#include <ctime>
#include <memory>

#include <imgui.h>

#include "gui/event_log.hpp"
#include "gui/goroutine_table.hpp"
#include "gui/metrics.hpp"
#include "gui/pool_view.hpp"
#include "gui/theme.hpp"
#include "gui/timeline.hpp"
#include "gui/viz_synthetic.hpp"

using namespace poollab;
using namespace poollab::gui;

namespace {

constexpr int kWorkers = 63;  // plus main
constexpr std::size_t kEvents = 100'000;

struct Imgui {
  Imgui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3 renderer
    io.MousePos = ImVec2(-1, -1);
  }
  ~Imgui() { ImGui::DestroyContext(); }
};

struct Panels {
  std::shared_ptr<viz::Model> model = std::make_shared<viz::Model>();
  PoolView pool{model};
  GoroutineTable table{model};
  Timeline timeline{model};
  MetricsPanel metrics{model};
  EventLog log{model};
};

void window(const char* name, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoSavedSettings);
}

// The panels laid out roughly as the window shows them at 1600x1000.
void frame(Panels& p, FrameContext& ctx) {
  ImGui::NewFrame();
  window("Pool", ImVec2(0, 0), ImVec2(1100, 560));
  p.pool.draw(ctx);
  ImGui::End();
  window("Goroutines", ImVec2(1100, 0), ImVec2(500, 560));
  p.table.draw(ctx);
  ImGui::End();
  window("Timeline", ImVec2(0, 560), ImVec2(1100, 260));
  p.timeline.draw(ctx);
  ImGui::End();
  window("Metrics", ImVec2(1100, 560), ImVec2(500, 440));
  p.metrics.draw(ctx);
  ImGui::End();
  window("Events", ImVec2(0, 820), ImVec2(1100, 180));
  p.log.draw(ctx);
  ImGui::End();
  ImGui::Render();
}

const viz::SyntheticRun& run() {
  static const viz::SyntheticRun r = viz::synthetic_pool(kWorkers, kEvents);
  return r;
}

double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double g_empty_ns = 0;  // comparator, measured first in the same run

// Steady state: the models have read the history; each frame draws it.
void BM_Frame(benchmark::State& state) {
  const bool full = state.range(0) != 0;
  Imgui imgui;
  Theme theme = Theme::dark();
  const std::vector<rt::Event> empty;
  const auto& r = run();
  Panels panels;
  double wall = 0;
  FrameContext ctx{.snapshot = r.snapshot, .history = full ? r.history : empty, .theme = theme};
  frame(panels, ctx);  // first frame reads the history
  const double start = thread_cpu_ns();
  for (auto _ : state) {
    wall += 1.0 / 60.0;
    ctx.wall_time = wall;
    frame(panels, ctx);
  }
  const double elapsed = thread_cpu_ns() - start;  // CPU time, like the CPU column: robust on a busy machine
  const double per_frame = state.iterations() ? elapsed / static_cast<double>(state.iterations()) : 0.0;
  if (!full) g_empty_ns = per_frame;
  if (full && g_empty_ns > 0) state.counters["x_empty"] = per_frame / g_empty_ns;  // ratio to the comparator
  state.counters["events"] = static_cast<double>(ctx.history.size());
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
  state.counters["spans"] = static_cast<double>(panels.timeline.spans_drawn());
}
BENCHMARK(BM_Frame)->ArgName("history")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// One-off: a fresh model reads 100,000 events and draws the first frame.
void BM_CatchUp(benchmark::State& state) {
  Imgui imgui;
  Theme theme = Theme::dark();
  const auto& r = run();
  for (auto _ : state) {
    Panels panels;
    FrameContext ctx{.snapshot = r.snapshot, .history = r.history, .theme = theme};
    frame(panels, ctx);
  }
}
BENCHMARK(BM_CatchUp)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
