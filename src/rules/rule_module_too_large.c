/* module-too-large: a module longer than max-lines (default 500) or with
 * more top-level definitions than max-definitions (default 0: no limit). */
#include "rules/content.h"

#define RULE "module-too-large"

/* Lines as an editor counts them: a last line without a newline counts. */
static long count_lines(const char *p, size_t n)
{
	long lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += p[i] == '\n';
	if (n && p[n - 1] != '\n')
		lines++;
	return lines;
}

int rule_module_too_large(const struct rule_ctx *ctx, struct diag_list *out)
{
	long max_lines = rule_option_int(ctx, RULE, "max-lines", 500);
	long max_defs = rule_option_int(ctx, RULE, "max-definitions", 0);
	const struct analysis *a = ctx->analysis;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error)
			continue;
		struct fs_file data;
		struct buf err = BUF_INIT;
		int rc = fs_read_file(f->path, &data, &err);
		buf_release(&err);
		if (rc < 0)
			continue;
		long lines = count_lines(data.ptr, data.len);
		fs_file_release(&data);
		if (max_lines > 0 && lines > max_lines) {
			struct diag *d = diag_add(out, RULE, rule_severity(RULE_MODULE_TOO_LARGE), f->display, 0, 0,
						  "module has %ld lines, more than max-lines (%ld)",
						  lines, max_lines);
			diag_set_fix(out, d, "split it by responsibility into smaller modules");
		}
		if (max_defs > 0) {
			long defs = 0;
			for (size_t k = 0; k < f->facts.nbindings; k++) {
				enum scan_binding_kind bk = f->facts.bindings[k].kind;
				defs += bk == SCAN_BIND_DEF || bk == SCAN_BIND_CLASS;
			}
			if (defs > max_defs) {
				struct diag *d = diag_add(out, RULE, rule_severity(RULE_MODULE_TOO_LARGE), f->display, 0, 0,
							  "module has %ld top-level functions and classes, more than max-definitions (%ld)",
							  defs, max_defs);
				diag_set_fix(out, d, "split it by responsibility into smaller modules");
			}
		}
	}
	return 0;
}
