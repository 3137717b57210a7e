/* The import scanner: one pass of recursive descent over the tokens of a
 * file, producing its module facts (facts.h, docs/facts.md).  Not a full
 * Python parser: it follows statement structure (blocks, compound
 * statements, targets, calls, lambda and comprehension boundaries) and
 * reports the syntax errors of import statements and a few others CPython's
 * parser raises, as CPython words them. */
#ifndef MODSCOPE_SYNTAX_SCAN_H
#define MODSCOPE_SYNTAX_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "syntax/facts.h"
#include "syntax/lex.h"

/* Reusable scratch state; holds the lexer so one scanner reads many files. */
struct scanner {
	struct lexer lex;
	struct scan_work *work; /* internal scratch vectors */
	bool skip_calls;        /* set to leave scan_facts.calls empty (faster
				 * when only imports and bindings are wanted) */
	bool imports_only;      /* set when only scan_facts.imports and .error
				 * are wanted (implies skip_calls): expressions
				 * with no dynamic-import candidate (lexer.dynamic)
				 * are not walked, so walrus bindings may be
				 * missing from the facts */
};

/* Prepares self, owning nothing yet. */
void scan_init(struct scanner *self);
/* Frees the scratch state. */
void scan_release(struct scanner *self);

/* Tokenizes and scans the len bytes at bytes (borrowed, only during the
 * call) into *out, whose arrays and strings are allocated in arena (owned
 * by the caller; out stays valid until the arena is released).  Returns 0,
 * or -1 when the file has a syntax error (out->error; the facts found
 * before it are kept). */
int scan_file(struct scanner *self, const char *bytes, size_t len,
	      struct arena *arena, struct scan_facts *out);

#endif
