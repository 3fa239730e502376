// Numbers the metrics panel shows, computed from the model: throughput,
// per-worker utilisation and Little's law (L = lambda * W) on the jobs queue
// beside the measured average queue length.
//
//   viz::Metrics m = viz::compute_metrics(model, layout, now);
//   // m.littles_L ~ m.measured_L once the run has settled
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gui/viz_layout.hpp"
#include "gui/viz_model.hpp"

namespace poollab::gui::viz {

struct WorkerUse {
  rt::GoId id = 0;
  std::string function;
  double utilisation = 0;  // busy time / time alive, 0..1
  rt::Nanos busy = 0;
  std::uint64_t jobs = 0;  // JobEnd marks, else values received from the jobs channel
};

struct Metrics {
  double seconds = 0;            // program time elapsed
  std::uint64_t completed = 0;   // what throughput counts
  const char* completed_what = "";  // "results received", "jobs finished", "jobs taken"
  double throughput = 0;         // completed per second of program time

  rt::ObjId queue = 0;           // the channel whose buffer is the queue (0: none)
  std::int64_t queue_now = 0;    // items buffered now
  double arrival_rate = 0;       // lambda: items per second entering the buffer
  double mean_wait = 0;          // W: seconds an item spent in the buffer (items that left)
  double littles_L = 0;          // lambda * W
  double measured_L = 0;         // time-average buffer length

  std::vector<WorkerUse> workers;
  double mean_utilisation = 0;
};

Metrics compute_metrics(const Model& model, const PoolLayout& layout, rt::Nanos now);

// Buffer length of `c` at `samples` evenly spaced times over [begin, end]
// (binary search per sample: cost independent of the history's length).
void sample_depth(const ChannelTrack& c, rt::Nanos begin, rt::Nanos end, int samples, std::vector<float>& out);

}  // namespace poollab::gui::viz
