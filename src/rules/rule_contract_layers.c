/* contract-layers: in a layers contract (highest first), a module of a
 * lower layer imports a module of a higher layer.  Direct imports are
 * reported; so are indirect chains that leave the lower layer through
 * modules of no layer of the contract and reach a higher layer, with the
 * chain as notes (as import-linter's layers contract). */
#include "rules/contract_util.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static void direct(const struct rule_ctx *ctx, struct diag_list *out, const struct contract *c,
		   struct buf *msg)
{
	const struct graph *g = &ctx->analysis->graph;
	for (size_t i = 0; i < graph_edge_count(g); i++) {
		const struct graph_edge *e = &g->edges.ptr[i];
		if (g->nodes.ptr[e->from].kind != GRAPH_NODE_LOCAL || !contract_edge_counts(c, g, e))
			continue;
		const char *from = g->nodes.ptr[e->from].name.ptr, *to = g->nodes.ptr[e->to].name.ptr;
		int lf = contract_list_find(&c->a, from), lt = contract_list_find(&c->a, to);
		if (lf < 0 || lt < 0 || lf <= lt)
			continue;
		buf_clear(msg);
		buf_addf(msg, "'%s' (layer '%s') imports '%s' of the higher layer '%s'", from,
			 c->a.items[lf].name, to, c->a.items[lt].name);
		struct diag *d = contract_report(ctx, out, "contract-layers", c, e, msg->ptr);
		diag_set_fix(out, d, "invert the dependency: move the code '%s' needs into layer '%s' "
			     "or below, or pass it in from above", from, c->a.items[lf].name);
	}
}

/* Breadth-first search from the modules of layer lf through modules of no
 * layer; reports each first edge (out of the layer) that leads to a higher
 * layer, once, with the shortest chain. */
static void indirect(const struct rule_ctx *ctx, struct diag_list *out, const struct contract *c,
		     struct buf *msg)
{
	const struct graph *g = &ctx->analysis->graph;
	size_t n = graph_node_count(g);
	int *layer = xcalloc(n ? n : 1, sizeof(int));
	for (size_t v = 0; v < n; v++)
		layer[v] = contract_list_find(&c->a, g->nodes.ptr[v].name.ptr);
	uint32_t *prev = xcalloc(n ? n : 1, sizeof(uint32_t)); /* edge index + 1 */
	uint32_t *queue = xcalloc(n ? n : 1, sizeof(uint32_t));
	for (size_t s = 0; s < n; s++) {
		if (layer[s] < 0 || g->nodes.ptr[s].kind != GRAPH_NODE_LOCAL)
			continue;
		/* Per start module: its out-edges to modules of no layer. */
		memset(prev, 0, n * sizeof(uint32_t));
		size_t head = 0, tail = 0;
		for (uint32_t i = graph_out_begin(g, (uint32_t)s); i < graph_out_end(g, (uint32_t)s); i++) {
			const struct graph_edge *e = &g->edges.ptr[i];
			if (layer[e->to] >= 0 || prev[e->to] || !contract_edge_counts(c, g, e))
				continue;
			prev[e->to] = i + 1;
			queue[tail++] = e->to;
		}
		while (head < tail) {
			uint32_t v = queue[head++];
			for (uint32_t i = graph_out_begin(g, v); i < graph_out_end(g, v); i++) {
				const struct graph_edge *e = &g->edges.ptr[i];
				if (!contract_edge_counts(c, g, e) || e->to == s || prev[e->to])
					continue;
				prev[e->to] = i + 1;
				if (layer[e->to] < 0) {
					queue[tail++] = e->to;
					continue;
				}
				if (layer[e->to] >= layer[s])
					continue;
				/* A chain s -> ... -> v -> e->to: walk it back. */
				VEC(uint32_t) chain = VEC_INIT;
				for (uint32_t w = e->to; w != s; w = g->edges.ptr[prev[w] - 1].from)
					vec_push(&chain, prev[w] - 1);
				const struct graph_edge *first = &g->edges.ptr[chain.ptr[chain.len - 1]];
				buf_clear(msg);
				buf_addf(msg, "'%s' (layer '%s') imports the higher layer '%s' indirectly, "
					 "through '%s'", g->nodes.ptr[s].name.ptr, c->a.items[layer[s]].name,
					 c->a.items[layer[e->to]].name, g->nodes.ptr[first->to].name.ptr);
				struct diag *d = contract_report(ctx, out, "contract-layers", c, first, msg->ptr);
				for (size_t k = chain.len; k-- > 0;) {
					const struct graph_edge *ce = &g->edges.ptr[chain.ptr[k]];
					diag_add_note(out, d, ce->file, (int)ce->line,
						      rule_col_at(ctx, ce->file, ce->line, ce->col),
						      "'%s' imports '%s'", g->nodes.ptr[ce->from].name.ptr,
						      g->nodes.ptr[ce->to].name.ptr);
				}
				vec_release(&chain);
			}
		}
	}
	free(layer);
	free(prev);
	free(queue);
}

int rule_contract_layers(const struct rule_ctx *ctx, struct diag_list *out)
{
	struct contract_set cs;
	if (contract_rule_load(ctx, &cs) == 0) {
		struct buf msg = BUF_INIT;
		for (size_t i = 0; i < cs.items.len; i++) {
			if (cs.items.ptr[i].kind != CONTRACT_LAYERS)
				continue;
			direct(ctx, out, &cs.items.ptr[i], &msg);
			indirect(ctx, out, &cs.items.ptr[i], &msg);
		}
		buf_release(&msg);
	}
	contract_set_release(&cs);
	return 0;
}
