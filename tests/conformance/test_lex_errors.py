#!/usr/bin/env python3
"""Tokenizer and import-statement errors, checked against CPython itself.

Each small source below is written to a temporary file; both interpreters
(`python3` on PATH and /usr/bin/python3) compile its bytes with
compile(data, path, "exec", ast.PyCF_ONLY_AST) -- the parser's verdict, which
is what `ast` and the scan_ast conformance use -- and `modscope facts` must
agree: same error line and same message, or no error when CPython accepts.
When the two interpreters disagree (3.11.2 and 3.11.7 word null bytes
differently), matching either is accepted.  CPython reports encoding problems
at line 0 and null bytes without a line; there only the message is compared.

Prints one line per disagreement and a last line "N passed, N failed".
Environment: MODSCOPE=path to the binary.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (name, source bytes).  Valid sources are here too: modscope must not
# reject what CPython accepts.
CASES = [
    # characters the parser rejects
    ("dollar", b"$x = 1\n"),
    ("question", b"x = 1 ?\n"),
    ("backtick", b"a = `x`\n"),
    ("barry_as_flufl", b"1 <> 2\n"),
    ("lone_bang", b"x = !a\n"),
    ("later_line", b"x = 1\ny = 2\nz = $\n"),
    # strings
    ("unterminated", b"x = 'abc\n"),
    ("unterminated_eof", b"x = 'abc"),
    ("unterminated_triple", b"x = '''abc\n\n"),
    ("unterminated_triple_eof", b"x = '''ab\nc"),
    ("unterminated_second", b"x = 'a' 'b\n"),
    ("unterminated_later", b"a = 1\nb = \"x\nc = 2\n"),
    ("escaped_newline_ok", b"x = 'a\\\nb'\n"),
    ("triple_ok", b"x = '''a\n'b'\n''c'''\n"),
    ("prefixes_ok", b"x = [r'a', u'b', b'c', br'd', rb'e', f'{x}', fr'{y}', Rb'z', BR'q']\n"),
    ("ur_prefix", b"x = ur'abc'\n"),
    ("bytes_non_ascii", b"x = b'\xc3\xa9'\n"),
    ("str_bad_utf8", b"x = '\xff'\n"),
    ("str_bad_utf8_pos", b"print('b\xf6se')\n"),
    ("fstring_single_brace", b"x = f'a}'\n"),
    ("fstring_ok", b"x = f'{a!r:>{w}} {{}} {b=}'\n"),
    # numbers
    ("leading_zeros", b"x = 0777\n"),
    ("leading_zeros_underscore", b"x=0_7\n"),
    ("leading_zeros_float_ok", b"x = 09.5 + 00 + 0_0 + 07e1 + 00j\n"),
    ("trailing_underscore", b"x = 1_\n"),
    ("double_underscore", b"x = 1__0\n"),
    ("hex_empty", b"x = 0x\n"),
    ("octal_digit", b"x = 0o8\n"),
    ("octal_empty", b"x = 0o\n"),
    ("binary_digit", b"x = 0b2\n"),
    ("decimal_suffix", b"x = 1abc\n"),
    ("long_suffix", b"x = 10L\n"),
    ("exponent_empty", b"x = 1e\n"),
    ("exponent_sign_empty", b"x = 1e+\n"),
    ("imaginary_suffix", b"x = 1.5j2\n"),
    ("attribute_of_int", b"x = 1.real\n"),
    ("number_keyword_ok", b"x = 1if y else 2\n"),
    ("numbers_ok", b"x = [0, 1_000, 0x_1f, 0o17, 0b1_0, 1.5, .5, 5., 1e10, 1E-3, 3j, .5j]\n"),
    # indentation
    ("tab_space", b"if 1:\n\tx=1\n        y=2\n"),
    ("unindent", b"if 1:\n  x\n y\n"),
    ("unexpected_indent", b"if 1:\n x\n  y\n"),
    ("unexpected_indent_top", b"  x = 1\n"),
    ("expected_block", b"if x:\npass\n"),
    ("expected_block_def", b"def f():\nreturn 1\n"),
    ("expected_block_class", b"class C:\nx = 1\n"),
    ("formfeed_ok", b"\x0cif 1:\n x\n"),
    ("formfeed_indent_ok", b"if 1:\n \x0c x\n"),
    ("too_deep", b"".join(b" " * i + b"if x:\n" for i in range(100)) + b" " * 100 + b"pass\n"),
    ("deep_ok", b"".join(b" " * i + b"if x:\n" for i in range(98)) + b" " * 98 + b"pass\n"),
    # brackets
    ("never_closed", b"x = (1,\n"),
    ("never_closed_inner", b"x = [1,\n(2\n"),
    ("mismatch", b"x = (1]\n"),
    ("mismatch_other_line", b"x = (1,\n2]\n"),
    ("unmatched", b"x = )\n"),
    ("too_many_parens", b"x = " + b"(" * 201 + b"1" + b")" * 201 + b"\n"),
    ("parens_ok", b"x = " + b"(" * 150 + b"1" + b")" * 150 + b"\n"),
    # continuation lines
    ("after_backslash", b"a \\ b\n"),
    ("backslash_space", b"x = 1 \\ \n"),
    ("backslash_eof", b"x = \\\n"),
    ("backslash_ok", b"x = 1 + \\\n    2\n"),
    # identifiers
    ("euro", b"x = \xe2\x82\xac\n"),
    ("nbsp", b"x = a\xc2\xa0b\n"),
    ("bad_utf8_name", b"x = \xff\n"),
    ("bad_utf8_line2", b"x=1\r\ny=\xff\n"),
    ("unicode_names_ok", b"caf\xc3\xa9 = \xe5\xa4\x89\xe6\x95\xb0\n"),
    ("bad_utf8_comment_ok", b"# \xff\nx=1\n"),
    # encodings
    ("bom_latin1", b"\xef\xbb\xbf# coding: latin-1\n"),
    ("bom_utf8_alias", b"\xef\xbb\xbf# coding: utf8\n"),
    ("bom_ok", b"\xef\xbb\xbfx = 1\n"),
    ("unknown_encoding", b"# coding: foo\n"),
    ("unknown_encoding_line2", b"#!/usr/bin/env python\n# -*- coding: uft-8 -*-\n"),
    ("latin1_ok", b"# -*- coding: latin-1 -*-\nx='\xe9'\n"),
    ("vim_cookie_ok", b"#!x\n# vim: set fileencoding=latin-1 :\nx='\xe9'\n"),
    ("cookie_after_code", b"x = 1\n# coding: foo\n"),
    ("cookie_third_line", b"\n\n# coding: foo\n"),
    ("cp1252_ok", b"# coding: cp1252\nx = '\x80'\n"),
    ("null_byte", b"x = 1\n\x00y\n"),
    # newlines
    ("crlf_ok", b"if x:\r\n    y = 1\r\n"),
    ("cr_ok", b"if x:\r    y = 1\r"),
    # import statements
    ("trailing_comma", b"from x import a,\n"),
    ("trailing_comma_ok", b"from . import (a, b,)\n"),
    ("import_dot", b"import .a\n"),
    ("from_nothing", b"from x import\n"),
    ("import_as_nothing", b"import a as\n"),
    ("import_as_dotted", b"import a.b as c.d\n"),
    ("from_dotted_name", b"from x import a.b\n"),
    ("from_paren_unclosed", b"from x import (a\n"),
    ("from_star_extra", b"from x import *, a\n"),
    ("import_trailing_comma", b"import a,\n"),
    ("star_in_def_ok", b"def f():\n  from x import *\n"),
    ("future_braces_ast_ok", b"from __future__ import braces\n"),
    ("lazy_name_ok", b"lazy = 1\nlazy(x)\n"),
    # Python 2 leftovers
    ("print_statement", b"print 'x'\n"),
    ("print_name", b"x = 1\nprint x\n"),
    ("exec_statement", b"exec 'x'\n"),
    ("print_ok", b"print\nprint(x)\nprint >>f, x\nprint -1\n"),
    ("except_comma", b"try:\n    pass\nexcept A, e:\n    pass\n"),
    ("tokenizer_wins", b"print 'x'\ny = 0777\n"),
]

# Documented alternatives: case -> (modscope's message, why).  Only that exact
# message is accepted in place of the interpreters' one.
ALTERNATIVES = {
    "null_byte": ("source code cannot contain null bytes",
                  "the words and line `python3 FILE` reports (3.11.7, 3.12+); compile() and "
                  "import of a source string say 'source code string cannot contain null "
                  "bytes' with no line"),
}

PROBE = r"""
import ast, json, sys
out = []
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        compile(data, path, "exec", ast.PyCF_ONLY_AST)
        out.append(None)
    except SyntaxError as e:
        out.append({"line": e.lineno, "message": e.msg})
    except ValueError as e:
        out.append({"line": None, "message": str(e)})
print(json.dumps(out))
"""


def interpreters():
    found = []
    for cand in (shutil.which("python3"), "/usr/bin/python3"):
        if cand and os.path.exists(cand):
            real = os.path.realpath(cand)
            if real not in [os.path.realpath(p) for p in found]:
                found.append(cand)
    return found


def main():
    binary = os.environ.get("MODSCOPE") or os.path.join(ROOT, "build", "modscope")
    if not os.access(binary, os.X_OK):
        print(f"no modscope binary at {binary}")
        print("0 passed, 1 failed")
        return 1
    tmp = tempfile.mkdtemp(prefix="lexerr")
    try:
        paths = []
        for name, data in CASES:
            p = os.path.join(tmp, name + ".py")
            with open(p, "wb") as f:
                f.write(data)
            paths.append(p)
        refs = {}
        for py in interpreters():
            r = subprocess.run([py, "-I", "-S", "-W", "ignore", "-c", PROBE] + paths,
                               capture_output=True, text=True, timeout=300)
            refs[py] = json.loads(r.stdout)
        r = subprocess.run([binary, "facts", "--format", "json"] + paths,
                           capture_output=True, text=True, timeout=300)
        if r.returncode not in (0, 1):
            print(f"modscope facts exited {r.returncode}: {r.stderr[-2000:]}")
            print("0 passed, 1 failed")
            return 1
        got = {}
        for line in r.stdout.splitlines():
            rec = json.loads(line)
            got[rec["file"]] = rec.get("error")
        passed = failed = 0
        for i, (name, _) in enumerate(CASES):
            mine = got.get(paths[i], "missing")
            wants = [refs[py][i] for py in refs]
            ok = False
            for want in wants:
                if want is None:
                    ok = ok or mine is None
                elif mine and mine != "missing":
                    line_ok = not want["line"] or mine["line"] == want["line"]
                    ok = ok or (line_ok and mine["message"] == want["message"])
            alt = ALTERNATIVES.get(name)
            if not ok and alt and mine and mine != "missing" and mine["message"] == alt[0]:
                ok = all(w is not None for w in wants)
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"{name}: modscope {json.dumps(mine)}; CPython " +
                      " / ".join(json.dumps(w) for w in wants))
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
