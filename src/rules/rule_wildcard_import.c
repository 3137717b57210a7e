/* wildcard-import: `from m import *`, naming the names it binds when they
 * can be known (m's literal __all__, else m's public top-level names). */
#include "rules/content.h"

#include <string.h>

#define RULE "wildcard-import"
#define MAX_NAMES 8

/* "from ..m import *" as written. */
static void statement_text(const struct scan_import *imp, struct buf *out)
{
	buf_adds(out, "from ");
	for (uint32_t i = 0; i < imp->level; i++)
		buf_addc(out, '.');
	if (imp->module.ptr)
		buf_addsl(out, imp->module);
	buf_adds(out, " import *");
}

static void report(const struct rule_ctx *ctx, const struct map *modules,
		   const struct analysis_file *f, const struct scan_import *imp, struct diag_list *out)
{
	struct buf stmt = BUF_INIT, target = BUF_INIT, msg = BUF_INIT;
	statement_text(imp, &stmt);
	int col = rule_file_col(ctx, f, imp->line, imp->col);
	if (rule_import_target(f, imp, imp->module, &target) < 0) {
		diag_add(out, RULE, rule_severity(RULE_WILDCARD_IMPORT), f->display, (int)imp->line,
			 col, "wildcard import '%s' binds names that cannot be known: %s", stmt.ptr,
			 f->module ? "it goes beyond the top-level package"
				   : "the file has no known parent package");
		goto cleanup;
	}
	struct rule_star star;
	rule_star_names(ctx, modules, target.ptr, &star);
	buf_addf(&msg, "wildcard import from '%s' ", target.ptr);
	switch (star.status) {
	case RULE_STAR_ALL:
		buf_addf(&msg, "binds the %zu name%s of its __all__", star.names.len,
			 star.names.len == 1 ? "" : "s");
		if (star.names.len) {
			buf_adds(&msg, ": ");
			rule_quote_names(&msg, star.names.ptr, star.names.len, MAX_NAMES);
		}
		break;
	case RULE_STAR_PUBLIC:
		buf_addf(&msg, "binds %zu name%s", star.names.len, star.names.len == 1 ? "" : "s");
		if (star.names.len) {
			buf_adds(&msg, ": ");
			rule_quote_names(&msg, star.names.ptr, star.names.len, MAX_NAMES);
		}
		if (star.nested_star)
			buf_adds(&msg, ", plus those of its own wildcard imports");
		buf_addf(&msg, "; '%s' has no __all__, so every public name is copied, the names it imports included",
			 target.ptr);
		break;
	case RULE_STAR_DYNAMIC:
		buf_addf(&msg, "binds names that cannot be known: its __all__ is computed");
		break;
	case RULE_STAR_COMPILED:
		buf_addf(&msg, "binds names that cannot be known: '%s' has no Python source", target.ptr);
		break;
	case RULE_STAR_UNRESOLVED:
		buf_addf(&msg, "binds names that cannot be known: no module named '%s'", target.ptr);
		break;
	}
	struct diag *d = diag_add(out, RULE, rule_severity(RULE_WILDCARD_IMPORT), f->display,
				  (int)imp->line, col, "%s", msg.ptr);
	diag_set_end(d, (int)imp->line, col + (int)stmt.len);
	diag_set_fix(out, d, "import the names this module uses from '%s' by name, or import the module itself",
		     target.ptr);
	rule_star_release(&star);
cleanup:
	buf_release(&stmt);
	buf_release(&target);
	buf_release(&msg);
}

static void check_import(const struct rule_ctx *ctx, const struct map *modules,
			 const struct analysis_file *f, const struct scan_import *imp,
			 struct diag_list *out)
{
	for (uint32_t j = 0; j < imp->nnames; j++)
		if (slice_eq_cstr(imp->names[j].name, "*"))
			report(ctx, modules, f, imp, out);
}

int rule_wildcard_import(const struct rule_ctx *ctx, struct diag_list *out)
{
	rule_each_from_import(ctx, out, check_import);
	return 0;
}
