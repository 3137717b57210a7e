#!/usr/bin/env python3
"""Runs modscope's whole test suite and prints one closing line
"N passed, N failed".

Suites:
  unit         every build/tests/test_* binary (tests/unit/test_*.c)
  cases        golden cases: tests/cases/<area>/<name>/ with a file `cmd`
               (arguments after `modscope`, shell words, run in that folder),
               `expected` (stdout), optional `expected_stderr`, `expected_exit`
  conformance  tests/conformance/test_*.py: each compares modscope with the
               real interpreter and prints its own "N passed, N failed"

Each suite's counts are added up; a program that crashes or prints no
summary counts as one failure.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUMMARY = re.compile(r"^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$")


def summary_of(text):
    for line in reversed(text.splitlines()):
        m = SUMMARY.match(line.strip())
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


def run_program(label, argv, env=None, timeout=3000):
    t0 = time.time()
    try:
        p = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True,
                           errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"FAIL {label}: timed out after {timeout}s")
        return 0, 1
    counts = summary_of(p.stdout)
    dt = time.time() - t0
    if counts is None or p.returncode not in (0, 1) or (p.returncode == 1 and counts[1] == 0):
        print(f"FAIL {label}: exit {p.returncode}, no summary")
        sys.stdout.write(p.stdout[-4000:])
        sys.stdout.write(p.stderr[-4000:])
        return (counts[0] if counts else 0), (counts[1] if counts else 0) + 1
    passed, failed = counts
    status = "ok  " if failed == 0 else "FAIL"
    print(f"{status} {label}: {passed} passed, {failed} failed ({dt:.1f}s)")
    if failed:
        sys.stdout.write(p.stderr[-6000:])
        sys.stdout.write(p.stdout[-6000:])
    return passed, failed


def unit_suite(build, valgrind):
    tdir = os.path.join(ROOT, build, "tests")
    total = [0, 0]
    if not os.path.isdir(tdir):
        return total
    for name in sorted(os.listdir(tdir)):
        path = os.path.join(tdir, name)
        if not name.startswith("test_") or not os.access(path, os.X_OK):
            continue
        argv = [path]
        if valgrind:
            argv = ["valgrind", "-q", "--error-exitcode=3", "--leak-check=full",
                    "--errors-for-leak-kinds=definite"] + argv
        p, f = run_program(f"unit/{name}", argv)
        total[0] += p
        total[1] += f
    return total


def cases_suite(binary):
    base = os.path.join(ROOT, "tests", "cases")
    passed = failed = 0
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        if "cmd" not in filenames:
            continue
        rel = os.path.relpath(dirpath, base)
        with open(os.path.join(dirpath, "cmd")) as f:
            args = shlex.split(f.read())
        want_out = read_opt(os.path.join(dirpath, "expected"))
        want_err = read_opt(os.path.join(dirpath, "expected_stderr"))
        want_exit = read_opt(os.path.join(dirpath, "expected_exit"))
        p = subprocess.run([binary] + args, cwd=dirpath, capture_output=True,
                           text=True, errors="replace", timeout=120)
        problems = []
        if want_out is not None and p.stdout != want_out:
            problems.append("stdout differs:\n--- want\n" + want_out + "--- got\n" + p.stdout)
        if want_err is not None and p.stderr != want_err:
            problems.append("stderr differs:\n--- want\n" + want_err + "--- got\n" + p.stderr)
        code = int(want_exit.strip()) if want_exit is not None else 0
        if p.returncode != code:
            problems.append(f"exit {p.returncode}, want {code}\n{p.stderr[-2000:]}")
        if problems:
            failed += 1
            print(f"FAIL cases/{rel}")
            for pr in problems:
                print("  " + pr.replace("\n", "\n  "))
        else:
            passed += 1
    print(f"{'ok  ' if not failed else 'FAIL'} cases: {passed} passed, {failed} failed")
    return [passed, failed]


def read_opt(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def conformance_suite(binary, only_name):
    cdir = os.path.join(ROOT, "tests", "conformance")
    total = [0, 0]
    env = dict(os.environ, MODSCOPE=binary, PYTHONDONTWRITEBYTECODE="1")
    for name in sorted(os.listdir(cdir)):
        if not (name.startswith("test_") and name.endswith(".py")):
            continue
        if only_name and only_name not in name:
            continue
        # Conformance scripts run under Debian's interpreter so the packaged
        # libraries are importable; each one also asks the other interpreter
        # where it needs it.
        py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
        p, f = run_program(f"conformance/{name}", [py, os.path.join(cdir, name)], env=env)
        total[0] += p
        total[1] += f
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--valgrind", action="store_true")
    ap.add_argument("--only", choices=["unit", "cases", "conformance"])
    ap.add_argument("-k", dest="name", help="only conformance scripts whose name contains this")
    args = ap.parse_args()
    binary = os.path.join(ROOT, args.build, "modscope")
    totals = [0, 0]
    suites = [args.only] if args.only else ["unit", "cases", "conformance"]
    for s in suites:
        if s == "unit":
            r = unit_suite(args.build, args.valgrind)
        elif s == "cases":
            r = cases_suite(binary)
        else:
            r = conformance_suite(binary, args.name)
        totals[0] += r[0]
        totals[1] += r[1]
    print(f"{totals[0]} passed, {totals[1]} failed")
    return 1 if totals[1] or totals[0] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
