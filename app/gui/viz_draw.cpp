#include "gui/viz_draw.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/lesson_view.hpp"

namespace poollab::gui::viz {

ImU32 with_alpha(ImU32 colour, float alpha) {
  auto a = static_cast<ImU32>(std::lround(std::clamp(alpha, 0.0f, 1.0f) * 255.0f));
  return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
  ImVec4 x = ImGui::ColorConvertU32ToFloat4(a);
  ImVec4 y = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

ImU32 text_on(ImU32 background) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(background);
  float luminance = 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z;
  return luminance > 0.55f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

std::string format_duration(rt::Nanos ns) {
  char buf[32];
  double v = static_cast<double>(ns);
  double a = std::fabs(v);
  if (a < 1e3) {
    std::snprintf(buf, sizeof buf, "%lldns", static_cast<long long>(ns));
  } else if (a < 1e6) {
    std::snprintf(buf, sizeof buf, "%.3gµs", v / 1e3);
  } else if (a < 1e9) {
    std::snprintf(buf, sizeof buf, "%.3gms", v / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.3gs", v / 1e9);
  }
  return buf;
}

std::string short_function(std::string_view f) {
  if (f.starts_with("main.")) f.remove_prefix(5);
  return std::string(f);
}

std::string goroutine_label(rt::GoId id, std::string_view function) {
  std::string s = "G" + std::to_string(id);
  if (!function.empty()) s += " " + short_function(function);
  return s;
}

void text_clipped(ImDrawList* dl, ImVec2 pos, ImU32 colour, std::string_view text, float max_x) {
  if (text.empty() || pos.x >= max_x) return;
  const char* b = text.data();
  const char* e = b + text.size();
  float w = ImGui::CalcTextSize(b, e).x;
  if (pos.x + w <= max_x) {
    dl->AddText(pos, colour, b, e);
    return;
  }
  const char* ellipsis = "...";  // in every font's Latin range, unlike U+2026
  float ew = ImGui::CalcTextSize(ellipsis).x;
  // Shrink until it fits; texts here are short, so a linear walk is fine.
  while (e > b && pos.x + ImGui::CalcTextSize(b, e).x + ew > max_x) --e;
  while (e > b && (static_cast<unsigned char>(*e) & 0xC0) == 0x80) --e;  // never split a UTF-8 sequence
  dl->AddText(pos, colour, b, e);
  dl->AddText(ImVec2(pos.x + ImGui::CalcTextSize(b, e).x, pos.y), colour, ellipsis);
}

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 colour, float thickness, float head) {
  float dx = to.x - from.x, dy = to.y - from.y;
  float len = std::sqrt(dx * dx + dy * dy);
  if (len < 1e-3f) return;
  dx /= len;
  dy /= len;
  ImVec2 base(to.x - dx * head, to.y - dy * head);
  dl->AddLine(from, base, colour, thickness);
  dl->AddTriangleFilled(to, ImVec2(base.x - dy * head * 0.5f, base.y + dx * head * 0.5f),
                        ImVec2(base.x + dy * head * 0.5f, base.y - dx * head * 0.5f), colour);
}

void state_legend(const Theme& theme, float right_edge) {
  const float box = ImGui::GetTextLineHeight() * 0.8f;
  // The visible width (not the content region, which grows with last frame's content
  // and would let a row that once overflowed keep overflowing).
  const float avail_right = right_edge > 0 ? right_edge : ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (std::size_t i = 0; i < Theme::kStates; ++i) {
    auto s = static_cast<StateColour>(i);
    const char* label = state_label(s);
    float w = box + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
    // Decided before SameLine: a NewLine after it would count the spot SameLine moved to
    // as content, and the panel would scroll sideways by the gap.
    if (i > 0 && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w <= avail_right) ImGui::SameLine();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float pad = (ImGui::GetTextLineHeight() - box) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + pad), ImVec2(p.x + box, p.y + pad + box),
                                              theme.colour(s), 2.0f);
    ImGui::Dummy(ImVec2(box, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(label);
  }
}

const LessonView::Roles& roles_of(const FrameContext& ctx) {
  static const LessonView::Roles none;
  return ctx.lesson ? ctx.lesson->roles : none;
}

}  // namespace poollab::gui::viz
