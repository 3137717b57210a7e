/* Tokenizer rules (src/syntax/lex.c), one test or more per rule.  The
 * errors CPython 3.11 can check are also compared with the interpreters in
 * tests/conformance/test_lex_errors.py; 3.12+ syntax is pinned here. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "syntax/lex.h"

/* The kinds of src's tokens, space-separated ("NAME = NUMBER NEWLINE ..."),
 * without the final ENDMARKER. */
static const char *kinds(struct lexer *lx, const char *src, size_t len)
{
	static char out[4096];
	size_t n = 0;
	lex_run(lx, src, len);
	out[0] = '\0';
	for (size_t i = 0; i + 1 < lx->tokens.len; i++) {
		const char *k = lex_kind_name((enum lex_kind)lx->tokens.ptr[i].kind);
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? " " : "", k);
		if (n >= sizeof out)
			break;
	}
	return out;
}

#define KINDS(lx, s) kinds((lx), (s), sizeof(s) - 1)

/* Lexes src; returns the error message (or "" when none) and its line. */
static const char *error_of(struct lexer *lx, const char *src, size_t len, unsigned *line)
{
	lex_run(lx, src, len);
	*line = lx->error.set ? lx->error.line : 0;
	return lx->error.set ? lx->error.message : "";
}

#define ERR(lx, s, line) error_of((lx), (s), sizeof(s) - 1, (line))

static const char *parse_error_of(struct lexer *lx, const char *src, size_t len, unsigned *line)
{
	lex_run(lx, src, len);
	*line = lx->parse_error.set ? lx->parse_error.line : 0;
	return lx->parse_error.set ? lx->parse_error.message : "";
}

#define PERR(lx, s, line) parse_error_of((lx), (s), sizeof(s) - 1, (line))

/* The text of token i. */
static const char *text(struct lexer *lx, size_t i)
{
	static char out[256];
	struct slice s = lex_text(lx, &lx->tokens.ptr[i]);
	snprintf(out, sizeof out, "%.*s", (int)s.len, s.ptr);
	return out;
}

TEST(kind_names_are_one_list)
{
	CHECK_STR(lex_kind_name(TK_NAME), "NAME");
	CHECK_STR(lex_kind_name(TK_DOUBLESTAREQUAL), "**=");
	CHECK_STR(lex_kind_name(TK_KW_IMPORT), "import");
	CHECK_STR(lex_kind_name(TK_KW_YIELD), "yield");
	CHECK(lex_is_keyword(TK_KW_FALSE) && lex_is_keyword(TK_KW_YIELD) && !lex_is_keyword(TK_NAME));
}

TEST(simple_statement)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "x = 1\n"), "NAME = NUMBER NEWLINE");
	CHECK_STR(KINDS(&lx, "x = 1"), "NAME = NUMBER NEWLINE"); /* implicit newline at EOF */
	CHECK_STR(KINDS(&lx, "import a.b as c\n"), "import NAME . NAME as NAME NEWLINE");
	CHECK_STR(KINDS(&lx, ""), "");
	lex_release(&lx);
}

TEST(keywords_and_soft_keywords)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "False None True and as assert async await break class\n"),
		  "False None True and as assert async await break class NEWLINE");
	CHECK_STR(KINDS(&lx, "continue def del elif else except finally for from global\n"),
		  "continue def del elif else except finally for from global NEWLINE");
	CHECK_STR(KINDS(&lx, "if import in is lambda nonlocal not or pass raise return try while with yield\n"),
		  "if import in is lambda nonlocal not or pass raise return try while with yield NEWLINE");
	/* soft keywords stay names; near-keywords are names */
	CHECK_STR(KINDS(&lx, "match case type lazy _ print imports Import\n"),
		  "NAME NAME NAME NAME NAME NAME NAME NAME NEWLINE");
	lex_release(&lx);
}

TEST(newlines_lf_crlf_cr)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "a\r\nb\rc\n"), "NAME NEWLINE NAME NEWLINE NAME NEWLINE");
	CHECK_INT(lex_line(&lx, lx.tokens.ptr[2].start), 2);
	CHECK_INT(lex_line(&lx, lx.tokens.ptr[4].start), 3);
	CHECK_INT(lex_col(&lx, lx.tokens.ptr[4].start), 0);
	lex_release(&lx);
}

TEST(comments_and_blank_lines_make_no_tokens)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "# c\n\n   \n  # indented comment\nx # tail\n\n"), "NAME NEWLINE");
	CHECK_STR(KINDS(&lx, "if x:\n    a\n# dedented comment\n    b\n"),
		  "if NAME : NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT");
	lex_release(&lx);
}

TEST(indentation)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "if a:\n  if b:\n    c\nd\n"),
		  "if NAME : NEWLINE INDENT if NAME : NEWLINE INDENT NAME NEWLINE DEDENT DEDENT NAME NEWLINE");
	CHECK_STR(ERR(&lx, "if 1:\n  x\n y\n", &line), "unindent does not match any outer indentation level");
	CHECK_INT(line, 3);
	/* tabsize 8 versus the alternate tabsize 1 */
	CHECK_STR(ERR(&lx, "if 1:\n\tx=1\n        y=2\n", &line),
		  "inconsistent use of tabs and spaces in indentation");
	CHECK_INT(line, 3);
	CHECK_STR(ERR(&lx, "if 1:\n\tx=1\n\ty=2\n", &line), "");
	lex_release(&lx);
}

TEST(form_feed_resets_indentation_column)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(ERR(&lx, "\x0cif 1:\n x\n", &line), "");
	CHECK_STR(KINDS(&lx, "if 1:\n  \x0c  x\n"), "if NUMBER : NEWLINE INDENT NAME NEWLINE DEDENT");
	CHECK_STR(KINDS(&lx, "x = 1 \x0c+ 2\n"), "NAME = NUMBER + NUMBER NEWLINE");
	lex_release(&lx);
}

TEST(too_many_indentation_levels)
{
	struct lexer lx;
	struct buf b = BUF_INIT;
	unsigned line;
	lex_init(&lx);
	for (int i = 0; i < 100; i++) {
		for (int j = 0; j < i; j++)
			buf_addc(&b, ' ');
		buf_adds(&b, "if x:\n");
	}
	for (int j = 0; j < 100; j++)
		buf_addc(&b, ' ');
	buf_adds(&b, "pass\n");
	/* CPython: the 100th level fails (indent + 1 >= MAXINDENT), at line 101 */
	CHECK_STR(error_of(&lx, b.ptr, b.len, &line), "too many levels of indentation");
	CHECK_INT(line, 101);
	buf_release(&b);
	lex_release(&lx);
}

TEST(backslash_continuation)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "x = 1 + \\\n    2\n"), "NAME = NUMBER + NUMBER NEWLINE");
	CHECK_STR(KINDS(&lx, "x = 1 + \\\r\n    2\n"), "NAME = NUMBER + NUMBER NEWLINE");
	CHECK_STR(ERR(&lx, "a \\ b\n", &line), "unexpected character after line continuation character");
	CHECK_INT(line, 1);
	CHECK_STR(ERR(&lx, "x = \\\n", &line), "unexpected EOF while parsing");
	CHECK_INT(line, 1);
	lex_release(&lx);
}

TEST(implicit_joining_in_brackets)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "x = (1,\n\n  # c\n      2)\ny\n"), "NAME = ( NUMBER , NUMBER ) NEWLINE NAME NEWLINE");
	CHECK_STR(KINDS(&lx, "f(\n  [a,\n{b}])\n"), "NAME ( [ NAME , { NAME } ] ) NEWLINE");
	lex_release(&lx);
}

TEST(bracket_match_index)
{
	struct lexer lx;
	lex_init(&lx);
	lex_run(&lx, "f(a[1], {b})\n", 13);
	CHECK_INT(lx.tokens.ptr[1].match, 10); /* ( -> ) */
	CHECK_INT(lx.tokens.ptr[3].match, 5);  /* [ -> ] */
	CHECK_INT(lx.tokens.ptr[7].match, 9);  /* { -> } */
	CHECK_INT(lx.tokens.ptr[0].match, 0);
	lex_release(&lx);
}

TEST(bracket_errors)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(ERR(&lx, "x = )\n", &line), "unmatched ')'");
	CHECK_STR(ERR(&lx, "x = (1]\n", &line), "closing parenthesis ']' does not match opening parenthesis '('");
	CHECK_STR(ERR(&lx, "x = (1,\n2]\n", &line),
		  "closing parenthesis ']' does not match opening parenthesis '(' on line 1");
	CHECK_INT(line, 2);
	CHECK_STR(ERR(&lx, "x = [1,\n(2\n", &line), "'(' was never closed");
	CHECK_INT(line, 2);
	/* tokens before the error are kept and the stream is closed */
	CHECK(lx.tokens.len > 0 && lx.tokens.ptr[lx.tokens.len - 1].kind == TK_ENDMARKER);
	lex_release(&lx);
}

TEST(too_many_nested_parentheses)
{
	struct lexer lx;
	char src[512];
	unsigned line;
	lex_init(&lx);
	/* 200 levels are fine, the 201st is refused (level >= MAXLEVEL) */
	memset(src, '(', 200);
	memcpy(src + 200, "1", 1);
	memset(src + 201, ')', 200);
	CHECK_STR(error_of(&lx, src, 401, &line), "");
	memset(src, '(', 201);
	memcpy(src + 201, "1", 1);
	memset(src + 202, ')', 201);
	CHECK_STR(error_of(&lx, src, 403, &line), "too many nested parentheses");
	lex_release(&lx);
}

TEST(string_prefixes)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "r'' u'' b'' br'' rb'' f'' fr'' rf'' t'' tr'' rt'' Rb'' BR'' F'' U''\n"),
		  "STRING STRING STRING STRING STRING STRING STRING STRING STRING STRING STRING "
		  "STRING STRING STRING STRING NEWLINE");
	CHECK(lx.tokens.ptr[2].flags & LEX_STR_BYTES);
	CHECK(lx.tokens.ptr[3].flags & LEX_STR_RAW);
	CHECK(lx.tokens.ptr[5].flags & LEX_STR_F);
	CHECK(lx.tokens.ptr[8].flags & LEX_STR_T);
	/* not prefixes: a name, then a string (CPython's parser rejects them) */
	CHECK_STR(KINDS(&lx, "ur'' bu'' fb'' ub'' tf''\n"),
		  "NAME STRING NAME STRING NAME STRING NAME STRING NAME STRING NEWLINE");
	lex_release(&lx);
}

TEST(triple_quoted_strings)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "x = '''a\n'b'\n''c'''\ny\n"), "NAME = STRING NEWLINE NAME NEWLINE");
	CHECK(lx.tokens.ptr[2].flags & LEX_STR_TRIPLE);
	CHECK_INT(lex_line(&lx, lx.tokens.ptr[4].start), 4);
	CHECK_STR(KINDS(&lx, "x = \"\"\"a \\\"\"\" \"\"\"\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = '' ''\n"), "NAME = STRING STRING NEWLINE");
	lex_release(&lx);
}

TEST(string_escapes_and_continuation)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "x = 'a\\'b'\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = 'a\\\nb'\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = r'\\''\n"), "NAME = STRING NEWLINE");
	lex_release(&lx);
}

TEST(unterminated_strings)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(ERR(&lx, "x = 'abc\n", &line), "unterminated string literal (detected at line 1)");
	CHECK_INT(line, 1);
	CHECK_STR(ERR(&lx, "x = 1\ny = 'abc", &line), "unterminated string literal (detected at line 2)");
	CHECK_INT(line, 2);
	CHECK_STR(ERR(&lx, "x = '''abc\n\n", &line),
		  "unterminated triple-quoted string literal (detected at line 2)");
	CHECK_INT(line, 1);
	CHECK_STR(ERR(&lx, "x = f'{a}\n", &line), "unterminated string literal (detected at line 1)");
	lex_release(&lx);
}

TEST(fstrings_pep701)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	/* 3.12: the same quote nests, replacement fields hold any expression */
	CHECK_STR(KINDS(&lx, "x = f\"{d[\"k\"]}\"\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = f'{f'{f'{1}'}'}'\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = f'{x:{w}.{p}}' + f'{{}}' + f'{x=}' + f'{x!r:>10}'\n"),
		  "NAME = STRING + STRING + STRING + STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = f'{\"\\n\".join(a)}'\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = f'''{\n  a  # a comment\n  + b}'''\ny\n"), "NAME = STRING NEWLINE NAME NEWLINE");
	CHECK_STR(KINDS(&lx, "x = f'{a:{b:{c}}}'\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = f'{lambda: 1}' if 0 else f'{(lambda: 1)()}'\n"),
		  "NAME = STRING if NUMBER else STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = f'\\N{BULLET} {a}'\n"), "NAME = STRING NEWLINE");
	CHECK_STR(KINDS(&lx, "x = rf'\\{a}'\n"), "NAME = STRING NEWLINE");
	CHECK_STR(ERR(&lx, "x = f'a}'\n", &line), "f-string: single '}' is not allowed");
	CHECK_STR(ERR(&lx, "x = f'''{a'''\n", &line), "f-string: expecting '}'");
	lex_release(&lx);
}

TEST(template_strings_pep750)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "x = t'hello {name!r}' + T'{a:{b}}'\n"), "NAME = STRING + STRING NEWLINE");
	CHECK(lx.tokens.ptr[2].flags & LEX_STR_T);
	lex_release(&lx);
}

TEST(numbers)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "0 00 0_0 1_000 0x_1f 0XFF 0o17 0O_7 0b1_0 0B1\n"),
		  "NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NEWLINE");
	CHECK_STR(KINDS(&lx, "1.5 .5 5. 1e10 1E-3 1.5e+3 1_0.0_1e1_0 3j 3.5J .5j 0j 09.5 07e1 00j\n"),
		  "NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER "
		  "NUMBER NUMBER NUMBER NEWLINE");
	/* a number directly followed by a keyword is two tokens */
	CHECK_STR(KINDS(&lx, "x = 1if y else 2\n"), "NAME = NUMBER if NAME else NUMBER NEWLINE");
	/* hex digits are taken first: 0x1f, then or (as CPython) */
	CHECK_STR(KINDS(&lx, "x = [0x1for x in y]\n"), "NAME = [ NUMBER or NAME in NAME ] NEWLINE");
	CHECK_STR(KINDS(&lx, "x...\n"), "NAME ... NEWLINE");
	lex_release(&lx);
}

TEST(number_errors)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(ERR(&lx, "x = 0777\n", &line),
		  "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
	CHECK_STR(ERR(&lx, "x = 0_7\n", &line),
		  "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
	CHECK_STR(ERR(&lx, "x = 1_\n", &line), "invalid decimal literal");
	CHECK_STR(ERR(&lx, "x = 1__0\n", &line), "invalid decimal literal");
	CHECK_STR(ERR(&lx, "x = 1abc\n", &line), "invalid decimal literal");
	CHECK_STR(ERR(&lx, "x = 10L\n", &line), "invalid decimal literal");
	CHECK_STR(ERR(&lx, "x = 1e\n", &line), "invalid decimal literal");
	CHECK_STR(ERR(&lx, "x = 1e+\n", &line), "invalid decimal literal");
	CHECK_STR(ERR(&lx, "x = 0x\n", &line), "invalid hexadecimal literal");
	CHECK_STR(ERR(&lx, "x = 0xg\n", &line), "invalid hexadecimal literal");
	CHECK_STR(ERR(&lx, "x = 0o8\n", &line), "invalid digit '8' in octal literal");
	CHECK_STR(ERR(&lx, "x = 0o\n", &line), "invalid octal literal");
	CHECK_STR(ERR(&lx, "x = 0b2\n", &line), "invalid digit '2' in binary literal");
	CHECK_STR(ERR(&lx, "x = 0b12\n", &line), "invalid digit '2' in binary literal");
	CHECK_STR(ERR(&lx, "x = 1.5j2\n", &line), "invalid imaginary literal");
	CHECK_STR(ERR(&lx, "x = 1.real\n", &line), "invalid decimal literal");
	CHECK_STR(ERR(&lx, "\nx = 0x1g\n", &line), "invalid hexadecimal literal");
	CHECK_INT(line, 2);
	lex_release(&lx);
}

TEST(identifiers_non_ascii)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "caf\xc3\xa9 = \xe5\xa4\x89\xe6\x95\xb0\n"), "NAME = NAME NEWLINE");
	CHECK_STR(text(&lx, 0), "caf\xc3\xa9");
	CHECK_STR(ERR(&lx, "x = \xe2\x82\xac\n", &line), "invalid character '\xe2\x82\xac' (U+20AC)");
	CHECK_STR(ERR(&lx, "x = a\xc2\xa0" "b\n", &line), "invalid non-printable character U+00A0");
	CHECK_STR(ERR(&lx, "x = \xff\n", &line),
		  "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
	lex_release(&lx);
}

TEST(operators)
{
	struct lexer lx;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "a+=b-=c*=d/=e//=f%=g@=h&=i|=j^=k>>=l<<=m**=n\n"),
		  "NAME += NAME -= NAME *= NAME /= NAME //= NAME %= NAME @= NAME &= NAME |= NAME ^= "
		  "NAME >>= NAME <<= NAME **= NAME NEWLINE");
	CHECK_STR(KINDS(&lx, "a->b:=c==d!=e<=f>=g<h>i**j//k<<l>>m~n\n"),
		  "NAME -> NAME := NAME == NAME != NAME <= NAME >= NAME < NAME > NAME ** NAME // "
		  "NAME << NAME >> NAME ~ NAME NEWLINE");
	CHECK(!lx.parse_error.set);
	lex_release(&lx);
}

TEST(parser_rejected_characters)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(PERR(&lx, "1 <> 2\n", &line), "invalid syntax"); /* barry_as_FLUFL only */
	CHECK_STR(PERR(&lx, "$x = 1\n", &line), "invalid syntax");
	CHECK_STR(PERR(&lx, "x = 1\ny = `x`\n", &line), "invalid syntax");
	CHECK_INT(line, 2);
	CHECK_STR(PERR(&lx, "x = a ? b\n", &line), "invalid syntax");
	CHECK_STR(PERR(&lx, "x = !a\n", &line), "invalid syntax");
	CHECK(!lx.error.set); /* parse errors do not stop the tokenizer */
	lex_release(&lx);
}

TEST(null_bytes)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(error_of(&lx, "x = 1\ny = 2\0\nz\n", 14, &line), "source code cannot contain null bytes");
	CHECK_INT(line, 2);
	CHECK_STR(KINDS(&lx, "x = 1\n"), "NAME = NUMBER NEWLINE");
	lex_run(&lx, "x = 1\ny\0\n", 9);
	CHECK_INT(lx.tokens.ptr[0].kind, TK_NAME); /* the lines before it are kept */
	CHECK_INT(lx.tokens.ptr[3].kind, TK_NEWLINE);
	lex_release(&lx);
}

TEST(literal_encoding_checks)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(PERR(&lx, "x = 'b\xf6se'\n", &line),
		  "(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte");
	CHECK_STR(PERR(&lx, "x = b'\xc3\xa9'\n", &line), "bytes can only contain ASCII literal characters");
	CHECK_STR(ERR(&lx, "# \xff in a comment\nx = 1\n", &line), ""); /* comments are not decoded */
	lex_release(&lx);
}

TEST(coding_cookie)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(ERR(&lx, "# -*- coding: latin-1 -*-\nx = '\xe9'\n", &line), "");
	CHECK_STR(lx.encoding, "iso-8859-1");
	CHECK_STR(text(&lx, 2), "'\xc3\xa9'"); /* decoded to UTF-8 */
	CHECK_STR(ERR(&lx, "#!/usr/bin/python\n# vim: set fileencoding=ISO_8859_1 :\nx='\xe9'\n", &line), "");
	CHECK_STR(lx.encoding, "iso-8859-1");
	CHECK_STR(ERR(&lx, "# coding=utf_8\nx = 1\n", &line), "");
	CHECK_STR(lx.encoding, "utf-8");
	/* a line of code first: line 2 is not looked at */
	CHECK_STR(ERR(&lx, "x = 1\n# coding: latin-1\n", &line), "");
	CHECK_STR(lx.encoding, "utf-8");
	CHECK_STR(ERR(&lx, "# coding: foo\n", &line), "unknown encoding: foo");
	CHECK_INT(line, 0); /* compile() reports encoding problems at line 0 */
	CHECK_STR(ERR(&lx, "# coding: cp1252\nx = '\x80'\n", &line), "");
	CHECK_STR(text(&lx, 2), "'\xe2\x82\xac'");
	lex_release(&lx);
}

TEST(bom)
{
	struct lexer lx;
	unsigned line;
	lex_init(&lx);
	CHECK_STR(KINDS(&lx, "\xef\xbb\xbfx = 1\n"), "NAME = NUMBER NEWLINE");
	CHECK_INT(lex_col(&lx, lx.tokens.ptr[0].start), 0); /* the BOM is not part of the line */
	CHECK_STR(ERR(&lx, "\xef\xbb\xbf# coding: utf-8\nx\n", &line), "");
	CHECK_STR(ERR(&lx, "\xef\xbb\xbf# coding: latin-1\n", &line), "encoding problem: iso-8859-1 with BOM");
	CHECK_STR(ERR(&lx, "\xef\xbb\xbf# coding: utf8\n", &line), "encoding problem: utf8 with BOM");
	lex_release(&lx);
}

TEST(line_and_column_tables)
{
	struct lexer lx;
	lex_init(&lx);
	static const char src[] = "ab = (\n  \xc3\xa9\xc3\xa9x, 1)\n";
	lex_run(&lx, src, sizeof src - 1);
	/* token 3 is the name ééx at byte column 2, token 4 the comma */
	CHECK_INT(lex_line(&lx, lx.tokens.ptr[3].start), 2);
	CHECK_INT(lex_col(&lx, lx.tokens.ptr[3].start), 2);
	CHECK_INT(lex_col(&lx, lx.tokens.ptr[4].start), 7);      /* bytes */
	CHECK_INT(lex_char_col(&lx, lx.tokens.ptr[4].start), 6); /* 1-based characters */
	lex_release(&lx);
}

TEST_MAIN(
	T(kind_names_are_one_list), T(simple_statement), T(keywords_and_soft_keywords),
	T(newlines_lf_crlf_cr), T(comments_and_blank_lines_make_no_tokens), T(indentation),
	T(form_feed_resets_indentation_column), T(too_many_indentation_levels),
	T(backslash_continuation), T(implicit_joining_in_brackets), T(bracket_match_index),
	T(bracket_errors), T(too_many_nested_parentheses), T(string_prefixes),
	T(triple_quoted_strings), T(string_escapes_and_continuation), T(unterminated_strings),
	T(fstrings_pep701), T(template_strings_pep750), T(numbers), T(number_errors),
	T(identifiers_non_ascii), T(operators), T(parser_rejected_characters), T(null_bytes),
	T(literal_encoding_checks), T(coding_cookie), T(bom), T(line_and_column_tables)
)
