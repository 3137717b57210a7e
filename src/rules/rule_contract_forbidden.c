/* contract-forbidden: a module of source_modules imports a module of
 * forbidden_modules (which may be third-party or standard library
 * modules: the check keeps external nodes in the graph).  Direct imports
 * only; `modscope why A B` shows indirect chains. */
#include "rules/contract_util.h"

static void check_edge(const struct rule_ctx *ctx, struct diag_list *out,
		       const struct contract *c, const struct graph_edge *e, const char *from,
		       const char *to, struct buf *msg)
{
	int s = contract_list_find(&c->a, from), t = contract_list_find(&c->b, to);
	if (s < 0 || t < 0 || contract_list_find(&c->a, to) >= 0)
		return;
	buf_clear(msg);
	buf_addf(msg, "'%s' imports '%s', which '%s' must not import", from, to, c->a.items[s].name);
	struct diag *d = contract_report(ctx, out, "contract-forbidden", c, e, msg->ptr);
	diag_set_fix(out, d, "remove the import, or depend on an interface that '%s' may import",
		     c->a.items[s].name);
}

int rule_contract_forbidden(const struct rule_ctx *ctx, struct diag_list *out)
{
	return contract_each_edge(ctx, out, CONTRACT_FORBIDDEN, check_edge);
}
