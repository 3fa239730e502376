#include "program_clock.hpp"

#include <algorithm>
#include <atomic>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <x86intrin.h>
#define POOLLAB_HAVE_TSC 1
#endif

namespace poollab::rt::detail {

namespace {
constexpr std::int64_t kCalibrateNs = 10'000'000;  // the shortest baseline for the rate
constexpr std::int64_t kResyncNs = 50'000'000;
constexpr std::int64_t kTightPairNs = 5'000;  // a (steady, counter) pair read closer than this is trusted

#ifdef POOLLAB_HAVE_TSC
bool invariant_tsc() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(0x80000000u, &a, &b, &c, &d) || a < 0x80000007u) return false;
  __get_cpuid(0x80000007u, &a, &b, &c, &d);
  return (d & (1u << 8)) != 0;  // "invariant TSC": constant rate, runs in every C-state
}
std::uint64_t read_tsc() { return __rdtsc(); }
#else
bool invariant_tsc() { return false; }
std::uint64_t read_tsc() { return 0; }
#endif

// The counter's rate as the longest-running clock of the process measured it (0: not
// yet): a new clock (a new run, a goroutine's own) starts from it instead of reading
// steady_clock for every reading until its own baseline is 10 ms long.
std::atomic<double> known_ns_per_tick{0};
}  // namespace

bool SteadyTscClock::sample(std::uint64_t& tsc, std::int64_t& ns) {
  std::int64_t before = steady_ns();
  tsc = read_tsc();
  std::int64_t after = steady_ns();
  ns = before + (after - before) / 2;
  return after - before <= kTightPairNs;
}

SteadyTscClock::SteadyTscClock() : use_tsc_(invariant_tsc()) {
  for (int attempt = 0; attempt < 8 && !start_tight_; ++attempt) start_tight_ = sample(tsc_start_, ns_start_);
  tsc_anchor_ = tsc_start_;
  ns_anchor_ = last_ = ns_start_;
  if (double known = known_ns_per_tick.load(std::memory_order_relaxed); use_tsc_ && start_tight_ && known > 0) {
    ns_per_tick_ = known;
    resync_ticks_ = static_cast<std::uint64_t>(static_cast<double>(kResyncNs) / ns_per_tick_);
  }
}

std::int64_t SteadyTscClock::from_steady() {
  std::uint64_t tsc = 0;
  std::int64_t ns = 0;
  // A pair split by a preemption would skew the rate or the anchor: keep the old ones
  // and use steady_clock's reading this once.
  if (!sample(tsc, ns)) return last_ = std::max(last_, steady_ns());
  if (!start_tight_) {  // every pair at construction was loose: this one is the start
    tsc_start_ = tsc;
    ns_start_ = ns;
    start_tight_ = true;
  }
  if (ns - ns_start_ >= kCalibrateNs && tsc > tsc_start_) {
    // The longer the baseline, the better the rate: it is measured from the start each time.
    ns_per_tick_ = static_cast<double>(ns - ns_start_) / static_cast<double>(tsc - tsc_start_);
    resync_ticks_ = static_cast<std::uint64_t>(static_cast<double>(kResyncNs) / ns_per_tick_);
    known_ns_per_tick.store(ns_per_tick_, std::memory_order_relaxed);
  }
  tsc_anchor_ = tsc;
  ns_anchor_ = ns;
  return last_ = std::max(last_, ns);
}

std::int64_t SteadyTscClock::now_ns() {
  if (!use_tsc_) return last_ = std::max(last_, steady_ns());
  std::uint64_t tsc = read_tsc();
  // (An unsigned difference: a counter behind the anchor, say on another socket, re-anchors too.)
  if (ns_per_tick_ == 0 || tsc - tsc_anchor_ >= resync_ticks_) return from_steady();
  auto estimate = ns_anchor_ + static_cast<std::int64_t>(static_cast<double>(tsc - tsc_anchor_) * ns_per_tick_);
  return last_ = std::max(last_, estimate);
}

}  // namespace poollab::rt::detail
