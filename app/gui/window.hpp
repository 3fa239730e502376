// The real window (GLFW + OpenGL 3) around the App, and the screenshot tool
// that opens the same window, advances the program and saves what it shows.
//
//   return gui::run_window({.lesson = "close-jobs"});
//   return gui::run_screenshot({.lesson = "close-jobs", .toggles = {"close-jobs=off"}, .output = "x.png"});
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace poollab::gui {

struct WindowOptions {
  std::string lesson;                                // "" = the last one used, else the first
  std::vector<std::string> sets, toggles, variants;  // "name=value" for that lesson
  std::string lessons_dir;                           // "" = find the installed or source assets
  int width = 1600, height = 1000;
  std::optional<bool> free_threads;                  // --schedule free|serial; unset = the saved setting
};

// Open the window and run until it is closed. Returns the process exit status.
int run_window(const WindowOptions& options);

struct ScreenshotOptions {
  std::string lesson;
  std::string program_source, program_name;  // a .go file instead of a lesson (program_source not empty)
  std::vector<std::string> sets, toggles, variants;
  int steps = -1;             // gate releases before the shot; -1 = run to the outcome
  int width = 1600, height = 1000;
  float font_scale = 1.0f;
  bool high_contrast = false;
  std::string output;         // FILE.png
  std::string lessons_dir;    // "" = find the installed or source assets
  bool free_threads = false;  // --schedule free: flat out on real threads (--steps must be all)
  bool frame_stats = false;   // print the frame rate while the program ran (stderr)
};

// Open the window, advance, render, write the PNG. 0 on success; otherwise a
// message on stderr and 1 (no display, unknown lesson, unwritable file).
int run_screenshot(const ScreenshotOptions& options);

// Where the lessons are: $POOLLAB_ASSETS/lessons, next to the installed binary
// (../share/poollab/lessons), the install prefix, then the source tree.
std::string find_lessons_dir();

}  // namespace poollab::gui
