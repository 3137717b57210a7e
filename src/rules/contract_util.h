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
/* Appends a finding of rule at e's import with message (copied) and a note
 * naming the contract; returns it (valid until the next diag_add). */
struct diag *contract_report(const struct rule_ctx *ctx, struct diag_list *out, const char *rule,
			     const struct contract *c, const struct graph_edge *e, const char *message);

#endif
