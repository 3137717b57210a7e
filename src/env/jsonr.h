/* A small JSON reader: text -> a tree of values allocated in an arena.
 * Used for the interpreter query's answer and its on-disk cache; it accepts
 * RFC 8259 JSON (no comments, no trailing commas).  Depth is bounded. */
#ifndef MODSCOPE_ENV_JSONR_H
#define MODSCOPE_ENV_JSONR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

enum jsonr_type {
	JSONR_NULL,
	JSONR_BOOL,
	JSONR_NUMBER,
	JSONR_STRING,
	JSONR_ARRAY,
	JSONR_OBJECT,
};

struct jsonr_value {
	enum jsonr_type type;
	bool boolean;
	double number;
	const char *str;   /* JSONR_STRING: decoded UTF-8, NUL-terminated */
	size_t len;        /* string length in bytes, or item count */
	struct jsonr_value **items; /* JSONR_ARRAY / JSONR_OBJECT values */
	const char **keys;          /* JSONR_OBJECT keys, parallel to items */
};

#define JSONR_MAX_DEPTH 64

/* Parses the n bytes at text (borrowed) into values owned by arena.
 * Returns the root, or NULL with "line L: message" appended to err. */
struct jsonr_value *jsonr_parse(struct arena *arena, const char *text, size_t n,
				struct buf *err);
/* The member key of object v (borrowed), or NULL when v is not an object or
 * has no such key. */
const struct jsonr_value *jsonr_get(const struct jsonr_value *v, const char *key);
/* The string of v, or NULL when v is not a string (borrowed from the arena). */
const char *jsonr_str(const struct jsonr_value *v);

#endif
