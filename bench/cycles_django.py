#!/usr/bin/env python3
"""Django's import cycles as modscope, pylint and pyright see them.

  python3 bench/cycles_django.py [--build build] [--reuse] [--timeout 1200]

- modscope: `modscope cycles DJANGO --format json` (default kinds: eager and
  the parent packages they run) and `--kinds all`; `modscope graph` gives the
  kind of every import so each peer cycle can be explained.
- pylint: `pylint --disable=all --enable=cyclic-import django`, run from
  dist-packages with Debian's pylint (one process: pylint 2.16 does not merge
  the import graphs of parallel workers).
- pyright: pinned in bench/package.json (`npm ci --prefix bench`), run on a
  copy of django (files under the interpreter's search paths are library
  files, which pyright does not check) with reportImportCycles on and
  /usr/bin/python3 as pythonPath.

Each tool's cycles are normalised to sets of modules.  A tool's components
are its cycles merged when they share a module (for modscope: its strongly
connected components).  Every edge of every peer cycle is looked up in
modscope's graph to say which import kind makes modscope's default leave it
out.  The explanation of each class is in docs/cycles-vs-peers.md.

Raw outputs go to bench/out/ (kept for --reuse, which skips the slow peers
when their output is already there).  Nothing here asserts; it prints.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

from _common import DIST, OUT, PYRIGHT, ROOT, run_timed

DJANGO = os.path.join(DIST, "django")


def module_of(path, root):
    rel = os.path.relpath(path, root)[:-3]
    parts = rel.split(os.sep)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# ---- the tools ---------------------------------------------------------------

def modscope_cycles(binary, kinds_args):
    p = subprocess.run([binary, "cycles", DJANGO, "--format", "json"] + kinds_args,
                       capture_output=True, text=True, cwd=ROOT)
    return [set(c["modules"]) for c in json.loads(p.stdout)["components"]]


def modscope_edges(binary):
    p = subprocess.run([binary, "graph", DJANGO, "--format", "json"], capture_output=True,
                       text=True, cwd=ROOT)
    kinds = {}
    for e in json.loads(p.stdout)["edges"]:
        kinds.setdefault((e["from"], e["to"]), set()).add(e["kind"])
    return kinds


PYLINT_CYCLE = re.compile(r"Cyclic import \((.*)\) \(cyclic-import\)")


def pylint_cycles(args):
    raw = os.path.join(OUT, "pylint-django.txt")
    info = os.path.join(OUT, "pylint-django.json")
    if not (args.reuse and os.path.exists(raw) and os.path.exists(info)):
        with open(raw, "w") as out:
            rc, wall, cpu, rss = run_timed(["pylint", "--disable=all", "--enable=cyclic-import",
                                            "django"], cwd=DIST, timeout=args.timeout, stdout=out)
        with open(info, "w") as f:
            json.dump({"rc": rc, "wall": wall, "cpu": cpu, "rss": rss}, f)
    with open(info) as f:
        meta = json.load(f)
    cycles = []
    with open(raw) as f:
        for line in f:
            m = PYLINT_CYCLE.search(line)
            if m:
                cycles.append(m.group(1).split(" -> "))
    return cycles, meta


def pyright_cycles(args):
    raw = os.path.join(OUT, "pyright-django.json")
    info = os.path.join(OUT, "pyright-django.meta.json")
    work = os.path.join(OUT, "pyright-django")
    if not (args.reuse and os.path.exists(raw) and os.path.exists(info)):
        if not os.path.exists(PYRIGHT):
            print("pyright: not installed (npm ci --prefix bench); skipped")
            return None, None
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(DJANGO, os.path.join(work, "django"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(work, "pyrightconfig.json"), "w") as f:
            json.dump({"include": ["django"], "pythonPath": "/usr/bin/python3",
                       "typeCheckingMode": "off", "reportImportCycles": "error"}, f)
        with open(raw, "w") as out:
            rc, wall, cpu, rss = run_timed([PYRIGHT, "--outputjson", "-p", "pyrightconfig.json"],
                                           cwd=work, timeout=args.timeout, stdout=out)
        with open(info, "w") as f:
            json.dump({"rc": rc, "wall": wall, "cpu": cpu, "rss": rss, "root": work}, f)
    with open(info) as f:
        meta = json.load(f)
    with open(raw) as f:
        doc = json.load(f)
    cycles = []
    for d in doc.get("generalDiagnostics", []):
        if d.get("rule") != "reportImportCycles":
            continue
        files = [ln.strip() for ln in d["message"].splitlines()[1:] if ln.strip()]
        cycles.append([module_of(p, meta["root"]) for p in files])
    return cycles, meta


# ---- comparison ----------------------------------------------------------------

def merge(sets):
    """Sets sharing a member, merged (the components the cycles make up)."""
    comps = []
    for s in sets:
        s = set(s)
        keep = []
        for c in comps:
            if c & s:
                s |= c
            else:
                keep.append(c)
        comps = keep + [s]
    return sorted(comps, key=lambda c: (-len(c), sorted(c)[0]))


ORDER = ["eager", "guarded", "conditional", "dynamic", "lazy", "type_checking"]


def edge_class(kinds, a, b):
    """Why modscope's default does or does not count the import a -> b."""
    ks = kinds.get((a, b))
    if not ks:
        if a.startswith(b + "."):
            return "own-parent"   # b is a's package: in sys.modules before a runs
        return "no-edge"
    best = None
    for k in ks:
        base = k.split("+")[0]
        if best is None or ORDER.index(base) < ORDER.index(best):
            best = base
    return best


def cycle_class(kinds, cyc):
    """The weakest edge of a closed cycle: what modscope must also count to see it."""
    worst = "eager"
    rank = ORDER + ["own-parent", "no-edge"]
    for a, b in zip(cyc, cyc[1:] + cyc[:1]):
        c = edge_class(kinds, a, b)
        if rank.index(c) > rank.index(worst):
            worst = c
    return worst


def report_peer(name, cycles, meta, kinds, ms_eager, ms_all):
    if cycles is None:
        return
    status = "timed out" if meta["rc"] is None else f"exit {meta['rc']}"
    print(f"\n{name}: {len(cycles)} cycles reported ({status}, {meta['wall']:.1f} s wall, "
          f"{meta['cpu']:.1f} s cpu, {meta['rss'] / 1024:.0f} MiB peak)")
    sets = {frozenset(c) for c in cycles}
    comps = merge(sets)
    print(f"  {len(sets)} distinct module sets, {len(comps)} components, "
          f"{len(set().union(*sets)) if sets else 0} modules")
    hist = {}
    outside = []
    for cyc in cycles:
        # pylint closes its chains implicitly; pyright lists each file once.
        cls = cycle_class(kinds, cyc)
        hist[cls] = hist.get(cls, 0) + 1
        if cls == "eager" and not any(set(cyc) <= c for c in ms_eager):
            outside.append(cyc)
    print("  cycles by the weakest import on them (what modscope's default leaves out):")
    for cls in ORDER + ["own-parent", "no-edge"]:
        if cls in hist:
            print(f"    {cls:14s} {hist[cls]:4d}")
    print(f"  all-eager cycles not inside a modscope eager component: {len(outside)}")
    for cyc in outside[:5]:
        print("    " + " -> ".join(cyc))
    ms_cov = [c for c in ms_eager if any(set(x) <= c for x in sets)]
    ms_touch = [c for c in ms_eager if any(set(x) & c for x in sets)]
    print(f"  modscope eager components with a {name} cycle inside: {len(ms_cov)}/{len(ms_eager)}; "
          f"touched: {len(ms_touch)}/{len(ms_eager)}")
    for c in ms_eager:
        if c not in ms_touch:
            print(f"    only modscope: {sorted(c)}")
        elif c not in ms_cov:
            print(f"    modscope component with only part of a {name} cycle in it: {sorted(c)}")
    all_cov = sum(1 for x in sets if any(x <= c for c in ms_all))
    print(f"  {name} cycles inside a modscope --kinds all component: {all_cov}/{len(sets)}")
    nothere = [sorted(x) for x in sets if not any(x <= c for c in ms_all)]
    for x in nothere[:5]:
        print(f"    not in modscope --kinds all: {x}")
    common = [c for c in comps if c in [set(m) for m in ms_eager]]
    print(f"  components equal to a modscope eager component: {len(common)}")
    return sets


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--reuse", action="store_true", help="reuse the peers' outputs in bench/out/")
    ap.add_argument("--timeout", type=float, default=1200)
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    binary = os.path.join(ROOT, args.build, "modscope")
    if not os.path.isdir(DJANGO):
        print("cycles_django: python3-django is not installed; nothing to compare")
        return 0
    rc, wall, cpu, rss = run_timed([binary, "cycles", DJANGO, "--format", "json"])
    ms_eager = modscope_cycles(binary, [])
    ms_all = modscope_cycles(binary, ["--kinds", "all"])
    kinds = modscope_edges(binary)
    print(f"modscope: {len(ms_eager)} eager components ({sum(map(len, ms_eager))} modules; "
          f"{wall:.2f} s wall, {cpu:.2f} s cpu, {rss / 1024:.0f} MiB peak); "
          f"--kinds all: {len(ms_all)} components ({sum(map(len, ms_all))} modules)")
    for c in ms_eager:
        print(f"  {len(c):3d}  {', '.join(sorted(c))}")
    pl, plmeta = pylint_cycles(args)
    report_peer("pylint", pl, plmeta, kinds, ms_eager, ms_all)
    pr, prmeta = pyright_cycles(args)
    report_peer("pyright", pr, prmeta, kinds, ms_eager, ms_all)
    return 0


if __name__ == "__main__":
    sys.exit(main())
