#!/usr/bin/env python3
"""The TOML reader against the toml-test suite and against Python's tomllib.

1. toml-test (v2.2.0, /work/shared/toml-test, the files listed in
   tests/files-toml-1.0.0): every valid/**/*.toml must decode, through
   `$MODSCOPE __toml FILE`, to the tagged JSON beside it, compared as toml-test
   compares (floats numerically, inf/nan by name, date-times by value with the
   fraction and offset normalised); every invalid/**/*.toml must exit 2 with
   a `FILE:LINE:COL: error: REASON` message on stderr.
2. tomllib (the 3.11 stdlib parser pip and build tools use for
   pyproject.toml): over the toml-test valid files and every pyproject.toml
   on the machine, tomllib's result converted to tagged form must equal
   modscope's, and a file one rejects the other must reject; over the
   toml-test invalid files both must reject.

Prints one line per failure and `N passed, N failed` last.
"""
import concurrent.futures
import datetime
import json
import math
import os
import re
import subprocess
import sys
import tomllib

MODSCOPE = os.environ.get("MODSCOPE") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "build", "modscope")
SUITE = os.environ.get("TOML_TEST_DIR", "/work/shared/toml-test")
LIST = os.path.join(SUITE, "tests", "files-toml-1.0.0")
ERROR_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): error: (?P<reason>\S.*)$")
DATETIME = re.compile(
    r"^(?:(\d{4})-(\d{2})-(\d{2}))?[Tt ]?(?:(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?"
    r"([Zz]|[+-]\d{2}:\d{2})?$")


class Counter:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self):
        self.passed += 1

    def fail(self, what, detail=""):
        self.failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))


def run_modscope(path):
    """(exit code, stdout, stderr) of `modscope __toml path`."""
    p = subprocess.run([MODSCOPE, "__toml", path], capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# ---------------------------------------------------------------- comparison

def datetime_key(text, micro):
    """A date-time text as comparable parts; fractions in nanoseconds (or
    microseconds when micro, tomllib's precision), offsets in minutes."""
    m = DATETIME.match(text)
    if not m:
        return ("unparsable", text)
    y, mo, d, h, mi, s, frac, off = m.groups()
    ns = int((frac or "").ljust(9, "0")[:9]) if frac else 0
    if micro:
        ns -= ns % 1000
    if off is None:
        offset = None
    elif off in ("Z", "z"):
        offset = 0
    else:
        sign = -1 if off[0] == "-" else 1
        offset = sign * (int(off[1:3]) * 60 + int(off[4:6]))
    return (y, mo, d, h, mi, s, ns, offset)


def float_key(text):
    t = text.lstrip("+")
    if t in ("nan", "-nan"):
        return ("nan",)
    v = float(t)
    return (v, math.copysign(1.0, v))


def leaf_diff(a, b, micro):
    if a["type"] != b["type"]:
        return f"type {a['type']} != {b['type']}"
    t = a["type"]
    va, vb = a["value"], b["value"]
    if t == "float":
        same = float_key(va) == float_key(vb)
    elif t == "integer":
        same = int(va) == int(vb)
    elif t in ("datetime", "datetime-local", "date-local", "time-local"):
        same = datetime_key(va, micro) == datetime_key(vb, micro)
    else:
        same = va == vb
    return None if same else f"{t} {va!r} != {vb!r}"


def is_leaf(x):
    return isinstance(x, dict) and set(x) == {"type", "value"} and isinstance(x["type"], str)


def diff(got, want, micro=False, path="$"):
    """None when got and want are the same tagged document, else where they differ."""
    if is_leaf(want) or is_leaf(got):
        if not (is_leaf(want) and is_leaf(got)):
            return f"{path}: {got!r} != {want!r}"
        d = leaf_diff(got, want, micro)
        return f"{path}: {d}" if d else None
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{path}: got {type(got).__name__}, want table"
        if list(sorted(got)) != list(sorted(want)):
            return f"{path}: keys {sorted(got)} != {sorted(want)}"
        for k in want:
            d = diff(got[k], want[k], micro, f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f"{path}: got {got!r}, want array of {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            d = diff(g, w, micro, f"{path}[{i}]")
            if d:
                return d
        return None
    return f"{path}: unexpected {want!r}"


def tagged(value):
    """tomllib's Python value in toml-test's tagged form."""
    if isinstance(value, dict):
        return {k: tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tagged(v) for v in value]
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        return {"type": "float", "value": repr(value)}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return {"type": "datetime-local", "value": value.isoformat()}
        off = value.utcoffset()
        minutes = int(off.total_seconds()) // 60
        text = value.replace(tzinfo=None).isoformat()
        sign = "-" if minutes < 0 else "+"
        text += f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        return {"type": "datetime", "value": text}
    if isinstance(value, datetime.date):
        return {"type": "date-local", "value": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"type": "time-local", "value": value.isoformat()}
    raise TypeError(f"unexpected {type(value).__name__} from tomllib")


def tomllib_load(path):
    """(tagged document, None) or (None, reason)."""
    try:
        with open(path, "rb") as f:
            return tagged(tomllib.load(f)), None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return None, str(e)


def error_ok(path, code, err):
    """None when modscope rejected path properly, else what is wrong."""
    if code != 2:
        return f"exit {code}, want 2 (stderr {err.strip()[:200]!r})"
    lines = err.strip().splitlines()
    if len(lines) != 1:
        return f"want one error line, got {err!r}"
    m = ERROR_LINE.match(lines[0])
    if not m or m.group("file") != path or int(m.group("line")) < 1 or int(m.group("col")) < 1:
        return f"malformed error line {lines[0]!r}"
    return None


# ---------------------------------------------------------------- suites

def main():
    if not os.access(MODSCOPE, os.X_OK):
        print(f"modscope binary not found: {MODSCOPE}")
        print("0 passed, 1 failed")
        return 1
    if not os.path.exists(LIST):
        print(f"toml-test list not found: {LIST}")
        print("0 passed, 1 failed")
        return 1
    with open(LIST) as f:
        names = [l.strip() for l in f if l.strip().endswith(".toml")]
    tests = os.path.join(SUITE, "tests")
    paths = [os.path.join(tests, n) for n in names]
    pyprojects = sorted(find_pyprojects())
    everything = paths + pyprojects
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        results = dict(zip(everything, ex.map(run_modscope, everything)))

    c = Counter()
    n_valid = n_invalid = 0
    for name, path in zip(names, paths):
        code, out, err = results[path]
        if name.startswith("valid/"):
            n_valid += 1
            with open(path[:-5] + ".json", encoding="utf-8") as f:
                want = json.load(f)
            if code != 0:
                c.fail(f"toml-test {name}", f"exit {code}: {err.strip()}")
                continue
            got = json.loads(out)
            d = diff(got, want)
            c.fail(f"toml-test {name}", d) if d else c.ok()
            # The oracle: tomllib must read it the same way.
            ref, why = tomllib_load(path)
            if ref is None:
                c.fail(f"tomllib {name}", f"tomllib rejects a valid file: {why}")
                continue
            d = diff(got, ref, micro=True)
            c.fail(f"tomllib {name}", d) if d else c.ok()
        else:
            n_invalid += 1
            problem = error_ok(path, code, err)
            c.fail(f"toml-test {name}", problem) if problem else c.ok()
            ref, _ = tomllib_load(path)
            if ref is not None:
                c.fail(f"tomllib {name}", "tomllib accepts it, modscope "
                       + ("rejects" if code == 2 else "accepts"))
            elif code != 2:
                c.fail(f"tomllib {name}", "tomllib rejects it, modscope does not")
            else:
                c.ok()

    for path in pyprojects:
        code, out, err = results[path]
        ref, why = tomllib_load(path)
        if ref is None:
            problem = error_ok(path, code, err)
            c.fail(f"pyproject {path}", f"tomllib rejects ({why}); modscope: {problem}") \
                if problem else c.ok()
            continue
        if code != 0:
            c.fail(f"pyproject {path}", f"tomllib accepts, modscope: {err.strip()}")
            continue
        d = diff(json.loads(out), ref, micro=True)
        c.fail(f"pyproject {path}", d) if d else c.ok()

    print(f"toml-test 1.0.0: {n_valid} valid and {n_invalid} invalid files; "
          f"{len(pyprojects)} pyproject.toml files compared with tomllib")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


def find_pyprojects():
    """Every pyproject.toml on the machine (outside /proc and /sys)."""
    try:
        p = subprocess.run(["find", "/", "(", "-path", "/proc", "-o", "-path", "/sys", ")",
                            "-prune", "-o", "-name", "pyproject.toml", "-type", "f", "-print"],
                           capture_output=True, text=True, errors="replace", timeout=120)
    except subprocess.TimeoutExpired:
        return []
    return [l for l in p.stdout.splitlines() if l and os.access(l, os.R_OK)]


if __name__ == "__main__":
    sys.exit(main())
