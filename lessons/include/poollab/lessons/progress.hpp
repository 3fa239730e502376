// Quiz answers, scores, hints used and lessons completed, kept in
// $XDG_DATA_HOME/poollab/progress.json (default ~/.local/share/poollab).
// Saved atomically; a corrupt file is moved aside and reported, never deleted.
//
//   lessons::ProgressStore store(lessons::ProgressStore::default_path());
//   auto loaded = store.load();
//   if (loaded.problem) std::cerr << *loaded.problem << "\n";   // show it to the user too
//   loaded.progress.record_answer("close-jobs-1", "0", true);
//   store.save(loaded.progress);
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace poollab::lessons {

struct AnswerRecord {
  std::string answer;     // what was answered ("1", "0,2", "line 19", "edit")
  bool correct = false;
  int attempts = 0;
  std::int64_t when = 0;  // unix seconds of the last answer
  bool operator==(const AnswerRecord&) const = default;
};

struct LessonRecord {
  bool completed = false;
  int hints_used = 0;  // the highest hint of the ladder revealed (0..3)
  bool operator==(const LessonRecord&) const = default;
};

struct Progress {
  std::map<std::string, AnswerRecord> answers;  // by question id
  std::map<std::string, LessonRecord> lessons;  // by lesson id
  std::int64_t saves = 0;                       // a counter the caller may bump per save

  void record_answer(const std::string& question_id, const std::string& answer, bool correct);
  void use_hint(const std::string& lesson_id, int hint_number);  // 1-based; keeps the maximum
  void complete(const std::string& lesson_id);
  int score() const;     // questions answered right (last answer)
  int answered() const;  // questions answered at all
  bool operator==(const Progress&) const = default;
};

struct ProgressError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ProgressStore {
 public:
  explicit ProgressStore(std::filesystem::path file);
  // $XDG_DATA_HOME/poollab/progress.json, else $HOME/.local/share/poollab/progress.json.
  static std::filesystem::path default_path();

  struct Loaded {
    Progress progress;
    std::optional<std::string> problem;           // set when the file was corrupt (already moved aside)
    std::optional<std::filesystem::path> moved_to;
  };
  // A missing file is fresh progress; a corrupt one is renamed to
  // progress.json.corrupt-<timestamp> and reported.
  Loaded load() const;
  // Write to a temporary file in the same folder, fsync, rename over, fsync the folder.
  void save(const Progress& progress) const;  // throws ProgressError naming the path
  // Start over for the next student: the current file is kept as progress.json.backup-<timestamp>.
  std::optional<std::filesystem::path> reset() const;

  const std::filesystem::path& path() const { return file_; }

 private:
  std::filesystem::path file_;
};

Progress progress_from_json_text(const std::string& text);  // throws ProgressError with the reason
std::string progress_to_json_text(const Progress& progress);

}  // namespace poollab::lessons
