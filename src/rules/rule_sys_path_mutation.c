/* sys-path-mutation: library code that changes sys.path, anywhere in the
 * file: sys.path.insert/append/extend/remove/pop/clear(...), an assignment
 * `sys.path = ...`, `sys.path += ...`, `sys.path[...] = ...`,
 * `del sys.path[...]`, and site.addsitedir(...).  Names are compared by
 * absolute name (`import sys as _sys`, `from sys import path`).
 *
 * Scripts, tests and tooling may set up paths and are left out: files
 * with an `if __name__ == "__main__":` block, files with no module name
 * (outside the source roots), files under a folder named scripts, bin,
 * tests, test, testing, docs, doc, examples or tools, and files named
 * conftest.py, setup.py, noxfile.py, fabfile.py, manage.py or conf.py. */
#include "rules/content.h"

#include <string.h>

#define RULE "sys-path-mutation"

static const char *const script_dirs[] = {
	"scripts", "bin", "tests", "test", "testing", "docs", "doc", "examples", "tools",
};
static const char *const script_files[] = {
	"conftest.py", "setup.py", "noxfile.py", "fabfile.py", "manage.py", "conf.py",
};

static bool is_script_path(const struct analysis *a, const struct analysis_file *f)
{
	if (!f->module)
		return true;
	const char *rel = f->path;
	size_t rn = strlen(a->project.root);
	if (!strncmp(rel, a->project.root, rn) && rel[rn] == '/')
		rel += rn + 1;
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	for (size_t i = 0; i < sizeof script_files / sizeof script_files[0]; i++)
		if (!strcmp(base, script_files[i]))
			return true;
	for (const char *p = rel; p < base;) {
		const char *slash = strchr(p, '/');
		size_t n = (size_t)(slash - p);
		for (size_t i = 0; i < sizeof script_dirs / sizeof script_dirs[0]; i++)
			if (strlen(script_dirs[i]) == n && !strncmp(p, script_dirs[i], n))
				return true;
		p = slash + 1;
	}
	return false;
}

static bool mutating_method(const char *m)
{
	static const char *const names[] = { "insert", "append", "extend", "remove", "pop", "clear",
					     "__setitem__", "__delitem__", "__iadd__", "reverse", "sort" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(m, names[i]))
			return true;
	return false;
}

static bool is_assign_op(uint16_t k)
{
	return k == TK_EQUAL || (k >= TK_PLUSEQUAL && k <= TK_DOUBLESTAREQUAL) ||
	       k == TK_DOUBLESLASHEQUAL || k == TK_ATEQUAL;
}

static void report(const struct analysis_file *f, const struct rule_tokens *t, uint32_t i,
		   size_t len, const char *what, struct diag_list *out)
{
	const struct lex_token *tok = rule_tok(t, i);
	int line = (int)lex_line(&t->lex, tok->start), col = (int)lex_char_col(&t->lex, tok->start);
	struct diag *d = diag_add(out, RULE, rule_severity(RULE_SYS_PATH_MUTATION), f->display, line,
				  col, "%s changes sys.path in library code, so where imports resolve depends on which code ran first",
				  what);
	diag_set_end(d, line, col + (int)len);
	diag_set_fix(out, d, "install the project (pip install -e .) or configure its source roots; leave path set-up to scripts and tests");
}

static void check_file(const struct analysis_file *f, const struct rule_tokens *t,
		       struct diag_list *out)
{
	struct rule_imports imports;
	rule_imports_init(&imports, f);
	struct buf dotted = BUF_INIT, name = BUF_INIT, what = BUF_INIT;
	uint32_t n = (uint32_t)t->lex.tokens.len;
	for (uint32_t i = 0; i < n; i++) {
		if (rule_tok(t, i)->kind != TK_NAME || (i && rule_tok(t, i - 1)->kind == TK_DOT))
			continue;
		uint32_t j = i;
		buf_clear(&dotted);
		rule_tok_dotted(t, &j, &dotted);
		buf_clear(&name);
		if (!rule_imports_qualify(&imports, buf_slice(&dotted), &name)) {
			i = j - 1;
			continue;
		}
		uint16_t next = j < n ? rule_tok(t, j)->kind : TK_ENDMARKER;
		buf_clear(&what);
		if (next == TK_LPAR && (!strcmp(name.ptr, "site.addsitedir") ||
					(!strncmp(name.ptr, "sys.path.", 9) && mutating_method(name.ptr + 9)))) {
			buf_addf(&what, "'%s()'", dotted.ptr);
		} else if (!strcmp(name.ptr, "sys.path")) {
			bool del = i && rule_tok(t, i - 1)->kind == TK_KW_DEL;
			uint32_t k = j;
			if (k < n && rule_tok(t, k)->kind == TK_LSQB && rule_tok(t, k)->match > k)
				k = rule_tok(t, k)->match + 1;
			if (k < n && is_assign_op(rule_tok(t, k)->kind) &&
			    (i == 0 || rule_tok(t, i - 1)->kind == TK_NEWLINE ||
			     rule_tok(t, i - 1)->kind == TK_INDENT || rule_tok(t, i - 1)->kind == TK_DEDENT ||
			     rule_tok(t, i - 1)->kind == TK_SEMI || rule_tok(t, i - 1)->kind == TK_COLON ||
			     rule_tok(t, i - 1)->kind == TK_EQUAL))
				buf_addf(&what, "%s '%s%s'", k > j ? "assigning to" : "assigning",
					 dotted.ptr, k > j ? "[...]" : "");
			else if (del && k > j)
				buf_addf(&what, "'del %s[...]'", dotted.ptr);
		}
		if (what.len)
			report(f, t, i, dotted.len, what.ptr, out);
		i = j - 1;
	}
	buf_release(&dotted);
	buf_release(&name);
	buf_release(&what);
	rule_imports_release(&imports);
}

/* True when f imports sys or site in some way. */
static bool imports_sys_or_site(const struct analysis_file *f)
{
	for (size_t i = 0; i < f->facts.nimports; i++) {
		const struct scan_import *imp = &f->facts.imports[i];
		if (imp->level)
			continue;
		if (imp->module.ptr && (slice_eq_cstr(imp->module, "sys") || slice_eq_cstr(imp->module, "site")))
			return true;
		for (uint32_t k = 0; k < imp->nnames && !imp->module.ptr; k++)
			if (slice_eq_cstr(imp->names[k].name, "sys") || slice_eq_cstr(imp->names[k].name, "site"))
				return true;
	}
	return false;
}

int rule_sys_path_mutation(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error || !imports_sys_or_site(f) || is_script_path(a, f))
			continue;
		struct rule_tokens t;
		if (rule_tokens_load(&t, f->path) == 0) {
			bool script = false;
			for (size_t k = 0; k < t.stmts.len && !script; k++)
				script = rule_stmt_is_main_guard(&t, &t.stmts.ptr[k]);
			if (!script)
				check_file(f, &t, out);
		}
		rule_tokens_release(&t);
	}
	return 0;
}
