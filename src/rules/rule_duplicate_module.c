/* duplicate-module: one file imported under two module names, so it runs
 * twice and its two module objects disagree (two copies of every class,
 * every global, every registry).
 *
 * Two ways (docs/check.md):
 * - nested source roots: a file below two sys.path entries (src and the
 *   project root) is `pkg.mod` from one and `src.pkg.mod` from the other;
 *   reported at every import that uses a name other than the file's own
 *   (the name from the most specific root);
 * - a script imported back: a file with an `if __name__ == "__main__":`
 *   block runs as '__main__'; when the modules it imports import it back
 *   (it is in an import cycle), importlib finds no module of its name in
 *   sys.modules and runs the file a second time.  Reported at the imports
 *   that close the cycle. */
#include "rules/internal.h"

#include <string.h>

#include "graph/cycles.h"

static void nested_roots(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	const struct graph *g = &a->graph;
	for (uint32_t n = 0; n < graph_node_count(g); n++) {
		const struct graph_node *node = &g->nodes.ptr[n];
		if (node->kind != GRAPH_NODE_LOCAL || !node->file)
			continue;
		const struct analysis_file *f = rule_file_by_display(a, node->file);
		if (!f || !f->module || !strcmp(f->module, node->name.ptr))
			continue;
		for (uint32_t i = graph_in_begin(g, n); i < graph_in_end(g, n); i++) {
			const struct graph_edge *e = &g->edges.ptr[g->in_edges[i]];
			if ((e->kinds & GRAPH_EDGE_PARENT) || !e->file)
				continue;
			struct diag *d = diag_add(out, "duplicate-module", DIAG_WARNING, e->file,
						  (int)e->line, rule_col_at(ctx, e->file, e->line, e->col),
						  "'%s' is imported as '%s' here but is module '%s' elsewhere: "
						  "the file runs twice, as two modules", f->display,
						  node->name.ptr, f->module);
			diag_add_note(out, d, f->display, 0, 0,
				      "the file is below two entries of sys.path (nested source roots)");
			diag_set_fix(out, d, "import it as '%s', and keep only one of the nested "
				     "folders on sys.path", f->module);
		}
	}
}

static void scripts_imported_back(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	const struct graph *g = &a->graph;
	struct graph_sccs sccs;
	graph_sccs_find(&sccs, g, GRAPH_MASK_DEFAULT);
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (!f->module || f->read_error || !rule_file_has_main_guard(ctx, f))
			continue;
		int64_t n = graph_find(g, slice_cstr(f->module));
		if (n < 0)
			continue;
		uint32_t comp = sccs.comp[n];
		for (uint32_t k = graph_in_begin(g, (uint32_t)n); k < graph_in_end(g, (uint32_t)n); k++) {
			const struct graph_edge *e = &g->edges.ptr[g->in_edges[k]];
			if (!graph_kinds_match(e->kinds, GRAPH_MASK_DEFAULT) || sccs.comp[e->from] != comp ||
			    e->from == (uint32_t)n || !e->file)
				continue;
			struct diag *d = diag_add(out, "duplicate-module", DIAG_WARNING, e->file,
						  (int)e->line, rule_col_at(ctx, e->file, e->line, e->col),
						  "'%s' imports '%s', which is also run as a script: run that "
						  "way, the file executes twice (as '__main__' and as '%s')",
						  g->nodes.ptr[e->from].name.ptr, f->module, f->module);
			diag_add_note(out, d, f->display, 0, 0,
				      "this file has an 'if __name__ == \"__main__\"' block and the "
				      "modules it imports import it back");
			diag_set_fix(out, d, "move the code both need out of '%s' into a module of its "
				     "own, and keep the script a thin entry point", f->module);
		}
	}
	graph_sccs_release(&sccs);
}

int rule_duplicate_module(const struct rule_ctx *ctx, struct diag_list *out)
{
	nested_roots(ctx, out);
	scripts_imported_back(ctx, out);
	return 0;
}
