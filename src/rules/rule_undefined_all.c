/* undefined-all: a name listed in a literal __all__ that the module never
 * binds at module level and that is not one of its submodules, so
 * `from m import *` raises AttributeError. */
#include "rules/content.h"

#include <string.h>

#define RULE "undefined-all"

/* Where name is written as a string literal from line on (1-based line and
 * character column), or the __all__ line itself. */
static void locate(const struct rule_ctx *ctx, const struct analysis_file *f, uint32_t from,
		   struct slice name, int *line, int *col)
{
	*line = (int)from;
	*col = 1;
	if (!ctx->sources)
		return;
	for (int l = (int)from; l < (int)from + 2000; l++) {
		struct slice text;
		if (diag_sources_line(ctx->sources, f->display, l, &text) < 0)
			return;
		for (size_t i = 0; i + name.len + 2 <= text.len; i++) {
			char q = text.ptr[i];
			if ((q == '\'' || q == '"') && text.ptr[i + name.len + 1] == q &&
			    !memcmp(text.ptr + i + 1, name.ptr, name.len)) {
				*line = l;
				*col = diag_char_col(text.ptr, i);
				return;
			}
		}
	}
}

static bool is_submodule(const struct rule_ctx *ctx, const struct map *modules,
			 const struct analysis_file *f, struct slice name)
{
	if (!f->package || !f->module)
		return false;
	struct buf full = BUF_INIT;
	buf_addf(&full, "%s.", f->module);
	buf_addsl(&full, name);
	bool found = map_get(modules, buf_slice(&full)) != NULL;
	if (!found && ctx->find) {
		const struct find_spec *spec = find_module(ctx->find, full.ptr, NULL);
		found = spec && spec->found;
	}
	buf_release(&full);
	return found;
}

static void check_file(const struct rule_ctx *ctx, const struct map *modules,
		       const struct analysis_file *f, struct diag_list *out)
{
	const struct scan_facts *facts = &f->facts;
	if (!facts->has_all || facts->has_getattr)
		return;
	struct map bound;
	map_init(&bound);
	VEC(struct rule_star) stars = VEC_INIT;
	bool unknown = false;
	uint32_t all_line = 0;
	for (size_t i = 0; i < facts->nbindings; i++) {
		const struct scan_binding *b = &facts->bindings[i];
		if (!all_line && slice_eq_cstr(b->name, "__all__"))
			all_line = b->line;
		if (slice_eq_cstr(b->name, "*"))
			continue;
		/* del (and the implicit del of `except E as n`) unbinds;
		 * a later binding binds again */
		if (b->kind == SCAN_BIND_DEL || b->kind == SCAN_BIND_EXCEPT)
			map_put(&bound, b->name, NULL);
		else
			map_put(&bound, b->name, (void *)1);
	}
	/* Names a star import brings are bound too; one that cannot be
	 * expanded makes every name possibly bound. */
	for (size_t i = 0; i < facts->nimports && !unknown; i++) {
		const struct scan_import *imp = &facts->imports[i];
		if (imp->kind != SCAN_FROM && imp->kind != SCAN_LAZY_FROM)
			continue;
		for (uint32_t k = 0; k < imp->nnames; k++) {
			if (!slice_eq_cstr(imp->names[k].name, "*"))
				continue;
			struct buf target = BUF_INIT;
			if (rule_import_target(f, imp, imp->module, &target) < 0) {
				unknown = true;
				buf_release(&target);
				break;
			}
			struct rule_star *st = vec_push_zero(&stars);
			rule_star_names(ctx, modules, target.ptr, st);
			buf_release(&target);
			if ((st->status != RULE_STAR_ALL && st->status != RULE_STAR_PUBLIC) ||
			    st->nested_star) {
				unknown = true;
				break;
			}
			for (size_t j = 0; j < st->names.len; j++)
				map_put(&bound, slice_cstr(st->names.ptr[j]), (void *)1);
		}
	}
	for (size_t i = 0; i < facts->nall && !unknown; i++) {
		struct slice name = facts->all[i];
		if (map_get(&bound, name) || is_submodule(ctx, modules, f, name))
			continue;
		int line, col;
		locate(ctx, f, all_line ? all_line : 1, name, &line, &col);
		struct diag *d = diag_add(out, RULE, rule_severity(RULE_UNDEFINED_ALL), f->display,
					  line, col, "undefined name '%.*s' in __all__", (int)name.len,
					  name.ptr);
		diag_set_end(d, line, col + (int)name.len + 2);
		if (f->module)
			diag_add_note(out, d, NULL, 0, 0,
				      "'from %s import *' raises AttributeError: module '%s' has no attribute '%.*s'",
				      f->module, f->module, (int)name.len, name.ptr);
		diag_set_fix(out, d, "define '%.*s' in the module or remove it from __all__",
			     (int)name.len, name.ptr);
	}
	for (size_t i = 0; i < stars.len; i++)
		rule_star_release(&stars.ptr[i]);
	vec_release(&stars);
	map_release(&bound);
}

int rule_undefined_all(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	struct map modules;
	rule_module_map(a, &modules);
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (rule_file_ok(f))
			check_file(ctx, &modules, f, out);
	}
	map_release(&modules);
	return 0;
}
