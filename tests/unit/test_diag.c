/* Diagnostics infrastructure: the list, the rule table and selection,
 * suppression comments, baselines and the four emitters. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "config/toml.h"
#include "report/diag.h"
#include "report/emit_diag.h"
#include "rules/baseline.h"
#include "rules/rules.h"
#include "rules/suppress.h"
#include "test.h"

/* ---- diag list ---- */

TEST(test_sort_order)
{
	struct diag_list l;
	diag_list_init(&l);
	diag_add(&l, "b-rule", DIAG_ERROR, "b.py", 1, 1, "m");
	diag_add(&l, "b-rule", DIAG_ERROR, "a.py", 10, 1, "m");
	diag_add(&l, "b-rule", DIAG_ERROR, "a.py", 2, 5, "m");
	diag_add(&l, "b-rule", DIAG_ERROR, "a.py", 2, 1, "z");
	diag_add(&l, "a-rule", DIAG_ERROR, "a.py", 2, 1, "z");
	diag_add(&l, "b-rule", DIAG_ERROR, "a.py", 2, 1, "y");
	diag_sort(&l);
	const char *want[][2] = { { "a-rule", "z" }, { "b-rule", "y" }, { "b-rule", "z" } };
	for (int i = 0; i < 3; i++) {
		CHECK_STR(l.items.ptr[i].file, "a.py");
		CHECK_INT(l.items.ptr[i].line, 2);
		CHECK_INT(l.items.ptr[i].col, 1);
		CHECK_STR(l.items.ptr[i].rule, want[i][0]);
		CHECK_STR(l.items.ptr[i].message, want[i][1]);
	}
	CHECK_INT(l.items.ptr[3].col, 5);
	CHECK_INT(l.items.ptr[4].line, 10); /* numeric, not textual, line order */
	CHECK_STR(l.items.ptr[5].file, "b.py");
	diag_list_release(&l);
}

TEST(test_notes_and_copies)
{
	struct diag_list l;
	diag_list_init(&l);
	char tmp[32];
	strcpy(tmp, "x.py");
	struct diag *d = diag_add(&l, "import-cycle", DIAG_NOTE, tmp, 3, 4, "cycle of %d", 2);
	for (int i = 0; i < 9; i++) /* more than the first note block */
		diag_add_note(&l, d, tmp, i + 1, 0, "step %d", i);
	diag_set_fix(&l, d, "cut %s", "it");
	diag_set_end(d, 3, 9);
	strcpy(tmp, "clobbered");
	CHECK_STR(d->file, "x.py");
	CHECK_STR(d->message, "cycle of 2");
	CHECK_INT(d->nnotes, 9);
	CHECK_STR(d->notes[0].message, "step 0");
	CHECK_STR(d->notes[8].message, "step 8");
	CHECK_STR(d->notes[8].file, "x.py");
	CHECK_INT(d->notes[8].line, 9);
	CHECK_STR(d->fix, "cut it");
	CHECK_INT(d->end_col, 9);
	diag_list_release(&l);
}

TEST(test_char_col)
{
	CHECK_INT(diag_char_col("abc", 0), 1);
	CHECK_INT(diag_char_col("abc", 2), 3);
	CHECK_INT(diag_char_col("\xc3\xa9x", 2), 2);          /* é is 2 bytes, 1 char */
	CHECK_INT(diag_char_col("\xe2\x82\xac\xf0\x9f\x98\x80y", 7), 3); /* € and 😀 */
	CHECK_INT(diag_char_col("\xff\xfe", 2), 3);           /* invalid bytes: one each */
}

TEST(test_sources_lines)
{
	struct diag_sources s;
	diag_sources_init(&s, NULL);
	diag_sources_add(&s, "m.py", "a\r\nbb\rccc\n\nlast", 15);
	struct slice line;
	CHECK_INT(diag_sources_line(&s, "m.py", 1, &line), 0);
	CHECK(slice_eq_cstr(line, "a"));
	CHECK_INT(diag_sources_line(&s, "m.py", 2, &line), 0);
	CHECK(slice_eq_cstr(line, "bb"));
	CHECK_INT(diag_sources_line(&s, "m.py", 3, &line), 0);
	CHECK(slice_eq_cstr(line, "ccc"));
	CHECK_INT(diag_sources_line(&s, "m.py", 4, &line), 0);
	CHECK(slice_eq_cstr(line, ""));
	CHECK_INT(diag_sources_line(&s, "m.py", 5, &line), 0);
	CHECK(slice_eq_cstr(line, "last"));
	CHECK_INT(diag_sources_line(&s, "m.py", 6, &line), -1);
	CHECK_INT(diag_sources_line(&s, "m.py", 0, &line), -1);
	CHECK_INT(diag_sources_line(&s, "/nonexistent/zz.py", 1, &line), -1);
	diag_sources_add(&s, "n.py", "x\n", 2);
	CHECK_INT(diag_sources_line(&s, "n.py", 2, &line), -1); /* final newline opens no line */
	diag_sources_release(&s);
}

TEST(test_fingerprint)
{
	struct diag_list l;
	diag_list_init(&l);
	struct diag *a = diag_add(&l, "r", DIAG_ERROR, "f.py", 3, 1, "msg");
	char fa[17], fb[17], fc[17];
	diag_fingerprint(a, slice_cstr("  import x  "), fa);
	a = diag_add(&l, "r", DIAG_ERROR, "f.py", 30, 5, "msg");
	diag_fingerprint(a, slice_cstr("\timport x"), fb);
	CHECK_STR(fa, fb); /* line, column and indentation do not matter */
	diag_fingerprint(a, slice_cstr("import y"), fc);
	CHECK(strcmp(fa, fc) != 0);
	a = diag_add(&l, "r", DIAG_ERROR, "g.py", 30, 5, "msg");
	diag_fingerprint(a, slice_cstr("import x"), fc);
	CHECK(strcmp(fa, fc) != 0);
	CHECK_INT(strlen(fa), 16);
	diag_list_release(&l);
}

/* ---- rule table ---- */

TEST(test_rule_table)
{
	static const char *const ids[] = {
#define RULE_ID(e, id) id,
		RULE_LIST(RULE_ID)
#undef RULE_ID
	};
	const struct rule *t = rule_table();
	for (int i = 0; i < RULE_COUNT; i++) {
		CHECK(t[i].id != NULL);
		if (!t[i].id)
			continue;
		CHECK_STR(t[i].id, ids[i]);
		CHECK(t[i].name && t[i].summary && t[i].help && t[i].category);
		for (const char *p = t[i].id; *p; p++)
			CHECK((*p >= 'a' && *p <= 'z') || *p == '-');
		CHECK((t[i].summary[0] >= 'a' && t[i].summary[0] <= 'z') || t[i].summary[0] == '\'' ||
		      t[i].summary[0] == '_');
		CHECK_INT(rule_index_of(t[i].id), i);
		for (int j = 0; j < i; j++)
			CHECK(strcmp(t[i].id, t[j].id) != 0 && strcmp(t[i].name, t[j].name) != 0);
	}
	CHECK(rule_lookup("import-cycle-crash") == &t[RULE_IMPORT_CYCLE_CRASH]);
	CHECK(rule_lookup("import-") == NULL);
	CHECK(!t[RULE_IMPORT_CYCLE].enabled);
	CHECK(t[RULE_IMPORT_CYCLE_CRASH].enabled);
	CHECK_INT(t[RULE_IMPORT_CYCLE_CRASH].severity, DIAG_ERROR);
}

TEST(test_suggest)
{
	struct buf b = BUF_INIT;
	rule_suggest("improt-cycle", &b);
	CHECK_STR(b.ptr, "; did you mean 'import-cycle'?");
	buf_clear(&b);
	rule_suggest("wildcard", &b); /* contained in exactly one id */
	CHECK_STR(b.ptr, "; did you mean 'wildcard-import'?");
	buf_clear(&b);
	rule_suggest("xyz", &b);
	CHECK_STR(b.ptr, "");
	buf_release(&b);
}

/* ---- selection ---- */

#define PATS(...) ((const struct rule_pattern[]){ __VA_ARGS__ })
#define NPATS(...) (sizeof(PATS(__VA_ARGS__)) / sizeof(struct rule_pattern))
#define P(s) { s, NULL, 0, 0 }

TEST(test_select_defaults)
{
	struct rule_selection s;
	struct rule_config cfg = { 0 };
	struct buf err = BUF_INIT;
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg, &err), 0);
	for (int i = 0; i < RULE_COUNT; i++)
		CHECK(s.enabled[i] == rule_table()[i].enabled);
	rule_selection_release(&s);
	buf_release(&err);
}

TEST(test_select_prefixes)
{
	struct rule_selection s;
	struct buf err = BUF_INIT;
	/* select replaces the defaults; a prefix selects every rule under it. */
	struct rule_config cfg = { .select = PATS(P("import-")), .nselect = 1 };
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg, &err), 0);
	CHECK(s.enabled[RULE_IMPORT_CYCLE]);           /* off by default, selected */
	CHECK(s.enabled[RULE_IMPORT_CYCLE_CRASH]);
	CHECK(s.enabled[RULE_IMPORT_ORDER]);
	CHECK(!s.enabled[RULE_UNRESOLVED_IMPORT]);     /* "unresolved-import" is not import-* */
	CHECK(!s.enabled[RULE_WILDCARD_IMPORT]);
	rule_selection_release(&s);

	/* An exact id beats a prefix whichever side it is on; ignore wins ties. */
	struct rule_config cfg2 = {
		.select = PATS(P("import-"), P("contract-layers")), .nselect = 2,
		.ignore = PATS(P("import-order"), P("contract-")), .nignore = 2,
	};
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg2, &err), 0);
	CHECK(s.enabled[RULE_IMPORT_CYCLE]);
	CHECK(!s.enabled[RULE_IMPORT_ORDER]);
	CHECK(s.enabled[RULE_CONTRACT_LAYERS]);
	CHECK(!s.enabled[RULE_CONTRACT_FORBIDDEN]);
	rule_selection_release(&s);

	/* A longer prefix beats a shorter one. */
	struct rule_config cfg3 = {
		.select = PATS(P("import-cycle-")), .nselect = 1,
		.extend_select = PATS(P("import-not-at-top")), .nextend_select = 1,
		.ignore = PATS(P("import-")), .nignore = 1,
	};
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg3, &err), 0);
	CHECK(s.enabled[RULE_IMPORT_CYCLE_CRASH]);
	CHECK(!s.enabled[RULE_IMPORT_CYCLE]); /* "import-cycle-" does not match "import-cycle" */
	CHECK(s.enabled[RULE_IMPORT_NOT_AT_TOP]);
	CHECK(!s.enabled[RULE_IMPORT_ORDER]);
	rule_selection_release(&s);

	/* extend-select adds to the defaults; "all" is the weakest selector. */
	struct rule_config cfg4 = {
		.extend_select = PATS(P("all")), .nextend_select = 1,
		.ignore = PATS(P("unused-suppression")), .nignore = 1,
	};
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg4, &err), 0);
	for (int i = 0; i < RULE_COUNT; i++)
		CHECK(s.enabled[i] == (i != RULE_UNUSED_SUPPRESSION));
	rule_selection_release(&s);

	struct rule_config cfg5 = { .ignore = PATS(P("all")), .nignore = 1,
				    .extend_select = PATS(P("wildcard-import")), .nextend_select = 1 };
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg5, &err), 0);
	for (int i = 0; i < RULE_COUNT; i++)
		CHECK(s.enabled[i] == (i == RULE_WILDCARD_IMPORT));
	rule_selection_release(&s);
	CHECK_STR(err.ptr, "");
	buf_release(&err);
}

TEST(test_select_unknown)
{
	struct rule_selection s;
	struct buf err = BUF_INIT;
	struct rule_pattern bad = { "improt-cycle", "pyproject.toml", 12, 11 };
	struct rule_config cfg = { .ignore = &bad, .nignore = 1 };
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg, &err), -1);
	CHECK_STR(err.ptr, "pyproject.toml:12:11: unknown rule 'improt-cycle' in 'ignore'; "
		  "did you mean 'import-cycle'?");
	rule_selection_release(&s);

	buf_clear(&err);
	struct rule_config cfg2 = { .select = PATS(P("imp-")), .nselect = 1 };
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg2, &err), -1);
	CHECK_STR(err.ptr, "unknown rule prefix 'imp-' in 'select': no rule id starts with it");
	rule_selection_release(&s);

	/* "import" without its '-' is not a prefix selector. */
	buf_clear(&err);
	struct rule_pattern pr[] = { { "import", "modscope.toml", 3, 2 } };
	struct rule_per_file pf = { { "tests/*", "modscope.toml", 3, 1 }, pr, 1 };
	struct rule_config cfg3 = { .per_file_ignores = &pf, .nper_file_ignores = 1 };
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg3, &err), -1);
	CHECK(strncmp(err.ptr, "modscope.toml:3:2: unknown rule 'import' in 'per-file-ignores'", 62) == 0);
	rule_selection_release(&s);
	buf_release(&err);
}

TEST(test_config_from_toml)
{
	static const char text[] =
		"[tool.modscope]\n"
		"select = [\"import-\", \"wildcard-import\"]\n"
		"ignore = [\"import-order\"]\n"
		"[tool.modscope.per-file-ignores]\n"
		"\"tests/**/*.py\" = [\"all\"]\n"
		"\"__init__.py\" = [\"wildcard-import\"]\n";
	struct toml_doc doc;
	struct toml_error terr;
	struct arena arena;
	struct buf err = BUF_INIT;
	struct rule_config cfg;
	struct rule_selection s;
	toml_doc_init(&doc);
	arena_init(&arena);
	CHECK_INT(toml_parse(&doc, "pyproject.toml", text, sizeof(text) - 1, &terr), 0);
	const struct toml_value *tool = toml_get(doc.root, "tool.modscope");
	CHECK_INT(rule_config_from_toml(&cfg, &arena, tool, "pyproject.toml", &err), 0);
	CHECK_INT(cfg.nselect, 2);
	CHECK_INT(cfg.nignore, 1);
	CHECK_INT(cfg.nper_file_ignores, 2);
	CHECK_INT(cfg.select[1].line, 2);
	CHECK_INT(cfg.select[1].col, 22);
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg, &err), 0);
	CHECK(rule_enabled_for(&s, RULE_IMPORT_CYCLE, "pkg/m.py"));
	CHECK(!rule_enabled_for(&s, RULE_IMPORT_ORDER, "pkg/m.py"));
	CHECK(!rule_enabled_for(&s, RULE_UNRESOLVED_IMPORT, "pkg/m.py"));
	CHECK(rule_enabled_for(&s, RULE_WILDCARD_IMPORT, "pkg/m.py"));
	CHECK(!rule_enabled_for(&s, RULE_WILDCARD_IMPORT, "pkg/__init__.py"));
	CHECK(!rule_enabled_for(&s, RULE_IMPORT_CYCLE, "tests/a/test_m.py"));
	rule_selection_release(&s);
	toml_doc_release(&doc);

	/* An unknown id is reported where the TOML file has it. */
	static const char bad[] = "[tool.modscope]\nignore = [\n  \"wildcard-imports\",\n]\n";
	toml_doc_init(&doc);
	CHECK_INT(toml_parse(&doc, "pyproject.toml", bad, sizeof(bad) - 1, &terr), 0);
	CHECK_INT(rule_config_from_toml(&cfg, &arena, toml_get(doc.root, "tool.modscope"),
					"pyproject.toml", &err), 0);
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg, &err), -1);
	CHECK_STR(err.ptr, "pyproject.toml:3:3: unknown rule 'wildcard-imports' in 'ignore'; "
		  "did you mean 'wildcard-import'?");
	rule_selection_release(&s);
	toml_doc_release(&doc);

	/* Wrong types. */
	static const char *const wrong[][2] = {
		{ "[tool.modscope]\nselect = \"all\"\n", "pyproject.toml:2:10: 'select' must be an array of strings" },
		{ "[tool.modscope]\nignore = [\"a\", 3]\n", "pyproject.toml:2:16: 'ignore' must be an array of strings" },
		{ "[tool.modscope]\nper-file-ignores = [\"x\"]\n",
		  "pyproject.toml:2:20: 'per-file-ignores' must be a table of glob = [rule, ...]" },
		{ "[tool.modscope.per-file-ignores]\n\"x\" = \"all\"\n",
		  "pyproject.toml:2:7: 'per-file-ignores' must be an array of strings" },
	};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		buf_clear(&err);
		toml_doc_init(&doc);
		CHECK_INT(toml_parse(&doc, "pyproject.toml", wrong[i][0], strlen(wrong[i][0]), &terr), 0);
		CHECK_INT(rule_config_from_toml(&cfg, &arena, toml_get(doc.root, "tool.modscope"),
						"pyproject.toml", &err), -1);
		CHECK_STR(err.ptr, wrong[i][1]);
		toml_doc_release(&doc);
	}
	CHECK_INT(rule_config_from_toml(&cfg, &arena, NULL, "x", &err), 0);
	CHECK_INT(cfg.nselect + cfg.nignore + cfg.nper_file_ignores, 0);
	arena_release(&arena);
	buf_release(&err);
}

TEST(test_glob)
{
	CHECK(rule_glob_match("tests/*", "tests/a.py"));
	CHECK(rule_glob_match("tests/*", "tests/sub/a.py"));   /* '*' crosses '/' */
	CHECK(!rule_glob_match("tests/*", "src/tests.py"));
	CHECK(rule_glob_match("**/test_*.py", "test_a.py"));   /* zero folders */
	CHECK(rule_glob_match("**/test_*.py", "pkg/sub/test_a.py"));
	CHECK(!rule_glob_match("**/test_*.py", "pkg/sub/a_test.py"));
	CHECK(rule_glob_match("src/**/conf.py", "src/conf.py"));
	CHECK(rule_glob_match("src/**/conf.py", "src/a/b/conf.py"));
	CHECK(!rule_glob_match("src/**/conf.py", "srcx/conf.py"));
	CHECK(rule_glob_match("__init__.py", "pkg/sub/__init__.py")); /* no '/': basename */
	CHECK(!rule_glob_match("pkg/__init__.py", "other/pkg/__init__.py"));
	CHECK(rule_glob_match("m?.py", "m1.py"));
	CHECK(!rule_glob_match("m?.py", "m12.py"));
	CHECK(rule_glob_match("[ab]*.py", "b_x.py"));
	CHECK(!rule_glob_match("[!ab]*.py", "b_x.py"));
	CHECK(rule_glob_match("v[0-9].py", "v7.py"));
	CHECK(!rule_glob_match("v[0-9].py", "vx.py"));
	CHECK(rule_glob_match("a[.py", "a[.py"));              /* unclosed class: literal */
	CHECK(rule_glob_match("*.py", "./x.py"));
	CHECK(rule_glob_match("*", ""));
	CHECK(!rule_glob_match("?", ""));
}

TEST(test_per_file_ignores)
{
	struct rule_selection s;
	struct buf err = BUF_INIT;
	struct rule_pattern r1[] = { P("wildcard-import"), P("contract-") };
	struct rule_pattern r2[] = { P("all") };
	struct rule_per_file pf[] = {
		{ P("__init__.py"), r1, 2 },
		{ P("tests/**/*.py"), r2, 1 },
	};
	struct rule_config cfg = { .per_file_ignores = pf, .nper_file_ignores = 2 };
	rule_selection_init(&s);
	CHECK_INT(rule_select(&s, &cfg, &err), 0);
	CHECK(rule_enabled_for(&s, RULE_WILDCARD_IMPORT, "pkg/mod.py"));
	CHECK(!rule_enabled_for(&s, RULE_WILDCARD_IMPORT, "pkg/__init__.py"));
	CHECK(!rule_enabled_for(&s, RULE_CONTRACT_LAYERS, "pkg/__init__.py"));
	CHECK(rule_enabled_for(&s, RULE_UNRESOLVED_IMPORT, "pkg/__init__.py"));
	CHECK(!rule_enabled_for(&s, RULE_UNRESOLVED_IMPORT, "tests/test_a.py"));
	CHECK(!rule_enabled_for(&s, RULE_UNRESOLVED_IMPORT, "tests/unit/test_a.py"));
	CHECK(!rule_enabled_for(&s, RULE_IMPORT_CYCLE, "pkg/mod.py")); /* off globally */
	rule_selection_release(&s);
	buf_release(&err);
}

/* ---- comments ---- */

/* The comment texts of src, joined by '|'. */
static char *comments(const char *src)
{
	suppress_span_vec v = VEC_INIT;
	size_t n = suppress_find_comments(src, strlen(src), &v);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < v.len; i++) {
		if (i)
			buf_addc(&b, '|');
		buf_add(&b, src + v.ptr[i].start, v.ptr[i].end - v.ptr[i].start);
	}
	if (n != v.len)
		buf_adds(&b, "COUNT MISMATCH");
	vec_release(&v);
	return buf_detach(&b, NULL);
}

#define CHECK_COMMENTS(src, want) do { \
	char *got_ = comments(src); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

TEST(test_find_comments)
{
	CHECK_COMMENTS("x = 1  # one\n# two\r\n#three", "# one|# two|#three");
	CHECK_COMMENTS("s = '#no' # yes\n", "# yes");
	CHECK_COMMENTS("s = \"#no\" \"it's\" # yes\n", "# yes");
	CHECK_COMMENTS("s = 'a\\'#no' # yes\n", "# yes");            /* escaped quote */
	CHECK_COMMENTS("s = r'a\\'#no' # yes\n", "# yes");           /* raw: still escapes */
	CHECK_COMMENTS("s = 'a\\\\' # yes\n", "# yes");              /* escaped backslash */
	CHECK_COMMENTS("s = '''a\n# no\n''' # yes\n", "# yes");      /* triple, multi-line */
	CHECK_COMMENTS("s = \"\"\"a \" \"\" # no\n\"\"\" # yes", "# yes");
	CHECK_COMMENTS("s = '''a\\''' # no\n''' # yes", "# yes");   /* escaped in triple */
	CHECK_COMMENTS("s = 'abc\\\n# no' # yes\n", "# yes");       /* backslash-newline in '' */
	CHECK_COMMENTS("s = 'abc\\\r\n# no' # yes\n", "# yes");
	CHECK_COMMENTS("x = 1 + \\\n  2 # yes\n", "# yes");         /* line continuation */
	CHECK_COMMENTS("s = f'{x}#no' rb'#no' Rb\"#no\" u'#no' # yes", "# yes");
	CHECK_COMMENTS("s = ''  # yes\nt = '' '' # yes2", "# yes|# yes2"); /* empty strings */
	CHECK_COMMENTS("s = '# unterminated\nx = 1 # yes", "# yes");   /* ends at the line */
	CHECK_COMMENTS("s = '''# never closed\n# no", "");
	CHECK_COMMENTS("s = \"\"\"\"\"\" # yes", "# yes");        /* empty triple */
	CHECK_COMMENTS("s = '''x''''# no'", "");                     /* ''' then '#no' string */
	CHECK_COMMENTS("#!/usr/bin/env python\n# -*- coding: utf-8 -*-", "#!/usr/bin/env python|# -*- coding: utf-8 -*-");
	CHECK_COMMENTS("a = '\xc3\xa9' # \xc3\xa9t\xc3\xa9", "# \xc3\xa9t\xc3\xa9");
	CHECK_COMMENTS("# a\r# b", "# a|# b");                        /* old Mac line end */
	CHECK_COMMENTS("", "");
	CHECK_COMMENTS("x = '\\", "");                                 /* backslash at EOF */
}

/* Random inputs over the characters that matter: spans stay in bounds, in
 * order, start at a '#', hold no line ending; directives parse without
 * reading out of bounds (the ASan build checks that). */
TEST(test_comments_random)
{
	static const char *const atoms[] = {
		"'", "\"", "'''", "\"\"\"", "#", "\\", "\n", "\r", "\r\n", "a", " ", "rb", "f",
		"# modscope: ignore[", "wildcard-import", ",", "]", "# modscope: ignore", "\xc3\xa9",
	};
	unsigned long long seed = 0x9e3779b97f4a7c15ULL;
	struct buf src = BUF_INIT;
	for (int round = 0; round < 3000; round++) {
		buf_clear(&src);
		int n = (int)(seed % 40);
		for (int i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			buf_adds(&src, atoms[(seed >> 33) % (sizeof(atoms) / sizeof(atoms[0]))]);
		}
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		/* An exact-size copy so ASan sees any read past the end. */
		char *copy = malloc(src.len ? src.len : 1);
		memcpy(copy, src.ptr, src.len);
		suppress_span_vec v = VEC_INIT;
		suppress_find_comments(copy, src.len, &v);
		size_t prev_end = 0;
		for (size_t i = 0; i < v.len; i++) {
			CHECK(v.ptr[i].start >= prev_end && v.ptr[i].start < v.ptr[i].end &&
			      v.ptr[i].end <= src.len);
			CHECK(copy[v.ptr[i].start] == '#');
			CHECK(memchr(copy + v.ptr[i].start, '\n', v.ptr[i].end - v.ptr[i].start) == NULL);
			CHECK(memchr(copy + v.ptr[i].start, '\r', v.ptr[i].end - v.ptr[i].start) == NULL);
			prev_end = v.ptr[i].end;
		}
		struct suppress_file sf;
		suppress_file_init(&sf, "r.py");
		suppress_parse(&sf, copy, src.len, v.ptr, v.len);
		struct diag_list l;
		diag_list_init(&l);
		suppress_report_unused(&sf, &l);
		diag_list_release(&l);
		suppress_file_release(&sf);
		vec_release(&v);
		free(copy);
	}
	buf_release(&src);
}

/* ---- suppressions ---- */

static void run_suppress(struct suppress_file *sf, const char *src)
{
	suppress_span_vec v = VEC_INIT;
	suppress_find_comments(src, strlen(src), &v);
	suppress_parse(sf, src, strlen(src), v.ptr, v.len);
	vec_release(&v);
}

TEST(test_suppress_parse)
{
	struct suppress_file sf;
	suppress_file_init(&sf, "a.py");
	run_suppress(&sf,
		"import a  # modscope: ignore[wildcard-import, unresolved-import]\n"
		"import b  #modscope:ignore\n"
		"s = '# modscope: ignore[x]'\n"
		"import c  # type: ignore  # modscope : ignore [ import-cycle ,import-order, ]\n"
		"import d  # modscope: ignored\n"
		"import e  # modscope: ignore[oops\n"
		"\xc3\xa9 = 1  # modscope: ignore[]\n");
	CHECK_INT(sf.items.len, 5);
	struct suppression *s = sf.items.ptr;
	CHECK_INT(s[0].line, 1);
	CHECK_INT(s[0].col, 11);
	CHECK_INT(s[0].nrules, 2);
	CHECK_STR(s[0].rules[0], "wildcard-import");
	CHECK_STR(s[0].rules[1], "unresolved-import");
	CHECK(!s[0].all && !s[0].malformed);
	CHECK_INT(s[1].line, 2);
	CHECK(s[1].all);
	CHECK_INT(s[2].line, 4);
	CHECK_INT(s[2].nrules, 2);
	CHECK_STR(s[2].rules[0], "import-cycle");
	CHECK_STR(s[2].rules[1], "import-order");
	CHECK(!s[2].malformed); /* a trailing comma is fine */
	CHECK_INT(s[3].line, 6);
	CHECK(s[3].malformed);
	CHECK_INT(s[4].line, 7);
	CHECK_INT(s[4].col, 8); /* 'é' is one character */
	CHECK(s[4].malformed);
	suppress_file_release(&sf);
}

TEST(test_suppress_filter)
{
	struct diag_list l;
	diag_list_init(&l);
	diag_add(&l, "wildcard-import", DIAG_WARNING, "a.py", 1, 1, "w");
	diag_add(&l, "import-cycle", DIAG_NOTE, "a.py", 1, 1, "c");      /* not named: kept */
	diag_add(&l, "import-cycle", DIAG_NOTE, "a.py", 2, 1, "c2");     /* bare: dropped */
	diag_add(&l, "unresolved-import", DIAG_ERROR, "a.py", 2, 8, "u");
	diag_add(&l, "wildcard-import", DIAG_WARNING, "b.py", 1, 1, "other file");
	diag_add(&l, "wildcard-import", DIAG_WARNING, "a.py", 3, 1, "line 3: no comment");
	struct suppress_file sf;
	suppress_file_init(&sf, "a.py");
	run_suppress(&sf,
		"from x import *  # modscope: ignore[wildcard-import, heavy-init, no-such-rule]\n"
		"import a, b  # modscope: ignore\n"
		"from y import *\n"
		"import c  # modscope: ignore[import-order]\n"
		"import d  # modscope: ignore\n"
		"import e  # modscope: ignore[\n");
	CHECK_INT(suppress_filter(&sf, &l), 3);
	CHECK_INT(l.items.len, 3);
	CHECK_STR(l.items.ptr[0].message, "c");
	CHECK_STR(l.items.ptr[1].message, "other file");
	CHECK_STR(l.items.ptr[2].message, "line 3: no comment");

	struct diag_list u;
	diag_list_init(&u);
	CHECK_INT(suppress_report_unused(&sf, &u), 5);
	diag_sort(&u);
	struct buf out = BUF_INIT;
	emit_diag_text(&out, &u, NULL);
	CHECK_STR(out.ptr,
		"a.py:1:18: unused-suppression: unknown rule 'no-such-rule' in suppression comment\n"
		"  fix: remove 'no-such-rule' from the comment\n\n"
		"a.py:1:18: unused-suppression: unused suppression of 'heavy-init': it reports nothing on this line\n"
		"  fix: remove 'heavy-init' from the comment\n\n"
		"a.py:4:11: unused-suppression: unused suppression of 'import-order': it reports nothing on this line\n"
		"  fix: remove the comment\n\n"
		"a.py:5:11: unused-suppression: unused suppression: no problem is reported on this line\n"
		"  fix: remove the comment\n\n"
		"a.py:6:11: unused-suppression: malformed suppression comment: expected '# modscope: ignore[rule, ...]'\n"
		"  fix: write the rule ids between brackets, separated by commas\n\n"
		"Found 5 problems (0 errors, 5 warnings) in 1 file.\n");
	buf_release(&out);
	diag_list_release(&u);
	suppress_file_release(&sf);
	diag_list_release(&l);
}

/* ---- baseline ---- */

static void add_findings(struct diag_list *l, int shift)
{
	diag_add(l, "unresolved-import", DIAG_ERROR, "pkg/a.py", 2 + shift, 1, "no module named 'zz'");
	diag_add(l, "wildcard-import", DIAG_WARNING, "pkg/a.py", 3 + shift, 1, "star");
	diag_add(l, "wildcard-import", DIAG_WARNING, "pkg/a.py", 4 + shift, 1, "star");
}

TEST(test_baseline_round_trip)
{
	static const char src1[] = "import os\nimport zz\nfrom m import *\nfrom m import *\n";
	/* The same code two lines lower, plus one new finding. */
	static const char src2[] = "import sys\n\nimport os\n  import zz\nfrom m import *\nfrom m import *\nfrom n import *\n";
	struct diag_sources s1, s2;
	diag_sources_init(&s1, NULL);
	diag_sources_add(&s1, "pkg/a.py", src1, sizeof(src1) - 1);
	diag_sources_init(&s2, NULL);
	diag_sources_add(&s2, "pkg/a.py", src2, sizeof(src2) - 1);

	struct diag_list l;
	diag_list_init(&l);
	add_findings(&l, 0);
	struct buf text = BUF_INIT, err = BUF_INIT;
	baseline_format(&l, &s1, &text);
	CHECK(strstr(text.ptr, "\"version\": 1") != NULL);
	CHECK(strstr(text.ptr, "\"count\": 2") != NULL);    /* the two identical stars */

	struct baseline b;
	baseline_init(&b);
	CHECK_INT(baseline_parse(&b, "base.json", text.ptr, text.len, &err), 0);
	CHECK_STR(err.ptr, "");
	CHECK_INT(b.entries.len, 2);

	/* Same findings on shifted lines: all matched. */
	diag_list_clear(&l);
	add_findings(&l, 2);
	struct diag *d = diag_add(&l, "wildcard-import", DIAG_WARNING, "pkg/a.py", 7, 1, "star");
	(void)d;
	CHECK_INT(baseline_filter(&b, &l, &s2), 3);
	CHECK_INT(l.items.len, 1);
	CHECK_INT(l.items.ptr[0].line, 7);                  /* only the new one is left */
	baseline_release(&b);

	/* Counts: a baseline with one star drops one of two. */
	baseline_init(&b);
	diag_list_clear(&l);
	add_findings(&l, 0);
	struct diag_list one;
	diag_list_init(&one);
	diag_add(&one, "wildcard-import", DIAG_WARNING, "pkg/a.py", 3, 1, "star");
	buf_clear(&text);
	baseline_format(&one, &s1, &text);
	CHECK_INT(baseline_parse(&b, "base.json", text.ptr, text.len, &err), 0);
	CHECK_INT(baseline_filter(&b, &l, &s1), 1);
	CHECK_INT(l.items.len, 2);
	CHECK_STR(l.items.ptr[0].rule, "unresolved-import");
	CHECK_INT(l.items.ptr[1].line, 4);
	/* A changed message is a new finding. */
	diag_list_clear(&l);
	diag_add(&l, "wildcard-import", DIAG_WARNING, "pkg/a.py", 3, 1, "star!");
	CHECK_INT(baseline_filter(&b, &l, &s1), 0);
	diag_list_release(&one);
	baseline_release(&b);

	/* An empty list makes an empty, readable baseline. */
	diag_list_clear(&l);
	buf_clear(&text);
	baseline_format(&l, &s1, &text);
	CHECK_STR(text.ptr, "{\n  \"version\": 1,\n  \"tool\": \"modscope\",\n  \"findings\": []\n}\n");
	baseline_init(&b);
	CHECK_INT(baseline_parse(&b, "base.json", text.ptr, text.len, &err), 0);
	baseline_release(&b);

	buf_release(&text);
	buf_release(&err);
	diag_list_release(&l);
	diag_sources_release(&s1);
	diag_sources_release(&s2);
}

TEST(test_baseline_format_exact)
{
	struct diag_sources s;
	diag_sources_init(&s, NULL);
	diag_sources_add(&s, "a.py", "import zz\n", 10);
	struct diag_list l;
	diag_list_init(&l);
	diag_add(&l, "unresolved-import", DIAG_ERROR, "a.py", 1, 8, "no module named 'zz'");
	struct buf text = BUF_INIT;
	baseline_format(&l, &s, &text);
	char fp[17];
	diag_fingerprint(&l.items.ptr[0], slice_cstr("import zz"), fp);
	struct buf want = BUF_INIT;
	buf_addf(&want, "{\n  \"version\": 1,\n  \"tool\": \"modscope\",\n  \"findings\": [\n"
		 "    {\"rule\": \"unresolved-import\", \"file\": \"a.py\", \"fingerprint\": \"%s\", "
		 "\"count\": 1, \"message\": \"no module named 'zz'\"}\n  ]\n}\n", fp);
	CHECK_STR(text.ptr, want.ptr);
	buf_release(&want);
	buf_release(&text);
	diag_list_release(&l);
	diag_sources_release(&s);
}

static void check_bad_baseline(const char *text, const char *want)
{
	struct baseline b;
	struct buf err = BUF_INIT;
	baseline_init(&b);
	CHECK_INT(baseline_parse(&b, "base.json", text, strlen(text), &err), -1);
	CHECK_STR(err.ptr, want);
	baseline_release(&b);
	buf_release(&err);
}

TEST(test_baseline_errors)
{
	check_bad_baseline("{\"version\": 1,\n\"findings\": [\n{\"rule\": \"x\",,}]}",
			   "base.json:3: expected a string key");
	check_bad_baseline("[]", "base.json: not a modscope baseline: expected a JSON object");
	check_bad_baseline("{\"findings\": []}", "base.json: not a modscope baseline: no \"version\" number");
	check_bad_baseline("{\"version\": 2, \"findings\": []}",
			   "base.json: unsupported baseline version (this modscope reads version 1)");
	check_bad_baseline("{\"version\": 1}",
			   "base.json: not a modscope baseline: \"findings\" is not an array");
	check_bad_baseline("{\"version\": 1, \"findings\": [{\"rule\": \"r\", \"file\": \"f\", "
			   "\"fingerprint\": \"0123456789abcdef\", \"count\": 1}, 3]}",
			   "base.json: finding 2: expected an object");
	check_bad_baseline("{\"version\": 1, \"findings\": [{\"rule\": \"r\", \"file\": \"f\", "
			   "\"fingerprint\": \"xyz\", \"count\": 1}]}",
			   "base.json: finding 1: \"fingerprint\" must be 16 lowercase hex digits");
	check_bad_baseline("{\"version\": 1, \"findings\": [{\"rule\": \"r\", \"file\": \"f\", "
			   "\"fingerprint\": \"0123456789abcdef\", \"count\": 1.5}]}",
			   "base.json: finding 1: \"count\" must be a positive integer");
	check_bad_baseline("{\"version\": 1, \"findings\": [{\"rule\": \"r\", "
			   "\"fingerprint\": \"0123456789abcdef\", \"count\": 1}]}",
			   "base.json: finding 1: \"rule\", \"file\" and \"fingerprint\" must be non-empty strings");

	struct baseline b;
	struct buf err = BUF_INIT;
	baseline_init(&b);
	CHECK_INT(baseline_read(&b, "/nonexistent/base.json", &err), -1);
	CHECK(strstr(err.ptr, "/nonexistent/base.json") != NULL);
	baseline_release(&b);
	buf_release(&err);
}

/* ---- emitters ---- */

static const char frame_src[] = "import os\n\tfrom m import *  # x\ny = '\xc3\xa9\xc3\xa9'; import zz\n";

static void sample(struct diag_list *l, struct diag_sources *s)
{
	diag_sources_add(s, "p/m.py", frame_src, sizeof(frame_src) - 1);
	struct diag *d = diag_add(l, "unresolved-import", DIAG_ERROR, "p/m.py", 3, 11,
				  "no module named 'zz'");
	diag_set_end(d, 3, 20);
	diag_add_note(l, d, "p/m.py", 1, 1, "first import here");
	diag_set_fix(l, d, "install 'zz'");
	d = diag_add(l, "wildcard-import", DIAG_WARNING, "p/m.py", 2, 2, "star import from 'm'");
	diag_set_end(d, 2, 17);
	diag_add(l, "module-too-large", DIAG_WARNING, "p/q,r.py", 0, 0, "big: 100%%");
	diag_sort(l);
}

TEST(test_emit_text)
{
	struct diag_list l;
	struct diag_sources s;
	diag_list_init(&l);
	diag_sources_init(&s, NULL);
	sample(&l, &s);
	struct emit_options o = { .sources = &s };
	struct buf out = BUF_INIT;
	emit_diag_text(&out, &l, &o);
	CHECK_STR(out.ptr,
		"p/m.py:2:2: wildcard-import: star import from 'm'\n"
		" 2 |         from m import *  # x\n"
		"   |         ^^^^^^^^^^^^^^^\n"
		"\n"
		"p/m.py:3:11: unresolved-import: no module named 'zz'\n"
		" 3 | y = '\xc3\xa9\xc3\xa9'; import zz\n"
		"   |           ^^^^^^^^^\n"
		"  note: p/m.py:1: first import here\n"
		"  fix: install 'zz'\n"
		"\n"
		"p/q,r.py: module-too-large: big: 100%\n"
		"\n"
		"Found 3 problems (1 error, 2 warnings) in 2 files.\n");

	/* Colour: escapes around the location, rule, gutter, carets, summary. */
	buf_clear(&out);
	o.color = true;
	diag_list_clear(&l);
	diag_add(&l, "wildcard-import", DIAG_WARNING, "p/m.py", 1, 1, "x");
	emit_diag_text(&out, &l, &o);
	CHECK_STR(out.ptr,
		"\033[1mp/m.py:1:1:\033[0m \033[1;33mwildcard-import\033[0m: x\n"
		" \033[34m1 |\033[0m import os\n"
		" \033[34m  |\033[0m \033[1;33m^\033[0m\n"
		"\n"
		"\033[1mFound 1 problem (0 errors, 1 warning) in 1 file.\033[0m\n");

	buf_clear(&out);
	diag_list_clear(&l);
	emit_diag_text(&out, &l, &o);
	CHECK_STR(out.ptr, "No problems found.\n");

	/* A column past the end of the line puts the caret after it; no sources:
	 * no frame. */
	buf_clear(&out);
	o.color = false;
	diag_add(&l, "x-rule", DIAG_NOTE, "p/m.py", 1, 40, "eol");
	emit_diag_text(&out, &l, &o);
	CHECK(strstr(out.ptr, " 1 | import os\n   |          ^\n") != NULL);
	CHECK(strstr(out.ptr, "(0 errors, 0 warnings, 1 note)") != NULL);
	buf_clear(&out);
	emit_diag_text(&out, &l, NULL);
	CHECK_STR(out.ptr, "p/m.py:1:40: x-rule: eol\n\nFound 1 problem (0 errors, 0 warnings, 1 note) in 1 file.\n");
	buf_release(&out);
	diag_sources_release(&s);
	diag_list_release(&l);
}

TEST(test_emit_json)
{
	struct diag_list l;
	struct diag_sources s;
	diag_list_init(&l);
	diag_sources_init(&s, NULL);
	sample(&l, &s);
	struct buf out = BUF_INIT;
	emit_diag_json(&out, &l, NULL);
	CHECK_STR(out.ptr,
		"{\"version\": 1, \"diagnostics\": [\n"
		"  {\"rule\": \"wildcard-import\", \"severity\": \"warning\", \"file\": \"p/m.py\", \"line\": 2, \"col\": 2, "
		"\"end_line\": 2, \"end_col\": 17, \"message\": \"star import from 'm'\", \"notes\": [], \"fix\": null},\n"
		"  {\"rule\": \"unresolved-import\", \"severity\": \"error\", \"file\": \"p/m.py\", \"line\": 3, \"col\": 11, "
		"\"end_line\": 3, \"end_col\": 20, \"message\": \"no module named 'zz'\", \"notes\": "
		"[{\"file\": \"p/m.py\", \"line\": 1, \"col\": 1, \"message\": \"first import here\"}], \"fix\": \"install 'zz'\"},\n"
		"  {\"rule\": \"module-too-large\", \"severity\": \"warning\", \"file\": \"p/q,r.py\", \"line\": 0, \"col\": 0, "
		"\"end_line\": null, \"end_col\": null, \"message\": \"big: 100%\", \"notes\": [], \"fix\": null}\n"
		"], \"summary\": {\"problems\": 3, \"errors\": 1, \"warnings\": 2, \"notes\": 0, \"files\": 2}}\n");
	buf_clear(&out);
	diag_list_clear(&l);
	emit_diag_json(&out, &l, NULL);
	CHECK_STR(out.ptr, "{\"version\": 1, \"diagnostics\": [], \"summary\": {\"problems\": 0, "
		  "\"errors\": 0, \"warnings\": 0, \"notes\": 0, \"files\": 0}}\n");
	buf_release(&out);
	diag_sources_release(&s);
	diag_list_release(&l);
}

TEST(test_emit_github)
{
	struct diag_list l;
	struct diag_sources s;
	diag_list_init(&l);
	diag_sources_init(&s, NULL);
	sample(&l, &s);
	struct diag *d = diag_add(&l, "import-cycle", DIAG_NOTE, "a:b.py", 1, 1, "%s", "x\ny\r%");
	(void)d;
	struct buf out = BUF_INIT;
	emit_diag_github(&out, &l, NULL);
	CHECK_STR(out.ptr,
		"::warning file=p/m.py,line=2,col=2,endLine=2,endColumn=17,title=wildcard-import::star import from 'm'\n"
		"::error file=p/m.py,line=3,col=11,endLine=3,endColumn=20,title=unresolved-import::"
		"no module named 'zz'%0Anote: p/m.py:1: first import here%0Afix: install 'zz'\n"
		"::warning file=p/q%2Cr.py,title=module-too-large::big: 100%25\n"
		"::notice file=a%3Ab.py,line=1,col=1,title=import-cycle::x%0Ay%0D%25\n");
	buf_release(&out);
	diag_sources_release(&s);
	diag_list_release(&l);
}

TEST(test_emit_sarif)
{
	struct diag_list l;
	struct diag_sources s;
	diag_list_init(&l);
	diag_sources_init(&s, NULL);
	sample(&l, &s);
	diag_add(&l, "wildcard-import", DIAG_WARNING, "d\xc3\xa9j\xc3\xa0 vu/#1.py", 1, 1, "x");
	struct emit_options o = { .sources = &s, .version = "9.9" };
	struct buf out = BUF_INIT;
	emit_diag_sarif(&out, &l, &o);
	CHECK(strstr(out.ptr, "\"version\": \"2.1.0\"") != NULL);
	CHECK(strstr(out.ptr, "\"columnKind\": \"unicodeCodePoints\"") != NULL);
	CHECK(strstr(out.ptr, "\"name\": \"modscope\", \"version\": \"9.9\"") != NULL);
	CHECK(strstr(out.ptr, "{\"ruleId\": \"unresolved-import\", \"ruleIndex\": 2, \"level\": \"error\", "
		     "\"message\": {\"text\": \"no module named 'zz'\"}, \"locations\": [{\"physicalLocation\": "
		     "{\"artifactLocation\": {\"uri\": \"p/m.py\", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": "
		     "{\"startLine\": 3, \"startColumn\": 11, \"endLine\": 3, \"endColumn\": 20}}}], "
		     "\"relatedLocations\": [{\"id\": 0, \"physicalLocation\": {\"artifactLocation\": "
		     "{\"uri\": \"p/m.py\", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": 1, "
		     "\"startColumn\": 1}}, \"message\": {\"text\": \"first import here\"}}]") != NULL);
	/* File-level finding: no region.  Odd names are percent-encoded. */
	CHECK(strstr(out.ptr, "{\"uri\": \"p/q%2Cr.py\", \"uriBaseId\": \"%SRCROOT%\"}}}]") != NULL);
	CHECK(strstr(out.ptr, "\"uri\": \"d%C3%A9j%C3%A0%20vu/%231.py\"") != NULL);
	/* The fingerprint is the baseline's. */
	char fp[17], want[80];
	diag_fingerprint(&l.items.ptr[1], slice_cstr("y = '\xc3\xa9\xc3\xa9'; import zz"), fp);
	snprintf(want, sizeof(want), "\"modscopeFingerprint/v1\": \"%s\"", fp);
	CHECK_STR(l.items.ptr[1].rule, "unresolved-import");
	CHECK(strstr(out.ptr, want) != NULL);
	/* Every rule is described once, in table order. */
	const char *p = out.ptr;
	for (int i = 0; i < RULE_COUNT; i++) {
		char key[80];
		snprintf(key, sizeof(key), "{\"id\": \"%s\", \"name\": ", rule_table()[i].id);
		const char *q = strstr(p, key);
		CHECK(q != NULL);
		if (q)
			p = q;
	}
	buf_release(&out);
	diag_sources_release(&s);
	diag_list_release(&l);
}

TEST(test_format_table)
{
	CHECK(emit_diag_format_lookup("text")->emit == emit_diag_text);
	CHECK(emit_diag_format_lookup("json")->emit == emit_diag_json);
	CHECK(emit_diag_format_lookup("sarif")->emit == emit_diag_sarif);
	CHECK(emit_diag_format_lookup("github")->emit == emit_diag_github);
	CHECK(emit_diag_format_lookup("xml") == NULL);
	enum diag_severity sv;
	CHECK_INT(diag_severity_parse("warning", &sv), 0);
	CHECK_INT(sv, DIAG_WARNING);
	CHECK_INT(diag_severity_parse("fatal", &sv), -1);
	CHECK_STR(diag_severity_name(DIAG_NOTE), "note");
}

TEST_MAIN(T(test_sort_order), T(test_notes_and_copies), T(test_char_col), T(test_sources_lines),
	  T(test_fingerprint), T(test_rule_table), T(test_suggest), T(test_select_defaults),
	  T(test_select_prefixes), T(test_select_unknown), T(test_config_from_toml), T(test_glob), T(test_per_file_ignores),
	  T(test_find_comments), T(test_comments_random), T(test_suppress_parse), T(test_suppress_filter),
	  T(test_baseline_round_trip), T(test_baseline_format_exact), T(test_baseline_errors),
	  T(test_emit_text), T(test_emit_json), T(test_emit_github), T(test_emit_sarif),
	  T(test_format_table))
