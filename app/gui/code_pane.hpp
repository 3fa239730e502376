// The Go listing: line numbers, a marker per goroutine on the line it is at
// (click it to step that goroutine), toggles and variants clickable on their
// lines, compile errors under their line in Go's words, and an editor for
// fill-in-the-blank and free edits (reset restores the original).
//
//   CodePane code;
//   code.draw(app, ctx);   // inside the region the layout gives it
#pragma once

#include <string>

#include "gui/frame_context.hpp"

namespace poollab::gui {

class App;

class CodePane {
 public:
  void draw(App& app, FrameContext& ctx);

 private:
  void draw_listing(App& app, FrameContext& ctx);
  void draw_editor(App& app);
  int scrolled_to_ = 0;  // last highlighted line scrolled into view
};

}  // namespace poollab::gui
