#!/usr/bin/env bash
# Runs the runtime benchmarks and their comparators in one go and prints the
# figures as ratios (PoolLab / comparator). Usage: bench/run.sh [build-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOOLLAB_BUILD_BENCH=ON -DPOOLLAB_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target poollab_bench_runtime poollab_bench_runtime_noevents
go=${GO:-/usr/lib/go-1.23/bin/go}
out=$build/bench-results
mkdir -p "$out"
(cd "$root/bench/go" && "$go" build -o "$out/chanbench" .)
"$build/bench/poollab_bench_runtime" --benchmark_format=json >"$out/runtime.json"
"$build/bench/poollab_bench_runtime_noevents" --benchmark_format=json >"$out/noevents.json"
# The hook figures once more, the two builds taking turns, so that a noisy minute
# does not fall on one of them only (ratios.py keeps the fastest of each).
for i in 1 2; do
  "$build/bench/poollab_bench_runtime" --benchmark_filter=BM_Hooks --benchmark_format=json >"$out/hooks-$i.json"
  "$build/bench/poollab_bench_runtime_noevents" --benchmark_filter=BM_Hooks --benchmark_format=json >"$out/noevents-hooks-$i.json"
done
"$out/chanbench" >"$out/go.jsonl"
python3 "$root/bench/ratios.py" "$out"

# golite against CPython 3 and Go on the same programs.
if cmake --build "$build" --target poollab_bench_golite 2>/dev/null; then
  "$build/bench/poollab_bench_golite" --benchmark_format=json >"$out/golite.json"
  python3 "$root/bench/golite_ratios.py" "$out" "$root/bench/programs" "$go"
fi

# The window's frame, idle history and flat-out (ImGui's null backend: no display needed).
if cmake --build "$build" --target poollab_bench_frame poollab_bench_frame_live 2>/dev/null; then
  "$build/bench/poollab_bench_frame"
  "$build/bench/poollab_bench_frame_live"
fi
