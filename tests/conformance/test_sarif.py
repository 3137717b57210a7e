#!/usr/bin/env python3
"""The diagnostic formats of `modscope check`, on the built-in sample list
that `$MODSCOPE __emit FORMAT` prints (src/cli/cmd_emit.c).

1. sarif: the document validates against the SARIF 2.1.0 schema
   (/work/shared/sarif/sarif-schema-2.1.0.json, draft-04) with Debian's
   python3-jsonschema; its results agree with the json format; ruleIndex
   points at the rule of the same id; and deliberately broken copies of it
   are rejected (so the validation is not vacuous).
2. json: parses, has exactly the documented keys and types, and its summary
   adds up.
3. github: every line is a well-formed workflow command whose properties and
   data decode (GitHub's escaping) back to the json format's values.
4. text: one header per diagnostic, in the same order, and the summary line.

Prints one line per failure and `N passed, N failed` last.
"""
import copy
import json
import os
import re
import subprocess
import sys

from _common import MODSCOPE, shared_path


SCHEMA = os.environ.get("SARIF_SCHEMA") or shared_path("sarif/sarif-schema-2.1.0.json")

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def emit(fmt, *extra):
    p = subprocess.run([MODSCOPE, "__emit", fmt, *extra], capture_output=True, timeout=30)
    check(p.returncode == 0, f"__emit {fmt} exits 0 (got {p.returncode}: {p.stderr!r})")
    return p.stdout.decode("utf-8")


def main():
    try:
        import jsonschema
    except ImportError:
        print("FAIL: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
        print("0 passed, 1 failed")
        return 1

    # ---- json ----
    doc = json.loads(emit("json"))
    check(set(doc) == {"version", "diagnostics", "summary"}, "json top-level keys")
    check(doc["version"] == 1, "json version is 1")
    keys = {"rule", "severity", "file", "line", "col", "end_line", "end_col", "message",
            "notes", "fix"}
    diags = doc["diagnostics"]
    check(len(diags) == 6, f"json has the 6 sample diagnostics (got {len(diags)})")
    for d in diags:
        check(set(d) == keys, f"json diagnostic keys {sorted(d)}")
        check(d["severity"] in ("error", "warning", "note"), f"severity {d['severity']}")
        check(isinstance(d["line"], int) and isinstance(d["col"], int), "line/col ints")
        check(d["end_line"] is None or (isinstance(d["end_line"], int) and d["end_line"] >= d["line"]),
              "end_line null or >= line")
        check((d["end_line"] is None) == (d["end_col"] is None), "end_line and end_col go together")
        check(d["fix"] is None or isinstance(d["fix"], str), "fix null or string")
        for n in d["notes"]:
            check(set(n) == {"file", "line", "col", "message"}, f"note keys {sorted(n)}")
    order = [(d["file"], d["line"], d["col"], d["rule"], d["message"]) for d in diags]
    check(order == sorted(order), "json diagnostics are sorted by file, line, col, rule, message")
    s = doc["summary"]
    check(s["problems"] == len(diags), "summary problems")
    for sev, key in (("error", "errors"), ("warning", "warnings"), ("note", "notes")):
        check(s[key] == sum(d["severity"] == sev for d in diags), f"summary {key}")
    check(s["files"] == len({d["file"] for d in diags}), "summary files")

    # ---- sarif ----
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    sarif_text = emit("sarif")
    sarif = json.loads(sarif_text)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    for e in errors[:10]:
        print("  schema:", "/".join(map(str, e.path)), e.message[:200])
    check(not errors, f"sarif validates against the 2.1.0 schema ({len(errors)} errors)")
    check(sarif["version"] == "2.1.0" and "$schema" in sarif, "sarif version and $schema")
    run = sarif["runs"][0]
    check(run["columnKind"] == "unicodeCodePoints", "columnKind")
    driver = run["tool"]["driver"]
    check(driver["name"] == "modscope" and driver.get("version") and driver.get("informationUri"),
          "driver name, version, informationUri")
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    check(len(ids) == len(set(ids)) and len(ids) >= 22, f"{len(ids)} unique rule descriptors")
    for r in rules:
        check(r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"],
              f"rule {r['id']} has descriptions and help")
        check(r["defaultConfiguration"]["level"] in ("error", "warning", "note"),
              f"rule {r['id']} default level")
    results = run["results"]
    check(len(results) == len(diags), "one result per diagnostic")
    level = {"error": "error", "warning": "warning", "note": "note"}
    for res, d in zip(results, diags):
        check(res["ruleId"] == d["rule"], f"result ruleId {res['ruleId']}")
        check(rules[res["ruleIndex"]]["id"] == res["ruleId"], f"ruleIndex of {res['ruleId']}")
        check(res["level"] == level[d["severity"]], f"level of {res['ruleId']}")
        check(res["message"]["text"] == d["message"], f"message of {res['ruleId']}")
        loc = res["locations"][0]["physicalLocation"]
        check(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%", "uriBaseId")
        from urllib.parse import unquote
        check(unquote(loc["artifactLocation"]["uri"]) == d["file"], f"uri of {d['file']}")
        if d["line"]:
            check(loc["region"]["startLine"] == d["line"] and loc["region"]["startColumn"] == d["col"],
                  f"region of {res['ruleId']}")
        else:
            check("region" not in loc, "file-level result has no region")
        check(len(res.get("relatedLocations", [])) == len(d["notes"]), "one related location per note")
        fp = res["partialFingerprints"]["modscopeFingerprint/v1"]
        check(re.fullmatch(r"[0-9a-f]{16}", fp) is not None, "fingerprint is 16 hex digits")
    check(len({r["partialFingerprints"]["modscopeFingerprint/v1"] for r in results}) == len(results),
          "fingerprints differ between the sample's results")
    # The validator must reject broken documents, or the check above proves nothing.
    for name, mutate in (
            ("version 2.0.0", lambda x: x.__setitem__("version", "2.0.0")),
            ("level fatal", lambda x: x["runs"][0]["results"][0].__setitem__("level", "fatal")),
            ("startLine 0", lambda x: x["runs"][0]["results"][1]["locations"][0]
             ["physicalLocation"]["region"].__setitem__("startLine", 0)),
            ("unknown property", lambda x: x["runs"][0].__setitem__("bogus", 1)),
            ("columnKind bytes", lambda x: x["runs"][0].__setitem__("columnKind", "bytes")),
            ("message without text", lambda x: x["runs"][0]["results"][0].__setitem__("message", {})),
    ):
        broken = copy.deepcopy(sarif)
        mutate(broken)
        check(not validator.is_valid(broken), f"the schema rejects a sarif document with {name}")

    # ---- github ----
    lines = emit("github").splitlines()
    check(len(lines) == len(diags), "one github line per diagnostic")
    cmd = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")
    gh_level = {"error": "error", "warning": "warning", "note": "notice"}

    def unescape(s):
        return (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                .replace("%2C", ",").replace("%25", "%"))

    for line, d in zip(lines, diags):
        m = cmd.match(line)
        check(m is not None, f"github line is a workflow command: {line[:80]}")
        if not m:
            continue
        check(m.group(1) == gh_level[d["severity"]], f"github command for {d['severity']}")
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        check(unescape(props["file"]) == d["file"], f"github file {props['file']}")
        check(props["title"] == d["rule"], "github title is the rule")
        if d["line"]:
            check(props["line"] == str(d["line"]) and props["col"] == str(d["col"]), "github line/col")
        else:
            check("line" not in props, "github file-level annotation has no line")
        data = m.group(3)
        check("\n" not in data and "\r" not in data, "github data is one line")
        check(re.search(r"%(?!25|0A|0D)", data) is None, "github data has only escapes for %, CR, LF")
        msg = unescape(data).split("\n")
        check(msg[0] == d["message"], f"github message decodes to {d['message'][:40]!r}")
        check(len(msg) == 1 + len(d["notes"]) + (d["fix"] is not None), "github notes and fix lines")

    # ---- text ----
    text = emit("text")
    heads = [l for l in text.splitlines() if not l.startswith(" ") and l and not l.startswith("Found")]
    check(len(heads) == len(diags), "one text header per diagnostic")
    for h, d in zip(heads, diags):
        loc = d["file"] + (f":{d['line']}:{d['col']}" if d["line"] else "")
        check(h == f"{loc}: {d['rule']}: {d['message']}", f"text header {h[:60]}")
    check(text.endswith("Found 6 problems (2 errors, 3 warnings, 1 note) in 3 files.\n"), "text summary")
    colored = emit("text", "--color")
    check("\033[" in colored and "\033[" not in text, "colour only with --color")
    check(re.sub(r"\033\[[0-9;]*m", "", colored) == text, "colour only adds escapes")

    # ---- usage ----
    p = subprocess.run([MODSCOPE, "__emit", "xml"], capture_output=True, timeout=30)
    check(p.returncode == 2 and b"usage" in p.stderr, "an unknown format is a usage error (exit 2)")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
