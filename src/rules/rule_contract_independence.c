/* contract-independence: modules listed as independent must not import one
 * another: an import from (below) one of them to (below) another is
 * reported.  Direct imports only. */
#include "rules/contract_util.h"

static void check_edge(const struct rule_ctx *ctx, struct diag_list *out,
		       const struct contract *c, const struct graph_edge *e, const char *from,
		       const char *to, struct buf *msg)
{
	int a = contract_list_find(&c->a, from), b = contract_list_find(&c->a, to);
	if (a < 0 || b < 0 || a == b)
		return;
	buf_clear(msg);
	buf_addf(msg, "'%s' imports '%s', but '%s' and '%s' are independent", from, to,
		 c->a.items[a].name, c->a.items[b].name);
	struct diag *d = contract_report(ctx, out, "contract-independence", c, e, msg->ptr);
	diag_set_fix(out, d, "move what both need into a module outside '%s' and '%s'",
		     c->a.items[a].name, c->a.items[b].name);
}

int rule_contract_independence(const struct rule_ctx *ctx, struct diag_list *out)
{
	return contract_each_edge(ctx, out, CONTRACT_INDEPENDENCE, check_edge);
}
