"""Times the bench programs in CPython 3 and Go (same run) beside golite."""
import json
import subprocess
import sys
import time
from pathlib import Path

out, programs, go = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
golite = {b["name"].split("/")[0]: b["real_time"] for b in json.loads((out / "golite.json").read_text())["benchmarks"]}


def best_of(cmd, n=3):
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return best * 1000


print("\n| program | golite | vs CPython 3 | vs Go |")
print("|---|---|---|---|")
for name, bench in (("fib", "BM_Golite_Fib27"), ("loop", "BM_Golite_Loop10M"), ("pool", "BM_Golite_Pool100k")):
    binary = out / f"go-{name}"
    subprocess.run([go, "build", "-o", str(binary), str(programs / f"{name}.go")], check=True)
    py = best_of([sys.executable, str(programs / f"{name}.py")])
    gg = best_of([str(binary)])
    g = golite[bench]
    print(f"| {name} | {g:.0f} ms | {g / py:.2f}x ({py:.0f} ms) | {g / gg:.1f}x ({gg:.0f} ms) |")
