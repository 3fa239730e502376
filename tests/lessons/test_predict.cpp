// Predict-the-outcome: the verdict comes from running the program, and the
// explanation points at the event that decided it.
#include <doctest/doctest.h>

#include "lesson_test_util.hpp"
#include "poollab/lessons/quiz.hpp"

using namespace poollab;

namespace {

const lessons::Catalogue& shipped() {
  static const lessons::Catalogue c = lessons::load_catalogue(test::assets_lessons_dir(), {.compile = false});
  return c;
}

std::vector<const lessons::QuizQuestion*> predicts_of(const std::string& lesson) {
  std::vector<const lessons::QuizQuestion*> out;
  if (const auto* l = shipped().find(lesson))
    for (const auto& q : l->quiz)
      if (q.kind == lessons::QuizKind::Predict) out.push_back(&q);
  return out;
}

// A choice the run does not support.
int a_wrong_choice(const lessons::QuizVerdict& v, const lessons::QuizQuestion& q) {
  for (int i = 0; i < static_cast<int>(q.choices.size()); ++i)
    if (std::find(v.right_choices.begin(), v.right_choices.end(), i) == v.right_choices.end()) return i;
  return -1;
}

void check_lesson_predicts(const std::string& lesson) {
  auto qs = predicts_of(lesson);
  REQUIRE_MESSAGE(!qs.empty(), lesson << " has no predict question");
  for (const auto* q : qs) {
    INFO(lesson, " ", q->id, ": ", q->prompt);
    auto right = lessons::answer_predict(shipped(), *q, q->answer);
    INFO(right.summary, "\n", right.decided_by);
    REQUIRE(right.report);  // the verdict has a run behind it
    CHECK(right.bank_agrees);
    CHECK(right.correct);
    CHECK_FALSE(right.decided_by.empty());
    int wrong_pick = a_wrong_choice(right, *q);
    REQUIRE(wrong_pick >= 0);
    auto wrong = lessons::answer_predict(shipped(), *q, {wrong_pick});
    CHECK_FALSE(wrong.correct);
    CHECK(wrong.summary.rfind("Not quite: the run says ", 0) == 0);
  }
}

}  // namespace

TEST_CASE("close-jobs: predicting the deadlock is judged by running it" * doctest::timeout(120)) {
  check_lesson_predicts("close-jobs");
  for (const auto* q : predicts_of("close-jobs")) {
    if (q->predict != lessons::PredictKind::Outcome) continue;
    auto v = lessons::answer_predict(shipped(), *q, q->answer);
    if (v.report->outcome.kind != rt::OutcomeKind::Deadlock) continue;
    // The explanation names the parked goroutines and the last event before the deadlock.
    CHECK(v.decided_by.find("deadlock") != std::string::npos);
    CHECK(v.decided_by.find("goroutine") != std::string::npos);
    REQUIRE(v.decisive_event);
  }
}

TEST_CASE("close-results-early: predicting the panic is judged by running it" * doctest::timeout(120)) {
  check_lesson_predicts("close-results-early");
  bool saw_panic = false;
  for (const auto* q : predicts_of("close-results-early")) {
    auto v = lessons::answer_predict(shipped(), *q, q->answer);
    if (v.report->outcome.kind != rt::OutcomeKind::Panic) continue;
    saw_panic = true;
    REQUIRE(v.decisive_event);
    CHECK(v.decisive_event->kind == rt::EventKind::Panic);  // the explanation points at the panic event
    CHECK(v.decided_by.find("panic") != std::string::npos);
  }
  CHECK(saw_panic);
}

TEST_CASE("digit-sum: predicting the output or duration is judged by running it" * doctest::timeout(120)) {
  check_lesson_predicts("digit-sum");
}

TEST_CASE("the verdict comes from the run, not from the stored answer" * doctest::timeout(120)) {
  auto qs = predicts_of("close-jobs");
  REQUIRE_FALSE(qs.empty());
  lessons::QuizQuestion tampered = *qs.front();
  auto honest = lessons::answer_predict(shipped(), tampered, tampered.answer);
  REQUIRE(honest.correct);
  // A bank whose stored answer is wrong does not fool the judge.
  int other = a_wrong_choice(honest, tampered);
  REQUIRE(other >= 0);
  tampered.answer = {other};
  auto v = lessons::answer_predict(shipped(), tampered, {other});
  CHECK_FALSE(v.correct);
  CHECK_FALSE(v.bank_agrees);
  CHECK(v.right_choices == honest.right_choices);
  auto still_right = lessons::answer_predict(shipped(), tampered, honest.right_choices);
  CHECK(still_right.correct);
}

TEST_CASE("choices are classified against runs of each outcome" * doctest::timeout(30)) {
  lessons::QuizQuestion q;
  q.kind = lessons::QuizKind::Predict;
  q.predict = lessons::PredictKind::Outcome;
  q.choices = {"completes", "deadlock", "panic: send on closed channel", "leak", "something else"};
  lessons::RunReport r;
  r.outcome.kind = rt::OutcomeKind::Panic;
  r.outcome.message = "panic: send on closed channel";
  CHECK(lessons::choice_matches_run(q, 2, r) == std::optional<bool>(true));
  CHECK(lessons::choice_matches_run(q, 1, r) == std::optional<bool>(false));
  CHECK_FALSE(lessons::choice_matches_run(q, 4, r).has_value());
  r.outcome.kind = rt::OutcomeKind::Completed;
  r.outcome.message.clear();
  r.outcome.leaked.resize(2);
  CHECK(lessons::choice_matches_run(q, 3, r) == std::optional<bool>(true));
  CHECK(lessons::choice_matches_run(q, 0, r) == std::optional<bool>(false));  // a leak is the sharper answer

  lessons::QuizQuestion d;
  d.kind = lessons::QuizKind::Predict;
  d.predict = lessons::PredictKind::Duration;
  d.choices = {"0.5 s", "1.0 s", "250 ms"};
  r.outcome.time = 250'000'000;
  CHECK(lessons::choice_matches_run(d, 2, r) == std::optional<bool>(true));
  CHECK(lessons::choice_matches_run(d, 0, r) == std::optional<bool>(false));

  lessons::QuizQuestion o;
  o.kind = lessons::QuizKind::Predict;
  o.predict = lessons::PredictKind::Output;
  o.choices = {"1 -> 1, 2 -> 4", "2 -> 4, 1 -> 1", "It differs from run to run"};
  r.stdout_text = "2 -> 4\n1 -> 1\n";
  CHECK(lessons::choice_matches_run(o, 1, r) == std::optional<bool>(true));
  CHECK(lessons::choice_matches_run(o, 0, r) == std::optional<bool>(false));
  CHECK_FALSE(lessons::choice_matches_run(o, 2, r).has_value());
}

TEST_CASE("every predict question's stored answer agrees with its run" * doctest::timeout(600)) {
  int checked = 0;
  for (const auto& l : shipped().lessons) {
    if (!l.ok()) continue;
    for (const auto& q : l.quiz) {
      if (q.kind != lessons::QuizKind::Predict) continue;
      auto v = lessons::answer_predict(shipped(), q, q.answer);
      INFO(l.id, " ", q.id, ": ", v.summary, "\n", v.decided_by);
      CHECK(v.bank_agrees);
      CHECK(v.correct);
      ++checked;
    }
  }
  MESSAGE(checked << " predict questions run");
}

TEST_CASE("a predict question's seed and schedule decide its headless run" * doctest::timeout(120)) {
  const lessons::QuizQuestion* q = nullptr;
  for (const auto* p : predicts_of("wg-add-inside"))
    if (p->id == "wg-add-inside-2") q = p;
  REQUIRE(q != nullptr);
  REQUIRE(q->serial);
  REQUIRE(q->seed == std::optional<std::uint64_t>(43));
  auto a = lessons::answer_predict(shipped(), *q, q->answer);
  auto b = lessons::answer_predict(shipped(), *q, q->answer);
  REQUIRE(a.report);
  REQUIRE(b.report);
  CHECK(a.correct);
  // One seeded interleaving: the same steps and the same count every time.
  CHECK(a.report->stdout_text == "finished: 0 of 5\n");
  CHECK(a.report->outcome.steps > 0);
  CHECK(a.report->outcome.steps == b.report->outcome.steps);
  // Seed 8 of the serial schedule is the one where a task's Add lands while Wait wakes.
  lessons::QuizQuestion racing = *q;
  racing.seed = 8;
  auto c = lessons::answer_predict(shipped(), racing, racing.answer);
  CHECK_FALSE(c.correct);
  CHECK(c.report->outcome.message == "panic: sync: WaitGroup misuse: Add called concurrently with Wait");
}
