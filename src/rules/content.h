/* Helpers shared by the code-content rules (wildcard-import, undefined-all,
 * import-side-effect, heavy-init, stale-import-binding, dynamic-import,
 * sys-path-mutation, import-not-at-top, import-order, module-too-large):
 * a file's tokens and module-level statements, the names its imports bind,
 * the local module table, and the names a star import brings.  Nothing
 * here prints; everything is borrowed from the rule context unless said. */
#ifndef MODSCOPE_RULES_CONTENT_H
#define MODSCOPE_RULES_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/fs.h"
#include "base/map.h"
#include "base/vec.h"
#include "rules/ctx.h"
#include "syntax/facts.h"
#include "syntax/lex.h"

/* ---- tokens and module-level statements ---- */

/* One statement at module level, as token index ranges of a lexer. */
struct rule_stmt {
	uint32_t first;      /* its first token */
	uint32_t header_end; /* the NEWLINE ending its first line (header) */
	uint32_t body_end;   /* one past the first block's closing DEDENT
			      * (== header_end + 1 for a simple statement) */
	uint32_t end;        /* one past its last token, continuation clauses
			      * (elif/else/except/finally) included */
};

/* A file's text, tokens and module-level statements. */
struct rule_tokens {
	struct fs_file data;
	struct lexer lex;
	VEC(struct rule_stmt) stmts;
	bool loaded;         /* the file was read (tokens may stop at an error) */
};

/* Reads and tokenizes path (borrowed) into self (freshly declared); the
 * statements are split at module level.  Returns 0, or -1 when the file
 * cannot be read (self is then empty).  Release self either way. */
int rule_tokens_load(struct rule_tokens *self, const char *path);
/* Frees what self owns. */
void rule_tokens_release(struct rule_tokens *self);
/* Token i of self (i must be < the token count). */
static inline const struct lex_token *rule_tok(const struct rule_tokens *self, uint32_t i)
{
	return &self->lex.tokens.ptr[i];
}
/* True when token i is the name word (NUL-terminated). */
bool rule_tok_is(const struct rule_tokens *self, uint32_t i, const char *word);
/* Reads a dotted name (NAME ('.' NAME)*) starting at token *i into out
 * (appended) and advances *i past it; returns false (nothing read) when
 * token *i is not a NAME. */
bool rule_tok_dotted(const struct rule_tokens *self, uint32_t *i, struct buf *out);
/* True when the module-level statement s is `if __name__ == "__main__":`
 * (either operand order, either quote). */
bool rule_stmt_is_main_guard(const struct rule_tokens *self, const struct rule_stmt *s);
/* What one logical line (or a simple statement) is. */
enum rule_line_kind {
	RULE_LINE_IMPORT,  /* import / from ... import */
	RULE_LINE_STRING,  /* a string literal alone (a docstring) */
	RULE_LINE_PASS,    /* pass, or ... alone */
	RULE_LINE_ASSIGN,  /* NAME-started assignment: =, +=, x: T = v */
	RULE_LINE_DUNDER,  /* an assignment to a __dunder__ name */
	RULE_LINE_OTHER,
};
/* Classifies the logical line starting at token i (ending at its NEWLINE). */
enum rule_line_kind rule_line_kind(const struct rule_tokens *self, uint32_t i);
/* True when module-level statement s is an if/try statement (if
 * TYPE_CHECKING:, try: import x / except ImportError: x = None) whose
 * clauses hold only imports, assignments, pass and docstrings. */
bool rule_stmt_is_import_block(const struct rule_tokens *self, const struct rule_stmt *s);
/* The 1-based line of token i. */
uint32_t rule_tok_line(const struct rule_tokens *self, uint32_t i);

/* ---- names bound by imports ---- */

/* local name -> absolute dotted name, for every import of a file (any
 * scope: a callee is qualified the same way wherever it is written). */
struct rule_imports {
	struct arena arena;
	struct map names;    /* key and value (char *) in arena */
};

/* Fills self from the facts of f (borrowed): `import a.b` binds a -> "a",
 * `import a.b as c` c -> "a.b", `from m import x as y` y -> "m.x" (relative
 * modules made absolute with f's module name). */
void rule_imports_init(struct rule_imports *self, const struct analysis_file *f);
void rule_imports_release(struct rule_imports *self);
/* Appends to out the absolute name of dotted (as written: "sp.run"): its
 * first part replaced by what an import bound it to.  Returns true when the
 * first part is import-bound, false when dotted was appended as written. */
bool rule_imports_qualify(const struct rule_imports *self, struct slice dotted, struct buf *out);

/* ---- the project's modules ---- */

/* module name -> struct analysis_file * (a package wins over a module file
 * of the same name, as FileFinder looks for it first). */
void rule_module_map(const struct analysis *a, struct map *out);
/* What rule_each_from_import calls for one statement: modules is the map
 * rule_module_map builds; everything is borrowed for the call. */
typedef void rule_from_import_fn(const struct rule_ctx *ctx, const struct map *modules,
				 const struct analysis_file *f, const struct scan_import *imp,
				 struct diag_list *out);
/* Calls fn, in file and statement order, for every `from` import (eager or
 * lazy) of every file of ctx's analysis that was read, with the module map
 * built once for the walk. */
void rule_each_from_import(const struct rule_ctx *ctx, struct diag_list *out,
			   rule_from_import_fn *fn);
/* The absolute module an import record of f names (its from-module for
 * `from`, the first name for `import`), appended to out; returns -1 (out
 * unchanged) when a relative import goes beyond the top-level package or f
 * has no module name. */
int rule_import_target(const struct analysis_file *f, const struct scan_import *imp,
		       struct slice name, struct buf *out);
/* True when some other project module imports module (any edge kind), or
 * f is a package __init__. */
bool rule_module_is_imported(const struct analysis *a, const struct analysis_file *f);
/* The 1-based character column of byte column byte_col (0-based) on line
 * of f, using ctx->sources; byte_col + 1 when the line cannot be read. */
int rule_file_col(const struct rule_ctx *ctx, const struct analysis_file *f, uint32_t line,
		  uint32_t byte_col);
/* True when f's facts can be trusted (file read, no syntax error). */
bool rule_file_ok(const struct analysis_file *f);

/* ---- what a star import brings ---- */

enum rule_star_status {
	RULE_STAR_ALL,        /* names = the literal __all__ */
	RULE_STAR_PUBLIC,     /* no __all__: names = public top-level bindings */
	RULE_STAR_DYNAMIC,    /* __all__ is not a literal: unknown */
	RULE_STAR_COMPILED,   /* builtin, frozen without source, extension: unknown */
	RULE_STAR_UNRESOLVED, /* the module cannot be found */
};

struct rule_star {
	enum rule_star_status status;
	VEC(char *) names;   /* owned, sorted, unique */
	bool nested_star;    /* the target itself has a star import of its own */
	char *origin;        /* owned file read, or NULL */
};

/* Finds module (absolute name) among the project's files (modules) or
 * through ctx's resolver, reads its facts and fills self with the names
 * `from module import *` binds.  Release self with rule_star_release. */
void rule_star_names(const struct rule_ctx *ctx, const struct map *modules, const char *module,
		     struct rule_star *self);
void rule_star_release(struct rule_star *self);

/* ---- callee patterns (import-side-effect, dynamic-import) ---- */

/* True when the qualified callee matches pattern: "a.b.c" exactly, "a.b.*"
 * anything below a.b (more generally "text*": callees starting with text,
 * "pandas.read_*"), "*.meth" any callee whose last part is meth. */
bool rule_callee_matches(const char *pattern, const char *callee);

/* The default severity of rule r, as the rule table gives it. */
static inline enum diag_severity rule_severity(enum rule_index r)
{
	return rule_table()[r].severity;
}

/* Appends "'a', 'b', 'c'" to out: at most max names, then ", and N more". */
void rule_quote_names(struct buf *out, char *const *names, size_t n, size_t max);

/* ---- the rules of this group (run functions of the table) ---- */

int rule_wildcard_import(const struct rule_ctx *ctx, struct diag_list *out);
int rule_undefined_all(const struct rule_ctx *ctx, struct diag_list *out);
int rule_import_side_effect(const struct rule_ctx *ctx, struct diag_list *out);
int rule_heavy_init(const struct rule_ctx *ctx, struct diag_list *out);
int rule_stale_import_binding(const struct rule_ctx *ctx, struct diag_list *out);
int rule_dynamic_import(const struct rule_ctx *ctx, struct diag_list *out);
int rule_sys_path_mutation(const struct rule_ctx *ctx, struct diag_list *out);
int rule_import_not_at_top(const struct rule_ctx *ctx, struct diag_list *out);
int rule_import_order(const struct rule_ctx *ctx, struct diag_list *out);
int rule_module_too_large(const struct rule_ctx *ctx, struct diag_list *out);

#endif
