"""`modscope order` on real code: every module of Debian's python3-django
and python3-sympy (/usr/lib/python3/dist-packages), each predicted as the
first import of a fresh `/usr/bin/python3 -c "import M"` (run from an empty
directory) and compared with that run.

Outcomes are classified as `ok`, `circular` (an ImportError/AttributeError
whose message says "partially initialized" or "circular import") or `other`
(any other failure: ImproperlyConfigured, missing optional dependencies...).
The issue's criterion, checked for every module: no module where modscope
says ok and the real import fails with a circular/partial error, and none
where modscope predicts such an error and the real import does not raise it.
Also reported: agreement of the full outcome, and how many predictions were
unknown with their reasons, grouped.

Skipped: the packages' tests/ directories (sympy's need pytest fixtures,
Django's test apps need settings) and modules whose name has a component
that is not an identifier or is a keyword (django.conf.locale.is cannot be
imported by an import statement).  By default a deterministic sample is run (every
module of every top-level subpackage's first level, plus every 2nd module
in name order: 852 of 1641, about 2 minutes on 2 idle cores); MODSCOPE_FULL=1
runs every module (about 7 minutes).  Last line:
`N passed, N failed`."""
import collections
import concurrent.futures
import json
import keyword
import os
import subprocess
import sys
import tempfile

MODSCOPE = os.environ.get("MODSCOPE", "build/modscope")
TRACER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "order_tracer")
PY = "/usr/bin/python3"
SITE = "/usr/lib/python3/dist-packages"
PACKAGES = ("django", "sympy")


def modules(top):
    out = []
    base = os.path.join(SITE, top)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d not in ("tests", "__pycache__")
                             and os.path.exists(os.path.join(dirpath, d, "__init__.py")))
        rel = os.path.relpath(dirpath, SITE).replace(os.sep, ".")
        for fn in sorted(filenames):
            if not fn.endswith(".py"):
                continue
            name = rel if fn == "__init__.py" else rel + "." + fn[:-3]
            if all(p.isidentifier() and not keyword.iskeyword(p) for p in name.split(".")):
                out.append(name)
    return sorted(out)


def sample(names):
    if os.environ.get("MODSCOPE_FULL") == "1":
        return names
    keep = []
    for i, n in enumerate(names):
        if n.count(".") <= 1 or i % 2 == 0:
            keep.append(n)
    return keep


def classify_message(typ, msg):
    if typ in ("ImportError", "AttributeError") and (
            "partially initialized" in msg or "circular import" in msg):
        return "circular"
    return "other"


def real(name, cwd):
    """The real outcome, and the order the package's modules started
    executing (order_tracer/sitecustomize.py, which leaves sys.path as it
    was)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    fd, trace = tempfile.mkstemp(prefix="order-trace-", suffix=".json")
    os.close(fd)
    env.update(PYTHONPATH=TRACER, ORDER_TRACE_OUT=trace,
               ORDER_TRACE_ROOT=os.path.join(SITE, name.split(".")[0]))
    try:
        out = real_outcome(name, cwd, env)
        try:
            with open(trace) as f:
                order = json.load(f)["order"]
        except (OSError, ValueError):
            order = None
        return out + (order,)
    finally:
        os.unlink(trace)


def real_outcome(name, cwd, env):
    code = ("import sys, json\n"
            "try:\n"
            f"    import {name}\n"
            "except BaseException as e:\n"
            "    print(json.dumps([type(e).__name__, str(e)]))\n"
            "else:\n"
            "    print(json.dumps(None))\n")
    try:
        p = subprocess.run([PY, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                           timeout=120)
    except subprocess.TimeoutExpired:
        return ("timeout", None, None)
    lines = [l for l in p.stdout.splitlines() if l.startswith("[") or l == "null"]
    if not lines:
        return ("other", "crash", p.stderr[-300:])
    r = json.loads(lines[-1])
    if r is None:
        return ("ok", None, None)
    return (classify_message(r[0], r[1]), r[0], r[1])


def main():
    names = []
    for top in PACKAGES:
        if os.path.isdir(os.path.join(SITE, top)):
            names += modules(top)
    names = sample(names)
    cwd = tempfile.mkdtemp(prefix="modscope-order-real-")
    p = subprocess.run([MODSCOPE, "order", "-", "--python", PY, "--format", "json"],
                       input="\n".join(names) + "\n", cwd=cwd, capture_output=True, text=True,
                       timeout=3000)
    preds = {}
    for line in p.stdout.splitlines():
        d = json.loads(line)
        preds[d["entry"]] = d
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        reals = dict(zip(names, ex.map(lambda n: real(n, cwd), names)))
    passed = failed = 0
    order_same = order_checked = 0
    order_diffs = []
    tally = collections.Counter()
    per_package = collections.Counter()
    missed = collections.Counter()
    reasons = collections.Counter()
    agree = collections.Counter()
    for n in names:
        pr = preds.get(n)
        rc, rt, rm, rorder = reals[n]
        if pr is None:
            failed += 1
            print(f"FAIL {n}: no prediction")
            continue
        po = pr["outcome"]
        pc = None
        if po == "error":
            pc = classify_message(pr["error"]["type"], pr["error"]["message"])
        tally[(po if po != "error" else "error:" + pc, rc)] += 1
        per_package[(n.split(".")[0], po if po != "error" else "error:" + pc, rc)] += 1
        if po == "ok" and rc != "ok":
            missed[f"{rt}: {(rm or '')[:70]}"] += 1
        if po == "unknown":
            reason = pr["reason"] or ""
            reason = reason.split(": ", 1)[-1] if ": " in reason else reason
            key = reason
            for cut in (" at import time", " may be raised", " runs", " (", " is bound"):
                if cut in key:
                    key = key[:key.index(cut) + len(cut)]
                    break
            reasons[key] += 1
        bad = None
        if po == "ok" and rc == "circular":
            bad = f"predicted ok, real {rt}: {rm}"
        elif pc == "circular" and rc != "circular":
            bad = f"predicted {pr['error']['type']}: {pr['error']['message']}, real {rc} {rt or ''} {rm or ''}"
        elif pc == "circular" and (pr["error"]["type"], pr["error"]["message"]) != (rt, rm):
            bad = f"predicted {pr['error']['type']}: {pr['error']['message']}, real {rt}: {rm}"
        if bad:
            failed += 1
            print(f"FAIL {n}: {bad}")
        else:
            passed += 1
        if po == "ok" and rc == "ok":
            agree["ok"] += 1
            if rorder is not None:
                order_checked += 1
                if pr["order"] == rorder:
                    order_same += 1
                else:
                    k = next((i for i, (a, b) in enumerate(zip(pr["order"], rorder)) if a != b),
                             min(len(pr["order"]), len(rorder)))
                    order_diffs.append((n, k, pr["order"][k:k + 1], rorder[k:k + 1]))
        elif po == "error" and rt == pr["error"]["type"] and rm == pr["error"]["message"]:
            agree["same error"] += 1
    print(f"modules: {len(names)} ({'all' if os.environ.get('MODSCOPE_FULL') == '1' else 'sample'})")
    for (po, rc), k in sorted(tally.items()):
        print(f"  predicted {po:16} real {rc:8} {k}")
    for (top, po, rc), k in sorted(per_package.items()):
        print(f"  {top:8} predicted {po:16} real {rc:8} {k}")
    if missed:
        print("predicted ok, real failure (what the model assumed away):")
        for m, k in missed.most_common(5):
            print(f"  {k:5}  {m}")
    print(f"  exact agreement: {agree['ok']} ok, {agree['same error']} same error")
    print(f"  order (ok/ok): {order_same} of {order_checked} the same as the real run's")
    for n, k, a, b in order_diffs[:5]:
        print(f"    {n}: first difference at {k}: predicted {a}, real {b}")
    print("unknown reasons:")
    for r, k in reasons.most_common(15):
        print(f"  {k:5}  {r}")
    print(f"{passed} passed, {failed} failed")


if __name__ == "__main__":
    main()
