// Command-line parsing (CLI11) and dispatch to the subcommands.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <regex>

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"
#include "cli/gui_bridge.hpp"

namespace poollab::cli {

namespace fs = std::filesystem;

fs::path find_assets_dir(const char* argv0) {
  if (const char* env = std::getenv("POOLLAB_ASSETS"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0) exe = fs::absolute(argv0, ec);
  if (!exe.empty()) {
    fs::path bin = exe.parent_path();
    for (const fs::path& candidate : {bin / "assets", bin / ".." / "share" / "poollab"})
      if (fs::is_directory(candidate / "lessons", ec)) return fs::weakly_canonical(candidate, ec);
  }
  // The configured install prefix, then the source tree (running from a build dir).
  if (fs::is_directory(fs::path(POOLLAB_INSTALLED_ASSETS) / "lessons", ec)) return POOLLAB_INSTALLED_ASSETS;
  return POOLLAB_DEFAULT_ASSETS;
}

namespace {

void add_run_options(CLI::App* cmd, RunArgs& a, bool target_required) {
  auto* t = cmd->add_option("lesson", a.target, "lesson id (see `poollab list`) or a .go file");
  if (target_required) t->required();
  auto multi = [](CLI::Option* o) { return o->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll); };
  multi(cmd->add_option("--set", a.sets, "set a parameter, e.g. --set numWorkers=5")->type_name("NAME=VALUE"));
  multi(cmd->add_option("--toggle", a.toggles, "switch a marked line, e.g. --toggle close-jobs=off")->type_name("NAME=on|off"));
  multi(cmd->add_option("--variant", a.variants, "pick a variant, e.g. --variant results=buffered")->type_name("NAME=OPTION"));
  cmd->add_option("--clock", a.clock, "virtual (default) or real")->check(CLI::IsMember({"virtual", "real"}));
  cmd->add_option("--speed", a.speed, "real clock speed factor")->check(CLI::PositiveNumber);
  cmd->add_option("--seed", a.seed, "seed for select, scheduling and math/rand");
  cmd->add_option("--schedule", a.schedule,
                  "free (real threads; the default for run and trace) or serial (seeded one at a time); "
                  "in the window, free runs flat out with no stepping")
      ->check(CLI::IsMember({"free", "serial"}))
      ->each([&a](const std::string&) { a.schedule_given = true; });
  cmd->add_option("--timeout", a.timeout_seconds, "give up after this many wall-clock seconds (0 = never)")
      ->check(CLI::NonNegativeNumber);
}

lessons::Catalogue load(const fs::path& assets, bool compile) {
  lessons::LoadOptions opt;
  opt.compile = compile;
  return lessons::load_catalogue(assets / "lessons", opt);
}

constexpr int kMinShotWidth = 320, kMinShotHeight = 240, kMaxShotSide = 8192;

// "1280x800" -> width and height; the error names the value and what is valid.
std::string parse_size(const std::string& text, int& width, int& height) {
  static const std::regex shape(R"((\d{1,5})[xX](\d{1,5}))");
  std::smatch m;
  if (!std::regex_match(text, m, shape))
    return "'" + text + "' is not a size WIDTHxHEIGHT in pixels, e.g. 1280x800";
  int w = std::stoi(m[1].str()), h = std::stoi(m[2].str());
  if (w < kMinShotWidth || h < kMinShotHeight || w > kMaxShotSide || h > kMaxShotSide)
    return "'" + text + "' is out of range: width " + std::to_string(kMinShotWidth) + ".." +
           std::to_string(kMaxShotSide) + ", height " + std::to_string(kMinShotHeight) + ".." +
           std::to_string(kMaxShotSide);
  width = w;
  height = h;
  return {};
}

// "all" -> -1 (run to the outcome); "12" -> 12.
std::string parse_steps(const std::string& text, int& steps) {
  if (text == "all") {
    steps = -1;
    return {};
  }
  static const std::regex count(R"(\d{1,9})");
  if (!std::regex_match(text, count)) return "'" + text + "' is not a number of steps or `all`";
  steps = std::stoi(text);
  return {};
}

int usage_error(const std::string& message, const std::string& help) {
  std::cerr << "poollab: " << message << "\n";
  if (!help.empty()) std::cerr << "\n" << help;
  std::cerr << "Run `poollab --help` for usage.\n";
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"PoolLab: a teaching sandbox for Go worker pools.\nWith no subcommand, opens the window on the first lesson.",
               "poollab"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("poollab ") + POOLLAB_VERSION);

  RunArgs gui_args, run_args, trace_args, shot_args;
  std::string trace_out, quiz_lesson;
  bool json = false, reset_progress = false;
  ScreenshotArgs shot_opts;

  auto* gui = app.add_subcommand("gui", "open the window on a lesson");
  add_run_options(gui, gui_args, false);
  auto* list = app.add_subcommand("list", "list the lessons (broken ones are marked with their error)");
  auto* run = app.add_subcommand("run", "run a lesson or a .go file headless; exit status as `go run`");
  add_run_options(run, run_args, true);
  run->add_flag("--json", json, "print one JSON object describing the run");
  auto* trace = app.add_subcommand("trace", "run and write a Chrome Trace Event file (open it in Perfetto)");
  add_run_options(trace, trace_args, true);
  trace->add_option("-o,--output", trace_out, "the trace file to write")->required();
  auto* shot = app.add_subcommand("screenshot", "open the window, advance, save what it shows as PNG");
  add_run_options(shot, shot_args, true);
  std::string shot_steps, shot_size;
  shot->add_option("--steps", shot_steps, "operations to step before the picture, or `all` (default): run to the outcome")
      ->type_name("K|all")
      ->check(CLI::Validator(
          [](std::string& v) {
            int k = 0;
            return parse_steps(v, k);
          },
          "", "STEPS"));
  auto* size = shot->add_option("--size", shot_size, "window size in pixels, e.g. --size 1280x800 (default 1600x1000)")
                   ->type_name("WxH")
                   ->check(CLI::Validator(
                       [](std::string& v) {
                         int w = 0, h = 0;
                         return parse_size(v, w, h);
                       },
                       "", "SIZE"));
  shot->add_option("--width", shot_opts.width, "window width in pixels (or use --size)")
      ->check(CLI::Range(kMinShotWidth, kMaxShotSide))
      ->excludes(size);
  shot->add_option("--height", shot_opts.height, "window height in pixels (or use --size)")
      ->check(CLI::Range(kMinShotHeight, kMaxShotSide))
      ->excludes(size);
  shot->add_option("--font-scale", shot_opts.font_scale, "presentation font scale")->check(CLI::Range(0.5, 4.0));
  shot->add_flag("--high-contrast", shot_opts.high_contrast, "the high-contrast theme");
  shot->add_flag("--frame-stats", shot_opts.frame_stats, "print the window's frame rate while the program ran");
  shot->add_option("-o,--output", shot_opts.output, "the PNG file to write")->required();
  auto* quiz = app.add_subcommand("quiz", "the self-check quiz in the terminal (answers may be piped on stdin)");
  quiz->add_option("lesson", quiz_lesson, "only this lesson's questions");
  quiz->add_flag("--reset-progress", reset_progress, "start over for the next student (the old progress is kept as a backup)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string help;
    for (auto* sub : app.get_subcommands()) help = sub->help();
    return usage_error(e.what(), help);
  }

  fs::path assets = find_assets_dir(argc > 0 ? argv[0] : nullptr);
  try {
    if (list->parsed()) return cmd_list(load(assets, true));
    if (run->parsed()) return cmd_run(run_args, load(assets, false), json);
    if (trace->parsed()) return cmd_trace(trace_args, load(assets, false), trace_out);
    if (quiz->parsed()) return cmd_quiz(load(assets, false), quiz_lesson, reset_progress);
    if (shot->parsed()) {
      if (!shot_steps.empty()) parse_steps(shot_steps, shot_opts.steps);
      if (!shot_size.empty()) parse_size(shot_size, shot_opts.width, shot_opts.height);
      if (shot_args.schedule_given && shot_args.schedule == "free" && shot_opts.steps >= 0)
        throw UsageError("--steps " + std::to_string(shot_opts.steps) +
                         " needs --schedule serial: free threads run flat out and cannot be stepped");
      auto catalogue = load(assets, false);
      Prepared p = prepare(shot_args, catalogue);  // validates the command line first
      return open_screenshot(assets, shot_args, p, shot_opts, shot->help());
    }
    auto catalogue = load(assets, false);
    if (gui->parsed() && !gui_args.target.empty()) {
      Prepared p = prepare(gui_args, catalogue);
      return open_window(assets, gui_args, &p, gui->help());
    }
    return open_window(assets, gui_args, nullptr, app.help());
  } catch (const UsageError& e) {
    return usage_error(e.what(), "");
  } catch (const std::exception& e) {
    std::cerr << "poollab: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace poollab::cli
