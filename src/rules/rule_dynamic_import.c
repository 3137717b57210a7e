/* dynamic-import: a call that imports or runs code named by a value
 * computed at run time, anywhere in the file (function bodies included):
 * importlib.import_module / __import__ / runpy.run_module with a
 * non-literal module name, importlib.util.spec_from_file_location /
 * imp.load_source / importlib.machinery.SourceFileLoader / runpy.run_path
 * with a non-literal path, exec with non-literal code.  eval is left out:
 * it evaluates one expression and is not an import mechanism (an
 * `__import__` inside it is found when written literally).  Callees are
 * compared by absolute name (`from importlib import import_module as im`
 * makes `im(x)` count); a bare `import_module` not bound by an import is
 * some local function and is not reported. */
#include "rules/content.h"

#include <string.h>

#define RULE "dynamic-import"

struct target {
	const char *callee;
	unsigned arg;       /* which positional argument is checked */
	const char *keyword; /* its keyword name */
	const char *what;   /* message */
	int fix;            /* index in fixes[] */
};

static const char *const fixes[] = {
	"use literal module names (a table of them when the choice is made at run time), or check the computed name against such a table",
	"load from a fixed location, or check the computed path against the files you mean to load",
	"replace exec with ordinary code, or limit its input to trusted literal text",
};

static const struct target targets[] = {
	{ "importlib.import_module", 0, "name", "imports a module whose name is computed at run time", 0 },
	{ "__import__", 0, "name", "imports a module whose name is computed at run time", 0 },
	{ "builtins.__import__", 0, "name", "imports a module whose name is computed at run time", 0 },
	{ "importlib.__import__", 0, "name", "imports a module whose name is computed at run time", 0 },
	{ "runpy.run_module", 0, "mod_name", "runs a module whose name is computed at run time", 0 },
	{ "importlib.util.spec_from_file_location", 1, "location", "loads a module from a path computed at run time", 1 },
	{ "importlib.machinery.SourceFileLoader", 1, "path", "loads a module from a path computed at run time", 1 },
	{ "imp.load_source", 1, "pathname", "loads a module from a path computed at run time", 1 },
	{ "runpy.run_path", 0, "path_name", "runs a file whose path is computed at run time", 1 },
	{ "exec", 0, "source", "executes code computed at run time", 2 },
	{ "builtins.exec", 0, "source", "executes code computed at run time", 2 },
};

/* True when tokens [i, end) are one or more plain string literals (no f-
 * or t-strings). */
static bool is_literal(const struct rule_tokens *t, uint32_t i, uint32_t end)
{
	if (i >= end)
		return false;
	for (; i < end; i++) {
		const struct lex_token *tok = rule_tok(t, i);
		if (tok->kind != TK_STRING || (tok->flags & (LEX_STR_F | LEX_STR_T)))
			return false;
	}
	return true;
}

/* Finds the checked argument of the call whose '(' is at lpar: *literal
 * tells whether it is a literal; returns false when the call has no such
 * argument (or unpacks *args / **kwargs, which counts as computed). */
static bool argument(const struct rule_tokens *t, uint32_t lpar, const struct target *tg,
		     bool *literal)
{
	uint32_t close = rule_tok(t, lpar)->match;
	if (close <= lpar)
		return false;
	unsigned pos = 0;
	uint32_t i = lpar + 1;
	while (i < close) {
		uint32_t start = i;
		while (i < close && rule_tok(t, i)->kind != TK_COMMA) {
			const struct lex_token *tok = rule_tok(t, i);
			i = (tok->kind == TK_LPAR || tok->kind == TK_LSQB || tok->kind == TK_LBRACE) &&
					    tok->match > i
				    ? tok->match + 1
				    : i + 1;
		}
		uint32_t end = i;
		i++; /* the comma */
		if (start == end)
			continue;
		uint16_t k0 = rule_tok(t, start)->kind;
		if (k0 == TK_STAR || k0 == TK_DOUBLESTAR) {
			*literal = false;
			return true;
		}
		if (k0 == TK_NAME && start + 1 < end && rule_tok(t, start + 1)->kind == TK_EQUAL) {
			if (rule_tok_is(t, start, tg->keyword)) {
				*literal = is_literal(t, start + 2, end);
				return true;
			}
			continue;
		}
		if (pos++ == tg->arg) {
			*literal = is_literal(t, start, end);
			return true;
		}
	}
	return false;
}

static void check_file(const struct rule_ctx *ctx, const struct analysis_file *f,
		       struct diag_list *out)
{
	struct rule_tokens t;
	if (rule_tokens_load(&t, f->path) < 0) {
		rule_tokens_release(&t);
		return;
	}
	struct rule_imports imports;
	rule_imports_init(&imports, f);
	struct buf dotted = BUF_INIT, callee = BUF_INIT;
	uint32_t n = (uint32_t)t.lex.tokens.len;
	for (uint32_t i = 0; i < n; i++) {
		if (rule_tok(&t, i)->kind != TK_NAME || (i && rule_tok(&t, i - 1)->kind == TK_DOT) ||
		    (i && rule_tok(&t, i - 1)->kind == TK_KW_DEF))
			continue;
		uint32_t j = i;
		buf_clear(&dotted);
		rule_tok_dotted(&t, &j, &dotted);
		if (j >= n || rule_tok(&t, j)->kind != TK_LPAR) {
			i = j - 1;
			continue;
		}
		buf_clear(&callee);
		bool bound = rule_imports_qualify(&imports, buf_slice(&dotted), &callee);
		const struct target *tg = NULL;
		for (size_t k = 0; k < sizeof targets / sizeof targets[0] && !tg; k++) {
			bool builtin = !strchr(targets[k].callee, '.');
			if (!strcmp(callee.ptr, targets[k].callee) && (bound || builtin))
				tg = &targets[k];
		}
		bool literal = true;
		if (tg && argument(&t, j, tg, &literal) && !literal) {
			const struct lex_token *tok = rule_tok(&t, i);
			int line = (int)lex_line(&t.lex, tok->start);
			int col = (int)lex_char_col(&t.lex, tok->start);
			struct diag *d = diag_add(out, RULE, rule_severity(RULE_DYNAMIC_IMPORT), f->display,
						  line, col, "'%s()'%s%s%s %s, so what runs cannot be known before it runs",
						  dotted.ptr, bound && strcmp(dotted.ptr, callee.ptr) ? " ('" : "",
						  bound && strcmp(dotted.ptr, callee.ptr) ? callee.ptr : "",
						  bound && strcmp(dotted.ptr, callee.ptr) ? "')" : "", tg->what);
			diag_set_end(d, line, col + (int)dotted.len);
			diag_set_fix(out, d, "%s", fixes[tg->fix]);
		}
		i = j - 1;
	}
	buf_release(&dotted);
	buf_release(&callee);
	rule_imports_release(&imports);
	rule_tokens_release(&t);
	(void)ctx;
}

int rule_dynamic_import(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (!f->read_error)
			check_file(ctx, f, out);
	}
	return 0;
}
