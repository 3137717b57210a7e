/* Architecture contracts declared in the configuration (docs/check.md
 * "Contracts"), in the spirit of import-linter:
 *
 *     [[tool.modscope.contracts]]
 *     name = "application above io above domain"
 *     kind = "layers"              # layers | forbidden | independence |
 *                                  # acyclic-siblings | public-interface
 *     layers = ["shop.application", "shop.io", "shop.domain"]  # highest first
 *     kinds = ["eager", "lazy"]    # edge kinds considered (default: all but
 *                                  # type_checking)
 *     ignore_imports = ["shop.io.legacy -> shop.application.*"]
 *
 * Keys per kind: layers `layers`; forbidden `source_modules` and
 * `forbidden_modules`; independence `modules`; acyclic-siblings and
 * public-interface `packages`.  A module in a list stands for itself and
 * every module below it. */
#ifndef MODSCOPE_RULES_CONTRACTS_H
#define MODSCOPE_RULES_CONTRACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/vec.h"
#include "config/toml.h"
#include "graph/graph.h"

enum contract_kind {
	CONTRACT_LAYERS,
	CONTRACT_FORBIDDEN,
	CONTRACT_INDEPENDENCE,
	CONTRACT_ACYCLIC_SIBLINGS,
	CONTRACT_PUBLIC_INTERFACE,
};

/* A module named in a contract, with its position in the file. */
struct contract_module {
	const char *name;      /* borrowed from the TOML document */
	unsigned line, col;
};

struct contract_list {
	struct contract_module *items; /* arena-owned */
	size_t len;
};

struct contract_ignore {
	const char *from, *to; /* fnmatch patterns over dotted names (arena-owned) */
};

struct contract {
	enum contract_kind kind;
	const char *name;          /* borrowed, or arena-owned "contract N" */
	unsigned line;             /* of the [[tool.modscope.contracts]] table */
	struct contract_list a;    /* layers / source_modules / modules / packages */
	struct contract_list b;    /* forbidden_modules (forbidden only) */
	unsigned mask;             /* graph edge kinds considered */
	struct contract_ignore *ignores; /* arena-owned */
	size_t nignores;
};

struct contract_set {
	struct arena arena;
	VEC(struct contract) items;
};

/* Prepares an empty set. */
void contract_set_init(struct contract_set *self);
/* Frees what self owns (the TOML strings it borrows are not freed). */
void contract_set_release(struct contract_set *self);

/* Reads the array of tables `contracts` of tool ([tool.modscope]; may be
 * NULL: no contracts) into self, borrowing strings from the TOML document,
 * which must outlive self.  file (borrowed) names the configuration file in
 * messages.  Returns 0, or -1 with "file:line:col: reason" appended to err
 * (a missing or unknown kind, a missing list, a wrong type, an unknown key
 * with a suggestion, a malformed ignore_imports entry). */
int contract_set_parse(struct contract_set *self, const struct toml_value *tool, const char *file,
		       struct buf *err);

/* Checks that every module a contract names (except forbidden_modules,
 * which may well be imported nowhere) is a node of g.  Returns 0, or -1 with
 * "file:line:col: contract 'name': no module 'x' in the project; did you
 * mean 'y'?" appended to err. */
int contract_set_check_modules(const struct contract_set *self, const struct graph *g,
			       const char *file, struct buf *err);

/* The index in list of the entry name is equal to or below, or -1. */
int contract_list_find(const struct contract_list *list, const char *name);

/* True when an import from -> to is listed in c's ignore_imports. */
bool contract_ignored(const struct contract *c, const char *from, const char *to);

/* The kind's configuration word ("layers", ...). */
const char *contract_kind_name(enum contract_kind kind);

#endif
