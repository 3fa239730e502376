// The self-check quiz over every lesson's [[quiz]] bank. Choice questions are
// judged from the bank; predict questions by running the program and
// classifying what actually happened; spot by line; fill by running the edit.
//
//   auto bank = lessons::QuizBank(catalogue);
//   for (const auto* q : bank.for_lesson("close-jobs")) {
//     auto v = lessons::answer_predict(catalogue, *q, {1});   // runs the program
//     std::cout << v.summary << "\n" << v.decided_by << "\n";
//   }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "poollab/lessons/lesson.hpp"
#include "poollab/lessons/run.hpp"

namespace poollab::lessons {

class QuizBank {
 public:
  QuizBank() = default;
  explicit QuizBank(const Catalogue& catalogue);  // questions of every lesson that loaded
  const std::vector<const QuizQuestion*>& all() const { return questions_; }
  std::vector<const QuizQuestion*> for_lesson(std::string_view lesson_id) const;  // held by or linking to it
  const QuizQuestion* find(std::string_view question_id) const;
  const Catalogue* catalogue() const { return catalogue_; }

 private:
  const Catalogue* catalogue_ = nullptr;
  std::vector<const QuizQuestion*> questions_;
};

struct QuizVerdict {
  bool correct = false;
  std::string summary;                 // "Right." / "Not quite: the run deadlocked."
  std::vector<std::string> feedback;   // the explanations to show, in choice order
  std::vector<int> right_choices;      // choice/predict: the choices that are right (predict: per the run)
  std::string decided_by;              // predict: the moment in the run that decided it
  std::optional<rt::Event> decisive_event;
  std::optional<RunReport> report;     // predict, fill: the run behind the verdict
  bool bank_agrees = true;             // predict: the bank's stored answer matches the run
};

// kind = choice: right iff exactly the right choices are picked.
QuizVerdict answer_choice(const QuizQuestion& q, const std::vector<int>& chosen);

// kind = predict: run the question's settings and judge `chosen` against the run.
QuizVerdict answer_predict(const Catalogue& catalogue, const QuizQuestion& q, const std::vector<int>& chosen,
                           int timeout_ms = 60000);
// The judging half of answer_predict, for a run made elsewhere (e.g. the window's).
QuizVerdict judge_predict(const QuizQuestion& q, const RunReport& run, const std::vector<int>& chosen);
// Does choice `i` describe the run? nullopt when its text cannot be classified.
std::optional<bool> choice_matches_run(const QuizQuestion& q, std::size_t i, const RunReport& run);
// The listing a predict or spot question is about (the owner lesson under its settings).
std::string question_listing(const Catalogue& catalogue, const QuizQuestion& q);

// kind = spot: the 1-based line the answer is on, and judging a clicked line.
int spot_answer_line(const Catalogue& catalogue, const QuizQuestion& q);
QuizVerdict answer_spot(const Catalogue& catalogue, const QuizQuestion& q, int clicked_line);

// kind = fill: the listing with the blank's lines replaced by a placeholder, and
// judging an edited listing by running it against the named expectation.
inline constexpr std::string_view kFillPlaceholder = "// ____ fill in the blank";
std::string fill_listing(const Catalogue& catalogue, const QuizQuestion& q);
QuizVerdict answer_fill(const Catalogue& catalogue, const QuizQuestion& q, const std::string& edited_source,
                        int timeout_ms = 60000);

// Human-readable description of an event: "at 0.600 s goroutine 3 (main.worker), line 19: recv-wait".
std::string describe_event(const rt::Event& e, const RunReport& run);

}  // namespace poollab::lessons
