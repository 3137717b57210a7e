#!/usr/bin/env python3
"""`modscope check` on the bundled example project examples/shop.

The project's README lists seven planted defects in a table (rule, file:line,
code). This script runs `modscope check examples/shop --format json` and
checks that exactly those seven findings come out: each planted defect is
found (rule, file and line as the README gives them) and nothing else is
reported, by any rule. It also checks the exit status (1: findings), that
the SARIF output validates against the SARIF 2.1.0 schema in
../shared/sarif/ (Debian's python3-jsonschema) and carries the same
findings, and that the messages that predict a CPython error are CPython's
own: the script runs the failing import with both interpreters and compares
the exception text.

The interpreter modscope models is /usr/bin/python3 when it exists: it has
pytest, which the example's tests import. Last line: "N passed, N failed".
"""

import json
import os
import re
import subprocess
import sys

from _common import MODSCOPE, ROOT, shared_path

SHOP = os.path.join(ROOT, "examples", "shop")
SCHEMA = os.environ.get("SARIF_SCHEMA") or shared_path("sarif/sarif-schema-2.1.0.json")
PYTHONS = [p for p in ("/usr/bin/python3", "python3") if p == "python3" or os.path.exists(p)]

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}")
        if detail:
            print("  " + str(detail).replace("\n", "\n  "))
    return ok


def planted():
    """(rule, file, line, code) of each row of the README's defect table."""
    rows = []
    with open(os.path.join(SHOP, "README.md"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("## Planted defects", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        m = re.match(r"\|\s*(\d+)\s*\|\s*`([a-z-]+)`\s*\|\s*`([^`:]+):(\d+)`\s*\|\s*`([^`]*)`", line)
        if m:
            rows.append((m.group(2), m.group(3), int(m.group(4)), m.group(5)))
    return rows


def run_check(fmt):
    argv = [MODSCOPE, "check", ".", "--format", fmt]
    if os.path.exists("/usr/bin/python3"):
        argv += ["--python", "/usr/bin/python3"]
    return subprocess.run(argv, cwd=SHOP, capture_output=True, text=True, timeout=300)


def main():
    rows = planted()
    check("README lists seven planted defects", len(rows) == 7, rows)
    for rule, file, line, code in rows:
        with open(os.path.join(SHOP, file), encoding="utf-8") as f:
            lines = f.read().splitlines()
        check(f"{file}:{line} holds the planted code", lines[line - 1].strip() == code,
              f"{lines[line - 1].strip()!r} != {code!r}")

    p = run_check("json")
    check("exit status 1 (findings)", p.returncode == 1, p.stderr)
    try:
        doc = json.loads(p.stdout)
    except ValueError as e:
        check("json output parses", False, e)
        return
    found = [(d["rule"], d["file"], d["line"]) for d in doc["diagnostics"]]
    want = [(r, f, l) for r, f, l, _ in rows]
    for w in want:
        check(f"planted defect found: {w[0]} at {w[1]}:{w[2]}", w in found,
              "\n".join(map(str, found)))
    for f in found:
        check(f"nothing else reported ({f[0]} at {f[1]}:{f[2]})", f in want)
    check("exactly seven findings", len(found) == 7, found)
    check("summary counts the findings", doc["summary"]["problems"] == len(found), doc["summary"])

    # Messages in CPython's words, against both interpreters.
    by_rule = {d["rule"]: d for d in doc["diagnostics"]}
    oracle = {
        "import-cycle-crash": "import shop.models.order",
        "relative-import-beyond-top": "import shop.legacy_report",
    }
    for rule, stmt in oracle.items():
        d = by_rule.get(rule)
        if not d:
            continue
        for py in PYTHONS:
            r = subprocess.run([py, "-c", stmt], cwd=SHOP, capture_output=True, text=True,
                               env=dict(os.environ, PYTHONPATH="src"), timeout=60)
            last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
            msg = last.split(": ", 1)[1] if ": " in last else last
            # CPython ends the cycle message with the absolute origin;
            # modscope shows it relative to the current folder.
            msg = msg.replace(os.path.join(SHOP, ""), "")
            check(f"{rule}: message is CPython's ({py})", d["message"] == msg,
                  f"modscope: {d['message']}\ncpython:  {msg}")

    # SARIF: schema-valid and the same findings.
    s = run_check("sarif")
    check("sarif exit status 1", s.returncode == 1, s.stderr)
    try:
        sarif = json.loads(s.stdout)
    except ValueError as e:
        check("sarif output parses", False, e)
        return
    results = sarif["runs"][0]["results"]
    got = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                  r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results)
    check("sarif results are the json findings", got == sorted(found), got)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for r in results:
        check(f"sarif ruleIndex of {r['ruleId']}", rules[r["ruleIndex"]]["id"] == r["ruleId"])
    try:
        import jsonschema
    except ImportError:
        check("python3-jsonschema is installed (scripts/deps.sh)", False)
        return
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(sarif))
    check("sarif validates against sarif-schema-2.1.0.json", not errors,
          "\n".join(e.message for e in errors[:5]))

    # The text format ends with the summary line.
    t = run_check("text")
    check("text summary", t.stdout.rstrip().endswith("Found 7 problems (2 errors, 4 warnings, 1 note) in 7 files."),
          t.stdout[-300:])


main()
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
