// The visualisation panels (pool view, goroutine table, timeline, metrics,
// event log) as the layout places them: the pool view in its own region, the
// others as tabs beside the outcome card.
//
//   VisualPanels visual;
//   visual.draw_pool(ctx);
//   if (ImGui::BeginTabBar("tabs")) { visual.draw_tabs(ctx); ImGui::EndTabBar(); }
#pragma once

#include <memory>

#include "gui/frame_context.hpp"

namespace poollab::gui {

class VisualPanels {
 public:
  VisualPanels();
  ~VisualPanels();
  void draw_pool(FrameContext& ctx);
  void draw_tabs(FrameContext& ctx);  // inside a tab bar
  bool layout_settling() const;       // a panel is still fitting its drawing to its region

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace poollab::gui
