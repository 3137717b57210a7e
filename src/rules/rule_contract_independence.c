/* contract-independence: modules listed as independent must not import one
 * another: an import from (below) one of them to (below) another is
 * reported.  Direct imports only. */
#include "rules/contract_util.h"

int rule_contract_independence(const struct rule_ctx *ctx, struct diag_list *out)
{
	struct contract_set cs;
	const struct graph *g = &ctx->analysis->graph;
	struct buf msg = BUF_INIT;
	if (contract_rule_load(ctx, &cs) == 0) {
		for (size_t k = 0; k < cs.items.len; k++) {
			const struct contract *c = &cs.items.ptr[k];
			if (c->kind != CONTRACT_INDEPENDENCE)
				continue;
			for (size_t i = 0; i < graph_edge_count(g); i++) {
				const struct graph_edge *e = &g->edges.ptr[i];
				if (!contract_edge_counts(c, g, e))
					continue;
				const char *from = g->nodes.ptr[e->from].name.ptr;
				const char *to = g->nodes.ptr[e->to].name.ptr;
				int a = contract_list_find(&c->a, from), b = contract_list_find(&c->a, to);
				if (a < 0 || b < 0 || a == b)
					continue;
				buf_clear(&msg);
				buf_addf(&msg, "'%s' imports '%s', but '%s' and '%s' are independent", from,
					 to, c->a.items[a].name, c->a.items[b].name);
				struct diag *d = contract_report(ctx, out, "contract-independence", c, e, msg.ptr);
				diag_set_fix(out, d, "move what both need into a module outside '%s' and '%s'",
					     c->a.items[a].name, c->a.items[b].name);
			}
		}
	}
	buf_release(&msg);
	contract_set_release(&cs);
	return 0;
}
