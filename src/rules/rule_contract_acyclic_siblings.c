/* contract-acyclic-siblings: the direct children of each listed package,
 * each taken with everything below it, must not depend on each other in a
 * cycle.  The imports between children are collapsed into a graph of the
 * children; each strongly connected component is one finding, at the first
 * import of its shortest cycle, with the cycle and the imports to cut. */
#include "rules/contract_util.h"

#include <string.h>

#include "graph/cycles.h"

/* The child of package that name is (or is below), written to out. */
static bool child_of(const char *name, const char *package, struct buf *out)
{
	size_t n = strlen(package);
	if (strncmp(name, package, n) || name[n] != '.')
		return false;
	const char *start = name + n + 1;
	const char *dot = strchr(start, '.');
	buf_clear(out);
	buf_add(out, name, dot ? (size_t)(dot - name) : strlen(name));
	return true;
}

static void one_package(const struct rule_ctx *ctx, struct diag_list *out, const struct contract *c,
			const char *package)
{
	const struct graph *g = &ctx->analysis->graph;
	struct graph sub;
	graph_init(&sub);
	struct buf a = BUF_INIT, b = BUF_INIT;
	for (size_t i = 0; i < graph_edge_count(g); i++) {
		const struct graph_edge *e = &g->edges.ptr[i];
		if (!contract_edge_counts(c, g, e) ||
		    !child_of(g->nodes.ptr[e->from].name.ptr, package, &a) ||
		    !child_of(g->nodes.ptr[e->to].name.ptr, package, &b) || !strcmp(a.ptr, b.ptr))
			continue;
		graph_add_edge(&sub, buf_slice(&a), buf_slice(&b), e->file, e->line, e->col,
			       GRAPH_EDGE_EAGER);
	}
	graph_freeze(&sub);
	struct graph_cycles cy;
	struct graph_cycles_options opts = { .mask = GRAPH_EDGE_EAGER };
	graph_cycles_find(&cy, &sub, &opts);
	struct buf msg = BUF_INIT;
	for (size_t k = 0; k < cy.comps.len; k++) {
		const struct graph_cycle *comp = &cy.comps.ptr[k];
		if (!comp->cycle_len)
			continue;
		buf_clear(&msg);
		buf_addf(&msg, "subpackages of '%s' depend on each other in a cycle: ", package);
		for (size_t i = 0; i < comp->cycle_len; i++)
			buf_addf(&msg, "'%s' -> ", sub.nodes.ptr[sub.edges.ptr[comp->cycle[i]].from].name.ptr);
		buf_addf(&msg, "'%s'", sub.nodes.ptr[sub.edges.ptr[comp->cycle[0]].from].name.ptr);
		struct diag *d = contract_report(ctx, out, "contract-acyclic-siblings", c,
						 &sub.edges.ptr[comp->cycle[0]], msg.ptr);
		for (size_t i = 0; i < comp->cycle_len; i++) {
			const struct graph_edge *e = &sub.edges.ptr[comp->cycle[i]];
			diag_add_note(out, d, e->file, (int)e->line, rule_col_at(ctx, e->file, e->line, e->col),
				      "'%s' depends on '%s' here", sub.nodes.ptr[e->from].name.ptr,
				      sub.nodes.ptr[e->to].name.ptr);
		}
		for (size_t i = 0; i < comp->cut_len; i++) {
			const struct graph_edge *e = &sub.edges.ptr[comp->cut[i]];
			diag_add_note(out, d, e->file, (int)e->line, rule_col_at(ctx, e->file, e->line, e->col),
				      "cut: '%s' -> '%s'", sub.nodes.ptr[e->from].name.ptr,
				      sub.nodes.ptr[e->to].name.ptr);
		}
		diag_set_fix(out, d, "cut the imports noted 'cut', so the subpackages of '%s' form "
			     "layers", package);
	}
	buf_release(&msg);
	graph_cycles_release(&cy);
	graph_release(&sub);
	buf_release(&a);
	buf_release(&b);
}

int rule_contract_acyclic_siblings(const struct rule_ctx *ctx, struct diag_list *out)
{
	struct contract_set cs;
	if (contract_rule_load(ctx, &cs) == 0)
		for (size_t k = 0; k < cs.items.len; k++) {
			const struct contract *c = &cs.items.ptr[k];
			if (c->kind != CONTRACT_ACYCLIC_SIBLINGS)
				continue;
			for (size_t p = 0; p < c->a.len; p++)
				one_package(ctx, out, c, c->a.items[p].name);
		}
	contract_set_release(&cs);
	return 0;
}
