#include "gui/lesson_pane.hpp"

#include <string>
#include <string_view>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"

namespace poollab::gui {
namespace {
// Paragraphs separated by blank lines; single newlines inside are joined.
void narrative(std::string_view text) {
  std::string para;
  auto flush = [&] {
    if (para.empty()) return;
    ImGui::TextWrapped("%s", para.c_str());
    ImGui::Spacing();
    para.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) flush();
    else {
      if (!para.empty()) para += ' ';
      para += line;
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  flush();
}
}  // namespace

void LessonPane::draw(App& app, FrameContext&) {
  const LessonView& v = app.view();
  if (v.id.empty()) {
    ImGui::TextWrapped("A free-form program: edit it, reset to run it.");
    return;
  }
  ImGui::PushFont(app.fonts().heading);
  ImGui::TextWrapped("%s", v.title.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%s  -  %s", v.id.c_str(), v.group.c_str());
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(app.theme().accent));
  ImGui::TextWrapped("Goal: %s", v.goal.c_str());
  ImGui::PopStyleColor();
  ImGui::Spacing();
  narrative(v.narrative);

  if (!v.hints.empty()) {
    ImGui::Separator();
    int& shown = app.hints_shown();
    int total = static_cast<int>(v.hints.size());
    for (int i = 0; i < shown && i < total; ++i) {
      ImGui::TextDisabled("Hint %d:", i + 1);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", v.hints[i].c_str());
    }
    if (shown < total) {
      std::string label = shown == 0 ? "Show a hint" : "Next hint (" + std::to_string(shown + 1) + " of " + std::to_string(total) + ")";
      if (ImGui::Button(label.c_str())) app.reveal_hint();
      probe::record("lesson/hint");
    }
  }
}

}  // namespace poollab::gui
