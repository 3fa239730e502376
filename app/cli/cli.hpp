// The command-line interface: `poollab list|run|trace|screenshot|quiz|gui`.
//
//   int status = poollab::cli::main(argc, argv);   // 0, 1, 2, os.Exit's code, or 64 for a bad command line
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "poollab/lessons/lesson.hpp"
#include "poollab/lessons/run.hpp"

namespace poollab::cli {

inline constexpr int kExitUsage = 64;  // a bad command line (sysexits' EX_USAGE)

// A bad command line: exits 64 with the message and a usage hint.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int main(int argc, char** argv);

// The assets folder: $POOLLAB_ASSETS, else next to the executable
// (<bin>/assets, <bin>/../share/poollab), else the configured install prefix's,
// else the source tree's assets.
std::filesystem::path find_assets_dir(const char* argv0);

// Options shared by run, trace, screenshot and gui.
struct RunArgs {
  std::string target;  // lesson id or path to a .go file
  std::vector<std::string> sets, toggles, variants;
  std::string clock = "virtual";
  double speed = 1.0;
  std::uint64_t seed = 1;
  std::string schedule = "free";
  bool schedule_given = false;  // --schedule was on the command line
  double timeout_seconds = 120;
};

// What a run target resolved to: the listing with the settings applied.
struct Prepared {
  std::string label;     // lesson id or the file path
  std::string filename;  // "main.go" for lessons, the file's name otherwise
  std::string source;
  const lessons::Lesson* lesson = nullptr;
};

// Resolve a lesson id or .go file and apply --set/--toggle/--variant (throws UsageError).
Prepared prepare(const RunArgs& args, const lessons::Catalogue& catalogue);
lessons::RunSpec spec_from(const RunArgs& args);

int cmd_list(const lessons::Catalogue& catalogue);
int cmd_run(const RunArgs& args, const lessons::Catalogue& catalogue, bool json);
int cmd_trace(const RunArgs& args, const lessons::Catalogue& catalogue, const std::string& out_file);
int cmd_quiz(const lessons::Catalogue& catalogue, const std::string& lesson_id, bool reset_progress);

// One JSON object describing a finished run (the `run --json` contract).
nlohmann::json run_json(const Prepared& prepared, const lessons::RunReport& report);
// Chrome Trace Event JSON of a run: a track per goroutine, blocked spans,
// send -> receive flows, instants for close / panic / outcome.
nlohmann::json chrome_trace(const std::string& label, const lessons::RunReport& report);

}  // namespace poollab::cli
