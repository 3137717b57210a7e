#!/usr/bin/python3
"""modscope's code-content rules beside their peers, on real corpora
(docs/check-vs-peers.md):

  wildcard-import             vs pylint W0401 (wildcard-import)
  relative-import-beyond-top  vs pylint E0402 (relative-beyond-top-level)
  import-order                vs isort --check-only (default profile)
  import-not-at-top           vs pycodestyle E402

on Django and SymPy (Debian's python3-django and python3-sympy, with
/usr/bin/python3) and Debian's standard library.  Every finding of one tool
that the other does not make must fall into a difference class explained in
docs/check-vs-peers.md; a difference no class explains fails the test.
Prints the counts of every class and the time each tool took.

Run: MODSCOPE=build/modscope /usr/bin/python3 tests/conformance/test_rules_corpora.py
     [--quick]  (Django only)
"""
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

MODSCOPE = os.path.abspath(os.environ.get("MODSCOPE", "build/modscope"))
PY = "/usr/bin/python3"
DIST = "/usr/lib/python3/dist-packages"
# (name, parent folder, folder analysed, first-party package for isort)
CORPORA = [
    ("django", DIST, "django", "django"),
    ("sympy", DIST, "sympy", "sympy"),
    ("stdlib", "/usr/lib", "python3.11", None),
]
RULES = "wildcard-import,relative-import-beyond-top,import-order,import-not-at-top"

passed = failed = 0
timings = []


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}")


def py_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        for f in sorted(filenames):
            if f.endswith(".py"):
                yield os.path.join(dirpath, f)


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def modscope_findings(parent, folder):
    t = time.time()
    p = subprocess.run([MODSCOPE, "check", folder, "--python", PY, "--select", RULES,
                        "--format", "json"], cwd=parent, capture_output=True, text=True,
                       timeout=600)
    timings.append((f"modscope check {folder} ({RULES})", time.time() - t))
    ok(p.returncode in (0, 1), f"modscope check {folder} exit {p.returncode}: {p.stderr[:300]}")
    try:
        return json.loads(p.stdout)["diagnostics"]
    except ValueError:
        return []


# ---------------------------------------------------------------- pylint

def pylint_candidates(parent, folder):
    """Files that can get W0401 or E0402 at all: a star import, a relative
    import of two dots or more, or any relative import in a file that is not
    in a package.  Lossless: pylint gives neither message elsewhere."""
    out = []
    for path in py_files(os.path.join(parent, folder)):
        text = read(path)
        in_pkg = os.path.exists(os.path.join(os.path.dirname(path), "__init__.py"))
        if re.search(r"import\s*\(?\s*\*", text) or re.search(r"from\s+\.\.", text) or \
           (not in_pkg and re.search(r"from\s+\.", text)):
            out.append(os.path.relpath(path, parent))
    return out


def pylint_findings(parent, files):
    if not files:
        return {}
    t = time.time()
    p = subprocess.run([PY, "-m", "pylint", "--disable=all",
                        "--enable=wildcard-import,relative-beyond-top-level", "-j2",
                        "--output-format=parseable", "--score=n", "--persistent=n"] + files,
                       cwd=parent, capture_output=True, text=True, timeout=1200)
    timings.append((f"pylint on {len(files)} candidate files", time.time() - t))
    found = defaultdict(set)
    for line in p.stdout.splitlines():
        m = re.match(r"(.+?):(\d+): \[(\w+)\(([\w-]+)\)", line)
        if m:
            found[m.group(4)].add((m.group(1), int(m.group(2))))
    return found


def compare_pylint(name, parent, folder, diags):
    files = pylint_candidates(parent, folder)
    pl = pylint_findings(parent, files)
    cand = set(files)
    # wildcard-import
    ms = {(d["file"], d["line"]) for d in diags if d["rule"] == "wildcard-import"}
    classes = Counter()
    for f, l in sorted(ms | pl["wildcard-import"]):
        if (f, l) in ms and (f, l) in pl["wildcard-import"]:
            classes["agree"] += 1
        elif (f, l) in ms and os.path.basename(f) == "__init__.py":
            classes["modscope only: in __init__.py, which pylint skips"] += 1
        elif (f, l) in ms and f not in cand:
            classes["UNEXPLAINED: missed by the candidate filter"] += 1
        else:
            classes["UNEXPLAINED"] += 1
            print(f"  wildcard {name}: {f}:{l} modscope={(f, l) in ms} pylint={(f, l) in pl['wildcard-import']}")
    report(f"{name} wildcard-import vs pylint W0401", classes)
    # relative-import-beyond-top
    ms = {(d["file"], d["line"]) for d in diags if d["rule"] == "relative-import-beyond-top"}
    pb = pl["relative-beyond-top-level"]
    classes = Counter()
    for f, l in sorted(ms | pb):
        if (f, l) in ms and (f, l) in pb:
            classes["agree"] += 1
        elif (f, l) in pb and not os.path.exists(os.path.join(parent, os.path.dirname(f), "__init__.py")):
            classes["pylint only: relative import in a file outside any package "
                    "(CPython: 'no known parent package', modscope's relative-import-in-script)"] += 1
        else:
            classes["UNEXPLAINED"] += 1
            print(f"  beyond-top {name}: {f}:{l} modscope={(f, l) in ms} pylint={(f, l) in pb}")
    report(f"{name} relative-import-beyond-top vs pylint E0402", classes)


# ---------------------------------------------------------------- isort

def top_import_sequence(text):
    """The module-level import statements of text, as isort would compare
    them: ('i', module) per name of `import a, b`, ('f', module, names) per
    from-import; None when text does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    seq = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                seq.append(("i", a.name))
        elif isinstance(node, ast.ImportFrom):
            mod = "." * node.level + (node.module or "")
            seq.append(("f", mod, tuple(a.name for a in node.names)))
        else:
            seq.append(("code",))
    return seq


def order_keys(seq):
    """(kind, module) with consecutive repeats merged, code kept as a
    separator: what isort's reordering changes, not its merging."""
    out = []
    for item in seq:
        key = item[:2]
        if out and out[-1] == key and key != ("code",):
            continue
        out.append(key)
    return out


def names_by_module(seq):
    """The names of each run of from-imports of one module, concatenated."""
    out = []
    for item in seq:
        if item[0] == "f":
            if out and out[-1][0] == item[1]:
                out[-1] = (item[1], out[-1][1] + item[2])
            else:
                out.append((item[1], item[2]))
    return out


def spec_sections(tops, parent):
    """Where CPython (/usr/bin/python3) finds each top-level module: the
    section it belongs to by location, as modscope decides it."""
    code = r"""
import importlib.util, json, sys, sysconfig
stdlib = sysconfig.get_paths()["stdlib"]
out = {}
for name in json.loads(sys.stdin.read()):
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        spec = None
    if spec is None:
        out[name] = "THIRDPARTY"
        continue
    where = spec.origin if spec.origin not in (None, "built-in", "frozen") else \
        (list(spec.submodule_search_locations or [None])[0])
    if spec.origin in ("built-in", "frozen"):
        out[name] = "STDLIB"
    elif where and where.startswith(sys.argv[1] + "/"):
        out[name] = "FIRSTPARTY"
    elif where and where.startswith(stdlib + "/") and "-packages/" not in where:
        out[name] = "STDLIB"
    else:
        out[name] = "THIRDPARTY"
print(json.dumps(out))
"""
    p = subprocess.run([PY, "-I", "-c", code, parent], input=json.dumps(sorted(tops)),
                       capture_output=True, text=True, cwd="/", timeout=300)
    return json.loads(p.stdout)


def tops_of(seq):
    return {item[1].split(".")[0] for item in seq
            if item[0] in ("i", "f") and not item[1].startswith(".")}


def compare_isort(name, parent, folder, first_party, diags):
    import isort
    from isort.settings import Config
    tmp = tempfile.mkdtemp()
    base = Config(settings_path=tmp, known_first_party=[first_party] if first_party else [])
    flagged = {d["file"] for d in diags if d["rule"] == "import-order"}
    classes = Counter()
    t = time.time()
    files = list(py_files(os.path.join(parent, folder)))
    verdicts = {}
    tops = set()
    for path in files:
        rel = os.path.relpath(path, parent)
        text = read(path)
        try:
            out = isort.code(text, config=base)
        except Exception:
            verdicts[rel] = None
            continue
        a, b = top_import_sequence(text), top_import_sequence(out)
        if a is None or b is None:
            verdicts[rel] = None
            continue
        for item in a:
            if item[0] in ("i", "f") and not item[1].startswith("."):
                tops.add(item[1].split(".")[0])
        verdicts[rel] = (text, a, b, out)
    timings.append((f"isort on {len(files)} files of {folder}", time.time() - t))
    sections = spec_sections(tops, os.path.join(parent, folder) if first_party else "/nonexistent")
    forced = None
    placed = {}
    for rel, v in sorted(verdicts.items()):
        if v is None:
            classes["skipped: not valid Python 3.11 (isort or ast cannot read it)"] += 1
            continue
        text, a, b, out = v
        order_changed = order_keys(a) != order_keys(b)
        names_changed = names_by_module(a) != names_by_module(b)
        isort_says = order_changed or names_changed
        ms_says = rel in flagged
        if isort_says == ms_says:
            classes["agree: " + ("both flag" if ms_says else "both clean (order)")] += 1
            continue
        if not ms_says and not order_changed and names_changed and \
                any(x[0] == "f" and y[0] == "f" and x[1] == y[1] for x, y in zip(a, a[1:])):
            classes["isort only: merges from-imports of one module split over statements"] += 1
            continue
        if re.search(r"isort:\s*(skip|off)", text) and not ms_says:
            classes["isort only: isort:skip lines moved around by isort's own merge"] += 1
            continue
        # Sections as CPython finds the modules: does isort, told so, agree?
        if forced is None:
            by = defaultdict(list)
            for mod, sec in sections.items():
                by[sec].append(mod)
            forced = Config(settings_path=tmp, known_standard_library=by["STDLIB"],
                            known_third_party=by["THIRDPARTY"],
                            known_first_party=by["FIRSTPARTY"] + ([first_party] if first_party else []))
        out2 = isort.code(text, config=forced)
        b2 = top_import_sequence(out2)
        agree2 = (order_keys(a) != order_keys(b2) or names_by_module(a) != names_by_module(b2)) == ms_says
        if agree2:
            classes["section: isort's name list and CPython's location disagree"] += 1
            for m in tops_of(a):
                if m in sections:
                    if m not in placed:
                        placed[m] = isort.place_module(m, config=base)
                    if placed[m] != sections[m]:
                        classes_examples.setdefault(name, set()).add(
                            f"{m} (isort {placed[m]}, CPython {sections[m]})")
            continue
        classes["UNEXPLAINED"] += 1
        if classes["UNEXPLAINED"] <= 8:
            print(f"  isort {name}: {rel} modscope={ms_says} isort order={order_changed} names={names_changed}")
    report(f"{name} import-order vs isort", classes)


classes_examples = {}


# ---------------------------------------------------------------- pycodestyle

def compare_pycodestyle(name, parent, folder, diags):
    t = time.time()
    p = subprocess.run([PY, "-m", "pycodestyle", "--select=E402", folder],
                       cwd=parent, capture_output=True, text=True, timeout=900)
    timings.append((f"pycodestyle --select=E402 {folder}", time.time() - t))
    ok(p.returncode in (0, 1), f"pycodestyle exit {p.returncode}: {p.stderr[:200]}")
    pc = set()
    for line in p.stdout.splitlines():
        m = re.match(r"(.+?):(\d+):\d+: E402", line)
        if m:
            pc.add((m.group(1), int(m.group(2))))
    ms = {}
    for d in diags:
        if d["rule"] == "import-not-at-top":
            ms[(d["file"], d["line"])] = d
    classes = Counter()
    lines_cache = {}

    def line_of(f, l):
        if f not in lines_cache:
            lines_cache[f] = read(os.path.join(parent, f)).splitlines()
        ls = lines_cache[f]
        return ls[l - 1] if 0 < l <= len(ls) else ""

    for f, l in sorted(set(ms) | pc):
        if (f, l) in ms and (f, l) in pc:
            classes["agree"] += 1
            continue
        if (f, l) in ms:
            d = ms[(f, l)]
            first = d["notes"][0]["line"] if d["notes"] else 0
            src = line_of(f, first).lstrip()
            if NOQA.search(line_of(f, l)) or NOQA.search(line_of(f, first)):
                classes["modscope only: a '# noqa' comment on the import or on the code "
                        "before it, which pycodestyle always honours"] += 1
            elif re.match(r"(if|elif|else|try|except|finally|with)\b", src):
                classes["modscope only: the code before it is an if/try/with block, "
                        "which pycodestyle lets through"] += 1
            elif is_e402_exempt_before(lines_cache[f], first, l):
                classes["modscope only: pycodestyle exempts the code before it (if/try/with "
                        "statements anywhere in between)"] += 1
            else:
                classes["UNEXPLAINED"] += 1
                print(f"  E402 {name}: {f}:{l} modscope only (first code line {first}: {src[:60]!r})")
        else:
            prev = "\n".join(lines_cache.get(f) or read(os.path.join(parent, f)).splitlines())
            lines_cache.setdefault(f, prev.splitlines())
            if re.search(r"^__\w+__\s*(\+=|\.append|\.extend)", prev, re.M):
                classes["pycodestyle only: an augmented __dunder__ assignment (__all__ += ...) "
                        "counts as code for pycodestyle"] += 1
            else:
                classes["UNEXPLAINED"] += 1
                print(f"  E402 {name}: {f}:{l} pycodestyle only: {line_of(f, l)[:60]!r}")
    report(f"{name} import-not-at-top vs pycodestyle E402", classes)


NOQA = re.compile(r"# no(?:qa|pep8)\b", re.I)  # pycodestyle's own pattern


def is_e402_exempt_before(lines, first, upto):
    """True when every top-level line from first up to upto starts with a
    keyword pycodestyle lets through, a dunder assignment, an import or a
    comment/continuation."""
    for text in lines[first - 1:upto - 1]:
        if not text or text[0] in " \t#)]}" or not text.strip():
            continue
        if re.match(r"(try|except|else|finally|with|if|elif|import |from |__\w+__)", text):
            continue
        return False
    return True


def report(title, classes):
    print(f"{title}:")
    for k, v in sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {v:6d}  {k}")
    ok(not any(k.startswith("UNEXPLAINED") for k in classes), f"{title}: unexplained differences")


def main():
    corpora = CORPORA[:1] if "--quick" in sys.argv else CORPORA
    for name, parent, folder, first_party in corpora:
        if not os.path.isdir(os.path.join(parent, folder)):
            print(f"FAIL corpus {name} missing: {parent}/{folder}")
            global failed
            failed += 1
            continue
        diags = modscope_findings(parent, folder)
        compare_pylint(name, parent, folder, diags)
        compare_isort(name, parent, folder, first_party, diags)
        compare_pycodestyle(name, parent, folder, diags)
    for name, ex in classes_examples.items():
        print(f"{name}: modules isort places differently: {', '.join(sorted(ex)[:12])}")
    for what, secs in timings:
        print(f"time: {secs:7.1f} s  {what}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
