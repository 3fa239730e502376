#!/usr/bin/env bash
# Runs lesson listings through the real Go toolchain, the judge of what Go does.
#
# Usage:
#   scripts/check_lessons_go.sh run <lesson> [--toggle NAME=on|off]... [--variant NAME=OPTION]...
#                                   [--set NAME=VALUE]... [--runs N] [--show-source]
#       Renders the listing with those settings exactly as docs/lesson-format.md
#       defines, runs `go vet` and the program, prints the outcome class
#       (completed / deadlock / panic / exit / fatal / timeout / compile_error),
#       the first stderr line, the wall time and stdout.
#   scripts/check_lessons_go.sh check [<lesson>...]
#       Static checks (gofmt, markers, params, quiz links) and every [[expect]]
#       whose oracle is not "skip", plus every predict question's settings, against
#       `go run`. No lesson given = every lesson. Exit status 1 if anything failed.
#   scripts/check_lessons_go.sh render <lesson> [settings...]
#       Prints the rendered main.go only.
#
# <lesson> is an id under assets/lessons/ or a path to a lesson folder.
# Environment: GO (default /usr/lib/go-1.23/bin/go), RUN_TIMEOUT (seconds, default 60).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export POOLLAB_ROOT="$here"
export GO="${GO:-/usr/lib/go-1.23/bin/go}"
export RUN_TIMEOUT="${RUN_TIMEOUT:-60}"
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod
exec python3 -c "$(cat <<'PY'
import os, re, shutil, subprocess, sys, tempfile, time, tomllib

ROOT = os.environ["POOLLAB_ROOT"]
GO = os.environ["GO"]
GOFMT = os.path.join(os.path.dirname(GO), "gofmt")
TIMEOUT = float(os.environ["RUN_TIMEOUT"])

TOGGLE_RE = re.compile(r"//\s*toggle:\s*([A-Za-z0-9_-]+)\s*$")
VARIANT_RE = re.compile(r"//\s*variant:\s*([A-Za-z0-9_-]+)=([A-Za-z0-9_-]+)\s*$")


def die(msg):
    print("error: " + msg, file=sys.stderr)
    sys.exit(64)


def lesson_dir(arg):
    d = arg if os.path.isdir(arg) else os.path.join(ROOT, "assets", "lessons", arg)
    if not os.path.isfile(os.path.join(d, "main.go")):
        die(f"no lesson at {d} (main.go missing)")
    return d


def is_commented(line):
    return line.lstrip().startswith("//")


def set_commented(line, commented):
    indent = line[: len(line) - len(line.lstrip())]
    body = line[len(indent):]
    if commented and not body.startswith("//"):
        return indent + "// " + body
    if not commented and body.startswith("//"):
        body = body[2:]
        return indent + (body[1:] if body.startswith(" ") else body)
    return line


def markers(src):
    toggles, variants = {}, {}
    for i, line in enumerate(src.split("\n")):
        m = TOGGLE_RE.search(line)
        if m:
            toggles.setdefault(m.group(1), []).append(i)
        m = VARIANT_RE.search(line)
        if m:
            variants.setdefault(m.group(1), {}).setdefault(m.group(2), []).append(i)
    return toggles, variants


def param_lines(src):
    """name -> (line index, match) of top-level integer constants."""
    out, in_block = {}, False
    for i, line in enumerate(src.split("\n")):
        if line.startswith("const ("):
            in_block = True
            continue
        if in_block and line.startswith(")"):
            in_block = False
            continue
        m = None
        if line.startswith("const "):
            m = re.match(r"^(const\s+([A-Za-z_]\w*)\s*(?:[A-Za-z_][\w.]*\s*)?=\s*)(-?\d+)(\b.*)$", line)
        elif in_block:
            m = re.match(r"^(\t([A-Za-z_]\w*)\s*(?:[A-Za-z_][\w.]*\s*)?=\s*)(-?\d+)(\b.*)$", line)
        if m:
            out[m.group(2)] = (i, m)
    return out


def render(src, toggles=None, variants=None, sets=None):
    toggles, variants, sets = toggles or {}, variants or {}, sets or {}
    lines = src.split("\n")
    tmarks, vmarks = markers(src)
    for name, on in toggles.items():
        if name not in tmarks:
            die(f"unknown toggle {name!r}; listing has {sorted(tmarks)}")
        for i in tmarks[name]:
            lines[i] = set_commented(lines[i], not on)
    for name, opt in variants.items():
        if name not in vmarks:
            die(f"unknown variant {name!r}; listing has {sorted(vmarks)}")
        if opt not in vmarks[name]:
            die(f"unknown option {opt!r} of variant {name!r}; listing has {sorted(vmarks[name])}")
        for o, idxs in vmarks[name].items():
            for i in idxs:
                lines[i] = set_commented(lines[i], o != opt)
    params = param_lines(src)
    for name, value in sets.items():
        if name not in params:
            die(f"unknown parameter {name!r}; listing has {sorted(params)}")
        i, m = params[name]
        lines[i] = m.group(1) + str(int(value)) + m.group(4)
    return "\n".join(lines)


def run_go(source, keep=None):
    """Vet, build and run; returns a dict describing what Go did."""
    tmp = tempfile.mkdtemp(prefix="poollab-go-")
    try:
        with open(os.path.join(tmp, "go.mod"), "w") as f:
            f.write("module poollab\n\ngo 1.23\n")
        with open(os.path.join(tmp, "main.go"), "w") as f:
            f.write(source)
        sim = os.path.join(ROOT, "assets", "sim", "sim.go")
        if os.path.isfile(sim):
            os.makedirs(os.path.join(tmp, "sim"))
            shutil.copy(sim, os.path.join(tmp, "sim", "sim.go"))
        res = {}
        b = subprocess.run([GO, "build", "-o", "prog", "."], cwd=tmp, capture_output=True, text=True)
        if b.returncode != 0:
            res.update(outcome="compile_error", message=(b.stderr.strip().split("\n") or [""])[-1],
                       stderr=b.stderr, stdout="", exit_code=1, seconds=0.0, vet="")
            return res
        v = subprocess.run([GO, "vet", "."], cwd=tmp, capture_output=True, text=True)
        res["vet"] = v.stderr.strip() if v.returncode != 0 else ""
        t0 = time.monotonic()
        try:
            p = subprocess.run([os.path.join(tmp, "prog")], cwd=tmp, capture_output=True, text=True,
                               timeout=TIMEOUT)
        except subprocess.TimeoutExpired as e:
            res.update(outcome="timeout", message=f"no exit within {TIMEOUT:g} s", exit_code=None,
                       stdout=(e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or ""),
                       stderr="", seconds=TIMEOUT)
            return res
        secs = time.monotonic() - t0
        first = next((l for l in p.stderr.split("\n") if l.strip()), "")
        if p.returncode == 0:
            outcome = "completed"
        elif first.startswith("fatal error: all goroutines are asleep"):
            outcome = "deadlock"
        elif first.startswith("panic: "):
            outcome = "panic"
        elif first.startswith("fatal error:"):
            outcome = "fatal"
        else:
            outcome = "exit"
        res.update(outcome=outcome, message=first if outcome != "completed" else "", exit_code=p.returncode,
                   stdout=p.stdout, stderr=p.stderr, seconds=secs)
        return res
    finally:
        if keep:
            shutil.copytree(tmp, keep, dirs_exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)


def parse_settings(args):
    toggles, variants, sets, rest = {}, {}, {}, []
    it = iter(args)
    for a in it:
        if a in ("--toggle", "--variant", "--set"):
            kv = next(it, None)
            if kv is None or "=" not in kv:
                die(f"{a} needs NAME=VALUE")
            k, v = kv.split("=", 1)
            if a == "--toggle":
                if v not in ("on", "off", "true", "false"):
                    die(f"--toggle {k} must be on or off")
                toggles[k] = v in ("on", "true")
            elif a == "--variant":
                variants[k] = v
            else:
                sets[k] = int(v)
        else:
            rest.append(a)
    return toggles, variants, sets, rest


def cmd_run(args):
    toggles, variants, sets, rest = parse_settings(args)
    runs, show, keep, lesson = 1, False, None, None
    it = iter(rest)
    for a in it:
        if a == "--runs":
            runs = int(next(it))
        elif a == "--show-source":
            show = True
        elif a == "--keep":
            keep = next(it)
        elif lesson is None:
            lesson = a
        else:
            die(f"unexpected argument {a!r}")
    if lesson is None:
        die("which lesson?")
    src = open(os.path.join(lesson_dir(lesson), "main.go")).read()
    out = render(src, toggles, variants, sets)
    if show:
        print(out)
    for n in range(runs):
        r = run_go(out, keep)
        if r.get("vet"):
            print("vet: " + r["vet"].replace("\n", "\nvet: "))
        print(f"outcome: {r['outcome']}")
        print(f"message: {r['message']}")
        print(f"exit_code: {r['exit_code']}")
        print(f"seconds: {r['seconds']:.3f}")
        print("stdout:")
        sys.stdout.write(r["stdout"])
        if runs > 1:
            print(f"--- run {n + 1}/{runs}")


class Checker:
    def __init__(self):
        self.failures = 0

    def fail(self, where, msg):
        self.failures += 1
        print(f"FAIL {where}: {msg}")

    def ok(self, where, msg=""):
        print(f"ok   {where}" + (f": {msg}" if msg else ""))


def settings_of(t):
    tg = {k: bool(v) for k, v in t.get("toggles", {}).items()}
    return tg, dict(t.get("variants", {})), {k: int(v) for k, v in t.get("set", {}).items()}


def vet_ok(r):
    # copylocks is the lesson of wg-by-value; every other vet finding is a failure.
    lines = [l for l in r.get("vet", "").split("\n") if l.strip() and not l.startswith("#")]
    return [l for l in lines if "lock by value" not in l and "copies lock" not in l]


def compare(c, where, e, r, oracle):
    if r["outcome"] != e.get("outcome"):
        c.fail(where, f"outcome {r['outcome']!r} ({r['message']}), expected {e.get('outcome')!r}")
        return
    if oracle == "outcome":
        c.ok(where, f"outcome {r['outcome']} (outcome only)")
        return
    bad = []
    if "message" in e and r["message"] != e["message"]:
        bad.append(f"message {r['message']!r} != {e['message']!r}")
    if "exit_code" in e and r["exit_code"] != e["exit_code"]:
        bad.append(f"exit code {r['exit_code']} != {e['exit_code']}")
    got_lines = r["stdout"].split("\n")
    if got_lines and got_lines[-1] == "":
        got_lines.pop()
    if "stdout" in e and r["stdout"] != e["stdout"]:
        bad.append(f"stdout {r['stdout']!r} != {e['stdout']!r}")
    if "stdout_sorted" in e and sorted(got_lines) != sorted(e["stdout_sorted"]):
        bad.append(f"sorted stdout {sorted(got_lines)} != {sorted(e['stdout_sorted'])}")
    for s in e.get("stdout_contains", []):
        if s not in r["stdout"]:
            bad.append(f"stdout lacks {s!r}")
    if "virtual_seconds" in e:
        v = float(e["virtual_seconds"])
        if abs(r["seconds"] - v) > 0.25 * v + 0.15:
            bad.append(f"wall time {r['seconds']:.3f} s far from virtual_seconds {v}")
    if bad:
        c.fail(where, "; ".join(bad))
    else:
        extra = f", {r['seconds']:.2f} s" if "virtual_seconds" in e else ""
        c.ok(where, f"{r['outcome']}{extra}")


def predict_choice_matches(q, choice, r):
    """Does an outcome-predict choice describe what Go did? None if undecidable."""
    c = choice.strip().lower()
    if c.startswith("complete"):
        return r["outcome"] == "completed"
    if c.startswith("deadlock"):
        return r["outcome"] == "deadlock"
    if c.startswith("panic"):
        if r["outcome"] != "panic":
            return False
        return c == "panic" or r["message"].lower() == c
    if c.startswith("leak"):
        return None  # Go exits silently; only PoolLab can see a leak
    return None


def check_lesson(c, d):
    lid = os.path.basename(os.path.normpath(d))
    src = open(os.path.join(d, "main.go")).read()
    try:
        meta = tomllib.load(open(os.path.join(d, "lesson.toml"), "rb"))
    except Exception as ex:  # noqa: BLE001 - report any parse failure
        c.fail(lid, f"lesson.toml: {ex}")
        return
    g = subprocess.run([GOFMT, "-l", os.path.join(d, "main.go")], capture_output=True, text=True)
    if g.stdout.strip() or g.returncode:
        c.fail(lid, "main.go is not gofmt-clean " + g.stderr.strip())
    if meta.get("id") != lid:
        c.fail(lid, f"id {meta.get('id')!r} != folder name")
    if len(meta.get("hints", [])) != 3:
        c.fail(lid, "hints must hold exactly three entries")
    tmarks, vmarks = markers(src)
    params = param_lines(src)
    for p in meta.get("params", []):
        if p["name"] not in params:
            c.fail(lid, f"param {p['name']} is not a top-level integer const")
            continue
        cur = int(params[p["name"]][1].group(3))
        if not p["min"] <= cur <= p["max"]:
            c.fail(lid, f"param {p['name']} default {cur} outside [{p['min']}, {p['max']}]")
    if sorted(t["name"] for t in meta.get("toggles", [])) != sorted(tmarks):
        c.fail(lid, f"toggles in toml {sorted(t['name'] for t in meta.get('toggles', []))} != listing {sorted(tmarks)}")
    for v in meta.get("variants", []):
        if sorted(v["options"]) != sorted(vmarks.get(v["name"], {})):
            c.fail(lid, f"variant {v['name']} options {v['options']} != listing {sorted(vmarks.get(v['name'], {}))}")
        lines = src.split("\n")
        active = [o for o, idxs in vmarks.get(v["name"], {}).items() if not any(is_commented(lines[i]) for i in idxs)]
        if len(active) != 1:
            c.fail(lid, f"variant {v['name']}: the shipped listing must enable exactly one option, has {active}")
    expects = {e["name"]: e for e in meta.get("expect", [])}
    if not expects or meta["expect"][0]["name"] != "defaults":
        c.fail(lid, "the first [[expect]] must be named defaults")
    # every toggle and variant option is covered by some expectation
    for t in tmarks:
        default_on = not is_commented(src.split("\n")[tmarks[t][0]])
        if not any(t in e.get("toggles", {}) and e["toggles"][t] != default_on for e in expects.values()):
            c.fail(lid, f"no [[expect]] flips toggle {t}")
    for v, opts in vmarks.items():
        for o in opts:
            lines = src.split("\n")
            shipped = not is_commented(lines[opts[o][0]])
            if not shipped and not any(e.get("variants", {}).get(v) == o for e in expects.values()):
                c.fail(lid, f"no [[expect]] selects variant {v}={o}")
    runs = {}

    def go_for(settings):
        key = repr(settings)
        if key not in runs:
            runs[key] = run_go(render(src, *settings))
        return runs[key]

    for e in meta.get("expect", []):
        where = f"{lid} expect {e['name']!r}"
        oracle = e.get("oracle", "same")
        if oracle == "skip":
            if not e.get("oracle_why"):
                c.fail(where, "oracle = skip needs oracle_why")
            else:
                c.ok(where, "skipped: " + e["oracle_why"])
            continue
        r = go_for(settings_of(e))
        for l in vet_ok(r):
            c.fail(where, "go vet: " + l)
        compare(c, where, e, r, oracle)
    ids = set()
    for q in meta.get("quiz", []):
        where = f"{lid} quiz {q.get('id')!r}"
        if q.get("id") in ids:
            c.fail(where, "duplicate id")
        ids.add(q.get("id"))
        if not q.get("lesson"):
            c.fail(where, "no lesson link")
        elif not os.path.isdir(os.path.join(ROOT, "assets", "lessons", q["lesson"])):
            c.fail(where, f"links to missing lesson {q['lesson']!r}")
        kind = q.get("kind")
        if kind in ("choice", "predict"):
            n = len(q.get("choices", []))
            if n < 2 or len(q.get("explanations", [])) != n or not q.get("answer") \
                    or any(not 0 <= a < n for a in q["answer"]):
                c.fail(where, "choices / explanations / answer do not line up")
                continue
        if kind == "predict":
            # An [[expect]] with the same settings tells how far go run can be trusted.
            same = [e for e in meta.get("expect", []) if settings_of(e) == settings_of(q)]
            oracle = same[0].get("oracle", "same") if same else "same"
            if oracle == "skip":
                c.ok(where, "skipped like expect " + repr(same[0]["name"]))
                continue
            r = go_for(settings_of(q))
            if oracle == "outcome" and q.get("predict") != "outcome":
                if r["outcome"] == same[0].get("outcome"):
                    c.ok(where, f"Go: {r['outcome']} (outcome only, like expect {same[0]['name']!r})")
                else:
                    c.fail(where, f"Go: {r['outcome']} {r['message']}, expect {same[0]['name']!r} says {same[0].get('outcome')}")
                continue
            if q.get("predict") == "outcome":
                for i, ch in enumerate(q["choices"]):
                    m = predict_choice_matches(q, ch, r)
                    if m is not None and m != (i in q["answer"]):
                        c.fail(where, f"choice {ch!r} marked {'right' if i in q['answer'] else 'wrong'}, Go says {r['outcome']} {r['message']}")
                        break
                else:
                    c.ok(where, f"Go: {r['outcome']}")
            elif q.get("predict") == "duration":
                want = q["choices"][q["answer"][0]]
                m = re.search(r"([0-9.]+)\s*s", want)
                if not m or abs(r["seconds"] - float(m.group(1))) > 0.25 * float(m.group(1)) + 0.15:
                    c.fail(where, f"answer {want!r}, Go took {r['seconds']:.2f} s")
                else:
                    c.ok(where, f"Go took {r['seconds']:.2f} s")
            elif q.get("predict") == "output":
                # An output choice lists the printed lines in order, separated by ", " or newlines.
                want = q["choices"][q["answer"][0]]
                want_lines = [l.strip() for l in re.split(r",\s|\n", want) if l.strip()]
                got_lines = [l.strip() for l in r["stdout"].split("\n") if l.strip()]
                if want_lines != got_lines:
                    c.fail(where, f"answer {want!r}, Go printed {r['stdout']!r}")
                else:
                    c.ok(where, f"Go printed {', '.join(got_lines)}")
        elif kind == "spot":
            text = render(src, *settings_of(q))
            if q.get("answer_line", "\0") not in text or not q.get("explanation"):
                c.fail(where, f"answer_line {q.get('answer_line')!r} not in the listing, or no explanation")
            else:
                c.ok(where)
        elif kind == "fill":
            ex = expects.get(q.get("expect"))
            if q.get("blank") not in tmarks or ex is None or not q.get("explanation"):
                c.fail(where, "fill needs a blank toggle, an existing expect and an explanation")
            elif any(l.strip() not in src for l in q.get("solution", "\0").split("\n")):
                c.fail(where, f"solution {q.get('solution')!r} does not appear in the listing")
            else:
                c.ok(where)
        elif kind != "choice":
            c.fail(where, f"unknown kind {kind!r}")


def cmd_check(args):
    c = Checker()
    if not args:
        base = os.path.join(ROOT, "assets", "lessons")
        args = sorted(x for x in os.listdir(base) if os.path.isfile(os.path.join(base, x, "main.go")))
    for a in args:
        check_lesson(c, lesson_dir(a))
    print(f"{c.failures} failure(s)")
    sys.exit(1 if c.failures else 0)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: check_lessons_go.sh run <lesson> [--toggle N=on|off] [--variant N=O] [--set N=V] [--runs K] [--show-source]\n"
              "       check_lessons_go.sh check [<lesson>...]\n"
              "       check_lessons_go.sh render <lesson> [settings...]")
        sys.exit(0 if argv else 64)
    cmd, args = argv[0], argv[1:]
    if cmd == "run":
        cmd_run(args)
    elif cmd == "check":
        cmd_check(args)
    elif cmd == "render":
        toggles, variants, sets, rest = parse_settings(args)
        if len(rest) != 1:
            die("render needs exactly one lesson")
        sys.stdout.write(render(open(os.path.join(lesson_dir(rest[0]), "main.go")).read(), toggles, variants, sets))
    else:
        die(f"unknown command {cmd!r}; use run, check or render")


main(sys.argv[1:])
PY
)" "$@"
