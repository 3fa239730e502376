#include "gui/shortcuts_overlay.hpp"

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"

namespace poollab::gui {

const Shortcut* shortcuts(int& count) {
  static const Shortcut list[] = {
      {"Space", "run / pause"},
      {"Right or N", "step: one goroutine takes its next step"},
      {"Left", "step back (replays the run to one step earlier)"},
      {"R", "reset: start over with the current listing and settings"},
      {"1 - 9", "step goroutine 1 - 9"},
      {"F11", "full screen"},
      {"Ctrl + =  /  Ctrl + -", "larger / smaller text (fonts re-rasterised, 1x - 3x)"},
      {"F1", "show / hide this list"},
      {"Esc", "close this list"},
  };
  count = static_cast<int>(sizeof list / sizeof list[0]);
  return list;
}

void ShortcutsOverlay::draw(App& app) {
  if (!app.show_shortcuts) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.96f);
  ImGui::SetNextWindowFocus();
  if (ImGui::Begin("Keyboard shortcuts", &app.show_shortcuts,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    int n = 0;
    const Shortcut* list = shortcuts(n);
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
      for (int i = 0; i < n; ++i) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushFont(app.fonts().mono);
        ImGui::TextUnformatted(list[i].keys);
        ImGui::PopFont();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(list[i].action);
      }
      ImGui::EndTable();
    }
    ImGui::TextDisabled("Clicking a goroutine's marker, box or lane steps that goroutine.");
    probe::record("shortcuts/overlay");
  }
  ImGui::End();
}

}  // namespace poollab::gui
