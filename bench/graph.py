#!/usr/bin/env python3
"""`modscope graph` and `modscope cycles` on sympy, side by side with `cat` of
the same files, pylint's cyclic-import and pyright's reportImportCycles.

  python3 bench/graph.py [--build build] [--repeat 3] [--timeout 600] [--reuse]

Every contender runs in a fresh process, timed with wait4(): wall time,
CPU time (user + sys) and peak RSS.  The fast ones run --repeat rounds, one
run of each per round in turn (so a slow spell of the machine hits all of
them alike), and each one's best wall time is kept (with that run's CPU and
RSS); pylint and pyright
run once, time-limited (a run that hits the limit is reported as a lower
bound).  Issue #4's targets: graph within 2x the wall time of cat on 2
cores, peak memory under 3x the source bytes, at least 100x faster than
pylint.  --reuse keeps the pylint/pyright figures from an earlier run
(bench/out/graph-peers.json).  Nothing here asserts; it prints.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

from _common import DIST, OUT, PYRIGHT, ROOT, py_files, run_timed

SYMPY = os.path.join(DIST, "sympy")


def run_once(argv, cwd=None, timeout=None):
    """(finished, wall, cpu, peak rss bytes) of argv in a fresh process."""
    rc, wall, cpu, rss = run_timed(argv, cwd, timeout)
    return rc is not None, wall, cpu, rss * 1024


def best_of(contenders, repeat):
    """{name: best run} of [(name, argv)], run in interleaved rounds."""
    runs = {name: [] for name, _ in contenders}
    for _ in range(repeat):
        for name, argv in contenders:
            runs[name].append(run_once(argv))
    return [(name, min(runs[name], key=lambda r: r[1])) for name, _ in contenders]


def peers(args, files):
    cache = os.path.join(OUT, "graph-peers.json")
    if args.reuse and os.path.exists(cache):
        with open(cache) as f:
            return {k: tuple(v) for k, v in json.load(f).items()}
    res = {}
    res["pylint cyclic-import"] = run_once(
        ["pylint", "--disable=all", "--enable=cyclic-import", "sympy"], cwd=DIST,
        timeout=args.timeout)
    if os.path.exists(PYRIGHT):
        work = os.path.join(OUT, "pyright-sympy")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(SYMPY, os.path.join(work, "sympy"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(work, "pyrightconfig.json"), "w") as f:
            json.dump({"include": ["sympy"], "pythonPath": "/usr/bin/python3",
                       "typeCheckingMode": "off", "reportImportCycles": "error"}, f)
        res["pyright reportImportCycles"] = run_once(
            [PYRIGHT, "--outputjson", "-p", "pyrightconfig.json"], cwd=work,
            timeout=args.timeout)
    with open(cache, "w") as f:
        json.dump(res, f)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--reuse", action="store_true")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    if not os.path.isdir(SYMPY):
        print("graph: python3-sympy is not installed; nothing to measure")
        return 0
    binary = os.path.join(ROOT, args.build, "modscope")
    files = py_files(SYMPY)
    size = sum(os.path.getsize(f) for f in files)
    listing = os.path.join(OUT, "sympy-files.txt")
    with open(listing, "w") as f:
        f.write("\n".join(files) + "\n")
    subprocess.run(["cat"] + files, stdout=subprocess.DEVNULL, check=False)  # warm the cache
    subprocess.run([binary, "graph", SYMPY], stdout=subprocess.DEVNULL, check=False)
    rows = best_of([
        ("cat", ["xargs", "-a", listing, "cat"]),
        ("modscope graph", [binary, "graph", SYMPY]),
        ("modscope graph --jobs 1", [binary, "graph", SYMPY, "--jobs", "1"]),
        ("modscope graph --include-external", [binary, "graph", SYMPY, "--include-external"]),
        ("modscope cycles", [binary, "cycles", SYMPY]),
    ], args.repeat)
    rows += sorted(peers(args, files).items())
    print(f"graph: {len(files)} files of sympy, {size / 1e6:.1f} MB, {os.cpu_count()} cores")
    for name, (finished, wall, cpu, rss) in rows:
        bound = "" if finished else "  (time limit hit: a lower bound)"
        if finished:
            print(f"  {name:34s} {wall:9.3f} s wall {cpu:9.3f} s cpu {rss / 2**20:8.1f} MiB peak")
        else:  # killed: its CPU time and peak were not collected
            print(f"  {name:34s} {wall:9.3f} s wall         ? s cpu        ? MiB peak{bound}")
    fig = dict(rows)
    cat, graph = fig["cat"], fig["modscope graph"]
    print(f"  graph / cat wall: {graph[1] / cat[1]:.2f}x (target <= 2)")
    print(f"  graph peak RSS / source bytes: {graph[3] / size:.2f}x (target < 3)")
    print(f"  cycles / cat wall: {fig['modscope cycles'][1] / cat[1]:.2f}x")
    for name, (finished, wall, _, _) in rows:
        if name.startswith(("pylint", "pyright")):
            ge = "" if finished else ">= "
            print(f"  {name} / graph wall: {ge}{wall / graph[1]:.0f}x"
                  + (" (target >= 100)" if name.startswith("pylint") else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
