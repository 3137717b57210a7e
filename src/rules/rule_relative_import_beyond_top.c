/* relative-import-beyond-top: a relative import whose level goes above the
 * top-level package of the module holding it.  importlib's
 * _resolve_name raises "attempted relative import beyond top-level package"
 * when package.rsplit('.', level - 1) has fewer than level parts. */
#include "rules/internal.h"

#include <string.h>

int rule_relative_import_beyond_top(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	struct buf tmp = BUF_INIT;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		/* A file with no module name, or a top-level module, has no
		 * parent package at all: relative-import-in-script's case. */
		if (!f->module || f->read_error || (!f->package && !strchr(f->module, '.')))
			continue;
		for (size_t k = 0; k < f->facts.nimports; k++) {
			const struct scan_import *imp = &f->facts.imports[k];
			if (!imp->level || (imp->kind != SCAN_FROM && imp->kind != SCAN_LAZY_FROM))
				continue;
			buf_clear(&tmp);
			struct slice m = imp->module.ptr ? imp->module : slice_make("", 0);
			if (analysis_resolve_relative(f->module, f->package, imp->level, m, &tmp) == 0)
				continue;
			/* _calc___package__: a package is its own __package__. */
			const char *pkg = f->module;
			size_t plen = strlen(pkg);
			if (!f->package)
				plen = (size_t)(strrchr(pkg, '.') - pkg);
			size_t depth = 1;
			for (size_t c = 0; c < plen; c++)
				depth += pkg[c] == '.';
			struct diag *d = diag_add(out, "relative-import-beyond-top", DIAG_ERROR, f->display,
						  (int)imp->line,
						  rule_col_at(ctx, f->display, imp->line, imp->col),
						  "attempted relative import beyond top-level package");
			diag_add_note(out, d, NULL, 0, 0,
				      "'%s' is in package '%.*s', %zu level%s deep; %u dots go %u "
				      "level%s above it", f->module, (int)plen, pkg, depth,
				      depth == 1 ? "" : "s", imp->level, imp->level - (unsigned)depth,
				      imp->level - depth == 1 ? "" : "s");
			diag_set_fix(out, d, "use an absolute import, or fewer dots");
		}
	}
	buf_release(&tmp);
	return 0;
}
