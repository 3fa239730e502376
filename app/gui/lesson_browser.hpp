// The lesson list, grouped as the course is (basics, bugs, patterns,
// shutdown), with each lesson's completion; broken lessons are listed with
// their error and cannot be opened.
//
//   LessonBrowser browser;
//   browser.draw(app, ctx);
#pragma once

#include "gui/frame_context.hpp"

namespace poollab::gui {

class App;

class LessonBrowser {
 public:
  void draw(App& app, FrameContext& ctx);
};

}  // namespace poollab::gui
