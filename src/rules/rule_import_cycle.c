/* import-cycle: modules that import each other at import time.  The graph
 * (eager imports and the parent packages they run, GRAPH_MASK_DEFAULT) is
 * cut into strongly connected components; each non-trivial one is one
 * finding, at the first import of its shortest cycle, with that cycle and
 * the imports to cut as notes.  A cycle whose execution crashes is
 * import-cycle-crash's business; this rule reports the others, where
 * the simulator predicts no crash from any entry (rule_cycle_crashes). */
#include "rules/internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#include "graph/cycles.h"

static void edge_note(const struct rule_ctx *ctx, struct diag_list *out, struct diag *d,
		      const struct graph *g, uint32_t e, const char *prefix)
{
	const struct graph_edge *ed = &g->edges.ptr[e];
	diag_add_note(out, d, ed->file, (int)ed->line,
		      ed->file ? rule_col_at(ctx, ed->file, ed->line, ed->col) : 0,
		      "%s'%s' imports '%s'%s", prefix, g->nodes.ptr[ed->from].name.ptr,
		      g->nodes.ptr[ed->to].name.ptr,
		      (ed->kinds & GRAPH_EDGE_PARENT) ? " (a parent package it runs)" : "");
}

int rule_import_cycle(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct graph *g = &ctx->analysis->graph;
	struct graph_cycles c;
	struct graph_cycles_options opts = { .mask = GRAPH_MASK_DEFAULT };
	graph_cycles_find(&c, g, &opts);
	bool *crashed = xcalloc(c.comps.len ? c.comps.len : 1, sizeof(bool));
	rule_cycle_crashes(ctx, &c, crashed, NULL);
	struct buf chain = BUF_INIT;
	for (size_t i = 0; i < c.comps.len; i++) {
		const struct graph_cycle *cy = &c.comps.ptr[i];
		if (!cy->cycle_len || crashed[i])
			continue;
		const struct graph_edge *first = &g->edges.ptr[cy->cycle[0]];
		buf_clear(&chain);
		for (size_t k = 0; k < cy->cycle_len; k++)
			buf_addf(&chain, "'%s' -> ", g->nodes.ptr[g->edges.ptr[cy->cycle[k]].from].name.ptr);
		buf_addf(&chain, "'%s'", g->nodes.ptr[first->from].name.ptr);
		struct diag *d;
		if (cy->size == 1)
			d = diag_add(out, "import-cycle", DIAG_NOTE, first->file, (int)first->line,
				     rule_col_at(ctx, first->file, first->line, first->col),
				     "module '%s' imports itself", g->nodes.ptr[first->from].name.ptr);
		else
			d = diag_add(out, "import-cycle", DIAG_NOTE, first->file, (int)first->line,
				     rule_col_at(ctx, first->file, first->line, first->col),
				     "import cycle of %zu modules: %s", cy->size, chain.ptr);
		for (size_t k = 0; k < cy->cycle_len; k++)
			edge_note(ctx, out, d, g, cy->cycle[k], "");
		if (cy->cut_len && (cy->cycle_len < cy->size || cy->cut_pairs > 1 || cy->size > 2)) {
			for (size_t k = 0; k < cy->cut_len; k++)
				edge_note(ctx, out, d, g, cy->cut[k], cy->cut_len == 1 ? "cut this import: "
										  : "cut: ");
			diag_set_fix(out, d, "cut the %zu import%s noted above (move %s into the function "
				     "that needs it, or move the shared code into a module both sides "
				     "import)", cy->cut_len, cy->cut_len == 1 ? "" : "s",
				     cy->cut_len == 1 ? "it" : "them");
		} else {
			diag_set_fix(out, d, "cut one of these imports: move it into the function that "
				     "needs it, or move the shared code into a module both sides import");
		}
	}
	buf_release(&chain);
	free(crashed);
	graph_cycles_release(&c);
	return 0;
}
