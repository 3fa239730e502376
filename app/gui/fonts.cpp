#include "gui/fonts.hpp"

#include <algorithm>
#include <filesystem>

namespace poollab::gui {
namespace {
constexpr float kUiPixels = 15.0f;
constexpr float kMonoPixels = 15.0f;
constexpr float kHeadingPixels = 19.0f;

std::string font_path(const char* file) {
  for (const char* dir : {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/dejavu/", "/usr/local/share/fonts/"}) {
    std::string p = std::string(dir) + file;
    if (std::filesystem::exists(p)) return p;
  }
  return {};
}

// Latin, Latin-1, punctuation, arrows, box drawing and geometric shapes (used in labels).
const ImWchar* glyph_ranges() {
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF, 0x2500, 0x25FF, 0};
  return ranges;
}

ImFont* add(const char* file, float pixels, bool& found) {
  ImGuiIO& io = ImGui::GetIO();
  std::string path = font_path(file);
  if (!path.empty()) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    if (ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), pixels, &cfg, glyph_ranges())) return f;
  }
  found = false;
  ImFontConfig cfg;
  cfg.SizePixels = std::max(13.0f, pixels);
  return io.Fonts->AddFontDefault(&cfg);
}
}  // namespace

Fonts build_fonts(float scale) {
  scale = std::clamp(scale, 1.0f, 3.0f);
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts f;
  f.scale = scale;
  f.dejavu = true;
  f.ui = add("DejaVuSans.ttf", kUiPixels * scale, f.dejavu);
  f.mono = add("DejaVuSansMono.ttf", kMonoPixels * scale, f.dejavu);
  f.heading = add("DejaVuSans-Bold.ttf", kHeadingPixels * scale, f.dejavu);
  io.FontDefault = f.ui;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  return f;
}

void apply_style(const Theme& theme, float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (theme.high_contrast) ImGui::StyleColorsDark(&style);
  else ImGui::StyleColorsDark(&style);
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowPadding = ImVec2(8, 8);
  style.ItemSpacing = ImVec2(8, 5);
  style.WindowBorderSize = theme.high_contrast ? 2.0f : 1.0f;
  style.FrameBorderSize = theme.high_contrast ? 1.0f : 0.0f;
  auto col = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = col(theme.background);
  c[ImGuiCol_ChildBg] = col(theme.background);
  c[ImGuiCol_PopupBg] = col(theme.panel);
  c[ImGuiCol_Text] = col(theme.text);
  c[ImGuiCol_TextDisabled] = col(theme.text_dim);
  c[ImGuiCol_FrameBg] = col(theme.panel);
  if (theme.high_contrast) {
    c[ImGuiCol_Border] = ImVec4(1, 1, 1, 0.8f);
    c[ImGuiCol_Button] = ImVec4(0.15f, 0.15f, 0.15f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.35f, 0.35f, 0.0f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.6f, 0.6f, 0.0f, 1);
    c[ImGuiCol_Header] = ImVec4(0.25f, 0.25f, 0.0f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.4f, 0.4f, 0.0f, 1);
    c[ImGuiCol_Tab] = ImVec4(0.15f, 0.15f, 0.15f, 1);
    c[ImGuiCol_TabActive] = ImVec4(0.45f, 0.45f, 0.0f, 1);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.3f, 0.3f, 0.0f, 1);
  }
  style.ScaleAllSizes(scale);
}

}  // namespace poollab::gui
