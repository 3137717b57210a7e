/* The TOML reader's API: lookups, typed accessors, positions and errors.
 * Conformance to TOML 1.0 itself is tested against toml-test and tomllib in
 * tests/conformance/test_toml.py. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "config/toml.h"
#include "test.h"

/* Parses text into doc; returns what toml_parse returns. */
static int parse(struct toml_doc *doc, struct toml_error *err, const char *text)
{
	toml_doc_init(doc);
	return toml_parse(doc, "t.toml", text, strlen(text), err);
}

static const char *str_at(const struct toml_value *root, const char *path)
{
	struct slice s;
	if (!toml_as_string(toml_get(root, path), &s))
		return NULL;
	return s.ptr;
}

TEST(lookup_dotted_paths)
{
	struct toml_doc doc;
	struct toml_error err;
	CHECK_INT(parse(&doc, &err,
			"[project]\n"
			"name = \"shop\"\n"
			"[tool.modscope]\n"
			"roots = [\"src\", 'lib']\n"
			"\"a.b\".c = 'quoted'\n"
			"[tool.other]\n"
			"x = 1\n"), 0);
	CHECK_STR(str_at(doc.root, "project.name"), "shop");
	const struct toml_value *roots = toml_get(doc.root, "tool.modscope.roots");
	CHECK(roots && roots->kind == TOML_ARRAY);
	CHECK_INT(toml_len(roots), 2);
	struct slice s;
	CHECK(toml_as_string(toml_array_at(roots, 1), &s) && slice_eq_cstr(s, "lib"));
	CHECK(toml_array_at(roots, 2) == NULL);
	CHECK_STR(str_at(doc.root, "tool.modscope.\"a.b\".c"), "quoted");
	CHECK_STR(str_at(doc.root, "tool.modscope.'a.b'.c"), "quoted");
	CHECK(toml_get(doc.root, "tool.modscope.a") == NULL);
	CHECK(toml_get(doc.root, "tool.missing.roots") == NULL);
	/* A path through a non-table value finds nothing. */
	CHECK(toml_get(doc.root, "project.name.x") == NULL);
	CHECK(toml_get(NULL, "a") == NULL);
	/* toml_table_get takes one unquoted segment. */
	const struct toml_value *tool = toml_get(doc.root, "tool");
	CHECK(toml_table_get(tool, SLICE_LIT("other")) == toml_get(doc.root, "tool.other"));
	toml_doc_release(&doc);
}

TEST(keys_keep_file_order)
{
	struct toml_doc doc;
	struct toml_error err;
	CHECK_INT(parse(&doc, &err, "zeta = 1\nalpha = 2\n[mid]\nb.c = 3\n"), 0);
	CHECK_INT(toml_len(doc.root), 3);
	CHECK(slice_eq_cstr(toml_table_at(doc.root, 0)->key, "zeta"));
	CHECK(slice_eq_cstr(toml_table_at(doc.root, 1)->key, "alpha"));
	CHECK(slice_eq_cstr(toml_table_at(doc.root, 2)->key, "mid"));
	CHECK(toml_table_at(doc.root, 3) == NULL);
	toml_doc_release(&doc);
}

TEST(typed_accessors)
{
	struct toml_doc doc;
	struct toml_error err;
	CHECK_INT(parse(&doc, &err,
			"i = -9_223_372_036_854_775_808\n"
			"h = 0xDEAD_beef\n"
			"f = 6.5e-1\n"
			"pinf = +inf\n"
			"nnan = -nan\n"
			"nz = -0.0\n"
			"b = false\n"
			"odt = 1979-05-27T07:32:00.999999999999-07:30\n"
			"ld = 2024-02-29\n"
			"lt = 23:59:59.5\n"
			"nul = \"a\\u0000b\"\n"), 0);
	int64_t i = 0;
	CHECK(toml_as_integer(toml_get(doc.root, "i"), &i) && i == INT64_MIN);
	CHECK(toml_as_integer(toml_get(doc.root, "h"), &i) && i == 0xDEADBEEF);
	double d = 0;
	CHECK(toml_as_float(toml_get(doc.root, "f"), &d) && d == 0.65);
	CHECK(toml_as_float(toml_get(doc.root, "h"), &d) && d == (double)0xDEADBEEF);
	CHECK(toml_as_float(toml_get(doc.root, "pinf"), &d) && isinf(d) && d > 0);
	CHECK(toml_as_float(toml_get(doc.root, "nnan"), &d) && isnan(d));
	CHECK(toml_as_float(toml_get(doc.root, "nz"), &d) && d == 0 && signbit(d));
	bool b = true;
	CHECK(toml_as_bool(toml_get(doc.root, "b"), &b) && !b);
	struct toml_datetime dt;
	const struct toml_value *odt = toml_get(doc.root, "odt");
	CHECK(odt && odt->kind == TOML_DATETIME);
	CHECK(toml_as_datetime(odt, &dt));
	CHECK_INT(dt.year, 1979);
	CHECK_INT(dt.second, 0);
	CHECK_INT(dt.nanosecond, 999999999); /* truncated, not rounded */
	CHECK_INT(dt.frac_digits, 9);
	CHECK_INT(dt.offset_minutes, -(7 * 60 + 30));
	CHECK(toml_get(doc.root, "ld")->kind == TOML_DATE_LOCAL);
	CHECK(toml_as_datetime(toml_get(doc.root, "lt"), &dt) && dt.hour == 23 &&
	      dt.nanosecond == 500000000 && dt.frac_digits == 1);
	struct slice s;
	CHECK(toml_as_string(toml_get(doc.root, "nul"), &s) && s.len == 3 && s.ptr[1] == '\0');
	/* The wrong kind: false, and *out untouched. */
	i = 42;
	CHECK(!toml_as_integer(toml_get(doc.root, "f"), &i) && i == 42);
	CHECK(!toml_as_string(toml_get(doc.root, "b"), &s));
	CHECK(!toml_as_bool(toml_get(doc.root, "missing"), &b));
	CHECK(!toml_as_datetime(toml_get(doc.root, "i"), &dt));
	CHECK_STR(toml_kind_name(toml_get(doc.root, "ld")->kind), "date-local");
	CHECK_INT(toml_len(toml_get(doc.root, "i")), 0);
	toml_doc_release(&doc);
}

TEST(values_keep_their_position)
{
	struct toml_doc doc;
	struct toml_error err;
	CHECK_INT(parse(&doc, &err,
			"# comment\n"
			"a = 1\n"
			"\n"
			"[t]\n"
			"s = \"\"\"\n"
			"two\n"
			"lines\"\"\"\n"
			"\"é\" =   [1,\n"
			"   2]\n"), 0);
	const struct toml_value *a = toml_get(doc.root, "a");
	CHECK_INT(a->line, 2);
	CHECK_INT(a->col, 5);
	CHECK_INT(toml_get(doc.root, "t")->line, 4);
	CHECK_INT(toml_get(doc.root, "t.s")->line, 5);
	const struct toml_value *arr = toml_get(doc.root, "t.\"é\"");
	CHECK(arr != NULL);
	if (arr) {
		CHECK_INT(arr->line, 8);
		CHECK_INT(arr->col, 9); /* characters, not bytes: é is one */
		CHECK_INT(toml_array_at(arr, 1)->line, 9);
		CHECK_INT(toml_array_at(arr, 1)->col, 4);
	}
	toml_doc_release(&doc);
}

/* The error's line, column and reason for text. */
static void check_error(const char *text, unsigned line, unsigned col, const char *reason_part)
{
	struct toml_doc doc;
	struct toml_error err;
	CHECK_INT(parse(&doc, &err, text), -1);
	CHECK(doc.root == NULL);
	CHECK_STR(err.file, "t.toml");
	CHECK_INT(err.line, line);
	CHECK_INT(err.col, col);
	if (!strstr(err.reason, reason_part)) {
		fprintf(stderr, "  reason \"%s\" lacks \"%s\"\n", err.reason, reason_part);
		CHECK(0);
	}
	toml_doc_release(&doc);
}

TEST(errors_have_line_column_reason)
{
	check_error("a = 1\nb = \"x\ny\"\n", 2, 5, "unterminated string");
	check_error("k = \"é\" x\n", 1, 9, "unexpected 'x'");
	check_error("a = 1\na = 2\n", 2, 1, "duplicate key 'a'");
	check_error("[a]\n[a]\n", 2, 2, "table 'a' is defined twice");
	check_error("i = 9223372036854775808\n", 1, 5, "does not fit in 64 bits");
	check_error("i = -9223372036854775809\n", 1, 5, "does not fit in 64 bits");
	check_error("i = 0x8000000000000000\n", 1, 5, "does not fit in 64 bits");
	check_error("d = 2023-02-29\n", 1, 5, "day 29 is out of range");
	check_error("t = 12:00:60\n", 1, 5, "out of range");
	check_error("s = \"\\x41\"\n", 1, 6, "invalid escape sequence '\\x'");
	check_error("\n\nx = 0_1\n", 3, 5, "leading zeros");
	check_error("a = {b = 1}\na.c = 2\n", 2, 1, "inline table 'a'");
	check_error("a = \"\xff\"\n", 1, 6, "invalid UTF-8");
	check_error("a = 1\r\nb = 2\rc = 3\n", 2, 6, "carriage return");
	check_error("# \x01\n", 1, 3, "control character U+0001 in comment");
	check_error("x = [1, 2\n", 1, 5, "unterminated array");
}

TEST(nesting_is_bounded)
{
	struct buf text = BUF_INIT;
	buf_adds(&text, "a = ");
	for (int i = 0; i < 100000; i++)
		buf_addc(&text, '[');
	struct toml_doc doc;
	struct toml_error err;
	CHECK_INT(parse(&doc, &err, text.ptr), -1);
	CHECK(strstr(err.reason, "nested too deeply") != NULL);
	CHECK_INT(err.line, 1);
	toml_doc_release(&doc);
	/* 150 levels are fine. */
	buf_clear(&text);
	buf_adds(&text, "a = ");
	for (int i = 0; i < 150; i++)
		buf_addc(&text, '[');
	for (int i = 0; i < 150; i++)
		buf_addc(&text, ']');
	CHECK_INT(parse(&doc, &err, text.ptr), 0);
	toml_doc_release(&doc);
	buf_release(&text);
}

TEST(big_tables_use_the_index)
{
	struct buf text = BUF_INIT;
	for (int i = 0; i < 5000; i++)
		buf_addf(&text, "k%d = %d\n", i, i);
	struct toml_doc doc;
	struct toml_error err;
	CHECK_INT(parse(&doc, &err, text.ptr), 0);
	CHECK_INT(toml_len(doc.root), 5000);
	int bad = 0;
	for (int i = 0; i < 5000; i++) {
		char key[16];
		snprintf(key, sizeof(key), "k%d", i);
		int64_t v;
		if (!toml_as_integer(toml_get(doc.root, key), &v) || v != i)
			bad++;
	}
	CHECK_INT(bad, 0);
	toml_doc_release(&doc);
	buf_adds(&text, "k4321 = 0\n");
	CHECK_INT(parse(&doc, &err, text.ptr), -1);
	CHECK_INT(err.line, 5001);
	CHECK(strstr(err.reason, "duplicate key 'k4321'") != NULL);
	toml_doc_release(&doc);
	buf_release(&text);
}

TEST(input_need_not_be_nul_terminated)
{
	const char text[] = "a = 12345";
	struct toml_doc doc;
	struct toml_error err;
	toml_doc_init(&doc);
	CHECK_INT(toml_parse(&doc, "t.toml", text, 6, &err), 0);
	int64_t v = 0;
	CHECK(toml_as_integer(toml_get(doc.root, "a"), &v) && v == 12);
	toml_doc_release(&doc);
}

TEST(unreadable_file_is_an_error)
{
	struct toml_doc doc;
	struct toml_error err;
	toml_doc_init(&doc);
	CHECK_INT(toml_parse_file(&doc, "/nonexistent/pyproject.toml", &err), -1);
	CHECK_INT(err.line, 0);
	CHECK(strstr(err.reason, "cannot read '/nonexistent/pyproject.toml'") != NULL);
	toml_doc_release(&doc);
}

TEST_MAIN(T(lookup_dotted_paths), T(keys_keep_file_order), T(typed_accessors),
	  T(values_keep_their_position), T(errors_have_line_column_reason), T(nesting_is_bounded),
	  T(big_tables_use_the_index), T(input_need_not_be_nul_terminated),
	  T(unreadable_file_is_an_error))
