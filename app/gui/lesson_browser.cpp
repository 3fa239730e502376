#include "gui/lesson_browser.hpp"

#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"

namespace poollab::gui {

void LessonBrowser::draw(App& app, FrameContext& ctx) {
  const auto& cat = app.catalogue();
  if (cat.lessons.empty()) {
    ImGui::TextWrapped("No lessons found in %s", cat.dir.string().c_str());
    for (const auto& e : cat.errors) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", e.str().c_str());
    return;
  }
  static const char* groups[][2] = {
      {"basics", "Basics"}, {"bugs", "Classic bugs"}, {"patterns", "Patterns"}, {"shutdown", "Shutdown"}};
  float done_w = ImGui::CalcTextSize("100%").x;
  auto row = [&](const lessons::Lesson& l) {
    ImGui::PushID(l.id.c_str());
    bool current = app.lesson() && app.lesson()->id == l.id;
    std::string label = std::to_string(l.order) + ". " + (l.title.empty() ? l.id : l.title);
    if (!l.ok()) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.45f, 1));
    float w = ImGui::GetContentRegionAvail().x - done_w - 8;
    if (ImGui::Selectable(label.c_str(), current, 0, ImVec2(w, 0)) && l.ok()) app.open_lesson(l.id);
    if (!l.ok()) ImGui::PopStyleColor();
    probe::record("browser/" + l.id);
    if (ImGui::IsItemHovered()) {
      if (!l.ok()) ImGui::SetTooltip("This lesson is broken:\n%s", l.errors.front().str().c_str());
      else ImGui::SetTooltip("%s\n%s", l.id.c_str(), l.goal.c_str());
    }
    float c = app.completion(l.id);
    ImGui::SameLine(ImGui::GetContentRegionMax().x - done_w);
    std::string done = c >= 0.999f ? "done" : c > 0 ? std::to_string(static_cast<int>(c * 100)) + "%" : "";
    if (c >= 0.999f) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.theme.colour(StateColour::Running)), "done");
    else ImGui::TextDisabled("%s", done.empty() ? " " : done.c_str());
    probe::record("browser/done/" + l.id, done);
    ImGui::PopID();
  };
  for (auto& [key, title] : groups) {
    bool any = false;
    for (const auto& l : cat.lessons) any = any || l.group == key;
    if (!any) continue;
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (ImGui::CollapsingHeader(title))
      for (const auto& l : cat.lessons)
        if (l.group == key) row(l);
  }
  bool other = false;
  for (const auto& l : cat.lessons)
    other = other || (l.group != "basics" && l.group != "bugs" && l.group != "patterns" && l.group != "shutdown");
  if (other && ImGui::CollapsingHeader("Other"))
    for (const auto& l : cat.lessons)
      if (l.group != "basics" && l.group != "bugs" && l.group != "patterns" && l.group != "shutdown") row(l);
}

}  // namespace poollab::gui
