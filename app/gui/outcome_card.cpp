#include "gui/outcome_card.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"
#include "gui/theme.hpp"

namespace poollab::gui {

int dump_line_number(std::string_view s, std::string_view file) {
  std::string key = std::string(file) + ":";
  auto pos = s.find(key);
  if (pos == std::string_view::npos) return 0;
  pos += key.size();
  int n = 0;
  bool any = false;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    n = n * 10 + (s[pos++] - '0');
    any = true;
  }
  return any ? n : 0;
}

namespace {
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string::npos) {
      if (start < text.size()) out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// Dump lines name the frame's function on one line and "\tmain.go:N" on the
// next; either one of the pair leads to line N.
int line_for(const std::vector<std::string>& lines, std::size_t i, const std::string& file) {
  if (int n = dump_line_number(lines[i], file)) return n;
  if (i + 1 < lines.size() && !lines[i].empty() && lines[i][0] != '\t' && lines[i].find('(') != std::string::npos)
    return dump_line_number(lines[i + 1], file);
  return 0;
}
}  // namespace

void OutcomeCard::draw(App& app, FrameContext& ctx) {
  lessons::Session* s = app.session();
  const auto& outcome = ctx.snapshot.outcome;
  const Theme& theme = ctx.theme;
  ImGui::PushFont(app.fonts().heading);
  if (!s) {
    ImGui::TextDisabled("No program loaded.");
  } else if (!s->compiled()) {
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "Does not compile");
  } else if (!outcome) {
    ImGui::TextDisabled(app.running() ? "Running..." : "Paused: step or run to see how it ends");
  } else {
    ImVec4 bad(1.0f, 0.35f, 0.35f, 1), good = ImGui::ColorConvertU32ToFloat4(theme.colour(StateColour::Running));
    switch (outcome->kind) {
      case rt::OutcomeKind::Completed:
        ImGui::TextColored(outcome->leaked.empty() ? good : ImVec4(1, 0.7f, 0.2f, 1),
                           outcome->leaked.empty() ? "Completed: main returned" : "Completed, with leaked goroutines");
        break;
      case rt::OutcomeKind::Deadlock: ImGui::TextColored(bad, "Deadlock"); break;
      case rt::OutcomeKind::Panic: ImGui::TextColored(bad, "Panic"); break;
      case rt::OutcomeKind::Exit: ImGui::TextColored(ImVec4(1, 0.7f, 0.2f, 1), "os.Exit(%d)", outcome->exit_code); break;
      case rt::OutcomeKind::Aborted: ImGui::TextDisabled("Stopped"); break;
    }
    char when[96];
    std::snprintf(when, sizeof when, "after %.3f s%s, exit status %d", static_cast<double>(outcome->time) / 1e9,
                  app.settings().virtual_clock ? " (virtual)" : "", outcome->exit_code);
    // Beside the verdict when it fits, on its own line when the panel is narrow.
    const float spacing = ImGui::CalcTextSize("  ").x;
    ImGui::SameLine(0, spacing);
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(when).x) ImGui::NewLine();
    ImGui::TextDisabled("%s", when);
  }
  ImGui::PopFont();

  if (s && !s->compiled()) {
    ImGui::PushFont(app.fonts().mono);
    for (const auto& d : s->compile_errors()) {
      if (ImGui::Selectable(d.str().c_str())) ctx.highlighted_line = d.line;
    }
    ImGui::PopFont();
    return;
  }

  ImGui::BeginChild("outcome-body", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  if (outcome && !outcome->text.empty()) {
    ImGui::TextDisabled("What Go prints (click a line to find it in the listing):");
    ImGui::PushFont(app.fonts().mono);
    std::vector<std::string> lines = lines_of(outcome->text);
    std::string file = "main.go";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      int target = line_for(lines, i, file);
      std::string shown = lines[i];
      for (std::size_t p = 0; (p = shown.find('\t', p)) != std::string::npos;) shown.replace(p, 1, "    ");
      if (shown.empty()) shown = " ";
      bool first = i == 0;
      if (first) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.45f, 1));
      if (ImGui::Selectable(shown.c_str(), target != 0 && target == ctx.highlighted_line) && target)
        ctx.highlighted_line = target;
      if (first) ImGui::PopStyleColor();
      probe::record("outcome/line/" + std::to_string(i), lines[i]);
      if (target && ImGui::IsItemHovered()) ImGui::SetTooltip("listing line %d", target);
      ImGui::PopID();
    }
    ImGui::PopFont();
  }
  if (outcome && !outcome->leaked.empty()) {
    ImGui::Spacing();
    // Wrapped: a narrow outcome panel would otherwise need a sideways scrollbar for it.
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.7f, 0.2f, 1));
    ImGui::TextWrapped("Leaked: %zu goroutine%s still parked when main returned (Go exits silently here):",
                       outcome->leaked.size(), outcome->leaked.size() == 1 ? "" : "s");
    ImGui::PopStyleColor();
    ImGui::PushFont(app.fonts().mono);
    for (const auto& g : outcome->leaked) {
      std::string label = "goroutine " + std::to_string(g.id) + " [" + g.wait_reason + "]: " + g.function + "  line " +
                          std::to_string(g.line);
      ImGui::PushID(static_cast<int>(g.id));
      if (ImGui::Selectable(label.c_str(), g.line == ctx.highlighted_line)) {
        ctx.highlighted_line = g.line;
        ctx.selected_goroutine = g.id;
      }
      probe::record("outcome/leaked/" + std::to_string(g.id));
      ImGui::PopID();
    }
    ImGui::PopFont();
  }
  std::string out = s ? s->stdout_text() : std::string();
  ImGui::Spacing();
  ImGui::TextDisabled(out.empty() ? "The program printed nothing." : "What the program printed:");
  if (!out.empty()) {
    ImGui::PushFont(app.fonts().mono);
    if (out.size() > 20000) out = "...\n" + out.substr(out.size() - 20000);
    ImGui::TextUnformatted(out.c_str(), out.c_str() + out.size());
    ImGui::PopFont();
  }
  ImGui::EndChild();
}

}  // namespace poollab::gui
