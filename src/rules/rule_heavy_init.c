/* heavy-init: a package __init__.py that eagerly (module level, no guard)
 * imports more of its own submodules than max-submodule-imports (default
 * 2: re-exporting a small public API from one or two submodules is common
 * and cheap), or that holds logic: more than max-logic-statements (default
 * 0) module-level statements besides the docstring, imports, assignments,
 * `if TYPE_CHECKING:` / try-import blocks and a PEP 562 `def __getattr__`
 * or `def __dir__` (the lazy-loading fix this rule suggests). */
#include "rules/content.h"

#include <string.h>

#define RULE "heavy-init"

/* Adds to subs (a map used as a set, keys in arena) the direct child of
 * package pkg that module name lies in ("pkg.a" for "pkg.a.b.c"). */
static void add_child(struct map *subs, struct arena *arena, const char *pkg, const char *name)
{
	size_t n = strlen(pkg);
	if (strncmp(name, pkg, n) || name[n] != '.')
		return;
	const char *start = name + n + 1, *dot = strchr(start, '.');
	size_t len = dot ? (size_t)(dot - name) : strlen(name);
	struct slice key = arena_slice(arena, slice_make(name, len));
	map_put(subs, key, (void *)1);
}

/* Counts the submodules f (a package __init__) imports eagerly; *first is
 * the first such import. */
static size_t submodule_imports(const struct rule_ctx *ctx, const struct map *modules,
				const struct analysis_file *f, const struct scan_import **first)
{
	struct map subs;
	struct arena arena;
	map_init(&subs);
	arena_init(&arena);
	struct buf base = BUF_INIT, full = BUF_INIT;
	*first = NULL;
	for (size_t i = 0; i < f->facts.nimports; i++) {
		const struct scan_import *imp = &f->facts.imports[i];
		if (imp->scope != SCAN_SCOPE_MODULE || imp->nguards ||
		    (imp->kind != SCAN_IMPORT && imp->kind != SCAN_FROM))
			continue;
		size_t before = subs.count;
		if (imp->kind == SCAN_IMPORT) {
			for (uint32_t k = 0; k < imp->nnames; k++) {
				buf_clear(&full);
				buf_addsl(&full, imp->names[k].name);
				add_child(&subs, &arena, f->module, full.ptr);
			}
		} else {
			buf_clear(&base);
			if (rule_import_target(f, imp, imp->module, &base) < 0)
				continue;
			if (!strcmp(base.ptr, f->module)) {
				/* from . import a, b: the names that are submodules */
				for (uint32_t k = 0; k < imp->nnames; k++) {
					buf_clear(&full);
					buf_addf(&full, "%s.", base.ptr);
					buf_addsl(&full, imp->names[k].name);
					bool is_mod = map_get(modules, buf_slice(&full)) != NULL;
					if (!is_mod && ctx->find) {
						const struct find_spec *sp = find_module(ctx->find, full.ptr, NULL);
						is_mod = sp && sp->found;
					}
					if (is_mod)
						add_child(&subs, &arena, f->module, full.ptr);
				}
			} else {
				add_child(&subs, &arena, f->module, base.ptr);
			}
		}
		if (subs.count > before && !*first)
			*first = imp;
	}
	size_t count = subs.count;
	buf_release(&base);
	buf_release(&full);
	map_release(&subs);
	arena_release(&arena);
	return count;
}

static bool is_lazy_hook(const struct rule_tokens *t, const struct rule_stmt *s)
{
	uint32_t i = s->first;
	if (rule_tok(t, i)->kind == TK_KW_ASYNC)
		i++;
	return rule_tok(t, i)->kind == TK_KW_DEF &&
	       (rule_tok_is(t, i + 1, "__getattr__") || rule_tok_is(t, i + 1, "__dir__"));
}

static const char *stmt_word(const struct rule_tokens *t, const struct rule_stmt *s)
{
	uint16_t k = rule_tok(t, s->first)->kind;
	if (k == TK_NAME || k == TK_LPAR || k == TK_LSQB)
		return "an expression statement";
	if (k == TK_AT)
		return "a decorated definition";
	return NULL;
}

static void check_logic(const struct rule_ctx *ctx, const struct analysis_file *f, long max,
			struct diag_list *out)
{
	struct rule_tokens t;
	if (rule_tokens_load(&t, f->path) < 0) {
		rule_tokens_release(&t);
		return;
	}
	size_t count = 0;
	const struct rule_stmt *first = NULL;
	for (size_t i = 0; i < t.stmts.len; i++) {
		const struct rule_stmt *s = &t.stmts.ptr[i];
		enum rule_line_kind lk = rule_line_kind(&t, s->first);
		if (lk == RULE_LINE_IMPORT || lk == RULE_LINE_ASSIGN || lk == RULE_LINE_DUNDER ||
		    lk == RULE_LINE_PASS || (lk == RULE_LINE_STRING && i == 0))
			continue;
		if (rule_stmt_is_import_block(&t, s) || is_lazy_hook(&t, s))
			continue;
		if (!first)
			first = s;
		count++;
	}
	if (first && count > (size_t)max) {
		const struct lex_token *tok = rule_tok(&t, first->first);
		int line = (int)lex_line(&t.lex, tok->start), col = (int)lex_char_col(&t.lex, tok->start);
		const char *word = stmt_word(&t, first);
		struct buf w = BUF_INIT;
		if (word)
			buf_adds(&w, word);
		else
			buf_addf(&w, "a '%.*s' statement", (int)(tok->end - tok->start), t.lex.src + tok->start);
		struct diag *d = diag_add(out, RULE, rule_severity(RULE_HEAVY_INIT), f->display, line, col,
					  "package __init__ of '%s' holds logic: %zu statement%s besides imports and assignments, the first %s",
					  f->module, count, count == 1 ? "" : "s", w.ptr);
		diag_set_fix(out, d, "move the code into a submodule and keep __init__.py to imports and constants");
		buf_release(&w);
	}
	(void)ctx;
	rule_tokens_release(&t);
}

int rule_heavy_init(const struct rule_ctx *ctx, struct diag_list *out)
{
	long max_imports = rule_option_int(ctx, RULE, "max-submodule-imports", 2);
	long max_logic = rule_option_int(ctx, RULE, "max-logic-statements", 0);
	const struct analysis *a = ctx->analysis;
	struct map modules;
	rule_module_map(a, &modules);
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (!f->package || !f->module || f->read_error)
			continue;
		const struct scan_import *first;
		size_t n = submodule_imports(ctx, &modules, f, &first);
		if (first && n > (size_t)max_imports) {
			int col = rule_file_col(ctx, f, first->line, first->col);
			struct diag *d = diag_add(out, RULE, rule_severity(RULE_HEAVY_INIT), f->display,
						  (int)first->line, col,
						  "package __init__ of '%s' eagerly imports %zu of its submodules (more than max-submodule-imports, %ld), so importing any one of them runs them all",
						  f->module, n, max_imports);
			diag_set_fix(out, d, "import submodules where they are used, or load them lazily with a module-level __getattr__ (PEP 562)");
		}
		if (max_logic >= 0)
			check_logic(ctx, f, max_logic, out);
	}
	map_release(&modules);
	return 0;
}
