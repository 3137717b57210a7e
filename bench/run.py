#!/usr/bin/env python3
"""modscope's benchmarks: figures and ratios against peers, run side by side
in one run.  Nothing here asserts on time; it prints.

  python3 bench/run.py [--build build] [--only scan,...] [--repeat N]

Sections:
  scan   `modscope imports` (one thread) over Debian's sympy, beside `cat` of
         the same files and CPython's `ast.parse` of them (issue #2 targets:
         >= 200 MB/s, >= 100x ast.parse).
Other sections are separate scripts in bench/ (each prints its own figures);
this driver runs them in turn.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

from _common import HERE, ROOT, py_files

SYMPY = "/usr/lib/python3/dist-packages/sympy"


def timed(argv, repeat, stdout=subprocess.DEVNULL, stdin_files=None):
    """Best wall time, and the CPU time of that run, of argv over repeat runs."""
    best = None
    for _ in range(repeat):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=stdout, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if best is None or wall < best[0]:
            best = (wall, cpu)
    return best


def bench_scan(build, repeat):
    files = py_files(SYMPY)
    size = sum(os.path.getsize(f) for f in files)
    mb = size / 1e6
    binary = os.path.join(ROOT, build, "modscope")
    listing = os.path.join(ROOT, build, "bench-sympy-files.txt")
    with open(listing, "w") as f:
        f.write("\n".join(files) + "\n")
    # Warm the page cache so every contender reads from memory.
    subprocess.run(["cat"] + files, stdout=subprocess.DEVNULL, check=False)
    cat = timed(["xargs", "-a", listing, "cat"], repeat)
    scan = timed([binary, "imports", "--jobs", "1", "--format", "json", SYMPY], repeat)
    facts = timed([binary, "facts", "--jobs", "1", "--format", "json", SYMPY], repeat)
    ast_code = ("import ast,sys\n"
                "for p in open(sys.argv[1]).read().split():\n"
                "    ast.parse(open(p,'rb').read())\n")
    astp = timed([sys.executable, "-c", ast_code, listing], max(1, repeat // 3))
    print(f"scan: {len(files)} files of sympy, {mb:.1f} MB")
    rows = [("cat", cat), ("modscope imports (1 thread)", scan),
            ("modscope facts (1 thread)", facts), ("python ast.parse", astp)]
    for name, (wall, cpu) in rows:
        print(f"  {name:30s} {wall:8.3f} s wall {cpu:8.3f} s cpu {mb / wall:9.1f} MB/s")
    print(f"  ratio: modscope imports is {astp[0] / scan[0]:.0f}x faster than ast.parse, "
          f"{scan[0] / cat[0]:.1f}x the time of cat")


SECTIONS = {"scan": bench_scan}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--only", default="")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    want = [s for s in args.only.split(",") if s] or list(SECTIONS)
    for name in want:
        SECTIONS[name](args.build, args.repeat)
    # Separate benchmark scripts of later stages (bench/<name>.py); modules
    # named _*.py are helpers they import, not benchmarks.
    for script in sorted(os.listdir(HERE)):
        if script.endswith(".py") and script != "run.py" and not script.startswith("_") and (
                not args.only or script[:-3] in want):
            print(f"== bench/{script}")
            subprocess.run([sys.executable, os.path.join(HERE, script), "--build", args.build],
                           check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
