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
3. Differential: documents generated at random (fixed seed) from a grammar
   of headers, dotted keys, inline tables and arrays (the table definition
   rules), and toml-test files with random byte edits, must be read the same
   way by modscope and tomllib: both reject, or both accept with the same
   values.  The one intended difference: an integer outside 64 bits, which
   TOML 1.0 says must be an error and tomllib accepts as a Python int.

Prints one line per failure and `N passed, N failed` last.
"""
import concurrent.futures
import datetime
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import tomllib

from _common import MODSCOPE, shared_path


SUITE = os.environ.get("TOML_TEST_DIR") or shared_path("toml-test")
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


DIFF_GENERATED = 1500
DIFF_MUTATED = 1500
SEED = 20240601


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
        try:
            ref, why = tomllib_load(path)
        except OSError:
            continue  # a temporary file of another test, gone since the search
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

    sources = []
    for path in paths:
        with open(path, "rb") as f:
            sources.append(f.read())
    with tempfile.TemporaryDirectory(prefix="modscope-toml-") as tmpdir:
        n_diff, n_accepted = differential(c, tmpdir, sources)

    print(f"toml-test 1.0.0: {n_valid} valid and {n_invalid} invalid files; "
          f"{len(pyprojects)} pyproject.toml files found and compared with tomllib; "
          f"{n_diff} differential documents ({n_accepted} accepted by both)")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


# ---------------------------------------------------------------- differential

def generated_document(rng):
    """A small document mixing headers, dotted keys, inline tables, arrays."""
    names = ["a", "b", "c"]

    def key():
        return ".".join(rng.choice(names) for _ in range(rng.choice([1, 1, 2, 2, 3])))

    def val(depth=0):
        r = rng.random()
        if depth < 2 and r < 0.2:
            pairs = ", ".join(f"{key()} = {val(depth + 1)}" for _ in range(rng.randint(0, 3)))
            return "{" + pairs + "}"
        if depth < 2 and r < 0.35:
            return "[" + ", ".join(val(depth + 1) for _ in range(rng.randint(0, 2))) + "]"
        return rng.choice(["1", '"s"', "true", "1.5", "1979-05-27", "07:32:00", "-0x1"])

    def line():
        r = rng.random()
        if r < 0.2:
            return f"[{key()}]"
        if r < 0.35:
            return f"[[{key()}]]"
        return f"{key()} = {val()}"

    return ("\n".join(line() for _ in range(rng.randint(1, 7))) + "\n").encode()


MUTATION_BYTES = b" \t\n\r\"'#=[]{},.+-_0123456789eExob:TZtfinau\\\x7f\x00\xc3\xa9"


def mutated_document(rng, sources):
    d = bytearray(rng.choice(sources))
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        if op < 0.4 and d:
            d[rng.randrange(len(d))] = rng.choice(MUTATION_BYTES)
        elif op < 0.7:
            i = rng.randrange(len(d) + 1)
            d[i:i] = bytes([rng.choice(MUTATION_BYTES)])
        elif d:
            i = rng.randrange(len(d))
            del d[i:i + rng.randint(1, 3)]
    return bytes(d)


def has_big_int(value):
    if isinstance(value, dict):
        return any(has_big_int(v) for v in value.values())
    if isinstance(value, list):
        return any(has_big_int(v) for v in value)
    return (isinstance(value, int) and not isinstance(value, bool)
            and not -2**63 <= value < 2**63)


def differential(c, tmpdir, sources):
    rng = random.Random(SEED)
    docs = [("generated", generated_document(rng)) for _ in range(DIFF_GENERATED)]
    docs += [("mutated", mutated_document(rng, sources)) for _ in range(DIFF_MUTATED)]
    paths = []
    for i, (_, data) in enumerate(docs):
        path = os.path.join(tmpdir, f"doc{i}.toml")
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        results = list(ex.map(run_modscope, paths))
    accepted = 0
    for (kind, data), path, (code, out, err) in zip(docs, paths, results):
        what = f"differential {kind} {data[:160]!r}"
        try:
            py = tomllib.loads(data.decode("utf-8"))
            ref, why = tagged(py), None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            py, ref, why = None, None, str(e)
        if code not in (0, 2):
            c.fail(what, f"modscope exit {code}: {err.strip()[:300]}")
        elif ref is None:
            problem = None if code == 2 else "modscope accepts, tomllib rejects: " + why
            if code == 2:
                problem = error_ok(path, code, err)
            c.fail(what, problem) if problem else c.ok()
        elif code == 2:
            if has_big_int(py) and "does not fit in 64 bits" in err:
                c.ok()
            else:
                c.fail(what, f"tomllib accepts, modscope: {err.strip()}")
        else:
            accepted += 1
            d = diff(json.loads(out), ref, micro=True)
            c.fail(what, d) if d else c.ok()
    return len(docs), accepted


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
