/* stale-import-binding: `from m import x` where the project module m
 * rebinds x after the import has copied it: a function of m declares
 * `global x` and so assigns it when called.  Rebinding at m's module level
 * is not reported: the importer runs `from m import x` after m has finished
 * executing (outside import cycles), so it copies the last value. */
#include "rules/content.h"

#include <string.h>

#define RULE "stale-import-binding"

/* The `global x` binding of x in g, or NULL. */
static const struct scan_binding *global_write(const struct analysis_file *g, struct slice x)
{
	for (size_t i = 0; i < g->facts.nbindings; i++) {
		const struct scan_binding *b = &g->facts.bindings[i];
		if (b->kind == SCAN_BIND_GLOBAL && slice_eq(b->name, x))
			return b;
	}
	return NULL;
}

static void check_import(const struct rule_ctx *ctx, const struct map *modules,
			 const struct analysis_file *f, const struct scan_import *imp,
			 struct diag_list *out)
{
	struct buf base = BUF_INIT, sub = BUF_INIT;
	if (rule_import_target(f, imp, imp->module, &base) < 0)
		goto cleanup;
	const struct analysis_file *g = map_get(modules, buf_slice(&base));
	if (!g || g == f || g->read_error)
		goto cleanup;
	for (uint32_t k = 0; k < imp->nnames; k++) {
		const struct scan_alias *al = &imp->names[k];
		if (slice_eq_cstr(al->name, "*"))
			continue;
		buf_clear(&sub);
		buf_addf(&sub, "%s.", base.ptr);
		buf_addsl(&sub, al->name);
		if (map_get(modules, buf_slice(&sub)))
			continue; /* a submodule, not a name */
		const struct scan_binding *w = global_write(g, al->name);
		if (!w)
			continue;
		int col = rule_file_col(ctx, f, al->line, al->col);
		struct diag *d = diag_add(out, RULE, rule_severity(RULE_STALE_IMPORT_BINDING),
					  f->display, (int)al->line, col,
					  "'%.*s' is copied from '%s', which rebinds it later ('global %.*s' in a function at %s:%u); this module keeps the value it had when imported",
					  (int)al->name.len, al->name.ptr, base.ptr, (int)al->name.len,
					  al->name.ptr, g->display, w->line);
		diag_set_end(d, (int)al->line, col + (int)al->name.len);
		diag_add_note(out, d, g->display, (int)w->line, 0, "'%.*s' is rebound here when the function runs",
			      (int)al->name.len, al->name.ptr);
		diag_set_fix(out, d, "import the module ('import %s') and read '%s.%.*s' where the value is used",
			     base.ptr, base.ptr, (int)al->name.len, al->name.ptr);
	}
cleanup:
	buf_release(&base);
	buf_release(&sub);
}

int rule_stale_import_binding(const struct rule_ctx *ctx, struct diag_list *out)
{
	rule_each_from_import(ctx, out, check_import);
	return 0;
}
