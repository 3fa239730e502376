// Fonts re-rasterised at the presentation scale so text stays sharp on a
// projector: DejaVu Sans for the interface, DejaVu Sans Mono for listings.
// Falls back to ImGui's built-in font when the DejaVu files are missing.
//
//   Fonts fonts = build_fonts(2.0f);    // then re-upload the atlas texture
//   ImGui::PushFont(fonts.mono);
#pragma once

#include <string>

#include <imgui.h>

#include "gui/theme.hpp"

namespace poollab::gui {

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
  ImFont* heading = nullptr;
  float scale = 1.0f;
  bool dejavu = false;  // false: the DejaVu files were not found
};

// Clear io.Fonts and add the three fonts at `scale` (1..3). Builds the atlas
// (GetTexDataAsRGBA32); the caller re-creates the GPU texture if it has one.
Fonts build_fonts(float scale);

// ImGui's style from the theme, with every size scaled by `scale`.
void apply_style(const Theme& theme, float scale);

}  // namespace poollab::gui
