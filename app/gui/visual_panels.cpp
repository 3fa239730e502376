#include "gui/visual_panels.hpp"

#include <imgui.h>

#include "gui/probe.hpp"

#if __has_include("gui/pool_view.hpp")
#include "gui/pool_view.hpp"
#define POOLLAB_HAS_POOL_VIEW 1
#endif
#if __has_include("gui/goroutine_table.hpp")
#include "gui/goroutine_table.hpp"
#define POOLLAB_HAS_GOROUTINE_TABLE 1
#endif
#if __has_include("gui/timeline.hpp")
#include "gui/timeline.hpp"
#define POOLLAB_HAS_TIMELINE 1
#endif
#if __has_include("gui/metrics.hpp")
#include "gui/metrics.hpp"
#define POOLLAB_HAS_METRICS 1
#endif
#if __has_include("gui/event_log.hpp")
#include "gui/event_log.hpp"
#define POOLLAB_HAS_EVENT_LOG 1
#endif

namespace poollab::gui {

struct VisualPanels::Impl {
#ifdef POOLLAB_HAS_POOL_VIEW
  PoolView pool;
#endif
#ifdef POOLLAB_HAS_GOROUTINE_TABLE
  GoroutineTable goroutines;
#endif
#ifdef POOLLAB_HAS_TIMELINE
  Timeline timeline;
#endif
#ifdef POOLLAB_HAS_METRICS
  MetricsPanel metrics;
#endif
#ifdef POOLLAB_HAS_EVENT_LOG
  EventLog events;
#endif
};

VisualPanels::VisualPanels() : impl_(std::make_unique<Impl>()) {}
VisualPanels::~VisualPanels() = default;

bool VisualPanels::layout_settling() const {
#ifdef POOLLAB_HAS_POOL_VIEW
  return impl_->pool.layout_settling();
#else
  return false;
#endif
}

void VisualPanels::draw_pool(FrameContext& ctx) {
#ifdef POOLLAB_HAS_POOL_VIEW
  impl_->pool.draw(ctx);
#else
  ImGui::TextDisabled("Pool view");
  for (const auto& g : ctx.snapshot.goroutines)
    ImGui::Text("goroutine %lld %s line %d %s", static_cast<long long>(g.id), g.function.c_str(), g.line,
                g.wait_reason.c_str());
#endif
}

namespace {
template <class Panel>
void tab(const char* title, const char* probe_name, Panel& panel, FrameContext& ctx) {
  bool open = ImGui::BeginTabItem(title);
  probe::record(probe_name);
  if (!open) return;
  ImGui::BeginChild(title, ImVec2(0, 0), true);
  panel.draw(ctx);
  ImGui::EndChild();
  ImGui::EndTabItem();
}
}  // namespace

void VisualPanels::draw_tabs([[maybe_unused]] FrameContext& ctx) {
#ifdef POOLLAB_HAS_GOROUTINE_TABLE
  tab("Goroutines", "tab/goroutines", impl_->goroutines, ctx);
#endif
#ifdef POOLLAB_HAS_TIMELINE
  tab("Timeline", "tab/timeline", impl_->timeline, ctx);
#endif
#ifdef POOLLAB_HAS_METRICS
  tab("Metrics", "tab/metrics", impl_->metrics, ctx);
#endif
#ifdef POOLLAB_HAS_EVENT_LOG
  tab("Events", "tab/events", impl_->events, ctx);
#endif
}

}  // namespace poollab::gui
