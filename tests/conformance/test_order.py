"""`modscope order` against the real interpreters on the fixture projects of
tests/cases/sim/<name>/.  Each fixture has an `entry.txt`:
    import a.b          predicts `python -c "import a.b"` run in the fixture
    script main.py      predicts `python main.py`
and optionally a line `expect unknown` (the model must say unknown; the
interpreter's run is still made, to show what it does).  For both
interpreters (`python3` on PATH and /usr/bin/python3) the fixture is run for
real with a tracer (order_tracer/sitecustomize.py) recording the order the
fixture's modules start executing and the uncaught exception; modscope's
prediction must match: order, outcome, error type and message, the failing
file and line, and the chain of frames.  Last line: `N passed, N failed`."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(ROOT, "tests", "cases", "sim")
MODSCOPE = os.environ.get("MODSCOPE", os.path.join(ROOT, "build", "modscope"))
TRACER = os.path.join(HERE, "order_tracer")


def interpreters():
    seen, out = set(), []
    for p in (shutil.which("python3"), "/usr/bin/python3"):
        if not p or not os.path.exists(p):
            continue
        real = subprocess.run([p, "-c", "import sys; print(sys.executable)"],
                              capture_output=True, text=True).stdout.strip()
        if real and real not in seen:
            seen.add(real)
            out.append(real)
    return out


def real_run(py, cwd, mode, arg):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "trace.json")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.update(PYTHONPATH=TRACER, PYTHONDONTWRITEBYTECODE="1",
                   ORDER_TRACE_ROOT=cwd, ORDER_TRACE_OUT=out)
        argv = [py, "-c", f"import {arg}"] if mode == "import" else [py, arg]
        p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
        if not os.path.exists(out):
            raise RuntimeError(f"tracer wrote nothing: {p.stderr[-1000:]}")
        with open(out) as f:
            return json.load(f)


def predict(py, cwd, mode, arg):
    argv = [MODSCOPE, "order", "--python", py, "--format", "json"]
    argv += [arg] if mode == "import" else ["--script", arg]
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"modscope exit {p.returncode}: {p.stderr}")
    return json.loads(p.stdout)


def absfile(cwd, f):
    return None if f is None else os.path.normpath(os.path.join(cwd, f))


def compare(cwd, mode, real, pred):
    problems = []
    order = list(pred["order"])
    if mode == "script" and order[:1] == ["__main__"]:
        order = order[1:]
    if order != real["order"]:
        problems.append(f"order {order} != real {real['order']}")
    err = real["error"]
    want = "ok" if err is None else "error"
    if pred["outcome"] != want:
        problems.append(f"outcome {pred['outcome']} != real {want}"
                        + (f" ({err['type']}: {err['message']})" if err else "")
                        + (f"; reason: {pred['reason']}" if pred.get("reason") else ""))
        return problems
    if err is None:
        return problems
    pe = pred["error"]
    if (pe["type"], pe["message"]) != (err["type"], err["message"]):
        problems.append(f"error {pe['type']}: {pe['message']!r} != real {err['type']}: {err['message']!r}")
    frames = real["frames"]
    last = frames[-1] if frames else None
    got_at = (absfile(cwd, pe["file"]), pe["line"]) if pe["file"] else None
    want_at = (last["file"], last["line"]) if last else None
    if got_at != want_at:
        problems.append(f"failing statement {got_at} != real {want_at}")
    chain = [(c["module"], absfile(cwd, c["file"]), c["line"]) for c in pred["chain"]]
    rchain = [(f["module"], f["file"], f["line"]) for f in frames]
    if chain != rchain:
        problems.append(f"chain {chain} != real {rchain}")
    return problems


def check_cycle_labels(py, name, cwd):
    """`modscope cycles` (labels are the default) on a copy of the fixture (its own project):
    every crash it lists must be the real run's error for that entry, and no
    member of a harmless component may fail with a circular-import error."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        dst = os.path.join(tmp, name)
        shutil.copytree(cwd, dst)
        p = subprocess.run([MODSCOPE, "cycles", "--python", py, "--format", "json"],
                           cwd=dst, capture_output=True, text=True, timeout=60)
        if p.returncode not in (0, 1):
            return [f"cycles exit {p.returncode}: {p.stderr}"], 0
        comps = json.loads(p.stdout)["components"]
        for comp in comps:
            crashes = {c["entry"]: c["error"] for c in comp["crashes"]}
            for m in comp["modules"]:
                r = real_run(py, dst, "import", m)
                e = r["error"]
                circular = e is not None and ("partially initialized" in e["message"]
                                              or "circular import" in e["message"])
                if m in crashes:
                    want = (crashes[m]["type"], crashes[m]["message"])
                    if e is None or (e["type"], e["message"]) != want:
                        problems.append(f"cycles: crash of {m} {want} != real {e}")
                elif circular and comp["label"] == "harmless":
                    problems.append(f"cycles: {comp['modules']} harmless but import {m}: {e}")
                elif circular and comp["label"] == "crash":
                    problems.append(f"cycles: import {m} crashes for real but is not listed")
        return problems, len(comps)


def main():
    pys = interpreters()
    passed = failed = 0
    components = [0]
    names = sorted(d for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    only = os.environ.get("ORDER_ONLY")
    for name in names:
        if only and only not in name:
            continue
        cwd = os.path.join(CASES, name)
        with open(os.path.join(cwd, "entry.txt")) as f:
            lines = [l.strip() for l in f if l.strip()]
        mode, arg = lines[0].split(None, 1)
        expect_unknown = "expect unknown" in lines[1:]
        for py in pys:
            label = f"{name} [{py}]"
            try:
                real = real_run(py, cwd, mode, arg)
                pred = predict(py, cwd, mode, arg)
            except Exception as e:  # noqa: BLE001 - report and count
                print(f"FAIL {label}: {e}")
                failed += 1
                continue
            if expect_unknown:
                if pred["outcome"] == "unknown":
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {label}: expected unknown, got {pred['outcome']}")
                continue
            problems = compare(cwd, mode, real, pred)
            if mode == "import":
                cp, ncomp = check_cycle_labels(py, name, cwd)
                problems += cp
                components[0] += ncomp
            if problems:
                failed += 1
                print(f"FAIL {label}:\n  " + "\n  ".join(problems))
            else:
                passed += 1
    print(f"cycle components labelled and checked: {components[0]}")
    print(f"{passed} passed, {failed} failed")


if __name__ == "__main__":
    main()
