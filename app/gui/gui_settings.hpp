// The window's own settings (font size, theme, clock, seed, layout), saved as
// `key = value` lines in $XDG_CONFIG_HOME/poollab/gui.conf next to ImGui's
// imgui.ini. Unknown keys and bad values are reported and skipped.
//
//   std::vector<std::string> problems;
//   GuiSettings s = GuiSettings::load(GuiSettings::config_dir(), problems);
//   s.font_scale = 2.0f;
//   s.save(GuiSettings::config_dir());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace poollab::gui {

struct GuiSettings {
  float font_scale = 1.0f;      // 1x..3x, fonts re-rasterised at this size
  bool high_contrast = false;
  bool fullscreen = false;
  bool virtual_clock = true;
  float speed = 1.0f;           // real clock speed factor
  std::uint64_t seed = 1;
  bool step_lines = false;      // a step is one source line (else one operation)
  bool free_threads = false;    // run on free threads: real parallelism, flat out, no stepping
  bool instructor = false;      // quiz answers hidden until revealed
  std::string last_lesson;
  float left_width = 0.22f;     // layout fractions of the window
  float code_width = 0.40f;
  float bottom_height = 0.34f;

  // $XDG_CONFIG_HOME/poollab, else $HOME/.config/poollab; "" if neither is set.
  static std::string config_dir();
  // Missing file = defaults. Problems name file, line and key.
  static GuiSettings load(const std::string& dir, std::vector<std::string>& problems);
  // Atomic (temporary file + rename); creates `dir`. False + message on failure.
  bool save(const std::string& dir, std::string* error = nullptr) const;
};

}  // namespace poollab::gui
