// Small drawing and formatting helpers shared by the visualisation panels.
//
//   viz::text_clipped(dl, pos, theme.text, "G3 worker", box.Max.x - pad);
//   std::string d = viz::format_duration(1'500'000);   // "1.5ms"
#pragma once

#include <string>
#include <string_view>

#include <imgui.h>

#include "gui/lesson_view.hpp"
#include "gui/theme.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui::viz {

ImU32 with_alpha(ImU32 colour, float alpha);      // alpha 0..1 replaces the colour's own
ImU32 mix(ImU32 a, ImU32 b, float t);             // t = 0 gives a, 1 gives b
// Text on a state colour: black or white, whichever reads better.
ImU32 text_on(ImU32 background);

std::string format_duration(rt::Nanos ns);        // "850ns", "12µs", "1.5ms", "2.25s"
std::string short_function(std::string_view f);   // "main.worker" -> "worker"
std::string goroutine_label(rt::GoId id, std::string_view function);  // "G3 worker"

// Text that stops (with "...") before max_x.
void text_clipped(ImDrawList* dl, ImVec2 pos, ImU32 colour, std::string_view text, float max_x);
// A line with an arrowhead at `to`.
void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 colour, float thickness, float head);

// One row of coloured squares naming every state, as ImGui items, wrapping before
// `right_edge` (screen x; 0 = the window's visible width).
void state_legend(const Theme& theme, float right_edge = 0);

// The roles of the open lesson, or empty roles for a free-form program.
const LessonView::Roles& roles_of(const FrameContext& ctx);

}  // namespace poollab::gui::viz
