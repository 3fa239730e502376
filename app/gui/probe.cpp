#include "gui/probe.hpp"

#include <unordered_map>

namespace poollab::gui::probe {
namespace {
struct Item {
  ImVec4 rect;
  std::string text;
};
// UI thread only, like ImGui itself.
std::unordered_map<std::string, Item>& building() {
  static std::unordered_map<std::string, Item> m;
  return m;
}
std::unordered_map<std::string, Item>& last() {
  static std::unordered_map<std::string, Item> m;
  return m;
}
const Item* find(const std::string& name) {
  // Only the last completed frame counts: a widget it did not draw is gone.
  if (auto it = last().find(name); it != last().end()) return &it->second;
  return nullptr;
}
}  // namespace

void record(const std::string& name, std::string text) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  building()[name] = Item{ImVec4(a.x, a.y, b.x, b.y), std::move(text)};
}

void record_rect(const std::string& name, ImVec2 min, ImVec2 max, std::string text) {
  building()[name] = Item{ImVec4(min.x, min.y, max.x, max.y), std::move(text)};
}

std::optional<ImVec4> rect(const std::string& name) {
  if (const Item* i = find(name)) return i->rect;
  return std::nullopt;
}

std::optional<std::string> text(const std::string& name) {
  if (const Item* i = find(name)) return i->text;
  return std::nullopt;
}

std::optional<ImVec2> centre(const std::string& name) {
  auto r = rect(name);
  if (!r) return std::nullopt;
  return ImVec2((r->x + r->z) * 0.5f, (r->y + r->w) * 0.5f);
}

void new_frame() { building().clear(); }

void end_frame() {
  last() = std::move(building());
  building().clear();
}

}  // namespace poollab::gui::probe
