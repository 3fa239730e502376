// Where the last frame drew its important widgets, by name, so tests (and the
// screenshot tool) can click them without a window: "controls/step",
// "code/line/12", "quiz/choice/1".
//
//   ImGui::Button("Step");
//   probe::record("controls/step");          // after the widget
//   ImVec2 at = probe::centre("controls/step");   // in a test, after a frame
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

namespace poollab::gui::probe {

// Remember the last item's rectangle (and the text it shows) under `name`.
void record(const std::string& name, std::string text = {});
// Same for something drawn straight into a draw list (not an ImGui item).
void record_rect(const std::string& name, ImVec2 min, ImVec2 max, std::string text = {});
// Rectangle recorded during the last completed frame, if the widget was drawn.
std::optional<ImVec4> rect(const std::string& name);  // x0, y0, x1, y1
std::optional<ImVec2> centre(const std::string& name);
std::optional<std::string> text(const std::string& name);
// Called by the App at the start and at the end of each frame; at the end,
// the frame's records replace the previous frame's.
void new_frame();
void end_frame();

}  // namespace poollab::gui::probe
