/* The rules of `modscope check`: one metadata table (id, name, default
 * severity, on/off by default, summary, help, run function) and the
 * selection logic of the configuration (select / extend-select / ignore /
 * per-file-ignores), in the spirit of ruff's rule selectors.
 *
 * A rule's id is its stable, user-facing name ("import-cycle-crash"): it is
 * what configuration, suppression comments and baselines name.  A selector
 * is an id, a prefix ending in '-' ("import-" selects every import-* rule),
 * or "all". */
#ifndef MODSCOPE_RULES_RULES_H
#define MODSCOPE_RULES_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "report/diag.h"

/* ORDER of the table in registry.c; ids are never renamed once released. */
#define RULE_LIST(X) \
	X(RULE_IMPORT_CYCLE_CRASH, "import-cycle-crash") \
	X(RULE_IMPORT_CYCLE, "import-cycle") \
	X(RULE_UNRESOLVED_IMPORT, "unresolved-import") \
	X(RULE_SHADOWED_STDLIB, "shadowed-stdlib") \
	X(RULE_DUPLICATE_MODULE, "duplicate-module") \
	X(RULE_RELATIVE_IMPORT_BEYOND_TOP, "relative-import-beyond-top") \
	X(RULE_RELATIVE_IMPORT_IN_SCRIPT, "relative-import-in-script") \
	X(RULE_WILDCARD_IMPORT, "wildcard-import") \
	X(RULE_UNDEFINED_ALL, "undefined-all") \
	X(RULE_IMPORT_SIDE_EFFECT, "import-side-effect") \
	X(RULE_HEAVY_INIT, "heavy-init") \
	X(RULE_STALE_IMPORT_BINDING, "stale-import-binding") \
	X(RULE_DYNAMIC_IMPORT, "dynamic-import") \
	X(RULE_SYS_PATH_MUTATION, "sys-path-mutation") \
	X(RULE_IMPORT_NOT_AT_TOP, "import-not-at-top") \
	X(RULE_IMPORT_ORDER, "import-order") \
	X(RULE_MODULE_TOO_LARGE, "module-too-large") \
	X(RULE_CONTRACT_LAYERS, "contract-layers") \
	X(RULE_CONTRACT_FORBIDDEN, "contract-forbidden") \
	X(RULE_CONTRACT_INDEPENDENCE, "contract-independence") \
	X(RULE_CONTRACT_ACYCLIC_SIBLINGS, "contract-acyclic-siblings") \
	X(RULE_CONTRACT_PUBLIC_INTERFACE, "contract-public-interface") \
	X(RULE_UNUSED_SUPPRESSION, "unused-suppression") \
	X(RULE_SYNTAX_ERROR, "syntax-error") \
	X(RULE_UNREADABLE_FILE, "unreadable-file")

enum rule_index {
#define RULE_ENUM(e, id) e,
	RULE_LIST(RULE_ENUM)
#undef RULE_ENUM
	RULE_COUNT
};

/* What a rule reads (facts, graph, simulation, configuration).  Defined by
 * the check command once those stages exist; rules only see a pointer. */
struct rule_ctx;

struct rule {
	const char *id;        /* "import-cycle-crash" */
	const char *name;      /* "ImportCycleCrash" (SARIF reportingDescriptor.name) */
	const char *category;  /* "imports", "cycles", "layout", "design", "contracts", "meta" */
	enum diag_severity severity; /* default severity */
	bool enabled;          /* on when nothing is configured */
	const char *summary;   /* one line, no final period */
	const char *help;      /* a paragraph: what, why, how to fix */
	/* Appends this rule's findings for ctx to out; returns 0, or -1 on an
	 * internal error (a message appended to out as a diagnostic).  NULL while
	 * the rule is not implemented yet. */
	int (*run)(const struct rule_ctx *ctx, struct diag_list *out);
};

/* The table, RULE_COUNT entries in enum rule_index order (static storage). */
const struct rule *rule_table(void);
/* The rule with that exact id, or NULL. */
const struct rule *rule_lookup(const char *id);
/* The index of the rule with that exact id, or -1. */
int rule_index_of(const char *id);
/* Appends to out, when some id is close to word (edit distance at most 3 and
 * less than half its length, or a unique id that contains it), the text
 * "; did you mean 'ID'?"; appends nothing otherwise. */
void rule_suggest(const char *word, struct buf *out);

/* ---- Selection ---- */

/* One selector as written in the configuration or on the command line. */
struct rule_pattern {
	const char *text;      /* borrowed: an id, a prefix ending in '-', or "all" */
	const char *file;      /* borrowed origin for messages ("pyproject.toml"), or NULL */
	unsigned line, col;    /* its position in file (0: unknown) */
};

/* per-file-ignores: a glob (relative to the project root; '*' matches any
 * characters including '/', "**" followed by '/' matches any number of
 * folders, '?' one character, [abc] [!abc] [a-z] a class) and the selectors
 * it turns off. */
struct rule_per_file {
	struct rule_pattern glob;
	const struct rule_pattern *rules;  /* borrowed array of nrules */
	size_t nrules;
};

/* The configuration to select from (all borrowed; every list may be empty). */
struct rule_config {
	const struct rule_pattern *select;        /* replaces the default set when non-empty */
	size_t nselect;
	const struct rule_pattern *extend_select; /* added to the set */
	size_t nextend_select;
	const struct rule_pattern *ignore;        /* removed from the set */
	size_t nignore;
	const struct rule_per_file *per_file_ignores;
	size_t nper_file_ignores;
};

struct rule_file_ignore {
	char *glob;                 /* owned */
	bool ignored[RULE_COUNT];
};

/* The outcome of selection: which rules run, and which are off per file. */
struct rule_selection {
	bool enabled[RULE_COUNT];
	VEC(struct rule_file_ignore) per_file;
};

/* Prepares self with the default set (each rule's enabled flag) and no
 * per-file ignores. */
void rule_selection_init(struct rule_selection *self);
/* Frees what self owns. */
void rule_selection_release(struct rule_selection *self);
/* Computes self (freshly initialised) from cfg: a rule is on when it matches
 * select (or, with select empty, is on by default) or extend-select, and does
 * not match ignore; when both match, the more specific selector wins (an id
 * beats a prefix, a longer prefix a shorter one; ignore wins a tie).
 * Returns 0, or -1 with "file:line:col: unknown rule 'x' in 'select'; did you
 * mean 'y'?" appended to err for a selector naming no rule (self is then
 * unspecified but must still be released). */
int rule_select(struct rule_selection *self, const struct rule_config *cfg, struct buf *err);
/* Whether rule id is on after cfg's select, extend-select and ignore lists
 * (per-file-ignores aside), given its state before: select replaces that
 * state when replace is true, extend-select adds, ignore removes; the more
 * specific selector wins as in rule_select, and the state before counts as
 * the least specific selector.  The selectors are not validated here. */
bool rule_selected(const struct rule_config *cfg, bool replace, bool before, const char *id);
/* True when rule r is enabled for file (a path relative to the project
 * root, '/'-separated): enabled in self and not ignored by a per-file glob. */
bool rule_enabled_for(const struct rule_selection *self, enum rule_index r, const char *file);
struct toml_value;
struct arena;
/* Fills *cfg from the keys select, extend-select, ignore (arrays of strings)
 * and per-file-ignores (a table of glob = array of strings) of table (a TOML
 * table, e.g. [tool.modscope]; NULL: all empty), recording each selector's
 * position in file (borrowed, kept in the patterns).  The arrays live in
 * arena; the strings are borrowed from the TOML document, which must outlive
 * cfg.  Returns 0, or -1 with "file:line:col: 'select' must be an array of
 * strings" (or the like) appended to err.  Unknown ids are rule_select's
 * business. */
int rule_config_from_toml(struct rule_config *cfg, struct arena *arena,
			  const struct toml_value *table, const char *file, struct buf *err);
/* True when selector matches rule id (exactly, by '-' prefix, or "all"). */
bool rule_pattern_matches(const char *selector, const char *id);
/* True when path matches glob (see struct rule_per_file); a glob without '/'
 * is also tried on path's last component. */
bool rule_glob_match(const char *glob, const char *path);

#endif
