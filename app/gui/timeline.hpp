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
  // x axis: program time, or event order (on the virtual clock many steps share
  // one instant). Auto uses event order until program time moves.
  enum class Axis : int { Auto, Time, Events };

  explicit Timeline(std::shared_ptr<viz::Model> model = viz::Model::shared());
  void draw(FrameContext& ctx);

  // The window shown, in ns (or event numbers); set_view also stops following the run.
  double view_begin() const { return begin_; }
  double view_end() const { return end_; }
  void set_view(double begin, double end);
  void fit() { follow_ = true; }
  void set_axis(Axis axis) { axis_ = axis; follow_ = true; }
  bool by_events() const { return by_seq_; }  // what the last frame used

  // What the last frame drew (tests and benchmarks check it stays bounded).
  std::size_t spans_drawn() const { return spans_drawn_; }
  std::size_t arrows_drawn() const { return arrows_drawn_; }

  static constexpr std::size_t kMaxArrows = 2000;  // more in view: zoom in to see them

 private:
  std::shared_ptr<viz::Model> model_;
  bool follow_ = true;  // show [0, now] as the run grows
  bool show_arrows_ = true;
  Axis axis_ = Axis::Auto;
  bool by_seq_ = false;
  bool dragged_ = false;  // the current press has moved: a pan, not a click
  double begin_ = 0, end_ = 1;
  std::size_t spans_drawn_ = 0, arrows_drawn_ = 0;
};

}  // namespace poollab::gui
