// The lesson model: one folder assets/lessons/<id>/ holding main.go and
// lesson.toml (docs/lesson-format.md), loaded and validated.
//
//   auto catalogue = lessons::load_catalogue("assets/lessons");
//   for (const auto& lesson : catalogue.lessons)
//     std::cout << lesson.id << (lesson.ok() ? "" : "  BROKEN: " + lesson.errors[0].str()) << "\n";
//   const lessons::Lesson* first = catalogue.find("first-pool");
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "poollab/lessons/settings.hpp"

namespace poollab::lessons {

// A problem in a lesson file, with where it is: "…/lesson.toml:12:7: [[params]] 2 max: must be >= min".
struct SourceError {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string key; // the TOML key path or the listing marker, e.g. "params[2].max"
  std::string message;
  std::string str() const;
};

struct Param {
  std::string name;  // the constant in main.go
  std::string label;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::int64_t default_value = 0;  // the literal in the shipped listing
  int line = 0;                    // its line in main.go
};

struct Toggle {
  std::string name;
  std::string label;
  std::string help;
  bool default_on = true;  // the shipped listing has the line(s) uncommented
  std::vector<int> lines;  // 1-based lines of main.go
};

struct Variant {
  std::string name;
  std::string label;
  std::vector<std::string> options;
  std::vector<std::string> labels;  // same length as options (defaults to the options)
  std::string default_option;       // the option uncommented in the shipped listing
};

struct Roles {
  std::vector<std::string> workers, producers, consumers, stages;
  std::string jobs, results, waitgroup, semaphore;
};

// One [[expect]]: the settings of a run and what must hold after it.
struct Expectation {
  std::string name;
  Settings settings;
  std::string outcome;  // completed | deadlock | panic | exit
  std::optional<std::string> message;
  std::optional<std::string> stdout_exact;
  std::optional<std::vector<std::string>> stdout_sorted;
  std::vector<std::string> stdout_contains;
  std::optional<double> virtual_seconds;
  std::optional<int> leaked;
  std::optional<int> max_in_semaphore;  // most tokens of roles.semaphore held at once
  std::optional<int> exit_code;
  std::optional<std::uint64_t> seed;
  bool serial = false;       // schedule = "serial"
  // Free schedule only: failure messages (Go's first stderr line) that Go also
  // permits for this program through a rare race; a run ending with one passes.
  std::vector<std::string> also_allowed;
  std::string oracle = "same";  // same | outcome | skip
  std::string oracle_why;
  int line = 0;  // of the [[expect]] table in lesson.toml
};

enum class QuizKind { Choice, Predict, Spot, Fill };
enum class PredictKind { Outcome, Output, Duration };
std::string_view to_string(QuizKind kind);

// One [[quiz]] question. Which fields matter depends on the kind.
struct QuizQuestion {
  std::string id;
  QuizKind kind = QuizKind::Choice;
  std::string lesson;  // the lesson that demonstrates it
  std::string owner;   // the lesson whose lesson.toml holds it
  std::string prompt;
  std::vector<std::string> choices;        // choice, predict
  std::vector<int> answer;                 // choice, predict: indices of the right choices
  std::vector<std::string> explanations;   // choice, predict: one per choice
  PredictKind predict = PredictKind::Outcome;
  Settings settings;                       // predict, spot: settings of the run / listing
  std::string explain_event;               // predict: the event kind that decides it
  std::optional<std::uint64_t> seed;       // predict: the headless run's seed (CLI quiz, tests)
  bool serial = false;                     // predict: ... and its schedule = "serial"
  std::string answer_line;                 // spot: text identifying the line (first match)
  std::string explanation;                 // spot, fill
  std::string blank;                       // fill: the toggle whose lines are blanked out
  std::string expect;                      // fill: the [[expect]] the edit must satisfy
  std::string solution;                    // fill
  int line = 0;                            // of the [[quiz]] table in lesson.toml
  int id_line = 0, lesson_line = 0;        // of its id and lesson keys
};

struct Lesson {
  std::string id;
  std::filesystem::path dir;
  std::string title, group, goal, narrative;
  int order = 0;
  std::vector<std::string> hints;
  std::vector<Param> params;
  std::vector<Toggle> toggles;
  std::vector<Variant> variants;
  Roles roles;
  std::vector<Expectation> expects;
  std::vector<QuizQuestion> quiz;
  std::string source;                 // main.go as shipped
  std::vector<SourceError> errors;    // non-empty = broken (still listed)
  std::vector<SourceError> warnings;  // e.g. unknown keys: reported, not fatal

  bool ok() const { return errors.empty(); }
  std::filesystem::path toml_path() const { return dir / "lesson.toml"; }
  std::filesystem::path source_path() const { return dir / "main.go"; }
  const Param* find_param(std::string_view name) const;
  const Toggle* find_toggle(std::string_view name) const;
  const Variant* find_variant(std::string_view name) const;
  const Expectation* find_expect(std::string_view name) const;
  // The shipped listing under `settings` (throws SettingsError, listing what is valid).
  std::string render(const Settings& settings) const;
};

struct LoadOptions {
  bool compile = true;  // also compile main.go with golite (reports Go's compile errors)
};

// Load and validate one lesson folder. Never throws for bad content: problems
// land in Lesson::errors. The id is the folder name.
Lesson load_lesson(const std::filesystem::path& dir, const LoadOptions& options = {});

struct Catalogue {
  std::filesystem::path dir;
  std::vector<Lesson> lessons;  // sorted by order, then id; broken ones included
  std::vector<SourceError> errors;  // problems with the folder itself
  const Lesson* find(std::string_view id) const;
  std::vector<std::string> ids() const;
  std::string ids_text() const;  // "first-pool, anatomy, ..." for error messages
};

// Load every lesson under `lessons_dir` (assets/lessons). Cross-lesson checks
// (quiz ids unique, quiz lesson links known) mark the offending lesson broken.
Catalogue load_catalogue(const std::filesystem::path& lessons_dir, const LoadOptions& options = {});

}  // namespace poollab::lessons
