#include "gui/quiz_pane.hpp"

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "gui/app.hpp"
#include "gui/probe.hpp"
#include "poollab/lessons/progress.hpp"
#include "poollab/lessons/quiz.hpp"

namespace poollab::gui {

struct QuizPane::Impl {
  std::optional<lessons::ProgressStore> store;
  lessons::Progress progress;
  lessons::QuizBank bank;
  std::string lesson_id;
  std::vector<const lessons::QuizQuestion*> questions;  // of the open lesson
  int current = 0;

  // State of the question on screen.
  std::vector<bool> chosen;
  std::optional<lessons::QuizVerdict> verdict;
  bool revealed = false;          // instructor: answers shown
  bool awaiting_run = false;      // predict: waiting for the window's run to end
  bool spot_armed = false;        // spot: the next listing click answers
  bool freeze_prompt = false;     // instructor: the what-happens-next prompt is up
  bool freeze_waiting = false;    // ... and the run was released to reveal it
  bool confirm_reset = false;

  const lessons::QuizQuestion* question() const {
    return current >= 0 && current < static_cast<int>(questions.size()) ? questions[current] : nullptr;
  }

  void clear_question_state() {
    const auto* q = question();
    chosen.assign(q ? q->choices.size() : 0, false);
    verdict.reset();
    revealed = false;
    awaiting_run = false;
    spot_armed = false;
  }

  void save(App& app) {
    if (!store) return;
    try {
      ++progress.saves;
      store->save(progress);
    } catch (const std::exception& e) {
      std::cerr << "poollab: " << e.what() << "\n";
      app.notify(e.what(), true);
    }
  }

  std::vector<int> picked() const {
    std::vector<int> out;
    for (std::size_t i = 0; i < chosen.size(); ++i)
      if (chosen[i]) out.push_back(static_cast<int>(i));
    return out;
  }

  // The predict question that asks about the run on screen: its settings are
  // the ones the run was started with. Null when none fits (an edit, other settings).
  const lessons::QuizQuestion* question_for_run(const App& app) const {
    if (app.pending_changes() || !app.lesson()) return nullptr;
    const LessonView& v = app.view();
    auto fits = [&](const lessons::QuizQuestion& q) {
      for (const auto& [name, value] : q.settings.params) {
        auto p = std::find_if(v.params.begin(), v.params.end(), [&](const auto& x) { return x.name == name; });
        if (p == v.params.end() || p->value != value) return false;
      }
      for (const auto& [name, on] : q.settings.toggles) {
        auto t = std::find_if(v.toggles.begin(), v.toggles.end(), [&](const auto& x) { return x.name == name; });
        if (t == v.toggles.end() || t->on != on) return false;
      }
      for (const auto& [name, option] : q.settings.variants) {
        auto x = std::find_if(v.variants.begin(), v.variants.end(), [&](const auto& y) { return y.name == name; });
        if (x == v.variants.end() || x->selected < 0 || x->selected >= static_cast<int>(x->options.size()) ||
            x->options[x->selected] != option)
          return false;
      }
      return true;
    };
    const lessons::QuizQuestion* q = question();
    if (q && q->kind == lessons::QuizKind::Predict && fits(*q)) return q;
    for (const auto* x : questions)
      if (x->kind == lessons::QuizKind::Predict && fits(*x)) return x;
    return nullptr;
  }

  static std::string answer_text(const std::vector<int>& picks) {
    std::string s;
    for (int i : picks) s += (s.empty() ? "" : ",") + std::to_string(i);
    return s;
  }

  void record(App& app, const lessons::QuizQuestion& q, const std::string& answer, bool correct) {
    progress.record_answer(q.id, answer, correct);
    // A lesson is complete once every question of its bank has been answered right.
    bool all = !questions.empty();
    for (const auto* x : questions) {
      auto it = progress.answers.find(x->id);
      all = all && it != progress.answers.end() && it->second.correct;
    }
    if (all && !lesson_id.empty()) progress.complete(lesson_id);
    save(app);
  }
};

QuizPane::QuizPane() : impl_(std::make_unique<Impl>()) {}
QuizPane::~QuizPane() = default;

void QuizPane::attach(App& app) {
  Impl& m = *impl_;
  std::filesystem::path path =
      app.progress_path().empty() ? lessons::ProgressStore::default_path() : std::filesystem::path(app.progress_path());
  m.store.emplace(path);
  auto loaded = m.store->load();
  m.progress = std::move(loaded.progress);
  if (loaded.problem) {
    std::cerr << "poollab: " << *loaded.problem << "\n";
    app.notify(*loaded.problem, true);
  }
  m.bank = lessons::QuizBank(app.catalogue());
}

void QuizPane::lesson_changed(App& app) {
  Impl& m = *impl_;
  m.lesson_id = app.lesson() ? app.lesson()->id : std::string();
  m.questions = m.lesson_id.empty() ? std::vector<const lessons::QuizQuestion*>{} : m.bank.for_lesson(m.lesson_id);
  m.current = 0;
  m.freeze_prompt = m.freeze_waiting = false;
  m.clear_question_state();
  app.on_line_click = [this, &app](int line) {
    Impl& mm = *impl_;
    const auto* q = mm.question();
    if (!mm.spot_armed || !q || q->kind != lessons::QuizKind::Spot) return false;
    mm.verdict = lessons::answer_spot(app.catalogue(), *q, line);
    mm.spot_armed = false;
    mm.record(app, *q, "line " + std::to_string(line), mm.verdict->correct);
    app.highlighted_line() = line;
    app.show_quiz();
    return true;
  };
}

void QuizPane::hint_used(App& app, int hints_shown) {
  Impl& m = *impl_;
  if (m.lesson_id.empty()) return;
  m.progress.use_hint(m.lesson_id, hints_shown);
  m.save(app);
}

void QuizPane::run_finished(App& app, const rt::Outcome& outcome) {
  Impl& m = *impl_;
  const auto* q = m.question();
  if (!m.awaiting_run || !q || !app.session()) return;
  m.awaiting_run = false;
  // Judge the prediction from the run the student just watched.
  lessons::RunReport report;
  report.filename = "main.go";
  report.outcome = outcome;
  report.stdout_text = app.session()->stdout_text();
  report.events = app.session()->history();
  report.dropped_events = app.session()->dropped_events();
  std::vector<int> picks = m.picked();
  m.verdict = lessons::judge_predict(*q, report, picks);
  m.verdict->report.reset();  // the session keeps the events; no second copy
  m.record(app, *q, Impl::answer_text(picks), m.verdict->correct);
  app.show_quiz();
}

float QuizPane::completion(const std::string& lesson_id) const {
  const Impl& m = *impl_;
  if (auto it = m.progress.lessons.find(lesson_id); it != m.progress.lessons.end() && it->second.completed) return 1.0f;
  auto qs = m.bank.for_lesson(lesson_id);
  if (qs.empty()) return 0.0f;
  int right = 0;
  for (const auto* q : qs)
    if (auto it = m.progress.answers.find(q->id); it != m.progress.answers.end() && it->second.correct) ++right;
  return static_cast<float>(right) / static_cast<float>(qs.size());
}

int QuizPane::score() const {
  int right = 0;
  for (const auto* q : impl_->questions)
    if (auto it = impl_->progress.answers.find(q->id); it != impl_->progress.answers.end() && it->second.correct) ++right;
  return right;
}

int QuizPane::answered() const {
  int n = 0;
  for (const auto* q : impl_->questions) n += impl_->progress.answers.count(q->id) ? 1 : 0;
  return n;
}

namespace {
const char* kind_label(const lessons::QuizQuestion& q) {
  switch (q.kind) {
    case lessons::QuizKind::Choice: return q.answer.size() > 1 ? "Choose every right answer" : "Choose one";
    case lessons::QuizKind::Predict: return "Predict, then run";
    case lessons::QuizKind::Spot: return "Spot the bug";
    case lessons::QuizKind::Fill: return "Fill in the blank";
  }
  return "";
}

ImVec4 good() { return ImVec4(0.35f, 0.85f, 0.4f, 1); }
ImVec4 bad() { return ImVec4(1.0f, 0.45f, 0.4f, 1); }
}  // namespace

void QuizPane::draw(App& app, FrameContext& ctx) {
  Impl& m = *impl_;
  bool instructor = app.settings().instructor;
  // In front of a room the score would give the answer away: only the count shows.
  if (instructor) {
    ImGui::TextDisabled("Answered %d of %zu (answers hidden until revealed)",
                        answered(), m.questions.size());
  } else {
    ImGui::TextDisabled("Score: %d of %zu right in this lesson, %d overall", score(), m.questions.size(),
                        m.progress.score());
  }
  probe::record("quiz/score", std::to_string(score()));
  // Instructor tools, on top so they need no scrolling in front of a room.
  if (instructor) {
    const bool can_freeze = !app.free_threads();  // free threads cannot be paused
    if (!can_freeze) ImGui::BeginDisabled();
    if (ImGui::Button("Freeze and ask")) {
      app.set_running(false);
      m.freeze_prompt = true;
      m.freeze_waiting = false;
    }
    probe::record("quiz/freeze");
    if (!can_freeze) ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip(can_freeze ? "Pause the run and ask the room what happens next"
                                   : "Freezing needs a stepped schedule: free threads cannot be paused");
    ImGui::SameLine();
    if (ImGui::Button("Reset progress for the next student")) m.confirm_reset = true;
    probe::record("quiz/reset_progress");
    if (m.confirm_reset) {
      ImGui::TextWrapped("Start over? The current progress file is kept as a backup.");
      bool yes = ImGui::Button("Yes, start over");
      probe::record("quiz/reset_confirm");
      if (yes) {
        try {
          if (m.store) m.store->reset();
          m.progress = {};
          app.notify("Progress reset; the previous file was kept as a backup.");
        } catch (const std::exception& e) {
          app.notify(e.what(), true);
        }
        m.confirm_reset = false;
        m.clear_question_state();
      }
      ImGui::SameLine();
      if (ImGui::Button("No")) m.confirm_reset = false;
    }
    ImGui::Separator();
  }

  if (m.questions.empty()) {
    ImGui::TextWrapped("This lesson has no quiz questions.");
    return;
  }
  const lessons::QuizQuestion& q = *m.question();

  // Navigation.
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left) && m.current > 0) {
    --m.current;
    m.clear_question_state();
  }
  ImGui::SameLine();
  ImGui::Text("Question %d of %zu", m.current + 1, m.questions.size());
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next", ImGuiDir_Right) && m.current + 1 < static_cast<int>(m.questions.size())) {
    ++m.current;
    m.clear_question_state();
  }
  probe::record("quiz/next");
  if (auto it = m.progress.answers.find(q.id); it != m.progress.answers.end()) {
    ImGui::SameLine();
    if (instructor && !m.revealed) {
      ImGui::TextDisabled("answered");
    } else {
      ImGui::TextColored(it->second.correct ? good() : bad(), it->second.correct ? "answered right" : "answered wrong");
    }
    probe::record("quiz/answered", instructor && !m.revealed ? "answered"
                                   : it->second.correct  ? "answered right"
                                                         : "answered wrong");
  }
  ImGui::TextDisabled("%s", kind_label(q));
  ImGui::PushFont(app.fonts().heading);
  ImGui::TextWrapped("%s", q.prompt.c_str());
  ImGui::PopFont();
  if (q.lesson != m.lesson_id) {
    ImGui::TextDisabled("Demonstrated in lesson %s.", q.lesson.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Open it")) app.open_lesson(q.lesson);
  }
  if (!q.settings.empty()) ImGui::TextDisabled("Settings of this question: %s", q.settings.str().c_str());
  ImGui::Spacing();

  bool show_answers = m.verdict && (!instructor || m.revealed);
  // Choices (choice and predict).
  if (q.kind == lessons::QuizKind::Choice || q.kind == lessons::QuizKind::Predict) {
    bool multi = q.kind == lessons::QuizKind::Choice && q.answer.size() > 1;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      bool on = m.chosen[i];
      std::string label = q.choices[i];
      bool clicked = multi ? ImGui::Checkbox(label.c_str(), &on) : ImGui::RadioButton(label.c_str(), on);
      probe::record("quiz/choice/" + std::to_string(i), label);
      if (clicked && !m.awaiting_run) {
        if (!multi) std::fill(m.chosen.begin(), m.chosen.end(), false);
        m.chosen[i] = multi ? on : true;
        m.verdict.reset();
        m.revealed = false;
      }
      if (show_answers && i < m.verdict->feedback.size()) {
        bool right = std::find(m.verdict->right_choices.begin(), m.verdict->right_choices.end(), static_cast<int>(i)) !=
                     m.verdict->right_choices.end();
        ImGui::Indent();
        ImGui::PushStyleColor(ImGuiCol_Text, right ? good() : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", m.verdict->feedback[i].c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent();
      }
      ImGui::PopID();
    }
    bool any = std::find(m.chosen.begin(), m.chosen.end(), true) != m.chosen.end();
    bool disabled = !any || m.awaiting_run;
    if (disabled) ImGui::BeginDisabled();
    if (q.kind == lessons::QuizKind::Choice) {
      if (ImGui::Button("Check my answer")) {
        m.verdict = lessons::answer_choice(q, m.picked());
        m.record(app, q, Impl::answer_text(m.picked()), m.verdict->correct);
      }
      probe::record("quiz/submit");
    } else {
      if (ImGui::Button("Lock in and run")) {
        m.verdict.reset();
        m.awaiting_run = true;
        app.run_with_settings(q.settings, true);
      }
      probe::record("quiz/submit");
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Runs the program with this question's settings; the verdict comes from what it does");
    }
    if (disabled) ImGui::EndDisabled();
    if (m.awaiting_run) {
      ImGui::SameLine();
      ImGui::TextDisabled("running... watch the pool view");
    }
  }

  if (q.kind == lessons::QuizKind::Spot) {
    if (!m.spot_armed && !m.verdict) {
      if (ImGui::Button("Show me the program")) {
        m.spot_armed = true;
        app.run_with_settings(q.settings, false);
      }
      probe::record("quiz/submit");
    }
    if (m.spot_armed) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.theme.accent), "Click the line in the listing.");
  }

  if (q.kind == lessons::QuizKind::Fill) {
    if (!app.editing()) {
      if (ImGui::Button("Start: open the listing with the blank")) {
        app.begin_edit(lessons::fill_listing(app.catalogue(), q));
        m.verdict.reset();
      }
      probe::record("quiz/submit");
    } else {
      ImGui::TextWrapped("Replace the line `%s` in the editor, then check.", std::string(lessons::kFillPlaceholder).c_str());
      if (ImGui::Button("Check my edit (runs it)")) {
        m.verdict = lessons::answer_fill(app.catalogue(), q, app.edit_buffer(), 20000);
        m.verdict->report.reset();
        m.record(app, q, "edit", m.verdict->correct);
      }
      probe::record("quiz/check_fill");
    }
  }

  // Verdict.
  if (m.verdict) {
    ImGui::Separator();
    if (instructor && !m.revealed) {
      ImGui::TextDisabled("Answer recorded. Hidden until revealed.");
      probe::record("quiz/hidden");
      if (ImGui::Button("Reveal the answer")) m.revealed = true;
      probe::record("quiz/reveal");
    } else {
      ImGui::TextColored(m.verdict->correct ? good() : bad(), "%s", m.verdict->summary.c_str());
      probe::record("quiz/verdict", m.verdict->summary);
      if (!m.verdict->decided_by.empty()) ImGui::TextWrapped("Decided by: %s", m.verdict->decided_by.c_str());
      if (m.verdict->decisive_event && m.verdict->decisive_event->line > 0) {
        if (ImGui::SmallButton("Show that line")) ctx.highlighted_line = m.verdict->decisive_event->line;
      }
      if (!m.verdict->bank_agrees)
        ImGui::TextColored(ImVec4(1, 0.7f, 0.2f, 1), "Note: this run did not go the way the question's author expected.");
      if (q.kind == lessons::QuizKind::Spot || q.kind == lessons::QuizKind::Fill) {
        for (const auto& f : m.verdict->feedback) ImGui::TextWrapped("%s", f.c_str());
        if (m.verdict->feedback.empty() && !q.explanation.empty()) ImGui::TextWrapped("%s", q.explanation.c_str());
      }
    }
  }

  // The room's prompt: big, centred, over everything.
  if (m.freeze_prompt) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.5f, 0));
    if (ImGui::Begin("What happens next?", &m.freeze_prompt, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
      ImGui::PushFont(app.fonts().heading);
      const lessons::QuizQuestion* ask = m.question_for_run(app);
      ImGui::TextWrapped("%s", ask ? ask->prompt.c_str() : "The run is frozen. What happens next?");
      probe::record("quiz/freeze_prompt", ask ? ask->prompt : "The run is frozen. What happens next?");
      ImGui::PopFont();
      static const std::vector<std::string> kOutcomes = {
          "it completes", "deadlock: every goroutine is asleep", "a panic", "main returns and goroutines leak"};
      const std::vector<std::string>& choices = ask ? ask->choices : kOutcomes;
      for (std::size_t i = 0; i < choices.size(); ++i) {
        ImGui::BulletText("%s", choices[i].c_str());
        probe::record("quiz/freeze_choice/" + std::to_string(i), choices[i]);
      }
      ImGui::Spacing();
      if (!m.freeze_waiting) {
        if (ImGui::Button("Reveal by running")) {
          m.freeze_waiting = true;
          app.set_running(true);
        }
        probe::record("quiz/freeze_reveal");
      } else if (ctx.snapshot.outcome) {
        const auto& o = *ctx.snapshot.outcome;
        ImGui::TextColored(o.kind == rt::OutcomeKind::Completed ? good() : bad(), "It ended: %s%s%s",
                           std::string(rt::to_string(o.kind)).c_str(), o.message.empty() ? "" : " - ",
                           o.message.c_str());
        probe::record("quiz/freeze_outcome", std::string(rt::to_string(o.kind)));
      } else {
        ImGui::TextDisabled("running...");
      }
    }
    ImGui::End();
  }
}

}  // namespace poollab::gui
