/* relative-import-in-script: a relative import in a file that has no parent
 * package when it runs.  importlib's _sanity_check / _calc___package__
 * give __package__ '' to a script run as `python dir/file.py` and to a
 * top-level module, and _resolve_name then raises "attempted relative
 * import with no known parent package".
 *
 * Which files (docs/check.md): a top-level module (no dot in its name, not
 * a package); a file with no importable name; and a file outside a regular
 * package (its folder has no __init__.py) that is run as a script, i.e.
 * has an `if __name__ == "__main__":` block or lives in a folder named
 * scripts or bin.  A module inside a regular package with a __main__ block
 * is not reported: it is meant to be run with `python -m pkg.mod`. */
#include "rules/internal.h"

#include <string.h>
#include <unistd.h>

static bool in_regular_package(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return false;
	struct buf p = BUF_INIT;
	buf_add(&p, path, (size_t)(slash - path));
	buf_adds(&p, "/__init__.py");
	bool yes = access(p.ptr, F_OK) == 0;
	buf_release(&p);
	return yes;
}

static bool in_script_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return false;
	const char *start = slash;
	while (start > path && start[-1] != '/')
		start--;
	size_t n = (size_t)(slash - start);
	return (n == 7 && !strncmp(start, "scripts", 7)) || (n == 3 && !strncmp(start, "bin", 3));
}

int rule_relative_import_in_script(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error)
			continue;
		size_t first = f->facts.nimports;
		for (size_t k = 0; k < f->facts.nimports && first == f->facts.nimports; k++) {
			const struct scan_import *imp = &f->facts.imports[k];
			if (imp->level && (imp->kind == SCAN_FROM || imp->kind == SCAN_LAZY_FROM))
				first = k;
		}
		if (first == f->facts.nimports)
			continue;
		const char *why;
		if (!f->module)
			why = "the file has no module name on the project's sys.path";
		else if (!f->package && !strchr(f->module, '.'))
			why = "it is a top-level module, outside any package";
		else if (!in_regular_package(f->path) &&
			 (in_script_folder(f->path) || rule_file_has_main_guard(ctx, f)))
			why = "it is run as a script (python FILE), which has no parent package";
		else
			continue;
		for (size_t k = first; k < f->facts.nimports; k++) {
			const struct scan_import *imp = &f->facts.imports[k];
			if (!imp->level || (imp->kind != SCAN_FROM && imp->kind != SCAN_LAZY_FROM))
				continue;
			struct diag *d = diag_add(out, "relative-import-in-script", DIAG_ERROR, f->display,
						  (int)imp->line,
						  rule_col_at(ctx, f->display, imp->line, imp->col),
						  "attempted relative import with no known parent package");
			diag_add_note(out, d, NULL, 0, 0, "%s", why);
			diag_set_fix(out, d, "use an absolute import, or make the folder a package and "
				     "run it with 'python -m package.module'");
		}
	}
	return 0;
}
