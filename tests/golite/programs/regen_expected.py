#!/usr/bin/env python3
"""Regenerate NNN_name.expected for every NNN_name.go here from the real Go toolchain.

Each program is built in a scratch module `poollab` (so `import "poollab/sim"`
resolves to assets/sim/sim.go) and the binary is run directly, so the exit
status and stderr are the program's own. The .expected format:

    exit: <status>
    stderr: <first stderr line, compile errors as file:line:col: message>
    stdout:
    <stdout, verbatim>

Usage: tests/golite/programs/regen_expected.py [GO] [NAME.go...]
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
GO = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].endswith(".go") else "/usr/lib/go-1.23/bin/go"


def first_stderr_line(text):
    for line in text.splitlines():
        if line.startswith("# "):
            continue  # go build's package header
        return line[2:] if line.startswith("./") else line
    return ""


def run_one(path):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "go.mod"), "w") as f:
            f.write("module poollab\n\ngo 1.23\n")
        os.makedirs(os.path.join(tmp, "sim"))
        shutil.copy(os.path.join(ROOT, "assets", "sim", "sim.go"), os.path.join(tmp, "sim", "sim.go"))
        shutil.copy(path, os.path.join(tmp, "main.go"))
        build = subprocess.run([GO, "build", "-o", "prog", "main.go"], cwd=tmp, capture_output=True, text=True)
        if build.returncode != 0:
            return 1, first_stderr_line(build.stderr), ""
        run = subprocess.run([os.path.join(tmp, "prog")], cwd=tmp, capture_output=True, text=True, timeout=120)
        return run.returncode, first_stderr_line(run.stderr), run.stdout


def main():
    names = [a for a in sys.argv[1:] if a.endswith(".go")]
    if not names:
        names = sorted(n for n in os.listdir(HERE) if n.endswith(".go"))
    for name in names:
        code, err, out = run_one(os.path.join(HERE, name))
        with open(os.path.join(HERE, name[:-3] + ".expected"), "w") as f:
            f.write(f"exit: {code}\nstderr: {err}\nstdout:\n{out}")
        print(f"{name}: exit {code} {err}")


if __name__ == "__main__":
    main()
