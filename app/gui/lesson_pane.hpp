// The open lesson: title, goal, narrative and the hint ladder (one hint at a
// time, each one closer to the answer).
//
//   LessonPane pane;
//   pane.draw(app, ctx);
#pragma once

#include "gui/frame_context.hpp"

namespace poollab::gui {

class App;

class LessonPane {
 public:
  void draw(App& app, FrameContext& ctx);
};

}  // namespace poollab::gui
