"""Puts PoolLab's benchmark figures beside their comparators as ratios."""
import json
import sys
from pathlib import Path

out = Path(sys.argv[1])
cpp = {b["name"]: b for b in json.loads((out / "runtime.json").read_text())["benchmarks"]}
noev = {b["name"]: b for b in json.loads((out / "noevents.json").read_text())["benchmarks"]}
go = {}
for line in (out / "go.jsonl").read_text().splitlines():
    r = json.loads(line)
    go[r["name"]] = r


def ns_per_item(b):
    return 1e9 / b["items_per_second"]


rows = []
pp, pc = cpp["BM_PingPong_Runtime/iterations:3/real_time"], cpp["BM_PingPong_CondVar/iterations:3/real_time"]
g = go["BM_PingPong"]
for p in ("p50_ns", "p99_ns", "p999_ns"):
    rows.append((f"ping-pong one-way {p[:-3]}", f"{pp[p]:.0f} ns", f"{pp[p] / g[p]:.2f}x Go ({g[p]:.0f} ns)",
                 f"{pp[p] / pc[p]:.2f}x cond-var ({pc[p]:.0f} ns)"))
for cap in (1, 64, 1024):
    for pairs in (1, 2):
        r = cpp[f"BM_Buffered_Runtime/{cap}/{pairs}/real_time"]
        c = cpp[f"BM_Buffered_CondVar/{cap}/{pairs}/real_time"]
        gg = go[f"BM_Buffered/{cap}/{pairs}"]
        n = ns_per_item(r)
        rows.append((f"buffered cap {cap}, {pairs} pair(s)", f"{n:.0f} ns/item", f"{n / gg['ns_per_op']:.2f}x Go ({gg['ns_per_op']:.0f})",
                     f"{n / ns_per_item(c):.2f}x cond-var ({ns_per_item(c):.0f})"))
for w in (1, 2, 4):
    r = cpp[f"BM_Pool_Runtime/{w}/iterations:2/real_time"]
    c = cpp[f"BM_Pool_CondVar/{w}/iterations:2/real_time"]
    gg = go[f"BM_Pool/{w}"]
    n = ns_per_item(r)
    rows.append((f"pool 1M empty jobs, cap 1024, {w} worker(s)", f"{n:.0f} ns/job", f"{n / gg['ns_per_op']:.2f}x Go ({gg['ns_per_op']:.0f})",
                 f"{n / ns_per_item(c):.2f}x cond-var ({ns_per_item(c):.0f})"))


def tables(pattern, first):
    found = [first] + [{b["name"]: b for b in json.loads(p.read_text())["benchmarks"]} for p in sorted(out.glob(pattern))]
    return found


def fastest(tabs, name):
    # The fastest repetition of every run (the builds took turns); Google Benchmark
    # reports the inverted rate in seconds per event.
    return min(t[name + "_min"]["ns_per_event"] * 1e9 for t in tabs if name + "_min" in t)


runs = tables("hooks-*.json", cpp)
none = fastest(runs, "BM_Hooks_NoObserver/repeats:5/real_time")
obs = fastest(runs, "BM_Hooks_Observed/repeats:5/real_time")
discarding = fastest(runs, "BM_Hooks_ObservedDiscarding/repeats:5/real_time")
virtual = fastest(runs, "BM_Hooks_ObservedVirtualClock/repeats:5/real_time")
locked = fastest(runs, "BM_Hooks_NoObserverLocked/repeats:5/real_time")
base = fastest(tables("noevents-hooks-*.json", noev), "BM_Hooks_Uninstrumented/repeats:5/real_time")
rows.append(("per event, no observer (fastest)", f"{none:.1f} ns", f"{none / base:.3f}x uninstrumented build ({base:.1f} ns)", ""))
rows.append(("per event, no observer, locked path (fastest)", f"{locked:.1f} ns", f"+{locked - none:.1f} ns over no observer (the lock's share)", ""))
rows.append(("per event, observer discarding (fastest)", f"{discarding:.1f} ns", f"+{discarding - none:.1f} ns over no observer", ""))
rows.append(("per event, observer draining (fastest)", f"{obs:.1f} ns", f"+{obs - none:.1f} ns over no observer, +{obs - locked:.1f} over the locked path", ""))
rows.append(("per event, observer draining, virtual clock (fastest)", f"{virtual:.1f} ns", f"+{virtual - none:.1f} ns over no observer, +{virtual - locked:.1f} over the locked path", ""))

print("| scenario | PoolLab | vs Go | vs mutex+condvar |")
print("|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
