#!/usr/bin/env python3
"""The comment finder of suppressions (suppress_find_comments) against
CPython's tokenize module: for every UTF-8 Python file of the two
interpreters' standard libraries and of Debian's python3-django, the
comments `$MODSCOPE __comments FILE` prints (line, 0-based character column,
text) must be exactly tokenize's COMMENT tokens.  Files tokenize rejects, and
files in another encoding, are skipped and counted apart (never as passed).

Each interpreter tokenizes its own files (python3 on PATH: pyenv 3.11 stdlib;
/usr/bin/python3: Debian 3.11 stdlib and dist-packages/django).
Prints one line per failure and `N passed, N failed` last.
"""
import concurrent.futures
import json
import os
import subprocess
import sys

MODSCOPE = os.environ.get("MODSCOPE") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "build", "modscope")

# Run under an interpreter: prints one JSON line per file with its comments,
# or null when tokenize rejects the file or it is not UTF-8.
ORACLE = r"""
import json, sys, tokenize
for path in sys.stdin.read().split("\0"):
    if not path:
        continue
    try:
        with open(path, "rb") as f:
            enc, _ = tokenize.detect_encoding(f.readline)
        if enc not in ("utf-8", "utf-8-sig"):
            raise ValueError(enc)
        with open(path, "rb") as f:
            out = [[t.start[0], t.start[1], t.string]
                   for t in tokenize.tokenize(f.readline) if t.type == tokenize.COMMENT]
        if enc == "utf-8-sig":
            raise ValueError(enc)  # a BOM shifts columns on line 1: keep it simple
    except Exception:
        out = None
    print(json.dumps([path, out]))
"""


def py_files(root, limit):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "site-packages", "dist-packages"))
        for name in sorted(filenames):
            if name.endswith(".py"):
                found.append(os.path.join(dirpath, name))
    return found[:limit]


def ours(path):
    p = subprocess.run([MODSCOPE, "__comments", path], capture_output=True, timeout=30)
    if p.returncode != 0:
        return None, p.stderr.decode(errors="replace")
    got = []
    for line in p.stdout.decode("utf-8", errors="surrogateescape").split("\n"):
        if not line:
            continue
        a, b, text = line.split(":", 2)
        got.append([int(a), int(b), text])
    return got, None


def main():
    limit = int(os.environ.get("COMMENTS_LIMIT", "100000"))
    sets = [
        ("python3", [subprocess.run(["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                                    capture_output=True, text=True).stdout.strip()]),
        ("/usr/bin/python3", ["/usr/lib/python3.11", "/usr/lib/python3/dist-packages/django"]),
    ]
    passed = failed = skipped = 0
    for interp, roots in sets:
        files = []
        for r in roots:
            if os.path.isdir(r):
                files += py_files(r, limit)
        p = subprocess.run([interp, "-I", "-c", ORACLE], input="\0".join(files),
                           capture_output=True, text=True, timeout=900)
        expected = [json.loads(l) for l in p.stdout.splitlines()]
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
            got_all = list(ex.map(lambda e: ours(e[0]), expected))
        for (path, want), (got, err) in zip(expected, got_all):
            if want is None:
                skipped += 1
                continue
            if got == want:
                passed += 1
            else:
                failed += 1
                if err:
                    print(f"FAIL {path}: {err.strip()}")
                else:
                    diff = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                                min(len(got), len(want)))
                    print(f"FAIL {path}: comment {diff}: got "
                          f"{got[diff] if diff < len(got) else None}, want {want[diff] if diff < len(want) else None}")
    print(f"skipped {skipped} files (not UTF-8 or rejected by tokenize)", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
