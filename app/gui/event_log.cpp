#include "gui/event_log.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "gui/theme.hpp"
#include "gui/viz_draw.hpp"

namespace poollab::gui {

using rt::EventKind;

EventLog::EventLog(std::shared_ptr<viz::Model> model) : model_(std::move(model)) {}

bool EventLog::passes(const Filter& f, const rt::Event& e) {
  if (!f.kinds.test(static_cast<std::size_t>(e.kind))) return false;
  if (f.goroutine != 0 && e.goroutine != f.goroutine && e.peer != f.goroutine) return false;
  if (f.object != 0 && e.object != f.object) return false;
  return true;
}

void EventLog::refresh(const std::vector<rt::Event>& history) {
  if (source_ != &history || generation_ != model_->generation() || history.size() < scanned_ ||
      !(applied_ == filter_)) {
    source_ = &history;
    generation_ = model_->generation();
    applied_ = filter_;
    scanned_ = 0;
    rows_.clear();
  }
  for (; scanned_ < history.size(); ++scanned_)
    if (passes(applied_, history[scanned_])) rows_.push_back(static_cast<std::uint32_t>(scanned_));
}

void EventLog::draw(FrameContext& ctx) {
  model_->update(ctx);
  const std::vector<rt::Event>& history = ctx.history;
  const Theme& th = ctx.theme;

  // Filters.
  const float L = ImGui::GetTextLineHeight();
  int g = static_cast<int>(filter_.goroutine);
  ImGui::SetNextItemWidth(6 * L);
  if (ImGui::InputInt("goroutine", &g)) filter_.goroutine = std::max(0, g);
  ImGui::SameLine();
  if (ImGui::SmallButton("selected") && ctx.selected_goroutine != 0) filter_.goroutine = ctx.selected_goroutine;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(9 * L);
  std::string current = filter_.object == 0 ? "every channel" : model_->channel_name(filter_.object);
  if (ImGui::BeginCombo("channel", current.c_str())) {
    if (ImGui::Selectable("every channel", filter_.object == 0)) filter_.object = 0;
    for (const viz::ChannelTrack& c : model_->channels()) {
      std::string name = model_->channel_name(c.id);
      ImGui::PushID(static_cast<int>(c.id));
      if (ImGui::Selectable(name.c_str(), filter_.object == c.id)) filter_.object = c.id;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(9 * L);
  char kinds_label[32];
  std::snprintf(kinds_label, sizeof kinds_label, "%zu of %zu kinds", filter_.kinds.count(), filter_.kinds.size());
  if (ImGui::BeginCombo("kinds", kinds_label)) {
    if (ImGui::SmallButton("all")) filter_.kinds.set();
    ImGui::SameLine();
    if (ImGui::SmallButton("channels only")) {
      filter_.kinds.reset();
      for (EventKind k : {EventKind::SendWait, EventKind::SendDone, EventKind::RecvWait, EventKind::RecvDone,
                          EventKind::Close, EventKind::SelectWait, EventKind::SelectDone})
        filter_.kinds.set(static_cast<std::size_t>(k));
    }
    for (std::size_t k = 0; k < filter_.kinds.size(); ++k) {
      bool on = filter_.kinds.test(k);
      std::string name(rt::to_string(static_cast<EventKind>(k)));
      if (ImGui::Checkbox(name.c_str(), &on)) filter_.kinds.set(k, on);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("follow", &follow_);

  refresh(history);
  const std::uint64_t dropped = ctx.session ? ctx.session->dropped_events() : 0;
  ImGui::Text("%zu of %zu events", rows_.size(), history.size());
  ImGui::SameLine();
  if (dropped > 0) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.colour(StateColour::BlockedSync)),
                       "%llu dropped (observer queue full)", static_cast<unsigned long long>(dropped));
  } else {
    ImGui::TextDisabled("0 dropped");
  }

  // Rows: only the visible ones.
  rows_drawn_ = 0;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##events", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("0000000").x);
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("000.000ms").x);
  ImGui::TableSetupColumn("goroutine", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("on", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("line", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("0000").x);
  ImGui::TableHeadersRow();

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows_.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const rt::Event& e = history[rows_[static_cast<std::size_t>(r)]];
      ++rows_drawn_;
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(r);
      char seq[24];
      std::snprintf(seq, sizeof seq, "%llu", static_cast<unsigned long long>(e.seq));
      if (ImGui::Selectable(seq, e.goroutine != 0 && e.goroutine == ctx.selected_goroutine,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        if (e.goroutine != 0) ctx.selected_goroutine = e.goroutine;
        if (e.line > 0) ctx.highlighted_line = e.line;
      }
      ImGui::PopID();
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(viz::format_duration(e.time_ns).c_str());
      ImGui::TableSetColumnIndex(2);
      if (e.goroutine != 0) {
        std::string who = viz::goroutine_label(e.goroutine, model_->function_of(e.goroutine));
        if (e.peer != 0 && e.kind != EventKind::GoStart) who += " <-> G" + std::to_string(e.peer);
        ImGui::TextUnformatted(who.c_str());
      }
      ImGui::TableSetColumnIndex(3);
      std::string_view kind = rt::to_string(e.kind);
      ImGui::TextUnformatted(kind.data(), kind.data() + kind.size());
      ImGui::TableSetColumnIndex(4);
      if (e.object != 0 && e.kind != EventKind::GoStart) {
        bool channel = e.kind <= EventKind::SelectDone;
        ImGui::TextUnformatted(channel ? model_->channel_name(e.object).c_str() : ("#" + std::to_string(e.object)).c_str());
      }
      ImGui::TableSetColumnIndex(5);
      if (e.kind == EventKind::RecvDone && !e.flag) {
        ImGui::TextDisabled("closed (ok=false)");
      } else {
        ImGui::TextUnformatted(e.value.c_str());
      }
      ImGui::TableSetColumnIndex(6);
      if (e.line > 0) ImGui::Text("%d", e.line);
    }
  }
  if (follow_) {  // scrolling up by wheel means the reader wants to look back
    if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel > 0) {
      follow_ = false;
    } else {
      ImGui::SetScrollY(ImGui::GetScrollMaxY());
    }
  }
  ImGui::EndTable();
}

}  // namespace poollab::gui
