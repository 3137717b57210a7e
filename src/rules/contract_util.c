/* Shared steps of the contract rules: loading the configured contracts of a
 * kind and reporting one import edge that breaks one. */
#include "rules/contract_util.h"

#include <string.h>

int contract_rule_load(const struct rule_ctx *ctx, struct contract_set *cs)
{
	struct buf err = BUF_INIT;
	contract_set_init(cs);
	/* The check command validated the configuration; a failure here
	 * means a caller that did not, and the rule does nothing. */
	int rc = contract_set_parse(cs, ctx->options, ctx->config_file ? ctx->config_file : "?", &err);
	buf_release(&err);
	return rc;
}

bool contract_edge_counts(const struct contract *c, const struct graph *g,
			  const struct graph_edge *e)
{
	if (!graph_kinds_match(e->kinds, c->mask) || !e->file)
		return false;
	if ((e->kinds & GRAPH_EDGE_PARENT) && !(c->mask & GRAPH_EDGE_PARENT))
		return false;
	return !contract_ignored(c, g->nodes.ptr[e->from].name.ptr, g->nodes.ptr[e->to].name.ptr);
}

int contract_each_edge(const struct rule_ctx *ctx, struct diag_list *out, enum contract_kind kind,
		       contract_edge_fn *fn)
{
	struct contract_set cs;
	const struct graph *g = &ctx->analysis->graph;
	struct buf msg = BUF_INIT;
	if (contract_rule_load(ctx, &cs) == 0) {
		for (size_t k = 0; k < cs.items.len; k++) {
			const struct contract *c = &cs.items.ptr[k];
			if (c->kind != kind)
				continue;
			for (size_t i = 0; i < graph_edge_count(g); i++) {
				const struct graph_edge *e = &g->edges.ptr[i];
				if (contract_edge_counts(c, g, e))
					fn(ctx, out, c, e, g->nodes.ptr[e->from].name.ptr,
					   g->nodes.ptr[e->to].name.ptr, &msg);
			}
		}
	}
	buf_release(&msg);
	contract_set_release(&cs);
	return 0;
}

struct diag *contract_report(const struct rule_ctx *ctx, struct diag_list *out, const char *rule,
			     const struct contract *c, const struct graph_edge *e, const char *message)
{
	struct diag *d = diag_add(out, rule, DIAG_ERROR, e->file, (int)e->line,
				  rule_col_at(ctx, e->file, e->line, e->col), "%s", message);
	if (ctx->config_file)
		diag_add_note(out, d, ctx->config_file, (int)c->line, 0, "contract '%s' (%s)", c->name,
			      contract_kind_name(c->kind));
	else
		diag_add_note(out, d, NULL, 0, 0, "contract '%s' (%s)", c->name,
			      contract_kind_name(c->kind));
	return d;
}
