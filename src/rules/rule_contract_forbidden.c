/* contract-forbidden: a module of source_modules imports a module of
 * forbidden_modules (which may be third-party or standard library
 * modules: the check keeps external nodes in the graph).  Direct imports
 * only; `modscope why A B` shows indirect chains. */
#include "rules/contract_util.h"

int rule_contract_forbidden(const struct rule_ctx *ctx, struct diag_list *out)
{
	struct contract_set cs;
	const struct graph *g = &ctx->analysis->graph;
	struct buf msg = BUF_INIT;
	if (contract_rule_load(ctx, &cs) == 0) {
		for (size_t k = 0; k < cs.items.len; k++) {
			const struct contract *c = &cs.items.ptr[k];
			if (c->kind != CONTRACT_FORBIDDEN)
				continue;
			for (size_t i = 0; i < graph_edge_count(g); i++) {
				const struct graph_edge *e = &g->edges.ptr[i];
				if (!contract_edge_counts(c, g, e))
					continue;
				const char *from = g->nodes.ptr[e->from].name.ptr;
				const char *to = g->nodes.ptr[e->to].name.ptr;
				int s = contract_list_find(&c->a, from), t = contract_list_find(&c->b, to);
				if (s < 0 || t < 0 || contract_list_find(&c->a, to) >= 0)
					continue;
				buf_clear(&msg);
				buf_addf(&msg, "'%s' imports '%s', which '%s' must not import", from, to,
					 c->a.items[s].name);
				struct diag *d = contract_report(ctx, out, "contract-forbidden", c, e, msg.ptr);
				diag_set_fix(out, d, "remove the import, or depend on an interface that "
					     "'%s' may import", c->a.items[s].name);
			}
		}
	}
	buf_release(&msg);
	contract_set_release(&cs);
	return 0;
}
