// Runtime benchmarks: channel latency and throughput, a pool of empty jobs,
// and the cost of event hooks, each beside a plain mutex + condition-variable
// comparator measured in the same run (bench/run.sh adds Go's figures).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "poollab/runtime.hpp"

using namespace poollab;
using Clock = std::chrono::steady_clock;

namespace {

// Runs `body` as main of a fresh free-running runtime and waits for it.
template <class F>
void run_program(F body, rt::Observer* observer = nullptr, rt::ClockKind clock = rt::ClockKind::Real,
                 bool lock_free_buffers = true) {
  rt::Config cfg;
  cfg.clock = clock;
  cfg.lock_free_buffers = lock_free_buffers;
  rt::Runtime r(cfg);
  if (observer) r.add_observer(observer);
  r.start("main.main", body);
  auto o = r.wait();
  if (o.kind != rt::OutcomeKind::Completed) std::abort();
}

void report_percentiles(benchmark::State& state, std::vector<double>& ns) {
  std::sort(ns.begin(), ns.end());
  auto pct = [&](double p) { return ns[std::min(ns.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ns.size())))]; };
  state.counters["p50_ns"] = pct(0.50);
  state.counters["p99_ns"] = pct(0.99);
  state.counters["p999_ns"] = pct(0.999);
}

// ---- a plain mutex + condition variable channel, the comparator ----
template <class T>
class CvQueue {
 public:
  explicit CvQueue(std::size_t cap) : cap_(std::max<std::size_t>(cap, 1)) {}
  void push(T v) {
    std::unique_lock lk(mu_);
    not_full_.wait(lk, [&] { return q_.size() < cap_; });
    q_.push_back(std::move(v));
    not_empty_.notify_one();
  }
  bool pop(T& out) {
    std::unique_lock lk(mu_);
    not_empty_.wait(lk, [&] { return !q_.empty() || closed_; });
    if (q_.empty()) return false;
    out = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void close() {
    std::lock_guard lk(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> q_;
  std::size_t cap_;
  bool closed_ = false;
};

constexpr int kRounds = 20000;

}  // namespace

// One-way latency of an unbuffered hand-off: half a ping-pong round trip.
static void BM_PingPong_Runtime(benchmark::State& state) {
  std::vector<double> one_way;
  for (auto _ : state) {
    run_program([&] {
      rt::Chan<int> ping(0), pong(0);
      rt::go("main.echo", [ping, pong] {
        for (;;) {
          auto [v, ok] = ping.recv();
          if (!ok) return;
          pong.send(v);
        }
      });
      for (int i = 0; i < kRounds; ++i) {
        auto t0 = Clock::now();
        ping.send(i);
        pong.recv();
        one_way.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / 2);
      }
      ping.close();
    });
  }
  state.SetItemsProcessed(state.iterations() * kRounds);
  report_percentiles(state, one_way);
}
BENCHMARK(BM_PingPong_Runtime)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

static void BM_PingPong_CondVar(benchmark::State& state) {
  std::vector<double> one_way;
  for (auto _ : state) {
    CvQueue<int> ping(1), pong(1);
    std::thread echo([&] {
      int v;
      while (ping.pop(v)) pong.push(v);
    });
    for (int i = 0; i < kRounds; ++i) {
      auto t0 = Clock::now();
      ping.push(i);
      int v;
      pong.pop(v);
      one_way.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / 2);
    }
    ping.close();
    echo.join();
  }
  state.SetItemsProcessed(state.iterations() * kRounds);
  report_percentiles(state, one_way);
}
BENCHMARK(BM_PingPong_CondVar)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// Buffered throughput: `pairs` producer/consumer pairs over one channel of capacity `cap`.
static void BM_Buffered_Runtime(benchmark::State& state) {
  const long cap = state.range(0);
  const int pairs = static_cast<int>(state.range(1));
  const int per_producer = 200000 / pairs;
  for (auto _ : state) {
    run_program([&] {
      rt::Chan<int> c(cap);
      rt::WaitGroup producers, consumers;
      for (int p = 0; p < pairs; ++p) {
        producers.add(1);
        consumers.add(1);
        rt::go("main.producer", [c, producers, per_producer]() mutable {
          for (int i = 0; i < per_producer; ++i) c.send(i);
          producers.done();
        });
        rt::go("main.consumer", [c, consumers]() mutable {
          while (c.recv().second) {
          }
          consumers.done();
        });
      }
      producers.wait();
      c.close();
      consumers.wait();
    });
  }
  state.SetItemsProcessed(state.iterations() * per_producer * pairs);
}
BENCHMARK(BM_Buffered_Runtime)->ArgsProduct({{1, 64, 1024}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_Buffered_CondVar(benchmark::State& state) {
  const auto cap = static_cast<std::size_t>(state.range(0));
  const int pairs = static_cast<int>(state.range(1));
  const int per_producer = 200000 / pairs;
  for (auto _ : state) {
    CvQueue<int> q(cap);
    std::vector<std::thread> producers, consumers;
    for (int p = 0; p < pairs; ++p) {
      producers.emplace_back([&] {
        for (int i = 0; i < per_producer; ++i) q.push(i);
      });
      consumers.emplace_back([&] {
        int v;
        while (q.pop(v)) {
        }
      });
    }
    for (auto& t : producers) t.join();
    q.close();
    for (auto& t : consumers) t.join();
  }
  state.SetItemsProcessed(state.iterations() * per_producer * pairs);
}
BENCHMARK(BM_Buffered_CondVar)->ArgsProduct({{1, 64, 1024}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

// A pool of 1,000,000 empty jobs through a jobs channel of capacity 1024.
static void BM_Pool_Runtime(benchmark::State& state) {
  const int workers = static_cast<int>(state.range(0));
  constexpr int kJobs = 1000000;
  for (auto _ : state) {
    run_program([&] {
      rt::Chan<int> jobs(1024);
      rt::WaitGroup wg;
      for (int w = 0; w < workers; ++w) {
        wg.add(1);
        rt::go("main.worker", [jobs, wg]() mutable {
          while (jobs.recv().second) {
          }
          wg.done();
        });
      }
      for (int j = 0; j < kJobs; ++j) jobs.send(j);
      jobs.close();
      wg.wait();
    });
  }
  state.SetItemsProcessed(state.iterations() * kJobs);
  state.counters["ns_per_job"] = benchmark::Counter(static_cast<double>(state.iterations()) * kJobs,
                                                    benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Pool_Runtime)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

static void BM_Pool_CondVar(benchmark::State& state) {
  const int workers = static_cast<int>(state.range(0));
  constexpr int kJobs = 1000000;
  for (auto _ : state) {
    CvQueue<int> jobs(1024);
    std::vector<std::thread> ts;
    for (int w = 0; w < workers; ++w) {
      ts.emplace_back([&] {
        int v;
        while (jobs.pop(v)) {
        }
      });
    }
    for (int j = 0; j < kJobs; ++j) jobs.push(j);
    jobs.close();
    for (auto& t : ts) t.join();
  }
  state.SetItemsProcessed(state.iterations() * kJobs);
  state.counters["ns_per_job"] = benchmark::Counter(static_cast<double>(state.iterations()) * kJobs,
                                                    benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Pool_CondVar)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

// Hook cost: one goroutine doing buffered send+receive pairs (two events each),
// with no observer, and with an observer whose queue a second thread drains.
namespace {
struct DrainedQueue {
  rt::EventQueue queue{1 << 20};
  std::atomic<bool> stop{false};
  std::thread drainer{[this] {
    std::vector<rt::Event> batch;
    while (!stop.load()) {
      batch.clear();
      queue.drain(batch);
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  }};
  ~DrainedQueue() {
    stop = true;
    drainer.join();
  }
};
constexpr int kOps = 500000;
void event_loop() {
  rt::Chan<int> c(1);
  for (int i = 0; i < kOps; ++i) {
    c.send(i);
    c.recv();
  }
}
}  // namespace

// The fastest repetition: the hook cost is a few nanoseconds beside a shared host's
// noise, and the minimum is the figure least disturbed by it.
double fastest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

static void BM_Hooks_NoObserver(benchmark::State& state) {
  for (auto _ : state) run_program(event_loop);
  state.counters["ns_per_event"] = benchmark::Counter(static_cast<double>(state.iterations()) * kOps * 2,
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
#ifdef POOLLAB_BENCH_NOEVENTS
BENCHMARK(BM_Hooks_NoObserver)->Name("BM_Hooks_Uninstrumented")->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ComputeStatistics("min", fastest)->ReportAggregatesOnly();
#else
BENCHMARK(BM_Hooks_NoObserver)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ComputeStatistics("min", fastest)->ReportAggregatesOnly();

// No observer, but every operation on the locked path an observed run takes: what
// the lock alone costs, so that the observed figures below split into the lock's
// share and the events' share.
static void BM_Hooks_NoObserverLocked(benchmark::State& state) {
  for (auto _ : state) run_program(event_loop, nullptr, rt::ClockKind::Real, false);
  state.counters["ns_per_event"] = benchmark::Counter(static_cast<double>(state.iterations()) * kOps * 2,
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Hooks_NoObserverLocked)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ComputeStatistics("min", fastest)->ReportAggregatesOnly();

static void BM_Hooks_Observed(benchmark::State& state) {
  for (auto _ : state) {
    DrainedQueue dq;
    run_program(event_loop, &dq.queue);
  }
  state.counters["ns_per_event"] = benchmark::Counter(static_cast<double>(state.iterations()) * kOps * 2,
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Hooks_Observed)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ComputeStatistics("min", fastest)->ReportAggregatesOnly();

// The same on the virtual clock (the window's default): program time is a number the
// runtime keeps, so no event reads a clock.
static void BM_Hooks_ObservedVirtualClock(benchmark::State& state) {
  for (auto _ : state) {
    DrainedQueue dq;
    run_program(event_loop, &dq.queue, rt::ClockKind::Virtual);
  }
  state.counters["ns_per_event"] = benchmark::Counter(static_cast<double>(state.iterations()) * kOps * 2,
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Hooks_ObservedVirtualClock)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ComputeStatistics("min", fastest)->ReportAggregatesOnly();

// The same with an observer that drops every event: the runtime's share of the cost
// (the locked path, the clock, building the event) without the queue's.
struct DiscardingObserver final : rt::Observer {
  void on_event(const rt::Event&) override {}
};
static void BM_Hooks_ObservedDiscarding(benchmark::State& state) {
  for (auto _ : state) {
    DiscardingObserver observer;
    run_program(event_loop, &observer);
  }
  state.counters["ns_per_event"] = benchmark::Counter(static_cast<double>(state.iterations()) * kOps * 2,
                                                      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Hooks_ObservedDiscarding)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ComputeStatistics("min", fastest)->ReportAggregatesOnly();

#endif

BENCHMARK_MAIN();
