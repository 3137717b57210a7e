/* Shared steps of the contract rules (rule_contract_*.c). */
#ifndef MODSCOPE_RULES_CONTRACT_UTIL_H
#define MODSCOPE_RULES_CONTRACT_UTIL_H

#include <stdbool.h>

#include "rules/contracts.h"
#include "rules/internal.h"

/* Parses the contracts of ctx->options into cs (initialised here; release
 * with contract_set_release).  Returns 0, or -1 (cs then empty). */
int contract_rule_load(const struct rule_ctx *ctx, struct contract_set *cs);
/* True when edge e of g counts for contract c: its kinds pass c's mask
 * (parent edges only when asked for) and it is not in ignore_imports. */
bool contract_edge_counts(const struct contract *c, const struct graph *g,
			  const struct graph_edge *e);
/* What contract_each_edge calls for edge e of g counting for contract c,
 * with the names of its two modules; msg is a scratch buffer kept across
 * the calls.  Everything is borrowed for the call. */
typedef void contract_edge_fn(const struct rule_ctx *ctx, struct diag_list *out,
			      const struct contract *c, const struct graph_edge *e,
			      const char *from, const char *to, struct buf *msg);
/* Loads ctx's contracts and calls fn for every edge of the graph that
 * counts (contract_edge_counts) for each contract of that kind, in contract
 * then edge order.  Returns 0 (when the contracts do not parse, nothing is
 * called: see contract_rule_load). */
int contract_each_edge(const struct rule_ctx *ctx, struct diag_list *out, enum contract_kind kind,
		       contract_edge_fn *fn);
/* Appends a finding of rule at e's import with message (copied) and a note
 * naming the contract; returns it (valid until the next diag_add). */
struct diag *contract_report(const struct rule_ctx *ctx, struct diag_list *out, const char *rule,
			     const struct contract *c, const struct graph_edge *e, const char *message);

#endif
