#!/usr/bin/env python3
"""Conformance of modscope's scanner with CPython's `ast`, over whole code bases.

For every .py file of both interpreters' standard libraries and of Debian's
python3-django, -sympy, -numpy and -pandas, the facts that `ast` gives (under
the interpreter that owns the corpus) are compared with what
`modscope imports` and `modscope facts` print (docs/facts.md is the contract):

  - the import records: line, col, kind, module, level, names, scope, guards
    (and `package` for dynamic imports);
  - the ordered top-level bindings (name, line, kind), `__all__`, module
    `__getattr__`, the import-time calls;
  - a file `ast` rejects must be rejected by modscope at the same line, and a
    file `ast` accepts must not be rejected.

Each file is one test.  A difference listed in DIVERGENCES below passes only
when it is exactly the documented one; anything else fails.

Usage: test_scan_ast.py [--corpus NAME] [--show N] [FILE_OR_DIR ...]
Environment: MODSCOPE=path to the binary (tests/run.py sets it).
"""
import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYENV = "/root/.pyenv/versions/3.11.7/bin/python3.11"
DEBIAN = "/usr/bin/python3"
DIST = "/usr/lib/python3/dist-packages"


def pyenv_python():
    """The `python3` on PATH that is not Debian's (pyenv's 3.11.7 here)."""
    try:
        out = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out or None


def stdlib_of(python):
    out = subprocess.run([python, "-I", "-S", "-c",
                          "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    return out


def corpora():
    """(name, interpreter, root, excluded subdirectories)."""
    found = []
    py = pyenv_python()
    if py and os.path.realpath(py) != os.path.realpath(DEBIAN):
        found.append(("stdlib-path-python", py, stdlib_of(py), ["site-packages"]))
    found.append(("stdlib-debian", DEBIAN, stdlib_of(DEBIAN), ["site-packages", "dist-packages"]))
    for pkg in ("django", "sympy", "numpy", "pandas"):
        found.append((pkg, DEBIAN, os.path.join(DIST, pkg), []))
    return found


# Documented divergences: path suffix -> (what differs, why).  A listed file
# passes only when its difference is exactly the one named here.
#   "grammar": ast rejects the file with a syntax error that only a full
#   parser sees (the statement structure modscope needs is intact); modscope
#   reads the file and reports no error.
DIVERGENCES = {
}


# ---------------------------------------------------------------------------
# The reference: facts from `ast`, following docs/facts.md.


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def handler_types(h):
    t = h.type
    if t is None:
        return ["*"]
    elts = t.elts if isinstance(t, ast.Tuple) else [t]
    return [dotted(e) or "?" for e in elts]


def is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def is_main(test):
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and
            isinstance(test.ops[0], ast.Eq)):
        return False
    a, b = test.left, test.comparators[0]

    def name(n):
        return isinstance(n, ast.Name) and n.id == "__name__"

    def main(n):
        return isinstance(n, ast.Constant) and n.value == "__main__"
    return (name(a) and main(b)) or (main(a) and name(b))


def str_const(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class Imports:
    """Every import record, with scope and guards (docs/facts.md)."""

    def __init__(self):
        self.records = []

    def add(self, node, kind, module, level, names, scope, guards, package=False):
        r = {"line": node.lineno, "col": node.col_offset, "kind": kind,
             "module": module, "level": level, "names": names,
             "scope": scope, "guards": [dict(g) for g in guards]}
        if package is not False:
            r["package"] = package
        self.records.append(r)

    def visit(self, node, scope, guards):
        if isinstance(node, ast.Import):
            self.add(node, "import", None, 0,
                     [{"name": a.name, "asname": a.asname} for a in node.names], scope, guards)
            return
        if isinstance(node, ast.ImportFrom):
            self.add(node, "from", node.module, node.level or 0,
                     [{"name": a.name, "asname": a.asname} for a in node.names], scope, guards)
            return
        if isinstance(node, ast.Call):
            self.dynamic(node, scope, guards)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in node.decorator_list:
                self.visit(d, scope, guards)
            self.visit(node.args, scope, guards)
            if node.returns:
                self.visit(node.returns, scope, guards)
            for s in node.body:
                self.visit(s, "function", guards)
            return
        if isinstance(node, ast.Lambda):
            self.visit(node.args, scope, guards)
            self.visit(node.body, "function", guards)
            return
        if isinstance(node, ast.ClassDef):
            for d in node.decorator_list:
                self.visit(d, scope, guards)
            for b in node.bases:
                self.visit(b, scope, guards)
            for k in node.keywords:
                self.visit(k, scope, guards)
            for s in node.body:
                self.visit(s, "class", guards)
            return
        if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            catches = [c for h in node.handlers for c in handler_types(h)]
            g = guards + [{"kind": "try", "catches": catches}]
            for s in node.body:
                self.visit(s, scope, g)
            for h in node.handlers:
                if h.type:
                    self.visit(h.type, scope, guards)
                hg = guards + [{"kind": "except", "catches": handler_types(h)}]
                for s in h.body:
                    self.visit(s, scope, hg)
            for s in node.orelse + node.finalbody:
                self.visit(s, scope, guards)
            return
        if isinstance(node, ast.If):
            self.visit(node.test, scope, guards)
            if is_type_checking(node.test):
                body = {"kind": "type_checking"}
            elif is_main(node.test):
                body = {"kind": "main"}
            else:
                body = {"kind": "if"}
            for s in node.body:
                self.visit(s, scope, guards + [body])
            for s in node.orelse:
                self.visit(s, scope, guards + [{"kind": "if"}])
            return
        for child in ast.iter_child_nodes(node):
            self.visit(child, scope, guards)

    def dynamic(self, call, scope, guards):
        f = call.func
        if isinstance(f, ast.Name) and f.id in ("__import__", "import_module"):
            pass
        elif (isinstance(f, ast.Attribute) and f.attr == "import_module" and
              isinstance(f.value, ast.Name) and f.value.id == "importlib"):
            pass
        else:
            return
        if not call.args or isinstance(call.args[0], ast.Starred):
            return
        lit = str_const(call.args[0])
        if lit is None:
            return
        stripped = lit.lstrip(".")
        package = None
        if len(call.args) > 1:
            package = str_const(call.args[1])
        self.add(call, "dynamic", stripped or None, len(lit) - len(stripped), [],
                 scope, guards, package=package)


class Bindings:
    """Module-level bindings in execution order, __all__, calls."""

    def __init__(self):
        self.out = []
        self.all = None
        self.all_poisoned = False
        self.calls = []

    def emit(self, name, line, kind):
        self.out.append({"name": name, "line": line, "kind": kind})

    # -- expressions: walruses in evaluation order, calls by position
    def expr(self, e):
        if e is None:
            return
        if isinstance(e, ast.Lambda):
            for d in e.args.defaults + [d for d in e.args.kw_defaults if d is not None]:
                self.expr(d)
            return
        if isinstance(e, ast.JoinedStr):
            for v in e.values:  # walruses still bind; calls are not listed
                if isinstance(v, ast.FormattedValue):
                    self.expr_no_calls(v.value)
            return
        if isinstance(e, ast.NamedExpr):
            self.expr(e.value)
            self.emit(e.target.id, e.target.lineno, "walrus")
            return
        if isinstance(e, ast.Call):
            name = dotted(e.func)
            if name is not None:
                self.calls.append({"callee": name, "line": e.lineno, "col": e.col_offset})
        if isinstance(e, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            for g in e.generators:
                self.expr(g.iter)
                for i in g.ifs:
                    self.expr(i)
            if isinstance(e, ast.DictComp):
                self.expr(e.key)
                self.expr(e.value)
            else:
                self.expr(e.elt)
            return
        if isinstance(e, ast.Dict):
            for k, v in zip(e.keys, e.values):
                self.expr(k)
                self.expr(v)
            return
        for child in ast.iter_child_nodes(e):
            if isinstance(child, ast.expr):
                self.expr(child)
            elif isinstance(child, ast.keyword):
                self.expr(child.value)
            elif isinstance(child, ast.comprehension):
                self.expr(child.iter)
                for i in child.ifs:
                    self.expr(i)

    def expr_no_calls(self, e):
        saved = len(self.calls)
        self.expr(e)
        del self.calls[saved:]

    def target(self, t, kind):
        if isinstance(t, ast.Name):
            self.emit(t.id, t.lineno, kind)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for x in t.elts:
                self.target(x, kind)
        elif isinstance(t, ast.Starred):
            self.target(t.value, kind)
        else:  # attribute / subscript: evaluated, binds nothing
            self.expr(t)

    def delete(self, t):
        if isinstance(t, ast.Name):
            self.emit(t.id, t.lineno, "del")
        elif isinstance(t, (ast.Tuple, ast.List)):
            for x in t.elts:
                self.delete(x)
        else:
            self.expr(t)

    def pattern(self, p):
        if isinstance(p, ast.MatchAs):
            if p.pattern is not None:
                self.pattern(p.pattern)
            if p.name:
                self.emit(p.name, p.lineno, "match")
        elif isinstance(p, ast.MatchStar):
            if p.name:
                self.emit(p.name, p.lineno, "match")
        elif isinstance(p, ast.MatchSequence):
            for x in p.patterns:
                self.pattern(x)
        elif isinstance(p, ast.MatchMapping):
            for x in p.patterns:
                self.pattern(x)
            if p.rest:
                self.emit(p.rest, p.lineno, "match")
        elif isinstance(p, ast.MatchClass):
            for x in p.patterns + p.kwd_patterns:
                self.pattern(x)
        elif isinstance(p, ast.MatchOr):
            if p.patterns:
                self.pattern(p.patterns[0])

    def globals_in(self, node):
        found = []
        for sub in ast.walk(node):
            if isinstance(sub, ast.Global):
                found.append((sub.lineno, sub.col_offset, sub.names))
        for line, _, names in sorted(found):
            for n in names:
                self.emit(n, line, "global")

    # -- class bodies run at import time: calls only (their bindings are the class's)
    def class_body(self, body):
        saved = len(self.out)
        for s in body:
            if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.def_header(s)
            elif isinstance(s, ast.ClassDef):
                self.class_header(s)
                self.class_body(s.body)
            else:
                self.stmt_children_exprs(s)
        del self.out[saved:]

    def stmt_children_exprs(self, s):
        """Calls of a class-level statement (no bindings are kept)."""
        for child in ast.iter_child_nodes(s):
            if isinstance(child, ast.expr):
                self.expr(child)
            elif isinstance(child, ast.stmt):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.def_header(child)
                elif isinstance(child, ast.ClassDef):
                    self.class_header(child)
                    self.class_body(child.body)
                else:
                    self.stmt_children_exprs(child)
            elif isinstance(child, (ast.withitem, ast.excepthandler, ast.match_case,
                                    ast.keyword, ast.comprehension)):
                self.stmt_children_exprs(child)

    def def_header(self, s):
        for d in s.decorator_list:
            self.expr(d)
        for d in s.args.defaults:
            self.expr(d)
        for d in s.args.kw_defaults:
            if d is not None:
                self.expr(d)

    def class_header(self, s):
        for d in s.decorator_list:
            self.expr(d)
        for b in s.bases:
            self.expr(b)
        for k in s.keywords:
            self.expr(k.value)

    def all_literal(self, value):
        if isinstance(value, (ast.List, ast.Tuple)):
            items = [str_const(e) for e in value.elts]
            if all(i is not None for i in items):
                return items
        return None

    def all_assign(self, value):
        items = self.all_literal(value)
        if items is None:
            self.all_poisoned = True
        else:
            self.all = items

    def all_extend(self, items):
        if items is None or self.all is None:
            self.all_poisoned = True
        else:
            self.all = self.all + items

    def stmt(self, s):
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.def_header(s)
            self.emit(s.name, s.lineno, "def")
            self.globals_in(s)
        elif isinstance(s, ast.ClassDef):
            self.class_header(s)
            self.class_body(s.body)
            self.emit(s.name, s.lineno, "class")
            self.globals_in(s)
        elif isinstance(s, ast.Assign):
            self.expr(s.value)
            for t in s.targets:
                self.target(t, "assign")
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in s.targets):
                self.all_assign(s.value)
        elif isinstance(s, ast.AugAssign):
            self.expr(s.value)
            if isinstance(s.target, ast.Name):
                self.emit(s.target.id, s.target.lineno, "augassign")
                if s.target.id == "__all__":
                    self.all_extend(self.all_literal(s.value)
                                    if isinstance(s.op, ast.Add) else None)
            else:
                self.expr(s.target)
        elif isinstance(s, ast.AnnAssign):
            if s.value is not None:
                self.expr(s.value)
                if isinstance(s.target, ast.Name):
                    self.emit(s.target.id, s.target.lineno, "annassign")
                    if s.target.id == "__all__":
                        self.all_assign(s.value)
                else:
                    self.expr(s.target)
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            self.expr(s.iter)
            self.target(s.target, "for")
            self.block(s.body)
            self.block(s.orelse)
        elif isinstance(s, ast.While):
            self.expr(s.test)
            self.block(s.body)
            self.block(s.orelse)
        elif isinstance(s, ast.If):
            self.expr(s.test)
            self.block(s.body)
            self.block(s.orelse)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                self.expr(item.context_expr)
                if item.optional_vars is not None:
                    self.target(item.optional_vars, "with")
            self.block(s.body)
        elif isinstance(s, ast.Match):
            self.expr(s.subject)
            for c in s.cases:
                self.pattern(c.pattern)
                self.expr(c.guard)
                self.block(c.body)
        elif isinstance(s, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            self.block(s.body)
            for h in s.handlers:
                self.expr(h.type)
                if h.name:
                    self.emit(h.name, h.lineno, "except")
                self.block(h.body)
            self.block(s.orelse)
            self.block(s.finalbody)
        elif isinstance(s, ast.Import):
            for a in s.names:
                self.emit(a.asname or a.name.split(".")[0], a.lineno, "import")
        elif isinstance(s, ast.ImportFrom):
            for a in s.names:
                self.emit(a.asname or a.name, a.lineno, "import")
        elif isinstance(s, ast.Delete):
            for t in s.targets:
                self.delete(t)
        elif isinstance(s, ast.Expr):
            self.expr(s.value)
            v = s.value
            if (isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and
                    isinstance(v.func.value, ast.Name) and v.func.value.id == "__all__"):
                if v.func.attr == "append" and len(v.args) == 1 and not v.keywords:
                    lit = str_const(v.args[0])
                    self.all_extend([lit] if lit is not None else None)
                elif v.func.attr == "extend" and len(v.args) == 1 and not v.keywords:
                    self.all_extend(self.all_literal(v.args[0]))
        elif hasattr(ast, "TypeAlias") and isinstance(s, ast.TypeAlias):
            self.emit(s.name.id, s.lineno, "type")
        else:  # return, raise, assert, global, pass, ...
            for child in ast.iter_child_nodes(s):
                if isinstance(child, ast.expr):
                    self.expr(child)

    def block(self, body):
        for s in body:
            self.stmt(s)


def reference(path):
    """The facts `ast` gives for path, or {"error": line} when it rejects it."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        tree = ast.parse(data, filename=path)
    except SyntaxError as e:
        return {"error": e.lineno, "message": e.msg}
    except (ValueError, UnicodeError) as e:  # null bytes, undecodable source
        return {"error": None, "message": str(e)}
    imp = Imports()
    for s in tree.body:
        imp.visit(s, "module", [])
    b = Bindings()
    b.block(tree.body)
    b.calls.sort(key=lambda c: (c["line"], c["col"]))
    return {
        "imports": imp.records,
        "bindings": b.out,
        "all": None if b.all_poisoned else b.all,
        "getattr": any(x["kind"] == "def" and x["name"] == "__getattr__" for x in b.out),
        "calls": b.calls,
    }


def extract_main(listfile):
    """Worker mode: the reference facts of each listed file, as JSON lines."""
    with open(listfile) as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    out = sys.stdout
    for p in paths:
        try:
            r = reference(p)
        except RecursionError:
            r = {"error": None, "message": "recursion"}
        r["file"] = p
        out.write(json.dumps(r) + "\n")


# ---------------------------------------------------------------------------
# modscope's side.

IMPORT_FIELDS = ("line", "col", "kind", "module", "level", "names", "scope", "guards")


def run_modscope(binary, verb, paths):
    by_file = {}
    errors = {}
    chunk = 1500
    for i in range(0, len(paths), chunk):
        part = paths[i:i + chunk]
        p = subprocess.run([binary, verb, "--format", "json"] + part,
                           capture_output=True, text=True, errors="replace", timeout=1200)
        if p.returncode not in (0, 1) or p.returncode == 1 and not p.stderr:
            raise RuntimeError(f"modscope {verb} exited {p.returncode}: {p.stderr[-2000:]}")
        for line in p.stdout.splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            by_file.setdefault(rec["file"], []).append(rec)
        for line in p.stderr.splitlines():
            errors.setdefault(line.split(":", 1)[0], []).append(line)
    return by_file, errors


def compare(ref, imports, facts):
    """A list of human-readable differences (empty when they agree)."""
    diffs = []
    got_error = facts.get("error") if facts else None
    if "error" in ref:
        if not got_error:
            return [f"ast rejects (line {ref['error']}: {ref['message']}), modscope accepts"]
        # compile() reports decoding problems (bad coding cookie, BOM with
        # another cookie) at line 0 and null bytes with no line at all:
        # there, any line modscope names is accepted.
        if ref["error"] and got_error.get("line") != ref["error"]:
            return [f"error line {got_error.get('line')} ({got_error.get('message')}), "
                    f"ast says line {ref['error']} ({ref['message']})"]
        return []
    if facts is None:
        return ["no facts record from modscope"]
    if got_error:
        return [f"modscope rejects (line {got_error.get('line')}: {got_error.get('message')}), "
                "ast accepts"]
    want_imp = ref["imports"]
    got_imp = [{k: r.get(k) for k in IMPORT_FIELDS + (("package",) if r.get("kind") == "dynamic"
                                                     else ())} for r in imports]
    if got_imp != want_imp:
        diffs.append(first_diff("imports", want_imp, got_imp))
    for key in ("bindings", "all", "getattr", "calls"):
        want, got = ref[key], facts.get(key)
        if key == "calls" and got is not None:
            got = [{"callee": c.get("callee"), "line": c.get("line"), "col": c.get("col")}
                   for c in got]
        if want != got:
            diffs.append(first_diff(key, want, got))
    return diffs


def first_diff(key, want, got):
    if isinstance(want, list) and isinstance(got, list):
        for i, (w, g) in enumerate(zip(want, got)):
            if w != g:
                return f"{key}[{i}]: want {json.dumps(w)}, got {json.dumps(g)}"
        return f"{key}: want {len(want)} entries, got {len(got)}" + (
            f"; first extra want {json.dumps(want[len(got)])}" if len(want) > len(got) else
            f"; first extra got {json.dumps(got[len(want)])}")
    return f"{key}: want {json.dumps(want)}, got {json.dumps(got)}"


def walk_py(root, excluded):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in excluded and d != "__pycache__"
                             and not d.startswith("."))
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames)
                   if f.endswith(".py") and not f.startswith("."))
    return out


def divergence_for(path):
    for suffix, what in DIVERGENCES.items():
        if path.endswith(suffix):
            return what
    return None


def check_corpus(binary, name, python, files, show):
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as f:
        f.write("\n".join(files) + "\n")
        listfile = f.name
    try:
        p = subprocess.run([python, "-I", "-S", os.path.abspath(__file__), "--extract", listfile],
                           capture_output=True, text=True, timeout=3000)
    finally:
        os.unlink(listfile)
    if p.returncode != 0:
        print(f"{name}: reference extraction failed: {p.stderr[-2000:]}")
        return 0, 1, 0
    refs = [json.loads(line) for line in p.stdout.splitlines()]
    imports, _ = run_modscope(binary, "imports", files)
    facts_list, _ = run_modscope(binary, "facts", files)
    facts = {k: v[0] for k, v in facts_list.items()}
    passed = failed = explained = 0
    shown = 0
    for ref in refs:
        path = ref["file"]
        diffs = compare(ref, imports.get(path, []), facts.get(path))
        div = divergence_for(path)
        if div is not None:
            kind, why = div
            ok = (kind == "grammar" and len(diffs) == 1 and "modscope accepts" in diffs[0])
            if ok:
                explained += 1
                passed += 1
                continue
            diffs = diffs or ["listed as a divergence but modscope now agrees with ast: "
                              "remove it from DIVERGENCES"]
        if diffs:
            failed += 1
            if shown < show:
                shown += 1
                print(f"  {path}:")
                for d in diffs[:3]:
                    print(f"      {d}")
        else:
            passed += 1
    print(f"{name}: {len(files)} files, {passed} agree ({explained} documented divergences), "
          f"{failed} differ")
    return passed, failed, explained


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--extract")
    ap.add_argument("--corpus", action="append")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    if args.extract:
        extract_main(args.extract)
        return 0
    binary = os.environ.get("MODSCOPE") or os.path.join(ROOT, "build", "modscope")
    if not os.access(binary, os.X_OK):
        print(f"no modscope binary at {binary}")
        print("0 passed, 1 failed")
        return 1
    total_p = total_f = total_e = 0
    if args.paths:
        files = []
        for p in args.paths:
            files.extend(walk_py(p, []) if os.path.isdir(p) else [p])
        jobs = [("paths", DEBIAN, files)]
    else:
        jobs = []
        for name, python, root, excluded in corpora():
            if args.corpus and name not in args.corpus:
                continue
            if not os.path.isdir(root):
                print(f"{name}: corpus {root} is missing (run scripts/deps.sh test)")
                total_f += 1
                continue
            jobs.append((name, python, walk_py(root, excluded)))
    for name, python, files in jobs:
        p, f, e = check_corpus(binary, name, python, files, args.show)
        total_p += p
        total_f += f
        total_e += e
    print(f"scan_ast: {total_p} passed, {total_f} failed")
    return 1 if total_f else 0


if __name__ == "__main__":
    sys.exit(main())
