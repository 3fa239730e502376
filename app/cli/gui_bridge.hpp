// The CLI's door to the window: `poollab`, `poollab gui <lesson>` and `poollab screenshot`.
#pragma once

#include <filesystem>
#include <string>

#include "cli/cli.hpp"

namespace poollab::cli {

struct ScreenshotArgs {
  int steps = -1;  // gate releases before the picture; -1 = run to the outcome
  int width = 1600, height = 1000;
  float font_scale = 1.0f;
  bool high_contrast = false;
  bool frame_stats = false;
  std::string output;
};

// `lesson` is null for the first (or last used) lesson.
int open_window(const std::filesystem::path& assets, const RunArgs& args, const Prepared* lesson, const std::string& help);
int open_screenshot(const std::filesystem::path& assets, const RunArgs& args, const Prepared& lesson,
                    const ScreenshotArgs& shot, const std::string& help);

}  // namespace poollab::cli
