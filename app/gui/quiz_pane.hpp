// The self-check quiz of the open lesson: multiple choice, predict-then-run
// (the verdict comes from the run), spot-the-bug (click the listing line) and
// fill-the-blank (edit the listing until it behaves). Keeps the score and the
// saved progress; instructor mode hides answers until revealed and can freeze
// the run to ask the room what happens next.
//
//   QuizPane quiz;
//   quiz.attach(app);          // loads progress
//   quiz.draw(app, ctx);
#pragma once

#include <memory>
#include <string>

#include "gui/frame_context.hpp"

namespace poollab::gui {

class App;

class QuizPane {
 public:
  QuizPane();
  ~QuizPane();
  void attach(App& app);
  void lesson_changed(App& app);
  void hint_used(App& app, int hints_shown);
  void run_finished(App& app, const rt::Outcome& outcome);
  float completion(const std::string& lesson_id) const;  // 0..1
  void draw(App& app, FrameContext& ctx);

  // For tests and the status line.
  int score() const;     // questions answered right in this lesson
  int answered() const;  // questions answered in this lesson

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace poollab::gui
