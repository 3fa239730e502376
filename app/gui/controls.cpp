#include "gui/controls.hpp"

#include <algorithm>
#include <cinttypes>
#include <string>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"

namespace poollab::gui {
namespace {
void tooltip(const char* text) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

bool button(const char* label, const char* probe_name, const char* tip, bool enabled = true) {
  if (!enabled) ImGui::BeginDisabled();
  bool pressed = ImGui::Button(label);
  probe::record(probe_name);
  if (!enabled) ImGui::EndDisabled();
  if (tip) tooltip(tip);
  return pressed && enabled;
}
}  // namespace

void Controls::draw_toolbar(App& app, FrameContext& ctx) {
  lessons::Session* s = app.session();
  bool finished = ctx.snapshot.outcome.has_value();
  bool runnable = s && s->compiled() && !finished;

  const bool free = app.free_threads();
  if (free) {  // real threads cannot be paused mid-flight: Run starts, Reset stops
    if (button(app.running() ? "Running" : "Run", "controls/run", "Run the program on free threads, flat out (Space)",
               runnable && !app.running()))
      app.set_running(true);
  } else if (button(app.running() ? "Pause" : "Run", "controls/run", "Run or pause the program (Space)", runnable)) {
    app.set_running(!app.running());
  }
  ImGui::SameLine();
  if (button("Step", "controls/step",
             free ? "Stepping needs the stepped schedule (see the schedule menu)"
                  : "Let one goroutine take its next step (Right or N)",
             runnable && !app.running() && !free))
    app.step();
  ImGui::SameLine();
  if (button("Step back", "controls/step_back", "Replay the run to one step earlier (Left)", s && s->can_step_back()))
    app.step_back();
  ImGui::SameLine();
  const char* reset_label = app.pending_changes() ? "Reset *" : "Reset";
  if (button(reset_label, "controls/reset", "Start over with the current listing and settings (R)")) app.reset();

  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  GuiSettings& st = app.settings();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.5f);
  int clock = st.virtual_clock ? 0 : 1;
  if (ImGui::Combo("##clock", &clock, "virtual clock\0real clock\0")) st.virtual_clock = clock == 0;
  probe::record("controls/clock");
  tooltip("Virtual: sleeps take no wall time and durations are exact. Real: sleeps really sleep. Applies on reset.");
  if (!st.virtual_clock) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    ImGui::SliderFloat("##speed", &st.speed, 0.1f, 10.0f, "speed %.1fx", ImGuiSliderFlags_Logarithmic);
    tooltip("Real clock speed factor. Applies on reset.");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.5f);
  int seed = static_cast<int>(std::min<std::uint64_t>(st.seed, 1u << 30));
  if (ImGui::InputInt("seed", &seed)) st.seed = static_cast<std::uint64_t>(std::max(0, seed));
  tooltip("Seed of every random choice (which goroutine moves, select). Same seed, same run. Applies on reset.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  int granularity = st.free_threads ? 2 : st.step_lines ? 1 : 0;
  if (ImGui::Combo("##granularity", &granularity, "step per operation\0step per line\0free threads, no stepping\0")) {
    st.step_lines = granularity == 1;
    st.free_threads = granularity == 2;
  }
  probe::record("controls/schedule");
  tooltip("What one Step does: the next channel or sync operation, or the next source line. Or no stepping: "
          "every goroutine on its own thread, flat out, really in parallel. Applies on reset.");

  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  if (button("A-", "controls/font_smaller", "Smaller text (Ctrl+-)")) app.set_font_scale(st.font_scale - 0.25f);
  ImGui::SameLine();
  if (button("A+", "controls/font_larger", "Larger text (Ctrl+=)")) app.set_font_scale(st.font_scale + 0.25f);
  ImGui::SameLine();
  bool hc = st.high_contrast;
  if (ImGui::Checkbox("contrast", &hc)) app.set_high_contrast(hc);
  tooltip("High-contrast theme for projectors");
  ImGui::SameLine();
  ImGui::Checkbox("instructor", &st.instructor);
  probe::record("controls/instructor");
  tooltip("Instructor mode: quiz answers stay hidden until revealed; freeze and ask the room");
  ImGui::SameLine();
  if (button("?", "controls/help", "Keyboard shortcuts (F1)")) app.show_shortcuts = !app.show_shortcuts;
}

void Controls::draw_parameters(App& app, FrameContext&) {
  LessonView& v = app.view();
  if (v.params.empty() && v.toggles.empty() && v.variants.empty()) return;
  float slider = ImGui::GetFontSize() * 7.0f;
  // Items flow left to right and wrap onto another line rather than run off the window.
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float inner = ImGui::GetStyle().ItemInnerSpacing.x;
  auto label_w = [](const std::string& label) { return ImGui::CalcTextSize(label.c_str(), nullptr, true).x; };
  bool first = true;
  auto next = [&](float width) {
    const float gap = ImGui::GetFontSize();
    if (!first && ImGui::GetItemRectMax().x + gap + width <= right_edge) ImGui::SameLine(0, gap);
    first = false;
  };
  for (auto& p : v.params) {
    next(slider + inner + label_w(p.label));
    ImGui::SetNextItemWidth(slider);
    int value = p.value;
    std::string id = p.label + "##param-" + p.name;
    if (ImGui::SliderInt(id.c_str(), &value, p.min, p.max)) app.set_param(p.name, value);
    probe::record("param/" + p.name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("const %s (line %d). Applies on reset.", p.name.c_str(), p.line);
  }
  for (auto& t : v.toggles) {
    next(ImGui::GetFrameHeight() + inner + label_w(t.label));
    bool on = t.on;
    std::string id = t.label + "##toggle-" + t.name;
    if (ImGui::Checkbox(id.c_str(), &on)) app.set_toggle(t.name, on);
    probe::record("toggle/" + t.name);
    if (!t.help.empty()) tooltip(t.help.c_str());
  }
  for (auto& var : v.variants) {
    const auto& names = var.labels.size() == var.options.size() ? var.labels : var.options;
    // Wide enough for the longest option, so the chosen one reads whole.
    float widest = 0;
    for (const auto& n : names) widest = std::max(widest, label_w(n));
    const float combo = std::max(slider, widest + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
    next(combo + inner + label_w(var.label));
    ImGui::SetNextItemWidth(combo);
    std::string id = var.label + "##variant-" + var.name;
    int sel = var.selected;
    if (ImGui::BeginCombo(id.c_str(), sel >= 0 && sel < static_cast<int>(names.size()) ? names[sel].c_str() : "?")) {
      for (int i = 0; i < static_cast<int>(names.size()); ++i)
        if (ImGui::Selectable(names[i].c_str(), i == sel)) app.set_variant(var.name, i);
      ImGui::EndCombo();
    }
    probe::record("variant/" + var.name);
  }
  if (app.pending_changes()) {
    next(label_w("changed: press Reset to run it"));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(app.theme().accent), "changed: press Reset to run it");
  }
}

void Controls::draw_status(App& app, FrameContext& ctx) {
  const rt::Snapshot& snap = ctx.snapshot;
  lessons::Session* s = app.session();
  std::size_t live = 0;
  for (const auto& g : snap.goroutines)
    if (g.state != rt::GState::Done) ++live;
  ImGui::TextDisabled("step %" PRIu64 "   t = %.3f s%s   goroutines %zu   events %zu", s ? s->steps() : 0,
                      static_cast<double>(snap.now) / 1e9, app.settings().virtual_clock ? " (virtual)" : "",
                      live, ctx.history.size());
  std::uint64_t dropped = s ? s->dropped_events() : 0;
  ImGui::SameLine();
  if (dropped > 0)
    ImGui::TextColored(ImVec4(1, 0.6f, 0.2f, 1), "   dropped %" PRIu64 " events (%s)", dropped,
                       s && s->history_full() ? "history full: the panels show the first ones" : "observer queue full");
  else
    ImGui::TextDisabled("   dropped 0");
  ImGui::SameLine();
  ImGui::TextDisabled("   %.0f fps", app.fps());
}

}  // namespace poollab::gui
