// golite benchmarks: recursive fib(27), a 10,000,000-iteration loop and a
// 100,000-job worker pool, interpreted on the runtime. bench/run.sh runs the
// same programs (bench/programs/) in CPython 3 and Go and prints the ratios.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "poollab/golite/golite.hpp"

using namespace poollab;

namespace {
std::string read(const std::string& name) {
  std::ifstream in(std::string(POOLLAB_BENCH_PROGRAMS) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void run_go(benchmark::State& state, const std::string& file) {
  const std::string source = read(file);
  for (auto _ : state) {
    rt::Config cfg;
    cfg.clock = rt::ClockKind::Real;
    auto result = golite::run(source, file, cfg);
    if (result.exit_code != 0) {
      state.SkipWithError(("golite failed: " + result.stderr_text).c_str());
      return;
    }
    benchmark::DoNotOptimize(result.stdout_text);
  }
}
}  // namespace

static void BM_Golite_Fib27(benchmark::State& state) { run_go(state, "fib.go"); }
BENCHMARK(BM_Golite_Fib27)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
static void BM_Golite_Loop10M(benchmark::State& state) { run_go(state, "loop.go"); }
BENCHMARK(BM_Golite_Loop10M)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
static void BM_Golite_Pool100k(benchmark::State& state) { run_go(state, "pool.go"); }
BENCHMARK(BM_Golite_Pool100k)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

BENCHMARK_MAIN();
