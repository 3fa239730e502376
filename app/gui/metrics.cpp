#include "gui/metrics.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdio>

#include <imgui.h>

#include "gui/theme.hpp"
#include "gui/viz_draw.hpp"

namespace poollab::gui {

MetricsPanel::MetricsPanel(std::shared_ptr<viz::Model> model) : model_(std::move(model)) {}

void MetricsPanel::draw(FrameContext& ctx) {
  model_->update(ctx);
  const viz::PoolLayout& layout = layouts_.get(ctx, *model_);
  const rt::Nanos now = std::max(ctx.snapshot.now, model_->last_time());
  metrics_ = viz::compute_metrics(*model_, layout, now);
  const viz::Metrics& m = metrics_;
  const Theme& th = ctx.theme;
  const ImVec4 accent = ImGui::ColorConvertU32ToFloat4(th.accent);

  ImGui::Text("program time %s", viz::format_duration(now).c_str());
  if (m.completed_what[0] != '\0') {
    ImGui::Text("throughput");
    ImGui::SameLine();
    ImGui::TextColored(accent, "%.2f /s", m.throughput);
    ImGui::SameLine();
    ImGui::TextDisabled("(%llu %s)", static_cast<unsigned long long>(m.completed), m.completed_what);
  } else {
    ImGui::TextDisabled("throughput: no jobs or results channel found yet");
  }

  // Queue depth over time.
  if (m.queue != 0) {
    const viz::ChannelTrack* q = model_->channel(m.queue);
    if (now > 0) {
      viz::sample_depth(*q, 0, now, kDepthSamples, depth_);
    } else {  // virtual clock still at zero: one point per change instead
      const auto& d = q->depth;
      std::size_t from = d.size() > kDepthSamples ? d.size() - kDepthSamples : 0;
      depth_.clear();
      for (std::size_t i = from; i < d.size(); ++i) depth_.push_back(static_cast<float>(d[i].second));
    }
    float top = static_cast<float>(std::max<std::int64_t>(q->cap_seen, 1));
    char overlay[96];
    std::string name = model_->channel_name(m.queue);
    std::snprintf(overlay, sizeof overlay, "%s: %lld buffered now", name.c_str(), static_cast<long long>(m.queue_now));
    ImGui::TextUnformatted(now > 0 ? "queue depth over program time" : "queue depth, change by change");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::PlotLines("##depth", depth_.data(), static_cast<int>(depth_.size()), 0, overlay, 0.0f, top * 1.15f,
                     ImVec2(0, 4.0f * ImGui::GetTextLineHeight()));

    // Little's law, computed beside the measurement.
    if (ImGui::BeginTable("##little", 2, ImGuiTableFlags_SizingStretchProp)) {
      auto row = [](const char* label, const char* value) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(label);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(value);
      };
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.3g items/s", m.arrival_rate);
      row("lambda: arrival rate into the queue", buf);
      row("W: mean time an item waits in it", viz::format_duration(static_cast<rt::Nanos>(m.mean_wait * 1e9)).c_str());
      std::snprintf(buf, sizeof buf, "%.3f", m.littles_L);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted("L = lambda x W");
      ImGui::TableSetColumnIndex(1);
      ImGui::TextColored(accent, "%s", buf);
      std::snprintf(buf, sizeof buf, "%.3f", m.measured_L);
      row("measured average queue length", buf);
      ImGui::EndTable();
    }
    if (m.littles_L > 0 || m.measured_L > 0)
      ImGui::TextDisabled("Little's law: the two agree once the run has settled.");
  } else {
    ImGui::TextDisabled("queue depth: no buffered jobs channel found yet");
  }

  // Utilisation per worker.
  ImGui::Separator();
  if (m.workers.empty()) {
    ImGui::TextDisabled("utilisation: no workers found yet");
    return;
  }
  ImGui::Text("worker utilisation (busy / alive): mean %.0f%%", m.mean_utilisation * 100.0);
  ImGui::BeginChild("##util", ImVec2(0, 0));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m.workers.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const viz::WorkerUse& w = m.workers[static_cast<std::size_t>(i)];
      char label[96];
      std::snprintf(label, sizeof label, "%s  %.0f%%  %llu jobs", viz::goroutine_label(w.id, w.function).c_str(),
                    w.utilisation * 100.0, static_cast<unsigned long long>(w.jobs));
      const bool selected = ctx.selected_goroutine == w.id;
      ImU32 bar = selected ? th.accent : viz::mix(th.panel, th.colour(StateColour::Running), 0.75f);
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::ColorConvertU32ToFloat4(bar));
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(selected ? viz::text_on(bar) : th.text));
      ImGui::ProgressBar(static_cast<float>(w.utilisation), ImVec2(-1, 0), label);
      ImGui::PopStyleColor(2);
      if (ImGui::IsItemClicked()) ctx.selected_goroutine = w.id;
    }
  }
  ImGui::EndChild();
}

}  // namespace poollab::gui
