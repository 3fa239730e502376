// The goroutine table: id, function, state, Go's wait reason, line and how
// long it has been parked, one row per goroutine; only visible rows are built.
// Clicking a row selects the goroutine; its "step" button asks the controller
// to move it.
//
//   GoroutineTable table;
//   table.draw(ctx);
#pragma once

#include <memory>
#include <vector>

#include "gui/frame_context.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui {

class GoroutineTable {
 public:
  explicit GoroutineTable(std::shared_ptr<viz::Model> model = viz::Model::shared());
  void draw(FrameContext& ctx);

 private:
  std::shared_ptr<viz::Model> model_;
  bool show_finished_ = false;
  std::vector<const viz::Lane*> finished_;  // rebuilt when shown
};

}  // namespace poollab::gui
