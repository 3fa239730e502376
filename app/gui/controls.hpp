// The run controls: run/pause, step, step back, reset, speed, clock, seed,
// step granularity, presentation switches; and the lesson's parameters,
// toggles and variants, which apply on reset.
//
//   Controls controls;
//   controls.draw_toolbar(app, ctx);
//   controls.draw_parameters(app, ctx);
#pragma once

#include "gui/frame_context.hpp"

namespace poollab::gui {

class App;

class Controls {
 public:
  void draw_toolbar(App& app, FrameContext& ctx);
  void draw_parameters(App& app, FrameContext& ctx);
  void draw_status(App& app, FrameContext& ctx);  // steps, time, events, dropped events, fps
};

}  // namespace poollab::gui
