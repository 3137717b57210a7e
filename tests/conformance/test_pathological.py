#!/usr/bin/env python3
"""Pathological inputs for the syntax stage (cmark test/pathological_tests.py):
deep nesting, huge lines, 100k-line files, random bytes.  modscope must
finish each within a time bound, exit 0 or 1 (never a signal or 2), print
valid JSON, and, where CPython has a verdict that is cheap to get, agree
with it.  Run it against an ASan build too:
    MODSCOPE=build-asan/modscope python3 tests/conformance/test_pathological.py
Prints a last line "N passed, N failed".
"""
import ast
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LIMIT = 30.0  # seconds per case (generous: ASan builds and a shared machine)


def cases():
    rnd = random.Random(20240521)
    out = []
    out.append(("parens_1000", b"x = " + b"(" * 1000 + b"1" + b")" * 1000 + b"\n"))
    out.append(("brackets_unclosed_100k", b"x = " + b"[{(" * 33000 + b"\n"))
    out.append(("closers_100k", b")]}" * 33000 + b"\n"))
    out.append(("indent_150", b"".join(b" " * i + b"if x:\n" for i in range(150)) + b" " * 150 + b"pass\n"))
    out.append(("dedent_storm", b"".join(b" " * i + b"if x:\n" for i in range(99)) + b" " * 99 + b"pass\n" +
                b"y = 1\n" * 1000))
    out.append(("imports_100k_lines", b"".join(b"import mod%d\n" % i for i in range(100000))))
    out.append(("from_imports_100k", b"".join(b"from pkg%d.sub import (a as b,\n  c)\n" % i
                                              for i in range(50000))))
    out.append(("one_line_20MB", b"x = " + b"1+" * 10_000_000 + b"1\n"))
    out.append(("string_10MB", b"x = '" + b"a" * 10_000_000 + b"'\n"))
    out.append(("unterminated_triple_5MB", b"x = '''" + b"abc\n" * 1_250_000))
    # (an import in every branch would make the output itself quadratic:
    # each record lists its enclosing guards)
    out.append(("elif_chain_50k", b"if a:\n    import x\n" +
                b"".join(b"elif b%d:\n    pass\n" % i for i in range(50000)) +
                b"else:\n    import y\n"))
    out.append(("nested_fstrings_300", b"x = " + b"f'{" * 300 + b"1" + b"}'" * 300 + b"\n"))
    out.append(("nested_fstring_specs", b"x = f'{a:" + b"{b:" * 200 + b"}" * 200 + b"}'\n"))
    out.append(("lambdas_50k", b"f = " + b"lambda: " * 50000 + b"1\n"))
    out.append(("walrus_chain", b"x = " + b"(a := " * 190 + b"1" + b")" * 190 + b"\n"))
    out.append(("decorators_50k", b"@d\n" * 50000 + b"def f(): pass\n"))
    out.append(("nested_targets", b"[" * 190 + b"a" + b"]" * 190 + b" = x\n"))
    out.append(("nested_callee_parens", b"(" * 190 + b"a" + b")" * 190 + b".b()\n"))
    out.append(("nested_except_tuple", b"try:\n    pass\nexcept " + b"(" * 190 + b"E" + b")" * 190 +
                b":\n    pass\n"))
    out.append(("backslashes_100k", b"x = 1" + b" \\\n" * 100000 + b"\n"))
    out.append(("semicolons_200k", b"import a;" * 200_000 + b"\n"))
    out.append(("crlf_only_100k", b"\r\n" * 100000 + b"x\r"))
    out.append(("empty", b""))
    out.append(("only_bom", b"\xef\xbb\xbf"))
    out.append(("only_backslash", b"\\"))
    out.append(("dedent_at_eof_no_newline", b"if x:\n    if y:\n        z"))
    for i in range(40):
        n = rnd.randrange(1, 20000)
        out.append((f"random_bytes_{i}", bytes(rnd.randrange(256) for _ in range(n))))
    frags = [b"import ", b"from ", b" . ", b"(", b")", b"[", b"]", b"{", b"}", b":", b"\n", b"    ",
             b"\t", b"if ", b"else", b"try", b"except", b"def ", b"class ", b"lambda", b"=", b":=",
             b",", b"'", b'"', b"'''", b"f'", b"{x}", b"#", b"\\", b"@", b"a", b"b.c", b"*", b"**",
             b"match ", b"case ", b"type ", b"lazy ", b"__import__('m')", b"0x", b"1_0", b"as ",
             b"\xc3\xa9", b"\xff", b"\r", b"\x0c", b"async ", b"for ", b" in ", b"with ", b"global "]
    for i in range(120):
        out.append((f"token_soup_{i}", b"".join(rnd.choice(frags) for _ in range(rnd.randrange(1, 3000)))))
    return out


def cpython_verdict(data):
    try:
        ast.parse(data)
        return None
    except SyntaxError as e:
        return (e.lineno, e.msg)
    except (ValueError, RecursionError, MemoryError):
        return "skip"


def main():
    binary = os.environ.get("MODSCOPE") or os.path.join(ROOT, "build", "modscope")
    if not os.access(binary, os.X_OK):
        print(f"no modscope binary at {binary}")
        print("0 passed, 1 failed")
        return 1
    tmp = tempfile.mkdtemp(prefix="patho")
    passed = failed = 0
    try:
        for name, data in cases():
            path = os.path.join(tmp, name + ".py")
            with open(path, "wb") as f:
                f.write(data)
            problems = []
            for verb in ("facts", "imports"):
                t0 = time.time()
                try:
                    r = subprocess.run([binary, verb, "--format", "json", path],
                                       capture_output=True, timeout=LIMIT)
                except subprocess.TimeoutExpired:
                    problems.append(f"{verb}: no answer within {LIMIT:.0f}s")
                    continue
                took = time.time() - t0
                if r.returncode not in (0, 1):
                    problems.append(f"{verb}: exit {r.returncode} "
                                    f"{r.stderr.decode(errors='replace')[-500:]}")
                    continue
                try:
                    recs = [json.loads(x) for x in r.stdout.decode().splitlines()]
                except ValueError as e:
                    problems.append(f"{verb}: invalid JSON ({e})")
                    continue
                if verb == "facts":
                    if len(recs) != 1:
                        problems.append(f"facts: {len(recs)} records")
                        continue
                    mine = recs[0]["error"]
                    # CPython's verdict, for the inputs it can parse in reasonable time
                    if len(data) < 3_000_000 and not name.startswith(("lambdas", "nested_fstring")):
                        want = cpython_verdict(data)
                        if want != "skip":
                            if want is None and mine is not None:
                                problems.append(f"modscope rejects ({mine}), CPython accepts")
                            elif want is not None and mine is None and \
                                    not name.startswith(("random", "token_soup")):
                                # random inputs mostly break the grammar, which only a
                                # full parser sees; they must never be refused wrongly
                                problems.append(f"CPython rejects ({want}), modscope accepts")
                            elif want is not None and not name.startswith(("random", "token_soup")) \
                                    and want[0] and mine["line"] != want[0]:
                                problems.append(f"error line {mine['line']}, CPython {want[0]}")
                if took > LIMIT / 2:
                    problems.append(f"{verb}: slow ({took:.1f}s)")
            if name == "imports_100k_lines" and not problems:
                r = subprocess.run([binary, "imports", path], capture_output=True, timeout=LIMIT)
                if r.stdout.count(b"\n") != 100000:
                    problems.append("imports_100k_lines: not 100000 records")
            if problems:
                failed += 1
                print(f"{name}: " + "; ".join(problems))
            else:
                passed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
