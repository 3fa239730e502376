// The metrics panel: throughput, queue depth of the jobs channel over program
// time, per-worker utilisation (busy time / time alive) and Little's law,
// L = lambda * W, computed live beside the measured average queue length.
//
//   MetricsPanel metrics;
//   metrics.draw(ctx);
#pragma once

#include <memory>
#include <vector>

#include "gui/frame_context.hpp"
#include "gui/viz_layout.hpp"
#include "gui/viz_metrics.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui {

class MetricsPanel {
 public:
  explicit MetricsPanel(std::shared_ptr<viz::Model> model = viz::Model::shared());
  void draw(FrameContext& ctx);
  const viz::Metrics& last() const { return metrics_; }  // what the last frame showed

  static constexpr int kDepthSamples = 200;

 private:
  std::shared_ptr<viz::Model> model_;
  viz::LayoutCache layouts_;
  viz::Metrics metrics_;
  std::vector<float> depth_;
};

}  // namespace poollab::gui
