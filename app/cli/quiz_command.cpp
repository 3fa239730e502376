// `poollab quiz [<lesson>]`: the self-check quiz in the terminal. Answers are
// read line by line from stdin, so a file of answers can be piped in.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "poollab/lessons/progress.hpp"
#include "poollab/lessons/quiz.hpp"

namespace poollab::cli {

namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Reads the next answer line; false at end of input.
bool read_answer(std::string& line) {
  std::cout << "> " << std::flush;
  if (!std::getline(std::cin, line)) {
    std::cout << "\n";
    return false;
  }
  line = trim(line);
  return true;
}

// "2" or "1,3" or "1 3" (1-based) -> 0-based indices; nullopt if not valid.
std::optional<std::vector<int>> parse_choices(const std::string& text, std::size_t n) {
  std::string s = text;
  std::replace(s.begin(), s.end(), ',', ' ');
  std::istringstream in(s);
  std::vector<int> out;
  std::string tok;
  while (in >> tok) {
    if (tok.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    long v = std::stol(tok);
    if (v < 1 || v > static_cast<long>(n)) return std::nullopt;
    out.push_back(static_cast<int>(v - 1));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

void print_listing(const std::string& source) {
  auto lines = lessons::split_lines(source);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i + 1 == lines.size() && lines[i].empty()) break;
    std::string num = std::to_string(i + 1);
    std::cout << std::string(num.size() < 3 ? 3 - num.size() : 0, ' ') << num << "  " << lines[i] << "\n";
  }
}

void print_verdict(const lessons::QuizVerdict& v) {
  std::cout << "\n" << (v.correct ? "[right] " : "[wrong] ") << v.summary << "\n";
  if (!v.decided_by.empty()) std::cout << v.decided_by << "\n";
  for (const auto& f : v.feedback) std::cout << "  - " << f << "\n";
  std::cout << "\n";
}

// Asks one question. Returns nullopt at end of input, else the verdict and the answer text.
std::optional<std::pair<lessons::QuizVerdict, std::string>> ask(const lessons::Catalogue& catalogue,
                                                               const lessons::QuizQuestion& q) {
  std::string line;
  switch (q.kind) {
    case lessons::QuizKind::Choice:
    case lessons::QuizKind::Predict: {
      if (q.kind == lessons::QuizKind::Predict) {
        std::cout << "The program (with this question's settings):\n";
        print_listing(lessons::question_listing(catalogue, q));
        std::cout << "\n" << q.prompt << "\n";
      }
      for (std::size_t i = 0; i < q.choices.size(); ++i) std::cout << "  " << i + 1 << ") " << q.choices[i] << "\n";
      bool several = q.kind == lessons::QuizKind::Choice && q.answer.size() > 1;
      std::cout << (several ? "Pick every right answer (e.g. 1,3):\n" : "Your answer (a number):\n");
      for (;;) {
        if (!read_answer(line)) return std::nullopt;
        auto picked = parse_choices(line, q.choices.size());
        if (!picked) {
          std::cout << "Please answer with a number from 1 to " << q.choices.size() << ".\n";
          continue;
        }
        if (q.kind == lessons::QuizKind::Choice) return std::pair{lessons::answer_choice(q, *picked), line};
        std::cout << "Running the program to check...\n";
        return std::pair{lessons::answer_predict(catalogue, q, *picked), line};
      }
    }
    case lessons::QuizKind::Spot: {
      print_listing(lessons::question_listing(catalogue, q));
      std::cout << "\n" << q.prompt << "\nYour answer (a line number):\n";
      for (;;) {
        if (!read_answer(line)) return std::nullopt;
        auto n = parse_choices(line, 100000);
        if (!n || n->size() != 1) {
          std::cout << "Please answer with one line number.\n";
          continue;
        }
        return std::pair{lessons::answer_spot(catalogue, q, (*n)[0] + 1), "line " + line};
      }
    }
    case lessons::QuizKind::Fill: {
      std::string listing = lessons::fill_listing(catalogue, q);
      print_listing(listing);
      std::cout << "\n" << q.prompt << "\nType the code that replaces `" << lessons::kFillPlaceholder << "`:\n";
      if (!read_answer(line)) return std::nullopt;
      auto lines = lessons::split_lines(listing);
      for (auto& l : lines) {
        auto at = l.find(lessons::kFillPlaceholder);
        if (at != std::string::npos) l = l.substr(0, at) + line;
      }
      std::cout << "Running your version to check...\n";
      return std::pair{lessons::answer_fill(catalogue, q, lessons::join_lines(lines)), line};
    }
  }
  return std::nullopt;
}

}  // namespace

int cmd_quiz(const lessons::Catalogue& catalogue, const std::string& lesson_id, bool reset_progress) {
  if (!lesson_id.empty() && !catalogue.find(lesson_id))
    throw UsageError("unknown lesson '" + lesson_id + "'; valid lessons: " + catalogue.ids_text());
  lessons::ProgressStore store(lessons::ProgressStore::default_path());
  if (reset_progress) {
    if (auto backup = store.reset())
      std::cout << "Progress reset; the previous progress is kept in " << backup->string() << "\n";
    else
      std::cout << "Progress reset (there was none yet).\n";
  }
  auto loaded = store.load();
  if (loaded.problem) std::cerr << "poollab: " << *loaded.problem << "\n";
  lessons::Progress progress = loaded.progress;

  lessons::QuizBank bank(catalogue);
  auto questions = lesson_id.empty() ? bank.all() : bank.for_lesson(lesson_id);
  for (const auto& l : catalogue.lessons)
    if (!l.ok() && (lesson_id.empty() || l.id == lesson_id))
      std::cerr << "poollab: lesson " << l.id << " is broken and its questions are left out: " << l.errors.front().str()
                << "\n";
  if (questions.empty()) {
    std::cout << "No questions" << (lesson_id.empty() ? "" : " for " + lesson_id) << ".\n";
    return 0;
  }
  int right = 0, asked = 0;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto& q = *questions[i];
    std::cout << "Question " << i + 1 << " of " << questions.size() << " (" << q.lesson << ", " << lessons::to_string(q.kind)
              << ")\n";
    if (q.kind == lessons::QuizKind::Choice) std::cout << q.prompt << "\n";
    std::optional<std::pair<lessons::QuizVerdict, std::string>> result;
    try {
      result = ask(catalogue, q);
    } catch (const std::exception& e) {
      std::cout << "This question cannot be asked: " << e.what() << "\n\n";
      continue;
    }
    if (!result) {
      std::cout << "(end of input)\n";
      break;
    }
    ++asked;
    print_verdict(result->first);
    if (result->first.correct) ++right;
    progress.record_answer(q.id, result->second, result->first.correct);
    progress.saves += 1;
    try {
      store.save(progress);
    } catch (const lessons::ProgressError& e) {
      std::cerr << "poollab: progress not saved: " << e.what() << "\n";
    }
  }
  std::cout << "Score: " << right << " of " << asked << " answered right";
  if (asked < static_cast<int>(questions.size())) std::cout << " (" << questions.size() << " questions in all)";
  std::cout << ".\nOverall: " << progress.score() << " of " << progress.answered() << " questions right. Progress saved in "
            << store.path().string() << "\n";
  return 0;
}

}  // namespace poollab::cli
