#include "gui/code_pane.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"
#include "poollab/lessons/settings.hpp"

namespace poollab::gui {
namespace {

StateColour colour_of(const rt::GoroutineInfo& g) {
  switch (g.state) {
    case rt::GState::Runnable: return StateColour::Runnable;
    case rt::GState::Running: return StateColour::Running;
    case rt::GState::Sleeping: return StateColour::Sleeping;
    case rt::GState::Done: return StateColour::Done;
    case rt::GState::Blocked: break;
  }
  const std::string& w = g.wait_reason;
  if (w.starts_with("chan send")) return StateColour::ParkedSend;
  if (w.starts_with("chan receive")) return StateColour::ParkedRecv;
  if (w == "select" || w == "select (no cases)") return StateColour::InSelect;
  return StateColour::BlockedSync;
}

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_keyword(std::string_view w) {
  static const char* kw[] = {"break", "case", "chan", "const", "continue", "default", "defer", "else", "for",
                             "func", "go", "if", "import", "package", "range", "return", "select", "struct",
                             "switch", "type", "var", "map", "interface", "fallthrough", "goto"};
  for (const char* k : kw)
    if (w == k) return true;
  return false;
}

bool is_builtin(std::string_view w) {
  static const char* b[] = {"make", "close", "len", "cap", "append", "panic", "recover", "new", "copy",
                            "delete", "print", "println", "nil", "true", "false", "iota"};
  for (const char* k : b)
    if (w == k) return true;
  return false;
}

// Draw one Go line with light syntax colouring; marker comments and
// commented-out lines are dimmed.
void draw_go_line(ImDrawList* dl, ImVec2 at, std::string_view line, const Theme& theme, bool dim_all) {
  ImFont* font = ImGui::GetFont();
  float size = ImGui::GetFontSize();
  ImU32 kw = theme.high_contrast ? IM_COL32(120, 200, 255, 255) : IM_COL32(110, 170, 255, 255);
  ImU32 builtin = theme.high_contrast ? IM_COL32(0, 255, 200, 255) : IM_COL32(86, 200, 180, 255);
  ImU32 str = theme.high_contrast ? IM_COL32(255, 200, 100, 255) : IM_COL32(230, 160, 110, 255);
  ImU32 num = theme.high_contrast ? IM_COL32(220, 255, 120, 255) : IM_COL32(180, 210, 140, 255);
  ImU32 comment = theme.text_dim;
  float x = at.x;
  auto emit = [&](std::string_view piece, ImU32 col) {
    if (piece.empty()) return;
    dl->AddText(font, size, ImVec2(x, at.y), dim_all ? theme.text_dim : col, piece.data(), piece.data() + piece.size());
    x += font->CalcTextSizeA(size, 1e9f, 0, piece.data(), piece.data() + piece.size()).x;
  };
  std::size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == '/' && i + 1 < line.size() && line[i + 1] == '/') {
      emit(line.substr(i), comment);
      return;
    }
    if (c == '"' || c == '`' || c == '\'') {
      std::size_t j = i + 1;
      while (j < line.size() && line[j] != c) j += (line[j] == '\\' && c != '`') ? 2 : 1;
      j = std::min(line.size(), j + 1);
      emit(line.substr(i, j - i), str);
      i = j;
      continue;
    }
    if (is_ident(c)) {
      std::size_t j = i;
      while (j < line.size() && is_ident(line[j])) ++j;
      std::string_view w = line.substr(i, j - i);
      ImU32 col = std::isdigit(static_cast<unsigned char>(c)) ? num
                  : is_keyword(w)                            ? kw
                  : is_builtin(w)                            ? builtin
                                                             : theme.text;
      emit(w, col);
      i = j;
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && !is_ident(line[j]) && line[j] != '"' && line[j] != '`' && line[j] != '\'' &&
           !(line[j] == '/' && j + 1 < line.size() && line[j + 1] == '/'))
      ++j;
    if (j == i) j = i + 1;
    emit(line.substr(i, j - i), theme.text);
    i = j;
  }
}

std::string expand_tabs(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == '\t') out.append(4 - out.size() % 4, ' ');
    else out.push_back(c);
  }
  return out;
}

ImU32 with_alpha(ImU32 c, int alpha) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT); }

}  // namespace

void CodePane::draw(App& app, FrameContext& ctx) {
  const char* name = app.view().id.empty() ? "main.go" : "main.go";
  ImGui::PushFont(app.fonts().heading);
  ImGui::TextUnformatted(name);
  ImGui::PopFont();
  ImGui::SameLine();
  if (app.editing()) {
    if (ImGui::SmallButton("Run edit")) app.apply_edit();
    probe::record("code/run_edit");
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) app.restore_original();
    probe::record("code/cancel_edit");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drop the edit and go back to the lesson's listing");
  } else {
    if (ImGui::SmallButton("Edit")) app.begin_edit(app.pending_listing());
    probe::record("code/edit");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Change the program; Run edit compiles and runs it");
    ImGui::SameLine();
    bool differs = app.lesson() && app.pending_listing() != app.lesson()->source;
    if (!differs) ImGui::BeginDisabled();
    if (ImGui::SmallButton("Restore original")) app.restore_original();
    probe::record("code/restore");
    if (!differs) ImGui::EndDisabled();
  }
  if (!app.compile_errors().empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1, 0.35f, 0.35f, 1), "does not compile (%zu error%s)", app.compile_errors().size(),
                       app.compile_errors().size() == 1 ? "" : "s");
  }
  if (app.editing()) draw_editor(app);
  else draw_listing(app, ctx);
}

void CodePane::draw_editor(App& app) {
  for (const auto& d : app.compile_errors()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", d.str().c_str());
  ImGui::PushFont(app.fonts().mono);
  ImGui::InputTextMultiline("##editor", &app.edit_buffer(), ImGui::GetContentRegionAvail(),
                            ImGuiInputTextFlags_AllowTabInput);
  probe::record("code/editor");
  ImGui::PopFont();
}

void CodePane::draw_listing(App& app, FrameContext& ctx) {
  ImGui::BeginChild("listing", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(app.fonts().mono);
  const Theme& theme = ctx.theme;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::vector<std::string> lines = lessons::split_lines(app.pending_listing());
  if (!lines.empty() && lines.back().empty()) lines.pop_back();

  // Goroutines by the line they are at (live ones only).
  std::map<int, std::vector<const rt::GoroutineInfo*>> at_line;
  for (const auto& g : ctx.snapshot.goroutines)
    if (g.state != rt::GState::Done && g.line > 0) at_line[g.line].push_back(&g);
  std::map<int, std::vector<const golite::Diagnostic*>> errors;
  for (const auto& d : app.compile_errors()) errors[d.line].push_back(&d);

  // Which toggle / variant option owns each line.
  const LessonView& view = app.view();
  std::map<int, const LessonView::Toggle*> toggle_at;
  std::map<int, std::pair<const LessonView::Variant*, int>> variant_at;
  for (const auto& t : view.toggles)
    for (int l : t.lines) toggle_at[l] = &t;
  for (const auto& v : view.variants)
    for (int o = 0; o < static_cast<int>(v.lines.size()); ++o)
      for (int l : v.lines[o]) variant_at[l] = {&v, o};

  float lh = ImGui::GetTextLineHeightWithSpacing();
  float r = ImGui::GetTextLineHeight() * 0.48f;
  const int max_markers = 4;
  float marker_w = 2 * r + 2;
  float gutter = marker_w * max_markers + 4;
  float number_w = ImGui::CalcTextSize("000 ").x;
  float box_w = lh;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = std::max(ImGui::GetContentRegionAvail().x, 200.0f);
  int highlight = ctx.highlighted_line;

  for (int i = 1; i <= static_cast<int>(lines.size()); ++i) {
    ImGui::PushID(i);
    ImVec2 row = ImGui::GetCursorScreenPos();
    row.x = origin.x;
    float text_x = row.x + gutter + number_w + box_w;
    bool has_error = errors.count(i) > 0;
    if (i == highlight) dl->AddRectFilled(row, ImVec2(row.x + width, row.y + lh), with_alpha(theme.accent, 70));
    else if (has_error) dl->AddRectFilled(row, ImVec2(row.x + width, row.y + lh), IM_COL32(200, 40, 40, 70));
    if (toggle_at.count(i) || variant_at.count(i))
      dl->AddRectFilled(ImVec2(text_x - 2, row.y), ImVec2(row.x + width, row.y + lh), with_alpha(theme.panel, 160));

    // The line itself: a selectable (spot-the-bug, highlight).
    ImGui::SetCursorScreenPos(ImVec2(text_x, row.y));
    if (ImGui::Selectable("##line", false, 0, ImVec2(std::max(10.0f, row.x + width - text_x), lh - 1)))
      app.line_clicked(i);
    probe::record("code/line/" + std::to_string(i));
    if (i == highlight && scrolled_to_ != highlight) {
      ImGui::SetScrollHereY(0.35f);
      scrolled_to_ = highlight;
    }

    // Goroutine markers: click one to step that goroutine.
    if (auto it = at_line.find(i); it != at_line.end()) {
      int n = 0;
      for (const rt::GoroutineInfo* g : it->second) {
        if (n == max_markers) {
          dl->AddText(ImVec2(row.x + marker_w * (max_markers - 1), row.y), theme.text, "+");
          break;
        }
        ImVec2 c(row.x + 2 + r + marker_w * n, row.y + lh * 0.5f);
        ImGui::SetCursorScreenPos(ImVec2(c.x - r, c.y - r));
        ImGui::PushID(static_cast<int>(g->id));
        if (ImGui::InvisibleButton("##marker", ImVec2(2 * r, 2 * r))) {
          ctx.selected_goroutine = g->id;
          ctx.step_request = g->id;
        }
        probe::record("code/marker/" + std::to_string(g->id));
        bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        dl->AddCircleFilled(c, r, theme.colour(colour_of(*g)));
        if (g->id == ctx.selected_goroutine || hovered) dl->AddCircle(c, r + 1.5f, theme.accent, 0, 2.0f);
        std::string id = std::to_string(g->id);
        float small = ImGui::GetFontSize() * (id.size() > 1 ? 0.62f : 0.75f);
        ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(small, 1e9f, 0, id.c_str());
        dl->AddText(ImGui::GetFont(), small, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), IM_COL32(0, 0, 0, 255),
                    id.c_str());
        if (hovered)
          ImGui::SetTooltip("goroutine %lld %s\n%s%s\nclick: step this goroutine", static_cast<long long>(g->id),
                            g->function.c_str(), std::string(rt::to_string(g->state)).c_str(),
                            g->wait_reason.empty() ? "" : (" [" + g->wait_reason + "]").c_str());
        ++n;
      }
    }

    // Line number.
    char num[16];
    std::snprintf(num, sizeof num, "%3d", i);
    dl->AddText(ImVec2(row.x + gutter, row.y), i == highlight ? theme.accent : theme.text_dim, num);

    // Toggle / variant switch on its line.
    ImVec2 box(row.x + gutter + number_w + 2, row.y + (lh - ImGui::GetTextLineHeight()) * 0.5f);
    float bs = ImGui::GetTextLineHeight() - 2;
    if (auto it = toggle_at.find(i); it != toggle_at.end()) {
      const LessonView::Toggle* t = it->second;
      ImGui::SetCursorScreenPos(box);
      if (ImGui::InvisibleButton("##toggle", ImVec2(bs, bs))) app.set_toggle(t->name, !t->on);
      if (t->lines.front() == i) probe::record("code/toggle/" + t->name);
      bool hovered = ImGui::IsItemHovered();
      dl->AddRect(box, ImVec2(box.x + bs, box.y + bs), hovered ? theme.accent : theme.text, 2.0f, 0, 1.5f);
      if (t->on) dl->AddRectFilled(ImVec2(box.x + 3, box.y + 3), ImVec2(box.x + bs - 3, box.y + bs - 3), theme.accent, 1.0f);
      if (hovered)
        ImGui::SetTooltip("%s: %s\n%s\nClick to switch it %s; Reset runs the new listing.", t->name.c_str(),
                          t->label.c_str(), t->help.c_str(), t->on ? "off" : "on");
    } else if (auto vt = variant_at.find(i); vt != variant_at.end()) {
      const auto& [v, option] = vt->second;
      ImGui::SetCursorScreenPos(box);
      if (ImGui::InvisibleButton("##variant", ImVec2(bs, bs))) app.set_variant(v->name, option);
      probe::record("code/variant/" + v->name + "/" + std::to_string(option));
      bool hovered = ImGui::IsItemHovered();
      ImVec2 c(box.x + bs * 0.5f, box.y + bs * 0.5f);
      dl->AddCircle(c, bs * 0.5f, hovered ? theme.accent : theme.text, 0, 1.5f);
      if (v->selected == option) dl->AddCircleFilled(c, bs * 0.5f - 3, theme.accent);
      if (hovered) ImGui::SetTooltip("%s: choose %s", v->label.c_str(), v->options[option].c_str());
    }

    draw_go_line(dl, ImVec2(text_x + 4, row.y), expand_tabs(lines[i - 1]), theme,
                 lessons::line_is_commented(lines[i - 1]) && (toggle_at.count(i) || variant_at.count(i)));
    ImGui::SetCursorScreenPos(ImVec2(origin.x, row.y + lh));

    // Compile errors under their line, in Go's words.
    if (has_error) {
      for (const golite::Diagnostic* d : errors[i]) {
        ImVec2 at = ImGui::GetCursorScreenPos();
        std::string msg = d->str();
        ImGui::SetCursorScreenPos(ImVec2(text_x + 4, at.y));
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "^ %s", msg.c_str());
        ImGui::SetCursorScreenPos(ImVec2(origin.x, ImGui::GetCursorScreenPos().y));
      }
    }
    ImGui::PopID();
  }
  // Errors without a line (or beyond the listing).
  for (const auto& [line, list] : errors)
    if (line < 1 || line > static_cast<int>(lines.size()))
      for (const golite::Diagnostic* d : list) ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", d->str().c_str());
  ImGui::Dummy(ImVec2(1, lh));
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace poollab::gui
