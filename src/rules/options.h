/* Validation of the whole [tool.modscope] table before a check runs: every
 * key known, every value of the right type, every rule id real, every
 * contract well formed (docs/check.md "Configuration").  A configuration
 * error is one message with the file, line and column, and check exits 2. */
#ifndef MODSCOPE_RULES_OPTIONS_H
#define MODSCOPE_RULES_OPTIONS_H

#include "base/buf.h"
#include "config/toml.h"

/* The type of a rule option ([tool.modscope.<rule-id>] key = value). */
enum rule_option_type {
	RULE_OPT_INT,      /* a non-negative integer */
	RULE_OPT_BOOL,
	RULE_OPT_STRING,
	RULE_OPT_STRINGS,  /* an array of strings */
};

struct rule_option_spec {
	const char *rule;  /* rule id */
	const char *key;
	enum rule_option_type type;
};

/* The known rule options (static storage), *n of them.  A rule with no row
 * here accepts any keys in its table (not validated); a rule with rows
 * accepts only those. */
const struct rule_option_spec *rule_option_specs(size_t *n);

/* Validates tool (the [tool.modscope] table of file; NULL: nothing to do):
 * the top-level keys (roots, python, exclude, select, extend-select,
 * ignore, per-file-ignores, contracts, and one table per rule id for its
 * options), their types, the rule ids in selectors, and the contracts'
 * shape.  Returns 0, or -1 with one "file:line:col: message" appended to
 * err (an unknown key carries "; did you mean 'x'?" when one is close). */
int rule_options_validate(const struct toml_value *tool, const char *file, struct buf *err);

#endif
