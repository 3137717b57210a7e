/* Unit tests of the code-content rule helpers (src/rules/content.h):
 * callee patterns, module-level statement splitting and classification,
 * the __main__ guard. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rules/content.h"
#include "test.h"

TEST(callee_patterns)
{
	CHECK(rule_callee_matches("open", "open"));
	CHECK(!rule_callee_matches("open", "gzip.open"));
	CHECK(rule_callee_matches("subprocess.*", "subprocess.run"));
	CHECK(!rule_callee_matches("subprocess.*", "subprocess"));
	CHECK(!rule_callee_matches("subprocess.*", "subprocessx.run"));
	CHECK(rule_callee_matches("pandas.read_*", "pandas.read_csv"));
	CHECK(rule_callee_matches("*.read_text", "Path.read_text"));
	CHECK(rule_callee_matches("*.read_text", "a.b.read_text"));
	CHECK(!rule_callee_matches("*.read_text", "a.read_texts"));
}

/* Writes text to a temporary file and loads its tokens. */
static void load(struct rule_tokens *t, const char *text)
{
	char path[] = "/tmp/modscope_test_content_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	CHECK(rule_tokens_load(t, path) == 0);
	unlink(path);
}

TEST(statements)
{
	struct rule_tokens t;
	load(&t, "\"\"\"doc\"\"\"\nimport os\n@dec\n@dec2(x=1)\ndef f():\n    pass\n"
		 "if a:\n    b = 1\nelif c:\n    pass\nelse:\n    d()\n"
		 "try:\n    import x\nexcept ImportError:\n    x = None\n"
		 "__all__ += ['y']\nf(a=1)\nv: int = 2\nif __name__ == '__main__':\n    f()\n");
	CHECK_INT(t.stmts.len, 9);
	CHECK_INT(rule_line_kind(&t, t.stmts.ptr[0].first), RULE_LINE_STRING);
	CHECK_INT(rule_line_kind(&t, t.stmts.ptr[1].first), RULE_LINE_IMPORT);
	CHECK_INT(rule_tok(&t, t.stmts.ptr[2].first)->kind, TK_AT);
	CHECK_INT(rule_tok_line(&t, t.stmts.ptr[3].first), 7); /* the if, after the decorated def */
	CHECK(!rule_stmt_is_import_block(&t, &t.stmts.ptr[3])); /* d() in its else */
	CHECK(rule_stmt_is_import_block(&t, &t.stmts.ptr[4]));
	CHECK_INT(rule_line_kind(&t, t.stmts.ptr[5].first), RULE_LINE_DUNDER);
	CHECK_INT(rule_line_kind(&t, t.stmts.ptr[6].first), RULE_LINE_OTHER);
	CHECK_INT(rule_line_kind(&t, t.stmts.ptr[7].first), RULE_LINE_ASSIGN);
	CHECK(rule_stmt_is_main_guard(&t, &t.stmts.ptr[8]));
	CHECK(!rule_stmt_is_main_guard(&t, &t.stmts.ptr[3]));
	rule_tokens_release(&t);
}

TEST(unreadable)
{
	struct rule_tokens t;
	CHECK(rule_tokens_load(&t, "/nonexistent/x.py") < 0);
	CHECK_INT(t.stmts.len, 0);
	rule_tokens_release(&t);
}

TEST_MAIN(T(callee_patterns), T(statements), T(unreadable))
