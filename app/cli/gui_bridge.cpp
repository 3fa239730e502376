// The GUI subcommands hand their validated command line to the window.
#include "cli/gui_bridge.hpp"

#include "gui/window.hpp"

namespace poollab::cli {

int open_window(const std::filesystem::path& assets, const RunArgs& args, const Prepared* lesson, const std::string&) {
  gui::WindowOptions o;
  if (lesson) o.lesson = lesson->label;
  o.sets = args.sets;
  o.toggles = args.toggles;
  o.variants = args.variants;
  o.lessons_dir = (assets / "lessons").string();
  if (args.schedule_given) o.free_threads = args.schedule == "free";
  return gui::run_window(o);
}

int open_screenshot(const std::filesystem::path& assets, const RunArgs& args, const Prepared& lesson,
                    const ScreenshotArgs& shot, const std::string&) {
  gui::ScreenshotOptions o;
  o.lesson = lesson.label;
  if (!lesson.lesson) {  // a .go file: its listing, settings already applied
    o.program_source = lesson.source;
    o.program_name = std::filesystem::path(lesson.filename).filename().string();
  }
  o.sets = args.sets;
  o.toggles = args.toggles;
  o.variants = args.variants;
  o.steps = shot.steps;
  o.width = shot.width;
  o.height = shot.height;
  o.font_scale = shot.font_scale;
  o.high_contrast = shot.high_contrast;
  o.frame_stats = shot.frame_stats;
  o.output = shot.output;
  o.lessons_dir = (assets / "lessons").string();
  o.free_threads = args.schedule_given && args.schedule == "free";
  return gui::run_screenshot(o);
}

}  // namespace poollab::cli
