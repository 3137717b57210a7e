#!/usr/bin/env python3
"""The module graph (issue #4) against the interpreter.

For every fixture project under tests/cases/graph/ and every local module M,
each of the two interpreters (python3 on PATH, /usr/bin/python3) runs
`import M` in a fresh subprocess with a sys.meta_path recorder (a finder
that writes down every name it is asked for and finds nothing), with the
fixture's source roots on PYTHONPATH.  What ran = the local modules that
were asked for or are new in sys.modules afterwards.  Against
`modscope graph --format json --include-external --python <same interpreter>`:

  soundness     every module reachable from M (and the parent packages
                `import M` runs first) over eager+parent edges ran;
  completeness  every local module that ran is reachable over eager,
                guarded, conditional, dynamic and parent edges;
  not run       what is reachable only through lazy or type_checking
                edges did not run.

The queries are checked against the same recordings where the interpreter
can tell (deps over eager+parent is a subset of what ran, deps over the
runtime kinds a superset; rdeps, affected and why likewise; every member of
an eager cycle runs all the others), and against the graph itself where it
cannot (why finds a chain iff deps reaches; cycles = the strongly connected
components computed here over the same edges; removing the cut leaves no
cycle; affected = the file's module and its rdeps).  The exact text of each
command is pinned by golden cases that were reviewed by hand:
tests/cases/graph/*/{cmd,expected} (run by `tests/run.py --only cases`).

Determinism: `graph` output is byte-identical over 5 runs and over
--jobs 1, 2, 3 and 8, on every fixture and on Debian's sympy and django.

Prints "N passed, N failed" last.
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(ROOT, "tests", "cases", "graph")
MODSCOPE = os.path.abspath(os.environ.get("MODSCOPE", os.path.join(ROOT, "build", "modscope")))
DIST = "/usr/lib/python3/dist-packages"

# name, PATH given to `modscope graph` (relative to the fixture), the
# fixture's sys.path roots (relative, in order).
FIXTURES = [
    ("kinds", ".", ["src"]),
    ("parents", ".", ["."]),
    ("cycles", ".", ["."]),
    ("pkgdirect", "lib/mypkg", ["lib"]),
    ("external", ".", ["."]),
    ("broken", ".", ["."]),
]

ALL = {"eager", "guarded", "conditional", "type_checking", "lazy", "dynamic"}
EAGER = {"eager", "parent"}
RUNTIME = {"eager", "guarded", "conditional", "dynamic", "parent"}

RECORDER = r'''
import json, sys
asked = []
class Recorder:
    """Writes down every name the import system looks for; finds nothing."""
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        asked.append(name)
        return None
sys.meta_path.insert(0, Recorder)
before = set(sys.modules)
error = None
try:
    __import__(sys.argv[1])
except BaseException as e:
    error = "%s: %s" % (type(e).__name__, e)
new = [m for m in sys.modules if m not in before]
print(json.dumps({"asked": asked, "new": new, "error": error}))
'''


class Counter:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, label, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {label}" + (f": {detail}" if detail else ""))
        return ok


def interpreters():
    out = []
    for p in (shutil.which("python3"), "/usr/bin/python3"):
        if p and os.path.exists(p) and os.path.realpath(p) not in [os.path.realpath(q) for q in out]:
            out.append(p)
    return out


def modscope(args, cwd):
    p = subprocess.run([MODSCOPE] + args, cwd=cwd, capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ---- the graph, as read from `modscope graph --format json` -----------------

class Graph:
    def __init__(self, doc):
        self.nodes = {n["module"]: n for n in doc["nodes"]}
        self.edges = doc["edges"]
        self.out = {}
        for e in self.edges:
            self.out.setdefault(e["from"], []).append(e)

    def local(self):
        return sorted(m for m, n in self.nodes.items() if n["kind"] == "local")

    @staticmethod
    def passes(edge, mask):
        kinds = set(edge["kind"].split("+"))
        if "parent" in kinds and "parent" not in mask:
            return False
        return bool((kinds - {"parent"}) & mask)

    def reach(self, starts, mask):
        seen = set(starts)
        todo = list(starts)
        while todo:
            m = todo.pop()
            for e in self.out.get(m, []):
                if self.passes(e, mask) and e["to"] not in seen:
                    seen.add(e["to"])
                    todo.append(e["to"])
        return seen

    def sccs(self, mask):
        """Components with a cycle (size > 1 or a self-import), by brute force."""
        names = sorted(self.nodes)
        fwd = {m: self.reach([m], mask) for m in names}
        comps, done = [], set()
        for m in names:
            if m in done:
                continue
            comp = sorted(x for x in fwd[m] if m in fwd[x])
            done.update(comp)
            self_loop = any(e["to"] == m and self.passes(e, mask) for e in self.out.get(m, []))
            if len(comp) > 1 or self_loop:
                comps.append(comp)
        return comps


def ancestors(name):
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def mask_arg(mask):
    return ",".join(sorted(mask))


# ---- the interpreter ---------------------------------------------------------

def run_import(python, fixture_dir, roots, module):
    env = dict(os.environ)
    env.pop("PYTHONHOME", None)
    env["PYTHONPATH"] = os.pathsep.join(os.path.join(fixture_dir, r) for r in roots)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    p = subprocess.run([python, "-c", RECORDER, module], cwd=os.path.join(fixture_dir, roots[0]),
                       env=env, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError(f"{python} recorder failed on {module}: {p.stderr[-2000:]}")
    return json.loads(p.stdout.splitlines()[-1])


# ---- checks ------------------------------------------------------------------

def check_imports(c, python, name, fdir, roots, g, ran_by, failed):
    local = set(g.local())
    for m in g.local():
        rec = run_import(python, fdir, roots, m)
        ran = (set(rec["asked"]) | set(rec["new"])) & local
        starts = [m] + [a for a in ancestors(m) if a in g.nodes]
        label = f"{os.path.basename(python)} {name}: import {m}"
        if rec["error"]:
            # The import failed part way: only completeness holds, and the
            # failure must be explained by a file modscope reported.
            runtime = g.reach(starts, RUNTIME)
            c.check(ran <= runtime, label + " (failed) completeness", sorted(ran - runtime))
            failed[m] = rec["error"]
            continue
        ran_by[m] = ran
        sound = g.reach(starts, EAGER) & local
        c.check(sound <= ran, label + " soundness: eager+parent targets ran",
                f"not run: {sorted(sound - ran)}")
        runtime = g.reach(starts, RUNTIME)
        c.check(ran <= runtime, label + " completeness: what ran is reachable at runtime",
                f"unexplained: {sorted(ran - runtime)}")
        only_later = g.reach(starts, ALL | {"parent"}) - runtime
        c.check(not (only_later & ran), label + " lazy/type_checking-only targets did not run",
                f"ran: {sorted(only_later & ran)}")


def check_failures(c, python, name, g, problems, failed):
    """An import that fails in the interpreter reaches a file modscope reported."""
    for m, error in sorted(failed.items()):
        starts = [m] + ancestors(m)
        files = {g.nodes[x]["file"] for x in g.reach(starts, EAGER) if x in g.nodes}
        c.check(any(f in problems for f in files),
                f"{os.path.basename(python)} {name}: import {m} fails ({error}) "
                "and modscope reported a problem on its way", f"problems: {sorted(problems)}")


def check_queries(c, name, fdir, start, g, ran_by):
    proj = ["--project", start]
    local = g.local()
    for m in local:
        starts = [m] + [a for a in ancestors(m) if a in g.nodes]
        ran = ran_by.get(m)
        for mask in (EAGER, RUNTIME, ALL | {"parent"}):
            rc, out, err = modscope(["deps"] + starts + proj +
                                    ["--kinds", mask_arg(mask), "--format", "json",
                                     "--include-external"], fdir)
            got = {r["module"] for r in json_lines(out)} | set(starts)
            c.check(rc == 0 and got == g.reach(starts, mask),
                    f"{name}: deps {m} --kinds {mask_arg(mask)} = reachability in the graph",
                    f"rc {rc} {err.strip()} got {sorted(got)} want {sorted(g.reach(starts, mask))}")
            if ran is None:
                continue
            if mask == EAGER:
                c.check(got & set(local) <= ran, f"{name}: deps {m} over eager+parent ran",
                        sorted(got - ran))
            if mask == RUNTIME:
                c.check(ran <= got, f"{name}: what import {m} ran is in deps over runtime kinds",
                        sorted(ran - got))
        # rdeps: every module whose import ran m is m, or it or one of its
        # parents is in rdeps m over the runtime kinds.
        for mask in (EAGER, RUNTIME):
            rc, out, err = modscope(["rdeps", m] + proj + ["--kinds", mask_arg(mask),
                                                          "--format", "json"], fdir)
            rdeps = {r["module"] for r in json_lines(out)}
            want = {x for x in g.nodes if m in g.reach([x], mask) and x != m}
            c.check(rc == 0 and rdeps == want, f"{name}: rdeps {m} --kinds {mask_arg(mask)} "
                    "= reverse reachability", f"got {sorted(rdeps)} want {sorted(want)}")
            if not ran_by:
                continue
            if mask == EAGER:
                bad = [x for x in rdeps if x in ran_by and m not in ran_by[x]]
                c.check(not bad, f"{name}: every eager rdep of {m} ran it when imported", bad)
            else:
                ran_it = [x for x, r in ran_by.items() if m in r and x != m]
                missing = [x for x in ran_it
                           if not ({x} | set(ancestors(x))) & (rdeps | {m})]
                c.check(not missing, f"{name}: every module whose import ran {m} is explained "
                        "by rdeps", missing)
        # affected: the file's module and every local module importing it.
        f = g.nodes[m]["file"]
        target = os.path.normpath(start)
        if f and (target == "." or f.startswith(target + "/")):
            rc, out, err = modscope(["affected", os.path.relpath(os.path.join(fdir, f), fdir)
                                     if not os.path.isabs(f) else f] + proj +
                                    ["--format", "json"], fdir)
            got = {r["module"] for r in json_lines(out)}
            want = {x for x in g.nodes if m in g.reach([x], ALL | {"parent"})
                    and g.nodes[x]["kind"] == "local" and g.nodes[x]["file"]}
            c.check(rc == 0 and got == want, f"{name}: affected {f} = {m} and its local rdeps",
                    f"rc {rc} {err.strip()} got {sorted(got)} want {sorted(want)}")
        # why: found iff deps reaches; over eager+parent, a found chain ran.
        for x in local:
            if x == m:
                continue
            for mask in (EAGER, RUNTIME):
                rc, out, err = modscope(["why", m, x] + proj + ["--kinds", mask_arg(mask),
                                                               "--format", "json"], fdir)
                doc = json.loads(out) if out.strip() else {}
                found = doc.get("found")
                reach = x in g.reach([m], mask)
                ok = rc == (0 if reach else 1) and found == reach
                chain = doc.get("chain", [])
                if found:
                    ok &= bool(chain) and chain[0]["from"] == m and chain[-1]["to"] == x
                    ok &= all(a["to"] == b["from"] for a, b in zip(chain, chain[1:]))
                    ok &= all(e in g.edges and g.passes(e, mask) for e in chain)
                    ok &= len(chain) == len({e["to"] for e in chain})
                c.check(ok, f"{name}: why {m} {x} --kinds {mask_arg(mask)}",
                        f"rc {rc} {out.strip()[:300]} {err.strip()}")
                if found and mask == EAGER and m in ran_by:
                    c.check(x in ran_by[m], f"{name}: why {m} {x} over eager+parent: "
                            f"import {m} ran {x}")


def check_cycles(c, name, fdir, start, g, ran_by, problems):
    for mask, args in ((EAGER, []), (ALL | {"parent"}, ["--kinds", "all"]),
                       (RUNTIME, ["--kinds", mask_arg(RUNTIME)])):
        rc, out, err = modscope(["cycles", start, "--format", "json"] + args, fdir)
        doc = json.loads(out)
        comps = doc["components"]
        want = g.sccs(mask)
        got = [cmp["modules"] for cmp in comps]
        c.check(sorted(got) == sorted(want), f"{name}: cycles {args} = SCCs of the graph",
                f"got {got} want {want}")
        c.check(rc == (1 if want or problems else 0), f"{name}: cycles {args} exit code", rc)
        sizes = [(-len(x["modules"]), x["modules"][0]) for x in comps]
        c.check(sizes == sorted(sizes), f"{name}: cycles {args} sorted by size, then name")
        for cmp in comps:
            mods = set(cmp["modules"])
            cyc = cmp["cycle"]
            ok = bool(cyc) and cyc[-1]["to"] == cyc[0]["from"]
            ok &= all(a["to"] == b["from"] for a, b in zip(cyc, cyc[1:]))
            ok &= all(e in g.edges and g.passes(e, mask) and e["from"] in mods for e in cyc)
            c.check(ok, f"{name}: cycles {args}: {cmp['modules']} shortest cycle is a cycle", cyc)
            # The cut: removing its edges leaves the component acyclic.
            cut = cmp["cut"]
            rest = Graph({"nodes": [{"module": m, "kind": "local"} for m in mods],
                          "edges": [e for e in g.edges if e["from"] in mods and e["to"] in mods
                                    and e not in cut]})
            c.check(all(e in g.edges for e in cut) and not rest.sccs(mask),
                    f"{name}: cycles {args}: {cmp['modules']} cut breaks every cycle", cut)
            if mask == EAGER:
                for m in mods & set(ran_by):
                    c.check(mods <= ran_by[m], f"{name}: import {m} runs its whole eager cycle",
                            sorted(mods - ran_by[m]))
        rc2, text, _ = modscope(["cycles", start] + args, fdir)
        last = text.splitlines()[-1] if text else ""
        n = len(comps)
        want_last = f"{n} import cycle{'s' if n != 1 else ''}" if n else "no import cycles"
        c.check(rc2 == rc and last == want_last, f"{name}: cycles {args} text summary", last)


def check_determinism(c, label, cwd, path, extra=()):
    outs = set()
    for jobs in (None, None, None, None, None, "1", "2", "3", "8"):
        args = ["graph", path, "--format", "json"] + list(extra)
        if jobs:
            args += ["--jobs", jobs]
        rc, out, err = modscope(args, cwd)
        outs.add((rc, out))
    c.check(len(outs) == 1, f"{label}: graph output identical over 5 runs and --jobs 1/2/3/8",
            f"{len(outs)} different outputs")


def main():
    c = Counter()
    pys = interpreters()
    for name, start, roots in FIXTURES:
        fdir = os.path.join(CASES, name)
        for py in pys:
            rc, out, err = modscope(["graph", start, "--format", "json", "--include-external",
                                     "--python", py], fdir)
            if not c.check(rc in (0, 1) and out.startswith("{"), f"{name}: graph runs",
                           f"rc {rc} {err}"):
                continue
            g = Graph(json.loads(out))
            problems = {line.split(":", 1)[0] for line in err.splitlines() if ": error: " in line}
            c.check((rc == 1) == bool(problems), f"{name}: graph exit code 1 iff problems", rc)
            ran_by, failed = {}, {}
            check_imports(c, py, name, fdir, roots, g, ran_by, failed)
            check_failures(c, py, name, g, problems, failed)
            if py == pys[0]:
                # The queries read the same graph whatever the interpreter
                # (local modules only); one pass is enough.
                check_queries(c, name, fdir, start, g, ran_by)
                check_cycles(c, name, fdir, start, g, ran_by, problems)
        check_determinism(c, name, fdir, start, ["--include-external"])
    for pkg in ("sympy", "django"):
        if os.path.isdir(os.path.join(DIST, pkg)):
            check_determinism(c, pkg, ROOT, os.path.join(DIST, pkg))
            check_determinism(c, pkg + " --include-external", ROOT, os.path.join(DIST, pkg),
                              ["--include-external", "--python", "/usr/bin/python3"])
        else:
            print(f"note: {DIST}/{pkg} missing (python3-{pkg}); not counted")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
