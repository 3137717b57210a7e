/* The execution IR: what the import-time simulator (src/sim/) runs.  A
 * second recursive-descent reader over the lexer's tokens (lex_run) turns a
 * file into its statements, in order, each with its expressions kept as
 * small trees, so that the simulator can evaluate them in CPython's
 * evaluation order: names, attribute reads, calls, constants, comparisons,
 * boolean operators; everything else is an opaque node whose children are
 * still evaluated.  Function and class bodies are kept (class bodies run at
 * once, function bodies when called at import time).  docs/order.md.
 *
 * Everything lives in the arena given to ir_file_parse; names are copies. */
#ifndef MODSCOPE_SYNTAX_IR_H
#define MODSCOPE_SYNTAX_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/slice.h"

enum ir_expr_kind {
	IR_NAME,      /* name */
	IR_ATTR,      /* a.name */
	IR_CALL,      /* a(args...) ; kwnames[i] names keyword args */
	IR_CONST,     /* constant: see ir_const */
	IR_TUPLE,     /* tuple or list display: args; op 'L' for a list */
	IR_COMPARE,   /* args[0] ops[0] args[1] ops[1] args[2] ... */
	IR_BOOLOP,    /* op 'a' (and) or 'o' (or) over args */
	IR_NOT,       /* not a */
	IR_BINOP,     /* a op b; op is the operator's first byte ('+', '-'...) */
	IR_SUBSCRIPT, /* a[args...]; op ':' when a slice is among them (its bounds
		       * are args too, so then args are not the indices); then
		       * ival says which bounds one lone slice writes (1 lower,
		       * 2 upper, 4 step), -1 for several items */
	IR_IFEXP,     /* args[1] if args[0] else args[2] */
	IR_WALRUS,    /* name := a */
	IR_LAMBDA,    /* lambda: args are the defaults (evaluated); body not kept */
	IR_COMP,      /* comprehension: args evaluated with `locals` bound */
	IR_STARRED,   /* *a or **a (op '*' or 'd') */
	IR_OTHER,     /* anything else: args evaluated in order, value unknown;
		       * op 'D' for a dict display {k: v, ...} (args alternate
		       * key, value) */
};

enum ir_const {
	IR_C_NONE, IR_C_TRUE, IR_C_FALSE, IR_C_INT, IR_C_STR, IR_C_OTHER,
};

enum ir_cmp {
	IR_CMP_EQ, IR_CMP_NE, IR_CMP_LT, IR_CMP_LE, IR_CMP_GT, IR_CMP_GE,
	IR_CMP_IN, IR_CMP_NOT_IN, IR_CMP_IS, IR_CMP_IS_NOT,
};

struct ir_expr {
	uint8_t kind;      /* enum ir_expr_kind */
	uint8_t op;        /* see the kinds */
	uint8_t cval;      /* IR_CONST: enum ir_const */
	bool str_known;    /* IR_CONST str: value decoded into name */
	uint32_t line;     /* of the first token */
	struct slice name; /* NAME, ATTR attribute, WALRUS target, CONST str value */
	long long ival;    /* CONST int */
	struct ir_expr *a; /* ATTR/SUBSCRIPT object, CALL callee, NOT/STARRED
			    * operand, BINOP left, WALRUS value */
	struct ir_expr *b; /* BINOP right */
	struct ir_expr **args;
	uint32_t nargs;
	const struct slice *kwnames; /* CALL: per arg, ptr NULL when positional */
	const uint8_t *ops;          /* COMPARE: nargs - 1 ops */
	const struct slice *locals;  /* COMP: names bound inside */
	uint32_t nlocals;
};

enum ir_stmt_kind {
	IR_S_EXPR, IR_S_ASSIGN, IR_S_AUGASSIGN, IR_S_ANNASSIGN,
	IR_S_IMPORT, IR_S_FROM, IR_S_DEF, IR_S_CLASS,
	IR_S_IF, IR_S_WHILE, IR_S_FOR, IR_S_WITH, IR_S_TRY, IR_S_MATCH,
	IR_S_DEL, IR_S_GLOBAL, IR_S_NONLOCAL, IR_S_RETURN, IR_S_RAISE,
	IR_S_PASS, IR_S_BREAK, IR_S_CONTINUE, IR_S_ASSERT,
};

struct ir_stmt;

struct ir_block {
	struct ir_stmt **stmts;
	uint32_t n;
};

/* One name of an import: `a.b as c` or, in a from-import, `x as y`. */
struct ir_alias {
	struct slice name;
	struct slice asname; /* ptr NULL without "as" */
	uint32_t line;
};

struct ir_param {
	struct slice name;
	struct ir_expr *deflt;      /* NULL when none */
	struct ir_expr *annotation; /* NULL when none */
	uint8_t kind;               /* 0 positional, 'k' keyword-only, '*' *args, 'd' **kw */
};

struct ir_handler {
	struct ir_expr *type; /* NULL for a bare except */
	struct slice name;    /* `as name`, ptr NULL when none */
	struct ir_block body;
	uint32_t line;
};

struct ir_def {
	struct ir_param *params;
	uint32_t nparams;
	struct ir_expr *returns;     /* annotation, may be NULL */
	const struct slice *locals;  /* names local to the function */
	uint32_t nlocals;
	const struct slice *globals; /* names declared global in it */
	uint32_t nglobals;
	bool is_async, is_generator;
};

struct ir_stmt {
	uint8_t kind;              /* enum ir_stmt_kind */
	uint8_t op;                /* AUGASSIGN: operator's first byte */
	uint32_t line;
	uint32_t end_line;         /* last line of the statement's header/simple text */
	struct ir_expr *value;     /* EXPR, ASSIGN/AUG/ANN value (may be NULL for ANN),
				    * IF/WHILE test, FOR iterable, RETURN/RAISE exc,
				    * MATCH subject, ASSERT test */
	struct ir_expr *annotation;/* ANNASSIGN; RAISE cause; ASSERT msg */
	struct ir_expr **targets;  /* ASSIGN (one per '='), AUG/ANN/FOR (one),
				    * DEL (each), WITH (per item; NULL when no 'as') */
	struct ir_expr **items;    /* WITH context expressions */
	uint32_t ntargets;
	struct slice name;         /* DEF, CLASS name; FROM module (ptr NULL if none) */
	uint32_t level;            /* FROM leading dots */
	struct ir_alias *names;    /* IMPORT, FROM ('*' for a star import); GLOBAL names */
	uint32_t nnames;
	struct ir_expr **decorators;
	uint32_t ndecorators;
	struct ir_expr *bases;     /* CLASS: an IR_CALL-shaped node holding bases and keywords
				    * (its callee is NULL), or NULL */
	struct ir_def *def;        /* DEF */
	struct ir_block body;      /* compound bodies; TRY body; MATCH: unused */
	struct ir_block orelse;    /* IF/WHILE/FOR/TRY else */
	struct ir_block finalbody; /* TRY */
	struct ir_handler *handlers; /* TRY handlers; MATCH cases (type = guard, may be NULL) */
	uint32_t nhandlers;
	bool star;                 /* TRY: except*; FROM: star import */
};

struct ir_file {
	struct ir_block body;
	bool future_annotations; /* from __future__ import annotations */
	bool error;              /* the file could not be read as Python */
	uint32_t error_line;
	const char *error_message;
};

/* Reads the len bytes at src (borrowed, during the call only) into *out,
 * allocating everything in arena (owned by the caller; out stays valid
 * until the arena is released).  Returns 0, or -1 when the file has a
 * syntax error the lexer or this reader detects, or nests deeper than the
 * reader's bound (200 levels); out->error_* then says where and why and
 * out->body holds nothing useful. */
int ir_file_parse(const char *src, size_t len, struct arena *arena, struct ir_file *out);

/* The kind names, for dumps and tests: "name", "attr", ... / "expr", "assign", ... */
const char *ir_expr_kind_name(enum ir_expr_kind kind);
const char *ir_stmt_kind_name(enum ir_stmt_kind kind);

/* Appends a compact S-expression dump of the file (for tests) to out, a
 * struct buf *. */
struct buf;
void ir_dump(struct buf *out, const struct ir_file *file);

#endif
