// Quiz judging. Predict verdicts come from a real run: each choice is classified
// against the run's outcome, output or duration, never taken from the bank alone.
#include "poollab/lessons/quiz.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <regex>

#include "poollab/lessons/expectations.hpp"

namespace poollab::lessons {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", s);
  return buf;
}

std::vector<std::string> split_items(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto p = text.find(sep, start);
    std::string item = trim(std::string_view(text).substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (!item.empty()) out.push_back(item);
    if (p == std::string::npos) return out;
    start = p + 1;
  }
}

std::vector<std::string> tokens(std::string s) {
  for (auto& c : s)
    if (c == ',') c = ' ';
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> run_lines(const RunReport& r) {
  std::vector<std::string> out;
  for (auto& l : r.stdout_lines())
    if (!trim(l).empty()) out.push_back(trim(l));
  return out;
}

// Output choices: "a, b, c" lists the lines in order, or is the one line printed.
bool output_in_order(const std::string& choice, const RunReport& r) {
  auto lines = run_lines(r);
  if (lines.size() == 1 && trim(choice) == lines[0]) return true;
  return split_items(choice, ',') == lines || split_items(choice, '\n') == lines;
}

bool output_as_multiset(const std::string& choice, const RunReport& r) {
  auto lines = run_lines(r);
  auto items = split_items(choice, ',');
  std::sort(lines.begin(), lines.end());
  std::sort(items.begin(), items.end());
  return items == lines || tokens(choice) == tokens(r.stdout_text);
}

std::optional<double> parse_duration(const std::string& choice) {
  static const std::regex re(R"(([0-9]+(?:\.[0-9]+)?)\s*(ms|s)\b)");
  std::smatch m;
  if (!std::regex_search(choice, m, re)) return std::nullopt;
  double v = std::stod(m[1].str());
  return m[2].str() == "ms" ? v / 1000.0 : v;
}

bool is_leak_choice(const std::string& c) { return lower(trim(c)).rfind("leak", 0) == 0; }

std::map<rt::GoId, std::string> function_names(const RunReport& r) {
  std::map<rt::GoId, std::string> names;
  names[1] = "main.main";
  for (const auto& e : r.events)
    if (e.kind == rt::EventKind::GoStart && !e.value.empty()) names[e.goroutine] = e.value;
  for (const auto& g : r.outcome.goroutines) names[g.id] = g.function;
  return names;
}

std::string normalise_kind(std::string s) {
  std::string out;
  for (char c : lower(std::move(s)))
    if (c != '-' && c != '_' && c != ' ') out += c;
  return out;
}

// The event that decided the run, and a sentence saying so.
void explain_run(const QuizQuestion& q, const RunReport& r, QuizVerdict& v) {
  const rt::Event* pick = nullptr;
  if (!q.explain_event.empty() && q.explain_event != "outcome") {
    std::string want = normalise_kind(q.explain_event);
    for (auto it = r.events.rbegin(); it != r.events.rend(); ++it)
      if (normalise_kind(std::string(rt::to_string(it->kind))) == want) {
        pick = &*it;
        break;
      }
  }
  std::string text;
  switch (r.outcome.kind) {
    case rt::OutcomeKind::Panic: {
      if (!pick)
        for (auto it = r.events.rbegin(); it != r.events.rend(); ++it)
          if (it->kind == rt::EventKind::Panic) {
            pick = &*it;
            break;
          }
      text = "The run panicked: " + r.outcome.message;
      break;
    }
    case rt::OutcomeKind::Deadlock: {
      // The last event before the outcome (teardown events come after it).
      if (!pick) {
        auto end = std::find_if(r.events.begin(), r.events.end(),
                                [](const rt::Event& e) { return e.kind == rt::EventKind::Outcome; });
        if (end != r.events.begin()) pick = &*std::prev(end);
      }
      text = "The run deadlocked (" + r.outcome.message + ").";
      std::string parked;
      for (const auto& g : r.outcome.goroutines)
        parked += "\n  goroutine " + std::to_string(g.id) + " (" + g.function + ") [" + g.wait_reason + "] at line " +
                  std::to_string(g.line);
      if (!parked.empty()) text += " Parked forever:" + parked;
      break;
    }
    case rt::OutcomeKind::Completed: {
      if (!pick)
        for (auto it = r.events.rbegin(); it != r.events.rend(); ++it)
          if (it->kind == rt::EventKind::GoEnd && it->goroutine == 1) {
            pick = &*it;
            break;
          }
      text = "The run completed in " + seconds_text(r.seconds()) + " of virtual time.";
      if (!r.outcome.leaked.empty()) {
        text += " main returned while " + std::to_string(r.outcome.leaked.size()) + " goroutine(s) were still parked (leaked):";
        for (const auto& g : r.outcome.leaked)
          text += "\n  goroutine " + std::to_string(g.id) + " (" + g.function + ") [" + g.wait_reason + "] at line " +
                  std::to_string(g.line);
      }
      break;
    }
    case rt::OutcomeKind::Exit:
      text = "The program called os.Exit(" + std::to_string(r.outcome.exit_code) + ").";
      break;
    case rt::OutcomeKind::Aborted:
      text = "The run did not finish in time.";
      break;
  }
  if (!r.compiled()) text = "The listing does not compile: " + r.compile_errors.front().str();
  if (q.predict == PredictKind::Output) {
    std::string out = r.stdout_text;
    if (!out.empty() && out.back() == '\n') out.pop_back();
    text += "\nIt printed:\n" + out;
  }
  if (pick) {
    v.decisive_event = *pick;
    text += "\nDecided " + describe_event(*pick, r) + ".";
  }
  v.decided_by = text;
}

}  // namespace

QuizBank::QuizBank(const Catalogue& catalogue) : catalogue_(&catalogue) {
  for (const auto& l : catalogue.lessons)
    if (l.ok())
      for (const auto& q : l.quiz) questions_.push_back(&q);
}

std::vector<const QuizQuestion*> QuizBank::for_lesson(std::string_view lesson_id) const {
  std::vector<const QuizQuestion*> out;
  for (const auto* q : questions_)
    if (q->owner == lesson_id) out.push_back(q);
  for (const auto* q : questions_)
    if (q->owner != lesson_id && q->lesson == lesson_id) out.push_back(q);
  return out;
}

const QuizQuestion* QuizBank::find(std::string_view id) const {
  for (const auto* q : questions_)
    if (q->id == id) return q;
  return nullptr;
}

std::string describe_event(const rt::Event& e, const RunReport& run) {
  auto names = function_names(run);
  std::string who = e.goroutine == 0 ? "the timer" : "goroutine " + std::to_string(e.goroutine);
  if (auto it = names.find(e.goroutine); it != names.end() && e.goroutine != 0) who += " (" + it->second + ")";
  std::string out = "at " + seconds_text(static_cast<double>(e.time_ns) / 1e9) + " by " + who;
  if (e.line > 0) out += " on line " + std::to_string(e.line);
  out += ": " + std::string(rt::to_string(e.kind));
  if (!e.value.empty() && e.kind != rt::EventKind::GoStart) out += " " + e.value;
  return out;
}

QuizVerdict answer_choice(const QuizQuestion& q, const std::vector<int>& chosen) {
  QuizVerdict v;
  v.right_choices = q.answer;
  std::vector<int> picked = chosen, right = q.answer;
  std::sort(picked.begin(), picked.end());
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  std::sort(right.begin(), right.end());
  v.correct = picked == right;
  for (int i : picked)
    if (i >= 0 && i < static_cast<int>(q.explanations.size())) v.feedback.push_back(q.explanations[i]);
  for (int i : right)
    if (!std::binary_search(picked.begin(), picked.end(), i) && i < static_cast<int>(q.explanations.size()))
      v.feedback.push_back("Missed: " + q.choices[i] + ". " + q.explanations[i]);
  v.summary = v.correct ? "Right." : "Not quite.";
  return v;
}

std::optional<bool> choice_matches_run(const QuizQuestion& q, std::size_t i, const RunReport& r) {
  if (i >= q.choices.size()) return std::nullopt;
  const std::string& choice = q.choices[i];
  std::string c = lower(trim(choice));
  if (q.predict == PredictKind::Duration) {
    if (!r.compiled() || r.timed_out) return false;
    auto d = parse_duration(choice);
    if (!d) return std::nullopt;
    return std::fabs(r.seconds() - *d) <= 0.001 + 1e-9;
  }
  if (q.predict == PredictKind::Output) {
    if (c.find("differ") != std::string::npos || c.find("varies") != std::string::npos ||
        c.find("random") != std::string::npos)
      return std::nullopt;
    for (std::size_t k = 0; k < q.choices.size(); ++k)
      if (output_in_order(q.choices[k], r)) return k == i;
    return output_as_multiset(choice, r);
  }
  // Outcome: completes / deadlock / panic[: text] / leak / exit.
  std::string got = r.outcome_name();
  bool leaked = got == "completed" && !r.outcome.leaked.empty();
  bool bank_has_leak = std::any_of(q.choices.begin(), q.choices.end(), is_leak_choice);
  if (c.rfind("complete", 0) == 0 || c.rfind("finish", 0) == 0 || c.rfind("runs to completion", 0) == 0)
    return got == "completed" && !(leaked && bank_has_leak);
  if (c.rfind("leak", 0) == 0) return leaked;
  if (c.rfind("deadlock", 0) == 0 || c.find("all goroutines are asleep") != std::string::npos) return got == "deadlock";
  if (c.rfind("panic", 0) == 0) {
    if (got != "panic") return false;
    if (c == "panic") return true;
    return lower(r.outcome.message) == c;
  }
  if (c.rfind("exit", 0) == 0 || c.rfind("os.exit", 0) == 0) return got == "exit";
  if (c.rfind("compile", 0) == 0 || c.find("does not compile") != std::string::npos) return got == "compile_error";
  return std::nullopt;
}

QuizVerdict judge_predict(const QuizQuestion& q, const RunReport& r, const std::vector<int>& chosen) {
  QuizVerdict v;
  v.report = r;
  std::vector<int> from_run;
  for (std::size_t i = 0; i < q.choices.size(); ++i) {
    auto m = choice_matches_run(q, i, r);
    bool in_bank = std::find(q.answer.begin(), q.answer.end(), static_cast<int>(i)) != q.answer.end();
    // An unclassifiable choice ("it differs from run to run") keeps the bank's word for it.
    bool right = m.value_or(in_bank);
    if (right) from_run.push_back(static_cast<int>(i));
    if (right != in_bank) v.bank_agrees = false;
  }
  v.right_choices = from_run;
  std::vector<int> picked = chosen;
  std::sort(picked.begin(), picked.end());
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  v.correct = !from_run.empty() && picked == from_run;
  for (int i : picked)
    if (i >= 0 && i < static_cast<int>(q.explanations.size())) v.feedback.push_back(q.explanations[i]);
  explain_run(q, r, v);
  std::string what;
  if (q.predict == PredictKind::Duration) what = "it took " + seconds_text(r.seconds()) + " of virtual time";
  else if (q.predict == PredictKind::Output) what = "see what it printed";
  else {
    what = r.outcome_name();
    if (!r.outcome.message.empty()) what += ": " + r.outcome.message;
    if (!r.outcome.leaked.empty() && r.outcome_name() == "completed")
      what += " with " + std::to_string(r.outcome.leaked.size()) + " leaked goroutine(s)";
  }
  std::string right_text;
  for (int i : from_run) right_text += (right_text.empty() ? "" : " / ") + q.choices[i];
  v.summary = (v.correct ? "Right: the run agrees (" : "Not quite: the run says " + right_text + " (") + what + ").";
  return v;
}

std::string question_listing(const Catalogue& catalogue, const QuizQuestion& q) {
  const Lesson* l = catalogue.find(q.owner);
  if (!l) throw SettingsError("no lesson '" + q.owner + "' holds question " + q.id);
  return l->render(q.settings);
}

QuizVerdict answer_predict(const Catalogue& catalogue, const QuizQuestion& q, const std::vector<int>& chosen,
                           int timeout_ms) {
  RunSpec spec;
  spec.timeout_ms = timeout_ms;
  if (q.seed) spec.seed = *q.seed;
  spec.serial = q.serial;
  RunReport r = run_source(question_listing(catalogue, q), "main.go", spec);
  return judge_predict(q, r, chosen);
}

int spot_answer_line(const Catalogue& catalogue, const QuizQuestion& q) {
  auto lines = split_lines(question_listing(catalogue, q));
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].find(q.answer_line) != std::string::npos) return static_cast<int>(i) + 1;
  return 0;
}

QuizVerdict answer_spot(const Catalogue& catalogue, const QuizQuestion& q, int clicked_line) {
  QuizVerdict v;
  int want = spot_answer_line(catalogue, q);
  v.correct = want > 0 && clicked_line == want;
  auto lines = split_lines(question_listing(catalogue, q));
  std::string line_text = want > 0 ? trim(lines[want - 1]) : q.answer_line;
  v.summary = v.correct ? "Right: line " + std::to_string(want) + "."
                        : "Not quite: it is line " + std::to_string(want) + ", `" + line_text + "`.";
  v.feedback.push_back(q.explanation);
  return v;
}

std::string fill_listing(const Catalogue& catalogue, const QuizQuestion& q) {
  const Lesson* l = catalogue.find(q.owner);
  if (!l) throw SettingsError("no lesson '" + q.owner + "' holds question " + q.id);
  const Expectation* e = l->find_expect(q.expect);
  const Toggle* t = l->find_toggle(q.blank);
  if (!e || !t) throw SettingsError("question " + q.id + " names an unknown blank or expectation");
  auto lines = split_lines(l->render(e->settings));
  for (int n : t->lines) {
    std::string& line = lines[n - 1];
    std::size_t indent = std::min(line.size(), line.find_first_not_of(" \t"));
    line = line.substr(0, indent) + std::string(kFillPlaceholder);
  }
  return join_lines(lines);
}

QuizVerdict answer_fill(const Catalogue& catalogue, const QuizQuestion& q, const std::string& edited, int timeout_ms) {
  QuizVerdict v;
  const Lesson* l = catalogue.find(q.owner);
  const Expectation* e = l ? l->find_expect(q.expect) : nullptr;
  if (!e) {
    v.summary = "This question names an unknown expectation.";
    return v;
  }
  Verdict run = check_source(edited, "main.go", *e, timeout_ms, l->roles.semaphore);
  v.correct = run.passed;
  v.report = run.report;
  v.summary = run.passed ? "Right: the program now behaves as expected (" + run.str().substr(4) + ")."
                         : "Not yet:\n" + run.str();
  v.feedback.push_back(q.explanation);
  return v;
}

}  // namespace poollab::lessons
