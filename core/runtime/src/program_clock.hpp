// The real clock behind program time: steady_clock, read through the CPU's
// time-stamp counter where that counter is invariant.
#pragma once

#include <chrono>
#include <cstdint>

namespace poollab::rt::detail {

// An observed run stamps every event with the time, and on the VMs PoolLab runs on
// clock_gettime through the vDSO costs about twice a bare rdtsc. So the counter is
// read and converted with a rate measured against steady_clock, re-anchored to
// steady_clock every 50 ms (the estimate stays within about a microsecond of it).
// A clock made after another has measured the rate starts from that rate.
// Readings never go backwards. Not thread-safe: Core reads it with its lock held.
//
//   SteadyTscClock clock;
//   std::int64_t t0 = clock.now_ns(), t1 = clock.now_ns();   // t1 >= t0, steady_clock's epoch
class SteadyTscClock {
 public:
  SteadyTscClock();
  std::int64_t now_ns();

 private:
  static std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  // Reads the counter between two steady_clock readings; false if they are far apart.
  static bool sample(std::uint64_t& tsc, std::int64_t& ns);
  std::int64_t from_steady();  // re-anchor (and refine the rate) from a fresh pair

  bool use_tsc_ = false;
  bool start_tight_ = false;  // the start pair is trustworthy
  std::uint64_t tsc_start_ = 0, tsc_anchor_ = 0;
  std::int64_t ns_start_ = 0, ns_anchor_ = 0;
  double ns_per_tick_ = 0;          // 0 until 10 ms have passed since the start
  std::uint64_t resync_ticks_ = 0;  // the counter's advance over the re-anchoring period
  std::int64_t last_ = 0;           // the latest reading, for monotonicity
};

}  // namespace poollab::rt::detail
