/* Module facts: what the syntax stage knows about one Python file without
 * running it (docs/facts.md).  Everything here lives in the arena given to
 * scan_file() and is freed with it; names are copies, not pointers into the
 * source. */
#ifndef MODSCOPE_SYNTAX_FACTS_H
#define MODSCOPE_SYNTAX_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/slice.h"

enum scan_import_kind {
	SCAN_IMPORT,       /* import a.b as c */
	SCAN_FROM,         /* from .m import x */
	SCAN_LAZY_IMPORT,  /* lazy import a (PEP 810) */
	SCAN_LAZY_FROM,    /* lazy from m import x */
	SCAN_DYNAMIC,      /* __import__("m"), importlib.import_module("m") */
};

enum scan_scope {
	SCAN_SCOPE_MODULE,
	SCAN_SCOPE_CLASS,
	SCAN_SCOPE_FUNCTION,
};

enum scan_guard_kind {
	SCAN_GUARD_TRY,           /* in a try body; catches = every handler's types */
	SCAN_GUARD_EXCEPT,        /* in a handler body; catches = its own types */
	SCAN_GUARD_TYPE_CHECKING, /* if TYPE_CHECKING: / if x.TYPE_CHECKING: */
	SCAN_GUARD_MAIN,          /* if __name__ == "__main__": */
	SCAN_GUARD_IF,            /* any other if, and the else of the two above */
};

/* One enclosing construct deciding whether an import runs.  Shared by all
 * records under it. */
struct scan_guard {
	enum scan_guard_kind kind;
	uint32_t line;              /* line of the if/try/except keyword */
	const struct slice *catches; /* try/except: names as written, "*" for a
				      * bare except, "?" for other expressions */
	uint32_t ncatches;
};

/* One name of an import: `a.b as c` or, for from-imports, `x as y`. */
struct scan_alias {
	struct slice name;
	struct slice asname; /* ptr NULL when there is no "as" */
	uint32_t line, col;  /* of the name's first token */
};

struct scan_import {
	enum scan_import_kind kind;
	uint32_t line;             /* 1-based */
	uint32_t col;              /* 0-based UTF-8 byte offset (ast col_offset) */
	struct slice module;       /* ptr NULL for `import x` and `from . import x` */
	uint32_t level;            /* leading dots */
	const struct scan_alias *names;
	uint32_t nnames;
	enum scan_scope scope;
	const struct scan_guard *const *guards; /* outermost first */
	uint32_t nguards;
	struct slice package;      /* dynamic: second string argument, ptr NULL if none */
};

enum scan_binding_kind {
#define SCAN_BINDINGS(X) \
	X(DEF, "def") X(CLASS, "class") X(ASSIGN, "assign") \
	X(AUGASSIGN, "augassign") X(ANNASSIGN, "annassign") X(FOR, "for") \
	X(WITH, "with") X(EXCEPT, "except") X(WALRUS, "walrus") \
	X(IMPORT, "import") X(DEL, "del") X(MATCH, "match") X(TYPE, "type") \
	X(GLOBAL, "global")
#define SCAN_BINDING_ENUM_(k, s) SCAN_BIND_##k,
	SCAN_BINDINGS(SCAN_BINDING_ENUM_)
#undef SCAN_BINDING_ENUM_
};

/* A name bound in the module namespace, in execution order. */
struct scan_binding {
	struct slice name;
	uint32_t line;
	enum scan_binding_kind kind;
};

/* A call executed at import time whose callee is a dotted name. */
struct scan_call {
	struct slice callee;
	uint32_t line, col;
};

/* A statement at module level (for later stages: order and kinds). */
struct scan_stmt {
	uint16_t kind;  /* enum lex_kind of its first token (TK_NAME for
			 * expressions and assignments, TK_AT for decorated) */
	uint32_t line;
};

struct scan_error {
	bool set;
	uint32_t line;    /* 1-based; 0 for encoding errors, as CPython */
	uint32_t col;     /* 1-based character column, as CPython's offset */
	const char *message;
};

struct scan_facts {
	const struct scan_import *imports; /* in source order */
	size_t nimports;
	const struct scan_binding *bindings;
	size_t nbindings;
	const struct slice *all;  /* __all__, when literal */
	size_t nall;
	bool has_all;             /* false: "all" is null */
	bool has_getattr;         /* module-level def __getattr__ */
	const struct scan_call *calls; /* sorted by position */
	size_t ncalls;
	const struct scan_stmt *stmts;
	size_t nstmts;
	struct scan_error error;  /* first error, as CPython reports it */
	const char *encoding;     /* "utf-8" or the coding cookie's name */
};

/* The JSON/text word of a binding kind ("def", "walrus"...). */
const char *scan_binding_kind_name(enum scan_binding_kind kind);
/* "import", "from", "lazy_import", "lazy_from" or "dynamic". */
const char *scan_import_kind_name(enum scan_import_kind kind);
/* "module", "class" or "function". */
const char *scan_scope_name(enum scan_scope scope);
/* "try", "except", "type_checking", "main" or "if". */
const char *scan_guard_kind_name(enum scan_guard_kind kind);

#endif
