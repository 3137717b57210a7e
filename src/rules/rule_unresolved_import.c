/* unresolved-import: an import that runs unguarded and names a module none
 * of the finders CPython consults would find (importlib._bootstrap
 * _find_and_load raising ModuleNotFoundError "No module named 'x'").
 *
 * Reported (docs/check.md): imports at module, class or function level,
 * also under `if __name__ == "__main__":`.  Not reported: imports in a try
 * whose handlers catch ImportError (an optional dependency), in an except
 * body (a fallback), under any other `if` (platform and version switches
 * name modules that exist only elsewhere), under `if TYPE_CHECKING:` (never
 * executed), dynamic imports, and relative imports that go beyond the
 * top-level package or have no parent package (the relative-import rules
 * report those).  For `from m import x` only m is resolved: x may be any
 * name m defines. */
#include "graph/analysis.h"
#include "rules/internal.h"

#include <string.h>

static bool reported(const struct scan_import *imp)
{
	/* __main__ is always in sys.modules: importing it finds no spec but
	 * never fails. */
	if (imp->kind == SCAN_DYNAMIC ||
	    (imp->nnames && slice_eq_cstr(imp->names[0].name, "__main__")) ||
	    slice_eq_cstr(imp->module, "__main__"))
		return false;
	for (uint32_t g = 0; g < imp->nguards; g++) {
		const struct scan_guard *guard = imp->guards[g];
		switch (guard->kind) {
		case SCAN_GUARD_MAIN:
			break;
		case SCAN_GUARD_TRY:
			if (analysis_catches_import_error(guard))
				return false;
			break;
		case SCAN_GUARD_EXCEPT:
		case SCAN_GUARD_TYPE_CHECKING:
		case SCAN_GUARD_IF:
			return false;
		}
	}
	return true;
}

/* Mirrors _find_and_load_unlocked's messages: the first missing prefix of
 * name, and "; 'p' is not a package" when its parent is a plain module. */
static void report(const struct rule_ctx *ctx, struct diag_list *out,
		   const struct analysis_file *f, const struct scan_import *imp, const char *name)
{
	struct buf missing = BUF_INIT, parent = BUF_INIT;
	bool not_package = false;
	buf_adds(&missing, name);
	for (const char *dot = strchr(name, '.'); dot; dot = strchr(dot + 1, '.')) {
		buf_clear(&parent);
		buf_add(&parent, name, (size_t)(dot - name));
		const struct find_spec *ps = find_module(ctx->find, parent.ptr, NULL);
		if (ps->found && ps->is_package)
			continue;
		buf_clear(&missing);
		if (ps->found) {
			/* parent is a module: the next part cannot be found in it. */
			const char *next = strchr(dot + 1, '.');
			buf_add(&missing, name, next ? (size_t)(next - name) : strlen(name));
			not_package = true;
		} else {
			buf_addsl(&missing, buf_slice(&parent));
			buf_clear(&parent);
		}
		break;
	}
	struct diag *d;
	if (not_package)
		d = diag_add(out, "unresolved-import", DIAG_ERROR, f->display, (int)imp->line,
			     rule_col_at(ctx, f->display, imp->line, imp->col),
			     "no module named '%s'; '%s' is not a package", missing.ptr, parent.ptr);
	else
		d = diag_add(out, "unresolved-import", DIAG_ERROR, f->display, (int)imp->line,
			     rule_col_at(ctx, f->display, imp->line, imp->col),
			     "no module named '%s'", missing.ptr);
	if (strcmp(missing.ptr, name))
		diag_add_note(out, d, NULL, 0, 0, "the import names '%s'", name);
	if (!strchr(missing.ptr, '.'))
		diag_set_fix(out, d, "install the distribution that provides '%s', add its folder to "
			     "the source roots, or fix the name", missing.ptr);
	else
		diag_set_fix(out, d, "fix the name, or guard the import with try/except ImportError");
	buf_release(&missing);
	buf_release(&parent);
}

int rule_unresolved_import(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	struct buf name = BUF_INIT;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error)
			continue;
		for (size_t k = 0; k < f->facts.nimports; k++) {
			const struct scan_import *imp = &f->facts.imports[k];
			if (!reported(imp))
				continue;
			if (imp->kind == SCAN_IMPORT || imp->kind == SCAN_LAZY_IMPORT) {
				for (uint32_t n = 0; n < imp->nnames; n++) {
					buf_clear(&name);
					buf_addsl(&name, imp->names[n].name);
					const struct find_spec *spec = find_module(ctx->find, name.ptr, NULL);
					if (!spec->found) {
						report(ctx, out, f, imp, name.ptr);
						break; /* one finding per statement */
					}
				}
				continue;
			}
			buf_clear(&name);
			if (imp->level) {
				struct slice m = imp->module.ptr ? imp->module : slice_make("", 0);
				if (!f->module ||
				    analysis_resolve_relative(f->module, f->package, imp->level, m, &name) < 0)
					continue;
			} else {
				buf_addsl(&name, imp->module);
			}
			const struct find_spec *spec = find_module(ctx->find, name.ptr, NULL);
			if (!spec->found)
				report(ctx, out, f, imp, name.ptr);
		}
	}
	buf_release(&name);
	return 0;
}
