#!/usr/bin/env python3
"""How long `modscope resolve` takes for every absolute import name found in
sympy and django (Debian's python3-sympy, python3-django), beside the
interpreter's own loop over the same names (importlib.util.find_spec, which
imports parent packages, and PathFinder.find_spec-based static walking which
imports nothing), in one run.

    python3 bench/resolve.py [--build build] [--python /usr/bin/python3] [--repeat 3]
"""
import argparse
import ast
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LOOP = r"""
import importlib.util, importlib.machinery as m, sys, time, io, contextlib
names = sys.stdin.read().split()
mode = sys.argv[1]
t0 = time.perf_counter()
found = 0
cache = {}
def static(name):
    if name in cache:
        return cache[name]
    parent = name.rpartition('.')[0]
    spec = None
    if parent:
        ps = static(parent)
        if ps is not None and ps.submodule_search_locations is not None:
            spec = m.FrozenImporter.find_spec(name) or m.PathFinder._get_spec(name, list(ps.submodule_search_locations))
            if spec is not None and spec.loader is None and not spec.submodule_search_locations:
                spec = None
    else:
        spec = m.BuiltinImporter.find_spec(name) or m.FrozenImporter.find_spec(name) or m.PathFinder.find_spec(name)
    cache[name] = spec
    return spec
sink = io.StringIO()
for n in names:
    try:
        if mode == "find_spec":
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                s = importlib.util.find_spec(n)
        else:
            s = static(n)
    except BaseException:
        s = None
    found += s is not None
print(f"{time.perf_counter() - t0:.6f} {found}")
"""


def import_names(package_dir):
    names = set()
    for root, dirs, files in os.walk(package_dir):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for f in files:
            if not f.endswith(".py"):
                continue
            try:
                with open(os.path.join(root, f), "rb") as fh:
                    tree = ast.parse(fh.read())
            except (SyntaxError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(a.name for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module)
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    modscope = os.path.join(ROOT, args.build, "modscope")
    dirs = subprocess.run([args.python, "-c", "import sympy, django, os; print(os.path.dirname(sympy.__file__));"
                           " print(os.path.dirname(django.__file__))"], capture_output=True, text=True,
                          check=True).stdout.split()
    names = set()
    for d in dirs:
        names |= import_names(d)
    names = sorted(names)
    text = "\n".join(names) + "\n"
    print(f"names: {len(names)} distinct absolute import names in sympy and django")
    subprocess.run([modscope, "env", "--python", args.python], capture_output=True)  # warm the cache
    best = {}
    found = {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        p = subprocess.run([modscope, "resolve", "-", "--python", args.python], input=text,
                           capture_output=True, text=True)
        dt = time.perf_counter() - t0
        best["modscope"] = min(best.get("modscope", dt), dt)
        found["modscope"] = p.stdout.count('"found": true')
        for mode in ("pathfinder", "find_spec"):
            q = subprocess.run([args.python, "-c", LOOP, mode], input=text, capture_output=True, text=True,
                               cwd="/", env=dict(os.environ, SETUPTOOLS_USE_DISTUTILS="stdlib"))
            loop_t, n = q.stdout.split()
            best[mode] = min(best.get(mode, float(loop_t)), float(loop_t))
            found[mode] = int(n)
    print(f"modscope resolve (whole process, cached env): {best['modscope'] * 1000:8.1f} ms, {found['modscope']} found")
    print(f"python PathFinder loop (loop only):           {best['pathfinder'] * 1000:8.1f} ms, {found['pathfinder']} found")
    print(f"python importlib.util.find_spec (loop only):  {best['find_spec'] * 1000:8.1f} ms, {found['find_spec']} found")
    print(f"ratio find_spec / modscope: {best['find_spec'] / best['modscope']:.1f}x;"
          f" PathFinder / modscope: {best['pathfinder'] / best['modscope']:.1f}x")


main()
