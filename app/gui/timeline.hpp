// The timeline: a lane per goroutine coloured by state over program time, with
// send -> receive arrows between lanes. Wheel zooms around the mouse, Shift+wheel
// scrolls the lanes, dragging pans, "Fit" shows the whole run again. Only what
// is visible is drawn: spans and arrows are found by binary search on time, and
// at most one span per pixel is drawn however dense the history.
//
//   Timeline timeline;
//   timeline.draw(ctx);   // clicking a lane's name selects and steps that goroutine
#pragma once

#include <cstddef>
#include <memory>

#include "gui/frame_context.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui {

class Timeline {
 public:
  explicit Timeline(std::shared_ptr<viz::Model> model = viz::Model::shared());
  void draw(FrameContext& ctx);

  // The program-time window shown, in ns; set_view also stops following the run.
  double view_begin() const { return begin_; }
  double view_end() const { return end_; }
  void set_view(double begin, double end);
  void fit() { follow_ = true; }

  // What the last frame drew (tests and benchmarks check it stays bounded).
  std::size_t spans_drawn() const { return spans_drawn_; }
  std::size_t arrows_drawn() const { return arrows_drawn_; }

  static constexpr std::size_t kMaxArrows = 2000;  // more in view: zoom in to see them

 private:
  std::shared_ptr<viz::Model> model_;
  bool follow_ = true;  // show [0, now] as the run grows
  bool show_arrows_ = true;
  bool dragged_ = false;  // the current press has moved: a pan, not a click
  double begin_ = 0, end_ = 1;
  std::size_t spans_drawn_ = 0, arrows_drawn_ = 0;
};

}  // namespace poollab::gui
