// How the run ended, in Go's exact words: the failure text and goroutine dump
// (clicking a dump line highlights its listing line), leaked goroutines by
// name, and what the program printed.
//
//   OutcomeCard card;
//   card.draw(app, ctx);
#pragma once

#include <string>
#include <string_view>

#include "gui/frame_context.hpp"

namespace poollab::gui {

class App;

// The listing line a dump line names ("\tmain.go:23 +0x1d" -> 23), else 0.
int dump_line_number(std::string_view dump_line, std::string_view file = "main.go");

class OutcomeCard {
 public:
  void draw(App& app, FrameContext& ctx);
};

}  // namespace poollab::gui
