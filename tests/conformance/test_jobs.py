#!/usr/bin/env python3
"""`modscope imports` and `modscope facts` scan with --jobs N threads: the
output (stdout, stderr and exit code, byte for byte) must not depend on N.

For each tree (Debian's sympy and django, the stdlib of /usr/bin/python3,
this repository's tests, and a small tree of broken files made here: an
unclosed bracket, a bad byte, an unreadable path) and each format, the run
with --jobs 1 is the reference; --jobs 2, 3 and 8 and the default must give
the same bytes.  Rounds of 256 files are printed in walk order, so a tree
of more than 256 files is also checked across round boundaries (sympy has
1472).  Bad --jobs values are usage errors (exit 2).

Prints "N passed, N failed" last.
"""
import os
import subprocess
import sys
import tempfile

MODSCOPE = os.environ.get("MODSCOPE", "build/modscope")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}")


def run(args):
    p = subprocess.run([MODSCOPE] + args, capture_output=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def broken_tree(d):
    files = {
        "a.py": b"import os\nx = (\n",
        "b.py": b"import sys\nfrom . import y\n",
        "c.py": b"import \xff\n",
        "d/__init__.py": b"try:\n    import json\nexcept ImportError:\n    json = None\n",
        "d/e.py": b"def f():\n    import lazy_mod\n__import__('dyn')\n",
    }
    for name, data in files.items():
        path = os.path.join(d, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    return d


def main():
    with tempfile.TemporaryDirectory() as tmp:
        trees = [
            ["/usr/lib/python3/dist-packages/sympy"],
            ["/usr/lib/python3/dist-packages/django"],
            ["/usr/lib/python3.11"],
            [os.path.join(ROOT, "tests")],
            [broken_tree(tmp), os.path.join(tmp, "missing")],
        ]
        for paths in trees:
            if not os.path.exists(paths[0]):
                continue
            for verb in ("imports", "facts"):
                for fmt in ("json", "text"):
                    ref = run([verb, "--format", fmt, "--jobs", "1"] + paths)
                    check(ref[0] in (0, 1) and (ref[1] or ref[2]),
                          f"{verb} {fmt} --jobs 1 {paths[0]}: exit {ref[0]}")
                    for jobs in (["--jobs", "2"], ["--jobs", "3"], ["--jobs=8"], []):
                        got = run([verb, "--format", fmt] + jobs + paths)
                        check(got == ref, f"{verb} {fmt} {' '.join(jobs) or 'default'} "
                                          f"{paths[0]}: differs from --jobs 1")
    for bad in ("0", "x", "257", ""):
        code, _, err = run(["imports", "--jobs", bad, ROOT])
        check(code == 2 and b"--jobs takes a number" in err, f"--jobs '{bad}' is a usage error")
    code, _, err = run(["imports", ROOT, "--jobs"])
    check(code == 2, "--jobs without a value is a usage error")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
