#!/usr/bin/env python3
"""Benchmark of `modscope order` (issue #5): every module of Debian's sympy
predicted as an entry (`python -c "import M"` in a fresh interpreter), in
one batch run (`modscope order -` reads entries from stdin and shares the
state after importing the top-level package between entries).  Prints the
wall and CPU time of the batch, per-entry time, and the outcome tallies;
for comparison, the time of one real `import sympy`.  Target: under 5 s.

  python3 bench/order.py [--build build]
"""
import argparse
import collections
import json
import os
import resource
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SITE = "/usr/lib/python3/dist-packages"


def sympy_modules():
    out = []
    base = os.path.join(SITE, "sympy")
    for d, dirs, files in os.walk(base):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__"
                         and os.path.exists(os.path.join(d, x, "__init__.py")))
        rel = os.path.relpath(d, SITE).replace(os.sep, ".")
        for f in sorted(files):
            if f.endswith(".py"):
                n = rel if f == "__init__.py" else rel + "." + f[:-3]
                if all(p.isidentifier() for p in n.split(".")):
                    out.append(n)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    args = ap.parse_args()
    binary = os.path.join(ROOT, args.build, "modscope")
    names = sympy_modules()
    cwd = tempfile.mkdtemp(prefix="modscope-bench-order-")
    # warm the interpreter-facts cache first
    subprocess.run([binary, "order", "sympy", "--python", "/usr/bin/python3"], cwd=cwd,
                   capture_output=True)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([binary, "order", "-", "--python", "/usr/bin/python3"],
                       input="\n".join(names) + "\n", cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    tally = collections.Counter(json.loads(l)["outcome"] for l in p.stdout.splitlines())
    t0 = time.perf_counter()
    subprocess.run(["/usr/bin/python3", "-c", "import sympy"], cwd=cwd, capture_output=True)
    real = time.perf_counter() - t0
    print(f"order: {len(names)} sympy modules as entries: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"({1000 * wall / max(1, len(names)):.2f} ms per entry; target < 5 s)")
    print(f"order: outcomes {dict(sorted(tally.items()))}")
    print(f"order: one real `python3 -c 'import sympy'`: {real:.2f} s")


if __name__ == "__main__":
    main()
