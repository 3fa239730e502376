// The window's frame time while a program runs flat out: every panel reads the
// events that arrived since the last frame, so a program producing events as
// fast as it can is the window's worst case. Null ImGui backend, no GPU work.
//
//   poollab_bench_frame_live
//
// Live/window: the whole App (every panel, code pane, quiz) running the
//   program with its Run button, as a student does (the serial gate's auto-run).
// Live/free: the visualisation panels fed by the same program on the free
//   schedule (real threads, no gate), the highest event rate PoolLab reaches.
// Frames are paced at 60 Hz as vsync paces the real window, so each frame
// reads a sixtieth of a second's events. Each case is preceded by its
// comparator, the same frame with the program paused (running:0); the ratio is
// the counter x_idle. Time is the mean wall time of one frame's work; counters:
// cpu_ms (UI-thread CPU per frame), max_ms (slowest frame), fps_capable (frames
// per second the work allows), events_per_s produced meanwhile, dropped
// (bounded observer queue overflow), vertices drawn.
// Target: 30 fps or better (frame <= 33 ms) while events_per_s > 1,000,000.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <thread>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/event_log.hpp"
#include "gui/goroutine_table.hpp"
#include "gui/metrics.hpp"
#include "gui/pool_view.hpp"
#include "gui/theme.hpp"
#include "gui/timeline.hpp"
#include "poollab/lessons/session.hpp"

using namespace poollab;
using namespace poollab::gui;

namespace {

// Four workers between two 1024-slot channels, fed and drained forever.
constexpr const char* kFlatOut = R"(package main

func main() {
	jobs := make(chan int, 1024)
	results := make(chan int, 1024)
	for w := 0; w < 4; w++ {
		go func() {
			for n := range jobs {
				results <- n * 2
			}
		}()
	}
	go func() {
		for n := 0; ; n++ {
			jobs <- n
		}
	}()
	for {
		<-results
	}
}
)";

constexpr int kFrames = 90;  // 1.5 s at 60 Hz: the history of a flat-out run grows by ~250 MB/s

double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double wall_ns() {
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

struct Imgui {
  explicit Imgui(bool build_fonts) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    if (build_fonts) {
      unsigned char* pixels = nullptr;
      int w = 0, h = 0;
      io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0f / 60.0f;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3 renderer
    io.MousePos = ImVec2(-1, -1);
  }
  ~Imgui() { ImGui::DestroyContext(); }
};

// Runs `frame` once per 60 Hz tick for every benchmark iteration, timing the
// frame's work only, and reports the counters.
template <class Frame, class Events>
void paced(benchmark::State& state, Frame frame, Events events_and_dropped, double& idle_cpu_ns, bool idle) {
  using clock = std::chrono::steady_clock;
  const auto tick = std::chrono::microseconds(16667);
  auto next = clock::now();
  double cpu_total = 0, wall_total = 0, wall_max = 0;
  const auto [events0, dropped0] = events_and_dropped();
  const double started = wall_ns();
  for (auto _ : state) {
    next += tick;
    std::this_thread::sleep_until(next);  // vsync's pace, outside the measured work
    const double c0 = thread_cpu_ns(), w0 = wall_ns();
    frame();
    const double w = wall_ns() - w0;
    cpu_total += thread_cpu_ns() - c0;
    wall_total += w;
    wall_max = std::max(wall_max, w);
    state.SetIterationTime(w / 1e9);
  }
  const double elapsed = wall_ns() - started;
  const auto [events1, dropped1] = events_and_dropped();
  const double frames = static_cast<double>(state.iterations());
  const double cpu = cpu_total / frames;
  if (idle) idle_cpu_ns = cpu;
  if (!idle && idle_cpu_ns > 0) state.counters["x_idle"] = cpu / idle_cpu_ns;
  state.counters["cpu_ms"] = cpu / 1e6;
  state.counters["max_ms"] = wall_max / 1e6;
  state.counters["fps_capable"] = frames / (wall_total / 1e9);
  state.counters["events_per_s"] = static_cast<double>(events1 - events0) / (elapsed / 1e9);
  state.counters["dropped"] = static_cast<double>(dropped1 - dropped0);
  state.counters["vertices"] = ImGui::GetDrawData() ? ImGui::GetDrawData()->TotalVtxCount : 0;
}

double g_idle_window_ns = 0, g_idle_free_ns = 0;

// The whole window; range(0) = 1 runs the program, 0 leaves it paused at the gate.
void BM_Window(benchmark::State& state) {
  const bool run = state.range(0) != 0;
  Imgui imgui(false);
  AppOptions o;
  o.lessons_dir = std::filesystem::path(POOLLAB_BENCH_SOURCE_DIR) / "assets" / "lessons";
  o.config_dir = "";
  o.progress_path = (std::filesystem::temp_directory_path() / "poollab-bench-progress.json").string();
  o.save_on_exit = false;
  App app(o);
  app.init_fonts();
  auto frame = [&] {
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
  };
  app.open_program(kFlatOut, "flat_out.go");
  frame();
  frame();
  if (run) app.set_running(true);
  for (int i = 0; i < 10; ++i) frame();  // warm up: the models catch up
  auto events = [&app]() -> std::pair<std::uint64_t, std::uint64_t> {
    lessons::Session* s = app.session();
    if (!s) return {0, 0};
    s->poll();
    return {s->history().size() + s->dropped_events(), s->dropped_events()};
  };
  paced(state, frame, events, g_idle_window_ns, !run);
  app.set_running(false);
}
BENCHMARK(BM_Window)->ArgName("running")->Arg(0)->Arg(1)->Iterations(kFrames)->Unit(benchmark::kMillisecond)->UseManualTime();

// The visualisation panels over a free-schedule run (no gate at all).
void BM_Free(benchmark::State& state) {
  const bool run = state.range(0) != 0;
  Imgui imgui(true);
  Theme theme = Theme::dark();
  auto model = std::make_shared<viz::Model>();
  PoolView pool{model};
  GoroutineTable table{model};
  Timeline timeline{model};
  MetricsPanel metrics{model};
  EventLog log{model};
  // Room for every event of the measured frames, so each frame reads its full
  // share (the default limit would fill after ~0.8 s and flatter the figure).
  lessons::Session session(kFlatOut, "flat_out.go", {.stepping = !run, .history_limit = 1u << 23});
  session.start();
  auto window = [](const char* name, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoSavedSettings);
  };
  double wall = 0;
  double poll_max = 0;
  auto frame = [&] {
    const double p0 = wall_ns();
    session.poll();
    poll_max = std::max(poll_max, wall_ns() - p0);
    rt::Snapshot snap = session.snapshot();
    wall += 1.0 / 60.0;
    FrameContext ctx{.session = &session, .snapshot = snap, .history = session.history(), .theme = theme,
                     .wall_time = wall};
    ImGui::NewFrame();
    window("Pool", ImVec2(0, 0), ImVec2(1100, 560));
    pool.draw(ctx);
    ImGui::End();
    window("Goroutines", ImVec2(1100, 0), ImVec2(500, 560));
    table.draw(ctx);
    ImGui::End();
    window("Timeline", ImVec2(0, 560), ImVec2(1100, 260));
    timeline.draw(ctx);
    ImGui::End();
    window("Metrics", ImVec2(1100, 560), ImVec2(500, 440));
    metrics.draw(ctx);
    ImGui::End();
    window("Events", ImVec2(0, 820), ImVec2(1100, 180));
    log.draw(ctx);
    ImGui::End();
    ImGui::Render();
  };
  for (int i = 0; i < 10; ++i) frame();
  auto events = [&session]() -> std::pair<std::uint64_t, std::uint64_t> {
    session.poll();
    return {session.history().size() + session.dropped_events(), session.dropped_events()};
  };
  paced(state, frame, events, g_idle_free_ns, !run);
  state.counters["max_poll_ms"] = poll_max / 1e6;  // moving new events into the history
  state.counters["history_full"] = session.history_full() ? 1 : 0;
}
BENCHMARK(BM_Free)->ArgName("running")->Arg(0)->Arg(1)->Iterations(kFrames)->Unit(benchmark::kMillisecond)->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
