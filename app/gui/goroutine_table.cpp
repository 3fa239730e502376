#include "gui/goroutine_table.hpp"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "gui/probe.hpp"
#include "gui/theme.hpp"
#include "gui/viz_draw.hpp"

namespace poollab::gui {

GoroutineTable::GoroutineTable(std::shared_ptr<viz::Model> model) : model_(std::move(model)) {}

namespace {

void state_cell(const Theme& theme, StateColour s) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.15f), ImVec2(p.x + h * 0.7f, p.y + h * 0.85f),
                                            theme.colour(s), 2.0f);
  ImGui::Dummy(ImVec2(h * 0.7f, h));
  ImGui::SameLine();
  ImGui::TextUnformatted(viz::state_label(s));
}

}  // namespace

void GoroutineTable::draw(FrameContext& ctx) {
  model_->update(ctx);
  const auto& gs = ctx.snapshot.goroutines;
  ImGui::Text("%zu live goroutines", gs.size());
  ImGui::SameLine();
  ImGui::Checkbox("show finished", &show_finished_);
  finished_.clear();
  if (show_finished_ || gs.empty()) {  // after the end, the finished ones are all there is
    for (const viz::Lane& l : model_->lanes())
      if (l.ended != viz::kOpen) finished_.push_back(&l);
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##goroutines", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("id", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("G0000").x);
  ImGui::TableSetupColumn("function", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("wait reason", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("line", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00000").x);
  ImGui::TableSetupColumn("parked for", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(" step ").x + 8);
  ImGui::TableHeadersRow();

  const rt::Nanos now = std::max(ctx.snapshot.now, model_->last_time());
  const int rows = static_cast<int>(gs.size() + finished_.size());
  ImGuiListClipper clipper;
  clipper.Begin(rows);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      ImGui::TableNextRow();
      ImGui::PushID(row);
      if (static_cast<std::size_t>(row) < gs.size()) {
        const rt::GoroutineInfo& g = gs[row];
        const StateColour s = viz::state_of(g);
        ImGui::TableSetColumnIndex(0);
        char id[24];
        std::snprintf(id, sizeof id, "G%lld", static_cast<long long>(g.id));
        if (ImGui::Selectable(id, ctx.selected_goroutine == g.id, ImGuiSelectableFlags_SpanAllColumns |
                                                                      ImGuiSelectableFlags_AllowItemOverlap)) {
          ctx.selected_goroutine = g.id;
        }
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(viz::short_function(g.function).c_str());
        ImGui::TableSetColumnIndex(2);
        state_cell(ctx.theme, s);
        probe::record("goroutines/state/" + std::to_string(g.id), viz::state_label(s));
        ImGui::TableSetColumnIndex(3);
        if (g.state == rt::GState::Runnable && !g.gate_op.empty()) {
          ImGui::TextDisabled("next: %s", g.gate_op.c_str());
        } else {
          ImGui::TextUnformatted(g.wait_reason.c_str());
        }
        probe::record("goroutines/reason/" + std::to_string(g.id), g.wait_reason);
        ImGui::TableSetColumnIndex(4);
        if (g.line > 0) ImGui::Text("%d", g.line);
        ImGui::TableSetColumnIndex(5);
        if (g.state == rt::GState::Blocked || g.state == rt::GState::Sleeping)
          ImGui::TextUnformatted(viz::format_duration(now - g.parked_since).c_str());
        ImGui::TableSetColumnIndex(6);
        bool at_gate = std::find(ctx.snapshot.at_gate.begin(), ctx.snapshot.at_gate.end(), g.id) !=
                       ctx.snapshot.at_gate.end();
        if (at_gate && ImGui::SmallButton("step")) {
          ctx.selected_goroutine = g.id;
          ctx.step_request = g.id;
        }
      } else {
        const viz::Lane& l = *finished_[row - gs.size()];
        ImGui::TableSetColumnIndex(0);
        char id[24];
        std::snprintf(id, sizeof id, "G%lld", static_cast<long long>(l.id));
        if (ImGui::Selectable(id, ctx.selected_goroutine == l.id, ImGuiSelectableFlags_SpanAllColumns))
          ctx.selected_goroutine = l.id;
        ImGui::TableSetColumnIndex(1);
        ImGui::TextDisabled("%s", viz::short_function(l.function).c_str());
        ImGui::TableSetColumnIndex(2);
        state_cell(ctx.theme, StateColour::Done);
        probe::record("goroutines/state/" + std::to_string(l.id), viz::state_label(StateColour::Done));
        ImGui::TableSetColumnIndex(4);
        if (l.line > 0) ImGui::TextDisabled("%d", l.line);
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace poollab::gui
