/* contract-public-interface: code outside a listed package imports only its
 * public interface: the package itself and the names it exports.  The
 * exports are the package's literal __all__ when its __init__.py has one,
 * else every name its __init__.py binds that does not start with '_'.  A
 * submodule is public when its name is exported; so is everything below
 * it.  Reported: `import pkg.internal`, `from pkg.internal import x`,
 * `from pkg import name` with a name not exported. */
#include "rules/contract_util.h"

#include <string.h>

static bool exported(const struct analysis_file *init, struct slice name)
{
	if (!init)
		return name.len && name.ptr[0] != '_';
	if (init->facts.has_all) {
		for (size_t i = 0; i < init->facts.nall; i++)
			if (slice_eq(init->facts.all[i], name))
				return true;
		return false;
	}
	if (!name.len || name.ptr[0] == '_')
		return false;
	for (size_t i = 0; i < init->facts.nbindings; i++)
		if (slice_eq(init->facts.bindings[i].name, name))
			return true;
	return false;
}

/* For module name target strictly below package: is its first part below
 * package exported?  Writes that part to part. */
static bool public_below(const struct analysis_file *init, const char *package, const char *target,
			 struct buf *part)
{
	const char *start = target + strlen(package) + 1;
	const char *dot = strchr(start, '.');
	buf_clear(part);
	buf_add(part, start, dot ? (size_t)(dot - start) : strlen(start));
	return exported(init, buf_slice(part));
}

static void report(const struct rule_ctx *ctx, struct diag_list *out, const struct contract *c,
		   const struct analysis_file *f, const struct scan_import *imp, uint32_t line,
		   uint32_t col, const char *package, const char *what, bool has_all)
{
	struct graph_edge e = { 0, 0, f->display, line, col, 0 };
	struct buf msg = BUF_INIT;
	buf_addf(&msg, "'%s' imports %s, which is not in the public interface of '%s'", f->module,
		 what, package);
	struct diag *d = contract_report(ctx, out, "contract-public-interface", c, &e, msg.ptr);
	diag_set_fix(out, d, has_all ? "import what '%s' lists in its __all__, or add the name there"
				     : "import the name from '%s' itself, or export it there", package);
	buf_release(&msg);
	(void)imp;
}

static void check_file(const struct rule_ctx *ctx, struct diag_list *out, const struct contract *c,
		       const struct analysis_file *f, struct buf *tmp, struct buf *part)
{
	for (size_t k = 0; k < f->facts.nimports; k++) {
		const struct scan_import *imp = &f->facts.imports[k];
		if (imp->kind == SCAN_DYNAMIC || !graph_kinds_match(analysis_edge_kind(imp), c->mask))
			continue;
		bool from = imp->kind == SCAN_FROM || imp->kind == SCAN_LAZY_FROM;
		uint32_t nn = from ? 1 : imp->nnames;
		for (uint32_t n = 0; n < nn; n++) {
			buf_clear(tmp);
			if (!from) {
				buf_addsl(tmp, imp->names[n].name);
			} else if (imp->level) {
				struct slice m = imp->module.ptr ? imp->module : slice_make("", 0);
				if (analysis_resolve_relative(f->module, f->package, imp->level, m, tmp) < 0)
					continue;
			} else {
				buf_addsl(tmp, imp->module);
			}
			int p = contract_list_find(&c->a, tmp->ptr);
			if (p < 0)
				continue;
			const char *package = c->a.items[p].name;
			if (rule_module_within(f->module, package) ||
			    contract_ignored(c, f->module, tmp->ptr))
				continue;
			const struct analysis_file *init = rule_file_of_module(ctx->analysis, package);
			bool has_all = init && init->facts.has_all;
			if (strcmp(tmp->ptr, package)) {
				if (!public_below(init, package, tmp->ptr, part)) {
					struct buf what = BUF_INIT;
					buf_addf(&what, "'%s'", tmp->ptr);
					report(ctx, out, c, f, imp, imp->line, imp->col, package, what.ptr, has_all);
					buf_release(&what);
				}
				continue;
			}
			/* from package import name, ...: each name must be exported. */
			for (uint32_t i = 0; from && i < imp->nnames; i++) {
				struct slice name = imp->names[i].name;
				if (slice_eq_cstr(name, "*") || exported(init, name))
					continue;
				struct buf what = BUF_INIT;
				buf_addf(&what, "'%.*s' from '%s'", (int)name.len, name.ptr, package);
				report(ctx, out, c, f, imp, imp->names[i].line, imp->names[i].col, package,
				       what.ptr, has_all);
				buf_release(&what);
			}
		}
	}
}

int rule_contract_public_interface(const struct rule_ctx *ctx, struct diag_list *out)
{
	struct contract_set cs;
	struct buf tmp = BUF_INIT, part = BUF_INIT;
	if (contract_rule_load(ctx, &cs) == 0)
		for (size_t k = 0; k < cs.items.len; k++) {
			const struct contract *c = &cs.items.ptr[k];
			if (c->kind != CONTRACT_PUBLIC_INTERFACE)
				continue;
			for (size_t i = 0; i < ctx->analysis->files.len; i++) {
				const struct analysis_file *f = &ctx->analysis->files.ptr[i];
				if (f->module && !f->read_error)
					check_file(ctx, out, c, f, &tmp, &part);
			}
		}
	buf_release(&tmp);
	buf_release(&part);
	contract_set_release(&cs);
	return 0;
}
