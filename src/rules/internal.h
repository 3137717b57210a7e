/* Helpers shared by the rule files of src/rules/, and the run functions the
 * registry's table points at.  Not part of the rules' public API. */
#ifndef MODSCOPE_RULES_INTERNAL_H
#define MODSCOPE_RULES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "graph/analysis.h"
#include "report/diag.h"
#include "rules/ctx.h"
#include "syntax/facts.h"

/* ---- run functions (one file each: src/rules/rule_<id>.c) ---- */

int rule_import_cycle(const struct rule_ctx *ctx, struct diag_list *out);
int rule_import_cycle_crash(const struct rule_ctx *ctx, struct diag_list *out);
int rule_unresolved_import(const struct rule_ctx *ctx, struct diag_list *out);
int rule_shadowed_stdlib(const struct rule_ctx *ctx, struct diag_list *out);
int rule_duplicate_module(const struct rule_ctx *ctx, struct diag_list *out);
int rule_relative_import_beyond_top(const struct rule_ctx *ctx, struct diag_list *out);
int rule_relative_import_in_script(const struct rule_ctx *ctx, struct diag_list *out);
int rule_contract_layers(const struct rule_ctx *ctx, struct diag_list *out);
int rule_contract_forbidden(const struct rule_ctx *ctx, struct diag_list *out);
int rule_contract_independence(const struct rule_ctx *ctx, struct diag_list *out);
int rule_contract_acyclic_siblings(const struct rule_ctx *ctx, struct diag_list *out);
int rule_contract_public_interface(const struct rule_ctx *ctx, struct diag_list *out);

/* ---- helpers ---- */

struct graph_cycles;
/* For each component of cycles (found over GRAPH_MASK_DEFAULT), sets
 * crashed[i] when importing one of its modules first crashes at a statement
 * of the component, as the simulator predicts; when out is not NULL, also
 * appends the import-cycle-crash findings (rule_import_cycle_crash.c). */
int rule_cycle_crashes(const struct rule_ctx *ctx, const struct graph_cycles *cycles, bool *crashed,
		       struct diag_list *out);

/* ---- helpers (src/rules/util.c) ---- */

/* The 1-based character column of the 0-based byte column bytecol on line
 * (1-based) of file (a display path), read through ctx->sources; bytecol + 1
 * when the line cannot be read. */
int rule_col_at(const struct rule_ctx *ctx, const char *file, unsigned line, unsigned bytecol);

/* True when the file has an `if __name__ == "__main__":` block at module
 * level (looked for in its text, read through ctx->sources). */
bool rule_file_has_main_guard(const struct rule_ctx *ctx, const struct analysis_file *f);


/* True when name is module or one of its submodules ("a.b" is below "a",
 * not below "ab"). */
bool rule_module_within(const char *name, const char *module);

/* The analysis file whose module name is name (a package's __init__.py
 * when both a package and a module claim it), or NULL. */
const struct analysis_file *rule_file_of_module(const struct analysis *a, const char *name);

/* The Levenshtein distance between a and b (borrowed), counted in bytes. */
size_t rule_edit_distance(const char *a, const char *b);

/* Appends "; did you mean 'X'?" to out when one of the n candidates is
 * close to word (edit distance at most 2, or 3 for long words), else
 * nothing. */
void rule_suggest_word(const char *word, const char *const *candidates, size_t n, struct buf *out);

/* The file of a, by display path, or NULL. */
const struct analysis_file *rule_file_by_display(const struct analysis *a, const char *display);

#endif
