/* What a rule reads: the whole-project analysis (project and its
 * configuration, environment, resolver, every file's facts, the module
 * graph), the source texts, and later the import simulation.  Rules append
 * diagnostics for every file; the check command drops those a per-file
 * selection or a suppression turns off, so rules need not ask. */
#ifndef MODSCOPE_RULES_CTX_H
#define MODSCOPE_RULES_CTX_H

#include "config/toml.h"
#include "find/find.h"
#include "graph/analysis.h"
#include "report/diag.h"
#include "rules/rules.h"

struct rule_ctx {
	const struct analysis *analysis; /* borrowed; files, graph, project, env */
	struct find *find;               /* the analysis's resolver (it caches, so not const) */
	const struct toml_value *options; /* [tool.modscope] (rule options such as
					   * max-lines, contracts), or NULL */
	const char *config_file;         /* the file options came from, or NULL */
	struct diag_sources *sources;    /* source lines, for rules that read them */
};

/* Reads an integer option of a rule: [tool.modscope.<rule id>] key, else
 * dflt.  A present value of the wrong type is reported by the check
 * command's configuration pass, not here. */
long rule_option_int(const struct rule_ctx *ctx, const char *rule, const char *key, long dflt);
/* The array-of-strings option [tool.modscope.<rule id>] key, or NULL. */
const struct toml_value *rule_option(const struct rule_ctx *ctx, const char *rule, const char *key);

#endif
