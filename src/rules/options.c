/* Validation of [tool.modscope] (options.h). */
#include "rules/options.h"

#include <string.h>

#include "base/arena.h"
#include "base/vec.h"
#include "rules/contracts.h"
#include "rules/internal.h"
#include "rules/rules.h"

/* Rule options.  Add a row when a rule reads an option through
 * rule_option/rule_option_int; until a rule has a row its table is not
 * checked. */
static const struct rule_option_spec specs[] = {
	{ "module-too-large", "max-lines", RULE_OPT_INT },
	{ "module-too-large", "max-definitions", RULE_OPT_INT },
	{ "import-side-effect", "allow", RULE_OPT_STRINGS },
	{ "import-side-effect", "deny", RULE_OPT_STRINGS },
	{ "heavy-init", "max-submodule-imports", RULE_OPT_INT },
	{ "heavy-init", "max-logic-statements", RULE_OPT_INT },
};

const struct rule_option_spec *rule_option_specs(size_t *n)
{
	*n = sizeof(specs) / sizeof(specs[0]);
	return specs;
}

static const char *const top_keys[] = {
	"roots", "python", "exclude", "select", "extend-select", "ignore",
	"per-file-ignores", "contracts",
};
#define NTOP (sizeof(top_keys) / sizeof(top_keys[0]))

static const char *type_words(enum rule_option_type t)
{
	switch (t) {
	case RULE_OPT_INT: return "a non-negative integer";
	case RULE_OPT_BOOL: return "a boolean";
	case RULE_OPT_STRING: return "a string";
	case RULE_OPT_STRINGS: return "an array of strings";
	}
	return "?";
}

static bool type_ok(const struct toml_value *v, enum rule_option_type t)
{
	int64_t i;
	bool b;
	struct slice s;
	switch (t) {
	case RULE_OPT_INT:
		return toml_as_integer(v, &i) && i >= 0;
	case RULE_OPT_BOOL:
		return toml_as_bool(v, &b);
	case RULE_OPT_STRING:
		return toml_as_string(v, &s);
	case RULE_OPT_STRINGS:
		if (v->kind != TOML_ARRAY)
			return false;
		for (size_t k = 0; k < toml_len(v); k++)
			if (!toml_as_string(toml_array_at(v, k), &s))
				return false;
		return true;
	}
	return false;
}

static int check_rule_table(const char *rule, const struct toml_value *t, const char *file,
			    struct buf *err)
{
	if (t->kind != TOML_TABLE) {
		buf_addf(err, "%s:%u:%u: '%s' must be a table of options ([tool.modscope.%s])",
			 file, t->line, t->col, rule, rule);
		return -1;
	}
	VEC(const char *) keys = VEC_INIT;
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (!strcmp(specs[i].rule, rule))
			vec_push(&keys, specs[i].key);
	int rc = 0;
	for (size_t i = 0; keys.len && i < toml_len(t) && rc == 0; i++) {
		const struct toml_kv *kv = toml_table_at(t, i);
		const struct rule_option_spec *spec = NULL;
		for (size_t k = 0; k < sizeof(specs) / sizeof(specs[0]); k++)
			if (!strcmp(specs[k].rule, rule) && !strcmp(specs[k].key, kv->key.ptr))
				spec = &specs[k];
		if (!spec) {
			buf_addf(err, "%s:%u:%u: unknown option '%s' of rule '%s'", file,
				 kv->value->line, kv->value->col, kv->key.ptr, rule);
			rule_suggest_word(kv->key.ptr, keys.ptr, keys.len, err);
			if (!strstr(err->ptr, "did you mean")) {
				buf_adds(err, " (options:");
				for (size_t k = 0; k < keys.len; k++)
					buf_addf(err, " %s", keys.ptr[k]);
				buf_adds(err, ")");
			}
			rc = -1;
		} else if (!type_ok(kv->value, spec->type)) {
			buf_addf(err, "%s:%u:%u: option '%s' of rule '%s' must be %s", file,
				 kv->value->line, kv->value->col, kv->key.ptr, rule,
				 type_words(spec->type));
			rc = -1;
		}
	}
	vec_release(&keys);
	return rc;
}

int rule_options_validate(const struct toml_value *tool, const char *file, struct buf *err)
{
	if (!tool)
		return 0;
	/* Unknown keys first, so a typo is named before its consequences. */
	for (size_t i = 0; i < toml_len(tool); i++) {
		const struct toml_kv *kv = toml_table_at(tool, i);
		bool known = false;
		for (size_t k = 0; k < NTOP; k++)
			known |= !strcmp(kv->key.ptr, top_keys[k]);
		if (known)
			continue;
		if (rule_lookup(kv->key.ptr)) {
			if (check_rule_table(kv->key.ptr, kv->value, file, err) < 0)
				return -1;
			continue;
		}
		/* Candidates: the top-level keys and every rule id. */
		VEC(const char *) cands = VEC_INIT;
		for (size_t k = 0; k < NTOP; k++)
			vec_push(&cands, top_keys[k]);
		const struct rule *t = rule_table();
		for (int r = 0; r < RULE_COUNT; r++)
			vec_push(&cands, t[r].id);
		buf_addf(err, "%s:%u:%u: unknown key '%s' in [tool.modscope]", file,
			 kv->value->line, kv->value->col, kv->key.ptr);
		rule_suggest_word(kv->key.ptr, cands.ptr, cands.len, err);
		vec_release(&cands);
		return -1;
	}

	/* Selectors: types, then rule ids. */
	struct arena arena;
	arena_init(&arena);
	struct rule_config cfg;
	struct rule_selection sel;
	rule_selection_init(&sel);
	int rc = rule_config_from_toml(&cfg, &arena, tool, file, err);
	if (rc == 0)
		rc = rule_select(&sel, &cfg, err);
	rule_selection_release(&sel);
	arena_release(&arena);
	if (rc < 0)
		return -1;

	struct contract_set cs;
	contract_set_init(&cs);
	rc = contract_set_parse(&cs, tool, file, err);
	contract_set_release(&cs);
	return rc;
}
