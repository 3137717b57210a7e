#!/usr/bin/env python3
"""Checks the bundled example project examples/shop against the interpreter.

The project's README documents seven planted import defects, each with the
file:line it lives on and a command that shows it with Python itself. This
script runs those commands with every interpreter on the machine (python3 on
PATH and /usr/bin/python3), in examples/shop with PYTHONPATH=src, and checks
the documented exit status and last line; checks that each documented line
holds the statement the defect is about; and checks the README's claim that
nothing else is wrong (every other module imports cleanly, no other cycle,
wildcard, nested import, layer violation or unresolved import).

It does not need modscope (MODSCOPE is ignored). Last line: "N passed, N failed".
"""

import ast
import csv
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOP = os.path.join(ROOT, "examples", "shop")
SRC = os.path.join(SHOP, "src")
README = os.path.join(SHOP, "README.md")

RULES = ["import-cycle-crash", "import-cycle", "import-side-effect",
         "wildcard-import", "heavy-init", "shadowed-stdlib",
         "relative-import-beyond-top"]
# Modules that must fail to import on their own (defects 1 and 7).
FAILING = {"shop.models.order", "shop.legacy_report"}
LAYERS = ["shop.application", "shop.io", "shop.domain"]  # highest first


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}")
            if detail:
                print("  " + str(detail).replace("\n", "\n  "))
        return ok

    def skip(self, name, why):
        self.skipped += 1
        print(f"skip {name}: {why}")


R = Results()


# ---------------------------------------------------------------- running

def clean_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = "src"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(argv, stdin=None, timeout=120):
    return subprocess.run(argv, cwd=SHOP, env=clean_env(), input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def interpreters():
    """Distinct real interpreters: python3 on PATH, /usr/bin/python3."""
    seen = {}
    for cand in (shutil.which("python3"), "/usr/bin/python3"):
        if not cand or not os.path.exists(cand):
            continue
        p = run([cand, "-c", "import sys; print(sys.executable)"])
        if p.returncode == 0:
            exe = p.stdout.strip()
            seen.setdefault(os.path.realpath(exe), exe)
    return list(seen.values())


def last_line(text):
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def outcome(p):
    """(exit, last line) with the README's convention."""
    return p.returncode, last_line(p.stderr if p.returncode else p.stdout)


# ---------------------------------------------------------------- static view

def module_files():
    """{module name: path} for every .py file under src/shop."""
    mods = {}
    for dirpath, dirnames, filenames in os.walk(os.path.join(SRC, "shop")):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for fn in sorted(filenames):
            if not fn.endswith(".py"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, fn), SRC)[:-3]
            parts = rel.split(os.sep)
            if parts[-1] == "__init__":
                parts.pop()
            mods[".".join(parts)] = os.path.join(dirpath, fn)
    return mods


def all_py_files():
    out = []
    for top in ("src", "tests", "scripts"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(SHOP, top)):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            out += [os.path.join(dirpath, f) for f in sorted(filenames)
                    if f.endswith(".py")]
    return out


def parse(path):
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read(), path)


def package_of(module, path):
    return module if path.endswith("__init__.py") else module.rpartition(".")[0]


def imported_modules(module, path, mods):
    """Shop modules a module imports at top level (resolved), ignoring
    imports that cannot be resolved (the planted beyond-top one)."""
    out = []
    for node in parse(path).body:
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = package_of(module, path).split(".")
                if node.level - 1 >= len(pkg):
                    continue
                pkg = pkg[:len(pkg) - (node.level - 1)]
                base = ".".join(pkg + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.append(sub if sub in mods else base)
    return [m for m in out if m in mods]


def find_sccs(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(frozenset(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return set(sccs)


# ---------------------------------------------------------------- README

def table_rows(text, header):
    """Cells of the markdown table whose header line starts with `header`."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(header):
            rows = []
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                rows.append([c.strip() for c in row.strip().strip("|").split("|")])
            return rows
    return []


def unquote(cell):
    m = re.fullmatch(r"`(.*)`", cell)
    return m.group(1) if m else None


def statement_at(tree, line):
    for node in tree.body:
        if node.lineno == line:
            return node
    return None


def check_defect_line(rule, path, stmt, mods):
    """Does the top-level statement `stmt` of `path` hold this defect?"""
    rel = os.path.relpath(path, SHOP)
    module = next((m for m, p in mods.items() if p == path), None)
    if stmt is None:
        return False, "no top-level statement starts on that line"
    if rule in ("import-cycle-crash", "import-cycle"):
        if rule == "import-cycle-crash":
            ok = isinstance(stmt, ast.ImportFrom) and stmt.level == 0
            target = stmt.module if ok else None
        else:
            ok = isinstance(stmt, ast.Import) and len(stmt.names) == 1
            target = stmt.names[0].name if ok else None
        if not ok or target not in mods or module is None:
            return False, "not an absolute import of a shop module"
        back = imported_modules(target, mods[target], mods)
        return module in back, f"{target} does not import {module} back"
    if rule == "import-side-effect":
        calls = [n.func.id for n in ast.walk(stmt) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name)]
        return "open" in calls, f"no open() call at top level: {calls}"
    if rule == "wildcard-import":
        ok = isinstance(stmt, ast.ImportFrom) and [a.name for a in stmt.names] == ["*"]
        if not ok or stmt.module not in mods:
            return False, "not a star import of a shop module"
        has_all = any(isinstance(n, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)
            for n in parse(mods[stmt.module]).body)
        return not has_all, f"{stmt.module} defines __all__"
    if rule == "heavy-init":
        if not path.endswith("__init__.py") or not isinstance(stmt, ast.ImportFrom):
            return False, "not a from-import in an __init__.py"
        subs = {m.rpartition(".")[2] for m in mods if m.rpartition(".")[0] == module}
        names = {a.name for a in stmt.names}
        return stmt.module == module and names == subs, f"{names} != {subs}"
    if rule == "shadowed-stdlib":
        if not isinstance(stmt, ast.Import):
            return False, "not an import statement"
        name = stmt.names[0].name
        local = os.path.join(os.path.dirname(path), name + ".py")
        return (name in sys.stdlib_module_names and os.path.exists(local),
                f"{name} is not a stdlib name with a local {rel} sibling")
    if rule == "relative-import-beyond-top":
        if not isinstance(stmt, ast.ImportFrom) or module is None:
            return False, "not a from-import in a shop module"
        depth = len(package_of(module, path).split("."))
        return stmt.level > depth, f"level {stmt.level} <= package depth {depth}"
    return False, f"unknown rule {rule}"


def check_readme(pys, mods):
    with open(README, encoding="utf-8") as f:
        text = f.read()
    defects = table_rows(text, "| # | Rule |")
    R.check("readme: defect table has 7 rows", len(defects) == 7, defects)
    seen = []
    for cells in defects:
        if not R.check(f"readme: defect row has 5 cells: {cells[:2]}", len(cells) == 5):
            continue
        num, rule, where, code = cells[0], unquote(cells[1]), unquote(cells[2]), unquote(cells[3])
        seen.append(rule)
        m = re.fullmatch(r"(.+):(\d+)", where or "")
        if not R.check(f"readme: row {num} names a rule and file:line", rule and m and code,
                       cells):
            continue
        path, line = os.path.join(SHOP, m.group(1)), int(m.group(2))
        if not R.check(f"readme: {rule}: {m.group(1)} exists", os.path.isfile(path)):
            continue
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        got = lines[line - 1].strip() if 0 < line <= len(lines) else None
        R.check(f"readme: {rule}: {where} reads `{code}`", got == code, f"line is: {got!r}")
        ok, why = check_defect_line(rule, path, statement_at(parse(path), line), mods)
        R.check(f"readme: {rule}: {where} holds that defect", ok, why)
    R.check("readme: every rule documented exactly once", sorted(seen) == sorted(RULES), seen)

    commands = table_rows(text, "| # | Command |")
    nums = {c[0] for c in commands}
    R.check("readme: a command for every defect", nums == {str(i) for i in range(1, 8)}, nums)
    for cells in commands:
        if not R.check(f"readme: command row has 4 cells: {cells[:2]}", len(cells) == 4):
            continue
        num, cmd, code, want = cells[0], unquote(cells[1]), cells[2], unquote(cells[3])
        if not R.check(f"readme: row {num} quotes a python3 command", cmd and
                       cmd.startswith("python3 ") and want is not None and code.isdigit(), cells):
            continue
        want = want.replace("<shop>", SHOP)
        shadow_row = "scripts/" in cmd and "random" in cmd
        shown = 0
        for py in pys:
            p = run(["bash", "-c", shlex.quote(py) + cmd[len("python3"):]])
            got = outcome(p)
            if shadow_row and preloaded(py, "random"):
                # The README's note: with `random` already imported at
                # start-up (a .pth file), the shadow is latent.
                stdlib = run([py, "-c", "import random; print(random.__file__)"]).stdout.strip()
                R.check(f"[{py}] #{num} latent shadow: stdlib random already loaded",
                        got == (0, stdlib), f"got {got}, want {(0, stdlib)}")
                continue
            shown += 1
            R.check(f"[{py}] #{num} {cmd}", got == (int(code), want),
                    f"got  {got}\nwant {(int(code), want)}\nstderr: {p.stderr[-1500:]}")
        R.check(f"readme: #{num} shown by at least one interpreter", shown > 0)


def preloaded(py, name):
    p = run([py, "-c", f"import sys; print({name!r} in sys.modules)"])
    return p.stdout.strip() == "True"


# ---------------------------------------------------------------- behaviour

def check_behaviour(py, mods):
    tag = f"[{py}]"
    # Defect 1: the other entry point works and is silent.
    p = run([py, "-c", "import shop.models.customer"])
    R.check(f"{tag} import shop.models.customer works silently",
            (p.returncode, p.stdout, p.stderr) == (0, "", ""), p.stderr)

    # Defect 2: every module of the harmless cycle imports on its own.
    for m in ("shop.domain.discounts", "shop.domain.loyalty"):
        p = run([py, "-c", f"import {m}"])
        R.check(f"{tag} harmless cycle: import {m}", p.returncode == 0 and not p.stderr, p.stderr)

    # Defect 3: prints once, at the first import, the number of CSV rows.
    with open(os.path.join(SRC, "shop", "data", "prices.csv"), newline="") as f:
        n = sum(1 for _ in csv.DictReader(f))
    p = run([py, "-c", "import shop.config.settings\nimport shop.config.settings"])
    R.check(f"{tag} side effect: one 'loaded {n} prices' at import",
            (p.returncode, p.stdout) == (0, f"loaded {n} prices\n"), p.stdout + p.stderr)

    # shop.io never hides the stdlib io.
    p = run([py, "-c", "import io, sys, shop.io.json_export as j\n"
                       "print(j.io is io, io.__name__, hasattr(io, 'StringIO'),"
                       " sys.modules['shop.io'] is not io)"])
    R.check(f"{tag} shop.io does not shadow stdlib io",
            p.stdout.strip() == "True io True True", p.stdout + p.stderr)

    # Every module imports on its own, except exactly the two planted ones,
    # and prints nothing unless it is (or imports) shop.config.settings.
    graph = {m: imported_modules(m, p, mods) for m, p in mods.items()}
    failing, noisy = set(), []
    for m in sorted(mods):
        p = run([py, "-c", f"import {m}"])
        if p.returncode:
            failing.add(m)
            if m not in FAILING:
                print(f"  {m}: {last_line(p.stderr)}")
        elif p.stderr or (p.stdout != "") != reaches(graph, m, "shop.config.settings"):
            noisy.append((m, p.stdout, p.stderr))
    R.check(f"{tag} every module but {sorted(FAILING)} imports on its own",
            failing == FAILING, sorted(failing))
    R.check(f"{tag} only shop.config.settings and its importers print at import",
            not noisy, noisy)

    # The scripts run and the report reads what make_orders wrote.
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "orders.jsonl")
        p1 = run([py, "scripts/make_orders.py", "--count", "4", "-o", out])
        p2 = run([py, "scripts/show_report.py", out])
        R.check(f"{tag} make_orders.py | show_report.py",
                p1.returncode == 0 and p2.returncode == 0
                and p2.stdout.startswith("4 orders, "), p1.stderr + p2.stderr + p2.stdout)
    p = run([py, "-m", "shop", "demo"])
    R.check(f"{tag} python -m shop demo", p.returncode == 0 and "order 1: " in p.stdout,
            p.stdout + p.stderr)

    # The project's own tests, where pytest is installed.
    if run([py, "-c", "import pytest"]).returncode:
        R.skip(f"{tag} pytest tests", "no pytest for this interpreter")
    else:
        p = run([py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"])
        R.check(f"{tag} pytest tests", p.returncode == 0 and " passed" in p.stdout,
                p.stdout[-2000:] + p.stderr[-2000:])


def check_unresolved(py):
    """Every absolute import in the project resolves (find_spec), with the
    sys.path of the code that runs it (src, plus the script's directory)."""
    names = {}
    for path in all_py_files():
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.Import):
                for a in node.names:
                    names.setdefault(a.name, path)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.setdefault(node.module, path)
    prog = ("import importlib.util, sys\n"
            "sys.path.insert(0, 'scripts')\n"
            "for n in sys.argv[1:]:\n"
            "    print(n, importlib.util.find_spec(n) is not None)\n")
    tops = {n.split(".")[0] for n in names}
    R.check("static: imports are stdlib, shop or pytest",
            tops <= set(sys.stdlib_module_names) | {"shop", "pytest"}, sorted(tops))
    if run([py, "-c", "import pytest"]).returncode:
        R.skip(f"[{py}] resolving tests' pytest imports", "no pytest here")
        names = {n: f for n, f in names.items() if n.split(".")[0] != "pytest"}
    p = run([py, "-c", prog] + sorted(names))
    missing = [ln.split()[0] for ln in p.stdout.splitlines() if ln.endswith("False")]
    R.check(f"[{py}] every absolute import resolves", p.returncode == 0 and not missing
            and len(p.stdout.splitlines()) == len(names), missing or p.stderr)


def reaches(graph, start, goal):
    """Does `start` import `goal`, directly or not (or is it `goal`)?"""
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        if m == goal:
            return True
        if m not in seen:
            seen.add(m)
            todo += graph.get(m, [])
    return False


def is_quiet(node):
    """A top-level statement that only defines something: docstring, import,
    def, class, assignment, or the `if __name__ == "__main__":` guard."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef,
                         ast.ClassDef, ast.Assign, ast.AnnAssign)):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True
    return isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'"


def check_static(mods):
    loud = sorted(f"{os.path.relpath(p, SHOP)}:{n.lineno}" for p in all_py_files()
                  for n in parse(p).body if not is_quiet(n))
    R.check("static: only config/settings.py runs statements at import", loud == [
        "src/shop/config/settings.py:17", "src/shop/config/settings.py:20"], loud)

    graph = {m: imported_modules(m, p, mods) for m, p in mods.items()}
    R.check("static: only the two planted cycles", find_sccs(graph) == {
        frozenset({"shop.models.customer", "shop.models.order"}),
        frozenset({"shop.domain.discounts", "shop.domain.loyalty"})}, find_sccs(graph))

    def layer(m):
        for i, name in enumerate(LAYERS):
            if m == name or m.startswith(name + "."):
                return i
        return None

    bad = [(m, t) for m, ts in graph.items() for t in ts
           if layer(m) is not None and layer(t) is not None and layer(t) < layer(m)]
    bad += [(m, t) for m, ts in graph.items() for t in ts
            if layer(m) is None and layer(t) is not None and not m.startswith("shop.cli")
            and m != "shop.__main__"]
    R.check("static: layer contract holds (and shared packages import no layer)", not bad, bad)

    nested, late, stars, syspath, long = [], [], [], [], []
    for path in all_py_files():
        tree = parse(path)
        top = {id(n) for n in tree.body}
        rel = os.path.relpath(path, SHOP)
        body = tree.body[1:] if ast.get_docstring(tree) is not None else tree.body
        kinds = [isinstance(n, (ast.Import, ast.ImportFrom)) for n in body]
        if True in kinds[kinds.index(False) if False in kinds else len(kinds):]:
            late.append(rel)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if id(node) not in top:
                    nested.append(f"{rel}:{node.lineno}")
                if isinstance(node, ast.ImportFrom) and node.names[0].name == "*":
                    stars.append(f"{rel}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr == "path" and \
                    isinstance(node.value, ast.Name) and node.value.id == "sys":
                syspath.append(f"{rel}:{node.lineno}")
        with open(path, encoding="utf-8") as f:
            if sum(1 for _ in f) >= 500:
                long.append(rel)
    R.check("static: every import is at module top level", not nested, nested)
    R.check("static: imports come before any other statement", not late, late)
    R.check("static: one wildcard import", stars == ["src/shop/domain/pricing.py:16"], stars)
    R.check("static: no sys.path use", not syspath, syspath)
    R.check("static: every module under 500 lines", not long, long)

    importers = [os.path.relpath(p, SHOP) for p in all_py_files()
                 if "legacy_report" in open(p, encoding="utf-8").read()
                 and not p.endswith("legacy_report.py")]
    R.check("static: nothing imports shop.legacy_report (dead file)", not importers, importers)


def check_tools():
    isort = shutil.which("isort")
    if isort:
        p = run([isort, "--check-only", "--diff", "src", "tests", "scripts"])
        R.check("isort --check-only is clean", p.returncode == 0, p.stdout + p.stderr)
    else:
        R.skip("isort", "not installed")
    if run(["/usr/bin/python3", "-c", "import pyflakes"]).returncode == 0:
        p = run(["/usr/bin/python3", "-m", "pyflakes", "src", "tests", "scripts"])
        other = [ln for ln in p.stdout.splitlines()
                 if not ln.startswith("src/shop/domain/pricing.py:")
                 or "import *" not in ln and "from star imports" not in ln]
        R.check("pyflakes reports only the planted wildcard import",
                "import *" in p.stdout and not other and not p.stderr, other or p.stderr)
    else:
        R.skip("pyflakes", "not installed")


def main():
    mods = module_files()
    pys = interpreters()
    R.check("found an interpreter", bool(pys))
    check_readme(pys, mods)
    for py in pys:
        check_behaviour(py, mods)
        check_unresolved(py)
    check_static(mods)
    check_tools()
    if R.skipped:
        print(f"{R.skipped} checks skipped (not counted)")
    print(f"{R.passed} passed, {R.failed} failed")
    return 1 if R.failed else 0


if __name__ == "__main__":
    sys.exit(main())
