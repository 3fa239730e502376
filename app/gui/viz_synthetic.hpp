// A made-up worker-pool run (snapshot plus event history) that follows the
// runtime's event rules: for panel tests, the frame benchmark and trying the
// panels without a program.
//
//   viz::SyntheticRun run = viz::synthetic_pool(63, 100'000);   // 1 producer + 63 workers
//   FrameContext ctx{.snapshot = run.snapshot, .history = run.history, .theme = theme};
#pragma once

#include <cstddef>
#include <vector>

#include "poollab/runtime.hpp"

namespace poollab::gui::viz {

struct SyntheticRun {
  rt::Snapshot snapshot;
  std::vector<rt::Event> history;
  static constexpr rt::ObjId kJobs = 1, kResults = 2, kWaitGroup = 3;  // object ids used
};

// main (G1) feeds a buffered "jobs" channel (capacity `buffer`); workers G2..G(workers+1)
// take jobs, sleep, and hand results over an unbuffered "results" channel to main.
// Stops after at least `events` events; the snapshot shows the final state.
SyntheticRun synthetic_pool(int workers, std::size_t events, int buffer = 8);

}  // namespace poollab::gui::viz
